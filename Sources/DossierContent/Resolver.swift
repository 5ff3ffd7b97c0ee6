import DossierMarkdown
import DossierModel
import DossierSupport

/// Checks every reference between items and builds the cross-referenced `SiteModel`.
///
/// Ids become items, quotes become places in their sources, and each problem becomes a diagnostic
/// pointing at what the author wrote.
struct Resolver {
    let config: SiteConfig
    var items: LoadedItems
    /// How many threads the checks may use.
    let jobs: Jobs
    private var diagnostics: [Diagnostic] = []

    /// Which sources name which actors, carried from the last load: unchanged sources are not scanned again.
    private(set) var mentions: Mentions.Cache
    /// Where quotes were found, carried from the last load: a quote of an unchanged source is not searched again.
    private(set) var quotes: QuoteCache

    init(config: SiteConfig, items: LoadedItems, jobs: Jobs, mentions: Mentions.Cache = Mentions.Cache(),
         quotes: QuoteCache = QuoteCache()) {
        self.config = config
        self.items = items
        self.jobs = jobs
        self.mentions = mentions
        self.quotes = quotes
        self.quotes.startLoad()
    }

    mutating func resolve() -> (site: SiteModel, diagnostics: [Diagnostic]) {
        let actorIDs = Set(items.actors.map(\.id))
        let topicIDs = Set(items.topics.map(\.id))
        let allIDs = KnownIDs(ids: [
            .actor: actorIDs, .event: Set(items.events.map(\.id)), .topic: topicIDs,
            .brief: Set(items.briefs.map(\.id)), .source: Set(items.sources.map(\.id)),
        ], unusable: items.unusable)

        // Orders and indexes that need no check are worked out on another core meanwhile.
        let items = self.items
        let mentionsBefore = mentions
        var found: [String: [String: [Range<Int>]]] = [:]
        var citations: [String: [CitingUse]] = [:]
        var linkTargets: [ItemRef: [ItemRef?]] = [:]
        var bodyLinks: [ItemRef: Set<ItemRef>] = [:]
        var passages: [String: [CitedPassage]] = [:]
        var passageByQuote: [String: [String: Int]] = [:]
        var quoteFragments: [String: [String: String]] = [:]
        let jobs = self.jobs
        let ordered = concurrently(jobs: jobs, { Ordered(items, mentions: mentionsBefore, jobs: jobs) }, while: {
            quotes.prefetch(Resolver.quotations(items), in: items.sourceTexts, jobs: jobs)
            checkReferences(allIDs: allIDs, found: &found, citations: &citations, linkTargets: &linkTargets, bodyLinks: &bodyLinks)
            (passages, passageByQuote, quoteFragments) = Resolver.passages(found, in: items.sourceTexts, jobs: jobs)
        })
        mentions = ordered.mentions
        let events = ordered.events, briefs = ordered.briefs
        // Each source's citations are sorted in the order of the items citing them, on all cores, while this core
        // works out which briefs name each actor and topic and where each item is in its list.
        let cited = citations, sources = Array(citations.keys)
        var briefsByActor: [String: [String]] = [:], briefsByTopic: [String: [String]] = [:]
        var actorIndex: [String: Int] = [:], eventIndex = actorIndex, topicIndex = actorIndex, briefIndex = actorIndex
        var sourceIndex = actorIndex
        let sorted = concurrently(jobs: jobs, {
            sources.concurrentMap(jobs: jobs) { cited[$0]!.sorted { ($0.item, $0.citation.location) < ($1.item, $1.citation.location) } }
        }, while: {
            for b in briefs {
                let links = bodyLinks[ItemRef(.brief, b.id)] ?? []
                let actors = Set(b.actors.map(\.value)).union(links.filter { $0.kind == .actor }.map(\.id))
                let topics = Set(b.topics.map(\.value)).union(links.filter { $0.kind == .topic }.map(\.id))
                for a in actors.sorted() { briefsByActor[a, default: []].append(b.id) }
                for t in topics.sorted() { briefsByTopic[t, default: []].append(b.id) }
            }
            actorIndex = Self.index(items.actors.map(\.id))
            eventIndex = Self.index(events.map(\.id))
            topicIndex = Self.index(items.topics.map(\.id))
            briefIndex = Self.index(briefs.map(\.id))
            sourceIndex = Self.index(items.sources.map(\.id))
        })
        citations = Dictionary(uniqueKeysWithValues: zip(sources, sorted))

        let site = SiteModel(
            config: config, actors: items.actors, events: events, topics: items.topics, briefs: briefs,
            sources: items.sources, documents: items.documents, linkTargets: linkTargets, passages: passages,
            citations: citations, eventsByActor: ordered.eventsByActor, eventsByTopic: ordered.eventsByTopic,
            stancesByActor: ordered.stancesByActor, members: ordered.members, relationsTo: ordered.relationsTo,
            briefsByActor: briefsByActor, briefsByTopic: briefsByTopic, sourcesMentioning: ordered.sourcesMentioning,
            sourceTexts: items.sourceTexts,
            actorIndex: actorIndex, eventIndex: eventIndex, topicIndex: topicIndex, briefIndex: briefIndex,
            sourceIndex: sourceIndex, passageByQuote: passageByQuote, quoteFragments: quoteFragments)
        return (site, diagnostics)
    }

