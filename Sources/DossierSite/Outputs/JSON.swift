import DossierSupport

/// A JSON value with object keys in the order written, so every JSON output is byte-for-byte deterministic.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Compact JSON text made earlier by `bytes(escapingHTML:)` with the same `escapingHTML` as the document it goes
    /// into, written as is: a part many documents share is serialized once.
    case serialized([UInt8])
    /// An array of `count` items, each made by `item` just as it is written: a document as large as `site.json` is
    /// never held as values all at once, only as its bytes.
    case made(count: Int, item: @Sendable (Int) -> JSONValue)

    /// An array of `items` turned into values one at a time as they are written (see `made`).
    public static func each<Item: Sendable>(_ items: [Item], _ value: @escaping @Sendable (Item) -> JSONValue) -> JSONValue {
        .made(count: items.count) { value(items[$0]) }
    }

    /// A string, or `null` when `s` is nil.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// The value as compact JSON text. With `escapingHTML`, `<`, `>` and `&` are written as `\u003c`, `\u003e`
    /// and `\u0026`, so the text is safe inside an HTML `<script>` element.
    public func serialized(escapingHTML: Bool = false, pretty: Bool = false) -> String {
        String(decoding: bytes(escapingHTML: escapingHTML, pretty: pretty), as: UTF8.self)
    }

    /// The value as UTF-8 JSON bytes (see `serialized`); `capacity` is room made for them at the start, so a large
    /// document is not copied again each time its array fills.
    public func bytes(escapingHTML: Bool = false, pretty: Bool = false, capacity: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        write(to: &out, escapingHTML: escapingHTML, indent: pretty ? 0 : nil)
        if pretty { out.append(0x0A) }
        return out
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent { out.append(0x20); out.append(0x20) }
    }

    private func write(to out: inout [UInt8], escapingHTML: Bool, indent: Int?) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)).utf8 } else if d.isFinite { out += String(d).utf8 } else { out += "null".utf8 }
        case .string(let s): JSONValue.writeString(s, to: &out, escapingHTML: escapingHTML)
        case .serialized(let bytes): out += bytes
        case .array(let items): JSONValue.writeArray(items.count, to: &out, escapingHTML: escapingHTML, indent: indent) { items[$0] }
        case .made(let count, let item): JSONValue.writeArray(count, to: &out, escapingHTML: escapingHTML, indent: indent, item)
        case .object(let pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if let indent { JSONValue.newline(&out, indent + 1) }
                JSONValue.writeString(key, to: &out, escapingHTML: escapingHTML)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(0x20) }
                value.write(to: &out, escapingHTML: escapingHTML, indent: indent.map { $0 + 1 })
            }
            if let indent { JSONValue.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes an array of `count` items, item `i` being `item(i)`.
    private static func writeArray(_ count: Int, to out: inout [UInt8], escapingHTML: Bool, indent: Int?,
                                   _ item: (Int) -> JSONValue) {
        if count == 0 { out += "[]".utf8; return }
        out.append(UInt8(ascii: "["))
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if let indent { JSONValue.newline(&out, indent + 1) }
            item(i).write(to: &out, escapingHTML: escapingHTML, indent: indent.map { $0 + 1 })
        }
        if let indent { JSONValue.newline(&out, indent) }
        out.append(UInt8(ascii: "]"))
    }

    /// Writes `s` as a JSON string literal, copying runs that need no escaping in one go.
    static func writeString(_ s: String, to out: inout [UInt8], escapingHTML: Bool) {
        out.append(0x22)
        let b = s.utf8.span
        var start = 0
        let mayEscape = JSONValue.mayEscape
        // Most words hold no byte that may need escaping and are passed over eight bytes at a time; in a flagged
        // word, each byte costs a table lookup and few need escaping.
        ByteSpan.forEachCandidate(in: b, mayHold: wordMayEscape) { i, c in
            guard mayEscape[Int(c)] else { return true }
            let isSeparator = c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9)
            let isHTML = escapingHTML && (c == 0x3C || c == 0x3E || c == 0x26)
            guard c < 0x20 || c == 0x22 || c == 0x5C || isHTML || isSeparator else { return true }
            if start < i { out.append(span: b.extracting(start..<i)) }
            start = i + 1
            switch c {
            case 0x22: out += "\\\"".utf8
            case 0x5C: out += "\\\\".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0D: out += "\\r".utf8
            case 0x09: out += "\\t".utf8
            case 0xE2:
                // The separator's other two bytes are never escaped: the scan passes over them.
                out += (b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                start = i + 3
            default:
                // Control characters and, in HTML, `<`, `>` and `&`: `\u00XX`.
                out += "\\u00".utf8
                out.append(JSONValue.hexDigits[Int(c >> 4)])
                out.append(JSONValue.hexDigits[Int(c & 0xF)])
            }
            return true
        }
        if start < b.count { out.append(span: b.extracting(start..<b.count)) }
        out.append(0x22)
    }

    /// Whether some byte of `word` is one of `mayEscape`'s: it never misses one, so a false alarm costs time only.
    @inline(__always)
    private static func wordMayEscape(_ word: UInt64) -> Bool {
        ByteWord.hasBelow(word, 0x20) | ByteWord.has(word, 0x22) | ByteWord.has(word, 0x5C) | ByteWord.has(word, 0x3C)
            | ByteWord.has(word, 0x3E) | ByteWord.has(word, 0x26) | ByteWord.has(word, 0xE2) != 0
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that may need escaping: control characters, `"`, `\`, `<`, `>`, `&` and the first byte of U+2028/U+2029.
    private static let mayEscape: [Bool] = (0..<256).map { c in
        c < 0x20 || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0xE2
    }

    /// Two values are equal when they serialize to the same text (object key order counts).
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    /// Hashes the serialized text, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A Boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal; keys keep the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}
