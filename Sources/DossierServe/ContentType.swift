import DossierModel
import DossierSupport

/// The `Content-Type` a dev server sends for a file: the same `MediaType` publishing uses.
public enum ContentType {
    /// The content type for a file path (see `MediaType.forPath`).
    public static func forPath(_ path: String) -> String { MediaType.forPath(path) }

    /// Whether a content type is HTML, the kind of response that gets the live-reload script.
    public static func isHTML(_ contentType: String) -> Bool { contentType.hasPrefix("text/html") }
}
