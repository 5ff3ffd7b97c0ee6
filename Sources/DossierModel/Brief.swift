/// A piece of analysis that weaves the story together (`Content/briefs/<id>.md`).
public struct Brief: Sendable, Hashable {
    public var id: String
    public var title: String
    public var date: PartialDate
    /// The bottom line up front.
    public var summary: String?
    public var actors: [Located<String>]
    public var topics: [Located<String>]
    public var judgments: [Judgment]
    public var body: Body
    public var location: SourceLocation

    /// Makes a brief; the loader fills every field from front matter.
    public init(id: String, title: String, date: PartialDate, summary: String? = nil, actors: [Located<String>] = [],
                topics: [Located<String>] = [], judgments: [Judgment] = [], body: Body = .empty, location: SourceLocation) {
        self.id = id
        self.title = title
        self.date = date
        self.summary = summary
        self.actors = actors
        self.topics = topics
        self.judgments = judgments
        self.body = body
        self.location = location
    }
}

/// A key judgment of a brief in the analytic language of ICD 203: a likelihood and a confidence level.
public struct Judgment: Sendable, Hashable {
    public var text: String
    public var likelihood: String?
    public var confidence: String?
    public var location: SourceLocation

    /// Makes a judgment written at `location`.
    public init(text: String, likelihood: String? = nil, confidence: String? = nil, location: SourceLocation) {
        self.text = text
        self.likelihood = likelihood
        self.confidence = confidence
        self.location = location
    }

    /// ICD 203's likelihood terms, least to most likely.
    public static let likelihoodTerms = ["almost no chance", "very unlikely", "unlikely", "roughly even chance",
                                         "likely", "very likely", "almost certain"]
    /// ICD 203's confidence levels.
    public static let confidenceLevels = ["low", "moderate", "high"]
}

extension Brief: FieldTabled {
    /// A brief's front-matter fields (see `FieldSpec`).
    public static let fields: [FieldSpec<Brief>] = [
        FieldSpec("title", .text, required: true, "the brief's headline", .text(\.title)),
        FieldSpec("date", .date, required: true, "when it was written", .date(\.date)),
        FieldSpec("summary", .text, "the bottom line up front, one or two sentences", .optionalText(\.summary)),
        FieldSpec("actors", .ids(.actor), "the actors it is about", .ids(\.actors)),
        FieldSpec("topics", .ids(.topic), "the topics it is about", .ids(\.topics)),
        FieldSpec("judgments", .entries("judgment"), "the analytic judgments, each with its likelihood and confidence", nil),
    ]
}
