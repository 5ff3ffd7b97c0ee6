import DossierModel

/// One of the site's section pages (the home page, the indexes, search, changes, 404): the one table that decides
/// their paths, their templates and their places in the site menu.
///
/// Adding a section page is a row in `all`, a case of `SitePage.Kind`, its template and its view in `PageValues`.
struct SectionPage: Sendable {
    var kind: SitePage.Kind
    /// Output path relative to `Output/`.
    var path: String
    /// The template that draws it.
    var template: String
    /// Its label in the site menu; nil for pages the menu leaves out.
    var menu: String?
    /// The kind of item whose own pages belong to this section (the menu marks the section current on them).
    var items: ItemKind?

    /// Every section page, in plan and menu order.
    static let all: [SectionPage] = [
        SectionPage(kind: .home, path: "index.html", template: "home", menu: "Overview"),
        SectionPage(kind: .briefIndex, path: "briefs/index.html", template: "briefs", menu: "Briefs", items: .brief),
        SectionPage(kind: .timeline, path: "timeline/index.html", template: "timeline", menu: "Timeline", items: .event),
        SectionPage(kind: .actorIndex, path: "actors/index.html", template: "actors", menu: "Actors", items: .actor),
        SectionPage(kind: .topicIndex, path: "topics/index.html", template: "topics", menu: "Topics", items: .topic),
        SectionPage(kind: .stanceMatrix, path: "stances/index.html", template: "stances", menu: "Stances"),
        SectionPage(kind: .sourceIndex, path: "sources/index.html", template: "sources", menu: "Sources", items: .source),
        SectionPage(kind: .search, path: "search/index.html", template: "search", menu: "Search"),
        SectionPage(kind: .changes, path: "changes/index.html", template: "changes"),
        SectionPage(kind: .notFound, path: "404.html", template: "404"),
    ]

    /// The row of `kind`, when it is a section page.
    static func of(_ kind: SitePage.Kind) -> SectionPage? {
        all.first { $0.kind == kind }
    }

    /// The templates every theme must have: the section pages', each item kind's, an edition's and the layout.
    static var requiredTemplates: [String] {
        ["layout"] + all.map(\.template) + ItemKind.allCases.map(\.rawValue) + ["edition"]
    }

    /// The folder the menu links to, relative to the site root ("" for the home page).
    var folder: String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }
}
