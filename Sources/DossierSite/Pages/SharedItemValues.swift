import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates

/// The parts of item pages that are the same on every item page that shows them, made once per build: a brief's
/// summary, an event's summary (without its reference numbers, which each page gives anew) and a cited passage's
/// reference entry (without its number and note). A page extends these (`TemplateObject(extending:)`) instead of
/// making them again.
///
/// Only a build that keeps no record of what each page reads uses them (a one-off `dossier build`): a page that
/// takes a shared value does not read the model pieces behind it, so its record would miss them.
final class SharedItemValues: Sendable {
    /// An event's summary as an item page shows it, less `refs`, and the citations its `refs` are made from.
    struct EventSummary: Sendable {
        let base: SharedView<EventBase>
        let sources: [Citation]
    }

    /// Each event's summary, by event id.
    let events: [String: EventSummary]
    /// Each brief's summary as an item page shows it, by brief id.
    let briefs: [String: SharedView<BriefSummary>]
    /// Each cited passage's reference entry as an item page shows it, less `n`, `id` and `note`.
    let references: [References.Key: SharedView<ReferenceSource>]
    /// The JSON-LD of every actor and source as other pages refer to them (absolute URLs: the same on every page).
    let structuredData: StructuredData.Shared

    /// Makes the shared values of `context`'s site, through the same code that makes them for a single page.
    init(context: SiteContext) {
        let site = context.site
        let eventChunks = site.events.chunked(into: 256).concurrentMap(jobs: context.jobs) { chunk in
            let values = PageValues(context: context, page: .item(ItemRef(.event, "_")), recording: false)
            return chunk.map { ($0.id, EventSummary(base: SharedView(values.eventBase($0)), sources: $0.sources)) }
        }
        events = Dictionary(eventChunks.joined(), uniquingKeysWith: { a, _ in a })
        let briefChunks = site.briefs.chunked(into: 256).concurrentMap(jobs: context.jobs) { chunk in
            let values = PageValues(context: context, page: .item(ItemRef(.brief, "_")), recording: false)
            return chunk.map { ($0.id, SharedView(values.briefSummary($0))) }
        }
        briefs = Dictionary(briefChunks.joined(), uniquingKeysWith: { a, _ in a })
        var keys = Set<References.Key>()
        func add(_ citations: [Citation]) {
            for c in citations { keys.insert(References.Key(c)) }
        }
        for e in site.events { add(e.sources) }
        for t in site.topics { for s in t.stances { add(s.sources) } }
        for a in site.actors { for r in a.relations { add(r.sources) } }
        for document in site.documents.values {
            for r in document.references {
                if case let .citation(source, quote) = r.reference { keys.insert(References.Key(source: source, quote: quote)) }
            }
        }
        // Each entry depends on its key alone and they end up in a dictionary, so the keys need no order.
        let referenceChunks = Array(keys).chunked(into: 512).concurrentMap(jobs: context.jobs) { chunk in
            let values = PageValues(context: context, page: .item(ItemRef(.source, "_")), recording: false)
            return chunk.compactMap { key in values.references.base(for: key).map { (key, SharedView($0)) } }
        }
        references = Dictionary(referenceChunks.joined(), uniquingKeysWith: { a, _ in a })
        structuredData = StructuredData.Shared(site: site, urls: context.urls)
    }
}

extension Array {
    /// The elements in consecutive slices of at most `size`, for handing out work in parallel.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension SiteContext {
    /// This context with the shared item values made (see `SharedItemValues`), for a build that records no reads.
    func sharing() -> SiteContext {
        guard edits == nil else { return self }
        var copy = self
        copy.shared = SharedItemValues(context: self)
        return copy
    }
}
