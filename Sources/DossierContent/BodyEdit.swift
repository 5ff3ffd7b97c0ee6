import DossierMarkdown
import DossierModel
import Foundation

/// Items whose Markdown body prose was edited after a `SiteModel` was built, with what those edits moved: read
/// over that model, they give what a full load of the edited files would give.
///
/// Lets a watcher render an edited item's own page at once, without copying or loading the whole model again.
public struct BodyEdits: Sendable {
    /// The edited items with their new bodies, by id.
    public internal(set) var actors: [String: Actor] = [:]
    public internal(set) var events: [String: Event] = [:]
    public internal(set) var topics: [String: Topic] = [:]
    public internal(set) var briefs: [String: Brief] = [:]
    /// The new parsed bodies.
    public internal(set) var documents: [ItemRef: MarkdownDocument] = [:]
    /// The citing uses of each source a new body cites, with the citations at their new places.
    public internal(set) var citations: [String: [CitingUse]] = [:]
    /// The edited items, in the order they were added.
    public internal(set) var items: [ItemRef] = []

    /// No edits.
    public init() {}
}

extension SiteLoader {
    /// Adds to `edits` the edit of the item file at `relativePath` (relative to the site folder), when it changed
    /// only the body's prose since `site` was built: the same front matter, the same links and citations in the
    /// same order, and no problems. Such an edit leaves every index, passage and cross-reference as it was.
    ///
    /// Returns false, leaving `edits` as it was, for any other edit or a file that is not an item of `site`; the
    /// caller then needs a full load.
    public func addBodyEdit(path relativePath: String, in site: SiteModel, to edits: inout BodyEdits) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "Content", parts[2].hasSuffix(".md"),
              let kind = ItemKind.allCases.first(where: { $0.folder == parts[1] }), kind != .source else { return false }
        let id = String(parts[2].dropLast(3))
        let ref = ItemRef(kind, id)
        guard ItemID.isValid(id), !edits.items.contains(ref), let old = site.documents[ref] else { return false }
        let filePath = siteFolder.appendingPathComponent(relativePath).path
        guard let data = FileManager.default.contents(atPath: filePath) else { return false }
        let file = ContentFile(kind: kind, id: id, relativePath: relativePath, path: filePath, format: .markdown)
        let parsed = SiteLoader.parse(file, data: data, options: MarkdownOptions(unsafeHTML: site.config.unsafeHTML))
        guard parsed.diagnostics.isEmpty, let item = parsed.item, let document = parsed.document, document.strayCitations.isEmpty,
              document.references.map(\.shape) == old.references.map(\.shape) else { return false }

        /// Whether `new` is `old` but for its body.
        func onlyBody<T: Equatable>(_ new: T, _ old: T?, body: WritableKeyPath<T, Body>) -> Bool {
            guard var old else { return false }
            old[keyPath: body] = new[keyPath: body]
            return old == new
        }
        let body: Body
        let path: String
        switch item {
        case .brief(let new):
            guard onlyBody(new, site.brief(id), body: \.body) else { return false }
            (body, path) = (new.body, new.location.path)
            edits.briefs[id] = new
        case .event(let new):
            guard onlyBody(new, site.event(id), body: \.body) else { return false }
            (body, path) = (new.body, new.location.path)
            edits.events[id] = new
        case .actor(let new):
            guard onlyBody(new, site.actor(id), body: \.body) else { return false }
            (body, path) = (new.body, new.location.path)
            edits.actors[id] = new
        case .topic(let new):
            guard onlyBody(new, site.topic(id), body: \.body) else { return false }
            (body, path) = (new.body, new.location.path)
            edits.topics[id] = new
        case .source:
            return false
        }
        edits.documents[ref] = document
        edits.items.append(ref)

        // Body citations moved with the text: the uses the resolver makes of them, at their new places.
        var moved: [String: [CitingUse]] = [:]
        for r in document.references {
            guard let use = Resolver.bodyUse(r, of: ref, path: path, firstLine: body.firstLine) else { continue }
            moved[use.citation.source, default: []].append(use)
        }
        for (source, uses) in moved {
            var list = (edits.citations[source] ?? site.citations[source] ?? [])
                .filter { !($0.item == ref && $0.citation.location.line >= body.firstLine) }
            list += uses
            list.sort { ($0.item, $0.citation.location) < ($1.item, $1.citation.location) }
            edits.citations[source] = list
        }
        return true
    }
}

extension LocatedReference {
    /// What a reference means for the model, whatever its place and label: the target of a link, or the source,
    /// quote and locator of a citation.
    var shape: LocatedReference {
        switch reference {
        case let .link(target, _): LocatedReference(reference: .link(target: target, label: nil), line: 0, column: 0)
        case .citation: LocatedReference(reference: reference, line: 0, column: 0, locator: locator)
        }
    }
}
