import Foundation

/// Finds a page's character encoding as browsers do, in the order of precedence: the HTTP
/// `Content-Type` header, a byte-order mark, `<meta charset>`, then `<meta http-equiv="Content-Type">`; with none
/// of them, UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers assume for Western pages).
public struct Charset: Sendable, Equatable {
    /// Where the encoding was found.
    public enum Origin: String, Sendable {
        case header, bom, metaCharset = "meta-charset", httpEquiv = "http-equiv", sniffed
        /// A saved page declaring a legacy charset whose bytes are nonetheless valid UTF-8 with non-ASCII text: the
        /// browser that saved it re-encoded it (legacy text is almost never valid UTF-8 by chance).
        case savedAsUTF8 = "saved-as-utf-8"
    }

    /// The encoding name as libxml2 knows it.
    public var name: String
    /// Where it came from.
    public var origin: Origin
    /// How many leading bytes are a byte-order mark (dropped before parsing).
    public var bomLength: Int

    /// Detects the encoding of `bytes`, given the HTTP `Content-Type` header if the page came over HTTP.
    public static func detect(_ bytes: [UInt8], contentType: String? = nil) -> Charset {
        let bom = byteOrderMark(bytes)
        if let contentType, let label = charsetParameter(contentType) {
            return Charset(name: normalize(label), origin: .header, bomLength: bom?.length ?? 0)
        }
        if let bom { return Charset(name: bom.name, origin: .bom, bomLength: bom.length) }
        // The first 16 KiB, ASCII-lowercased byte by byte, other bytes as spaces: what the meta tags are read from.
        let head = bytes.prefix(16_384).map { $0 >= 0x80 ? 0x20 : (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        let metas = metaTags(head)
        let declared = metas.lazy.compactMap(metaCharset).first.map { ($0, Origin.metaCharset) }
            ?? metas.lazy.compactMap(httpEquivCharset).first.map { ($0, Origin.httpEquiv) }
        if let (label, origin) = declared {
            let name = normalize(label)
            if name != "UTF-8", LibXMLParser.knowsEncoding(name), bytes.contains(where: { $0 >= 0x80 }), isValidUTF8(bytes) {
                return Charset(name: "UTF-8", origin: .savedAsUTF8, bomLength: 0)
            }
            return Charset(name: name, origin: origin, bomLength: 0)
        }
        return Charset(name: isValidUTF8(bytes) ? "UTF-8" : "windows-1252", origin: .sniffed, bomLength: 0)
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// The WHATWG label mapping for the labels pages really use: Latin-1 and ASCII mean windows-1252, GB2312 means
    /// GB18030's subset GBK (decoded here as GB18030, its superset).
    static func normalize(_ label: String) -> String {
        let l = label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
        switch l {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312": return "GB18030"
        case "x-sjis", "sjis", "ms_kanji", "windows-31j": return "SHIFT_JIS"
        default: return l
        }
    }

    private static func byteOrderMark(_ b: [UInt8]) -> (name: String, length: Int)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if b.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if b.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    /// The `charset=` parameter of a `Content-Type` value.
    static func charsetParameter(_ value: String) -> String? {
        let lower = value.lowercased()
        guard let r = lower.range(of: "charset") else { return nil }
        var rest = lower[r.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { !";\"' ,>/".contains($0) }
        return label.isEmpty ? nil : String(label)
    }

    /// The text of each `<meta …>` tag in `bytes` (already lowercased ASCII).
    private static func metaTags(_ bytes: [UInt8]) -> [Substring] {
        let marker = Array("<meta".utf8)
        var tags: [Substring] = []
        var i = 0
        while i + marker.count <= bytes.count {
            guard bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) else { i += 1; continue }
            let start = i + marker.count
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
            tags.append(Substring(String(decoding: bytes[start..<end], as: UTF8.self)))
            i = end
        }
        return tags
    }

    private static func metaCharset(_ tag: Substring) -> String? {
        guard !tag.contains("http-equiv") else { return nil }
        return charsetParameter(String(tag))
    }

    private static func httpEquivCharset(_ tag: Substring) -> String? {
        guard tag.contains("http-equiv"), tag.contains("content-type") else { return nil }
        return charsetParameter(String(tag))
    }
}
