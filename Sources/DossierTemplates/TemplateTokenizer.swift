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
            let (kind, nameStart, closing) = tagKind(at: pos + open.count, close: close)
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
            let tag = Token(kind: .tag(kind), start: pos, end: tagEnd, line: tagLine, column: tagColumn, name: "")
            if let delimiters = add(tag, name: nameBegin..<nameEnd) { (open, close) = delimiters }
            pos = tagEnd
            textStart = pos
            textLine = line
            textColumn = column(from: lineStart, to: pos)
        }
        if textStart < n {
            flushText(&tokens, from: textStart, to: n, line: textLine, column: textColumn)
        }
    }

    /// The kind of the tag whose content starts at `contentStart` (after the opening delimiter), where its name
    /// starts, and the bytes that close it (`}}}` for `{{{`, `=}}` for `{{=`).
    private func tagKind(at contentStart: Int, close: [UInt8]) -> (kind: TagKind, nameStart: Int, closing: [UInt8]) {
        guard contentStart < bytes.count else { return (.variable(escaped: true), contentStart, close) }
        let next = contentStart + 1
        switch bytes[contentStart] {
        case 0x7B: return (.variable(escaped: false), next, [0x7D] + close)  // {
        case 0x26: return (.variable(escaped: false), next, close)  // &
        case 0x23: return (.section, next, close)  // #
        case 0x5E: return (.inverted, next, close)  // ^
        case 0x2F: return (.close, next, close)  // /
        case 0x21: return (.comment, next, close)  // !
        case 0x3E: return (.partial, next, close)  // >
        case 0x3C: return (.parent, next, close)  // <
        case 0x24: return (.block, next, close)  // $
        case 0x3D: return (.setDelimiters, next, [0x3D] + close)  // =
        default: return (.variable(escaped: true), contentStart, close)
        }
    }

    /// Adds the tag token `tag`, with its name read from `nameRange`, or the error that makes it invalid; returns
    /// the new opening and closing delimiters when it is a valid set-delimiter tag.
    private mutating func add(_ tag: Token, name nameRange: Range<Int>) -> (open: [UInt8], close: [UInt8])? {
        guard case .tag(let kind) = tag.kind else { return nil }
        switch kind {
        case .comment:
            tokens.append(tag)
        case .setDelimiters:
            let parts = bytes[nameRange].split(whereSeparator: { TemplateTokenizer.isTagWhitespace($0) }).map { Array($0) }
            guard parts.count == 2, !parts[0].contains(0x3D), !parts[1].contains(0x3D) else {
                errors.append(error(tag.line, tag.column,
                    "invalid set-delimiter tag: expected two delimiters without '=' or spaces, like {{=<% %>=}}"))
                return nil
            }
            tokens.append(tag)
            return (parts[0], parts[1])
        default:
            let name = String(decoding: bytes[nameRange], as: UTF8.self)
            if name.isEmpty {
                errors.append(error(tag.line, tag.column, "empty tag name"))
            } else if name.utf8.contains(where: TemplateTokenizer.isTagWhitespace) {
                errors.append(error(tag.line, tag.column, "invalid name '\(name)': names cannot contain spaces"))
            } else {
                tokens.append(Token(kind: tag.kind, start: tag.start, end: tag.end, line: tag.line, column: tag.column, name: name))
            }
        }
        return nil
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
