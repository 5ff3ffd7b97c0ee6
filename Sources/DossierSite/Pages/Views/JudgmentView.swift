import DossierModel
import DossierTemplates

/// One key judgment of a brief, with its likelihood and confidence words when given.
struct JudgmentView: TemplateRepresentable, Sendable {
    let text: String
    /// `likely`, `almost certain`, … as written.
    let likelihood: String?
    /// `high`, `moderate`, … as written.
    let confidence: String?

    init(text: String, likelihood: String?, confidence: String?) {
        self.text = text
        self.likelihood = likelihood
        self.confidence = confidence
    }

    init(_ j: Judgment) { self.init(text: j.text, likelihood: j.likelihood, confidence: j.confidence) }

    var templateValue: TemplateValue {
        ["text": .string(text), "likelihood": likelihood.templateValue, "confidence": confidence.templateValue]
    }
}
