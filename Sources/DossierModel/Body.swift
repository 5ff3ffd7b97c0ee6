/// The Markdown after an item's front matter, with the line it starts on so positions inside it map to the file.
public struct Body: Sendable, Hashable {
    public var markdown: String
    /// The 1-based line of the file on which `markdown` begins.
    public var firstLine: Int

    /// Makes a body beginning at `firstLine` of its file.
    public init(markdown: String, firstLine: Int) {
        self.markdown = markdown
        self.firstLine = firstLine
    }

    /// A body with no text.
    public static let empty = Body(markdown: "", firstLine: 1)
}
