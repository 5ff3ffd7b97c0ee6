import DossierContent
import DossierModel
import Foundation

/// Verifies a rendered site as a careful editor would before publishing: every internal link and
/// fragment resolves (text fragments included), every page is reachable from the home page, every
/// actor takes part in something and every source is cited.
public enum SiteChecker {
    /// Checks `rendered` and returns the findings, sorted.
    public static func check(_ rendered: SiteBuilder.Rendered) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let pages = Dictionary(uniqueKeysWithValues: rendered.files.filter { $0.path.hasSuffix(".html") }
            .map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let files = Set(rendered.files.map(\.path))
        let parsed = pages.mapValues(PageLinks.init)
        var texts: [String: QuoteText] = [:]
        var edges: [String: Set<String>] = [:]

        for path in pages.keys.sorted() {
            let page = parsed[path]!
            for link in page.links {
                guard let target = resolve(link.url, from: path) else { continue }
                let location = SourceLocation(path: "Output/" + path, line: link.line, column: link.column)
                guard let file = targetFile(target.path, files: files) else {
                    findings.append(.error(location, "broken link: \(link.url) points to \(target.path.isEmpty ? "/" : target.path), which the site does not have",
                                           code: "broken-link"))
                    continue
                }
                edges[path, default: []].insert(file)
                if let fragment = target.fragment, !fragment.isEmpty, let targetPage = parsed[file] {
                    if !fragment.id.isEmpty, !targetPage.ids.contains(fragment.id) {
                        findings.append(.error(location, "broken link: \(file) has no element with id '\(fragment.id)' (from \(link.url))",
                                               code: "broken-fragment"))
                    }
                    if let text = fragment.text {
                        if texts[file] == nil { texts[file] = QuoteText(targetPage.text) }
                        if texts[file]!.find(text) == nil {
                            findings.append(.error(location, "broken text fragment: the words \"\(text)\" do not occur on \(file)",
                                                   code: "broken-text-fragment"))
                        }
                    }
                }
            }
        }

        // Reachability from the home page.
        var reached: Set<String> = ["index.html"]
        var queue = ["index.html"]
        while let next = queue.popLast() {
            for target in edges[next] ?? [] where reached.insert(target).inserted { queue.append(target) }
        }
        for path in pages.keys.sorted() where !reached.contains(path) && path != "404.html" {
            findings.append(.error(SourceLocation(path: "Output/" + path), "page is not reachable from the home page by links",
                                   code: "unreachable-page"))
        }

        if let site = rendered.site {
            for actor in site.actors where site.eventsByActor[actor.id] == nil && site.stancesByActor[actor.id] == nil {
                findings.append(.warning(actor.location, "actor '\(actor.id)' appears in no event and takes no stance",
                                         code: "idle-actor"))
            }
            for source in site.sources where site.citations[source.id] == nil {
                findings.append(.warning(source.location, "source '\(source.id)' is never cited", code: "uncited-source"))
            }
        }
        return findings.sorted()
    }

    /// A link target: a site path (relative to `Output/`) and the fragment, if any.
    struct Target {
        var path: String
        var fragment: Fragment?
    }

    /// A URL fragment: an element id and, optionally, a text directive's words.
    struct Fragment {
        var id: String
        var text: String?
        var isEmpty: Bool { id.isEmpty && text == nil }
    }

    /// Resolves `url` found on page `from` to a site path; nil for external or non-page links.
    static func resolve(_ url: String, from: String) -> Target? {
        if url.isEmpty || url.hasPrefix("mailto:") || url.hasPrefix("tel:") || url.hasPrefix("data:") { return nil }
        if url.range(of: "^[a-zA-Z][a-zA-Z0-9+.-]*:", options: .regularExpression) != nil || url.hasPrefix("//") { return nil }
        var rest = Substring(url)
        var fragment: Fragment?
        if let hash = rest.firstIndex(of: "#") {
            fragment = parseFragment(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        var parts: [Substring] = rest.hasPrefix("/") ? [] : from.split(separator: "/").dropLast()
        if rest.isEmpty { return Target(path: from, fragment: fragment) }
        for piece in rest.split(separator: "/", omittingEmptySubsequences: false) {
            switch piece {
            case "", ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(piece)
            }
        }
        var path = parts.joined(separator: "/")
        if rest.hasSuffix("/") || rest.hasSuffix("/.") || rest == "." || rest == ".." { path += path.isEmpty ? "" : "/" }
        return Target(path: path, fragment: fragment)
    }

    static func parseFragment(_ raw: String) -> Fragment {
        let parts = raw.components(separatedBy: ":~:")
        var text: String?
        if parts.count > 1 {
            for directive in parts[1].split(separator: "&") where directive.hasPrefix("text=") {
                let value = directive.dropFirst(5)
                let start = value.split(separator: ",", omittingEmptySubsequences: false).first ?? value
                text = String(start).removingPercentEncoding
            }
        }
        return Fragment(id: parts[0].removingPercentEncoding ?? parts[0], text: text)
    }

    private static func targetFile(_ path: String, files: Set<String>) -> String? {
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files.contains(index) ? index : nil
        }
        if files.contains(path) { return path }
        return files.contains(path + "/index.html") ? path + "/index.html" : nil
    }
}

/// The links, ids and visible text of one HTML page, read with a small scanner (the build's own output is regular).
struct PageLinks {
    struct Link {
        var url: String
        var line: Int
        var column: Int
    }

    var links: [Link] = []
    var ids: Set<String> = []
    var text = ""

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var i = 0, line = 1, lineStart = 0
        var textBytes: [UInt8] = []
        var inTag = false
        var skipUntil: [UInt8]?
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1 }
            if let end = skipUntil {
                if b == 0x3C, PageLinks.matches(bytes, i, end) { skipUntil = nil } else { i += 1; continue }
            }
            if b == 0x3C {
                inTag = true
                if PageLinks.matches(bytes, i, Array("<script".utf8)) { skipUntil = Array("</script".utf8) }
                if PageLinks.matches(bytes, i, Array("<style".utf8)) { skipUntil = Array("</style".utf8) }
                textBytes.append(0x20)
            } else if b == 0x3E, inTag {
                inTag = false
            } else if inTag {
                for attr in ["href=\"", "id=\""] {
                    let a = Array(attr.utf8)
                    if (i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x0A), PageLinks.matches(bytes, i, a) {
                        var j = i + a.count
                        while j < bytes.count, bytes[j] != 0x22 { j += 1 }
                        let value = PageLinks.decode(String(decoding: bytes[(i + a.count)..<j], as: UTF8.self))
                        let column = String(decoding: bytes[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1
                        if attr == "id=\"" { ids.insert(value) } else { links.append(Link(url: value, line: line, column: column)) }
                        i = j
                        break
                    }
                }
            } else {
                textBytes.append(b)
            }
            i += 1
        }
        text = PageLinks.decode(String(decoding: textBytes, as: UTF8.self))
    }

    private static func matches(_ bytes: [UInt8], _ at: Int, _ pattern: [UInt8]) -> Bool {
        guard at + pattern.count <= bytes.count else { return false }
        for k in 0..<pattern.count where bytes[at + k] | 0x20 != pattern[k] | 0x20 { return false }
        return true
    }

    /// Decodes the character references the build writes.
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
        out = out.replacingOccurrences(of: "&amp;", with: "&")
        return out
    }
}
