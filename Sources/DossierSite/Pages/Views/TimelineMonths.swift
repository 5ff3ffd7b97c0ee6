import DossierTemplates

/// The timeline's months, newest first, each a link to its own pages, with the heading and words around them.
struct TimelineMonths: TemplateRepresentable, Sendable {
    let note: String
    let months: [MonthLink]
    let heading: String
    let lede: String

    var templateValue: TemplateValue {
        ["note": .string(note), "months": months.templateValue, "heading": .string(heading), "lede": .string(lede)]
    }
}

/// A month of the timeline: its name, its first page and how many events it holds.
struct MonthLink: TemplateRepresentable, Sendable {
    let label: String
    let count: Int
    let url: String

    var templateValue: TemplateValue { ["label": .string(label), "count": count.templateValue, "url": .string(url)] }
}