    /// Every quote that a citation of `items` makes, with the source it quotes, in no particular order.
    private static func quotations(_ items: LoadedItems) -> [(quote: String, source: String)] {
        var out: [(quote: String, source: String)] = []
        func add(_ citations: [Citation]) {
            for c in citations { if let quote = c.quote { out.append((quote, c.source)) } }
        }
        for a in items.actors { for r in a.relations { add(r.sources) } }
        for e in items.events { add(e.sources) }
        for t in items.topics { for s in t.stances { add(s.sources) } }
        for document in items.documents.values {
            for r in document.references {
                if case let .citation(source, quote?) = r.reference { out.append((quote, source)) }
            }
        }
        return out
    }

    /// Checks every id and citation (diagnostics for what is wrong) and resolves body references: which quotes were
    /// found where, who cites each source, and each body's link targets.
    private mutating func checkReferences(allIDs: KnownIDs, found: inout [String: [String: [Range<Int>]]],
                                          citations: inout [String: [CitingUse]], linkTargets: inout [ItemRef: [ItemRef?]],
                                          bodyLinks: inout [ItemRef: Set<ItemRef>]) {
        // Source texts: `.txt` bodies as they are, Markdown sources as readers see them.
        let sourceTexts = SourceTexts(texts: items.sourceTexts, sources: items.sources)
        let loaded = items, known = quotes, allowUncited = config.allowUncited

        // Front matter: each item's ids and citations are checked on their own, on all cores, and what the checks
        // found is gathered in item order (actors, events, topics, briefs). Every quote was searched for before
        // (`QuoteCache.prefetch`), so the checks only read the cache.
        let units = loaded.actors.indices.map(FrontMatterUnit.actor) + loaded.events.indices.map(FrontMatterUnit.event)
            + loaded.topics.indices.map(FrontMatterUnit.topic) + loaded.briefs.indices.map(FrontMatterUnit.brief)
        let fronts = units.concurrentMap(jobs: jobs) { unit in
            Resolver.checkFrontMatter(unit, of: loaded, allIDs: allIDs, texts: sourceTexts, quotes: known, allowUncited: allowUncited)
        }
        func gather(_ check: ReferenceCheck) {
            diagnostics += check.diagnostics
            for (use, parts) in check.uses {
                if let quote = use.citation.quote, let parts, found[use.citation.source]?[quote] == nil {
                    found[use.citation.source, default: [:]][quote] = parts
                }
                citations[use.citation.source, default: []].append(use)
            }
        }
        fronts.forEach(gather)

        // Body references: [[id]] links and [@id] citations, in every Markdown body, which starts at this file and line.
        // Each body is checked on its own, on all cores; what the checks found is gathered in body order.
        var bodyPositions: [ItemRef: (String, Int)] = [:]
        for a in loaded.actors { bodyPositions[ItemRef(.actor, a.id)] = (a.location.path, a.body.firstLine) }
        for e in loaded.events { bodyPositions[ItemRef(.event, e.id)] = (e.location.path, e.body.firstLine) }
        for t in loaded.topics { bodyPositions[ItemRef(.topic, t.id)] = (t.location.path, t.body.firstLine) }
        for b in loaded.briefs { bodyPositions[ItemRef(.brief, b.id)] = (b.location.path, b.body.firstLine) }
        for s in loaded.sources { bodyPositions[ItemRef(.source, s.id)] = (s.location.path, s.body.firstLine) }
        let documents = loaded.documents, positions = bodyPositions
        let refs = documents.keys.sorted()
        let checked = refs.concurrentMap(jobs: jobs) { ref in
            Resolver.checkBody(ref, documents[ref]!, at: positions[ref] ?? ("", 1), allIDs: allIDs, texts: sourceTexts, quotes: known)
        }
        for (ref, body) in zip(refs, checked) {
            gather(body)
            linkTargets[ref] = body.targets
            if !body.links.isEmpty { bodyLinks[ref, default: []].formUnion(body.links) }
        }
    }

