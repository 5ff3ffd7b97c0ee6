import DossierContent
import DossierModel
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

        /// Options for building the site in `siteFolder`.
        public init(siteFolder: URL, outputFolder: URL? = nil, baseURL: String? = nil, editions: EditionMode = .published) {
            self.siteFolder = siteFolder
            self.outputFolder = outputFolder
            self.baseURL = baseURL
            self.editions = editions
        }

        /// The folder the build writes to.
        public var output: URL { outputFolder ?? siteFolder.appendingPathComponent("Output") }
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
        /// The template sources the pages were rendered with.
        var templates: [String: String] = [:]
        /// What the pages shared and the templates they were rendered with, for quick previews of later edits.
        var context: SiteContext?
        var library: TemplateLibrary?
        /// The files each site-wide job made or kept, by job name.
        var extras: [String: [String]] = [:]
        /// Each item's search index entry.
        var searchEntries: [ItemRef: String] = [:]
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
        return render(cache: &cache, previous: nil, remember: false).rendered
    }

    /// A rendered page: its bytes, or where it was written when the build writes pages as it renders them.
    enum PageOutput: Sendable {
        case file(OutputFile)
        case written(path: String, hash: String, size: Int)
    }

    /// What one page's rendering produced, and what it read (for incremental builds).
    struct PageRecord: Sendable {
        var keys: Set<ModelKey>
        var templates: Set<String>
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
        var searchEntries: [ItemRef: String]
    }

    /// What a build needs from the last one when only templates changed since (the content is the same): which
    /// templates that build's pages were drawn with, and the site-wide parts it made from the content.
    struct SameContent: Sendable {
        /// SHA-256 of each template's source, and the templates each page template used (itself included).
        var templateDigests: [String: String]
        var dependencies: [String: [String]]
        /// The manifest it wrote (path → checksum).
        var hashes: [String: String]
        var searchShards: [String]
    }

    /// Renders the site; with `previous`, a page whose recorded reads and templates are unchanged, and whose
    /// file is still in the output folder, is kept (listed in `Rendered.kept`) instead of rendered again.
    /// Page records (what each page read) are made only when `remember` asks for them.
    /// With `sameContent` (the content is what the last build read), only pages drawn with a changed template are
    /// rendered, and the search index, feeds and exports that build made are kept.
    /// With `writingTo` (an output folder that was empty), each page is written there as soon as it is rendered
    /// and only its hash is kept (`Rendered.written`): a clean build never holds the whole site in memory.
    func render(cache: inout LoadCache, previous: LastBuild?, remember: Bool,
                sameContent: SameContent? = nil, writingTo fresh: String? = nil) -> (rendered: Rendered, records: [String: PageRecord]) {
        var diagnostics: [Diagnostic] = []
        var clock = Stopwatch()
        let loaded = SiteLoader(siteFolder: options.siteFolder, baseURLOverride: options.baseURL).load(cache: &cache)
        let loadTime = clock.lap()
        diagnostics += loaded.diagnostics
        let theme = Theme.load(siteFolder: options.siteFolder, diagnostics: &diagnostics)
        func failed() -> (Rendered, [String: PageRecord]) {
            (Rendered(site: loaded.site, pages: [], files: [], diagnostics: diagnostics.sortedUnique()), [:])
        }
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(templates: theme.templates)
        } catch let errors as TemplateErrors {
            diagnostics += errors.errors.map { diagnostic($0, theme) }
            return failed()
        } catch let error as TemplateError {
            diagnostics.append(diagnostic(error, theme))
            return failed()
        } catch {
            diagnostics.append(.error(SourceLocation(path: "Templates"), "\(error)", code: "template"))
            return failed()
        }
        for required in ["layout", "home", "briefs", "brief", "actors", "actor", "event", "timeline", "topics", "topic",
                         "stances", "sources", "source", "search", "changes", "edition", "404"] where theme.templates[required] == nil {
            diagnostics.append(.error(SourceLocation(path: theme.path(of: required)), "missing template '\(required)'", code: "template"))
        }
        let (history, historyProblems) = EditionHistory.load(siteFolder: options.siteFolder)
        diagnostics += historyProblems
        guard let site = loaded.site, !diagnostics.hasErrors else { return failed() }
        // The actor network is worked out on another core meanwhile.
        var changeLog: ChangeLog?
        let network = concurrently({ ActorNetwork(site: site) }, while: {
            changeLog = ChangeLog(site: site, history: history, mode: options.editions)
        })
        let changes = changeLog!
        let pages = SitePlan.pages(for: site, editions: changes.editions.map(\.edition))
        let direct = fresh
        var written: [String: String] = [:]

        var extras: SiteExtras?
        // What every page shares, with the pictures drawn once: made beside the site-wide jobs, which need none of
        // it (see below).
        let makeContext: () -> SiteContext
        if let sameContent {
            makeContext = { SiteContext(site: site, changes: changes, searchShards: sameContent.searchShards, network: network) }
        } else {
            // The search index, feeds and exports are made below, alongside the pages. The search page lists the
            // index's files, so it waits for them.
            extras = SiteExtras(planning: site, siteFolder: options.siteFolder, pages: pages, changes: changes, network: network, previous: previous)
            makeContext = { SiteContext(site: site, changes: changes, searchShards: [], network: network) }
        }

        // Which pages must be rendered again: all without a previous build; otherwise those that read a part of
        // the model that changed, use a template that changed, or whose file is gone.
        let changedTemplates = Set(theme.templates.keys).union(previous?.templates.keys ?? [:].keys)
            .filter { theme.templates[$0] != previous?.templates[$0] }
        var sameKey: [ModelKey: Bool] = [:]
        var keptHashes: [String: String] = [:]
        var kept: [String: PageRecord] = [:]
        var dirty: [SitePage] = []
        let outputRoot = options.output.path
        if let sameContent {
            let changed = Set(theme.templates.keys).union(sameContent.templateDigests.keys)
                .filter { theme.templates[$0].map { OutputWriter.sha256(Array($0.utf8)) } != sameContent.templateDigests[$0] }
            var planned = Set(theme.assets.keys.map { "assets/" + $0 })
            for page in pages {
                planned.insert(page.path)
                let used = library.dependencies(of: page.template).union([page.template])
                if let hash = sameContent.hashes[page.path], let before = sameContent.dependencies[page.template],
                   used.union(before).isDisjoint(with: changed) {
                    keptHashes[page.path] = hash
                } else {
                    dirty.append(page)
                }
            }
            // The search index, feeds, sitemap and exports come from the content alone: the last build's stay.
            for (path, hash) in sameContent.hashes where !planned.contains(path) { keptHashes[path] = hash }
        }
        for page in pages where sameContent == nil {
            if let previous, let record = previous.pages[page.path], previous.hashes[page.path] != nil,
               record.templates.isDisjoint(with: changedTemplates),
               record.keys.allSatisfy({ key in
                   if let known = sameKey[key] { return known }
                   let same = site.same(key, as: previous.site)
                   sameKey[key] = same
                   return same
               }),
               OutputWriter.size(of: outputRoot + "/" + page.path) == record.size {
                kept[page.path] = record
            } else {
                dirty.append(page)
            }
        }

        let prepareTime = clock.lap()

        // The site-wide jobs (search index, feeds, exports) run on all cores beside the pages. They need nothing the
        // pages share, so they start at once, while the context and the values item pages share are made (a build
        // that records no page's reads and has pages to render shares them). The search page lists the index's
        // files, so it waits.
        let waiting = extras == nil ? [] : dirty.indices.filter { dirty[$0].kind == .search }
        let jobs = extras?.pending ?? []
        let now = dirty.indices.filter { !waiting.contains($0) }
        let pagesNow = now.map { dirty[$0] }
        var context: SiteContext?
        var late: SiteContext?
        var pageOutcomes: [(Swift.Result<PageOutput, Diagnostic>, Set<ModelKey>)] = []
        let made = concurrently({ jobs.concurrentMap { job in SiteBuilder.make(job, writingTo: direct) } }, while: {
            let whole = makeContext()
            context = whole
            let shared = remember || dirty.isEmpty ? whole : whole.sharing()
            late = shared
            pageOutcomes = pagesNow.concurrentMap { page in
                renderPage(page, context: shared, library: library, theme: theme, remember: remember, writingTo: direct)
            }
        })
        var results = [(Swift.Result<PageOutput, Diagnostic>, Set<ModelKey>)?](repeating: nil, count: dirty.count)
        for (i, outcome) in zip(now, pageOutcomes) { results[i] = outcome }
        var madeFiles: [[OutputFile]] = []
        for (files, outcomes) in made {
            madeFiles.append(files)
            for (file, outcome) in zip(files, outcomes) {
                switch outcome {
                case .success(let hash): written[file.path] = hash
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        var extraFiles: [OutputFile] = []
        var extraPaths: [String: [String]] = [:]
        var madeSearchEntries: [ItemRef: String] = [:]
        var extrasMade: [String] = []
        if var extras {
            extras.finish(madeFiles, holding: direct == nil)
            extraFiles = extras.files
            extraPaths = extras.paths
            keptHashes.merge(extras.kept) { $1 }
            madeSearchEntries = extras.searchEntries
            extrasMade = extras.made
            context!.searchShards = extras.paths["search"] ?? []
        }
        late?.searchShards = context!.searchShards
        for i in waiting {
            results[i] = renderPage(dirty[i], context: late!, library: library, theme: theme, remember: remember, writingTo: direct)
        }
        // The values pages shared are freed on another core while this one gathers the results and writes the rest.
        release(elsewhere: &late)
        var files: [OutputFile] = []
        var records = kept
        var templatesUsed: [String: Set<String>] = [:]
        files.reserveCapacity((direct == nil ? results.count : 0) + theme.assets.count + extraFiles.count)
        for (page, (result, keys)) in zip(dirty, results.map { $0! }) {
            switch result {
            case .success(let output):
                let size: Int
                switch output {
                case .file(let file):
                    files.append(file)
                    size = file.bytes.count
                case .written(let path, let hash, let count):
                    written[path] = hash
                    size = count
                }
                guard remember else { continue }
                if templatesUsed[page.template] == nil {
                    templatesUsed[page.template] = library.dependencies(of: page.template).union([page.template])
                }
                records[page.path] = PageRecord(keys: keys, templates: templatesUsed[page.template]!, size: size)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        for name in theme.assets.keys.sorted() {
            files.append(OutputFile(path: "assets/" + name, bytes: theme.assets[name]!))
        }
        files += extraFiles
        var rendered = Rendered(site: site, pages: pages, files: files, diagnostics: diagnostics.sortedUnique(),
                                timings: (loaded.timings.isEmpty ? [("load", loadTime)] : loaded.timings)
                                    + [("prepare", prepareTime), ("render", clock.lap())])
        rendered.kept = kept.keys.reduce(into: keptHashes) { $0[$1] = previous?.hashes[$1] }
        rendered.rendered = dirty.map(\.path)
        rendered.written = written
        rendered.templates = theme.templates
        rendered.context = context
        rendered.library = library
        rendered.extras = extraPaths
        rendered.searchEntries = madeSearchEntries
        rendered.extrasMade = extrasMade
        return (rendered, records)
    }

    /// Runs a site-wide job. With `direct`, writes its files there at once and returns them without their bytes, with
    /// the outcome of each write (the checksum, or why it failed); otherwise returns them whole and no outcomes.
    private static func make(_ job: ExtraJob, writingTo direct: String?) -> ([OutputFile], [Swift.Result<String, Diagnostic>]) {
        let files = job.make()
        guard let direct else { return (files, []) }
        let outcomes = files.map { file in
            file.bytes.withUnsafeBufferPointer { OutputWriter.writeNew($0, at: file.path, in: direct) }
        }
        return (files.map { OutputFile(path: $0.path, bytes: []) }, outcomes)
    }

    /// Renders one page; with `direct`, writes it there straight from the render buffer.
    private func renderPage(_ page: SitePage, context: SiteContext, library: TemplateLibrary, theme: Theme, remember: Bool,
                            writingTo direct: String?) -> (Swift.Result<PageOutput, Diagnostic>, Set<ModelKey>) {
        let values = PageValues(context: context, page: page, recording: remember)
        let value = values.value()
        do {
            guard let direct else {
                let html = try library.renderBytes(page.template, with: value)
                return (.success(.file(OutputFile(path: page.path, bytes: html))), values.site.keys)
            }
            // Straight from the render buffer to disk: a clean build never copies a page's bytes.
            let written = try library.render(page.template, with: value) { html in
                OutputWriter.writeNew(html, at: page.path, in: direct).map { PageOutput.written(path: page.path, hash: $0, size: html.count) }
            }
            return (written, values.site.keys)
        } catch let error as TemplateError {
            return (.failure(diagnostic(error, theme)), [])
        } catch {
            return (.failure(.error(SourceLocation(path: theme.path(of: page.template)), "\(error)", code: "template")), [])
        }
    }

    /// Builds the site and writes `Output/`; a build with errors leaves `Output/` exactly as it was.
    public func build() -> Result {
        var cache = LoadCache()
        return build(cache: &cache, previous: nil, remember: false).result
    }

    /// Builds, reusing `cache` and the `previous` build when given; returns what to remember for the next build.
    func build(cache: inout LoadCache, previous: LastBuild?, remember: Bool = true) -> (result: Result, last: LastBuild?) {
        build(cache: &cache, previous: previous, remember: remember, sameContent: nil).0
    }

    /// Builds like `build(cache:previous:remember:)`; also returns what the pages were rendered from.
    /// With `verifying`, the output folder's manifest is not trusted: every file the build makes is compared with
    /// what is on disk byte for byte (see `OutputWriter.write`).
    /// With `gate`, the files go into place only if nothing written ahead cancelled the build (see `BuildGate`).
    func build(cache: inout LoadCache, previous: LastBuild?, remember: Bool, sameContent: SameContent?, verifying: Bool = false,
               gate: BuildGate? = nil) -> ((result: Result, last: LastBuild?), Rendered) {
        var clock = Stopwatch()
        let writer = OutputWriter(folder: options.output)
        let staging = StagedCommit(output: options.output.path)
        // What an interrupted build left is finished or discarded first, so the folder is as the last build left it.
        var setupError: Diagnostic?
        do {
            if let gate { try gate.exclusively(staging.recover) } else { try staging.recover() }
        } catch {
            setupError = .error(SourceLocation(path: options.output.path), "cannot finish the interrupted build: \(error)",
                                code: "write-failed")
        }
        // Writing files as they are made is only for a clean build into a folder that held nothing: they go into the
        // staging folder, which moves into place when the whole build succeeded.
        // A history an older Dossier kept in Output/data/site.json moves into Editions/ before anything reads it.
        let migrated = EditionHistory.migrate(siteFolder: options.siteFolder, output: options.output)
        var fresh = previous == nil && sameContent == nil && setupError == nil ? writer.emptiness() : nil
        if fresh != nil, (try? staging.prepare()) == nil { fresh = nil }
        let (rendered, records) = render(cache: &cache, previous: previous, remember: remember, sameContent: sameContent,
                                         writingTo: fresh.map { _ in staging.tree })
        var result = Result(diagnostics: (migrated + rendered.diagnostics).sortedUnique(),
                            fileCount: rendered.files.count + rendered.kept.count + rendered.written.count,
                            pageCount: rendered.pages.count, written: 0, unchanged: 0, removed: 0, duration: 0,
                            timings: rendered.timings)
        result.rendered = rendered.rendered
        result.extrasMade = rendered.extrasMade
        result.cutEdition = rendered.context?.changes.cut
        var writeClock = Stopwatch()
        var last: LastBuild?
        var committed = false
        if let setupError { result.diagnostics.append(setupError) }
        if !result.diagnostics.hasErrors, gate?.isCancelled != true, let site = rendered.site {
            do {
                let write = {
                    try writer.write(rendered.files, kept: rendered.kept, written: rendered.written, fresh: fresh != nil,
                                     trustingManifest: !verifying)
                }
                guard let counts = try gate.map({ try $0.commitUnlessCancelled(write) }) ?? write() else {
                    throw CancellationError()
                }
                committed = true
                result.written = counts.written
                result.unchanged = counts.unchanged
                result.removed = counts.removed
                if remember, let context = rendered.context, let library = rendered.library {
                    last = LastBuild(site: site, templates: rendered.templates, pages: records, hashes: counts.hashes,
                                     context: context, library: library, extras: rendered.extras,
                                     searchEntries: rendered.searchEntries)
                }
            } catch is CancellationError {
                result.cancelled = true
            } catch {
                result.diagnostics.append(.error(SourceLocation(path: options.output.path), "cannot write output: \(error)",
                                                 code: "write-failed"))
            }
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

    private func diagnostic(_ error: TemplateError, _ theme: Theme) -> Diagnostic {
        let path = theme.overridden.contains(error.name) ? theme.path(of: error.name) : "(built-in theme)/\(error.name).mustache"
        return .error(SourceLocation(path: path, line: error.line, column: error.column), error.message, code: "template")
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
