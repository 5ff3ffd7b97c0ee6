import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates
import Foundation

/// Builds a site folder into `Output/`: load and check the content, plan the pages, render them in
/// parallel, and write what changed — or, when anything is wrong, write nothing and report it all.
public struct SiteBuilder: Sendable {
    /// What to build and where.
    public struct Options: Sendable {
        /// The folder holding `Content/` (and optionally `Templates/`).
        public var siteFolder: URL
        /// Where to write; `siteFolder/Output` when nil.
        public var outputFolder: URL?
        /// Replaces `base_url` from `site.yml`.
        public var baseURL: String?
        /// Which editions the build shows: published only (the default), with unpublished changes, or with a
        /// new edition a publish is about to record.
        public var editions: EditionMode
        /// How many threads loading, rendering and writing may use (`--jobs`); the output is the same for any count.
        public var jobs: Jobs

        /// Options for building the site in `siteFolder` on `jobs` threads (all usable cores by default).
        public init(siteFolder: URL, outputFolder: URL? = nil, baseURL: String? = nil, editions: EditionMode = .published,
                    jobs: Jobs = .usableCores) {
            self.siteFolder = siteFolder
            self.outputFolder = outputFolder
            self.baseURL = baseURL
            self.editions = editions
            self.jobs = jobs
        }

        /// The folder the build writes to.
        public var output: URL { outputFolder ?? siteFolder.appendingPathComponent(SiteLayout.output) }
    }

    /// The outcome of a build: its diagnostics and, when it wrote, what it wrote.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Number of output files (pages and assets) the site has.
        public var fileCount: Int
        public var pageCount: Int
        public var written: Int
        public var unchanged: Int
        public var removed: Int
        /// The pages rendered by this build (output paths, in plan order); an incremental build renders only
        /// the pages whose inputs changed.
        public var rendered: [String] = []
        /// The pages written ahead of the rest of an incremental build (the own pages of items whose body prose
        /// was edited, see `IncrementalBuilder.build`), before everything else.
        public var previewed: [String] = []
        /// The site-wide outputs made again (`search`, `feeds`, `site.json`, …); an incremental build keeps the rest.
        var extrasMade: [String] = []
        /// The output files the build moved into place or removed (paths below the output folder); nil when unknown.
        var touched: [String]?
        /// Whether the output folder was empty before the build, so the files of `hashes` are all it holds.
        var intoEmptyFolder = false
        /// The stamps of the files written as they were rendered (see `Rendered.stamps`), when the folder was empty.
        var stamps: [String: FileStamp] = [:]
        /// Every output file's checksum by path, as the manifest lists them; nil when the build wrote nothing.
        var hashes: [String: String]?
        /// The edition this build showed as new (with `EditionMode.cut`), for the publish to record once it went
        /// out; nil when nothing tracked changed since the latest edition.
        public var cutEdition: EditionRecord?
        /// Seconds the build took.
        public var duration: Double
        /// Seconds spent in each stage (`load`, `render`, `write`), for `--timings` and benchmarks.
        public var timings: [(stage: String, seconds: Double)] = []

        /// Whether pages written ahead of this build cancelled it (see `BuildGate`): it wrote nothing, and the
        /// next build, which reads the newer files, does its work.
        public var cancelled = false

        /// Whether the build succeeded (no errors; warnings allowed).
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// A rendered site held in memory: every output file, or the diagnostics that stopped it.
    public struct Rendered: Sendable {
        public var site: SiteModel?
        public var pages: [SitePage]
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Seconds spent loading the content and rendering the pages.
        public var timings: [(stage: String, seconds: Double)] = []
        /// Pages an incremental build did not render again because nothing they read changed (path → checksum).
        public var kept: [String: String] = [:]
        /// The pages rendered (output paths), the rest of `pages` being kept.
        public var rendered: [String] = []
        /// Pages written to an empty output folder as they were rendered (path → checksum), instead of held in `files`.
        var written: [String: String] = [:]
        /// The size and modification time of each of `written`, as it was left.
        var stamps: [String: FileStamp] = [:]
        /// The template sources the pages were rendered with.
        var templates: [String: String] = [:]
        /// What the pages shared and the templates they were rendered with, for quick previews of later edits.
        var context: SiteContext?
        var library: TemplateLibrary?
        /// The files each site-wide job made or kept, by job name.
        var extras: [String: [String]] = [:]
        /// Each item's search index entry.
        var searchEntries: [ItemRef: [UInt8]] = [:]
        /// The site-wide jobs that ran.
        var extrasMade: [String] = []
    }

    public let options: Options

    /// Makes a builder with `options`.
    public init(options: Options) {
        self.options = options
    }

