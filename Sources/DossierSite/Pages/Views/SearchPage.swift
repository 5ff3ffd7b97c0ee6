import DossierTemplates

/// What the search page shows: the index manifest it loads (the rest loads on demand), its script, and the
/// section pages it offers when a query finds nothing.
struct SearchPage: TemplateRepresentable, Sendable {
    /// The manifest's URL, when the index was made (a list, for the template's section).
    let shards: [String]
    let script: String
    /// The site's root, relative to the page, which result links start from.
    let root: String
    let timelineURL: String
    let actorsURL: String
    let briefsURL: String
    let topicsURL: String
    let sourcesURL: String

    var templateValue: TemplateValue {
        ["shards": shards.templateValue, "script": .string(script), "root": .string(root),
         "timeline_url": .string(timelineURL), "actors_url": .string(actorsURL), "briefs_url": .string(briefsURL),
         "topics_url": .string(topicsURL), "sources_url": .string(sourcesURL)]
    }
}
