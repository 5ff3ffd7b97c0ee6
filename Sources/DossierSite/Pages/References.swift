import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates

/// Numbers the citations of one page in order of first use and builds the page's reference list.
///
/// A citation of the same source with the same quote keeps its number; each number links to the
/// marked passage on the source page with both its fragment id and a text fragment.
final class References {
    /// What makes two citations one reference: the same source and the same quote.
    struct Key: Hashable, Sendable {
        let source: String
        let quote: String?

        init(source: String, quote: String?) {
            self.source = source
            self.quote = quote
        }

        init(_ citation: Citation) { self.init(source: citation.source, quote: citation.quote) }
    }

    /// A reference's identity on a page: its key and its locator.
    private struct NumberKey: Hashable {
        let key: Key
        let locator: String?
    }

    private let site: ModelReader
    private let links: Links
    /// Entries made once per build for item pages, which this page extends (nil: make every entry here).
    private let shared: [Key: TemplateObject]?
    /// Each reference's number, by its key and locator (`p. 3` and `p. 4` of one source are two references).
    private var numbers: [NumberKey: Int] = [:]
    private var entries: [TemplateValue] = []

    init(site: ModelReader, links: Links, shared: [Key: TemplateObject]? = nil) {
        self.site = site
        self.links = links
        self.shared = shared
    }

    /// The number of `citation` on this page, adding it to the list on first use.
    func number(for citation: Citation) -> Int {
        let key = Key(citation)
        let numberKey = NumberKey(key: key, locator: citation.locator)
        if let n = numbers[numberKey] { return n }
        let n = entries.count + 1
        numbers[numberKey] = n
        entries.append(entry(n, citation, key))
        return n
    }

    /// The superscript markers for a claim's citations: `[{n, href, text, label}]`.
    func markers(_ citations: [Citation]) -> TemplateValue {
        .list(citations.map { c in
            let n = number(for: c)
            return ["n": .number(Double(n)), "href": .string("#ref-\(n)"), "text": .string(String(n)), "label": .string("Reference \(n)")]
        })
    }

    /// One compact marker for a claim whose references are listed on another page (`url`, the claim's own page,
    /// named by `holder`, e.g. "the event's page"): `[2 sources]`, linking to that page's reference list. Nothing
    /// is added to this page's list.
    static func elsewhere(_ citations: [Citation], url: String, holder: String) -> TemplateValue {
        let count = Set(citations.map(\.source)).count
        guard count > 0 else { return .list([]) }
        let text = count == 1 ? "1 source" : "\(count) sources"
        return .list([["n": .number(Double(count)), "href": .string(url + "#references-heading"), "text": .string(text),
                       "label": .string("\(text), referenced in full on \(holder)")]])
    }

    /// The inline HTML of a `[@source]` citation in a Markdown body.
    func inlineHTML(for citation: Citation) -> String {
        let n = number(for: citation)
        var html = TextBuilder(capacity: 96)
        html.append("<sup class=\"cite\"><a href=\"#ref-")
        html.append(n)
        html.append("\" aria-label=\"Reference ")
        html.append(n)
        html.append("\">[")
        html.append(n)
        html.append("]</a></sup>")
        return html.text
    }

    /// The page's reference list, in number order.
    var list: TemplateValue { .list(entries) }

    private func entry(_ n: Int, _ c: Citation, _ key: Key) -> TemplateValue {
        guard let base = shared?[key] ?? self.base(for: key) else { return .null }
        var entry = TemplateObject(extending: base, minimumCapacity: 3)
        entry["n"] = .number(Double(n))
        entry["id"] = .string("ref-\(n)")
        entry["note"] = c.note.templateValue
        if let locator = c.locator { entry["locator"] = .string(locator) }
        return .object(entry)
    }

    /// What the entry of a citation of `key` shows besides its number and note, or nil when its source is unknown.
    func base(for key: Key) -> TemplateObject? {
        guard let source = site.source(key.source) else { return nil }
        let passage = site.passage(source: key.source, quote: key.quote)
        var href = links.url(ItemRef(.source, source.id))
        var original: TemplateValue = source.url.templateValue
        if let passage {
            let fragment = site.elidedFragment(source: key.source, quote: key.quote) ?? passage.fragment
            var target = TextBuilder(capacity: href.utf8.count + passage.anchor.utf8.count + fragment.utf8.count + 10)
            target.append(href)
            target.append("#")
            target.append(passage.anchor)
            target.append(":~:text=")
            target.append(fragment)
            href = target.text
            if let url = source.url, !url.utf8.contains(UInt8(ascii: "#")) {
                var link = TextBuilder(capacity: url.utf8.count + fragment.utf8.count + 9)
                link.append(url)
                link.append("#:~:text=")
                link.append(fragment)
                original = .string(link.text)
            }
        }
        return [
            "source_title": .string(source.title),
            "source_url": .string(href),
            "publisher": source.publisher.templateValue,
            "published": source.published.map { .string($0.formatted()) } ?? .null,
            "reliability": source.reliability.templateValue,
            "reliability_label": source.reliability.flatMap { Source.reliabilityGrades[$0] }.templateValue,
            "quote": key.quote.map { .string(QuoteText.shown($0)) } ?? .null,
            "locator": .null,
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
    func url(_ ref: ItemRef) -> String { SiteURLs.itemURL(root, ref) }

    /// The URL of a site path such as `timeline/` or `assets/style.css`; the home page is `./` at the root.
    func url(_ path: String) -> String {
        let u = root + path
        return u.isEmpty ? "./" : u
    }
}
