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

extension SiteConfig: FieldTabled {
    /// The settings of `site.yml` (see `FieldSpec`): they drive its known-key check and typed reads, the `site` object
    /// of `data/site.json`, the README's list and the starter site's comments.
    public static let fields: [FieldSpec<SiteConfig>] = [
        FieldSpec("title", .text, required: true, "shown in every page's header and title", .text(\.title)),
        FieldSpec("description", .text, "the home page's summary and the default meta description", .optionalText(\.description)),
        FieldSpec("base_url", .text, "where the site will live (`https://…/` or a path from `/`); canonical and feed URLs start with it; "
                  + "`/` when left out", .text(\.baseURL), uses: .readByHand),
        FieldSpec("language", .text, "the pages' language (BCP 47); `en` when left out", .text(\.language)),
        FieldSpec("author", .text, "who publishes the briefing", .optionalText(\.author)),
        FieldSpec("timezone", .text, "the time zone (an IANA name, `Europe/Berlin`) editions are dated in; UTC when left out",
                  .optionalText(\.timezone)),
        FieldSpec("unsafe_html", .flag, "`true` lets raw HTML in Markdown reach pages; keep it off unless you trust every author",
                  .flag(\.unsafeHTML), uses: .notExported),
        FieldSpec("allow_uncited", .flag, "`true` lets events and stances cite no source (a draft); off by default",
                  .flag(\.allowUncited), uses: .notExported),
    ]
}
