import DossierTemplates

/// A brief as lists and other pages show it: title, date, summary and key judgments, linked to its page.
struct BriefSummary: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    /// The brief's page, relative to the page that shows the summary.
    let url: String
    let date: DateView?
    /// The brief's one-paragraph summary, when it has one.
    let summary: String?
    let judgments: [JudgmentView]

    var templateValue: TemplateValue {
        ["id": .string(id), "title": .string(title), "url": .string(url), "date": date.templateValue,
         "summary": summary.templateValue, "judgments": judgments.templateValue]
    }
}
