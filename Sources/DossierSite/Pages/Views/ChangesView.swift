import DossierTemplates

/// The `/changes/` page: the editions it lists (newest first), the changes not yet in an edition, and a link to
/// the older editions it leaves out.
struct ChangesView: TemplateRepresentable, Sendable {
    let editions: [EditionView]
    /// What changed since the last edition, shown with `--drafts`.
    let draft: EditionView?
    let draftHeading: String
    let older: OlderEditions?
    let feedURL: String

    var templateValue: TemplateValue {
        ["editions": editions.templateValue, "has_editions": .bool(!editions.isEmpty), "draft": draft.templateValue,
         "draft_heading": .string(draftHeading), "older": older.templateValue, "feed_url": .string(feedURL)]
    }
}

/// The editions `/changes/` does not list: how many, and the first one's page.
struct OlderEditions: TemplateRepresentable, Sendable {
    let count: Int
    let firstURL: String

    var templateValue: TemplateValue { ["count": count.templateValue, "first_url": .string(firstURL)] }
}

/// A link to another edition's page, by its number.
struct EditionLink: TemplateRepresentable, Sendable {
    let number: Int
    let url: String

    var templateValue: TemplateValue { ["number": number.templateValue, "url": .string(url)] }
}

/// The own page of an edition: what it changed, what the briefing said then, and its neighbours.
struct EditionPageView: TemplateRepresentable, Sendable {
    let edition: EditionView
    let said: SaidView?
    let changesURL: String
    let newer: EditionLink?
    let older: EditionLink?

    var templateValue: TemplateValue {
        ["edition": edition.templateValue, "said": said.templateValue, "changes_url": .string(changesURL),
         "newer": newer.templateValue, "older": older.templateValue]
    }
}

/// What the briefing said at an edition: each brief's key judgments and each actor's latest position per topic.
struct SaidView: TemplateRepresentable, Sendable {
    let briefs: [SaidBrief]
    let topics: [SaidTopic]

    var templateValue: TemplateValue {
        ["briefs": briefs.templateValue, "has_briefs": .bool(!briefs.isEmpty), "topics": topics.templateValue,
         "has_topics": .bool(!topics.isEmpty)]
    }
}

/// A brief's key judgments at an edition.
struct SaidBrief: TemplateRepresentable, Sendable {
    let brief: NamedItem
    let judgments: [SaidJudgment]

    var templateValue: TemplateValue { ["brief": brief.templateValue, "judgments": judgments.templateValue] }
}

/// One key judgment as an edition recorded it.
struct SaidJudgment: TemplateRepresentable, Sendable {
    let text: String
    let likelihood: String?
    let confidence: String?

    var templateValue: TemplateValue {
        ["text": .string(text), "likelihood": likelihood.templateValue, "confidence": confidence.templateValue]
    }
}

/// Each actor's latest position on a topic at an edition.
struct SaidTopic: TemplateRepresentable, Sendable {
    let topic: NamedItem
    let stances: [SaidStance]

    var templateValue: TemplateValue { ["topic": topic.templateValue, "stances": stances.templateValue] }
}

/// One actor's latest position at an edition.
struct SaidStance: TemplateRepresentable, Sendable {
    let actor: NamedItem
    let position: PositionView
    let asOf: DateView?

    var templateValue: TemplateValue {
        ["actor": actor.templateValue, "position": position.templateValue, "as_of": asOf.templateValue]
    }
}
