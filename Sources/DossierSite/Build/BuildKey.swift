import DossierModel

/// What an output file is made from: the one vocabulary in which pages, site-wide outputs and the persisted build
/// graph say what they read. A build compares the keys that changed since the last build with the keys each file
/// was made from, and makes again only the files that read one of them.
///
/// `dossier watch` keeps the last model in memory, so it tells a page's model reads apart (`model`); the build
/// graph `dossier build` persists holds templates, assets and the content as a whole (the keys with a `text`).
enum BuildKey: Hashable, Sendable {
    /// A template's source (a page template, or a partial or layout a page template uses).
    case template(String)
    /// A file of the theme copied as it is (`assets/…`).
    case asset(String)
    /// A part of the model (an item, a collection, an index entry, …), as a page or a site-wide output reads it.
    case model(ModelKey)
    /// The list of the site's pages (what the sitemap lists).
    case pagePaths
    /// The id and title of every item (what `[[id]]` links show).
    case titles
    /// The change log: the editions and what changed in each.
    case changeLog
    /// Everything under `Content/` and `Editions/`: what a site-wide output reads, as the build graph records it.
    case content

    /// `site.yml` settings.
    static let config = BuildKey.model(.config)
    /// Every item of `kind`, in display order.
    static func collection(_ kind: ItemKind) -> BuildKey { .model(.collection(kind)) }

    /// The key as the graph file writes it: a letter, a colon, the name; nil for the finer keys only a build in
    /// memory compares.
    var text: String? {
        switch self {
        case .template(let name): "t:" + name
        case .asset(let name): "a:" + name
        case .content: "c:"
        case .model, .pagePaths, .titles, .changeLog: nil
        }
    }

    /// The key a graph file wrote as `text`, or nil when it is not one.
    init?(text: Substring) {
        let name = String(text.dropFirst(2))
        switch text.prefix(2) {
        case "t:": self = .template(name)
        case "a:": self = .asset(name)
        case "c:" where name.isEmpty: self = .content
        default: return nil
        }
    }
}
