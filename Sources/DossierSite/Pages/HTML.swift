import DossierTemplates

/// Small HTML and URL helpers for the few places the build writes markup itself (links, marks, references).
enum HTML {
    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        // The five characters are ASCII, which UTF-8 never uses inside another character: work on bytes, and
        // return text that needs nothing as it is.
        let needsEscaping = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: HTMLEscaping.isSpecial) }
            ?? text.utf8.contains(where: HTMLEscaping.isSpecial)
        guard needsEscaping else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&#39;".utf8
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one scalar to `out`, escaped, for callers that build markup scalar by scalar.
    static func append(_ c: Unicode.Scalar, to out: inout String) {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
}

