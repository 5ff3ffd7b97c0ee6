import DossierContent
import DossierModel
import DossierTemplates

/// Numbers the citations of one page in order of first use and builds the page's reference list.
///
/// A citation of the same source with the same quote keeps its number; each number links to the
/// marked passage on the source page with both its fragment id and a text fragment.
final class References {
    private let site: ModelReader
    private let links: Links
    private var numbers: [String: Int] = [:]
    private var entries: [TemplateValue] = []

    init(site: ModelReader, links: Links) {
        self.site = site
        self.links = links
    }

    /// The number of `citation` on this page, adding it to the list on first use.
    func number(for citation: Citation) -> Int {
        let key = citation.source + "\u{0}" + (citation.quote ?? "")
        if let n = numbers[key] { return n }
        let n = entries.count + 1
        numbers[key] = n
        entries.append(entry(n, citation))
        return n
    }

    /// The superscript markers for a claim's citations: `[{n, href}]`.
    func markers(_ citations: [Citation]) -> TemplateValue {
        .list(citations.map { c in
            let n = number(for: c)
            return ["n": .number(Double(n)), "href": .string("#ref-\(n)")]
        })
    }

    /// The inline HTML of a `[@source]` citation in a Markdown body.
    func inlineHTML(for citation: Citation) -> String {
        let n = number(for: citation)
        return "<sup class=\"cite\"><a href=\"#ref-\(n)\" aria-label=\"Reference \(n)\">[\(n)]</a></sup>"
    }

    /// The page's reference list, in number order.
    var list: TemplateValue { .list(entries) }

    private func entry(_ n: Int, _ c: Citation) -> TemplateValue {
        guard let source = site.source(c.source) else { return .null }
        let passage = site.passage(for: c)
        var href = links.url(ItemRef(.source, source.id))
        var original: TemplateValue = source.url.map { .string($0) } ?? .null
        if let passage {
            let fragment = passage.fragment
            href += "#\(passage.anchor):~:text=\(fragment)"
            if let url = source.url, !url.utf8.contains(UInt8(ascii: "#")) { original = .string(url + "#:~:text=" + fragment) }
        }
        return [
            "n": .number(Double(n)),
            "id": .string("ref-\(n)"),
            "source_title": .string(source.title),
            "source_url": .string(href),
            "publisher": source.publisher.map { .string($0) } ?? .null,
            "published": source.published.map { .string($0.formatted()) } ?? .null,
            "reliability": source.reliability.map { .string($0) } ?? .null,
            "reliability_label": source.reliability.flatMap { Source.reliabilityGrades[$0] }.map { .string($0) } ?? .null,
            "quote": c.quote.map { .string($0) } ?? .null,
            "note": c.note.map { .string($0) } ?? .null,
            "original_url": original,
        ]
    }
}

/// Relative URLs from one page to any other, so the built folder works at any path on any host.
struct Links: Sendable {
    /// The prefix that climbs from the current page to the site root (`../../`, or `` at the root).
    let root: String

    init(depth: Int) { root = String(repeating: "../", count: depth) }
    init(root: String) { self.root = root }

    /// The URL of an item's page.
    func url(_ ref: ItemRef) -> String { root + ref.kind.folder + "/" + ref.id + "/" }

    /// The URL of a site path such as `timeline/` or `assets/style.css`; the home page is `./` at the root.
    func url(_ path: String) -> String {
        let u = root + path
        return u.isEmpty ? "./" : u
    }
}
