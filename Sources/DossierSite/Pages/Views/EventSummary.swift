import DossierTemplates

/// An event as lists and other pages show it: its shared base and this page's reference markers for its sources.
struct EventSummary: TemplateRepresentable, Sendable {
    /// The summary's fields but `refs`, made once per build when the page may share it.
    let base: SharedView<EventBase>
    /// The event's citations as this page numbers them (`References.markers`), or as links elsewhere on the home page.
    let refs: [ReferenceMarker]

    var templateValue: TemplateValue { .object(object) }

    /// The value as an object, for the event's page and the timeline, which add to it.
    var object: TemplateObject {
        guard case .object(let base) = base.templateValue else { return [:] }
        var summary = TemplateObject(extending: base, minimumCapacity: 1)
        summary["refs"] = refs.templateValue
        return summary
    }
}