    /// Loads, checks and renders the site in memory without touching `Output/`.
    public func render() -> Rendered {
        var cache = LoadCache()
        return render(cache: &cache, mode: .clean, remember: false).rendered
    }

    /// A rendered page: its bytes, or where it was written when the build writes pages as it renders them.
    enum PageOutput: Sendable {
        case file(OutputFile)
        case written(path: String, OutputWriter.Written)
    }

    /// What one page's rendering read (the model's parts and the templates, for incremental builds), and its size.
    struct PageRecord: Sendable {
        var keys: Set<BuildKey>
        var size: Int
    }

    /// The state an incremental build compares with: the last good build's model, templates and pages, and the
    /// manifest it wrote (path → checksum), which gives the hashes of the files a later build keeps.
    struct LastBuild: Sendable {
        var site: SiteModel
        var templates: [String: String]
        var pages: [String: PageRecord]
        var hashes: [String: String]
        /// What every page shared, and the compiled templates, for rendering a page of a body edit at once.
        var context: SiteContext
        var library: TemplateLibrary
        /// The files each site-wide job made (search index, feeds, …), by job name.
        var extras: [String: [String]]
        /// Each item's search index entry, for the next build to reuse those of unchanged items.
        var searchEntries: [ItemRef: [UInt8]]
    }

    /// What a build needs from the last one when only templates changed since (the content is the same): the
    /// graph it recorded and the checksum of every file it wrote.
    struct SameContent: Sendable {
        var graph: BuildGraph
        /// Path → checksum, for the files a template-only build keeps.
        var hashes: [String: String]
    }

    /// Loads, resolves, plans and renders the site in memory: the first four stages, without touching the output
    /// folder. `mode` says what can be kept from an earlier build (see `BuildPlan.Mode`); page records (what each
    /// page read) are made only when `remember` asks for them. With `stream` (an output folder that was empty), each
    /// page is written there as soon as it is rendered and only its hash is kept (`Rendered.written`): a clean build
    /// never holds the whole site in memory.
    func render(cache: inout LoadCache, mode: BuildPlan.Mode, remember: Bool,
                stream: String? = nil) -> (rendered: Rendered, records: [String: PageRecord]) {
        let loaded = load(cache: &cache)
        var clock = Stopwatch()
        guard let site = loaded.site, let library = loaded.library, !loaded.diagnostics.hasErrors else {
            return (Rendered(site: loaded.site, pages: [], files: [], diagnostics: loaded.diagnostics.sortedUnique()), [:])
        }
        let plan = plan(site, history: loaded.history, theme: loaded.theme, library: library, mode: mode, remember: remember,
                        stream: stream)
        let prepareTime = clock.lap()
        let pages = render(plan, theme: loaded.theme, library: library)
        var previousHashes: [String: String] = [:]
        if case .incremental(let previous) = mode { previousHashes = previous.hashes }
        var (rendered, records) = gather(pages, plan: plan, loaded: loaded, library: library, previousHashes: previousHashes)
        rendered.timings = loaded.timings + [("prepare", prepareTime), ("render", clock.lap())]
        return (rendered, records)
    }

    /// Builds the site and writes `Output/`; a build with errors leaves `Output/` exactly as it was.
    public func build() -> Result {
        var cache = LoadCache()
        return build(cache: &cache, mode: .clean, remember: false).0.result
    }

    /// Runs every stage: renders with `mode` (see `render(cache:mode:remember:stream:)`) and, stage 5, writes what
    /// changed; returns the outcome, what to remember for the next build (with `remember`), and what was rendered.
    /// With `verifying`, the output folder's manifest is not trusted: every file the build makes is compared with
    /// what is on disk byte for byte (see `OutputWriter.write`).
    /// With `gate`, the files go into place only if nothing written ahead cancelled the build (see `BuildGate`).
    /// `known` is what the output folder holds (path → checksum) when the build graph vouches for it.
    func build(cache: inout LoadCache, mode: BuildPlan.Mode, remember: Bool, verifying: Bool = false,
               gate: BuildGate? = nil, known: [String: String]? = nil) -> ((result: Result, last: LastBuild?), Rendered) {
        var clock = Stopwatch()
        let writer = OutputWriter(folder: options.output, jobs: options.jobs, siteFolder: options.siteFolder)
        let staging = StagedCommit(output: options.output.path, jobs: options.jobs)
        let (fresh, setup) = prepareOutput(writer, staging, clean: mode.isClean, gate: gate)
        let (rendered, records) = render(cache: &cache, mode: mode, remember: remember, stream: fresh.map { _ in staging.tree })
        var result = Result(diagnostics: (setup + rendered.diagnostics).sortedUnique(),
                            fileCount: rendered.files.count + rendered.kept.count + rendered.written.count,
                            pageCount: rendered.pages.count, written: 0, unchanged: 0, removed: 0, duration: 0,
                            timings: rendered.timings)
        result.rendered = rendered.rendered
        result.extrasMade = rendered.extrasMade
        result.cutEdition = rendered.context?.changes.cut
        var writeClock = Stopwatch()
        var (committed, last): (Bool, LastBuild?) = (false, nil)
        if !result.diagnostics.hasErrors, gate?.isCancelled != true, rendered.site != nil {
            (committed, last) = write(rendered, records: records, into: writer, fresh: fresh != nil, verifying: verifying,
                                      gate: gate, remember: remember, manifest: mode.manifest ?? known, result: &result)
        }
        if gate?.isCancelled == true, !committed { result.cancelled = true }
        // A failed or cancelled build leaves nothing: what it staged goes, and a folder that held nothing is put back
        // as it was.
        if !result.succeeded || result.cancelled {
            let undo = {
                staging.discard()
                if let fresh { writer.restore(fresh) }
            }
            if let gate { gate.exclusively(undo) } else { undo() }
        }
        result.timings.append(("write", writeClock.lap()))
        result.duration = clock.lap()
        return ((result, last), rendered)
    }

