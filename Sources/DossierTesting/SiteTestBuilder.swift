import DossierModel
import DossierSite
import DossierSupport
import Foundation
import Testing

/// A whole site written inline, built in a temporary folder, edited and built again, with assertions on what the
/// builds wrote: the way to test Dossier end to end, in the spirit of Hugo's `hugolib.IntegrationTestBuilder`.
///
/// The site is one string of `-- path --` sections (txtar style), each holding the file below it:
///
/// ```swift
/// let site = try SiteTestBuilder("""
///     -- Content/site.yml --
///     title: Test
///     -- Content/actors/a.md --
///     ---
///     name: A
///     kind: person
///     ---
///     """)
/// site.build().assertSucceeded()
/// site.assertFileContent("actors/a/index.html", contains: "<h1>A</h1>")
/// try site.edit("Content/actors/a.md") { $0.replacingOccurrences(of: "name: A", with: "name: B") }
/// site.build().assertRendered("actors/a/index.html")
/// ```
///
/// Builds after the first are incremental, as under `dossier watch`: the builder remembers which files the test
/// wrote, edited or removed and passes them to the next build, which renders again only the pages they touch
/// (`rendered`). Failed assertions are recorded as issues of the running Swift Testing test, at the caller's line.
/// The folder is removed when the builder goes away.
public final class SiteTestBuilder {
    /// The temporary site folder, holding `Content/` and, after a build, `Output/`.
    public let folder: URL
    /// What each build does with what earlier builds left.
    public let mode: Mode
    /// The outcome of the last build; nil before the first.
    public private(set) var result: SiteBuilder.Result?
    private let options: SiteBuilder.Options
    private let watcher: IncrementalBuilder
    /// Files written, edited or removed since the last build (relative to `folder`).
    private var changed: [String] = []

    /// How builds after the first find what changed.
    public enum Mode: Sendable {
        /// As `dossier watch` and `dossier serve`: the builder is told which files changed and renders again only
        /// the pages those touch.
        case incremental
        /// As running `dossier build` again: each build loads everything and writes only files whose bytes changed.
        case rerun
        /// As running `dossier build` again with its record in `.dossier/` (the build graph): a build compares the
        /// inputs with the last build's graph and renders only what it finds stale. Inputs modified within two
        /// seconds of a build are not trusted; `ageInputs()` makes them look older.
        case recorded
    }

    /// Writes every `-- path --` section of `files` into a new temporary folder; nothing is built yet. `jobs` is the
    /// builds' `--jobs`, and `baseURL` their `--base-url`.
    public init(_ files: String, mode: Mode = .incremental, baseURL: String? = nil, jobs: Jobs = .usableCores) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-site-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.mode = mode
        options = SiteBuilder.Options(siteFolder: folder, baseURL: baseURL, jobs: jobs)
        watcher = IncrementalBuilder(options: options)
        try write(files)
        changed = []
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Changing the site

    /// Writes (or overwrites) the `-- path --` sections of `files`; a section whose body is `<delete>` removes its
    /// file. The next build is told about each.
    public func write(_ files: String) throws {
        for (path, body) in SiteFiles.sections(files) {
            if body.trimmingCharacters(in: .whitespacesAndNewlines) == "<delete>" {
                try remove(path)
            } else {
                try write(path, body)
            }
        }
    }

