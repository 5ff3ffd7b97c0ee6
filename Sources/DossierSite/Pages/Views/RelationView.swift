import DossierTemplates

/// A relation between two actors as one of them shows it: its type in words, the other actor and since when.
struct RelationView: TemplateRepresentable, Sendable {
    /// `member of`, `allied with`, …
    let type: String
    /// The actor at the other end (null for one the site lacks).
    let other: SharedView<ActorLink>?
    let since: DateView?
    /// The relation's citations as this page numbers them (`References.markers`).
    let refs: [ReferenceMarker]

    var templateValue: TemplateValue {
        ["type": .string(type), "other": other.templateValue, "since": since.templateValue, "refs": refs.templateValue]
    }
}

/// One tie in the actor network in words: the other actor and how they are tied (relations, shared events).
struct TieView: TemplateRepresentable, Sendable {
    let other: SharedView<ActorLink>?
    /// `member of; 3 shared events`.
    let how: String

    var templateValue: TemplateValue { ["other": other.templateValue, "how": .string(how)] }
}
