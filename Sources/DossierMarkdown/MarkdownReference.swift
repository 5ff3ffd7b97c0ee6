/// One of Dossier's two inline extensions, as written in the Markdown.
///
/// DossierMarkdown knows nothing of Dossier's model: it reports what it
/// found (targets and sources exactly as written, trimmed) and the caller
/// validates them and decides what each renders as.
public enum MarkdownReference: Sendable, Hashable {
    /// A wiki-style link `[[id]]` or `[[id|label]]` to an item of the site.
    /// `label` is `nil` when absent or blank. Soft line breaks in a label
    /// become single spaces.
    case link(target: String, label: String?)

    /// A citation `[@source-id]` or `[@source-id "quoted text"]` (straight
    /// `"…"` or curly `“…”` quotation marks). A quote spanning a soft line
    /// break is joined with a single space; `quote` is trimmed and is `nil`
    /// when no quote was written.
    case citation(source: String, quote: String?)

    /// The text a reader sees in place of this reference in plain text:
    /// the label (or target) of a link, nothing for a citation.
    public var plainText: String {
        switch self {
        case let .link(target, label): return label ?? target
        case .citation: return ""
        }
    }
}
