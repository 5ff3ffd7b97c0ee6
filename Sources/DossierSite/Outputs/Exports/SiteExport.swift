import DossierContent
import DossierModel

/// A data export of the whole site: the file it writes, how every page's footer names it, what it reads of the
/// model (so an incremental build keeps it when that is unchanged) and how it is made.
///
/// `SiteExport.all` drives both the build's export jobs and the footer links: a new export is one file with its
/// writer and one entry in that list.
struct SiteExport: Sendable {
    /// What an export is made from.
    struct Input: Sendable {
        let site: SiteModel
        let network: ActorNetwork
        let urls: SiteURLs
        let changes: ChangeLog
    }

    /// The build job's name, also its key in the build record.
    var job: String
    /// The file's path in the output.
    var path: String
    /// The footer's words for it.
    var label: String
    /// The footer's name of its format.
    var format: String
    /// What it reads of the model.
    var reads: [BuildKey]
    /// Makes the file's bytes.
    var make: @Sendable (Input) -> [UInt8]

    /// Every export, in footer order.
    static let all: [SiteExport] = [
        SiteExport(job: "timeline", path: "data/timeline.json", label: "Timeline (TimelineJS)", format: "JSON",
                   reads: [.config, .collection(.event), .titles]) { Array(TimelineJSON.text(site: $0.site, urls: $0.urls).utf8) },
        SiteExport(job: "network", path: "data/network.json", label: "Network (Kumu)", format: "JSON",
                   reads: [.config, .collection(.actor), .collection(.event)]) {
            Array(KumuBlueprint.text(site: $0.site, network: $0.network, urls: $0.urls).utf8)
        },
        SiteExport(job: "graphml", path: "data/network.graphml", label: "Network (Gephi, yEd)", format: "GraphML",
                   reads: [.config, .collection(.actor), .collection(.event)]) {
            Array(NetworkGraphML.text(site: $0.site, network: $0.network, urls: $0.urls).utf8)
        },
        SiteExport(job: "calendar", path: "data/events.ics", label: "Calendar", format: "iCalendar",
                   reads: [.config, .collection(.event), .titles]) { Array(ICalendar.text(site: $0.site, urls: $0.urls).utf8) },
        SiteExport(job: "stances", path: "data/stances.csv", label: "Stances", format: "CSV",
                   reads: [.collection(.topic), .titles]) { Array(StancesCSV.text(site: $0.site).utf8) },
        SiteExport(job: "site.json", path: "data/site.json", label: "Whole model", format: "JSON",
                   reads: [.config, .changeLog] + ItemKind.allCases.map { .collection($0) }) {
            SiteJSON.bytes(site: $0.site, changes: $0.changes)
        },
    ]

    /// The build job that writes this export from `input`.
    func extraJob(_ input: Input) -> ExtraJob {
        ExtraJob(name: job, reads: reads) { [path, make] in [OutputFile(path: path, bytes: make(input))] }
    }
}
