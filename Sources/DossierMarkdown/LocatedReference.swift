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
    /// For a citation, where in the source the claim is, as written after a comma (`p. 3` in `[@id, p. 3]`).
    public let locator: String?

    /// Creates a located reference (mostly useful to callers' tests).
    public init(reference: MarkdownReference, line: Int, column: Int, locator: String? = nil) {
        self.reference = reference
        self.line = line
        self.column = column
        self.locator = locator
    }
}

/// A `[@` in a body that does not begin a citation Dossier understood: an error, never dropped silently.
public struct StrayCitation: Sendable, Hashable {
    /// What was written, from the `[@` to the next `]` (or a little of it).
    public let text: String
    /// 1-based line and Unicode-scalar column of the `[`.
    public let line: Int
    public let column: Int

    /// Creates a stray citation (mostly useful to callers' tests).
    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }
}