    /// Makes the output folder ready: finishes or discards what an interrupted build left, carries an edition
    /// history an older Dossier kept in `Output/data/site.json` into `Editions/`, and, for a clean build into a
    /// folder that holds nothing, prepares the staging folder the pages stream into (returning what the folder was,
    /// to put back on failure). Returns the problems found.
    private func prepareOutput(_ writer: OutputWriter, _ staging: StagedCommit, clean: Bool,
                               gate: BuildGate?) -> (fresh: OutputWriter.Emptiness?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        do {
            if let gate { try gate.exclusively(staging.recover) } else { try staging.recover() }
        } catch {
            problems.append(.error(SourceLocation(path: options.output.path), "cannot finish the interrupted build: \(error)",
                                   code: "write-failed"))
        }
        let recovered = problems.isEmpty
        problems += EditionHistory.migrate(siteFolder: options.siteFolder, output: options.output)
        var fresh = clean && recovered ? writer.emptiness() : nil
        if fresh != nil, (try? staging.prepare()) == nil { fresh = nil }
        return (fresh, problems)
    }

    /// Stage 5, write: puts the rendered files into the output folder (unless `gate` was cancelled meanwhile) and
    /// records the counts in `result`; returns whether the files went into place and, when `remember` asks, what the
    /// next incremental build compares with.
    /// `manifest` is the output folder's manifest when the caller read it this build (a template-only build did).
    private func write(_ rendered: Rendered, records: [String: PageRecord], into writer: OutputWriter, fresh: Bool,
                       verifying: Bool, gate: BuildGate?, remember: Bool, manifest: [String: String]?,
                       result: inout Result) -> (committed: Bool, last: LastBuild?) {
        let write = {
            try writer.write(rendered.files, kept: rendered.kept, written: rendered.written, fresh: fresh,
                             trustingManifest: !verifying, previous: manifest)
        }
        do {
            guard let counts = try gate.map({ try $0.commitUnlessCancelled(write) }) ?? write() else { return (false, nil) }
            result.written = counts.written
            result.unchanged = counts.unchanged
            result.removed = counts.removed
            result.touched = counts.touched
            result.intoEmptyFolder = counts.fresh
            if counts.fresh { result.stamps = rendered.stamps }
            result.hashes = counts.hashes
            guard remember, let site = rendered.site, let context = rendered.context, let library = rendered.library else {
                return (true, nil)
            }
            return (true, LastBuild(site: site, templates: rendered.templates, pages: records, hashes: counts.hashes,
                                    context: context, library: library, extras: rendered.extras,
                                    searchEntries: rendered.searchEntries))
        } catch {
            result.diagnostics.append(.error(SourceLocation(path: options.output.path), "cannot write output: \(error)",
                                             code: "write-failed"))
            return (false, nil)
        }
    }
}

extension BuildPlan.Mode {
    /// Whether nothing of an earlier build is kept.
    var isClean: Bool {
        if case .clean = self { return true }
        return false
    }

    /// The output folder's manifest as this build read it from disk (a template-only build reads it to plan), so
    /// writing need not read it again; nil otherwise.
    var manifest: [String: String]? {
        if case .templatesOnly(let same) = self { return same.hashes }
        return nil
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by place, each distinct diagnostic once (a template mistake shows up on many pages).
    func sortedUnique() -> [Diagnostic] {
        Array(Set(self)).sorted()
    }
}

/// Measures elapsed wall time between laps, for build timings.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or since the stopwatch was made), starting a new lap.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
