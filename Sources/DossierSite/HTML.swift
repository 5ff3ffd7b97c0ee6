/// Small HTML and URL helpers for the few places the build writes markup itself (links, marks, references).
enum HTML {
    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars { append(c, to: &out) }
        return out
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