    /// One item whose front matter is checked: its kind and its index in the loaded items of that kind.
    private enum FrontMatterUnit: Sendable {
        case actor(Int), event(Int), topic(Int), brief(Int)
    }

    /// What checking one item's front matter or one Markdown body found: its citations that hold, each with where
    /// its quote is; for a body, the target of each of its references (nil for citations and unresolved links) and the
    /// items it links to; and what is wrong.
    private struct ReferenceCheck: Sendable {
        var uses: [(use: CitingUse, parts: [Range<Int>]?)] = []
        var targets: [ItemRef?] = []
        var links: [ItemRef] = []
        var diagnostics: [Diagnostic] = []

        /// Checks citation `c`: records `use` with where its quote is when its source and quote are there, else says
        /// what is missing. Quotes are taken from `quotes` (searched beforehand) or searched in `texts`.
        mutating func check(_ c: Citation, as use: CitingUse, allIDs: KnownIDs, texts: SourceTexts,
                            quotes: QuoteCache) {
            guard let text = texts.texts[c.source] else {
                unknown(c.source, kind: .source, at: c.location, known: allIDs, &diagnostics)
                return
            }
            var parts: [Range<Int>]?
            if let quote = c.quote {
                switch quotes.known(quote, in: c.source) ?? text.search(quote) {
                case .failed(let problem):
                    diagnostics.append(.error(c.quoteLocation ?? c.location, "quote not found in source '\(c.source)': \"\(quote)\"\(problem.message)",
                                              code: "quote-not-found"))
                    return
                case .found(let matches):
                    guard let match = pick(matches, for: c, texts) else { return }
                    parts = match.parts
                }
            }
            uses.append((use, parts))
        }

        /// The place a quote found at `matches` means: the one `occurrence` names, or the first, with a warning
        /// when there are several and none is named.
        private mutating func pick(_ matches: [QuoteMatch], for c: Citation, _ texts: SourceTexts) -> QuoteMatch? {
            let location = c.quoteLocation ?? c.location
            guard let occurrence = c.occurrence else {
                if matches.count > 1 {
                    let places = texts.places(matches.prefix(2).map(\.span.lowerBound), in: c.source)
                    diagnostics.append(.warning(location, "quote found \(matches.count) times in source '\(c.source)' (first \(places)): quote more words, or add 'occurrence: N' to its 'sources:' entry to pick one",
                                                code: "ambiguous-quote"))
                }
                return matches[0]
            }
            guard occurrence <= matches.count else {
                diagnostics.append(.error(location, "'occurrence: \(occurrence)' but the quote occurs \(matches.count == 1 ? "once" : "\(matches.count) times") in source '\(c.source)'",
                                          code: "quote-not-found"))
                return nil
            }
            return matches[occurrence - 1]
        }
    }

