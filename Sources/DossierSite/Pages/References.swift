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
    private let shared: [Key: SharedView<ReferenceSource>]?
    /// Each reference's number, by its key and locator (`p. 3` and `p. 4` of one source are two references).
    private var numbers: [NumberKey: Int] = [:]
    private var entries: [ReferenceEntry?] = []

    init(site: ModelReader, links: Links, shared: [Key: SharedView<ReferenceSource>]? = nil) {
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

    /// The superscript markers for a claim's citations.
    func markers(_ citations: [Citation]) -> [ReferenceMarker] {
        citations.map { c in
            let n = number(for: c)
            return ReferenceMarker(n: n, href: "#ref-\(n)", text: String(n), label: "Reference \(n)")
        }
    }

    /// One compact marker for a claim whose references are listed on another page (`url`, the claim's own page,
    /// named by `holder`, e.g. "the event's page"): `[2 sources]`, linking to that page's reference list. Nothing
    /// is added to this page's list.
    static func elsewhere(_ citations: [Citation], url: String, holder: String) -> [ReferenceMarker] {
        let count = Set(citations.map(\.source)).count
        guard count > 0 else { return [] }
        let text = count == 1 ? "1 source" : "\(count) sources"
        return [ReferenceMarker(n: count, href: url + "#references-heading", text: text,
                                label: "\(text), referenced in full on \(holder)")]
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

    /// The page's reference list, in number order (null where a citation's source is unknown).
    var list: [ReferenceEntry?] { entries }

    private func entry(_ n: Int, _ c: Citation, _ key: Key) -> ReferenceEntry? {
        guard let source = shared?[key] ?? base(for: key).map(SharedView.init) else { return nil }
        return ReferenceEntry(source: source, n: n, note: c.note, locator: c.locator)
    }

    /// What the entry of a citation of `key` shows besides its number and note, or nil when its source is unknown.
    func base(for key: Key) -> ReferenceSource? {
        guard let source = site.source(key.source) else { return nil }
        let passage = site.passage(source: key.source, quote: key.quote)
        var href = links.url(ItemRef(.source, source.id))
        var original = source.url
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
                original = link.text
            }
        }
        return ReferenceSource(sourceTitle: source.title, sourceURL: href, publisher: source.publisher,
                               published: source.published?.formatted(), reliability: source.reliability,
                               reliabilityLabel: source.reliability.flatMap { Source.reliabilityGrades[$0] },
                               quote: key.quote.map(QuoteText.shown), originalURL: original)
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
