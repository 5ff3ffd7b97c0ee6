import DossierContent
import DossierModel
import DossierTemplates

/// The values of a page of a paginated list.
struct ListPageValues {
    var content: TemplateObject
    var title: String
    var description: String?
    /// The page links (`page.pager`), or nil when the list fits on one page.
    var pager: Pager?
}

extension PageValues {
    /// The values of page `listing.number` of its list.
    func listPage(_ listing: Listing) -> ListPageValues {
        switch listing.list {
        case .briefs:
            let briefs = site.briefs
            let shown = briefs[Pagination.range(page: listing.number, of: briefs.count, size: listing.pageSize)]
            return values(listing, count: briefs.count, title: "Briefs", ["briefs": shown.map(briefSummary).templateValue])
        case .sources:
            let sources = site.sources
            let shown = sources[Pagination.range(page: listing.number, of: sources.count, size: listing.pageSize)]
            return values(listing, count: sources.count, title: "Sources", ["sources": shown.map(sourceSummary).templateValue])
        case .topics:
            let topics = site.topics
            let shown = topics[Pagination.range(page: listing.number, of: topics.count, size: listing.pageSize)]
            return values(listing, count: topics.count, title: "Topics", ["topics": shown.map(topicSummary).templateValue])
        case .actors:
            let actors = PageValues.sortedActors(site.actors)
            let shown = actors[Pagination.range(page: listing.number, of: actors.count, size: listing.pageSize)]
            return values(listing, count: actors.count, title: "Actors", ["actors": actorIndex(shown).templateValue])
        case let .month(year, month):
            let events = site.events(year: year, month: month)
            let range = Pagination.range(page: listing.number, of: events.count, size: listing.pageSize)
            let shown = events[(events.startIndex + range.lowerBound)..<(events.startIndex + range.upperBound)]
            let label = PageValues.monthLabel(year: year, month: month)
            return values(listing, count: events.count, title: "Timeline: \(label)", description: "Events of \(label) in \(site.config.title).",
                          ["timeline": timeline(shown).templateValue, "timeline_months": timelineMonths().templateValue, "timeline_chart": .null])
        case .events(let ref), .briefsOf(let ref):
            return itemListPage(listing, of: ref)
        }
    }

    /// A page of all the events or briefs of an actor or topic, newest first across pages.
    private func itemListPage(_ listing: Listing, of ref: ItemRef) -> ListPageValues {
        let name = site.title(of: ref) ?? ref.id
        let isEvents = listing.fromEnd
        let ids = site.index(isEvents ? (ref.kind == .actor ? .eventsByActor : .eventsByTopic)
                                      : (ref.kind == .actor ? .briefsByActor : .briefsByTopic), ref.id)
        let shown = Array(ids[Pagination.range(page: listing.number, of: ids.count, size: listing.pageSize, fromEnd: isEvents)])
        let heading = isEvents ? "Events of \(name)" : "Briefs mentioning \(name)"
        let value = ItemListing(heading: heading, ownerName: name, ownerURL: links.url(ref), isEvents: isEvents, total: ids.count,
                                events: isEvents ? eventSummaries(shown) : [], briefs: isEvents ? [] : briefSummaries(shown))
        return values(listing, count: ids.count, title: heading, description: "\(heading): all \(ids.count).",
                      ["listing": value.templateValue])
    }

    /// A list page's values: its title has the page number when the list has more than one page.
    private func values(_ listing: Listing, count: Int, title: String, description: String? = nil, _ content: TemplateObject) -> ListPageValues {
        let pages = Pagination.pageCount(count, size: listing.pageSize)
        return ListPageValues(content: content, title: pages > 1 ? "\(title) — page \(listing.number) of \(pages)" : title,
                              description: description, pager: pager(listing, count: count))
    }

