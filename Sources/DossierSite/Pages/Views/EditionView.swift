import DossierContent
import DossierModel
import DossierTemplates

/// One edition as `/changes/` and its own page show it: what it added and removed, the stances and judgments that
/// moved, and the corrections it made.
struct EditionView: TemplateRepresentable, Sendable {
    let number: Int
    /// `edition-N`, or `unpublished` for the changes since the last edition.
    let id: String
    let date: DateView?
    let note: String?
    let first: Bool
    /// Whether this is the newest published edition.
    let latest: Bool
    let summary: String
    /// The edition's own page; nil for unpublished changes.
    let url: String?
    let added: [ItemGroup]
    let removed: [ItemGroup]
    let stances: [StanceChangeView]
    let judgments: [JudgmentChangeView]
    let corrections: [CorrectionView]
    /// `1 brief, 1 event, 3 actors, 2 topics and 1 source`: what a first edition holds.
    let countsText: String
    /// Whether a later edition changed nothing.
    let nothing: Bool

    var templateValue: TemplateValue {
        let o: TemplateObject = [
            "number": number.templateValue, "id": .string(id), "date": date.templateValue, "note": note.templateValue,
            "first": .bool(first), "latest": .bool(latest), "summary": .string(summary), "url": url.templateValue,
            "added": added.templateValue, "removed": removed.templateValue, "stances": stances.templateValue,
            "judgments": judgments.templateValue, "corrections": corrections.templateValue,
            "counts_text": .string(countsText), "nothing": .bool(nothing)]
        return .object(o.withListFlags())
    }
}

/// The items of one kind an edition added or removed (`Briefs`, `Events`, …).
struct ItemGroup: TemplateRepresentable, Sendable {
    let label: String
    let items: [NamedItem]

    var templateValue: TemplateValue { ["label": .string(label), "items": items.templateValue] }
}

/// An item an edition names: linked while it is still in the briefing, else its title as it was.
struct NamedItem: TemplateRepresentable, Sendable {
    let title: String
    let url: String?

    var templateValue: TemplateValue { ["title": .string(title), "url": url.templateValue] }
}

/// A stance position for display, from its stored raw value (`none` when there was no stance).
struct PositionView: TemplateRepresentable, Sendable {
    let position: Stance.Position?

    init(_ raw: String?) { position = raw.flatMap(Stance.Position.init(rawValue:)) }

    var templateValue: TemplateValue {
        ["position": .string(position?.rawValue ?? "none"), "label": .string(position?.label ?? "No stance")]
    }
}

/// An actor or topic an edition names: its link while it is still in the briefing, else its name as it was.
enum LinkOrName<Link: TemplateRepresentable & Sendable>: TemplateRepresentable, Sendable {
    case link(SharedView<Link>?)
    /// Gone since: the name under `key` (`name` for actors, `title` for topics), with no URL.
    case gone(key: String, name: String)

    var templateValue: TemplateValue {
        switch self {
        case .link(let link): link.templateValue
        case .gone(let key, let name): .object([TemplateKey(key): .string(name), "url": .null])
        }
    }
}

/// An actor's move from one position to another on a topic, as an edition records it.
struct StanceChangeView: TemplateRepresentable, Sendable {
    let actor: LinkOrName<ActorLink>
    let topic: LinkOrName<TopicLink>
    let from: PositionView
    let to: PositionView
    let asOf: DateView?
    let summary: String?
    let refs: [ReferenceMarker]

    var templateValue: TemplateValue {
        ["actor": actor.templateValue, "topic": topic.templateValue, "from": from.templateValue, "to": to.templateValue,
         "as_of": asOf.templateValue, "summary": summary.templateValue, "refs": refs.templateValue]
    }
}

/// A key judgment of a brief whose likelihood or confidence an edition changed.
struct JudgmentChangeView: TemplateRepresentable, Sendable {
    let brief: NamedItem
    let text: String
    let likelihoodFrom: String?
    let likelihoodTo: String?
    let confidenceFrom: String?
    let confidenceTo: String?

    var templateValue: TemplateValue {
        ["brief": brief.templateValue, "text": .string(text), "likelihood_changed": .bool(likelihoodFrom != likelihoodTo),
         "likelihood_from": .string(likelihoodFrom ?? "none"), "likelihood_to": .string(likelihoodTo ?? "none"),
         "confidence_changed": .bool(confidenceFrom != confidenceTo),
         "confidence_from": .string(confidenceFrom ?? "none"), "confidence_to": .string(confidenceTo ?? "none")]
    }
}

/// A correction an edition made: to what item, and the text before and after.
struct CorrectionView: TemplateRepresentable, Sendable {
    let label: String
    let item: NamedItem
    let text: String?
    let before: String?
    let after: String?
    /// Whether a quoted passage changed or was withdrawn.
    let quoted: Bool

    var templateValue: TemplateValue {
        ["label": .string(label), "item": item.templateValue, "text": text.templateValue,
         "before": before.templateValue, "after": after.templateValue, "quoted": .bool(quoted)]
    }
}
