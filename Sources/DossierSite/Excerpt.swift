import DossierContent
import DossierModel
import Foundation

/// Short plain-text excerpts of Markdown bodies, for search results, feeds and exports: no markup, `[[links]]`
/// as their label, citations dropped, whitespace folded, cut at a word with an ellipsis.
public enum Excerpt {
    /// Plain text of `markdown` up to `limit` characters; `title` names the item an unlabelled `[[id]]` points to.
    public static func plain(_ markdown: String, limit: Int, title: (String) -> String? = { _ in nil }) -> String {
        var out = ""
        var chars = Substring(markdown)
        var lastWasSpace = true
        var count = 0
        func emit(_ c: Character) {
            if c == " " || c == "\n" || c == "\t" || c == "\r" {
                if !lastWasSpace { out.append(" "); lastWasSpace = true; count += 1 }
            } else {
                out.append(c)
                lastWasSpace = false
                count += 1
            }
        }
        var atLineStart = true
        while let c = chars.first, count <= limit + 1 {
            if atLineStart {
                // Block markers: headings, quotes, list bullets, table pipes.
                while let f = chars.first, f == "#" || f == ">" || f == " " { chars.removeFirst() }
                if chars.hasPrefix("- [ ] ") || chars.hasPrefix("- [x] ") { chars.removeFirst(6) }
                else if chars.hasPrefix("- ") || chars.hasPrefix("* ") || chars.hasPrefix("+ ") { chars.removeFirst(2) }
                atLineStart = false
                continue
            }
            if chars.hasPrefix("[[") , let end = chars.range(of: "]]") {
                let inner = chars[chars.index(chars.startIndex, offsetBy: 2)..<end.lowerBound]
                if let bar = inner.firstIndex(of: "|") {
                    for ch in inner[inner.index(after: bar)...] where ch != "\\" { emit(ch) }
                } else {
                    let id = String(inner.split(separator: "/").last ?? inner)
                    for ch in title(id) ?? id { emit(ch) }
                }
                chars = chars[end.upperBound...]
                continue
            }
            if chars.hasPrefix("[@"), let end = chars.firstIndex(of: "]") {
                chars = chars[chars.index(after: end)...]
                if out.hasSuffix(" ") { lastWasSpace = true }
                continue
            }
            if c == "]", chars.dropFirst().first == "(", let close = chars.firstIndex(of: ")") {
                chars = chars[chars.index(after: close)...]
                continue
            }
            if c == "*" || c == "_" || c == "`" || c == "[" || c == "]" || c == "|" {
                chars.removeFirst()
                if c == "|" { emit(" ") }
                continue
            }
            if c == "\n" { atLineStart = true }
            emit(c)
            chars.removeFirst()
        }
        var text = out.trimmingSpaces
        while text.hasSuffix(" .") { text = String(text.dropLast(2)) + "." }
        return cut(text.replacingSpaceBeforePunctuation, limit: limit)
    }

    /// A title lookup for `plain`: the title of the item of any kind with that id (an `[[id]]` names one item).
    public static func titles(_ site: SiteModel) -> (String) -> String? {
        { id in
            for kind in ItemKind.allCases { if let t = site.title(of: ItemRef(kind, id)) { return t } }
            return nil
        }
    }

    /// `text` cut to at most `limit` characters at a word boundary, with `…` when cut.
    public static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        var prefix = String(text.prefix(limit))
        if let space = prefix.lastIndex(of: " "), prefix.distance(from: prefix.startIndex, to: space) > limit / 2 {
            prefix = String(prefix[..<space])
        }
        while let l = prefix.last, l == "," || l == ";" || l == ":" || l == " " || l == "." || l == "(" { prefix.removeLast() }
        return prefix + "…"
    }
}

extension String {
    /// The string with spaces removed before `.`, `,`, `;`, `:` and `)` (left where a citation was dropped).
    fileprivate var replacingSpaceBeforePunctuation: String {
        var out = ""
        for c in self {
            if (c == "." || c == "," || c == ";" || c == ":" || c == ")"), out.last == " " { out.removeLast() }
            out.append(c)
        }
        return out
    }
}
