import DossierModel
import DossierTemplates

/// The stance matrix page: one row per actor, one column per topic, each cell the actor's latest position; at
/// scale, the actors and topics with the most stances, with a note of what it leaves out.
struct StanceMatrix: TemplateRepresentable, Sendable {
    let topics: [SharedView<TopicLink>?]
    let rows: [MatrixRow]
    /// What the matrix leaves out, when it does not show every actor and topic.
    let capped: MatrixCap?

    var templateValue: TemplateValue {
        ["topics": topics.templateValue, "rows": rows.templateValue, "has_rows": .bool(!rows.isEmpty),
         "capped": capped.templateValue]
    }
}

/// One actor's row of the matrix.
struct MatrixRow: TemplateRepresentable, Sendable {
    let actor: SharedView<ActorLink>?
    let cells: [MatrixCell]

    var templateValue: TemplateValue { ["actor": actor.templateValue, "cells": cells.templateValue] }
}

/// One cell of the matrix: the actor's latest position on the topic, or none.
enum MatrixCell: TemplateRepresentable, Sendable {
    case stance(Stance.Position, asOf: DateView?)
    case none

    /// A cell with no stance: most cells, so they share one value (the matrix grows as actors × topics).
    private static let noStance: TemplateValue = ["has_stance": false, "position": "none", "label": "No stance", "as_of": .null]

    var templateValue: TemplateValue {
        switch self {
        case .stance(let position, let asOf):
            ["has_stance": true, "position": .string(position.rawValue), "label": .string(position.label),
             "as_of": asOf.templateValue]
        case .none: MatrixCell.noStance
        }
    }
}

/// How much of the stances a capped matrix shows, with links to every topic and to the stances as CSV.
struct MatrixCap: TemplateRepresentable, Sendable {
    let actorsShown: Int
    let actorsTotal: Int
    let topicsShown: Int
    let topicsTotal: Int
    let topicsURL: String
    let csvURL: String

    var templateValue: TemplateValue {
        ["actors_shown": actorsShown.templateValue, "actors_total": actorsTotal.templateValue,
         "topics_shown": topicsShown.templateValue, "topics_total": topicsTotal.templateValue,
         "topics_url": .string(topicsURL), "csv_url": .string(csvURL)]
    }
}
