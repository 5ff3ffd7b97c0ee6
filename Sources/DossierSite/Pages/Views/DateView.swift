import DossierModel
import DossierTemplates

/// A date as pages show it: `text` for reading (`March 2026`, `c. 2025`) and `datetime` for `<time datetime>`.
struct DateView: TemplateRepresentable, Sendable {
    /// The date in words, `c.` before an approximate one.
    let text: String
    /// The date as written in front matter (`2026-03`), for machines.
    let datetime: String
    /// Whether the date is only roughly known.
    let approximate: Bool

    /// The view of `date`, or nil when there is none (the template gets `null`).
    init?(_ date: PartialDate?, approximate: Bool = false) {
        guard let date else { return nil }
        text = date.formatted(approximate: approximate)
        datetime = date.description
        self.approximate = approximate
    }

    var templateValue: TemplateValue {
        ["text": .string(text), "datetime": .string(datetime), "approximate": .bool(approximate)]
    }
}
