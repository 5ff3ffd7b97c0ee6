/// Where a long Markdown body can be cut into parts that cmark-gfm parses one at a time with the same result as
/// parsing it whole. cmark-gfm's syntax tree takes 5 to 8 times the bytes of the text it holds, so a body of many
/// megabytes is parsed a part of about 64 KiB at a time, and memory follows the part, not the body.
///
/// A cut goes before a line that follows a blank line and starts, at its first byte, a block that nothing before it
/// can continue: not a space or tab (an indented line may continue a list item or indented code), not a list item
/// (it may continue a list), and not inside a fenced code block. Constructs that reach across blank lines or across
/// the whole document make a body be parsed whole: link reference definitions and footnotes (they apply anywhere),
/// raw HTML blocks that run until an end marker (comments, `<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`, `<!`),
/// a fence that is indented, and carriage returns (a line-ending form the cut search does not follow).
enum MarkdownParts {
    /// Bodies up to this size are parsed whole.
    static let threshold = 256 * 1024
    /// The size a part reaches before the next cut is looked for.
    static let partSize = 64 * 1024

    /// Where a part starts: its byte offset and 1-based line in the body.
    struct Cut: Equatable {
        var offset: Int
        var line: Int
    }

    /// The starts of the parts after the first, or none when the body is short or must be parsed whole.
    static func cuts(_ bytes: [UInt8], partSize: Int = partSize, threshold: Int = threshold) -> [Cut] {
        guard bytes.count > threshold, !mustParseWhole(bytes) else { return [] }
        var cuts: [Cut] = []
        var fence: (mark: UInt8, count: Int)?
        var previousBlank = false
        var partStart = 0
        var line = 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let text = bytes[start..<end]
            let inFence = fence != nil
            if let open = fence {
                if closesFence(text, open) { fence = nil }
            } else if let opened = fenceOpener(text) {
                guard text.first != 0x20, text.first != 0x09 else { return [] }
                fence = opened
            }
            let blank = text.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if previousBlank, !inFence, start - partStart >= partSize,
               let first = text.first, first != 0x20, first != 0x09, !isListItem(text)
            {
                cuts.append(Cut(offset: start, line: line))
                partStart = start
            }
            previousBlank = blank
            start = end + 1
            line += 1
        }
        return cuts
    }

    /// Whether the body has a construct that makes cuts unsafe (see the type's comment).
    static func mustParseWhole(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0x0D) { return true }
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            let byte = bytes[i]
            if byte == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "^") { return true }
            if byte == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: ":"), !endsWikiLink(bytes, at: i) { return true }
            if byte == UInt8(ascii: "<"), opensLongHTMLBlock(bytes, at: i) { return true }
            i += 1
        }
        return false
    }

    /// Whether the `]` at `i` closes a `[[link]]` (a definition's label cannot end in an unescaped `]`), so the `]:`
    /// after it is no definition.
    private static func endsWikiLink(_ bytes: [UInt8], at i: Int) -> Bool {
        i >= 2 && bytes[i - 1] == UInt8(ascii: "]") && bytes[i - 2] != UInt8(ascii: "\\")
    }

    /// Whether `<` at `i` begins one of the raw HTML forms that a blank line does not end.
    private static func opensLongHTMLBlock(_ bytes: [UInt8], at i: Int) -> Bool {
        let next = bytes[i + 1]
        if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") { return true }
        for name in ["script", "pre", "style", "textarea"] {
            let utf8 = Array(name.utf8)
            guard i + utf8.count < bytes.count else { continue }
            if zip(bytes[(i + 1)...], utf8).allSatisfy({ $0 | 0x20 == $1 }) { return true }
        }
        return false
    }

    /// The fence a line opens: up to three spaces, then three or more backticks (with no backtick after them) or
    /// tildes.
    static func fenceOpener(_ line: ArraySlice<UInt8>) -> (mark: UInt8, count: Int)? {
        var i = line.startIndex
        while i < line.endIndex, i - line.startIndex < 4, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        guard i < line.endIndex, line[i] == UInt8(ascii: "`") || line[i] == UInt8(ascii: "~") else { return nil }
        let mark = line[i]
        var j = i
        while j < line.endIndex, line[j] == mark { j += 1 }
        guard j - i >= 3 else { return nil }
        if mark == UInt8(ascii: "`"), line[j...].contains(mark) { return nil }
        return (mark, j - i)
    }

    /// Whether a line closes the open fence: up to three spaces, at least as many of its marks, then only spaces.
    private static func closesFence(_ line: ArraySlice<UInt8>, _ fence: (mark: UInt8, count: Int)) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, i - line.startIndex < 3, line[i] == 0x20 { i += 1 }
        var j = i
        while j < line.endIndex, line[j] == fence.mark { j += 1 }
        return j - i >= fence.count && line[j...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Whether a line starts with a list marker: `-`, `+` or `*`, or up to nine digits and `.` or `)`, then a space,
    /// a tab or the end of the line.
    static func isListItem(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        guard i < line.endIndex else { return false }
        if line[i] == UInt8(ascii: "-") || line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "*") {
            i += 1
        } else {
            while i < line.endIndex, i - line.startIndex < 10, (0x30...0x39).contains(line[i]) { i += 1 }
            guard i > line.startIndex, i < line.endIndex, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: ")")
            else { return false }
            i += 1
        }
        return i == line.endIndex || line[i] == 0x20 || line[i] == 0x09
    }
}
