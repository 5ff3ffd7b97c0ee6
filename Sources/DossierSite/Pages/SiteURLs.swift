import DossierModel
import DossierSupport

/// URLs for places that need them whole — feeds, the sitemap, canonical links, Open Graph and JSON-LD —
/// made from `base_url`.
///
/// When `base_url` is absolute (`https://…/`) the URLs are absolute. When it is not (`/` or `/briefing/`),
/// they are root-relative and `isAbsolute` is false, so outputs that only make sense with absolute URLs
/// (the sitemap, canonical and `og:url`) are left out.
public struct SiteURLs: Sendable, Hashable {
    /// The base, always ending in `/`.
    public let base: String
    /// Whether `base` is an absolute `http(s)` URL.
    public let isAbsolute: Bool

    /// URLs below `baseURL`.
    public init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        isAbsolute = base.hasPrefix("https://") || base.hasPrefix("http://")
    }

    /// The URL of a site path such as `timeline/` or `feed.xml` (`` is the home page).
    public func url(_ path: String) -> String { base + path }

    /// The URL of an item's page.
    public func url(_ ref: ItemRef) -> String { SiteURLs.itemURL(base, ref) }

    /// `prefix`, then the item's folder, id and a slash, built in one go (pages make thousands of these).
    static func itemURL(_ prefix: String, _ ref: ItemRef) -> String {
        let folder = ref.kind.folder
        var text = TextBuilder(capacity: prefix.utf8.count + folder.utf8.count + ref.id.utf8.count + 2)
        text.append(prefix)
        text.append(folder)
        text.append("/")
        text.append(ref.id)
        text.append("/")
        return text.text
    }

    /// The URL of a built page from its output path (`briefs/x/index.html` → `…/briefs/x/`).
    public func url(page path: String) -> String { base + SiteURLs.folderPath(path) }

    /// An output path without a trailing `index.html`.
    public static func folderPath(_ path: String) -> String {
        if path == "index.html" { return "" }
        return path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }
}
