import Foundation

/// What a page says about itself: headline, bylines, site, date, canonical address, language and direction.
public struct PageMetadata: Sendable, Equatable {
    public var title: String?
    /// Every byline, in the page's order, without duplicates.
    public var authors: [String] = []
    public var publisher: String?
    /// The date or date-time as the page states it.
    public var published: String?
    public var canonicalURL: String?
    public var language: String?
    /// `ltr` or `rtl` when the page states it.
    public var dir: String?
    public var description: String?

    /// Makes empty metadata.
    public init() {}
}

/// Reads `PageMetadata` from a parsed page. Precedence, from most to least deliberate: schema.org JSON-LD, then
/// Dublin Core, Open Graph and `article:*` meta tags, then named meta tags, then the document itself (`<title>`,
/// `<time>`, bylines marked in the text, `<html lang dir>`), as Readability orders them.
struct MetadataReader {
    let tree: HTMLTree

    func read() -> PageMetadata {
        let meta = metaValues()
        let docTitle = documentTitle()
        let ld = JSONLD(tree: tree, documentTitle: docTitle)
        var m = PageMetadata()
        m.title = ld.title ?? first(meta, ["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
                                           "title", "twitter:title", "parsely-title"]) ?? docTitle
        m.authors = ld.authors
        if m.authors.isEmpty, let a = first(meta, ["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"]),
           !a.hasPrefix("http") {
            m.authors = [a]
        }
        if m.authors.isEmpty, let b = bylineInText() { m.authors = [b] }
        m.publisher = ld.publisher ?? first(meta, ["og:site_name", "application-name", "twitter:site"]).map(stripAt)
        m.published = ld.datePublished ?? first(meta, ["article:published_time", "parsely-pub-date", "dc:date", "dcterm:date",
                                                       "date", "pubdate", "publishdate", "sailthru.date"]) ?? timeElement()
        m.canonicalURL = canonical() ?? first(meta, ["og:url"])
        m.description = ld.description ?? first(meta, ["dc:description", "dcterm:description", "og:description", "description",
                                                       "twitter:description"])
        let html = tree[tree.root]
        m.language = nonEmpty(html.attribute("lang")) ?? nonEmpty(html.attribute("xml:lang"))
            ?? first(meta, ["og:locale", "content-language", "dc:language"])
        m.dir = direction()
        return m
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let t = s.map(TextFold.collapse), !t.isEmpty else { return nil }
        return t
    }

    private func stripAt(_ s: String) -> String { s.hasPrefix("@") ? String(s.dropFirst()) : s }

    private func first(_ values: [String: String], _ keys: [String]) -> String? {
        keys.lazy.compactMap { values[$0] }.first
    }

    /// Meta tag contents by normalised key (lowercase, no spaces, dots as colons); `property` may list several keys.
    private func metaValues() -> [String: String] {
        var values: [String: String] = [:]
        for i in tree.elements(named: "meta") {
            let node = tree[i]
            guard let content = nonEmpty(node.attribute("content")) else { continue }
            var keys: [String] = []
            if let p = node.attribute("property") { keys += p.lowercased().split(separator: " ").map(String.init) }
            if let n = node.attribute("name") { keys.append(String(n.lowercased().unicodeScalars.filter { $0 != " " })) }
            if let h = node.attribute("http-equiv") { keys.append(h.lowercased()) }
            if let n = node.attribute("itemprop") { keys.append(n.lowercased()) }
            // As in Readability, a later tag overrides an earlier one, and a `property` outranks a `name` by coming later
            // in the list of keys.
            for key in keys.reversed() {
                values[String(String.UnicodeScalarView(key.unicodeScalars.map { $0 == "." ? ":" : $0 }))] = content
            }
        }
        return values
    }

    private func canonical() -> String? {
        for i in tree.elements(named: "link") {
            let rel = tree[i].attribute("rel")?.lowercased().split(separator: " ") ?? []
            if rel.contains("canonical"), let href = nonEmpty(tree[i].attribute("href")), href.hasPrefix("http") { return href }
        }
        return nil
    }

    /// `<title>`, with a trailing or leading " | Site" part removed when what remains is still a headline.
    private func documentTitle() -> String? {
        guard let t = tree.firstElement(named: "title").map({ tree.text($0) }), !t.isEmpty else {
            return tree.firstElement(named: "h1").map { tree.text($0) }
        }
        for sep in [" | ", " – ", " — ", " - ", " :: ", " / ", " » "] where t.contains(sep) {
            let parts = t.components(separatedBy: sep)
            let head = parts.dropLast().joined(separator: sep)
            if head.split(separator: " ").count >= 3 { return head }
            let tail = parts.dropFirst().joined(separator: sep)
            if tail.split(separator: " ").count >= 4 { return tail }
            return t
        }
        return t
    }

