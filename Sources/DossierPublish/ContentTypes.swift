import DossierModel
import DossierSupport

/// The HTTP metadata a published file is served with: its `Content-Type` (`MediaType`, as the dev server sends it)
/// and `Cache-Control`.
public enum ContentTypes {
    /// `Cache-Control` for files that may change under the same name (HTML, feeds, data, plain assets).
    public static let shortCache = "public, max-age=300"
    /// `Cache-Control` for files whose names carry a content hash, so they never change under that name.
    public static let immutableCache = "public, max-age=31536000, immutable"

    /// The `Content-Type` of the file at `path`, from its extension; `application/octet-stream` when unknown.
    public static func contentType(for path: String) -> String { MediaType.forPath(path) }

    /// The `Cache-Control` of the file at `path`: a year and immutable when its name carries a content hash, five minutes otherwise.
    public static func cacheControl(for path: String) -> String {
        hasContentHash(path) ? immutableCache : shortCache
    }

    /// Whether the file name carries a content hash: a part of 8 to 64 lowercase hex digits with at least one
    /// digit and one letter (`style.3f2a9c1b.css`, `app-5d41402abc4b.js`), so dates and words never count; never HTML.
    public static func hasContentHash(_ path: String) -> Bool {
        let name = MediaType.fileName(path)
        guard let ext = MediaType.fileExtension(name), ext != "html", ext != "htm" else { return false }
        let stem = name.dropLast(ext.count + 1)
        for part in stem.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" || $0 == "~" }) {
            guard (8...64).contains(part.count) else { continue }
            var digits = 0, letters = 0, other = 0
            for c in part.unicodeScalars {
                switch c {
                case "0"..."9": digits += 1
                case "a"..."f": letters += 1
                default: other += 1
                }
            }
            if other == 0, digits > 0, letters > 0 { return true }
        }
        return false
    }
}
