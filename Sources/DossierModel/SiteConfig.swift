/// The site-wide settings of `Content/site.yml`.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String?
    /// Absolute URL the site is published at, ending in `/`; canonical and feed URLs start with it.
    public var baseURL: String
    public var language: String
    public var author: String?
    public var timezone: String?
    /// Whether raw HTML in Markdown reaches pages; off by default for safety.
    public var unsafeHTML: Bool
    /// Whether events and stances may go without a source.
    public var allowUncited: Bool

    /// Makes a configuration; `baseURL` is normalised to end in `/`.
    public init(title: String, description: String? = nil, baseURL: String = "/", language: String = "en",
                author: String? = nil, timezone: String? = nil, unsafeHTML: Bool = false, allowUncited: Bool = false) {
        self.title = title
        self.description = description
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.language = language
        self.author = author
        self.timezone = timezone
        self.unsafeHTML = unsafeHTML
        self.allowUncited = allowUncited
    }
}
