import Foundation

/// Just enough XML reading for S3's answers: the text of simple elements, with entities decoded.
enum XMLScan {
    /// The raw contents of each `<name>…</name>` element in `text`, in order.
    static func blocks(of name: String, in text: Substring) -> [Substring] {
        var result: [Substring] = []
        var rest = text
        while let open = openTag(name, in: rest) {
            guard let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex) else { break }
            result.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// The decoded text of the first `<name>` element in `text`.
    static func text(of name: String, in text: Substring) -> String? {
        guard let open = openTag(name, in: text) else { return nil }
        if text[..<open.upperBound].hasSuffix("/>") { return "" }
        guard let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
        return decodeEntities(text[open.upperBound..<close.lowerBound])
    }

    /// The range of `<name>` or `<name attr…>` in `text`.
    private static func openTag(_ name: String, in text: Substring) -> Range<Substring.Index>? {
        var searchStart = text.startIndex
        while let start = text.range(of: "<\(name)", range: searchStart..<text.endIndex) {
            guard start.upperBound < text.endIndex else { return nil }
            let next = text[start.upperBound]
            if next == ">" { return start.lowerBound..<text.index(after: start.upperBound) }
            if next == " " || next == "/" || next == "\t" || next == "\n" {
                guard let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
                return start.lowerBound..<text.index(after: end)
            }
            searchStart = start.upperBound
        }
        return nil
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references decoded.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: UnicodeScalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(UnicodeScalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
