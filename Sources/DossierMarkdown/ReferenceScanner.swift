/// Recognizes Dossier's inline extensions in a run of text as cmark-gfm
/// parsed it (escapes and entities already resolved, soft breaks given as
/// `"\n"`).
///
/// Grammar:
/// - link: `[[` target (`|` label)? `]]` — the target has no `[`, `]`, `|`
///   or line break and is non-blank; the label has no `[` or `]`.
/// - citation: `[@` source (whitespace+ quote)? whitespace* `]` — the source
///   is non-empty and has no whitespace, brackets or quotation marks; the
///   quote is `"…"` or `“…”` and may contain anything but its closing mark.
///
/// An opening `[` (and the second `[` or the `@`) written as a backslash
/// escape or an HTML entity does not start a reference, so `\[\[x]]` stays
/// text.
enum ReferenceScanner {
    struct Match: Equatable {
        /// Range of the reference in the scanned scalars.
        var range: Range<Int>
        var reference: MarkdownReference
    }

    static func scan(_ scalars: [Unicode.Scalar], escaped: [Bool]) -> [Match] {
        var matches: [Match] = []
        var i = 0
        while i + 1 < scalars.count {
            if scalars[i] == "[", !escaped[i], !escaped[i + 1] {
                if scalars[i + 1] == "[", let match = link(scalars, at: i) {
                    matches.append(match)
                    i = match.range.upperBound
                    continue
                }
                if scalars[i + 1] == "@", let match = citation(scalars, at: i) {
                    matches.append(match)
                    i = match.range.upperBound
                    continue
                }
            }
            i += 1
        }
        return matches
    }

    private static func link(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        var i = start + 2
        var target = String.UnicodeScalarView()
        while i < s.count, s[i] != "]", s[i] != "|" {
            if s[i] == "[" || s[i] == "\n" { return nil }
            target.append(s[i])
            i += 1
        }
        guard i < s.count else { return nil }
        var label: String.UnicodeScalarView?
        if s[i] == "|" {
            i += 1
            var text = String.UnicodeScalarView()
            while i < s.count, s[i] != "]" {
                if s[i] == "[" { return nil }
                text.append(s[i])
                i += 1
            }
            label = text
        }
        guard i + 1 < s.count, s[i] == "]", s[i + 1] == "]" else { return nil }
        let trimmedTarget = trim(String(target))
        guard !trimmedTarget.isEmpty else { return nil }
        let trimmedLabel = label.map { joinLines(String($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        return Match(range: start..<(i + 2), reference: .link(target: trimmedTarget, label: trimmedLabel))
    }

    private static func citation(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        var i = start + 2
        var source = String.UnicodeScalarView()
        while i < s.count, !isSpace(s[i]), !"[]\"“”".unicodeScalars.contains(s[i]) {
            source.append(s[i])
            i += 1
        }
        guard !source.isEmpty else { return nil }
        var quote: String?
        let afterSource = i
        while i < s.count, isSpace(s[i]) { i += 1 }
        if i < s.count, i > afterSource, s[i] == "\"" || s[i] == "“" {
            let closing: Unicode.Scalar = s[i] == "\"" ? "\"" : "”"
            i += 1
            var text = String.UnicodeScalarView()
            while i < s.count, s[i] != closing {
                text.append(s[i])
                i += 1
            }
            guard i < s.count else { return nil }
            quote = joinLines(String(text))
            i += 1
            while i < s.count, isSpace(s[i]) { i += 1 }
        }
        guard i < s.count, s[i] == "]" else { return nil }
        return Match(range: start..<(i + 1), reference: .citation(source: String(source), quote: quote))
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// Trims whitespace at both ends.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Joins the lines of a soft-wrapped text with single spaces, then trims.
    static func joinLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { trim(String($0)) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
