/// HTML escaping of interpolated text: `&` `<` `>` `"` `'` become `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`.
/// Scans UTF-8 bytes and copies unescaped runs whole, so plain text costs one bulk copy.
enum HTMLEscaper {
    /// Appends `source` to `out`, escaping the five HTML-special characters.
    static func escape(_ source: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let n = source.count
        while i < n {
            let b = source[i]
            // All five special characters are at or below '>' (0x3E); most text bytes are above it.
            if b <= 0x3E {
                let replacement: StaticString
                switch b {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default:
                    i += 1
                    continue
                }
                if i > runStart {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i]))
                }
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            i += 1
        }
        if n > runStart {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<n]))
        }
    }

    /// Appends `source` to `out`, escaped (for text not stored contiguously).
    static func escape(_ source: [UInt8], into out: inout [UInt8]) {
        source.withUnsafeBufferPointer { escape($0, into: &out) }
    }

    /// Escapes a string; used by tests and by callers that build HTML outside templates.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        escape(Array(text.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
