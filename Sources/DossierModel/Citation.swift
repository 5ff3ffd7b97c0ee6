/// A claim's evidence: a source, optionally the exact words quoted from it and a note.
///
/// Written as a bare source id or as `{source: ID, quote: "…", note: "…"}` wherever `sources:` appears,
/// and as `[@id "…"]` in Markdown bodies.
public struct Citation: Sendable, Hashable {
    public var source: String
    public var quote: String?
    public var note: String?
    /// Where the citation was written (the source id, or the `[@` in a body).
    public var location: SourceLocation
    /// Where the quote text was written, for a quote that is not found.
    public var quoteLocation: SourceLocation?

    /// Makes a citation of `source`.
    public init(source: String, quote: String? = nil, note: String? = nil, location: SourceLocation, quoteLocation: SourceLocation? = nil) {
        self.source = source
        self.quote = quote
        self.note = note
        self.location = location
        self.quoteLocation = quoteLocation
    }
}
