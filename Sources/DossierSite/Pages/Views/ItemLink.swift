import DossierModel
import DossierTemplates

/// Any item as a link, with its kind (`brief`, `event`, …) for the template to label it.
struct ItemLink: TemplateRepresentable, Sendable {
    /// The item's title (its id when it has none).
    let title: String
    /// The item's page, relative to the page that links to it.
    let url: String
    /// The item's kind, as its folder's singular (`actor`).
    let kind: ItemKind

    var templateValue: TemplateValue { ["title": .string(title), "url": .string(url), "kind": .string(kind.rawValue)] }
}
