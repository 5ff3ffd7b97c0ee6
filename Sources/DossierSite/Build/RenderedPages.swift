import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates
import Foundation

/// One page's rendering: its output, or the mistake that stopped it, and what it read of the model.
typealias PageOutcome = (result: Swift.Result<SiteBuilder.PageOutput, Diagnostic>, reads: Set<BuildKey>)

/// The fourth stage's value: every planned page rendered (or its mistake), in the plan's order, the site-wide jobs
/// finished, and what the pages shared.
struct RenderedPages: Sendable {
    /// One outcome per page of `BuildPlan.render`.
    var outcomes: [PageOutcome]
    /// The site-wide jobs with their files, when the plan ran them.
    var extras: SiteExtras?
    /// What every page shared, with the search index's files filled in.
    var context: SiteContext
    /// Site-wide files written straight to the streaming folder (path → checksum).
    var written: [String: String]
    /// Their stamps (path → size and modification time).
    var stamps: [String: FileStamp]
    /// Files the site-wide jobs could not write.
    var diagnostics: [Diagnostic]
}

extension SiteBuilder {
    /// Stage 4, render: renders the plan's pages on `options.jobs` threads while the site-wide jobs run beside them. The jobs need
    /// nothing the pages share, so they start at once, while the shared values are made (a build that records no
    /// page's reads shares them); the search page, which lists the search index's files, waits for the jobs.
    func render(_ plan: BuildPlan, theme: Theme, library: TemplateLibrary) -> RenderedPages {
        let waiting = plan.waitingForExtras
        let now = plan.render.indices.filter { !waiting.contains($0) }
        let jobs = plan.extras?.pending ?? []
        var context: SiteContext?
        var late: SiteContext?
        var early: [PageOutcome] = []
        let threads = options.jobs
        let made = concurrently(jobs: threads, {
            jobs.concurrentMap(jobs: threads) { SiteBuilder.make($0, writingTo: plan.stream, jobs: threads) }
        }, while: {
            let whole = SiteContext(site: plan.site, changes: plan.changes, searchShards: plan.searchShards, network: plan.network,
                                    jobs: threads)
            context = whole
            let shared = plan.remember || plan.render.isEmpty ? whole : whole.sharing()
            late = shared
            early = now.map { plan.render[$0] }.concurrentMap(jobs: threads) { page in
                renderPage(page, context: shared, library: library, theme: theme, remember: plan.remember, writingTo: plan.stream)
            }
        })
        var outcomes = [PageOutcome?](repeating: nil, count: plan.render.count)
        for (i, outcome) in zip(now, early) { outcomes[i] = outcome }
        var written: [String: String] = [:], stamps: [String: FileStamp] = [:]
        var diagnostics: [Diagnostic] = []
        for (files, results) in made {
            for (file, result) in zip(files, results) {
                switch result {
                case .success(let new):
                    written[file.path] = new.checksum
                    stamps[file.path] = new.stamp
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        var extras = plan.extras
        extras?.finish(made.map(\.0), holding: plan.stream == nil)
        if let extras { context!.searchShards = extras.paths["search"] ?? [] }
        late?.searchShards = context!.searchShards
        for i in waiting {
            outcomes[i] = renderPage(plan.render[i], context: late!, library: library, theme: theme, remember: plan.remember,
                                     writingTo: plan.stream)
        }
        // The values pages shared are freed on another core while this one gathers the results and writes the rest.
        release(elsewhere: &late, jobs: threads)
        return RenderedPages(outcomes: outcomes.map { $0! }, extras: extras, context: context!, written: written,
                             stamps: stamps, diagnostics: diagnostics)
    }

    /// Runs a site-wide job. With `direct`, writes its files there at once and returns them without their bytes, with
    /// the outcome of each write (the checksum, or why it failed); otherwise returns them whole and no outcomes.
    static func make(_ job: ExtraJob, writingTo direct: String?, jobs: Jobs)
        -> ([OutputFile], [Swift.Result<OutputWriter.Written, Diagnostic>]) {
        let files = job.make(jobs)
        guard let direct else { return (files, []) }
        let outcomes = files.map { file in
            OutputWriter.writeNew(file.bytes.span, at: file.path, in: direct)
        }
        return (files.map { OutputFile(path: $0.path, bytes: []) }, outcomes)
    }

    /// Renders one page; with `direct`, writes it there straight from the render buffer.
    func renderPage(_ page: SitePage, context: SiteContext, library: TemplateLibrary, theme: Theme, remember: Bool,
                    writingTo direct: String?) -> PageOutcome {
        let values = PageValues(context: context, page: page, recording: remember)
        let value = values.value()
        do {
            guard let direct else {
                let html = try library.renderBytes(page.template, with: value)
                return (.success(.file(OutputFile(path: page.path, bytes: html))), values.site.keys)
            }
            // Straight from the render buffer to disk: a clean build never copies a page's bytes.
            let written = try library.render(page.template, with: value) { html in
                OutputWriter.writeNew(html.span, at: page.path, in: direct).map { PageOutput.written(path: page.path, $0) }
            }
            return (written, values.site.keys)
        } catch let error as TemplateError {
            return (.failure(diagnostic(error, theme)), [])
        } catch {
            return (.failure(.error(SourceLocation(path: theme.path(of: page.template)), "\(error)", code: "template")), [])
        }
    }

    /// Gathers the rendered pages, the theme's assets and the site-wide files into the files a build writes, with
    /// what was kept from the last build, and the record of what each page read.
    func gather(_ rendered: RenderedPages, plan: BuildPlan, loaded: LoadedSite, library: TemplateLibrary,
                previousHashes: [String: String]) -> (Rendered, [String: PageRecord]) {
        var files: [OutputFile] = []
        var written = rendered.written
        var stamps = rendered.stamps
        var diagnostics = loaded.diagnostics + rendered.diagnostics
        var records = plan.keptPages
        var templatesUsed: [String: Set<BuildKey>] = [:]
        let extraFiles = rendered.extras?.files ?? []
        files.reserveCapacity((plan.stream == nil ? plan.render.count : 0) + loaded.theme.assets.count + extraFiles.count)
        for (page, (result, keys)) in zip(plan.render, rendered.outcomes) {
            let size: Int
            switch result {
            case .success(.file(let file)):
                files.append(file)
                size = file.bytes.count
            case .success(.written(let path, let new)):
                written[path] = new.checksum
                stamps[path] = new.stamp
                size = new.stamp.size
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                continue
            }
            guard plan.remember else { continue }
            if templatesUsed[page.template] == nil {
                templatesUsed[page.template] = BuildKey.reads(of: page.template, in: library)
            }
            records[page.path] = PageRecord(keys: keys.union(templatesUsed[page.template]!), size: size)
        }
        for name in loaded.theme.assets.keys.sorted() {
            files.append(OutputFile(path: "assets/" + name, bytes: loaded.theme.assets[name]!))
        }
        files += extraFiles
        var result = Rendered(site: plan.site, pages: plan.pages, files: files, diagnostics: diagnostics.sortedUnique())
        let keptFiles = plan.keptFiles.merging(rendered.extras?.kept ?? [:]) { $1 }
        result.kept = plan.keptPages.keys.reduce(into: keptFiles) { $0[$1] = previousHashes[$1] }
        result.rendered = plan.render.map(\.path)
        result.written = written
        result.stamps = stamps
        result.templates = loaded.theme.templates
        result.context = rendered.context
        result.library = library
        result.extras = rendered.extras?.paths ?? [:]
        result.searchEntries = rendered.extras?.searchEntries ?? [:]
        result.extrasMade = rendered.extras?.made ?? []
        return (result, records)
    }
}
