import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates

/// What every page of one build shares, computed once before pages render: absolute URLs, the actor network,
/// the site-wide pictures, the change log and the search shards. Pages only read it.
///
/// The parts made once live in one reference-counted `Storage` and are read in place: every page keeps a copy
/// of the context, and both cores would otherwise count references on the same few dozen objects for each page.
public struct SiteContext: Sendable {
    /// The parts of a context that never change once it is made.
    private final class Storage: Sendable {
        let site: SiteModel
        let urls: SiteURLs
        let network: ActorNetwork
        let changes: ChangeLog
        let contentDate: PartialDate?
        let timelineChart: String?
        let homeNetwork: String?
        let matrixChart: String?
        let footers: [Int: SharedView<Footer>]
        let itemNavs: [ItemKind: SharedView<[NavEntry]>]
        let itemPageLinks: (actors: [String: SharedView<ActorLink>], topics: [String: SharedView<TopicLink>])

        init(site: SiteModel, changes: ChangeLog, network: ActorNetwork, jobs: Jobs) {
            self.site = site
            let urls = SiteURLs(baseURL: site.config.baseURL)
            self.urls = urls
            self.network = network
            self.changes = changes
            contentDate = SiteJSON.contentDate(site)
            // The timeline is drawn on another core meanwhile.
            var home: String?, matrix: String?
            timelineChart = concurrently(jobs: jobs, { TimelineChart.svg(site: site) }, while: {
                home = NetworkChart.home(site: site, network: network)
                matrix = StanceCharts.matrix(site: site)
            })
            homeNetwork = home
            matrixChart = matrix
            footers = Dictionary(uniqueKeysWithValues: (0...SitePage.itemDepth).map { ($0, SharedView(PageValues.footer(links: Links(depth: $0), urls: urls))) })
            let itemLinks = Links(depth: SitePage.itemDepth)
            itemPageLinks = (Dictionary(site.actors.map { ($0.id, SharedView(ActorLink($0, links: itemLinks))) }, uniquingKeysWith: { a, _ in a }),
                             Dictionary(site.topics.map { ($0.id, SharedView(TopicLink($0, links: itemLinks))) }, uniquingKeysWith: { a, _ in a }))
            itemNavs = Dictionary(uniqueKeysWithValues: ItemKind.allCases.map { kind in
                let page = SitePage.item(ItemRef(kind, "_"))
                return (kind, SharedView(PageValues.nav(kind: page.kind, path: page.path, links: Links(depth: SitePage.itemDepth))))
            })
        }
    }

    private let storage: Storage

    public var site: SiteModel { _read { yield storage.site } }
    /// Items whose body prose was edited after `site` was built, read over it when a page is rendered ahead of
    /// a full build (see `IncrementalBuilder.build`); nil in a normal build.
    public internal(set) var edits: BodyEdits?
    public var urls: SiteURLs { _read { yield storage.urls } }
    public var network: ActorNetwork { _read { yield storage.network } }
    public var changes: ChangeLog { _read { yield storage.changes } }
    /// The newest date in the content, for charts that run "until now".
    public var contentDate: PartialDate? { _read { yield storage.contentDate } }
    /// The timeline picture (SVG), drawn once.
    public var timelineChart: String? { _read { yield storage.timelineChart } }
    /// The home page's network picture (SVG), drawn once.
    public var homeNetwork: String? { _read { yield storage.homeNetwork } }
    /// The home page's stance matrix picture (SVG), drawn once.
    public var matrixChart: String? { _read { yield storage.matrixChart } }
    /// The search index files, in load order (`search/index-1.js`, …).
    public internal(set) var searchShards: [String]
    /// The footer of a page at each folder depth, and the menu of each kind's item pages: the same on many pages.
    var footers: [Int: SharedView<Footer>] { _read { yield storage.footers } }
    var itemNavs: [ItemKind: SharedView<[NavEntry]>] { _read { yield storage.itemNavs } }
    /// Every actor and topic as a link from an item page (the pages that name them most), by id.
    var itemPageLinks: (actors: [String: SharedView<ActorLink>], topics: [String: SharedView<TopicLink>]) { _read { yield storage.itemPageLinks } }
    /// Event summaries and reference entries of item pages, made once when no page records its reads (see
    /// `SharedItemValues`); nil otherwise.
    var shared: SharedItemValues?

    /// How many threads making the shared parts may use (the build's `--jobs`).
    public let jobs: Jobs

    /// Computes the shared parts of a build of `site`, on `jobs` threads (all usable cores by default).
    public init(site: SiteModel, changes: ChangeLog, searchShards: [String], network: ActorNetwork? = nil,
                jobs: Jobs = .usableCores) {
        storage = Storage(site: site, changes: changes, network: network ?? ActorNetwork(site: site), jobs: jobs)
        self.searchShards = searchShards
        self.jobs = jobs
    }
}
