import DossierModel

/// Something an edition corrected in what the briefing had said: a quote changed or withdrawn, a source removed,
/// or a judgment's likelihood lowered. Listed first on `/changes/`, because readers most need to see them.
public struct Correction: Sendable, Hashable, Codable {
    /// What kind of correction.
    public enum Kind: String, Sendable, Hashable, Codable {
        case quoteChanged = "quote-changed", quoteWithdrawn = "quote-withdrawn"
        case sourceRemoved = "source-removed", likelihoodLowered = "likelihood-lowered"
    }

    public var kind: Kind
    /// The item corrected: the citing item of a quote, the brief of a judgment, or the removed source.
    public var itemKind: ItemKind
    public var item: String
    public var title: String
    /// The quote or likelihood before, and after (nil for a withdrawn quote or a removed source).
    public var before: String?
    public var after: String?
    /// The judgment whose likelihood was lowered.
    public var text: String?

    enum CodingKeys: String, CodingKey { case kind, itemKind = "item_kind", item, title, before, after, text }

    /// The correction in words, for feeds: `Quote withdrawn from Review announced: “…”`.
    public var sentence: String {
        switch kind {
        case .quoteChanged: "Quote changed in \(title): “\(before ?? "")” now reads “\(after ?? "")”"
        case .quoteWithdrawn: "Quote withdrawn from \(title): “\(before ?? "")”"
        case .sourceRemoved: "Source removed: \(title)"
        case .likelihoodLowered: "Judgment lowered in \(title): “\(text ?? "")”, \(before ?? "none") → \(after ?? "none")"
        }
    }

    /// The label `/changes/` shows before the corrected item.
    var label: String {
        switch kind {
        case .quoteChanged: "Quote changed in"
        case .quoteWithdrawn: "Quote withdrawn from"
        case .sourceRemoved: "Source removed:"
        case .likelihoodLowered: "Judgment lowered in"
        }
    }

    var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("item_kind", .string(itemKind.rawValue)), ("item", .string(item)),
                 ("title", .string(title)), ("before", .optional(before)), ("after", .optional(after)), ("text", .optional(text))])
    }

    /// The corrections from `old` to `new`: sources removed, quotes of items in both that changed or went (unless
    /// their source went too), and judgments whose likelihood went down the ICD 203 scale.
    static func all(_ old: EditionSnapshot, _ new: EditionSnapshot, removedSources: [ItemName],
                    judgments: [JudgmentChange]) -> [Correction] {
        var result = removedSources.map {
            Correction(kind: .sourceRemoved, itemKind: .source, item: $0.id, title: $0.title)
        }
        result += quoteCorrections(old, new, removedSources: Set(removedSources.map(\.id)))
        result += judgments.compactMap(lowered)
        return result
    }

    /// Quotes an item still in the briefing no longer cites: changed when the item now cites the same source with
    /// other words, withdrawn otherwise.
    static func quoteCorrections(_ old: EditionSnapshot, _ new: EditionSnapshot, removedSources: Set<String>) -> [Correction] {
        let now = Set(new.quotes.map { QuoteKey(item: $0.item, source: $0.source, quote: $0.quote) })
        let was = Set(old.quotes.map { QuoteKey(item: $0.item, source: $0.source, quote: $0.quote) })
        let present = Set(new.allItems)
        var added = new.quotes.filter { !was.contains(QuoteKey(item: $0.item, source: $0.source, quote: $0.quote)) }
        var result: [Correction] = []
        for q in old.quotes where present.contains(q.item) && !removedSources.contains(q.source)
            && !now.contains(QuoteKey(item: q.item, source: q.source, quote: q.quote)) {
            let title = new.quotes.first { $0.item == q.item }?.title ?? q.title
            if let i = added.firstIndex(where: { $0.item == q.item && $0.source == q.source }) {
                result.append(Correction(kind: .quoteChanged, itemKind: q.kind, item: q.id, title: title, before: q.quote, after: added[i].quote))
                added.remove(at: i)
            } else {
                result.append(Correction(kind: .quoteWithdrawn, itemKind: q.kind, item: q.id, title: title, before: q.quote))
            }
        }
        return result
    }

    /// The correction of a judgment whose likelihood went down; nil when it did not.
    static func lowered(_ j: JudgmentChange) -> Correction? {
        let scale = Judgment.likelihoodTerms
        guard let from = j.likelihoodFrom.flatMap({ scale.firstIndex(of: $0) }), let to = j.likelihoodTo.flatMap({ scale.firstIndex(of: $0) }),
              to < from
        else { return nil }
        return Correction(kind: .likelihoodLowered, itemKind: .brief, item: j.brief, title: j.briefTitle,
                          before: j.likelihoodFrom, after: j.likelihoodTo, text: j.text)
    }

    /// A quote as compared: who cites which words of which source.
    private struct QuoteKey: Hashable {
        var item: ItemRef
        var source: String
        var quote: String
    }
}

extension EditionSnapshot {
    /// Every item of the snapshot.
    var allItems: [ItemRef] {
        actors.map { ItemRef(.actor, $0.id) } + events.map { ItemRef(.event, $0.id) } + sources.map { ItemRef(.source, $0.id) }
            + briefs.map { ItemRef(.brief, $0.id) } + topics.map { ItemRef(.topic, $0.id) }
    }
}
