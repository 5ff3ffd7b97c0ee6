import CCmarkGFM

/// Finds where each cmark text node's characters were written in the source.
///
/// cmark-gfm 0.29.0.gfm.6 gives text nodes a start line and a byte column,
/// but the column is only trustworthy on a block's first line: on
/// continuation lines it assumes the first line's indentation (wrong for lazy
/// block-quote lines and extra-indented lines), nodes created by the autolink
/// extension have no position at all (0:0), and escapes, entities and table
/// `\|` make a node's literal shorter than its source. So each literal is
/// aligned byte by byte against its source line — first at cmark's column
/// (corrected by the offset already learned for that line), otherwise by
/// searching the line — undoing backslash escapes and entities as it goes.
/// Characters that came from an escape or an entity are flagged, so that
/// `\[\[x]]` is not taken for a reference.
final class SourceAligner {
    /// Where one literal byte came from.
    struct Origin {
        /// Byte offset in the source.
        var offset: Int
        /// Whether it came from a backslash escape or an HTML entity.
        var escaped: Bool
    }

    let source: SourceText
    /// Per line: actual offset minus the offset cmark's column implies.
    private var corrections: [Int: Int] = [:]
    /// Per line: end of the last aligned literal, where the next one is searched.
    private var cursors: [Int: Int] = [:]
    private var entityCache: [[UInt8]: [UInt8]] = [:]

    init(source: SourceText) {
        self.source = source
    }

    /// Origins of `literal` (a node's UTF-8 text) written on `line`, whose
    /// cmark column is `column` (0 when unknown). Falls back to an estimate
    /// (never flagged as escaped) when the literal cannot be aligned.
    func origins(of literal: [UInt8], line: Int, column: Int) -> [Origin] {
        guard !literal.isEmpty, let range = source.lineRange(line) else {
            return literal.indices.map { _ in Origin(offset: source.lineRange(line)?.lowerBound ?? 0, escaped: false) }
        }
        let claimed = column > 0 ? range.lowerBound + column - 1 : nil
        var preferred: [Int] = []
        if let claimed {
            if let correction = corrections[line] { preferred.append(claimed + correction) }
            preferred.append(claimed)
        }
        let cursor = min(cursors[line] ?? range.lowerBound, range.upperBound)
        // cmark's column first; then the rest of the line after the previous
        // literal, then before it.
        func attempt(_ start: Int) -> [Origin]? {
            guard range.contains(start), let result = align(literal, from: start, end: range.upperBound) else {
                return nil
            }
            cursors[line] = result.end
            if let claimed { corrections[line] = start - claimed }
            return result.origins
        }
        for start in preferred {
            if let origins = attempt(start) { return origins }
        }
        for start in cursor..<range.upperBound where !preferred.contains(start) {
            if let origins = attempt(start) { return origins }
        }
        for start in range.lowerBound..<cursor where !preferred.contains(start) {
            if let origins = attempt(start) { return origins }
        }
        let base = min(claimed ?? range.lowerBound, range.upperBound)
        return literal.indices.map { Origin(offset: min(base + $0, range.upperBound), escaped: false) }
    }

    private func align(_ literal: [UInt8], from start: Int, end: Int) -> (origins: [Origin], end: Int)? {
        let bytes = source.bytes
        var origins: [Origin] = []
        origins.reserveCapacity(literal.count)
        var i = 0
        var j = start
        while i < literal.count {
            guard j < end else { return nil }
            let byte = bytes[j]
            if byte == UInt8(ascii: "\\"), j + 1 < end, Self.isASCIIPunctuation(bytes[j + 1]),
                literal[i] == bytes[j + 1]
            {
                origins.append(Origin(offset: j + 1, escaped: true))
                i += 1
                j += 2
                continue
            }
            if byte == UInt8(ascii: "&"), let length = Self.entityLength(bytes, at: j, end: end) {
                let entity = Array(bytes[j..<(j + length)])
                let decoded = decode(entity)
                if decoded != entity, !decoded.isEmpty, literal[i...].starts(with: decoded) {
                    for _ in decoded { origins.append(Origin(offset: j, escaped: true)) }
                    i += decoded.count
                    j += length
                    continue
                }
            }
            guard literal[i] == byte else { return nil }
            origins.append(Origin(offset: j, escaped: false))
            i += 1
            j += 1
        }
        return (origins, j)
    }

    /// What cmark makes of an entity in text (the entity itself if unknown),
    /// with reserved placeholder characters neutralized like node text.
    private func decode(_ entity: [UInt8]) -> [UInt8] {
        if let cached = entityCache[entity] { return cached }
        var decoded = entity
        let input = ([UInt8(ascii: "a")] + entity).map { CChar(bitPattern: $0) }
        let document = Cmark.withInlineParserLock { cmark_parse_document(input, input.count, CMARK_OPT_DEFAULT) }
        if let document {
            cmark_consolidate_text_nodes(document)
            if let paragraph = cmark_node_first_child(document),
                let text = cmark_node_first_child(paragraph),
                cmark_node_get_type(text) == CMARK_NODE_TEXT
            {
                let bytes = Cmark.literal(of: text)
                if bytes.first == UInt8(ascii: "a") {
                    decoded = Array(bytes.dropFirst())
                    PlaceholderToken.neutralize(utf8: &decoded)
                }
            }
            cmark_node_free(document)
        }
        entityCache[entity] = decoded
        return decoded
    }

    /// Length of an entity reference (`&name;`, `&#123;`, `&#x1F;`) at `start`.
    static func entityLength(_ bytes: [UInt8], at start: Int, end: Int) -> Int? {
        var i = start + 1
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
        func isAlpha(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        guard i < end else { return nil }
        let body: (UInt8) -> Bool
        let maxLength: Int
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            guard i < end else { return nil }
            if bytes[i] == UInt8(ascii: "x") || bytes[i] == UInt8(ascii: "X") {
                i += 1
                body = isHex
                maxLength = 6
            } else {
                body = isDigit
                maxLength = 7
            }
        } else {
            guard isAlpha(bytes[i]) else { return nil }
            body = { isAlpha($0) || isDigit($0) }
            maxLength = 32
        }
        let bodyStart = i
        while i < end, i - bodyStart < maxLength, body(bytes[i]) { i += 1 }
        guard i > bodyStart, i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
        return i + 1 - start
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
            || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }
}
