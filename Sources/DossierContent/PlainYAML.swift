/// Reads the plain front matter most items have straight from its bytes: block mappings and sequences whose
/// values are one-line scalars or one-line flow lists of ids, giving the nodes, styles and marks libyaml gives.
///
/// libyaml's event parser was about a sixth of loading a large site. This reader accepts only text whose meaning
/// it is sure of and returns nil for everything else (comments, tabs, anchors, tags, block scalars, scalars
/// over several lines or with escapes, empty values, unusual characters), which `YAMLNode.parse` then hands to
/// libyaml: every diagnostic and every corner of YAML stays libyaml's.
enum PlainYAML {
    /// The document's root mapping, or nil when the text is not in the plain subset.
    static func parse(_ yaml: String) -> YAMLNode? {
        var reader = Reader(bytes: Array(yaml.utf8))
        return reader.document()
    }

    /// A line that is not blank: its number (1-based) and the offsets of its start, its content and its end
    /// (trailing spaces excluded). A block-sequence entry holding a mapping is read again from the mapping's key,
    /// so `content` may lie past the line's indentation.
    private struct Line {
        var number: Int
        var start: Int
        var content: Int
        var end: Int

        /// The column (0-based) of the content: everything before it is ASCII (spaces, `-`).
        var column: Int { content - start }
    }

    private struct Reader {
        let bytes: [UInt8]
        var lines: [Line] = []
        var next = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() -> YAMLNode? {
            guard plainCharacters() else { return nil }
            splitLines()
            guard let first = lines.first, first.column == 0, let root = mapping(column: 0) else { return nil }
            return next == lines.count ? root : nil
        }

