/// The one check every URL-valued field passes before it can reach an `href`, a feed or an export.
///
/// Browsers run `javascript:` (and `data:`, `vbscript:` …) addresses as code, and they drop tabs, newlines
/// and leading control characters before reading a scheme, so `java\tscript:` is the same attack. Only
/// addresses whose meaning is plain are let through: `http:` and `https:` with a host, `mailto:`, and
/// relative addresses (no scheme at all).
public enum LinkAddress {
    /// Which addresses a field takes.
    public enum Rule: Sendable {
        /// `http(s)://host…`, `mailto:…` or a relative address: links an author adds to a page.
        case link
        /// `http(s)://host…` only: where an article lives on the web (a source's `url`, `archived_url`).
        case web
    }

    /// Why `value` may not be used as an address under `rule`, as the end of a sentence naming the field
    /// ("must be …; found '…'"), or nil when it is safe.
    public static func problem(_ value: String, rule: Rule) -> String? {
        let expected = rule == .web
            ? "must be an http:// or https:// address"
            : "must be an http://, https:// or mailto: address, or a relative one"
        var shown: String {
            String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "\(expected), without control characters; found '\(shown)'"
        }
        switch scheme(of: value) {
        case nil where rule == .link:
            return nil
        case "http"?, "https"?:
            let rest = value.drop { $0 != ":" }.dropFirst()
            if rest.hasPrefix("//"), rest.dropFirst(2).first.map({ !"/?#".contains($0) }) == true { return nil }
        case "mailto"? where rule == .link:
            return nil
        default:
            break
        }
        return "\(expected); found '\(shown)'"
    }

    /// The scheme of `value`, lowercased: the letters before a `:` that comes before any `/`, `?` or `#`.
    /// Nil for a relative address. Anything before the colon that is not a valid scheme name counts as a
    /// scheme too (and is refused), since some browsers read one there.
    static func scheme(of value: String) -> String? {
        guard let colon = value.firstIndex(where: { ":/?#".contains($0) }), value[colon] == ":" else { return nil }
        return value[..<colon].lowercased()
    }
}
