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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first, closing: false) else {
            return .success(FrontMatter(yaml: nil, yamlFirstLine: 1, body: Body(markdown: text, firstLine: 1)))
        }
        for i in 1..<lines.count where isFence(lines[i], closing: true) {
            let yaml = lines[1..<i].joined(separator: "\n")
            let body = lines[(i + 1)...].joined(separator: "\n")
            return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: Body(markdown: body, firstLine: i + 2)))
        }
        return .failure(.error(SourceLocation(path: path, line: 1, column: 1),
                               "front matter opened with '---' is never closed (add a '---' line after it)",
                               code: "front-matter-unclosed"))
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var s = line
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s == "---" || (closing && s == "...")
    }
}
