import DossierTemplates

/// The page links of a list cut into pages: the pages around this one, previous and next, and the first.
struct Pager: TemplateRepresentable, Sendable {
    /// This page's number, and how many pages the list has.
    let number: Int
    let count: Int
    /// First, last, and two either side of this page, with gaps where pages are left out.
    let pages: [PagerEntry]
    let prevURL: String?
    let nextURL: String?
    /// `Newer` / `Older` on lists that start with the newest, else `Previous page` / `Next page`.
    let prevLabel: String
    let nextLabel: String
    let firstURL: String

    var templateValue: TemplateValue {
        ["number": number.templateValue, "count": count.templateValue, "pages": pages.templateValue,
         "prev_url": prevURL.templateValue, "next_url": nextURL.templateValue, "prev_label": .string(prevLabel),
         "next_label": .string(nextLabel), "first_url": .string(firstURL)]
    }
}

/// One entry of a pager: a page's link (marked when it is this page), or a gap.
enum PagerEntry: TemplateRepresentable, Sendable {
    case page(Int, url: String, current: Bool)
    case gap

    var templateValue: TemplateValue {
        switch self {
        case .page(let number, let url, let current):
            ["number": number.templateValue, "gap": false, "current": .bool(current), "url": .string(url)]
        case .gap: ["number": .null, "gap": true, "current": false, "url": .null]
        }
    }
}
