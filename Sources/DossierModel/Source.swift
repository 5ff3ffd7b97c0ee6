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
    /// Where `original` and `original_sha256` are written, for messages about the kept file.
    public var originalLocation: SourceLocation?
    public var originalSHA256Location: SourceLocation?
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

    /// The name the kept original is published under, beside the source's page (`original.pdf`), or nil without
    /// one. A kept web page is published as text (`original.html.txt`): served as HTML from the site's own address,
    /// the page's scripts would run as the site. PDFs, plain text and gzip files keep their type.
    public var publishedOriginal: String? {
        guard let original, let name = original.split(separator: "/").last else { return nil }
        let parts = name.lowercased().split(separator: ".").map(String.init)
        guard parts.count >= 2, let last = parts.last else { return "original.bin.txt" }
        let ext = last == "gz" && parts.count >= 3 ? parts[parts.count - 2] + ".gz" : last
        return "original." + (["pdf", "txt", "gz"].contains(last) ? ext : ext + ".txt")
    }

    /// The Admiralty grades and what each means, for validation and for the reader's key.
    public static let reliabilityGrades: [String: String] = [
        "A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
        "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged",
    ]
}

extension Source: FieldTabled {
    /// A source's front-matter fields (see `FieldSpec`); all optional, and a `.txt` source may have none.
    public static let fields: [FieldSpec<Source>] = [
        FieldSpec("title", .text, "the headline; without it, the first sentence of the text", .text(\.title), uses: .readByHand),
        FieldSpec("publisher", .text, "who published it", .optionalText(\.publisher)),
        FieldSpec("url", .text, "the original address (`http:` or `https:`)", .optionalText(\.url)),
        FieldSpec("author", .text, "who wrote it", .optionalText(\.author)),
        FieldSpec("published", .date, "when it was published; a first line `date YYYY-MM-DD` of the text gives it too",
                  .optionalDate(\.published), uses: .readByHand),
        FieldSpec("retrieved", .date, "when it was read", .optionalDate(\.retrieved)),
        FieldSpec("archived_url", .text, "an archived copy's address", .optionalText(\.archivedURL)),
        FieldSpec("reliability", .choice(["A", "B", "C", "D", "E", "F"]),
                  "Admiralty grade A (completely reliable) … F (cannot be judged)", .optionalText(\.reliability), uses: .readByHand),
        FieldSpec("language", .text, "the page's language, as `dossier import` writes it", .optionalText(\.language),
                  uses: .notExported),
        FieldSpec("dir", .text, "the page's writing direction (`ltr` or `rtl`), as `dossier import` writes it",
                  .optionalText(\.dir), uses: .notExported),
        FieldSpec("original", .text, "the kept original in `Content/sources/originals/`, as `dossier import` writes it",
                  .optionalText(\.original), uses: [.readByHand, .notExported]),
        FieldSpec("original_sha256", .text, "the kept original's SHA-256, as `dossier import` writes it",
                  .optionalText(\.originalSHA256), uses: [.readByHand, .notExported]),
    ]
}