    /// The first element marked as a byline (`rel=author`, `itemprop=author`, or a byline class) with short text.
    private func bylineInText() -> String? {
        for i in tree.firstElement(named: "body").map({ tree.elements(under: $0) }) ?? [] {
            let n = tree[i]
            let words = ((n.attribute("class") ?? "") + " " + (n.attribute("id") ?? "")).lowercased()
            let marked = n.attribute("rel") == "author" || (n.attribute("itemprop")?.contains("author") ?? false)
                || Boilerplate.bylineWords.matches(words)
            guard marked, !["script", "style", "meta", "link", "html", "body"].contains(n.name) else { continue }
            if let named = tree.elements(under: i).first(where: { tree[$0].attribute("itemprop") == "name" }) {
                let t = tree.text(named)
                if !t.isEmpty, t.count < 100 { return t }
            }
            let t = tree.text(i)
            if !t.isEmpty, t.count < 100 { return t }
        }
        return nil
    }

    private func timeElement() -> String? {
        for i in tree.elements(named: "time") {
            if let d = nonEmpty(tree[i].attribute("datetime")) { return d }
        }
        return nil
    }

    private func direction() -> String? {
        // The nearest statement to the text wins, as Readability takes the article's closest `dir`.
        for name in ["body", "html"] {
            if let i = tree.firstElement(named: name), let d = nonEmpty(tree[i].attribute("dir"))?.lowercased(),
               d == "rtl" || d == "ltr" { return d }
        }
        for i in tree.firstElement(named: "body").map({ tree.elements(under: $0) }) ?? [] {
            if let d = tree[i].attribute("dir")?.lowercased(), d == "rtl" || d == "ltr" { return d }
        }
        return nil
    }
}

/// The schema.org article described by a page's JSON-LD, if any.
struct JSONLD {
    var title: String?
    var authors: [String] = []
    var publisher: String?
    var datePublished: String?
    var description: String?

    private static let articleTypes: Set<String> = [
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
        "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
    ]

    init(tree: HTMLTree, documentTitle: String?) {
        for i in tree.elements(named: "script") where tree[i].attribute("type")?.lowercased().contains("ld+json") == true {
            let raw = tree.rawText(i)
            // Trimmed as `trimmingCharacters(in: .whitespacesAndNewlines)` would, without bridging the text to NSString.
            var text = raw.unicodeScalars.drop { $0.properties.isWhitespace }
            while let last = text.last, last.properties.isWhitespace { text = text.dropLast() }
            if text.starts(with: "<![CDATA[".unicodeScalars), text.reversed().starts(with: "]]>".unicodeScalars.reversed()) {
                text = text.dropFirst(9).dropLast(3)
            }
            guard let json = try? JSONSerialization.jsonObject(with: Data(Substring(text).utf8)),
                  let article = JSONLD.findArticle(json) else { continue }
            read(article, documentTitle: documentTitle)
            return
        }
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        return types.contains { articleTypes.contains($0) }
    }

    private static func findArticle(_ json: Any) -> [String: Any]? {
        if let list = json as? [Any] { return list.lazy.compactMap(findArticle).first }
        guard let object = json as? [String: Any] else { return nil }
        if isArticle(object) { return object }
        if let graph = object["@graph"] { return findArticle(graph) }
        if let main = object["mainEntity"] as? [String: Any], isArticle(main) { return main }
        return nil
    }

    private mutating func read(_ a: [String: Any], documentTitle: String?) {
        let name = (a["name"] as? String).map(TextFold.collapse).flatMap { $0.isEmpty ? nil : $0 }
        let headline = (a["headline"] as? String).map(TextFold.collapse).flatMap { $0.isEmpty ? nil : $0 }
        // Readability's choice between two differing names: the headline when it, and not the name, resembles the
        // document's title.
        if let name, let headline, name != headline, let doc = documentTitle {
            title = JSONLD.similarity(headline, doc) > 0.75 && JSONLD.similarity(name, doc) <= 0.75 ? headline : name
        } else {
            title = name ?? headline
        }
        authors = JSONLD.names(a["author"]) + JSONLD.names(a["creator"]).filter { _ in JSONLD.names(a["author"]).isEmpty }
        var seen = Set<String>()
        authors = authors.filter { seen.insert($0).inserted }
        publisher = JSONLD.names(a["publisher"]).first ?? JSONLD.names(a["sourceOrganization"]).first
        datePublished = (a["datePublished"] as? String).map(TextFold.collapse)
        description = (a["description"] as? String).map(TextFold.collapse)
    }

    /// How much of `b`'s words `a` covers, by length (Readability's text similarity).
    static func similarity(_ a: String, _ b: String) -> Double {
        func words(_ s: String) -> [String] { s.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init) }
        let wa = Set(words(a)), wb = words(b)
        guard !wb.isEmpty else { return 0 }
        let unique = wb.filter { !wa.contains($0) }.joined(separator: " ")
        return 1 - Double(unique.count) / Double(wb.joined(separator: " ").count)
    }

    private static func names(_ value: Any?) -> [String] {
        switch value {
        case let s as String: return s.hasPrefix("http") ? [] : [TextFold.collapse(s)].filter { !$0.isEmpty }
        case let list as [Any]: return list.flatMap { names($0) }
        case let o as [String: Any]: return names(o["name"])
        default: return []
        }
    }
}
