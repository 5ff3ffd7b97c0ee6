import DossierContent
import DossierModel
import DossierSupport
import Foundation

extension SiteBuilder {
    /// Builds like `build()`, but first compares every input's size and modification time with the build graph
    /// the last build recorded in `.dossier/` (`BuildGraph`); when nothing changed and `Output/` is as that build
    /// left it, it writes nothing and reports every file unchanged. `clean` ignores the record. A build that cuts an
    /// edition neither trusts nor leaves a record: what it wrote is not what the same inputs build once the edition
    /// is recorded.
    public func build(usingStamp: Bool, tool version: String) -> Result {
        var clock = Stopwatch()
        let drafts: Bool
        switch options.editions {
        case .published: drafts = false
        case .drafts: drafts = true
        case .cut:
            try? FileManager.default.removeItem(at: BuildGraph.url(options.siteFolder))
            return build()
        }
        let tool = version + "+" + Theme.builtInDigest
        // A file changed while the build runs is newer than `stampedAt`, so the next build does not trust it.
        let stampedAt = FileStamp.now()
        let (graph, outputIntact, listing, stamped) = usingStamp ? trustedGraph(tool: tool, drafts: drafts) : (nil, true, nil, nil)
        var cache = LoadCache()
        let inputs: BuildGraph.Inputs
        var made: ((Result, LastBuild?), Rendered)?
        if let graph, let stamped {
            inputs = stamped
            let header = graph.header
            if header.inputs == inputs.digest, inputs.newest < header.stampedAt - 2_000_000_000 {
                return Result(diagnostics: [], fileCount: header.fileCount, pageCount: header.pageCount, written: 0,
                              unchanged: header.fileCount, removed: 0, duration: clock.lap(), timings: [("stamp", 0)])
            }
            let recorded = BuildGraph(header: header, files: BuildGraph.files(in: graph.lines) ?? [:])
            let known = recorded.files.mapValues(\.checksum)
            made = build(cache: &cache, mode: mode(since: recorded, inputs: inputs, known: known), remember: false, known: known)
        } else if !outputIntact {
            // Output/ is verified, not trusted: a file changed or removed there since the last build means a full
            // build that compares every file's bytes instead of trusting the manifest's checksums.
            inputs = stamped ?? BuildGraph.inputs(of: options.siteFolder, jobs: options.jobs)
            made = build(cache: &cache, mode: .clean, remember: false, verifying: true)
        } else {
            // No graph to compare with: the inputs are stamped for the next build on another core while this one runs.
            let siteFolder = options.siteFolder, jobs = options.jobs
            inputs = concurrently(jobs: jobs, { BuildGraph.inputs(of: siteFolder, jobs: jobs) }, while: {
                made = build(cache: &cache, mode: .clean, remember: false)
            })
        }
        // What was parsed is freed on another core while this one records the build.
        var parsed: LoadCache? = cache
        cache = LoadCache()
        release(elsewhere: &parsed, jobs: options.jobs)
        var ((result, _), rendered) = made!
        made = nil
        if result.succeeded {
            record(result, rendered, tool: tool, drafts: drafts, inputs: inputs, stampedAt: stampedAt,
                   listing: graph == nil ? nil : listing)
        }
        result.duration = clock.lap()
        // The model and the values pages shared are freed on another core (the tool may exit meanwhile): `rendered`
        // gives up its references first, so that core frees them.
        var model: Rendered? = rendered
        rendered = Rendered(site: nil, pages: [], files: [], diagnostics: [])
        release(elsewhere: &model, jobs: options.jobs)
        return result
    }

