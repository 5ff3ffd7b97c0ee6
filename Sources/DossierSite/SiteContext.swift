import DossierContent
import DossierModel
import DossierTemplates

/// What every page of one build shares, computed once before pages render: absolute URLs, the actor network,
/// the site-wide pictures, the change log and the search shards. Pages only read it.
public struct SiteContext: Sendable {
    public let site: SiteModel
    /// Items whose body prose was edited after `site` was built, read over it when a page is rendered ahead of
    /// a full build (see `IncrementalBuilder.build`); nil in a normal build.
    public internal(set) var edits: BodyEdits?
    public let urls: SiteURLs
    public let network: ActorNetwork
    public let changes: ChangeLog
    /// The newest date in the content, for charts that run "until now".
    public let contentDate: PartialDate?
    /// The timeline picture (SVG), drawn once.
    public let timelineChart: String?
    /// The home page's network picture (SVG), drawn once.
    public let homeNetwork: String?
    /// The home page's stance matrix picture (SVG), drawn once.
    public let matrixChart: String?
    /// The search index files, in load order (`search/index-1.js`, …).
    public internal(set) var searchShards: [String]
    /// The footer of a page at each folder depth, and the menu of each kind's item pages: the same on many pages.
    let footers: [Int: TemplateValue]
    let itemNavs: [ItemKind: TemplateValue]
    /// Every actor and topic as a link from an item page (the pages that name them most), by id.
    let itemPageLinks: (actors: [String: TemplateValue], topics: [String: TemplateValue])
    /// Event summaries and reference entries of item pages, made once when no page records its reads (see
    /// `SharedItemValues`); nil otherwise.
    var shared: SharedItemValues?

    /// Computes the shared parts of a build of `site`.
    public init(site: SiteModel, changes: ChangeLog, searchShards: [String], network: ActorNetwork? = nil) {
        self.site = site
        urls = SiteURLs(baseURL: site.config.baseURL)
        let network = network ?? ActorNetwork(site: site)
        self.network = network
        self.changes = changes
        contentDate = SiteJSON.contentDate(site)
        timelineChart = TimelineChart.svg(site: site)
        homeNetwork = NetworkChart.home(site: site, network: network)
        matrixChart = StanceCharts.matrix(site: site)
        self.searchShards = searchShards
        let urls = self.urls
        footers = Dictionary(uniqueKeysWithValues: (0...SitePage.itemDepth).map { ($0, PageValues.footer(links: Links(depth: $0), urls: urls)) })
        let itemLinks = Links(depth: SitePage.itemDepth)
        itemPageLinks = (Dictionary(site.actors.map { ($0.id, PageValues.actorLink($0, links: itemLinks)) }, uniquingKeysWith: { a, _ in a }),
                         Dictionary(site.topics.map { ($0.id, PageValues.topicLink($0, links: itemLinks)) }, uniquingKeysWith: { a, _ in a }))
        itemNavs = Dictionary(uniqueKeysWithValues: ItemKind.allCases.map { kind in
            let page = SitePage.item(ItemRef(kind, "_"))
            return (kind, PageValues.nav(kind: page.kind, path: page.path, links: Links(depth: SitePage.itemDepth)))
        })
    }
}
