import DossierSupport
import Foundation

/// The Markdown source as UTF-8 bytes (with placeholder characters
/// neutralized) and its line structure, used to turn byte offsets into the
/// 1-based line and Unicode-scalar column that users see in their editor.
struct SourceText {
    /// UTF-8 bytes fed to cmark-gfm; same length and line structure as the
    /// original text (reserved scalars are swapped for U+FFFD in place).
    let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0]` is line 1.
    let lineStarts: [Int]
    /// Byte offset where each line's content ends (before its line ending).
    let lineEnds: [Int]

    init(_ text: String) {
        var bytes = Array(text.utf8)
        PlaceholderToken.neutralize(utf8: &bytes)
        self.bytes = bytes
        // cmark's line endings: "\n", "\r\n" and "\r". Line feeds are found eight bytes at a time; text with no carriage
        // return (nearly all) needs nothing else.
        var starts = [0]
        var ends: [Int] = []
        let buffer = bytes.span
        let n = buffer.count
        if ByteSpan.firstIndex(of: 0x0D, in: buffer, from: 0) == nil {
            var i = 0
            while let at = ByteSpan.firstIndex(of: 0x0A, in: buffer, from: i) {
                ends.append(at)
                starts.append(at + 1)
                i = at + 1
            }
        } else {
            var i = 0
            while i < n {
                switch buffer[i] {
                case UInt8(ascii: "\n"):
                    ends.append(i)
                    starts.append(i + 1)
                case UInt8(ascii: "\r"):
                    ends.append(i)
                    if i + 1 < n, buffer[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    starts.append(i + 1)
                default:
                    break
                }
                i += 1
            }
        }
        ends.append(bytes.count)
        self.lineStarts = starts
        self.lineEnds = ends
    }

    /// Byte range of line `line` (1-based), without its line ending.
    func lineRange(_ line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        return lineStarts[line - 1]..<lineEnds[line - 1]
    }

    /// 1-based column, in Unicode scalars, of byte `offset` on `line`.
    /// A byte-order mark at the start of the text is not counted, as editors
    /// do not show it.
    func column(ofByte offset: Int, line: Int) -> Int {
        guard let range = lineRange(line) else { return 1 }
        var start = range.lowerBound
        if start == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let end = min(max(offset, start), range.upperBound)
        guard start < end else { return 1 }
        var column = 1
        for byte in bytes[start..<end] where byte & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    /// A byte offset on a line and its column, from which the next column on that line is counted on.
    typealias ColumnMark = (line: Int, offset: Int, column: Int)

    /// Like `column(ofByte:line:)`, counting on from `mark` when it lies earlier on the same line, and leaving the
    /// answer in `mark`: asked in source order, the columns of a line cost one pass over it, not one pass each
    /// (a paragraph of 5,000 citations took 10 s when every one counted from the start of its line).
    func column(ofByte offset: Int, line: Int, from mark: inout ColumnMark?) -> Int {
        guard let known = mark, known.line == line, known.offset <= offset, let range = lineRange(line) else {
            let column = column(ofByte: offset, line: line)
            if let range = lineRange(line) { mark = (line, min(max(offset, range.lowerBound), range.upperBound), column) }
            return column
        }
        let end = min(offset, range.upperBound)
        var column = known.column
        if known.offset < end {
            for byte in bytes[known.offset..<end] where byte & 0xC0 != 0x80 { column += 1 }
        }
        mark = (line, max(known.offset, end), column)
        return column
    }
}
