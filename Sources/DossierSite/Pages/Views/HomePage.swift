import DossierTemplates

/// What the home page shows: the latest briefs and events, the actors and topics (the busiest at scale), the
/// network and the stance matrix as pictures with their text, and the current edition.
struct HomePage: TemplateRepresentable, Sendable {
    let briefs: [BriefSummary]
    let events: [EventSummary]
    let actors: [SharedView<ActorLink>?]
    let actorsMore: MoreLink?
    let topics: [TopicSummary]
    let topicsMore: MoreLink?
    let networkSVG: HTMLText?
    /// The network's connections in words: its text equivalent.
    let networkText: [NetworkEntry]
    /// How many actors the network leaves out, in words (`+ 25 more`).
    let networkMore: String?
    let matrixSVG: HTMLText?
    let edition: EditionTeaser?

    var templateValue: TemplateValue {
        ["briefs": briefs.templateValue, "events": events.templateValue, "actors": actors.templateValue,
         "actors_more": actorsMore.templateValue, "topics_more": topicsMore.templateValue, "topics": topics.templateValue,
         "has_briefs": .bool(!briefs.isEmpty), "has_events": .bool(!events.isEmpty),
         "network_svg": networkSVG.templateValue, "network_text": networkText.templateValue,
         "network_more": networkMore.templateValue, "matrix_svg": matrixSVG.templateValue, "edition": edition.templateValue]
    }
}

/// One actor of the home network with its ties to the others shown.
struct NetworkEntry: TemplateRepresentable, Sendable {
    let actor: SharedView<ActorLink>?
    let ties: [TieView]

    var templateValue: TemplateValue { ["actor": actor.templateValue, "ties": ties.templateValue] }
}

/// The current edition as the home page announces it.
struct EditionTeaser: TemplateRepresentable, Sendable {
    let number: Int
    let date: DateView?
    let summary: String
    let note: String?
    let first: Bool
    let url: String

    var templateValue: TemplateValue {
        ["number": number.templateValue, "date": date.templateValue, "summary": .string(summary), "note": note.templateValue,
         "first": .bool(first), "url": .string(url)]
    }
}
