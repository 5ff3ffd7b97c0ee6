import DossierContent
import DossierModel
import Foundation
import Synchronization

/// A builder that remembers its last build, for `dossier watch` and `dossier serve`: each build reads again
/// only the files that changed and renders again only the pages whose inputs changed.
///
/// What a page depends on is what it read while rendering (recorded by `ModelReader`) plus its templates;
/// a page is kept when none of that changed. The result is the same as a clean build, byte for byte.
public final class IncrementalBuilder: Sendable {
    /// What to build and where.
    public let options: SiteBuilder.Options
    /// The files parsed so far, held for a whole build: builds run one at a time.
    private let cache = Mutex(LoadCache())
    /// Held briefly to read or change what pages written ahead of a running build read (see `writeAhead`).
    private let state = Mutex(Remembered())

    /// What the builder remembers of its builds, beyond the parsed files.
    private struct Remembered {
        var last: SiteBuilder.LastBuild?
        /// Whether the last build succeeded: only then is the disk what `last` was built from, apart from new edits.
        var lastSucceeded = false
        /// The gate of the build running now, if any.
        var running: BuildGate?
    }

    /// Makes a builder for `options`; its first build is a full one.
    public init(options: SiteBuilder.Options) {
        self.options = options
    }

    /// Builds the site, incrementally after the first successful build; `clean` forgets what earlier builds did.
    /// Builds run one at a time. A failed build writes nothing and leaves the remembered state as it was.
    ///
    /// `changed` names the files (relative to the site folder) a watcher saw change since the last build, or is nil
    /// when that is unknown; when they all still exist, only they are read again. When they are all prose edits
    /// of item bodies (see `SiteLoader.bodyEdit`), the edited items' own pages are rendered and written first,
    /// and `preview` hears their output paths, before the rest of the build runs; the build then writes every
    /// other page the edit touched, exactly as without the preview.
    public func build(clean: Bool = false, changed: [String]? = nil, preview: (([String]) -> Void)? = nil) -> SiteBuilder.Result {
        cache.withLock { cache in
            if clean {
                cache = LoadCache()
                state.withLock { $0.last = nil }
            }
            return build(cache: &cache, changed: changed, preview: preview)
        }
    }

    /// One build, with the parsed files in `cache` (held by the caller for the whole build).
    private func build(cache: inout LoadCache, changed: [String]?, preview: (([String]) -> Void)?) -> SiteBuilder.Result {
        let gate = BuildGate()
        let (last, lastSucceeded) = state.withLock { state in
            state.running = gate
            return (state.last, state.lastSucceeded)
        }
        defer { state.withLock { $0.running = nil } }
        var clock = Stopwatch()
        var previewed: [String] = []
        if let last, lastSucceeded, let changed, let pages = renderBodyEdits(changed, last: last),
           let written = write(pages), !written.isEmpty {
            previewed = written
            preview?(written)
        }
        let previewTime = clock.lap()
        var attempt = cache
        // Files that are all still there can only have been modified: the load reads just those.
        attempt.modified = changed.flatMap { paths in
            paths.allSatisfy { FileManager.default.fileExists(atPath: options.siteFolder.appendingPathComponent($0).path) } ? paths : nil
        }
        var ((result, built), _) = SiteBuilder(options: options).build(cache: &attempt, mode: last.map { .incremental($0) } ?? .clean,
                                                                       remember: true, gate: gate)
        // Parsed files are kept even after a failed or cancelled build (they are still what is on disk); the last
        // good build is replaced only by a good one.
        cache = attempt
        guard !result.cancelled else { return result }
        state.withLock { state in
            if let built { state.last = built }
            state.lastSucceeded = result.succeeded
        }
        if !previewed.isEmpty {
            // The previewed pages were written by this build too (the full pass then found them in place).
            result.written += previewed.count
            result.unchanged = max(0, result.unchanged - previewed.count)
            result.previewed = previewed
            result.timings.insert(("preview", previewTime), at: 0)
            result.duration += previewTime
        }
        return result
    }

    /// Writes the own pages of items whose files in `changed` had only their body prose edited while a build is
    /// running, so an edit made during a build is on disk at once; returns their output paths, or nil when no build
    /// is running or any change is something else (the build that follows does the work).
    ///
    /// The running build is cancelled unless it is already putting its files in place (see `BuildGate`), since it
    /// read the files before this edit; the caller must build again with its changes and these.
    public func writeAhead(changed: [String]) -> [String]? {
        let (last, gate) = state.withLock { ($0.lastSucceeded ? $0.last : nil, $0.running) }
        guard let last, let gate, let pages = renderBodyEdits(changed, last: last), !pages.isEmpty else { return nil }
        return gate.cancel { write(pages) }
    }

    /// The own pages of items whose files in `changed` had only their body prose edited, rendered from the last
    /// build's model patched with the new bodies (output path and HTML); nil when any change is something else.
    func renderBodyEdits(_ changed: [String], last: SiteBuilder.LastBuild) -> [(path: String, html: String)]? {
        guard !changed.isEmpty, changed.count <= 16 else { return nil }
        let loader = SiteLoader(siteFolder: options.siteFolder, baseURLOverride: options.baseURL, jobs: options.jobs)
        var edits = BodyEdits()
        for path in changed {
            guard loader.addBodyEdit(path: path, in: last.site, to: &edits) else { return nil }
        }
        var context = last.context
        context.edits = edits
        var pages: [(path: String, html: String)] = []
        for page in edits.items.map(SitePage.item) {
            guard let html = try? last.library.render(page.template, with: PageValues(context: context, page: page).value())
            else { break }
            pages.append((page.path, html))
        }
        return pages
    }

    /// Writes `pages` into the output folder, each atomically; returns the paths written (up to the first failure),
    /// or nil when the output folder cannot be prepared.
    private func write(_ pages: [(path: String, html: String)]) -> [String]? {
        let root = options.output.path
        // Temporary files go into the staging folder, which the build that follows (or the next run) removes.
        let staging = StagedCommit(output: root).folder
        guard (try? OutputWriter.makeFolders(staging)) != nil else { return nil }
        var written: [String] = []
        for page in pages {
            guard (try? OutputWriter.write(Array(page.html.utf8), to: root + "/" + page.path, temporaryFolder: staging)) != nil
            else { break }
            written.append(page.path)
        }
        return written
    }

    /// The content files the last build read again (relative paths).
    public var reread: [String] {
        cache.withLock { $0.reread }
    }
}
