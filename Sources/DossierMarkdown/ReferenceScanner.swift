/// Recognizes Dossier's inline extensions in the inline content of one
/// block or inline container, as cmark-gfm parsed it: escapes and entities
/// already resolved, soft breaks given as `"\n"`, and every other inline
/// node (emphasis, code span, link, raw HTML, …) as an opaque *atom*.
///
/// Grammar:
/// - link: `[[` target (`|` label)? `]]` — the target is plain text without
///   `[`, `]`, `|` or line break, and not blank; the label has no `[` or `]`
///   but may contain inline markup (atoms), which it reads as plain text.
/// - citation: `[@` source (whitespace+ quote)? whitespace* (`,` locator)? `]`
///   — the source is plain text without whitespace, brackets, commas or
///   quotation marks; the quote is `"…"`, `“…”`, `'…'` or `‘…’` and ends at the
///   first closing mark after which the citation ends (markup is read as
///   plain text; it may span soft line breaks); the locator (`p. 3`) is text
///   without brackets or quotation marks.
/// - any other `[@` is reported as a stray, so a citation is never dropped.
///
/// An opening `[` (and the second `[` or the `@`) written as a backslash
/// escape or an HTML entity does not start a reference, so `\[\[x]]` stays
/// text.
enum ReferenceScanner {
    /// One scanned unit: a character of a text node, a soft break (`"\n"`),
    /// or an atom (any other inline node).
    struct Element {
        var scalar: Unicode.Scalar
        /// Whether the character came from a backslash escape or an entity.
        var escaped: Bool
        /// For an atom, its index for `atomText`.
        var atom: Int?

        static func character(_ scalar: Unicode.Scalar, escaped: Bool = false) -> Element {
            Element(scalar: scalar, escaped: escaped, atom: nil)
        }

        static func atom(_ index: Int) -> Element {
            Element(scalar: "\u{FFFC}", escaped: false, atom: index)
        }
    }

    struct Match: Equatable {
        /// Range of the reference in the scanned elements.
        var range: Range<Int>
        var reference: MarkdownReference
        /// A citation's locator (`p. 3`).
        var locator: String? = nil
    }

    /// Finds the references in `elements`, left to right, without overlaps, and the index of every `[@` that
    /// begins no citation. `atomText(i)` is the plain text of atom `i` (line breaks as `"\n"`).
    static func scan(_ elements: [Element], atomText: (Int) -> String = { _ in "" }) -> (matches: [Match], strays: [Int]) {
        var matches: [Match] = []
        var strays: [Int] = []
        var i = 0
        while i + 1 < elements.count {
            if isCharacter(elements[i], "["), !elements[i].escaped, !elements[i + 1].escaped {
                if isCharacter(elements[i + 1], "["), let match = link(elements, at: i, atomText) {
                    matches.append(match)
                    i = match.range.upperBound
                    continue
                }
                if isCharacter(elements[i + 1], "@") {
                    if let match = citation(elements, at: i, atomText) {
                        matches.append(match)
                        i = match.range.upperBound
                        continue
                    }
                    strays.append(i)
                }
            }
            i += 1
        }
        return (matches, strays)
    }

    private static func link(_ e: [Element], at start: Int, _ atomText: (Int) -> String) -> Match? {
        var i = start + 2
        var target: [UInt8] = []
        while i < e.count, !isCharacter(e[i], "]"), !isCharacter(e[i], "|") {
            if e[i].atom != nil || e[i].scalar == "[" || e[i].scalar == "\n" { return nil }
            append(e[i].scalar, to: &target)
            i += 1
        }
        guard i < e.count else { return nil }
        var label: String?
        if isCharacter(e[i], "|") {
            i += 1
            var text: [UInt8] = []
            while i < e.count, !isCharacter(e[i], "]") {
                if let atom = e[i].atom {
                    text.append(contentsOf: atomText(atom).utf8)
                } else if e[i].scalar == "[" {
                    return nil
                } else {
                    append(e[i].scalar, to: &text)
                }
                i += 1
            }
            label = String(decoding: text, as: UTF8.self)
        }
        guard i + 1 < e.count, isCharacter(e[i], "]"), isCharacter(e[i + 1], "]") else { return nil }
        let trimmedTarget = trim(String(decoding: target, as: UTF8.self))
        guard !trimmedTarget.isEmpty else { return nil }
        let trimmedLabel = label.map(joinLines).flatMap { $0.isEmpty ? nil : $0 }
        return Match(range: start..<(i + 2), reference: .link(target: trimmedTarget, label: trimmedLabel))
    }

