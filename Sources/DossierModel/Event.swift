/// Something that happened, placed on the timeline (`Content/events/<id>.md`).
public struct Event: Sendable, Hashable {
    public var id: String
    public var title: String
    public var date: PartialDate
    public var end: PartialDate?
    /// The date is an estimate ("last week"), shown as such.
    public var approximate: Bool
    public var actors: [Located<String>]
    public var topics: [Located<String>]
    /// 1 (minor) … 3 (major).
    public var importance: Int
    public var sources: [Citation]
    public var body: Body
    public var location: SourceLocation

    /// Makes an event; the loader fills every field from front matter.
    public init(id: String, title: String, date: PartialDate, end: PartialDate? = nil, approximate: Bool = false,
                actors: [Located<String>] = [], topics: [Located<String>] = [], importance: Int = 2,
                sources: [Citation] = [], body: Body = .empty, location: SourceLocation) {
        self.id = id
        self.title = title
        self.date = date
        self.end = end
        self.approximate = approximate
        self.actors = actors
        self.topics = topics
        self.importance = importance
        self.sources = sources
        self.body = body
        self.location = location
    }
}

extension Event: FieldTabled {
    /// An event's front-matter fields (see `FieldSpec`).
    public static let fields: [FieldSpec<Event>] = [
        FieldSpec("title", .text, required: true, "what happened, as a headline", .text(\.title)),
        FieldSpec("date", .date, required: true, "when it happened", .date(\.date)),
        FieldSpec("end", .date, "when it ended, for an event that lasted; not before `date`", .optionalDate(\.end)),
        FieldSpec("approximate", .flag, "the date is an estimate (\"last week\"), shown as \"about late February 2026\"",
                  .flag(\.approximate)),
        FieldSpec("actors", .ids(.actor), "the actors involved", .ids(\.actors)),
        FieldSpec("topics", .ids(.topic), "the topics it bears on", .ids(\.topics)),
        FieldSpec("importance", .number(1...3), "1 (minor) … 3 (major); 2 when left out", .number(\.importance)),
        FieldSpec("sources", .citations, "the evidence", .citations(\.sources)),
    ]
}
