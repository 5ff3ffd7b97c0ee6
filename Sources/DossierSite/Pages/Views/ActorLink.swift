import DossierModel
import DossierTemplates

/// An actor as a link, wherever a page names it: its name, kind and role beside the link to its page.
struct ActorLink: TemplateRepresentable, Sendable {
    let id: String
    /// The actor's name, the link's text.
    let name: String
    /// The actor's page, relative to the page that links to it.
    let url: String
    /// Person, organisation, …: `kind` is the key, `kind_label` the words.
    let kind: Actor.Kind
    /// The actor's role, when the front matter gives one.
    let role: String?

    init(_ a: Actor, links: Links) {
        id = a.id
        name = a.name
        url = links.url(ItemRef(.actor, a.id))
        kind = a.kind
        role = a.role
    }

    var templateValue: TemplateValue {
        ["id": .string(id), "name": .string(name), "url": .string(url), "kind": .string(kind.rawValue),
         "kind_label": .string(kind.label), "role": role.templateValue]
    }
}