        /// Whether every character is one libyaml reads as printable text on one line, and nothing starts a comment.
        private func plainCharacters() -> Bool {
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                switch b {
                case 0x0A, 0x20...0x22, 0x24...0x7E: break
                case 0xC2:  // C1 controls and NEL (a line break to libyaml)
                    if i + 1 < n, bytes[i + 1] <= 0x9F { return false }
                case 0xE2:  // line and paragraph separators
                    if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return false }
                case 0xEF:  // byte order mark, U+FFFE and U+FFFF
                    if i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return false }
                    if i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
                case 0x80...0xFF: break
                default: return false  // tab, CR, other controls, DEL, `#`
                }
                i += 1
            }
            return true
        }

        private mutating func splitLines() {
            var start = 0
            var number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var content = start
                while content < end, bytes[content] == 0x20 { content += 1 }
                var last = end
                while last > content, bytes[last - 1] == 0x20 { last -= 1 }
                if content < last { lines.append(Line(number: number, start: start, content: content, end: last)) }
                start = end + 1
                number += 1
            }
        }

        /// A block mapping whose keys are at `column`, starting at the current line.
        private mutating func mapping(column: Int) -> YAMLNode? {
            let start = YAMLNode.Mark(line: lines[next].number, column: column + 1)
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            while next < lines.count {
                let line = lines[next]
                if line.column < column { break }
                guard line.column == column, let afterColon = key(line) else { return nil }
                let key = YAMLNode.scalar(text(line.content, afterColon - 1), .plain, mark(line, line.content))
                var v = afterColon
                while v < line.end, bytes[v] == 0x20 { v += 1 }
                let value: YAMLNode
                if v < line.end {
                    guard let scalar = inline(line, from: v) else { return nil }
                    value = scalar
                    next += 1
                } else {
                    next += 1
                    guard next < lines.count else { return nil }
                    let below = lines[next]
                    if below.column >= column, isEntry(below) {
                        guard let sequence = sequence(column: below.column) else { return nil }
                        value = sequence
                    } else if below.column > column {
                        guard let mapping = mapping(column: below.column) else { return nil }
                        value = mapping
                    } else {
                        return nil
                    }
                }
                pairs.append((key, value))
            }
            return .mapping(pairs, start)
        }

        /// A block sequence whose `-` are at `column`, starting at the current line.
        private mutating func sequence(column: Int) -> YAMLNode? {
            let start = YAMLNode.Mark(line: lines[next].number, column: column + 1)
            var items: [YAMLNode] = []
            while next < lines.count {
                let line = lines[next]
                if line.column < column { break }
                guard line.column == column else { return nil }
                guard isEntry(line) else { break }
                var p = line.content + 1
                guard p < line.end, bytes[p] == 0x20 else { return nil }
                while bytes[p] == 0x20 { p += 1 }
                var item = line
                item.content = p
                if key(item) != nil {
                    lines[next] = item
                    guard let mapping = mapping(column: item.column) else { return nil }
                    items.append(mapping)
                } else {
                    guard let scalar = inline(line, from: p) else { return nil }
                    items.append(scalar)
                    next += 1
                }
            }
            return .sequence(items, start)
        }

        private func isEntry(_ line: Line) -> Bool {
            bytes[line.content] == UInt8(ascii: "-") && (line.content + 1 == line.end || bytes[line.content + 1] == 0x20)
        }

        /// The offset just past the `:` of a `key:` at the line's content (an ASCII word, then `:` and a space or
        /// the end of the line), or nil when the line holds no such key.
        private func key(_ line: Line) -> Int? {
            var i = line.content
            guard i < line.end, isWord(bytes[i]), bytes[i] != UInt8(ascii: "-") else { return nil }
            while i < line.end, isWord(bytes[i]) { i += 1 }
            guard i < line.end, bytes[i] == UInt8(ascii: ":"), i + 1 == line.end || bytes[i + 1] == 0x20, i - line.content < 1000 else {
                return nil
            }
            return i + 1
        }

        /// An ASCII letter or digit.
        private func isLetterOrDigit(_ b: UInt8) -> Bool {
            (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
        }

        /// A byte of a key or an id: a letter, a digit, `_` or `-`.
        private func isWord(_ b: UInt8) -> Bool {
            isLetterOrDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }

        /// The one-line value from `p` to the end of the line: a quoted or plain scalar, or a flow list.
        private func inline(_ line: Line, from p: Int) -> YAMLNode? {
            let end = line.end
            switch bytes[p] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = bytes[p]
                var q = p + 1
                while q < end, bytes[q] != quote, bytes[q] != UInt8(ascii: "\\") || quote != UInt8(ascii: "\"") { q += 1 }
                guard q == end - 1, bytes[q] == quote else { return nil }
                return .scalar(text(p + 1, q), quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, mark(line, p))
            case UInt8(ascii: "["):
                return flowList(line, from: p)
            case UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: "&"), UInt8(ascii: "*"),
                 UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
                 UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                return nil
            default:
                // A plain scalar ends at `: ` (a nested key) or a trailing `:`; neither is plain.
                var i = p
                while i < end {
                    if bytes[i] == UInt8(ascii: ":"), i + 1 == end || bytes[i + 1] == 0x20 { return nil }
                    i += 1
                }
                return .scalar(text(p, end), .plain, mark(line, p))
            }
        }

        /// `[a, b, "c"]`: ids (ASCII letters, digits, `.`, `_`, `/`, `-`, starting with a letter or digit) or
        /// double-quoted text without escapes, nothing after the `]`.
        private func flowList(_ line: Line, from p: Int) -> YAMLNode? {
            let end = line.end
            var items: [YAMLNode] = []
            var i = p + 1
            func skipSpaces() { while i < end, bytes[i] == 0x20 { i += 1 } }
            skipSpaces()
            if i < end, bytes[i] == UInt8(ascii: "]") {
                return i + 1 == end ? .sequence([], mark(line, p)) : nil
            }
            while true {
                guard i < end else { return nil }
                let start = i
                if bytes[i] == UInt8(ascii: "\"") {
                    i += 1
                    while i < end, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
                    guard i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
                    items.append(.scalar(text(start + 1, i), .doubleQuoted, mark(line, start)))
                    i += 1
                } else {
                    guard isLetterOrDigit(bytes[i]) else { return nil }
                    while i < end, isWord(bytes[i]) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "/") { i += 1 }
                    items.append(.scalar(text(start, i), .plain, mark(line, start)))
                }
                skipSpaces()
                guard i < end else { return nil }
                if bytes[i] == UInt8(ascii: "]") {
                    return i + 1 == end ? .sequence(items, mark(line, p)) : nil
                }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
                skipSpaces()
                if i < end, bytes[i] == UInt8(ascii: "]") { return nil }
            }
        }

        private func text(_ from: Int, _ to: Int) -> String {
            String(decoding: bytes[from..<to], as: UTF8.self)
        }

        /// The mark of offset `p` on `line`: columns count Unicode scalars, as libyaml's do.
        private func mark(_ line: Line, _ p: Int) -> YAMLNode.Mark {
            var column = 1
            for i in line.start..<p where bytes[i] & 0xC0 != 0x80 { column += 1 }
            return YAMLNode.Mark(line: line.number, column: column)
        }
    }
}
