import DossierModel
import DossierTemplates

/// A topic as lists and the home page show it: its question and how many actors hold each position.
struct TopicSummary: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    let url: String
    let question: String?
    /// Each position some actor holds now, with how many do.
    let positions: [PositionCount]
    /// How many actors took a stance.
    let actorCount: Int

    var templateValue: TemplateValue {
        ["id": .string(id), "title": .string(title), "url": .string(url), "question": question.templateValue,
         "positions": positions.templateValue, "actor_count": actorCount.templateValue]
    }
}

/// How many actors hold one position on a topic now.
struct PositionCount: TemplateRepresentable, Sendable {
    let position: Stance.Position
    let count: Int

    var templateValue: TemplateValue {
        ["position": .string(position.rawValue), "label": .string(position.label), "count": count.templateValue]
    }
}
