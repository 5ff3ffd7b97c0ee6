import DossierTemplates

/// A claim's superscript link to its entry in the page's reference list (`[3]`), or, on a page that lists a claim's
/// references elsewhere, one link to them there (`[2 sources]`).
struct ReferenceMarker: TemplateRepresentable, Sendable {
    /// The reference's number, or how many sources the other page lists.
    let n: Int
    let href: String
    /// What the marker shows between its brackets.
    let text: String
    /// What a screen reader says for it.
    let label: String

    var templateValue: TemplateValue {
        ["n": n.templateValue, "href": .string(href), "text": .string(text), "label": .string(label)]
    }
}

/// What a reference entry shows of its source and passage: the same on every page that cites them, so a build
/// makes it once (`SharedItemValues`) and each page's `ReferenceEntry` adds its number and note.
struct ReferenceSource: TemplateRepresentable, Sendable {
    let sourceTitle: String
    /// The source's page, at the cited passage (its anchor and a text fragment) when the quote was found.
    let sourceURL: String
    let publisher: String?
    /// The source's date in words.
    let published: String?
    let reliability: String?
    let reliabilityLabel: String?
    /// The quote as the page shows it.
    let quote: String?
    /// The original article's address, with a text fragment when the quote was found.
    let originalURL: String?

    var templateValue: TemplateValue {
        ["source_title": .string(sourceTitle), "source_url": .string(sourceURL), "publisher": publisher.templateValue,
         "published": published.templateValue, "reliability": reliability.templateValue,
         "reliability_label": reliabilityLabel.templateValue, "quote": quote.templateValue, "locator": .null,
         "original_url": originalURL.templateValue]
    }
}

/// One entry of a page's reference list: its source and passage, with this page's number, note and locator.
struct ReferenceEntry: TemplateRepresentable, Sendable {
    let source: SharedView<ReferenceSource>
    let n: Int
    let note: String?
    /// `p. 3`, when the citation gives one.
    let locator: String?

    var templateValue: TemplateValue {
        // The source's part is shared with every other entry citing it: the entry extends it instead of copying it.
        guard case .object(let base) = source.templateValue else { return source.templateValue }
        var entry = TemplateObject(extending: base, minimumCapacity: 3)
        entry["n"] = n.templateValue
        entry["id"] = .string("ref-\(n)")
        entry["note"] = note.templateValue
        if let locator { entry["locator"] = .string(locator) }
        return .object(entry)
    }
}
