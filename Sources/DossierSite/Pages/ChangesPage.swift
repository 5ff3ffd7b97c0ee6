import DossierContent
import DossierModel
import DossierTemplates

/// The view of editions for the `/changes/` page and the editions feed.
enum ChangesPage {
    /// Words for a stance position stored as its raw value.
    static func positionLabel(_ raw: String?) -> String {
        guard let raw else { return "No stance" }
        return Stance.Position(rawValue: raw)?.label ?? raw
    }

    /// An edition as HTML for its feed entry, with absolute links to items that still exist.
    static func html(_ e: Edition, site: SiteModel, urls: SiteURLs) -> String {
        func link(_ kind: ItemKind, _ item: ItemName) -> String {
            let ref = ItemRef(kind, item.id)
            return site.contains(ref) ? "<a href=\"\(HTML.escape(urls.url(ref)))\">\(HTML.escape(item.title))</a>" : HTML.escape(item.title)
        }
        let note = e.note.map { "<p>" + HTML.escape($0) + "</p>" } ?? ""
        if e.first {
            let counts = (e.counts ?? [:]).keys.sorted().map { "\(e.counts![$0]!) \($0)" }.joined(separator: ", ")
            return note + "<p>First edition\(counts.isEmpty ? "" : ": " + HTML.escape(counts)).</p>"
        }
        var out = note
        if !e.corrections.isEmpty {
            out += "<p>Corrections:</p><ul>" + e.corrections.map { "<li>" + HTML.escape($0.sentence) + "</li>" }.joined() + "</ul>"
        }
        let kinds: [(String, ItemKind, KeyPath<ItemLists, [ItemName]>)] = [("briefs", .brief, \.briefs), ("events", .event, \.events),
                                                                          ("actors", .actor, \.actors), ("topics", .topic, \.topics),
                                                                          ("sources", .source, \.sources)]
        for (word, kind, path) in kinds where !e.added[keyPath: path].isEmpty {
            out += "<p>New \(word): " + e.added[keyPath: path].map { link(kind, $0) }.joined(separator: ", ") + "</p>"
        }
        for (word, _, path) in kinds where !e.removed[keyPath: path].isEmpty {
            out += "<p>Removed \(word): " + e.removed[keyPath: path].map { HTML.escape($0.title) }.joined(separator: ", ") + "</p>"
        }
        if !e.stances.isEmpty {
            out += "<p>Changed stances:</p><ul>" + e.stances.map { s in
                "<li>" + HTML.escape("\(s.actorName) on \(s.topicTitle): \(positionLabel(s.from)) → \(positionLabel(s.to))") + "</li>"
            }.joined() + "</ul>"
        }
        if !e.judgments.isEmpty {
            out += "<p>Changed judgments:</p><ul>" + e.judgments.map { j in
                "<li>" + HTML.escape(j.text + " — " + judgmentChange(j)) + "</li>"
            }.joined() + "</ul>"
        }
        return out
    }

    /// `likelihood likely → very likely; confidence low → moderate`.
    static func judgmentChange(_ j: JudgmentChange) -> String {
        var parts: [String] = []
        if j.likelihoodFrom != j.likelihoodTo { parts.append("likelihood \(j.likelihoodFrom ?? "none") → \(j.likelihoodTo ?? "none")") }
        if j.confidenceFrom != j.confidenceTo { parts.append("confidence \(j.confidenceFrom ?? "none") → \(j.confidenceTo ?? "none")") }
        return parts.joined(separator: "; ")
    }
}
