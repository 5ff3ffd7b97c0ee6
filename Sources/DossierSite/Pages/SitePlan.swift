import DossierContent
import DossierModel

/// The list of pages a site has, decided from the model alone.
public enum SitePlan {
    /// Every page of `site`, in a fixed order: section pages first, then items by kind and id, then the own page of
    /// each of `editions` (edition numbers).
    public static func pages(for site: SiteModel, editions: [Int] = []) -> [SitePage] {
        var pages = SectionPage.all.map { SitePage(kind: $0.kind, path: $0.path) }
        pages += listings(for: site)
        func add(_ kind: ItemKind, _ ids: [String]) {
            for id in ids.sorted() {
                pages.append(SitePage.item(ItemRef(kind, id)))
            }
        }
        add(.brief, site.briefs.map(\.id))
        add(.actor, site.actors.map(\.id))
        add(.event, site.events.map(\.id))
        add(.topic, site.topics.map(\.id))
        add(.source, site.sources.map(\.id))
        pages += editions.sorted().map { SitePage(kind: .edition($0), path: "changes/\($0)/index.html") }
        return pages
    }

    /// The pages of paginated lists besides the index pages' first pages: later pages of the indexes, every month
    /// of the timeline, and the full event and brief lists of actors and topics that list more than a page holds.
    static func listings(for site: SiteModel) -> [SitePage] {
        var pages: [SitePage] = []
        func add(_ list: Listing.List, count: Int, from first: Int) {
            let size = Listing(list, 1).pageSize
            guard first <= Pagination.pageCount(count, size: size) else { return }
            for number in first...Pagination.pageCount(count, size: size) {
                pages.append(.listing(Listing(list, number)))
            }
        }
        add(.briefs, count: site.briefs.count, from: 2)
        add(.sources, count: site.sources.count, from: 2)
        add(.actors, count: site.actors.count, from: 2)
        add(.topics, count: site.topics.count, from: 2)
        for month in site.timelineMonths() {
            add(.month(year: month.year, month: month.month), count: month.count, from: 1)
        }
        func addItemLists(_ kind: ItemKind, _ ids: [String], events: [String: [String]], briefs: [String: [String]]) {
            for id in ids.sorted() {
                let ref = ItemRef(kind, id)
                if let list = events[id], list.count > Pagination.itemPageLimit { add(.events(ref), count: list.count, from: 1) }
                if let list = briefs[id], list.count > Pagination.itemPageLimit { add(.briefsOf(ref), count: list.count, from: 1) }
            }
        }
        addItemLists(.actor, site.actors.map(\.id), events: site.eventsByActor, briefs: site.briefsByActor)
        addItemLists(.topic, site.topics.map(\.id), events: site.eventsByTopic, briefs: site.briefsByTopic)
        return pages
    }
}
