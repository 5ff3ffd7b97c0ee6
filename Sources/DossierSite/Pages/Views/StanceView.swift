import DossierModel
import DossierTemplates

/// One stance of an actor on a topic: its position, when it was taken, its summary and reference markers.
struct StanceView: TemplateRepresentable, Sendable {
    /// `support`, `oppose`, …: `position` is the key, `label` the words.
    let position: Stance.Position
    let asOf: DateView?
    let summary: String?
    /// The stance's citations as this page numbers them (`References.markers`).
    let refs: [ReferenceMarker]

    var templateValue: TemplateValue { .object(object) }

    /// The value as an object, for the views that add the actor or an anchor to it.
    var object: TemplateObject {
        ["position": .string(position.rawValue), "label": .string(position.label), "as_of": asOf.templateValue,
         "summary": summary.templateValue, "refs": refs.templateValue]
    }
}

/// A stance in a topic's groups by position: the stance and who took it.
struct ActorStanceView: TemplateRepresentable, Sendable {
    let stance: StanceView
    /// The actor who took it (null for one the site lacks).
    let actor: SharedView<ActorLink>?

    var templateValue: TemplateValue {
        var o = stance.object
        o["actor"] = actor.templateValue
        return .object(o)
    }
}

/// A stance in an actor's history on a topic, with the anchor its mark on the stance strip links to.
struct AnchoredStanceView: TemplateRepresentable, Sendable {
    let stance: StanceView
    /// The id of the stance's row (`StanceCharts.anchor`).
    let anchor: String

    var templateValue: TemplateValue {
        var o = stance.object
        o["anchor"] = .string(anchor)
        return .object(o)
    }
}
