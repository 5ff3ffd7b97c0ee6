/// A claim's evidence: a source, optionally the exact words quoted from it and a note.
///
/// Written as a bare source id or as `{source: ID, quote: "…", note: "…"}` wherever `sources:` appears,
/// and as `[@id "…"]` in Markdown bodies.
public struct Citation: Sendable, Hashable {
    public var source: String
    public var quote: String?
    public var note: String?
    /// Which place of the source the quote means (1-based), when it occurs in several: `occurrence: N`.
    public var occurrence: Int?
    /// Where in the source the claim is, as written after the id in a body (`p. 3`, `para. 12`).
    public var locator: String?
    /// Where the citation was written (the source id, or the `[@` in a body).
    public var location: SourceLocation
    /// Where the quote text was written, for a quote that is not found.
    public var quoteLocation: SourceLocation?

    /// Makes a citation of `source`.
    public init(source: String, quote: String? = nil, note: String? = nil, location: SourceLocation, quoteLocation: SourceLocation? = nil,
                occurrence: Int? = nil, locator: String? = nil) {
        self.source = source
        self.quote = quote
        self.note = note
        self.occurrence = occurrence
        self.locator = locator
        self.location = location
        self.quoteLocation = quoteLocation
    }
}
