import DossierModel
import DossierTemplates

/// A topic as a link, wherever a page names it.
struct TopicLink: TemplateRepresentable, Sendable {
    let id: String
    /// The topic's title, the link's text.
    let title: String
    /// The topic's page, relative to the page that links to it.
    let url: String

    init(_ t: Topic, links: Links) {
        id = t.id
        title = t.title
        url = links.url(ItemRef(.topic, t.id))
    }

    var templateValue: TemplateValue { ["id": .string(id), "title": .string(title), "url": .string(url)] }
}
