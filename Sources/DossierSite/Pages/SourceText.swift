import DossierContent

/// Renders a plain-text source as HTML paragraphs with each cited passage marked.
enum SourceText {
    /// Paragraphs are separated by blank lines (with `linesAreParagraphs`, by every line break); each cited
    /// passage becomes `<mark id="q-n">`, split at paragraph breaks so the markup stays valid.
    static func html(_ scalars: [Unicode.Scalar], passages: [CitedPassage], linesAreParagraphs: Bool = false) -> String {
        var out = ""
        var paragraph = ""
        var i = 0
        var next = 0
        var open: CitedPassage?
        var continued = false
        func flushParagraph() {
            if !paragraph.isBlank { out += "<p>" + paragraph + "</p>\n" }
            paragraph = ""
        }
        func openMark(_ p: CitedPassage) {
            paragraph += continued ? "<mark class=\"quote\">" : "<mark id=\"\(p.anchor)\" class=\"quote\">"
            continued = true
        }
        while i < scalars.count {
            if open == nil, next < passages.count, passages[next].range.lowerBound == i {
                open = passages[next]
                next += 1
                continued = false
                openMark(open!)
            }
            if let p = open, p.range.upperBound == i {
                paragraph += "</mark>"
                open = nil
                continue
            }
            if scalars[i] == "\n", i + 1 < scalars.count, linesAreParagraphs || scalars[i + 1] == "\n" || isBlankLineAhead(scalars, i + 1) {
                if open != nil { paragraph += "</mark>" }
                flushParagraph()
                while i < scalars.count, scalars[i] == "\n" || scalars[i] == " " || scalars[i] == "\t" { i += 1 }
                if let p = open {
                    if i >= p.range.upperBound { open = nil } else { openMark(p) }
                }
                continue
            }
            HTML.append(scalars[i], to: &paragraph)
            i += 1
        }
        if open != nil { paragraph += "</mark>" }
        flushParagraph()
        return out
    }

    private static func isBlankLineAhead(_ s: [Unicode.Scalar], _ start: Int) -> Bool {
        var j = start
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        return j < s.count && s[j] == "\n"
    }
}

