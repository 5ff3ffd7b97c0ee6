import DossierContent
import DossierModel

/// The list of pages a site has, decided from the model alone.
public enum SitePlan {
    /// Every page of `site`, in a fixed order: section pages first, then items by kind and id, then the own page of
    /// each of `editions` (edition numbers).
    public static func pages(for site: SiteModel, editions: [Int] = []) -> [SitePage] {
        var pages: [SitePage] = [
            SitePage(kind: .home, path: "index.html"),
            SitePage(kind: .briefIndex, path: "briefs/index.html"),
            SitePage(kind: .timeline, path: "timeline/index.html"),
            SitePage(kind: .actorIndex, path: "actors/index.html"),
            SitePage(kind: .topicIndex, path: "topics/index.html"),
            SitePage(kind: .stanceMatrix, path: "stances/index.html"),
            SitePage(kind: .sourceIndex, path: "sources/index.html"),
            SitePage(kind: .search, path: "search/index.html"),
            SitePage(kind: .changes, path: "changes/index.html"),
            SitePage(kind: .notFound, path: "404.html"),
        ]
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
}
