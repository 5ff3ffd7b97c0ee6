import DossierTemplates

/// A quote an actor's page shows: the words of a cited passage behind one of its stances, and the stance's topic.
struct QuoteView: TemplateRepresentable, Sendable {
    /// The quoted words as shown (`QuoteText.shown`).
    let text: String
    let topic: SharedView<TopicLink>?
    /// The citation's marker as this page numbers it.
    let refs: [ReferenceMarker]

    var templateValue: TemplateValue { ["text": .string(text), "topic": topic.templateValue, "refs": refs.templateValue] }
}
