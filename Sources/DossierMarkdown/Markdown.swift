/// Entry point of DossierMarkdown: turns Markdown (CommonMark with GitHub's
/// extensions) into HTML and finds Dossier's inline references.
public enum Markdown {
    /// Parses `text` once and returns the rendered HTML with a placeholder for
    /// each `[[id]]`, `[[id|label]]`, `[@source]` and `[@source "quote"]`,
    /// the references found (with their line and column), and the plain text.
    ///
    /// GFM extensions enabled: tables, strikethrough, autolinks, tag filter,
    /// task lists and footnotes. Raw HTML is omitted unless
    /// `options.unsafeHTML`. Safe to call concurrently.
    ///
    /// References are recognized only in plain text: not in code spans, code
    /// blocks, raw HTML, link destinations, link texts or image descriptions,
    /// and not when written with inline markup or an autolinked URL inside
    /// them. An opening bracket written as `\[` (or an entity) does not start
    /// a reference. In a table cell write `[[id\|label]]`, since an unescaped
    /// `|` separates cells.
    public static func parse(_ text: String, options: MarkdownOptions = .init()) -> MarkdownDocument {
        MarkdownParser(options: options).parse(text)
    }
}