    /// Writes `text` into the file at `path` (relative to the site folder), making its folders.
    public func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        changed.append(path)
    }

    /// Replaces the text of the file at `path` with what `change` makes of it; throws when there is no such file.
    public func edit(_ path: String, _ change: (String) -> String) throws {
        guard let text = file(path) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        try write(path, change(text))
    }

    /// Sets the modification time of every file under `Content/`, `Editions/` and `Templates/` a minute back, as
    /// inputs are when a user builds again later (a `.recorded` build trusts only inputs older than its record).
    public func ageInputs() throws {
        let old = Date(timeIntervalSinceNow: -60)
        for top in ["Content", "Editions", "Templates"] {
            let root = folder.appendingPathComponent(top)
            for path in (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [] {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root.appendingPathComponent(path).path)
            }
        }
    }

    /// Removes the file at `path`; removing a file that is not there does nothing.
    public func remove(_ path: String) throws {
        let url = folder.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.removeItem(at: url)
        changed.append(path)
    }

    // MARK: Building

    /// Builds the site into `Output/`: everything the first time, then as `mode` says. Returns the builder, for
    /// chaining assertions.
    @discardableResult
    public func build() -> SiteTestBuilder {
        let first = result == nil
        switch mode {
        case .incremental: result = watcher.build(changed: first ? nil : changed)
        case .rerun: result = SiteBuilder(options: options).build()
        case .recorded: result = SiteBuilder(options: options).build(usingStamp: true, tool: "test")
        }
        changed = []
        return self
    }

    /// The pages the last build rendered (output paths, in plan order); empty before the first build.
    public var rendered: [String] { result?.rendered ?? [] }

    /// The last build's diagnostics as printed (`Content/a.md:3:7: error: …`), in order.
    public var diagnostics: [String] { result?.diagnostics.map(\.description) ?? [] }

    // MARK: Reading

    /// The text of a file of the site (`Content/briefs/a.md`), or nil when there is none.
    public func file(_ path: String) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text of a built file (`briefs/a/index.html`, below `Output/`), or nil when there is none.
    public func output(_ path: String) -> String? {
        file("Output/" + path)
    }

    /// Every file below `Output/` (relative paths, sorted), dot files included.
    public func outputFiles() -> [String] {
        SiteFiles.list(below: folder.appendingPathComponent("Output"))
    }

    // MARK: Assertions

    /// Expects the last build to have succeeded, recording its first diagnostics when it did not.
    @discardableResult
    public func assertSucceeded(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        if result == nil { Issue.record("the site was not built", sourceLocation: sourceLocation) }
        if let result, !result.succeeded {
            Issue.record("the build failed: \(diagnostics.prefix(5).joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects the last build to have failed with exactly `expected` diagnostics, as printed
    /// (`Content/actors/a.md:3:7: error: 'kind' must be one of …`), in order.
    @discardableResult
    public func assertFailed(with expected: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        if result?.succeeded != false { Issue.record("the build did not fail", sourceLocation: sourceLocation) }
        if diagnostics != expected {
            Issue.record("diagnostics differ:\n\(diagnostics.joined(separator: "\n"))\nexpected:\n\(expected.joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects the last build to have failed with a diagnostic that contains each of `parts`
    /// (`"Templates/404.mustache:2:4:"`, `"unknown name"`).
    @discardableResult
    public func assertFailed(containing parts: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        if result?.succeeded != false { Issue.record("the build did not fail", sourceLocation: sourceLocation) }
        if !diagnostics.contains(where: { line in parts.allSatisfy(line.contains) }) {
            Issue.record("no diagnostic contains \(parts); the build said:\n\(diagnostics.joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects the built file at `path` (below `Output/`) to exist and to contain each of `parts`.
    @discardableResult
    public func assertFileContent(_ path: String, contains parts: String...,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        check(path, parts, present: true, sourceLocation)
    }

    /// Expects the built file at `path` (below `Output/`) to exist and to contain none of `parts`.
    @discardableResult
    public func assertFileContent(_ path: String, lacks parts: String...,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        check(path, parts, present: false, sourceLocation)
    }

    /// Records an issue unless `Output/path` exists and each of `parts` is in it (`present`) or not.
    private func check(_ path: String, _ parts: [String], present: Bool, _ sourceLocation: Testing.SourceLocation) -> SiteTestBuilder {
        guard let text = output(path) else {
            Issue.record("Output/\(path) does not exist", sourceLocation: sourceLocation)
            return self
        }
        for part in parts where text.contains(part) != present {
            Issue.record("Output/\(path) \(present ? "does not contain" : "contains") \(part.debugDescription)", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects each built file of `paths` (below `Output/`) to exist.
    @discardableResult
    public func assertExists(_ paths: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        for path in paths where output(path) == nil {
            Issue.record("Output/\(path) does not exist", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects none of `paths` (below `Output/`) to exist.
    @discardableResult
    public func assertMissing(_ paths: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        for path in paths where output(path) != nil {
            Issue.record("Output/\(path) exists", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects the last build to have rendered each page of `paths` (output paths, `actors/a/index.html`).
    @discardableResult
    public func assertRendered(_ paths: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        for path in paths where !rendered.contains(path) {
            Issue.record("\(path) was not rendered; the build rendered \(rendered.count) pages", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects the last build to have rendered none of `paths`: an incremental build kept them.
    @discardableResult
    public func assertNotRendered(_ paths: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteTestBuilder {
        for path in paths where rendered.contains(path) {
            Issue.record("\(path) was rendered again", sourceLocation: sourceLocation)
        }
        return self
    }
}

/// The `-- path --` format of `SiteTestBuilder`: one string holding many files, each after a line `-- path --`.
public enum SiteFiles {
    /// Splits `text` into (path, content) pairs, in order. Text before the first `-- path --` line is ignored;
    /// each file ends with one newline, and blank lines at the very end are dropped.
    public static func sections(_ text: String) -> [(path: String, text: String)] {
        var result: [(path: String, text: String)] = []
        var path: String?
        var lines: [Substring] = []
        func flush() {
            if let path { result.append((path, lines.joined(separator: "\n") + "\n")) }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                path = String(line.dropFirst(3).dropLast(3))
            } else if path != nil {
                lines.append(line)
            }
        }
        flush()
        while let last = result.last, last.text.isEmpty { result.removeLast() }
        if var last = result.popLast() {
            while last.text.hasSuffix("\n\n") { last.text.removeLast() }
            result.append(last)
        }
        return result
    }

    /// Every file below `folder` (relative paths, sorted), dot files included; empty when there is no such folder.
    public static func list(below folder: URL) -> [String] {
        let root = folder.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let path = walk.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
