import DossierModel
import DossierTemplates

/// A source as the source list shows it: publisher, date, reliability and how often it is cited.
struct SourceSummary: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    let url: String
    let publisher: String?
    let published: DateView?
    /// The reliability grade as written (`B2`) and in words, when given.
    let reliability: String?
    let reliabilityLabel: String?
    /// How many places in the site cite it.
    let citationCount: Int

    var templateValue: TemplateValue {
        ["id": .string(id), "title": .string(title), "url": .string(url), "publisher": publisher.templateValue,
         "published": published.templateValue, "reliability": reliability.templateValue,
         "reliability_label": reliabilityLabel.templateValue, "citation_count": citationCount.templateValue]
    }
}
