import DossierTemplates

/// An event's summary less its reference markers: the part that is the same on every page of a depth, so a build
/// makes it once per event (see `SharedItemValues`) and each page adds its own markers (`EventSummary`).
struct EventBase: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    /// The event's page, relative to the page that shows the summary.
    let url: String
    /// When it happened, and when it ended for an event that lasted.
    let date: DateView?
    let end: DateView?
    /// 1 to 5; `major` is 3 and above, which the timeline marks.
    let importance: Int
    /// The actors and topics it involves, as links (null for one the site lacks).
    let actors: [SharedView<ActorLink>?]
    let topics: [SharedView<TopicLink>?]

    var templateValue: TemplateValue { .object(object) }

    /// The value as an object, for summaries that extend it.
    var object: TemplateObject {
        ["id": .string(id), "title": .string(title), "url": .string(url), "date": date.templateValue, "end": end.templateValue,
         "importance": importance.templateValue, "major": .bool(importance >= 3),
         "actors": actors.templateValue, "topics": topics.templateValue]
    }
}