    /// Checks the ids and citations in the front matter of one item; quotes are taken from `quotes` (searched
    /// beforehand) or searched in `texts`.
    private static func checkFrontMatter(_ unit: FrontMatterUnit, of items: LoadedItems, allIDs: KnownIDs,
                                         texts: SourceTexts, quotes: QuoteCache, allowUncited: Bool) -> ReferenceCheck {
        var result = ReferenceCheck()
        func check(_ list: [Citation], _ use: (Citation) -> CitingUse) {
            for c in list { result.check(c, as: use(c), allIDs: allIDs, texts: texts, quotes: quotes) }
        }
        func checkIDs(_ list: [Located<String>], _ kind: ItemKind) {
            for ref in list where !(allIDs[kind]!.contains(ref.value)) {
                unknown(ref.value, kind: kind, at: ref.location, known: allIDs, &result.diagnostics)
            }
        }
        switch unit {
        case .actor(let i):
            let a = items.actors[i]
            checkIDs(a.affiliations, .actor)
            for r in a.relations {
                checkIDs([r.to], .actor)
                check(r.sources) { CitingUse(item: ItemRef(.actor, a.id), actor: a.id, role: "relation: \(r.typeInWords)", citation: $0) }
            }
        case .event(let i):
            let e = items.events[i]
            checkIDs(e.actors, .actor)
            checkIDs(e.topics, .topic)
            if e.sources.isEmpty && !allowUncited {
                result.diagnostics.append(.error(e.location.withLine(1), "event '\(e.id)' cites no source: add 'sources:' (or set allow_uncited: true in site.yml)",
                                                 code: "uncited"))
            }
            check(e.sources) { CitingUse(item: ItemRef(.event, e.id), actor: nil, role: "event", citation: $0) }
        case .topic(let i):
            let t = items.topics[i]
            for s in t.stances {
                checkIDs([s.actor], .actor)
                if s.sources.isEmpty && !allowUncited {
                    result.diagnostics.append(.error(s.location, "the stance of '\(s.actor.value)' cites no source: add 'sources:' (or set allow_uncited: true in site.yml)",
                                                     code: "uncited"))
                }
                check(s.sources) {
                    CitingUse(item: ItemRef(.topic, t.id), actor: s.actor.value, role: "stance: \(s.position.label.lowercased())", citation: $0)
                }
            }
        case .brief(let i):
            let b = items.briefs[i]
            checkIDs(b.actors, .actor)
            checkIDs(b.topics, .topic)
        }
        return result
    }

    /// Checks the `[[id]]` links and `[@id]` citations of the body of `ref`, which starts at line `position.1` of
    /// file `position.0`; quotes are taken from `quotes` (searched beforehand) or searched in `texts`.
    private static func checkBody(_ ref: ItemRef, _ document: MarkdownDocument, at position: (String, Int),
                                  allIDs: KnownIDs, texts: SourceTexts, quotes: QuoteCache) -> ReferenceCheck {
        let (path, firstLine) = position
        var body = ReferenceCheck()
        body.targets.reserveCapacity(document.references.count)
        for r in document.references {
            let location = SourceLocation(path: path, line: firstLine + r.line - 1, column: r.column)
            switch r.reference {
            case let .link(target, _):
                let resolved = resolveLink(target, at: location, allIDs: allIDs, &body.diagnostics)
                body.targets.append(resolved)
                if let resolved { body.links.append(resolved) }
            case .citation:
                body.targets.append(nil)
                let use = bodyUse(r, of: ref, path: path, firstLine: firstLine)!
                body.check(use.citation, as: use, allIDs: allIDs, texts: texts, quotes: quotes)
            }
        }
        for stray in document.strayCitations {
            let location = SourceLocation(path: path, line: firstLine + stray.line - 1, column: stray.column)
            body.diagnostics.append(.error(location, "'\(stray.text)' is not a citation Dossier understands: write [@source-id], [@source-id \"quoted words\"] (or 'quoted words', “…”, ‘…’), [@source-id, p. 3] or [@source-id \"quoted words\", para. 12]; to show '[@' as text, write \\[@",
                                           code: "invalid-citation"))
        }
        return body
    }

    /// The use the model records of reference `r` of the body of `ref` (which starts at line `firstLine` of file
    /// `path`) when it is a citation: one definition for the resolver and for body edits read over an earlier model
    /// (`BodyEdits`); nil for a link.
    static func bodyUse(_ r: LocatedReference, of ref: ItemRef, path: String, firstLine: Int) -> CitingUse? {
        guard case let .citation(source, quote) = r.reference else { return nil }
        let location = SourceLocation(path: path, line: firstLine + r.line - 1, column: r.column)
        let citation = Citation(source: source, quote: quote, location: location, quoteLocation: location, locator: r.locator)
        return CitingUse(item: ref, actor: nil, role: ref.kind.rawValue, citation: citation)
    }

