/// The HTTP metadata a published file is served with: its `Content-Type` and `Cache-Control`.
public enum ContentTypes {
    /// `Cache-Control` for files that may change under the same name (HTML, feeds, data, plain assets).
    public static let shortCache = "public, max-age=300"
    /// `Cache-Control` for files whose names carry a content hash, so they never change under that name.
    public static let immutableCache = "public, max-age=31536000, immutable"

    /// Media types by lowercase file extension; text types carry `charset=utf-8`.
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "map": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "rss": "application/rss+xml; charset=utf-8",
        "xsl": "application/xslt+xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "tsv": "text/tab-separated-values; charset=utf-8",
        "ics": "text/calendar; charset=utf-8",
        "vtt": "text/vtt; charset=utf-8",
        "yml": "application/yaml; charset=utf-8",
        "yaml": "application/yaml; charset=utf-8",
        "svg": "image/svg+xml; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/vnd.microsoft.icon",
        "bmp": "image/bmp",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "wasm": "application/wasm",
        "zip": "application/zip",
        "gz": "application/gzip",
        "mp3": "audio/mpeg",
        "ogg": "audio/ogg",
        "mp4": "video/mp4",
        "webm": "video/webm",
    ]

    /// Names without an extension that hosts read as text (GitHub Pages' `CNAME`, say).
    static let textNames: Set<String> = ["CNAME", "LICENSE", "README"]

    /// The `Content-Type` of the file at `path`, from its extension; `application/octet-stream` when unknown.
    public static func contentType(for path: String) -> String {
        let name = fileName(path)
        if textNames.contains(name) { return "text/plain; charset=utf-8" }
        guard let ext = fileExtension(name) else { return "application/octet-stream" }
        return byExtension[ext] ?? "application/octet-stream"
    }

    /// The `Cache-Control` of the file at `path`: a year and immutable when its name carries a content hash, five minutes otherwise.
    public static func cacheControl(for path: String) -> String {
        hasContentHash(path) ? immutableCache : shortCache
    }

    /// Whether the file name carries a content hash: a part of 8 to 64 lowercase hex digits with at least one
    /// digit and one letter (`style.3f2a9c1b.css`, `app-5d41402abc4b.js`), so dates and words never count; never HTML.
    public static func hasContentHash(_ path: String) -> Bool {
        let name = fileName(path)
        guard let ext = fileExtension(name), ext != "html", ext != "htm" else { return false }
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

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }
}
