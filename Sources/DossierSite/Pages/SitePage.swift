import DossierModel

/// One page of the built site: where it goes, which template draws it, and what it is about.
///
/// The plan is a list of these; each page is a pure function of the model and the templates, so pages
/// render independently and in parallel.
public struct SitePage: Sendable, Hashable {
    /// What a page shows, which decides the template and the view value built for it.
    public enum Kind: Sendable, Hashable {
        case home, briefIndex, actorIndex, topicIndex, sourceIndex, timeline, stanceMatrix, search, changes, notFound
        case item(ItemRef)
        /// A page of a paginated list, other than the first page of an index (which keeps its own kind).
        case listing(Listing)
        /// The own page of one published edition, `/changes/<number>/`.
        case edition(Int)
    }

    public var kind: Kind
    /// Output path relative to `Output/`, always ending in `index.html` or `.html`.
    public var path: String

    /// The template that draws this page.
    public var template: String {
        switch kind {
        case .item(let ref): return ref.kind.rawValue
        case .listing(let listing): return listing.template
        case .edition: return "edition"
        default:
            guard let section = SectionPage.of(kind) else { preconditionFailure("no row of SectionPage.all for \(kind)") }
            return section.template
        }
    }

    /// The list page this is, if any: index pages are the first pages of their lists.
    public var listing: Listing? {
        switch kind {
        case .briefIndex: Listing(.briefs, 1)
        case .sourceIndex: Listing(.sources, 1)
        case .actorIndex: Listing(.actors, 1)
        case .topicIndex: Listing(.topics, 1)
        case .listing(let listing): listing
        default: nil
        }
    }

    /// Page `number` of a list, at `<list folder>/page/<number>/index.html` (the first page at the list's folder).
    public static func listing(_ listing: Listing) -> SitePage {
        SitePage(kind: .listing(listing), path: listing.folder(page: listing.number) + "index.html")
    }

    /// The folder depth of every item page.
    static let itemDepth = 2

    /// The page of one item, at `<kind folder>/<id>/index.html`.
    public static func item(_ ref: ItemRef) -> SitePage {
        SitePage(kind: .item(ref), path: "\(ref.kind.folder)/\(ref.id)/index.html")
    }

    /// The page's folder depth below the site root; relative links climb this many levels.
    public var depth: Int {
        // The non-empty parts between slashes, less one; counted on bytes, as every page asks several times.
        var parts = 0
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if previous == UInt8(ascii: "/"), byte != UInt8(ascii: "/") { parts += 1 }
            previous = byte
        }
        return parts - 1
    }
}

extension SitePage.Kind {
    /// Whether this is an edition's own page.
    var isEdition: Bool {
        if case .edition = self { return true }
        return false
    }
}