    /// The cited ranges of each source, merged where they overlap and numbered in text order, and which passage
    /// holds each quote.
    private static func passages(_ found: [String: [String: [Range<Int>]]], in sourceTexts: [String: QuoteText], jobs: Jobs)
        -> ([String: [CitedPassage]], [String: [String: Int]], [String: [String: String]]) {
        // Each source's passages are worked out on their own, on all cores.
        let sources = Array(found.keys)
        let made = sources.concurrentMap(jobs: jobs) { source -> ([CitedPassage], [String: Int], [String: String]) in
            let text = sourceTexts[source]!
            // Each part of each quote, with the quote and whether it is the quote's first part.
            let ordered = found[source]!.flatMap { quote, parts in
                parts.enumerated().map { (quote: quote, range: $0.element, part: $0.offset) }
            }.sorted {
                ($0.range.lowerBound, $0.range.upperBound, $0.quote, $0.part) < ($1.range.lowerBound, $1.range.upperBound, $1.quote, $1.part)
            }
            var merged: [Range<Int>] = []
            var indexOfQuote: [String: Int] = [:]
            for (quote, range, part) in ordered {
                if let last = merged.last, range.lowerBound < last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
                if part == 0 { indexOfQuote[quote] = merged.count - 1 }
            }
            let passages = merged.enumerated().map {
                let words = text.text($0.element)
                return CitedPassage(anchor: "q-\($0.offset + 1)", range: $0.element, text: words, fragment: TextFragment.encode(words))
            }
            // An elided quote's text fragment runs from its first part to its last: `start,end`.
            var fragments: [String: String] = [:]
            for (quote, parts) in found[source]! where parts.count > 1 {
                fragments[quote] = TextFragment.encode(text.text(parts[0])) + "," + TextFragment.encode(text.text(parts[parts.count - 1]))
            }
            return (passages, indexOfQuote, fragments)
        }
        return (Dictionary(uniqueKeysWithValues: zip(sources, made.map(\.0))), Dictionary(uniqueKeysWithValues: zip(sources, made.map(\.1))),
                Dictionary(uniqueKeysWithValues: zip(sources, made.map(\.2))).filter { !$0.value.isEmpty })
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
    }

