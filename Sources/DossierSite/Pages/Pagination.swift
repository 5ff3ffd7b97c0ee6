import DossierContent
import DossierModel

/// How long lists are cut into pages: every limit in one place.
///
/// A list that fits on one page is shown whole, with no page links; a longer one is split at stable URLs
/// (`briefs/page/2/`), with the newest items on its first page.
public enum Pagination {
    /// Items on one page of a list of cards or events: briefs, sources, topics, timeline events, an actor's events.
    public static let pageSize = 50
    /// Names on one page of the actor index, whose entries are a name and a role.
    public static let namesPerPage = 200
    /// Items an actor or topic page lists before linking to all of them.
    public static let itemPageLimit = 50
    /// Actors and topics on the home page before linking to all of them.
    public static let homeActors = 30
    public static let homeTopics = 12
    /// Rows (actors with the most stances) and columns (topics with the most stances) of the stance matrix page.
    public static let matrixActors = 40
    public static let matrixTopics = 20
    /// URLs in one sitemap file (the sitemaps.org limit); more are split into files listed by a sitemap index.
    public static let sitemapURLs = 50_000

    /// How many pages `count` items fill at `size` a page (at least one).
    public static func pageCount(_ count: Int, size: Int) -> Int { max(1, (count + size - 1) / size) }

    /// The indices of page `number` (from 1) of `count` items; with `fromEnd`, page 1 holds the last items
    /// (lists kept oldest first, whose newest items are at the end), each page still in list order.
    public static func range(page number: Int, of count: Int, size: Int, fromEnd: Bool = false) -> Range<Int> {
        if fromEnd {
            let upper = max(0, count - (number - 1) * size)
            return max(0, upper - size)..<upper
        }
        let lower = min(count, (number - 1) * size)
        return lower..<min(count, lower + size)
    }
}

/// One page of a paginated list: which list, and which page of it.
public struct Listing: Sendable, Hashable {
    /// The lists that are paginated.
    public enum List: Sendable, Hashable {
        case briefs, sources, actors, topics
        /// The events of one month of the timeline (`month` nil for events dated by year alone).
        case month(year: Int, month: Int?)
        /// All events of an actor or topic.
        case events(ItemRef)
        /// All briefs that mention an actor or topic.
        case briefsOf(ItemRef)
    }

    public var list: List
    /// The page number, from 1.
    public var number: Int

    public init(_ list: List, _ number: Int) {
        self.list = list
        self.number = number
    }

    /// The folder of the list's first page, relative to the site root, ending in `/` (`briefs/`, `timeline/2026/03/`).
    public var folder: String {
        switch list {
        case .briefs: "briefs/"
        case .sources: "sources/"
        case .actors: "actors/"
        case .topics: "topics/"
        case .month(let year, let month): "timeline/" + Listing.monthPath(year: year, month: month)
        case .events(let ref): "\(ref.kind.folder)/\(ref.id)/events/"
        case .briefsOf(let ref): "\(ref.kind.folder)/\(ref.id)/briefs/"
        }
    }

    /// The folder of page `number` of this list (`briefs/page/2/`).
    public func folder(page number: Int) -> String { number == 1 ? folder : folder + "page/\(number)/" }

    /// `2026/03/`, or `2026/` for a year alone.
    static func monthPath(year: Int, month: Int?) -> String {
        let y = String(year)
        guard let month else { return y + "/" }
        return y + "/" + (month < 10 ? "0" : "") + String(month) + "/"
    }

    /// Items a page of this list holds.
    public var pageSize: Int { list == .actors ? Pagination.namesPerPage : Pagination.pageSize }

    /// Whether page 1 holds the end of the list (events are kept oldest first; their newest come first).
    public var fromEnd: Bool {
        if case .events = list { return true }
        return false
    }

    /// The template that draws pages of this list.
    public var template: String {
        switch list {
        case .briefs: "briefs"
        case .sources: "sources"
        case .actors: "actors"
        case .topics: "topics"
        case .month: "timeline"
        case .events, .briefsOf: "listing"
        }
    }
}

extension SiteModel {
    /// The timeline's months, oldest first, as (year, month) with the number of events in each.
    func timelineMonths() -> [(year: Int, month: Int?, count: Int)] {
        var months: [(year: Int, month: Int?, count: Int)] = []
        for e in events {
            if let last = months.last, last.year == e.date.year, last.month == e.date.month {
                months[months.count - 1].count += 1
            } else {
                months.append((e.date.year, e.date.month, 1))
            }
        }
        return months
    }

    /// The events of one month of the timeline (or of a year, for events dated by year alone): a slice of `events`,
    /// which are sorted by date, found by binary search.
    func events(year: Int, month: Int?) -> ArraySlice<Event> {
        func before(_ e: Event) -> Bool { (e.date.year, e.date.month ?? 0) < (year, month ?? 0) }
        func within(_ e: Event) -> Bool { (e.date.year, e.date.month ?? 0) <= (year, month ?? 0) }
        return events[firstIndex(where: before)..<firstIndex(where: within)]
    }

    /// The page of its month's timeline that shows event `id`, or nil when there is no such event.
    func timelinePage(of id: String) -> Listing? {
        guard let e = event(id) else { return nil }
        let month = events(year: e.date.year, month: e.date.month)
        let position = (month.firstIndex { $0.id == id } ?? month.startIndex) - month.startIndex
        return Listing(.month(year: e.date.year, month: e.date.month), position / Pagination.pageSize + 1)
    }

    /// The first index of `events` where `isBefore` stops holding (it holds for a prefix).
    private func firstIndex(where isBefore: (Event) -> Bool) -> Int {
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if isBefore(events[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
