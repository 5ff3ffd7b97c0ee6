import DossierModel
import Foundation

/// A small starter site, written by `dossier init`: `site.yml` and one file of each kind, that builds at once. Every
/// field has a comment, made from its row in the field table (`SiteConfig.fields`, `Actor.fields`, …).
public enum StarterSite {
    /// Why the starter site could not be written.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// These files exist already; nothing was written.
        case wouldOverwrite([String])
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .wouldOverwrite(let paths):
                "refusing to overwrite existing files (nothing was written): \(paths.joined(separator: ", "))"
            case let .cannotWrite(path, reason):
                "cannot write \(path): \(reason)"
            }
        }
    }

    /// The starter files by path relative to the site folder.
    public static let files: [(path: String, text: String)] = [(".gitignore", gitignore)] + documents.map { ($0.path, $0.text) }

    static let gitignore = """
        # Built by `dossier build`; publish it, don't commit it.
        /Output/
        # What dossier remembers between builds.
        /.dossier/
        # The published record: one file per edition, cut by `dossier publish` or `dossier edition`. Commit it.
        !/Editions/

        """

    /// The files of settings and items: their keys and comments come from the field tables, their values are examples.
    static let documents: [StarterDocument] = [
        StarterDocument("Content/site.yml", SiteConfig.fields, intro: "The site's settings. Only 'title' is required.", [
            "title": "My briefing",
            "description": "What this briefing follows",
            "base_url": "https://example.org/briefing/",
            "language": "en",
            "author": "Analysis desk",
            "timezone": "UTC",
            "unsafe_html": "false",
            "allow_uncited": "false",
        ], body: nil),
        StarterDocument("Content/sources/example-report.md", Source.fields,
                        intro: "A source article, kept as received. The file name (without .md) is its id.", [
            "title": "Example agency agrees to review its contract",
            "publisher": "Example Wire",
            "url": "https://news.example/report",
            "published": "2026-03-05",
            "reliability": "B",
        ], body: """
            The Example Agency said on Thursday that it would review the contract with Example Corp after weeks of talks.

            Officials described the negotiations as constructive but said no agreement had been reached.

            """),
        StarterDocument("Content/actors/example-agency.md", Actor.fields,
                        intro: "An actor: a person, organisation, government or group. The file name is its id.", [
            "name": "Example Agency",
            "kind": "government",
            "role": "Contracting authority",
            "affiliations": "[]",
            "aliases": "[\"the Agency\"]",
            "same_as": "[]",
            "relations": [["to": "example-corp", "type": "negotiated-with", "since": "2026-02", "sources": "[example-report]"]],
        ], body: """
            The agency that holds the contract. Markdown here becomes the actor's profile; link with [[example-corp]].

            """),
        StarterDocument("Content/actors/example-corp.md", Actor.fields, intro: "", [
            "name": "Example Corp",
            "kind": "organization",
            "role": "Contractor",
        ], body: """
            The contractor in talks with [[example-agency]].

            """),
        StarterDocument("Content/events/contract-review-announced.md", Event.fields,
                        intro: "An event on the timeline. The file name is its id.", [
            "title": "Agency announces a review of the contract",
            "date": "2026-03-05",
            "approximate": "false",
            "actors": "[example-agency, example-corp]",
            "topics": "[contract-review]",
            "importance": "2",
            "sources": [["source": "example-report", "quote": "\"it would review the contract with Example Corp\""]],
        ], body: """
            What happened, in a sentence or two.

            """),
        StarterDocument("Content/topics/contract-review.md", Topic.fields,
                        intro: "A topic: a question actors take stances on. The file name is its id.", [
            "title": "Reviewing the contract",
            "question": "Should the agency review its contract with Example Corp?",
            "stances": [[
                "actor": "example-agency",
                "position": "support",
                "as_of": "2026-03-05",
                "summary": "Announced the review.",
                "sources": [["source": "example-report", "quote": "\"it would review the contract\""]],
            ]],
        ], body: """
            Why this question matters.

            """),
        StarterDocument("Content/briefs/first-brief.md", Brief.fields, intro: "A brief: your analysis. The file name is its id.", [
            "title": "Where the contract talks stand",
            "date": "2026-03-05",
            "summary": "The agency will review the contract; no agreement yet.",
            "actors": "[example-agency, example-corp]",
            "topics": "[contract-review]",
            "judgments": [["text": "The review ends with a revised contract this year.", "likelihood": "likely", "confidence": "moderate"]],
        ], body: """
            ## Bottom line

            [[example-agency]] will review its contract with [[example-corp|the contractor]]
            [@example-report "no agreement had been reached"].

            """),
    ]

    /// Writes the starter files into `folder`; refuses, writing nothing, when any of them exists.
    @discardableResult
    public static func write(to folder: URL) throws(Failure) -> [String] {
        let fm = FileManager.default
        let existing = files.map(\.path).filter { fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else { throw .wouldOverwrite(existing) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw .cannotWrite(path, error.localizedDescription)
            }
        }
        return files.map(\.path)
    }
}
