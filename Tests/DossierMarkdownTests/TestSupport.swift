@testable import DossierMarkdown

/// Renders `markdown` with each reference filled as `<ref i>`.
func renderHTML(_ markdown: String, unsafeHTML: Bool = false) -> String {
    Markdown.parse(markdown, options: MarkdownOptions(unsafeHTML: unsafeHTML)).html { index, _ in "<ref \(index)>" }
}

/// The references of `markdown` without positions.
func references(_ markdown: String) -> [MarkdownReference] {
    Markdown.parse(markdown).references.map(\.reference)
}

/// The (line, column) of each reference of `markdown`.
func positions(_ markdown: String) -> [[Int]] {
    Markdown.parse(markdown).references.map { [$0.line, $0.column] }
}

/// A string made of Unicode scalars given by value (Swift literals reject
/// noncharacters such as U+FDD0).
func scalars(_ values: UInt32...) -> String {
    String(String.UnicodeScalarView(values.map { Unicode.Scalar($0)! }))
}
