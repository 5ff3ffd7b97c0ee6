import DossierModel
import DossierTemplates

/// What a source's page shows: where it comes from, its text with the cited passages marked, and who cites it.
struct SourcePage: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    let publisher: String?
    let author: String?
    let url: String?
    let archivedURL: String?
    let published: DateView?
    let retrieved: DateView?
    /// The kept original as written, as published beside the page, what a reader gets from it, and its digest.
    let original: String?
    let originalFile: String?
    let originalKind: String?
    let originalSHA256: String?
    let language: String?
    let dir: String?
    /// The reliability grade as written and in words.
    let reliability: String?
    let reliabilityLabel: String?
    /// The source's text with its cited passages marked, when the site has it.
    let text: HTMLText?
    let passages: [PassageView]
    /// The citations of the source that quote no passage.
    let unquoted: [CitingUseView]
    let citationCount: Int
    /// The source's other fields from its table.
    let fields: TableFields<Source>

    var templateValue: TemplateValue {
        .object(fields.merged(into: [
            "id": .string(id), "title": .string(title), "publisher": publisher.templateValue, "author": author.templateValue,
            "url": url.templateValue, "archived_url": archivedURL.templateValue, "published": published.templateValue,
            "original": original.templateValue, "original_file": originalFile.templateValue,
            "original_kind": originalKind.templateValue, "original_sha256": originalSHA256.templateValue,
            "language": language.templateValue, "dir": dir.templateValue, "retrieved": retrieved.templateValue,
            "reliability": reliability.templateValue, "reliability_label": reliabilityLabel.templateValue,
            "text": text.templateValue, "passages": passages.templateValue, "unquoted": unquoted.templateValue,
            "citation_count": citationCount.templateValue]))
    }
}

/// A cited passage of a source, with the places that cite it.
struct PassageView: TemplateRepresentable, Sendable {
    /// The passage's id in the marked text.
    let anchor: String
    let text: String
    let citedBy: [CitingUseView]

    var templateValue: TemplateValue { ["anchor": .string(anchor), "text": .string(text), "cited_by": citedBy.templateValue] }
}

/// One place that cites a source: the item, what the citation supports there, and the actor it concerns.
struct CitingUseView: TemplateRepresentable, Sendable {
    let item: ItemLink
    /// `event`, `stance on …`, `relation: …`.
    let role: String
    let actor: SharedView<ActorLink>?
    /// The citation's note, when it has one.
    let note: String?

    var templateValue: TemplateValue {
        ["item": item.templateValue, "role": .string(role), "actor": actor.templateValue, "note": note.templateValue]
    }
}
