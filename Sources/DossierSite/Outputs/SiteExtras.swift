import DossierContent
import DossierModel
import DossierSupport
import Foundation
import Synchronization

/// The site-wide outputs of a build: the search index, the feeds, the sitemap, the kept originals and the data
/// exports (`SiteExport.all`), each made by its own job, all in parallel. An incremental build keeps the files of a job when nothing that job reads
/// changed, and the search entries and feeds of items that did not change.
struct SiteExtras {
    /// The files made.
    var files: [OutputFile] = []
    /// Files an earlier build made that stay as they are (path → checksum).
    var kept: [String: String] = [:]
    /// The files of each job, made or kept, by job name (`search` lists the search index shards).
    var paths: [String: [String]] = [:]
    /// Each item's search index entry, for the next build.
    var searchEntries: [ItemRef: [UInt8]] = [:]
    /// The jobs that ran (the others kept their files), in job order.
    var made: [String] = []
    /// The jobs to run, in job order: `finish` takes their outputs, so the build can run them alongside its pages.
    let pending: [ExtraJob]

    private let jobs: [ExtraJob]
    private let keep: [Bool]
    private let previous: SiteBuilder.LastBuild?
    private let searchHandoff: Handoff<[ItemRef: [UInt8]]>
    private let keptFeeds: Handoff<[String]>

    /// Plans the outputs of `site`: which jobs must run (`pending`) and which keep what `previous` made (where their
    /// inputs are unchanged). Run the pending jobs, then hand their outputs to `finish`. `remember` keeps each item's
    /// search entry for a next build.
    init(planning site: SiteModel, siteFolder: URL, pages: [SitePage], changes: ChangeLog, network: ActorNetwork,
         previous: SiteBuilder.LastBuild?, remember: Bool) {
        let urls = SiteURLs(baseURL: site.config.baseURL)
        // Search index, feeds, sitemap and data exports: each independent, made in parallel with each other.
        // An incremental build keeps the files of a job when nothing that job reads changed.
        let all: [BuildKey] = [.config] + ItemKind.allCases.map { .collection($0) }
        let searchHandoff = Handoff<[ItemRef: [UInt8]]>()
        let keptFeeds = Handoff<[String]>()
        let jobs: [ExtraJob] = [
            ExtraJob(name: "search", reads: all, threads: { threads in
                let made = SearchIndex.files(site: site, reusing: previous.map { ($0.site, $0.searchEntries) }, jobs: threads,
                                             keepingEntries: remember)
                searchHandoff.set(made.entries)
                return made.files
            }),
            ExtraJob(name: "feeds", reads: all + [.changeLog]) {
                // Feeds of actors and topics whose entries are all unchanged stay as the last build wrote them.
                let old = previous.flatMap { p in
                    p.site.config == site.config && p.site.sameTitles(as: site)
                        && SiteJSON.contentDate(p.site) == SiteJSON.contentDate(site) ? p.site : nil
                }
                let made = SiteFeeds.files(site: site, urls: urls, changes: changes) { ref in
                    guard let old, previous?.hashes[SiteFeeds.feedPath(ref)] != nil else { return false }
                    return SiteFeeds.sameFeed(ref, site, old)
                }
                keptFeeds.set(made.kept)
                return made.files
            },
            ExtraJob(name: "sitemap", reads: [.config, .pagePaths]) { Sitemap.files(pages: pages, urls: urls) },
            ExtraJob(name: "originals", reads: [.collection(.source)], threads: { jobs in
                KeptOriginalFiles.files(site: site, siteFolder: siteFolder, jobs: jobs)
            }),
        ] + SiteExport.all.map { $0.extraJob(SiteExport.Input(site: site, network: network, urls: urls, changes: changes)) }
        var known: [BuildKey: Bool] = [:]
        func unchanged(_ key: BuildKey) -> Bool {
            guard let previous else { return false }
            if let answer = known[key] { return answer }
            let answer: Bool = switch key {
            case .changeLog: changes == previous.context.changes
            case .pagePaths: pages.count == previous.pages.count && pages.allSatisfy { previous.pages[$0.path] != nil }
            case .titles: site.sameTitles(as: previous.site)
            case .model(let key): site.same(key, as: previous.site)
            // Made from the whole content or a theme file: no job reads these, and one that did is made again.
            case .template, .asset, .content: false
            }
            known[key] = answer
            return answer
        }
        let keep = jobs.map { previous?.extras[$0.name] != nil && $0.reads.allSatisfy(unchanged) }
        self.jobs = jobs
        self.keep = keep
        self.previous = previous
        self.searchHandoff = searchHandoff
        self.keptFeeds = keptFeeds
        pending = zip(jobs, keep).filter { !$0.1 }.map(\.0)
    }

    /// Takes the outputs of the `pending` jobs, in their order, and notes what each job made or kept. With
    /// `holding` false the files were already written: only their paths are noted, `files` stays empty.
    mutating func finish(_ made: [[OutputFile]], holding: Bool = true) {
        precondition(made.count == pending.count, "one output per pending job")
        var results = made.makeIterator()
        let outputs: [[OutputFile]?] = keep.map { $0 ? nil : results.next()! }
        self.made = pending.map(\.name)
        for (job, output) in zip(jobs, outputs) {
            if let output {
                if holding { files += output }
                paths[job.name] = output.map(\.path)
                if job.name == "feeds", let previous, let keptFeeds = keptFeeds.get() {
                    paths[job.name]! += keptFeeds
                    for path in keptFeeds { kept[path] = previous.hashes[path] }
                }
            } else if let previous, let old = previous.extras[job.name] {
                paths[job.name] = old
                for path in old { kept[path] = previous.hashes[path] }
            }
        }
        searchEntries = searchHandoff.get() ?? previous?.searchEntries ?? [:]
    }
}

/// One site-wide output of a build (the search index, the feeds, an export), with what it reads of the model.
struct ExtraJob: Sendable {
    var name: String
    /// What the job reads: parts of the model, the list of pages, the titles, the change log.
    var reads: [BuildKey]
    /// Makes the job's files on at most the given number of threads.
    var make: @Sendable (Jobs) -> [OutputFile]

    /// A job that makes its files on one thread.
    init(name: String, reads: [BuildKey], make: @escaping @Sendable () -> [OutputFile]) {
        self.init(name: name, reads: reads, threads: { _ in make() })
    }

    /// A job that spreads its own work over the build's threads.
    init(name: String, reads: [BuildKey], threads make: @escaping @Sendable (Jobs) -> [OutputFile]) {
        self.name = name
        self.reads = reads
        self.make = make
    }
}

/// Hands a value from a site-wide job (run in parallel with the others) back to the build.
final class Handoff<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)

    func set(_ new: T) { value.withLock { $0 = new } }
    func get() -> T? { value.withLock { $0 } }
}
