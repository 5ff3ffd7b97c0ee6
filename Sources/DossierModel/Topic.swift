/// A question actors take stances on, with the stances (`Content/topics/<id>.md`).
public struct Topic: Sendable, Hashable {
    public var id: String
    public var title: String
    public var question: String?
    /// In the order written; the stances of one actor form that actor's history, oldest first.
    public var stances: [Stance]
    public var body: Body
    public var location: SourceLocation

    /// Makes a topic; the loader fills every field from front matter.
    public init(id: String, title: String, question: String? = nil, stances: [Stance] = [], body: Body = .empty,
                location: SourceLocation) {
        self.id = id
        self.title = title
        self.question = question
        self.stances = stances
        self.body = body
        self.location = location
    }
}

/// One actor's position on a topic as of a date, with its evidence.
public struct Stance: Sendable, Hashable {
    /// Where an actor stands; always shown in words, never by colour alone.
    public enum Position: String, Sendable, Hashable, CaseIterable {
        case support, oppose, mixed, neutral, unclear

        /// The position as readers see it in headings and matrix cells.
        public var label: String {
            switch self {
            case .support: "Supports"
            case .oppose: "Opposes"
            case .mixed: "Mixed"
            case .neutral: "Neutral"
            case .unclear: "Unclear"
            }
        }
    }

    public var actor: Located<String>
    public var position: Position
    public var asOf: PartialDate?
    public var summary: String?
    public var sources: [Citation]
    public var location: SourceLocation

    /// Makes a stance of `actor`.
    public init(actor: Located<String>, position: Position, asOf: PartialDate? = nil, summary: String? = nil,
                sources: [Citation] = [], location: SourceLocation) {
        self.actor = actor
        self.position = position
        self.asOf = asOf
        self.summary = summary
        self.sources = sources
        self.location = location
    }
}

extension Topic: FieldTabled {
    /// A topic's front-matter fields (see `FieldSpec`).
    public static let fields: [FieldSpec<Topic>] = [
        FieldSpec("title", .text, required: true, "the topic in a few words", .text(\.title)),
        FieldSpec("question", .text, "the question actors take stances on", .optionalText(\.question)),
        FieldSpec("stances", .entries("stance"), "each actor's positions", nil),
    ]
}