    /// The graph of the last build, when this tool made it with these options and `Output/` is as that build left
    /// it; `outputIntact` is false when a file there changed or went since (the next build then verifies every file).
    /// With a trusted graph comes the output folder's listing (see `BuildGraph.outputListing`) and the inputs' stamps,
    /// both taken at once (the inputs on another core). Nothing is read from `Output/`: the manifest there is only
    /// looked at for its size and modification time.
    private func trustedGraph(tool: String, drafts: Bool)
        -> (graph: BuildGraph.Opened?, outputIntact: Bool, listing: [String]?, inputs: BuildGraph.Inputs?) {
        guard let graph = BuildGraph.opened(options.siteFolder) else { return (nil, true, nil, nil) }
        let header = graph.header
        guard header.tool == tool, header.baseURL == options.baseURL, header.output == options.output.path,
              header.drafts == drafts, BuildGraph.manifestStamp(options.output) == header.manifest
        else { return (nil, true, nil, nil) }
        let siteFolder = options.siteFolder, jobs = options.jobs
        var listing: [String] = []
        let inputs = concurrently(jobs: jobs, { BuildGraph.inputs(of: siteFolder, jobs: jobs) }, while: {
            listing = BuildGraph.outputListing(options.output, jobs: jobs)
        })
        guard BuildGraph.digest(listing) == header.outputs else { return (nil, false, nil, inputs) }
        return (graph, true, listing, inputs)
    }

    /// How to build when the last build's graph is trusted but an input changed: only the pages the graph finds
    /// stale when nothing but templates changed (the content is as that build read it), else everything.
    /// `known` is every file the graph holds with its checksum.
    private func mode(since graph: BuildGraph, inputs: BuildGraph.Inputs, known: [String: String]) -> BuildPlan.Mode {
        let header = graph.header
        let contentChanged = header.content != inputs.content || inputs.contentNewest >= header.stampedAt - 2_000_000_000
        guard !contentChanged else { return .clean }
        return .templatesOnly(SameContent(graph: graph, hashes: known))
    }

    /// Records a successful build in `.dossier/` for the next one to compare with. `listing` is the output folder's
    /// listing before the build, when it was taken (a build into an empty folder needs none); only the files the
    /// build moved or removed are then looked at.
    private func record(_ result: Result, _ rendered: Rendered, tool: String, drafts: Bool, inputs: BuildGraph.Inputs,
                        stampedAt: Int, listing: [String]?) {
        guard let hashes = result.hashes, let manifest = BuildGraph.manifestStamp(options.output),
              let library = rendered.library, rendered.context != nil else { return }
        var reads: [String: [BuildKey]] = [:]
        for page in rendered.pages where reads[page.template] == nil {
            reads[page.template] = BuildKey.reads(of: page.template, in: library).sorted { $0.text! < $1.text! }
        }
        let templateOf = Dictionary(rendered.pages.map { ($0.path, $0.template) }) { first, _ in first }
        let files = Dictionary(uniqueKeysWithValues: hashes.map { path, checksum in
            let keys: [BuildKey] = templateOf[path].map { reads[$0]! }
                ?? (path.hasPrefix("assets/") ? [.asset(String(path.dropFirst(7)))] : [.content])
            return (path, BuildGraph.Node(checksum: checksum, keys: keys))
        })
        // A build into an empty folder knows what the folder holds: the files it wrote as it rendered them, with their
        // stamps, and a few more (the theme's assets) stat'ed by path; the folder is not listed again.
        let outputs = result.intoEmptyFolder
            ? BuildGraph.digest(of: Array(hashes.keys), stamps: result.stamps, output: options.output)
            : listing.flatMap { before in
                result.touched.map { BuildGraph.digest(BuildGraph.relisted(before, output: options.output, touched: $0)) }
            } ?? BuildGraph.outputs(of: options.output, jobs: options.jobs)
        let header = BuildGraph.Header(tool: tool, baseURL: options.baseURL, output: options.output.path, drafts: drafts,
                                       inputs: inputs.digest, content: inputs.content,
                                       templateDigests: rendered.templates.mapValues { OutputWriter.sha256(Array($0.utf8)) },
                                       stampedAt: stampedAt, manifest: manifest,
                                       fileCount: result.fileCount, pageCount: result.pageCount, outputs: outputs)
        BuildGraph(header: header, files: files).write(options.siteFolder)
    }
}
