/// A source article as received (`Content/sources/<id>.md` or `.txt`): the evidence quotes must come from.
public struct Source: Sendable, Hashable {
    /// How the body is read: `.txt` bodies are plain paragraphs, `.md` bodies are Markdown.
    public enum Format: String, Sendable, Hashable {
        case text, markdown
    }

    public var id: String
    public var title: String
    public var publisher: String?
    public var url: String?
    public var author: String?
    public var published: PartialDate?
    public var retrieved: PartialDate?
    public var archivedURL: String?
    /// Admiralty source-reliability grade, `A` (completely reliable) … `F` (cannot be judged).
    public var reliability: String?
    /// The language the article is in (a BCP 47 tag such as `en` or `pt-BR`), as the imported page stated it.
    public var language: String?
    /// The writing direction the page stated (`ltr` or `rtl`).
    public var dir: String?
    /// The kept original (`originals/<id>.<ext>`, relative to `Content/sources/`), written by `dossier import`.
    public var original: String?
    /// The SHA-256 of the kept original, in hex: the evidence that it is still the page as retrieved.
    public var originalSHA256: String?
    public var format: Format
    public var body: Body
    public var location: SourceLocation

    /// Makes a source; the loader fills every field from front matter or from the text itself.
    public init(id: String, title: String, publisher: String? = nil, url: String? = nil, author: String? = nil,
                published: PartialDate? = nil, retrieved: PartialDate? = nil, archivedURL: String? = nil,
                reliability: String? = nil, format: Format, body: Body, location: SourceLocation) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.author = author
        self.published = published
        self.retrieved = retrieved
        self.archivedURL = archivedURL
        self.reliability = reliability
        self.format = format
        self.body = body
        self.location = location
    }

    /// The Admiralty grades and what each means, for validation and for the reader's key.
    public static let reliabilityGrades: [String: String] = [
        "A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
        "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged",
    ]
}
