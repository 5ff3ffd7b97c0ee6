/// The media type a file of the built site is sent with, chosen by its name: one table for the dev server and
/// for publishing, so a page is served locally exactly as the host will serve it. Text types carry `charset=utf-8`.
public enum MediaType {
    /// Media types by lowercase file extension; text types carry `charset=utf-8`.
    public static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "map": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "graphml": "application/graphml+xml; charset=utf-8",
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
    public static let textNames: Set<String> = ["CNAME", "LICENSE", "README"]

    /// The media type of the file at `path`: text for the known extension-less names, by extension otherwise,
    /// `application/octet-stream` when unknown.
    public static func forPath(_ path: String) -> String {
        let name = fileName(path)
        if textNames.contains(name) { return "text/plain; charset=utf-8" }
        guard let ext = fileExtension(name) else { return "application/octet-stream" }
        return byExtension[ext] ?? "application/octet-stream"
    }

    /// The last component of a `/`-separated path.
    public static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The lowercase extension of a file name, or nil for none (a leading dot starts no extension).
    public static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }
}
