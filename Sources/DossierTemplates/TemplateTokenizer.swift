/// Splits a template source into text runs, newlines and tags (applying set-delimiter tags as it
/// goes), recording each tag's line and column; the parser then works line by line on the tokens.
struct TemplateTokenizer {
    /// What a token is.
    enum Kind: Equatable {
        /// Text without newlines and without tags.
        case text
        /// `\n` or `\r\n`.
        case newline
        /// A tag of the given kind.
        case tag(TagKind)
    }

    /// The kind of a tag, from its sigil.
    enum TagKind: Equatable {
        case variable(escaped: Bool)
        case section
        case inverted
        case close
        case comment
        case partial
        case parent
        case block
        case setDelimiters

        /// Whether a line holding only this tag and whitespace is removed (a standalone line).
        var canStandAlone: Bool {
            if case .variable = self { return false }
            return true
        }
    }

    /// A token: its kind, byte range in the source, position, and (for tags) trimmed name.
    struct Token {
        let kind: Kind
        let start: Int
        let end: Int
        let line: Int
        let column: Int
        let name: String
    }

    private let bytes: [UInt8]
    private let templateName: String
    private(set) var tokens: [Token] = []
    private(set) var errors: [TemplateError] = []

    init(bytes: [UInt8], templateName: String) {
        self.bytes = bytes
        self.templateName = templateName
        tokenize()
    }

    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Whether a byte is in-line whitespace or a line break (allowed around names inside a tag).
    static func isTagWhitespace(_ b: UInt8) -> Bool {
        b == space || b == tab || b == newline || b == carriageReturn
    }

    private mutating func tokenize() {
        var open: [UInt8] = [0x7B, 0x7B]   // {{
        var close: [UInt8] = [0x7D, 0x7D]  // }}
        let n = bytes.count
        var pos = 0
        var line = 1
        var lineStart = 0
        var textStart = 0

        func flushText(_ tokens: inout [Token], from start: Int, to end: Int, line: Int, column: Int) {
            if end > start {
                tokens.append(Token(kind: .text, start: start, end: end, line: line, column: column, name: ""))
            }
        }

        var textLine = 1
        var textColumn = 1

        while pos < n {
            let b = bytes[pos]
            if b == TemplateTokenizer.newline {
                var textEnd = pos
                if textEnd > textStart && bytes[textEnd - 1] == TemplateTokenizer.carriageReturn {
                    textEnd -= 1
                }
                flushText(&tokens, from: textStart, to: textEnd, line: textLine, column: textColumn)
                tokens.append(Token(kind: .newline, start: textEnd, end: pos + 1, line: line, column: 0, name: ""))
                pos += 1
                line += 1
                lineStart = pos
                textStart = pos
                textLine = line
                textColumn = 1
                continue
            }
            guard b == open[0], matches(open, at: pos) else {
                pos += 1
                continue
            }
            // A tag starts here.
            flushText(&tokens, from: textStart, to: pos, line: textLine, column: textColumn)
            let tagLine = line
            let tagColumn = column(from: lineStart, to: pos)
            let contentStart = pos + open.count
            var kind: TagKind
            var nameStart = contentStart
            var closing = close
            if contentStart < n {
                switch bytes[contentStart] {
                case 0x7B: kind = .variable(escaped: false); nameStart += 1; closing = [0x7D] + close  // {
                case 0x26: kind = .variable(escaped: false); nameStart += 1  // &
                case 0x23: kind = .section; nameStart += 1  // #
                case 0x5E: kind = .inverted; nameStart += 1  // ^
                case 0x2F: kind = .close; nameStart += 1  // /
                case 0x21: kind = .comment; nameStart += 1  // !
                case 0x3E: kind = .partial; nameStart += 1  // >
                case 0x3C: kind = .parent; nameStart += 1  // <
                case 0x24: kind = .block; nameStart += 1  // $
                case 0x3D: kind = .setDelimiters; nameStart += 1; closing = [0x3D] + close  // =
                default: kind = .variable(escaped: true)
                }
            } else {
                kind = .variable(escaped: true)
            }
            guard let closeAt = find(closing, from: nameStart) else {
                let shown = String(decoding: closing, as: UTF8.self)
                errors.append(error(tagLine, tagColumn, "unclosed tag: no '\(shown)' after it"))
                textStart = n
                pos = n
                break
            }
            let tagEnd = closeAt + closing.count
            for q in pos..<tagEnd where bytes[q] == TemplateTokenizer.newline {
                line += 1
                lineStart = q + 1
            }
            var nameBegin = nameStart
            var nameEnd = closeAt
            while nameBegin < nameEnd && TemplateTokenizer.isTagWhitespace(bytes[nameBegin]) { nameBegin += 1 }
            while nameEnd > nameBegin && TemplateTokenizer.isTagWhitespace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            let name = String(decoding: bytes[nameBegin..<nameEnd], as: UTF8.self)

            switch kind {
            case .comment:
                tokens.append(Token(kind: .tag(kind), start: pos, end: tagEnd, line: tagLine, column: tagColumn, name: ""))
            case .setDelimiters:
                let parts = bytes[nameBegin..<nameEnd]
                    .split(whereSeparator: { TemplateTokenizer.isTagWhitespace($0) })
                    .map { Array($0) }
                if parts.count == 2, !parts[0].contains(0x3D), !parts[1].contains(0x3D) {
                    open = parts[0]
                    close = parts[1]
                    tokens.append(Token(kind: .tag(kind), start: pos, end: tagEnd, line: tagLine, column: tagColumn, name: ""))
                } else {
                    errors.append(error(tagLine, tagColumn,
                        "invalid set-delimiter tag: expected two delimiters without '=' or spaces, like {{=<% %>=}}"))
                }
            default:
                if name.isEmpty {
                    errors.append(error(tagLine, tagColumn, "empty tag name"))
                } else if name.utf8.contains(where: TemplateTokenizer.isTagWhitespace) {
                    errors.append(error(tagLine, tagColumn, "invalid name '\(name)': names cannot contain spaces"))
                } else {
                    tokens.append(Token(kind: .tag(kind), start: pos, end: tagEnd, line: tagLine, column: tagColumn, name: name))
                }
            }
            pos = tagEnd
            textStart = pos
            textLine = line
            textColumn = column(from: lineStart, to: pos)
        }
        if textStart < n {
            flushText(&tokens, from: textStart, to: n, line: textLine, column: textColumn)
        }
    }

    private func error(_ line: Int, _ column: Int, _ message: String) -> TemplateError {
        TemplateError(name: templateName, line: line, column: column, message: message)
    }

    /// 1-based column of `pos`, counting Unicode scalars (UTF-8 lead bytes) since `lineStart`.
    private func column(from lineStart: Int, to pos: Int) -> Int {
        var count = 1
        var i = lineStart
        while i < pos {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    private func matches(_ needle: [UInt8], at pos: Int) -> Bool {
        if pos + needle.count > bytes.count { return false }
        for k in 0..<needle.count where bytes[pos + k] != needle[k] {
            return false
        }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var i = start
        let last = bytes.count - needle.count
        let first = needle[0]
        while i <= last {
            if bytes[i] == first && matches(needle, at: i) { return i }
            i += 1
        }
        return nil
    }
}