    /// The page links of a list of `count` items, or null when they fit on one page. Page 1 holds the newest items,
    /// so "previous" is newer and "next" older, except in a month of the timeline, which reads in date order.
    func pager(_ listing: Listing, count: Int) -> Pager? {
        let pages = Pagination.pageCount(count, size: listing.pageSize)
        guard pages > 1 else { return nil }
        let n = listing.number
        func url(_ number: Int) -> String { links.url(listing.folder(page: number)) }
        // First, last, and two either side of this page; a gap marks pages left out.
        var numbers: [PagerEntry] = []
        var last = 0
        for number in 1...pages where number == 1 || number == pages || abs(number - n) <= 2 {
            if number > last + 1 { numbers.append(.gap) }
            numbers.append(.page(number, url: url(number), current: number == n))
            last = number
        }
        let chronological: Bool
        switch listing.list {
        case .month: chronological = true
        case .actors, .topics, .sources: chronological = true
        default: chronological = false
        }
        return Pager(number: n, count: pages, pages: numbers, prevURL: n > 1 ? url(n - 1) : nil, nextURL: n < pages ? url(n + 1) : nil,
                     prevLabel: chronological ? "Previous page" : "Newer", nextLabel: chronological ? "Next page" : "Older",
                     firstURL: url(1))
    }

    /// Every month of the timeline, newest first, each with its page and number of events.
    func timelineMonths() -> TimelineMonths {
        let months = site.timelineMonths()
        let list = months.reversed().map { m in
            MonthLink(label: PageValues.monthLabel(year: m.year, month: m.month), count: m.count,
                      url: links.url(Listing(.month(year: m.year, month: m.month), 1).folder))
        }
        let note = page.kind == .timeline ? "Above are the latest \(Pagination.pageSize) events. Each month has its own pages, in date order."
            : "Each month has its own pages, in date order."
        let heading: String, lede: String
        if case .listing(let listing) = page.kind, case let .month(year, month) = listing.list {
            heading = "Timeline: " + PageValues.monthLabel(year: year, month: month)
            lede = "The events of \(PageValues.monthLabel(year: year, month: month)), in date order; every month is listed below."
        } else {
            heading = "Timeline"
            lede = "The latest \(Pagination.pageSize) events, oldest first, grouped by month; every month has its own pages, listed below."
        }
        return TimelineMonths(note: note, months: list, heading: heading, lede: lede)
    }

    /// `March 2026`, or `2026` for a year alone.
    static func monthLabel(year: Int, month: Int?) -> String {
        month == nil ? String(year) : PartialDate(year: year, month: month).formatted()
    }

    /// Actors in the order of the actor index: by kind, then by name.
    static func sortedActors(_ actors: [Actor]) -> [Actor] {
        let order = Dictionary(uniqueKeysWithValues: Actor.Kind.allCases.enumerated().map { ($1, $0) })
        return actors.sorted { (order[$0.kind]!, $0.name.lowercased(), $0.id) < (order[$1.kind]!, $1.name.lowercased(), $1.id) }
    }

    /// The section a list page belongs to, for the site menu.
    static func section(_ listing: Listing) -> SitePage.Kind {
        switch listing.list {
        case .briefs: .briefIndex
        case .sources: .sourceIndex
        case .actors: .actorIndex
        case .topics: .topicIndex
        case .month: .timeline
        case .events(let ref), .briefsOf(let ref): .item(ref)
        }
    }

    /// At most `limit` of `ids`, the newest (at the end with `fromEnd`), and a link to all of them when some are left out.
    func capped(_ ids: [String], of ref: ItemRef, events: Bool) -> (shown: [String], more: MoreLink?) {
        let limit = Pagination.itemPageLimit
        guard ids.count > limit else { return (ids, nil) }
        let shown = events ? Array(ids.suffix(limit)) : Array(ids.prefix(limit))
        let list: Listing.List = events ? .events(ref) : .briefsOf(ref)
        let label = events ? "All \(ids.count) events" : "All \(ids.count) briefs"
        return (shown, MoreLink(url: links.url(Listing(list, 1).folder), label: label))
    }
}
