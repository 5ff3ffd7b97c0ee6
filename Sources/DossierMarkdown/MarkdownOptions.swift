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

    /// Creates options; raw HTML is omitted unless `unsafeHTML` is `true`.
    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }
}
