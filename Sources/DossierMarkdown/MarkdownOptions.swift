/// Options for one Markdown parse.
///
/// Kept as a small value type so callers can store it in their own
/// configuration and pass it across concurrency domains.
public struct MarkdownOptions: Sendable, Hashable {
    /// Whether raw HTML (blocks and inline tags) written in the Markdown is
    /// passed through to the output. When `false` (the default) cmark-gfm
    /// replaces it with `<!-- raw HTML omitted -->` and drops dangerous link
    /// destinations such as `javascript:` URLs.
    public var unsafeHTML: Bool

    /// Whether the parse keeps the document's plain text (``MarkdownDocument/plainText``). Without it the plain
    /// text is empty, and a long body is held once less: set it to `false` where only the HTML is read.
    public var plainText: Bool

    /// Creates options; raw HTML is omitted unless `unsafeHTML` is `true`; the plain text is kept unless `plainText`
    /// is `false`.
    public init(unsafeHTML: Bool = false, plainText: Bool = true) {
        self.unsafeHTML = unsafeHTML
        self.plainText = plainText
    }
}
