import DossierModel
import DossierSite
import DossierTesting
import Foundation

/// A whole site written inline as text, in the style of Hugo's integration tests, built in a temporary folder.
///
/// ```
/// -- Content/site.yml --
/// title: Test
/// -- Content/actors/a.md --
/// ---
/// name: A
/// ---
/// ```
package struct SiteFixture {
    /// The temporary site folder; removed by `remove()`.
    package let folder: URL

    /// Writes every `-- path --` section of `text` into a new temporary folder.
    package init(_ text: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(text)
    }

    /// Writes (or overwrites) the `-- path --` sections of `text`; a section whose body is `<delete>` removes the file.
    package func write(_ text: String) throws {
        for (path, body) in SiteFixture.sections(text) {
            let url = folder.appendingPathComponent(path)
            if body.trimmingCharacters(in: .whitespacesAndNewlines) == "<delete>" {
                try? FileManager.default.removeItem(at: url)
                continue
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(body.utf8).write(to: url)
        }
    }

    /// Splits fixture text into (path, content) pairs (see `SiteFiles.sections`).
    package static func sections(_ text: String) -> [(String, String)] {
        SiteFiles.sections(text).map { ($0.path, $0.text) }
    }

    /// Builds the site into its `Output/`.
    @discardableResult
    package func build(baseURL: String? = nil) -> SiteBuilder.Result {
        SiteBuilder(options: .init(siteFolder: folder, baseURL: baseURL)).build()
    }

    /// Records the content as the next edition, as `dossier edition` does, cut at noon UTC on 6 March 2026 unless
    /// `at` says otherwise; throws when it recorded none (nothing changed, or errors).
    @discardableResult
    package func cutEdition(note: String? = nil, at time: Date = Date(timeIntervalSince1970: 1_772_798_400)) throws -> EditionRecord {
        let cut = EditionCut.cut(siteFolder: folder, at: time, note: note)
        guard let record = cut.record else { throw NoEdition(diagnostics: cut.diagnostics.map(\.description)) }
        return record
    }

    /// Why `cutEdition` recorded no edition.
    package struct NoEdition: Error {
        package var diagnostics: [String]
    }

    /// The text of a file of the site (`Content/briefs/a.md`), or nil when it does not exist.
    package func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of a built file, or nil when it does not exist.
    package func output(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("Output/\(path)").path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every file below `Output/` (relative paths, sorted), dot files included.
    package func outputFiles() -> [String] {
        SiteFiles.list(below: folder.appendingPathComponent("Output"))
    }

    /// Deletes the temporary folder.
    package func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The diagnostics as printed, one string each, for exact comparisons.
    package static func lines(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.description) }
}

/// The repository root, found from this file's path, for tests that build the example site.
package let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A minimal valid `site.yml` section for fixtures.
package let minimalConfig = """
-- Content/site.yml --
title: Test briefing
base_url: https://example.org/briefing/
"""
