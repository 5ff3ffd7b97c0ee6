import Foundation

/// A small starter site, written by `dossier init`: `site.yml` and one file of each kind, with a comment
/// on every field, that builds at once.
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
    public static let files: [(path: String, text: String)] = [
        (".gitignore", """
        # Built by `dossier build`; publish it, don't commit it.
        /Output/
        # What dossier remembers between builds.
        /.dossier/
        # The published record: one file per edition, cut by `dossier publish` or `dossier edition`. Commit it.
        !/Editions/

        """),
        ("Content/site.yml", """
        # The site's settings. Only `title` is required.
        title: My briefing                      # shown in every page's header and title
        description: What this briefing follows # the home page's summary and the default meta description
        base_url: https://example.org/briefing/ # where the site will live; canonical and feed URLs start with it
        language: en                            # the pages' language (BCP 47)
        author: Analysis desk                   # who publishes the briefing
        timezone: UTC                           # the time zone dates are written in
        unsafe_html: false                      # true lets raw HTML in Markdown reach pages; keep it off unless you trust every author

        """),
        ("Content/sources/example-report.md", """
        ---
        # A source article, kept as received. The file name (without .md) is its id.
        title: Example agency agrees to review its contract # the article's headline
        publisher: Example Wire                             # who published it
        url: https://news.example/report                   # the original address, if it is online
        published: 2026-03-05                               # when it was published: YYYY, YYYY-MM or YYYY-MM-DD
        reliability: B                                      # Admiralty grade A (completely reliable) … F (cannot be judged)
        ---
        The Example Agency said on Thursday that it would review the contract with Example Corp after weeks of talks.

        Officials described the negotiations as constructive but said no agreement had been reached.

        """),
        ("Content/actors/example-agency.md", """
        ---
        # An actor: a person, organisation, government or group. The file name is its id.
        name: Example Agency          # required: the name readers see
        kind: government              # person | organization | government | group | other
        role: Contracting authority   # what the actor is in this story
        affiliations: []              # ids of actors it belongs to
        aliases: ["the Agency"]       # other names used in sources, to find mentions
        same_as: []                   # links to the same actor elsewhere (Wikidata, official site)
        relations:                    # typed links to other actors, each with evidence
          - to: example-corp          # the other actor's id
            type: negotiated-with     # what the relation is, in kebab-case
            since: 2026-02            # when it began (optional)
            sources: [example-report] # source ids (or {source, quote} entries)
        ---
        The agency that holds the contract. Markdown here becomes the actor's profile; link with [[example-corp]].

        """),
        ("Content/actors/example-corp.md", """
        ---
        name: Example Corp            # required
        kind: organization            # person | organization | government | group | other
        role: Contractor              # optional
        ---
        The contractor in talks with [[example-agency]].

        """),
        ("Content/events/contract-review-announced.md", """
        ---
        # An event on the timeline. The file name is its id.
        title: Agency announces a review of the contract   # required
        date: 2026-03-05                                   # required: YYYY, YYYY-MM, YYYY-MM-DD or a date-time
        approximate: false                                 # true when the date is an estimate ("last week")
        actors: [example-agency, example-corp]             # ids of the actors involved
        topics: [contract-review]                          # ids of the topics it bears on
        importance: 2                                      # 1 (minor) … 3 (major)
        sources:                                           # evidence: each quote must occur in the source
          - source: example-report
            quote: "it would review the contract with Example Corp"
        ---
        What happened, in a sentence or two.

        """),
        ("Content/topics/contract-review.md", """
        ---
        # A topic: a question actors take stances on. The file name is its id.
        title: Reviewing the contract                           # required
        question: Should the agency review its contract with Example Corp?
        stances:                                                # each actor's position, oldest first
          - actor: example-agency                               # an actor id
            position: support                                   # support | oppose | mixed | neutral | unclear
            as_of: 2026-03-05                                   # when the actor held this position
            summary: Announced the review.                      # the stance in a sentence
            sources:
              - source: example-report
                quote: "it would review the contract"
        ---
        Why this question matters.

        """),
        ("Content/briefs/first-brief.md", """
        ---
        # A brief: your analysis. The file name is its id.
        title: Where the contract talks stand   # required
        date: 2026-03-05                        # required
        summary: The agency will review the contract; no agreement yet.  # the bottom line up front
        actors: [example-agency, example-corp]  # who the brief is about
        topics: [contract-review]               # what it is about
        judgments:                              # key judgments in ICD 203 terms
          - text: The review ends with a revised contract this year.
            likelihood: likely                  # almost no chance | very unlikely | unlikely | roughly even chance | likely | very likely | almost certain
            confidence: moderate                # low | moderate | high
        ---
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
