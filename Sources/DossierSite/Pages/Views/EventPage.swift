import DossierModel
import DossierTemplates

/// What an event's page shows: its summary, its body and where the timeline shows it.
struct EventPage: TemplateRepresentable, Sendable {
    let summary: EventSummary
    let body: HTMLText?
    /// The timeline page that shows the event, with the event's anchor.
    let timelineURL: String
    /// The event's other fields from its table.
    let fields: TableFields<Event>

    var templateValue: TemplateValue {
        var o = summary.object
        o["body"] = body.templateValue
        o["timeline_url"] = .string(timelineURL)
        return .object(fields.merged(into: o).withListFlags())
    }
}

/// An event as the timeline shows it: its summary and its body.
struct TimelineEvent: TemplateRepresentable, Sendable {
    let summary: EventSummary
    let body: HTMLText?

    var templateValue: TemplateValue {
        var o = summary.object
        o["body"] = body.templateValue
        return .object(o)
    }
}

/// One month of the timeline and its events.
struct TimelineMonth: TemplateRepresentable, Sendable {
    /// `2026-03`, the month's anchor.
    let key: String
    /// `March 2026`.
    let label: String
    let events: [TimelineEvent]

    var templateValue: TemplateValue { ["key": .string(key), "label": .string(label), "events": events.templateValue] }
}
