import DossierTemplates

/// A page of all the events or briefs of an actor or topic, beyond the latest its own page shows.
struct ItemListing: TemplateRepresentable, Sendable {
    let heading: String
    /// The actor or topic the list belongs to, and its page.
    let ownerName: String
    let ownerURL: String
    /// Whether this lists events (else briefs).
    let isEvents: Bool
    /// How many the whole list holds, on all its pages.
    let total: Int
    let events: [EventSummary]
    let briefs: [SharedView<BriefSummary>]

    var templateValue: TemplateValue {
        ["heading": .string(heading), "owner_name": .string(ownerName), "owner_url": .string(ownerURL),
         "is_events": .bool(isEvents), "is_briefs": .bool(!isEvents), "total": total.templateValue,
         "events": events.templateValue, "briefs": briefs.templateValue]
    }
}
