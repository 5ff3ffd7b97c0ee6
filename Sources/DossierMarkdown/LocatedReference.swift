/// A reference together with where it was written, so the caller can report
/// problems (an unknown id, a quote not found in its source) at the right
/// place in the user's file.
public struct LocatedReference: Sendable, Hashable {
    /// What was written.
    public let reference: MarkdownReference
    /// 1-based line of the opening `[` in the text given to
    /// ``Markdown/parse(_:options:)``.
    public let line: Int
    /// 1-based column of the opening `[` on that line, counted in Unicode
    /// scalars (not bytes).
    public let column: Int

    /// Creates a located reference (mostly useful to callers' tests).
    public init(reference: MarkdownReference, line: Int, column: Int) {
        self.reference = reference
        self.line = line
        self.column = column
    }
}
