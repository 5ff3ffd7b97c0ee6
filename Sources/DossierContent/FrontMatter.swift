import DossierModel

/// A content file split into its YAML front matter and its body, each with the line it starts on.
public struct FrontMatter: Sendable, Hashable {
    /// The YAML between the `---` lines, or nil when the file has no front matter.
    public var yaml: String?
    /// The 1-based file line of the YAML's first line.
    public var yamlFirstLine: Int
    /// Everything after the closing `---` line.
    public var body: Body

    /// Splits `text`; a file that opens front matter but never closes it is an error at line 1.
    public static func split(_ text: String, path: String) -> Result<FrontMatter, Diagnostic> {
        // A copy of the bytes (a few kilobytes) to slice: `String(decoding:as:)` takes a collection, not a span.
        let bytes = Array(text.utf8)
        guard let firstEnd = lineEnd(bytes, from: 0), isFence(bytes, 0..<firstEnd, closing: false) else {
            return .success(FrontMatter(yaml: nil, yamlFirstLine: 1, body: Body(markdown: text, firstLine: 1)))
        }
        var start = firstEnd + 1
        var line = 2
        while start <= bytes.count, let end = lineEnd(bytes, from: start) {
            if isFence(bytes, start..<end, closing: true) {
                let yaml = String(decoding: bytes[(firstEnd + 1)..<max(firstEnd + 1, start - 1)], as: UTF8.self)
                let bodyStart = min(end + 1, bytes.count)
                let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
                return .success(FrontMatter(yaml: start > firstEnd + 1 ? yaml : "", yamlFirstLine: 2,
                                            body: Body(markdown: body, firstLine: line + 1)))
            }
            start = end + 1
            line += 1
        }
        return .failure(.error(SourceLocation(path: path, line: 1, column: 1),
                               "front matter opened with '---' is never closed (add a '---' line after it)",
                               code: "front-matter-unclosed"))
    }

    /// The index of the newline ending the line that starts at `from` (or the end of the text), nil past the end.
    private static func lineEnd(_ bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count || (from == bytes.count && from > 0 && bytes[from - 1] == 0x0A) else { return nil }
        var i = from
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return i
    }

    private static func isFence(_ bytes: [UInt8], _ range: Range<Int>, closing: Bool) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        guard end - range.lowerBound == 3 else { return false }
        let a = bytes[range.lowerBound], b = bytes[range.lowerBound + 1], c = bytes[range.lowerBound + 2]
        return (a == 0x2D && b == 0x2D && c == 0x2D) || (closing && a == 0x2E && b == 0x2E && c == 0x2E)
    }
}