    /// The closing mark of a quotation that `opener` opens, or nil when it opens none: either family, straight
    /// or curly, so the other family can be used inside.
    private static func closer(of opener: Unicode.Scalar) -> Unicode.Scalar? {
        switch opener {
        case "\"": "\""
        case "“": "”"
        case "'": "'"
        case "‘": "’"
        default: nil
        }
    }

    private static func citation(_ e: [Element], at start: Int, _ atomText: (Int) -> String) -> Match? {
        var i = start + 2
        var source: [UInt8] = []
        while i < e.count, e[i].atom == nil, !isSpace(e[i].scalar), !endsSource(e[i].scalar) {
            append(e[i].scalar, to: &source)
            i += 1
        }
        guard !source.isEmpty else { return nil }
        let id = String(decoding: source, as: UTF8.self)
        if let (end, locator) = tail(e, from: i) {
            return Match(range: start..<(end + 1), reference: .citation(source: id, quote: nil), locator: locator)
        }
        let afterSource = i
        while i < e.count, isSpaceCharacter(e[i]) { i += 1 }
        guard i > afterSource, i < e.count, e[i].atom == nil, let mark = closer(of: e[i].scalar) else { return nil }
        // The quote ends at the first closing mark after which the citation ends, so an apostrophe inside does not.
        var j = i + 1
        while j < e.count {
            if isCharacter(e[j], mark), let (end, locator) = tail(e, from: j + 1) {
                let quote = joinLines(text(e, (i + 1)..<j, atomText))
                return Match(range: start..<(end + 1), reference: .citation(source: id, quote: quote), locator: locator)
            }
            j += 1
        }
        return nil
    }

    /// Where a citation ends after its source or quote: optional spaces, an optional `, locator`, then `]`; the
    /// index of the `]` and the locator.
    private static func tail(_ e: [Element], from start: Int) -> (Int, String?)? {
        var i = start
        while i < e.count, isSpaceCharacter(e[i]) { i += 1 }
        guard i < e.count else { return nil }
        if isCharacter(e[i], "]") { return (i, nil) }
        guard isCharacter(e[i], ",") else { return nil }
        var locator: [UInt8] = []
        i += 1
        while i < e.count, !isCharacter(e[i], "]") {
            guard e[i].atom == nil, e[i].scalar != "[", closer(of: e[i].scalar) == nil, e[i].scalar != "”", e[i].scalar != "’" else { return nil }
            append(e[i].scalar, to: &locator)
            i += 1
        }
        let text = joinLines(String(decoding: locator, as: UTF8.self))
        guard i < e.count, !text.isEmpty else { return nil }
        return (i, text)
    }

    /// The text of elements `range`, atoms as their plain text.
    private static func text(_ e: [Element], _ range: Range<Int>, _ atomText: (Int) -> String) -> String {
        var bytes: [UInt8] = []
        for k in range {
            if let atom = e[k].atom { bytes.append(contentsOf: atomText(atom).utf8) } else { append(e[k].scalar, to: &bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What a stray `[@` at `start` shows in a message: up to the next `]`, at most 60 characters.
    static func strayText(_ e: [Element], at start: Int, _ atomText: (Int) -> String) -> String {
        var end = start
        while end < e.count, end - start < 60, !isCharacter(e[end], "]") { end += 1 }
        if end < e.count, isCharacter(e[end], "]") { end += 1 }
        return joinLines(text(e, start..<end, atomText))
    }

    /// Appends a scalar's UTF-8 bytes (building text as bytes is much cheaper than appending to a `String`).
    @inline(__always)
    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
    }

    private static func isCharacter(_ element: Element, _ scalar: Unicode.Scalar) -> Bool {
        element.atom == nil && element.scalar == scalar
    }

    private static func isSpaceCharacter(_ element: Element) -> Bool {
        element.atom == nil && isSpace(element.scalar)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        // Unicode's White_Space in ASCII is tab, line feed, vertical tab, form feed, carriage return and space.
        if scalar.isASCII { return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// The characters a citation's source cannot contain besides whitespace: brackets and quotation marks.
    private static func endsSource(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "[", "]", "\"", "“", "”", "'", "‘", "’", ",": true
        default: false
        }
    }

    /// Trims whitespace at both ends.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if let first = scalars.first, let last = scalars.last, !isSpace(first), !isSpace(last) { return text }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Joins the lines of a wrapped text with single spaces, then trims.
    static func joinLines(_ text: String) -> String {
        // One line needs only trimming.
        if !text.utf8.contains(0x0A) { return trim(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { trim(String($0)) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
