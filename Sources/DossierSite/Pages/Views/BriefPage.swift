import DossierModel
import DossierTemplates

/// What a brief's page shows: the brief, its judgments, the actors and topics it names and its body.
struct BriefPage: TemplateRepresentable, Sendable {
    let title: String
    let date: DateView?
    let summary: String?
    let judgments: [JudgmentView]
    let actors: [SharedView<ActorLink>?]
    let topics: [SharedView<TopicLink>?]
    /// The Markdown body as HTML, with this page's links and reference markers.
    let body: HTMLText?
    /// The brief's other fields from its table.
    let fields: TableFields<Brief>

    var templateValue: TemplateValue {
        .object(fields.merged(into: [
            "title": .string(title), "date": date.templateValue, "summary": summary.templateValue,
            "judgments": judgments.templateValue, "actors": actors.templateValue, "topics": topics.templateValue,
            "body": body.templateValue]).withListFlags())
    }
}
