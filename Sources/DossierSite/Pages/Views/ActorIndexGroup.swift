import DossierModel
import DossierTemplates

/// The actors of one kind on a page of the actor index (`People`, `Organisations`, …).
struct ActorIndexGroup: TemplateRepresentable, Sendable {
    let kind: Actor.Kind
    let actors: [SharedView<ActorLink>?]

    /// The group's heading.
    var label: String {
        switch kind {
        case .person: "People"
        case .organization: "Organisations"
        case .government: "Governments"
        case .group: "Groups"
        case .other: "Others"
        }
    }

    var templateValue: TemplateValue { ["label": .string(label), "actors": actors.templateValue] }
}