    /// Resolves `[[id]]` or `[[kind/id]]`; an unknown or ambiguous id is an error.
    private static func resolveLink(_ target: String, at location: SourceLocation, allIDs: KnownIDs,
                                    _ diagnostics: inout [Diagnostic]) -> ItemRef? {
        let parts = target.utf8.contains(UInt8(ascii: "/")) ? target.split(separator: "/", maxSplits: 1).map(String.init) : [target]
        if parts.count == 2 {
            guard let kind = ItemKind.allCases.first(where: { $0.folder == parts[0] || $0.rawValue == parts[0] }) else {
                diagnostics.append(.error(location, "unknown kind '\(parts[0])' in [[\(target)]]: use briefs, actors, events, topics or sources",
                                          code: "unknown-id"))
                return nil
            }
            guard allIDs[kind]!.contains(parts[1]) else {
                unknown(parts[1], kind: kind, at: location, known: allIDs, &diagnostics)
                return nil
            }
            return ItemRef(kind, parts[1])
        }
        let kinds = ItemKind.allCases.filter { allIDs[$0]!.contains(target) }
        if kinds.count == 1 { return ItemRef(kinds[0], target) }
        if kinds.isEmpty {
            if let kind = ItemKind.allCases.first(where: { allIDs.unusable[ItemRef($0, target)] != nil }) {
                unknown(target, kind: kind, at: location, known: allIDs, &diagnostics)
                return nil
            }
            let everything = allIDs.ids.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            let hint = FieldReader.closest(target, in: everything.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            diagnostics.append(.error(location, "unknown id '\(target)' in [[\(target)]]\(hint)", code: "unknown-id"))
        } else {
            let options = kinds.map { "[[\($0.folder)/\(target)]]" }.joined(separator: " or ")
            diagnostics.append(.error(location, "ambiguous id '\(target)': it names \(kinds.map(\.rawValue).joined(separator: " and ")); write \(options)",
                                      code: "ambiguous-id"))
        }
        return nil
    }

    /// The error for a reference to an item that is not in the site: the file is missing, or it is there but could
    /// not be used (then its own error says why, and this one points there).
    private static func unknown(_ id: String, kind: ItemKind, at location: SourceLocation, known: KnownIDs,
                                _ diagnostics: inout [Diagnostic]) {
        if let path = known.unusable[ItemRef(kind, id)] {
            diagnostics.append(.error(location, "\(kind.rawValue) '\(id)' is not in the site: \(path) could not be used "
                                        + "(see the error reported there)", code: "unknown-id"))
            return
        }
        let hint = FieldReader.closest(id, in: known.ids[kind]!.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
        diagnostics.append(.error(location, "unknown \(kind.rawValue) '\(id)': there is no Content/\(kind.folder)/\(id)\(kind == .source ? ".md or .txt" : ".md")\(hint)",
                                  code: "unknown-id"))
    }
}

/// The ids of a site's items by kind, and the content files that were found but gave no item (unreadable, or
/// front matter too broken to read), so that a reference to one says where the real problem is.
struct KnownIDs: Sendable {
    var ids: [ItemKind: Set<String>]
    var unusable: [ItemRef: String]

    subscript(kind: ItemKind) -> Set<String>? { ids[kind] }
}

/// The orders and indexes of a site's items that need no check: worked out alongside the checks.
private struct Ordered: Sendable {
    let events: [Event]
    let briefs: [Brief]
    var eventsByActor: [String: [String]] = [:], eventsByTopic: [String: [String]] = [:]
    var stancesByActor: [String: [StanceRef]] = [:]
    var relationsTo: [String: [RelationRef]] = [:]
    var members: [String: [String]] = [:]
    /// The mentions cache after finding which sources name which actors, and what it found.
    var mentions: Mentions.Cache
    let sourcesMentioning: [String: [String]]

    init(_ items: LoadedItems, mentions: Mentions.Cache, jobs: Jobs) {
        // Ids are unique, so these orders are total; sorting indices spares moving whole items around.
        events = items.events.indices.sorted { (items.events[$0].date, items.events[$0].id) < (items.events[$1].date, items.events[$1].id) }
            .map { items.events[$0] }
        briefs = items.briefs.indices.sorted { (items.briefs[$1].date, items.briefs[$0].id) < (items.briefs[$0].date, items.briefs[$1].id) }
            .map { items.briefs[$0] }
        for e in events {
            for a in Set(e.actors.map(\.value)).sorted() { eventsByActor[a, default: []].append(e.id) }
            for t in Set(e.topics.map(\.value)).sorted() { eventsByTopic[t, default: []].append(e.id) }
        }
        for t in items.topics {
            for (i, s) in t.stances.enumerated() { stancesByActor[s.actor.value, default: []].append(StanceRef(topic: t.id, index: i)) }
        }
        for a in items.actors {
            for group in Set(a.affiliations.map(\.value)).sorted() { members[group, default: []].append(a.id) }
            for (i, r) in a.relations.enumerated() { relationsTo[r.to.value, default: []].append(RelationRef(from: a.id, index: i)) }
        }
        var cache = mentions
        sourcesMentioning = cache.find(actors: items.actors, sources: items.sources, texts: items.sourceTexts, jobs: jobs)
        self.mentions = cache
    }
}

extension SourceLocation {
    func withLine(_ line: Int) -> SourceLocation { SourceLocation(path: path, line: line, column: 1) }
}

/// The source texts quotes are checked against, and where each `.txt` source's text begins in its file, so a
/// message can name lines (or, for Markdown sources, paragraphs).
struct SourceTexts: Sendable {
    let texts: [String: QuoteText]
    /// The first line of each `.txt` source's text in its file.
    let firstLines: [String: Int]

    init(texts: [String: QuoteText], sources: [Source]) {
        self.texts = texts
        var firstLines: [String: Int] = [:]
        for s in sources where s.format == .text { firstLines[s.id] = s.body.firstLine }
        self.firstLines = firstLines
    }

    /// Where the scalars at `offsets` of source `id` are, in words: `lines 3 and 9` or `paragraphs 2 and 5`.
    func places(_ offsets: [Int], in id: String) -> String {
        guard let text = texts[id] else { return "" }
        if let first = firstLines[id] {
            return "lines " + offsets.map { String(first + text.line(ofScalar: $0) - 1) }.joined(separator: " and ")
        }
        return "paragraphs " + offsets.map { String(text.paragraph(ofScalar: $0)) }.joined(separator: " and ")
    }
}