/// Marks cited passages inside already-rendered HTML (Markdown sources), where a passage may cross
/// inline tags: each text run of a passage is wrapped in its own `<mark>`, the first carrying the id.
enum HTMLMarker {
    /// Inserts marks for `passages` (found again in the HTML's visible text, in order) into `html`. With the
    /// `source` text the passages' ranges index, a passage whose words occur several times is marked at the same
    /// occurrence as in the source (an `occurrence: N` citation), else at the first.
    static func mark(_ html: String, passages: [CitedPassage], source: QuoteText? = nil) -> String {
        guard !passages.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let (visible, spans) = visibleText(bytes)
        let text = QuoteText(String(decoding: visible, as: UTF8.self))
        // Usually the page's visible text folds like the source's own (both come from the same Markdown); each
        // passage's place is then searched once, in the source, and holds in the page too.
        let sameFold = source?.foldsLike(text) ?? false
        // Insertions: byte offset → text to insert; opening marks before closing ones at the same offset sort last.
        var insertions: [(offset: Int, order: Int, text: String)] = []
        for passage in passages {
            let found: Range<Int>?
            if sameFold, let source {
                found = source.place(of: passage.text, at: passage.range.lowerBound, in: text)
            } else {
                let occurrence = source?.occurrencesBefore(passage.text, at: passage.range.lowerBound) ?? 0
                found = text.find(passage.text, occurrence: occurrence)
            }
            guard let range = found else { continue }
            var first = true
            var runStart: Int?
            var runEnd = 0
            func closeRun() {
                guard let start = runStart else { return }
                let attributes = first ? " id=\"\(passage.anchor)\" class=\"quote\"" : " class=\"quote\""
                insertions.append((start, 1, "<mark\(attributes)>"))
                insertions.append((runEnd, 0, "</mark>"))
                first = false
                runStart = nil
            }
            for k in range {
                let (lower, upper) = (spans[k].lowerBound, spans[k].upperBound)
                if lower == upper { closeRun(); continue }
                if runStart != nil, lower != runEnd, !isTagFree(bytes, runEnd..<lower) { closeRun() }
                if runStart == nil { runStart = lower }
                runEnd = upper
            }
            closeRun()
        }
        insertions.sort { ($0.offset, $0.order) < ($1.offset, $1.order) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + insertions.count * 32)
        var cursor = 0
        for insertion in insertions {
            out.append(contentsOf: bytes[cursor..<insertion.offset])
            out.append(contentsOf: insertion.text.utf8)
            cursor = insertion.offset
        }
        out.append(contentsOf: bytes[cursor...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The visible text of `bytes` (HTML), as UTF-8, and for each of its scalars the bytes of the HTML it came
    /// from (an empty span for a block break, which shows as a newline).
    private static func visibleText(_ bytes: [UInt8]) -> (text: [UInt8], spans: [Range<Int>]) {
        // Neither is longer than the HTML: a tag shows as at most one newline, an entity as fewer bytes than it
        // has, anything else as itself. Both are reserved that long once.
        let n = bytes.count
        var visible: [UInt8] = [], spans: [Range<Int>] = []
        visible.reserveCapacity(n)
        spans.reserveCapacity(n)
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "<") {
                var j = i + 1
                while j < n, bytes[j] != UInt8(ascii: ">") { j += 1 }
                var k = i + 1
                if k < j, bytes[k] == UInt8(ascii: "/") { k += 1 }
                let nameStart = k
                while k < j, (bytes[k] | 0x20) >= UInt8(ascii: "a") && (bytes[k] | 0x20) <= UInt8(ascii: "z") || (bytes[k] >= 0x31 && bytes[k] <= 0x36) {
                    k += 1
                }
                if isBlockTag(bytes[nameStart..<k]) {
                    visible.append(UInt8(ascii: "\n"))
                    spans.append(i..<i)
                }
                i = j + 1
            } else if b == UInt8(ascii: "&"), let semi = bytes[i..<min(n, i + 12)].firstIndex(of: UInt8(ascii: ";")) {
                let decoded = PageLinks.decode(String(decoding: bytes[i...semi], as: UTF8.self))
                // The reserved room holds what each part of the HTML shows only if no entity shows more
                // bytes than it has.
                precondition(decoded.utf8.count <= semi + 1 - i, "an entity decodes to more bytes than it has")
                for scalar in decoded.unicodeScalars {
                    for byte in UTF8.encode(scalar)! {
                        visible.append(byte)
                    }
                    spans.append(i..<(semi + 1))
                }
                i = semi + 1
            } else if b < 0x80 {
                // A run of ASCII text, each byte a scalar of its own: copied at once, with the span of each byte.
                var end = i + 1
                while end < n, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "&") { end += 1 }
                visible.append(contentsOf: bytes[i..<end])
                spans.append(addingCapacity: end - i) { out in
                    for k in i..<end { out.append(k..<(k + 1)) }
                }
                i = end
            } else {
                // One scalar (the HTML is valid UTF-8), kept as its bytes.
                let end = min(i + (b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4), n)
                for k in i..<end {
                    visible.append(bytes[k])
                }
                spans.append(i..<end)
                i = end
            }
        }
        return (visible, spans)
    }

    private static func isTagFree(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        !bytes[range].contains(UInt8(ascii: "<"))
    }

    private static let blockTags: [[UInt8]] = ["p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                               "pre", "table", "tr", "td", "th", "div", "br", "hr", "section", "figure"]
        .map { Array($0.utf8) }

    /// Whether a tag's name (letters in any case, digits 1–6) is that of a block, which breaks the visible text.
    private static func isBlockTag(_ name: ArraySlice<UInt8>) -> Bool {
        blockTags.contains { tag in
            tag.count == name.count && zip(tag, name).allSatisfy { $0 == $1 | 0x20 }
        }
    }
}
