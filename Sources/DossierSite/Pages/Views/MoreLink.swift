import DossierTemplates

/// A link to the whole of a list a page shows only part of (`All 40 events`).
struct MoreLink: TemplateRepresentable, Sendable {
    /// The first page of the whole list.
    let url: String
    /// The link's text, with the list's length.
    let label: String

    var templateValue: TemplateValue { ["url": .string(url), "label": .string(label)] }
}
