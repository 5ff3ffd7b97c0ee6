import DossierContent
import DossierMarkdown
import DossierModel
import DossierSupport
import DossierTemplates

/// Builds the template value of one page from the model: the only place the model meets the templates.
/// A class, so the many closures that build a page's lists share it instead of copying its fields.
///
/// Every value a template may name is always present (absent facts are `null`), because templates
/// render in strict mode where an unknown name is an error.
final class PageValues {
    /// The model, read through a recorder: what this page reads is what it depends on.
    let site: ModelReader
    let page: SitePage
    let context: SiteContext
    let links: Links
    let references: References
    /// Whether this page may take actor and topic links from those the build made once for item pages.
    private let sharesLinks: Bool
    /// Event summaries and reference entries made once for item pages, when this page may extend them.
    private let shared: SharedItemValues?
    /// JSON-LD references to actors and sources made once per build, when this page may take them.
    private let structuredData: StructuredData.Shared?

    /// With `recording` false, the reader does not note what the page reads (nothing will ask: a one-off build).
    init(context: SiteContext, page: SitePage, recording: Bool = true) {
        let reader = ModelReader(context, recording: recording)
        self.site = reader
        self.context = context
        self.page = page
        let links = page.kind == .notFound ? Links(root: PageValues.absoluteRoot(reader.config.baseURL)) : Links(depth: page.depth)
        self.links = links
        let sharesLinks = context.edits == nil && links.root == Links(depth: SitePage.itemDepth).root
        self.sharesLinks = sharesLinks
        shared = sharesLinks && !recording ? context.shared : nil
        structuredData = context.edits == nil && !recording ? context.shared?.structuredData : nil
        self.references = References(site: reader, links: links, shared: shared?.references)
    }

    /// For the 404 page, served at any path: the base URL itself (or its path when it is not absolute).
    static func absoluteRoot(_ baseURL: String) -> String { baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    func value() -> TemplateValue {
        var (content, title, description, pager) = body()
        content["site"] = SiteView(title: site.config.title, description: site.config.description, language: site.config.language,
                                   author: site.config.author, homeURL: links.url("")).templateValue
        let canonicalURL = canonical()
        let jsonLD = page.kind == .notFound ? nil : StructuredData.jsonLD(page: page, site: site, urls: context.urls, description: description,
                                                                                      shared: structuredData)
        content["page"] = PageMeta(title: title, isHome: page.kind == .home, description: description, canonical: canonicalURL,
                                   stylesheet: links.url("assets/style.css"),
                                   openGraph: openGraph(title: title, description: description, url: canonicalURL),
                                   jsonLD: jsonLD.map(HTMLText.init), feeds: feeds(), pager: pager).templateValue
        // The footer and an item page's menu are the same on every page of a depth or kind: made once per build.
        content["footer"] = (page.kind == .notFound ? nil : context.footers[page.depth])?.templateValue
            ?? PageValues.footer(links: links, urls: context.urls).templateValue
        if case .item(let ref) = page.kind, page.depth == SitePage.itemDepth, let nav = context.itemNavs[ref.kind] {
            content["nav"] = nav.templateValue
        } else {
            content["nav"] = PageValues.nav(kind: page.listing.map(PageValues.section) ?? page.kind, path: page.path, links: links).templateValue
        }
        content["references"] = references.list.templateValue
        content["has_references"] = .bool(!references.list.isEmpty)
        return .object(content)
    }

    /// The page's own part of its values: its content (the item, list or section it shows), title, description
    /// and pager.
    private func body() -> (content: TemplateObject, title: String, description: String?, pager: Pager?) {
        let description = site.config.description
        switch page.kind {
        case .home:
            return (["home": home().templateValue], site.config.title, description, nil)
        case .briefIndex, .actorIndex, .topicIndex, .sourceIndex, .listing:
            let list = listPage(page.listing!)
            return (list.content, list.title, list.description ?? description, list.pager)
        case .timeline:
            let events = site.events
            let whole = events.count <= Pagination.pageSize
            let shown = whole ? events[...] : events[Pagination.range(page: 1, of: events.count, size: Pagination.pageSize, fromEnd: true)]
            let content: TemplateObject = ["timeline": timeline(shown).templateValue, "timeline_months": whole ? .null : timelineMonths().templateValue,
                           // The chart draws every event: on a timeline cut into pages it would outgrow the page.
                           "timeline_chart": whole ? site.timelineChart.map { .html($0) } ?? .null : .null]
            return (content, "Timeline", description, nil)
        case .stanceMatrix:
            return (["matrix": matrix().templateValue], "Who stands where", description, nil)
        case .search:
            return (["search": search().templateValue], "Search", "Search the briefs, actors, events, topics and sources of \(site.config.title).", nil)
        case .changes:
            return (["changes": changes().templateValue], "What changed", "What changed in each edition of \(site.config.title)"
                + (site.changes.current.map { ": \($0.summary.lowercased())." } ?? "."), nil)
        case .edition(let number):
            return (["edition_page": editionPage(number).templateValue], "Edition \(number)",
                    "What \(site.config.title) said at edition \(number), and what that edition changed.", nil)
        case .notFound:
            return ([:], "Page not found", description, nil)
        case .item(let ref):
            let (content, title, itemDescription) = item(ref)
            return (content, title, itemDescription ?? description, nil)
        }
    }

    /// The content, title and description (nil for the site's) of an item's page.
    private func item(_ ref: ItemRef) -> (content: TemplateObject, title: String, description: String?) {
        switch ref.kind {
        case .brief:
            let b = site.brief(ref.id)!
            return (["brief": brief(b).templateValue], b.title, b.summary)
        case .actor:
            let a = site.actor(ref.id)!
            return (["actor": actor(a).templateValue], a.name, [a.role, a.kind.rawValue].compactMap { $0 }.first.map { "\(a.name): \($0)" })
        case .event:
            let e = site.event(ref.id)!
            return (["event": event(e).templateValue], e.title, "\(e.date.formatted(approximate: e.approximate)): \(e.title)")
        case .topic:
            let t = site.topic(ref.id)!
            return (["topic": topic(t).templateValue], t.title, t.question)
        case .source:
            let s = site.source(ref.id)!
            return (["source": source(s).templateValue], s.title, [s.publisher, s.published?.formatted()].compactMap { $0 }.joined(separator: ", "))
        }
    }

    // MARK: Shared pieces

    private func canonical() -> String? {
        let base = site.config.baseURL
        guard page.kind != .notFound, base.hasPrefix("http://") || base.hasPrefix("https://") else { return nil }
        let path = page.path.hasSuffix("index.html") ? String(page.path.dropLast("index.html".count)) : page.path
        return base + path
    }

    /// Open Graph and Twitter card values; `og:url` only with an absolute `base_url`.
    private func openGraph(title: String, description: String?, url: String?) -> OpenGraph {
        let type: String
        var published: String?
        switch page.kind {
        case .item(let ref) where ref.kind == .brief:
            type = "article"
            published = site.brief(ref.id)!.date.description
        case .item(let ref) where ref.kind == .actor && site.actor(ref.id)?.kind == .person:
            type = "profile"
        default:
            type = "website"
        }
        return OpenGraph(type: type, title: title, description: description ?? site.config.description, url: url,
                         siteName: site.config.title, published: published)
    }

    /// The Atom feeds a page links to with `<link rel="alternate">`: the site's, and the actor's or topic's own.
    private func feeds() -> [FeedLink] {
        func url(_ path: String) -> String { context.urls.isAbsolute ? context.urls.url(path) : links.url(path) }
        var list = [FeedLink(title: "\(site.config.title): briefs and events", url: url("feed.xml"))]
        if case .item(let ref) = page.kind, ref.kind == .actor || ref.kind == .topic {
            let name = site.title(of: ref) ?? ref.id
            list.append(FeedLink(title: "\(name): briefs, events and stances", url: url("\(ref.kind.folder)/\(ref.id)/feed.xml")))
        }
        if page.kind == .changes || page.kind.isEdition {
            list.append(FeedLink(title: "\(site.config.title): editions", url: url("changes/feed.xml")))
        }
        return list
    }

    /// Links in every page's footer: search, changes, feeds and the data exports.
    static func footer(links: Links, urls: SiteURLs) -> Footer {
        Footer(searchURL: links.url("search/"), changesURL: links.url("changes/"), feedURL: links.url("feed.xml"),
               editionsFeedURL: links.url("changes/feed.xml"), sitemapURL: urls.isAbsolute ? links.url("sitemap.xml") : nil,
               data: SiteExport.all.map { ExportLink(label: $0.label, url: links.url($0.path), format: $0.format) })
    }

    /// The site menu of a page of `kind` at `path`, with the current section marked.
    static func nav(kind: SitePage.Kind, path: String, links: Links) -> [NavEntry] {
        let exactPath = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return SectionPage.all.compactMap { section in
            guard let label = section.menu else { return nil }
            var current = kind == section.kind
            if case .item(let ref) = kind, ref.kind == section.items { current = true }
            return NavEntry(label: label, url: links.url(section.folder), current: current, exact: section.folder == exactPath)
        }
    }

    /// A Markdown body as HTML, with `[[links]]` and `[@citations]` filled in for this page.
    private func body(_ ref: ItemRef) -> HTMLText? {
        guard let document = site.document(ref) else { return nil }
        let targets = site.linkTargets(ref)
        let html = document.html { i, located in
            switch located.reference {
            case let .link(target, label):
                guard i < targets.count, let to = targets[i] else { return HTML.escape(label ?? target) }
                let text = label ?? site.title(of: to) ?? to.id
                var a = TextBuilder(capacity: 64 + text.utf8.count)
                a.append("<a href=\"")
                a.append(HTML.escape(links.url(to)))
                a.append("\">")
                a.append(HTML.escape(text))
                a.append("</a>")
                return a.text
            case let .citation(source, quote):
                let c = Citation(source: source, quote: quote, location: SourceLocation(path: ""), locator: located.locator)
                return references.inlineHTML(for: c)
            }
        }
        return html.isBlank ? nil : HTMLText(html)
    }

    /// An actor as a link: the one made once per build when this page may take it, null for an actor the site lacks.
    func actorLink(_ id: String) -> SharedView<ActorLink>? {
        // The shared links are of the actors there are: the check reads what `site.actor` would, without a copy.
        if sharesLinks, let shared = context.itemPageLinks.actors[id], site.contains(ItemRef(.actor, id)) { return shared }
        return site.actor(id).map { SharedView(ActorLink($0, links: links)) }
    }

    /// A topic as a link: the one made once per build when this page may take it, null for a topic the site lacks.
    func topicLink(_ id: String) -> SharedView<TopicLink>? {
        if sharesLinks, let shared = context.itemPageLinks.topics[id], site.contains(ItemRef(.topic, id)) { return shared }
        return site.topic(id).map { SharedView(TopicLink($0, links: links)) }
    }

    func itemLink(_ ref: ItemRef) -> ItemLink {
        ItemLink(title: site.title(of: ref) ?? ref.id, url: links.url(ref), kind: ref.kind)
    }

    func briefSummary(_ b: Brief) -> BriefSummary {
        BriefSummary(id: b.id, title: b.title, url: links.url(ItemRef(.brief, b.id)), date: DateView(b.date), summary: b.summary,
                     judgments: b.judgments.map(JudgmentView.init))
    }

    private func eventSummary(_ e: Event) -> EventSummary {
        eventSummary(base: shared?.events[e.id]?.base ?? SharedView(eventBase(e)), citing: e.sources)
    }

    /// An event's summary: its base (shared or made for this page) with this page's markers for its citations.
    private func eventSummary(base: SharedView<EventBase>, citing sources: [Citation]) -> EventSummary {
        EventSummary(base: base, refs: references.markers(sources))
    }

    /// The summaries of the events `ids` names, in that order: from the shared ones when this page may take them.
    func eventSummaries(_ ids: [String]) -> [EventSummary] {
        guard let shared else { return ids.compactMap { site.event($0) }.map(eventSummary) }
        return ids.compactMap { id in shared.events[id].map { eventSummary(base: $0.base, citing: $0.sources) } }
    }

    /// The summaries of the briefs `ids` names, in that order: the shared ones when this page may take them.
    func briefSummaries(_ ids: [String]) -> [SharedView<BriefSummary>] {
        guard let shared else { return ids.compactMap { site.brief($0) }.map { SharedView(briefSummary($0)) } }
        return ids.compactMap { shared.briefs[$0] }
    }

    /// An event's summary without its reference markers: the part that is the same on every page of a depth.
    func eventBase(_ e: Event) -> EventBase {
        EventBase(id: e.id, title: e.title, url: links.url(ItemRef(.event, e.id)), date: DateView(e.date, approximate: e.approximate),
                  end: DateView(e.end, approximate: e.approximate), importance: e.importance,
                  actors: e.actors.uniqueValues.map(actorLink), topics: e.topics.uniqueValues.map(topicLink))
    }

    func topicSummary(_ t: Topic) -> TopicSummary {
        let latest = latestStances(t)
        let counts = Stance.Position.allCases.compactMap { p -> PositionCount? in
            let n = latest.filter { $0.position == p }.count
            return n == 0 ? nil : PositionCount(position: p, count: n)
        }
        return TopicSummary(id: t.id, title: t.title, url: links.url(ItemRef(.topic, t.id)), question: t.question, positions: counts,
                            actorCount: latest.count)
    }

    func sourceSummary(_ s: Source) -> SourceSummary {
        SourceSummary(id: s.id, title: s.title, url: links.url(ItemRef(.source, s.id)), publisher: s.publisher,
                      published: DateView(s.published), reliability: s.reliability,
                      reliabilityLabel: s.reliability.flatMap { Source.reliabilityGrades[$0] }, citationCount: site.citations(s.id).count)
    }

    /// Each actor's most recent stance on a topic (the last one written), in actor order of first appearance.
    func latestStances(_ t: Topic) -> [Stance] {
        var order: [String] = []
        var latest: [String: Stance] = [:]
        for s in t.stances {
            if latest[s.actor.value] == nil { order.append(s.actor.value) }
            latest[s.actor.value] = s
        }
        return order.map { latest[$0]! }
    }

    private func stanceView(_ s: Stance) -> StanceView {
        StanceView(position: s.position, asOf: DateView(s.asOf), summary: s.summary, refs: references.markers(s.sources))
    }

    // MARK: Pages

    private func home() -> HomePage {
        let latest = site.briefs.prefix(5).map(briefSummary)
        // The front page stays light: a claim's marker leads to its own page, which lists the references in full.
        let recent = site.events.suffix(8).reversed().map { e in
            EventSummary(base: shared?.events[e.id]?.base ?? SharedView(eventBase(e)), refs: References.elsewhere(
                e.sources, url: links.url(ItemRef(.event, e.id)), holder: "the event's page"))
        }
        let allActors = site.actors
        let actors = homeActors(allActors).sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }.map { actorLink($0.id) }
        let allTopics = site.topics
        let topics = allTopics.count <= Pagination.homeTopics ? allTopics
            : Array(allTopics.enumerated().sorted { ($1.element.stances.count, $0.offset) < ($0.element.stances.count, $1.offset) }
                .prefix(Pagination.homeTopics).sorted { $0.offset < $1.offset }.map(\.element))
        let edition = site.changes.current.map { e in
            EditionTeaser(number: e.edition, date: DateView(e.partialDate), summary: e.summary, note: e.note, first: e.first,
                          url: links.url("changes/\(e.edition)/"))
        }
        func more(_ shown: Int, _ total: Int, _ noun: String, _ path: String) -> MoreLink? {
            shown < total ? MoreLink(url: links.url(path), label: "All \(total) \(noun)") : nil
        }
        return HomePage(briefs: Array(latest), events: Array(recent), actors: actors,
                        actorsMore: more(actors.count, allActors.count, "actors", "actors/"),
                        topics: topics.map(topicSummary), topicsMore: more(topics.count, allTopics.count, "topics", "topics/"),
                        networkSVG: site.homeNetwork.map(HTMLText.init), networkText: homeNetworkText(),
                        networkMore: networkMore(), matrixSVG: site.matrixChart.map(HTMLText.init), edition: edition)
    }

    /// How many actors the home network leaves out, in words ("+ 25 more"), or null when it shows them all.
    private func networkMore() -> String? {
        let shown = site.wholeNetwork.mostConnected(NetworkChart.homeLimit).count
        let rest = site.actors.count - shown
        return shown > 1 && rest > 0 ? "+ \(rest) more" : nil
    }

    /// The actors the home page lists: all of them, or those in the most events when there are more than it holds.
    private func homeActors(_ actors: [Actor]) -> [Actor] {
        guard actors.count > Pagination.homeActors else { return actors }
        let ranked = actors.map { ($0, site.index(.eventsByActor, $0.id).count + site.stances(of: $0.id).count) }
        return ranked.sorted { ($1.1, $0.0.id) < ($0.1, $1.0.id) }.prefix(Pagination.homeActors).map(\.0)
    }

    /// The home network's connections in words: its text equivalent.
    private func homeNetworkText() -> [NetworkEntry] {
        let net = site.wholeNetwork
        let chosen = Set(net.mostConnected(NetworkChart.homeLimit))
        guard chosen.count > 1 else { return [] }
        return net.mostConnected(NetworkChart.homeLimit).map { node in
            let ties = net.neighbours(of: node, limit: .max).filter { chosen.contains($0.node) }.map { tie(node, $0.node, $0.edge, in: net) }
            return NetworkEntry(actor: actorLink(net.nodes[node]), ties: ties)
        }
    }

    /// One tie of `node` to `other` in `net` in words: the relations between them and their shared events.
    private func tie(_ node: Int, _ other: Int, _ edge: ActorNetwork.Edge, in net: ActorNetwork) -> TieView {
        var words: [String] = []
        for r in edge.relations {
            words.append(r.from == node ? r.type : "\(r.type) (from \(site.actor(net.nodes[r.from])?.name ?? net.nodes[r.from]))")
        }
        if edge.sharedEvents > 0 { words.append("\(edge.sharedEvents) shared event\(edge.sharedEvents == 1 ? "" : "s")") }
        return TieView(other: actorLink(net.nodes[other]), how: words.joined(separator: "; "))
    }

    /// The actor index's entries on one page, grouped by kind: `actors` are in index order (see `sortedActors`).
    func actorIndex(_ actors: ArraySlice<Actor>) -> [ActorIndexGroup] {
        Actor.Kind.allCases.compactMap { kind in
            let members = actors.filter { $0.kind == kind }
            return members.isEmpty ? nil : ActorIndexGroup(kind: kind, actors: members.map { actorLink($0.id) })
        }
    }

    private func brief(_ b: Brief) -> BriefPage {
        BriefPage(title: b.title, date: DateView(b.date), summary: b.summary, judgments: b.judgments.map(JudgmentView.init),
                  actors: b.actors.uniqueValues.map(actorLink), topics: b.topics.uniqueValues.map(topicLink),
                  body: body(ItemRef(.brief, b.id)), fields: TableFields(item: b))
    }

    private func actor(_ a: Actor) -> ActorPage {
        let ref = ItemRef(.actor, a.id)
        // Built in display order, so reference numbers run down the page.
        let bodyValue = body(ref)
        let stances = actorStances(a.id)
        let quotes = actorQuotes(a.id)
        let (eventIDs, eventsMore) = capped(site.index(.eventsByActor, a.id), of: ref, events: true)
        let (briefIDs, briefsMore) = capped(site.index(.briefsByActor, a.id), of: ref, events: false)
        let events = eventSummaries(eventIDs)
        let briefs = briefSummaries(briefIDs)
        let sources = site.index(.sourcesMentioning, a.id).map { itemLink(ItemRef(.source, $0)) }
        let members = site.index(.members, a.id).map(actorLink)
        let outgoing = a.relations.map { r in
            RelationView(type: r.typeInWords, other: actorLink(r.to.value), since: DateView(r.since), refs: references.markers(r.sources))
        }
        let incoming = site.relations(to: a.id).compactMap { rr -> RelationView? in
            guard let from = site.actor(rr.from) else { return nil }
            let r = from.relations[rr.index]
            return RelationView(type: r.typeInWords, other: actorLink(from.id), since: DateView(r.since), refs: references.markers(r.sources))
        }
        let net = site.network(around: a.id)
        var ties: [TieView] = []
        if let node = net.index[a.id] {
            ties = net.neighbours(of: node, limit: NetworkChart.neighbourLimit).map { tie(node, $0.node, $0.edge, in: net) }
        }
        return ActorPage(id: a.id, name: a.name, kind: a.kind, role: a.role, aliases: a.aliases, sameAs: a.sameAs,
                         neighbourhoodSVG: NetworkChart.neighbourhood(of: a.id, actor: site.actor, network: net).map(HTMLText.init),
                         ties: ties, feedURL: links.url("actors/\(a.id)/feed.xml"),
                         affiliations: a.affiliations.uniqueValues.map(actorLink), members: members,
                         relations: outgoing, relatedFrom: incoming, stances: stances, quotes: quotes, events: events, briefs: briefs,
                         eventsMore: eventsMore, briefsMore: briefsMore, sources: sources, body: bodyValue, fields: TableFields(item: a))
    }

    /// An actor's stances grouped by topic, in order of each topic's first stance.
    private func actorStances(_ id: String) -> [TopicStances] {
        var byTopic: [(String, [Stance])] = []
        for sr in site.stances(of: id) {
            let s = site.topic(sr.topic)!.stances[sr.index]
            if let i = byTopic.firstIndex(where: { $0.0 == sr.topic }) { byTopic[i].1.append(s) } else { byTopic.append((sr.topic, [s])) }
        }
        return byTopic.map { topicID, history in
            // The history first: its markers number the citations, which the latest stance repeats.
            let historyViews = history.map(stanceView)
            return TopicStances(topic: topicLink(topicID), latest: stanceView(history.last!), history: historyViews,
                                changed: Set(history.map(\.position)).count > 1)
        }
    }

    /// The quotes behind an actor's stances, each quoted passage once.
    private func actorQuotes(_ id: String) -> [QuoteView] {
        var quotes: [QuoteView] = []
        var seenQuotes = Set<String>()
        for sr in site.stances(of: id) {
            let s = site.topic(sr.topic)!.stances[sr.index]
            for c in s.sources {
                guard let q = c.quote, seenQuotes.insert(c.source + "\u{0}" + q).inserted else { continue }
                quotes.append(QuoteView(text: QuoteText.shown(q), topic: topicLink(sr.topic), refs: references.markers([c])))
            }
        }
        return quotes
    }

    private func event(_ e: Event) -> EventPage {
        let bodyValue = body(ItemRef(.event, e.id))
        return EventPage(summary: eventSummary(e), body: bodyValue, timelineURL: links.url(timelinePlace(e)) + "#" + e.id,
                         fields: TableFields(item: e))
    }

    /// The folder of the timeline page that shows `e`: its month's page, or the page of the month it falls on.
    private func timelinePlace(_ e: Event) -> String {
        guard let place = site.timelinePage(of: e.id) else { return "timeline/" }
        return place.folder(page: place.number)
    }

    /// `events` grouped by month, in their order, each with its events' bodies.
    func timeline(_ events: ArraySlice<Event>) -> [TimelineMonth] {
        var months: [(String, PartialDate, [Event])] = []
        for e in events {
            if let last = months.last, last.0 == e.date.monthKey {
                months[months.count - 1].2.append(e)
            } else {
                months.append((e.date.monthKey, e.date, [e]))
            }
        }
        return months.map { key, d, events in
            TimelineMonth(key: key, label: PageValues.monthLabel(year: d.year, month: d.month), events: events.map { e in
                // The summary first: its markers come before the body's on the page.
                let summary = eventSummary(e)
                return TimelineEvent(summary: summary, body: body(ItemRef(.event, e.id)))
            })
        }
    }

    private func topic(_ t: Topic) -> TopicPage {
        let latest = latestStances(t)
        // Built in display order (groups, analysis, histories), so reference numbers run down the page.
        let groups = Stance.Position.allCases.compactMap { p -> PositionGroup? in
            let members = latest.filter { $0.position == p }
            guard !members.isEmpty else { return nil }
            return PositionGroup(position: p, stances: members.map { ActorStanceView(stance: stanceView($0), actor: actorLink($0.actor.value)) })
        }
        let bodyValue = body(ItemRef(.topic, t.id))
        let histories = stanceHistories(t)
        let (eventIDs, eventsMore) = capped(site.index(.eventsByTopic, t.id), of: ItemRef(.topic, t.id), events: true)
        let (briefIDs, briefsMore) = capped(site.index(.briefsByTopic, t.id), of: ItemRef(.topic, t.id), events: false)
        let events = eventSummaries(eventIDs)
        let briefs = briefSummaries(briefIDs)
        return TopicPage(id: t.id, title: t.title, question: t.question, groups: groups, histories: histories, events: events,
                         briefs: briefs, eventsMore: eventsMore, briefsMore: briefsMore, body: bodyValue,
                         feedURL: links.url("topics/\(t.id)/feed.xml"), fields: TableFields(item: t))
    }

    /// Each actor's stances on `t` over time, in order of first stance, with its strip chart.
    private func stanceHistories(_ t: Topic) -> [StanceHistory] {
        var order: [String] = []
        for s in t.stances where !order.contains(s.actor.value) { order.append(s.actor.value) }
        // Strips run to the topic's latest event, so they depend only on what this page reads.
        let topicEvents = site.index(.eventsByTopic, t.id).compactMap { site.event($0) }
        let until = topicEvents.flatMap { [$0.date, $0.end].compactMap { $0 } }.max()
        return order.enumerated().map { i, actorID in
            let history = t.stances.filter { $0.actor.value == actorID }
            let strip = StanceCharts.strip(topic: t, actorID: actorID, actorName: site.actor(actorID)?.name ?? actorID, index: i + 1,
                                           until: until)
            let entries = history.enumerated().map { k, s in
                AnchoredStanceView(stance: stanceView(s), anchor: StanceCharts.anchor(actor: actorID, index: k + 1))
            }
            return StanceHistory(actor: actorLink(actorID), stances: entries, changed: Set(history.map(\.position)).count > 1,
                                 strip: strip.map(HTMLText.init))
        }
    }

    private func search() -> SearchPage {
        // The page names only the manifest, which loads the rest on demand.
        let manifest = site.searchShards.filter { $0 == SearchIndex.manifestPath }
        return SearchPage(shards: manifest.map { links.url($0) }, script: links.url("assets/search.js"), root: links.root,
                          timelineURL: links.url("timeline/"), actorsURL: links.url("actors/"), briefsURL: links.url("briefs/"),
                          topicsURL: links.url("topics/"), sourcesURL: links.url("sources/"))
    }

    private func changes() -> ChangesView {
        let log = site.changes
        let listed = log.listed.enumerated().map { i, e in editionView(e, latest: i == 0) }
        let older = log.editions.count - listed.count
        return ChangesView(editions: listed, draft: log.draft.map { editionView($0, latest: false, published: false) },
                           draftHeading: log.current.map { "Unpublished changes since edition \($0.edition)" }
                               ?? "Unpublished: the first edition",
                           older: older > 0 ? OlderEditions(count: older, firstURL: links.url("changes/1/")) : nil,
                           feedURL: links.url("changes/feed.xml"))
    }

    /// The own page of edition `number`: what it changed, and what the briefing said then.
    private func editionPage(_ number: Int) -> EditionPageView? {
        let log = site.changes
        guard let i = log.records.firstIndex(where: { $0.edition.edition == number }) else { return nil }
        let record = log.records[i]
        let newer = i > 0 ? log.records[i - 1].edition.edition : nil
        let older = i + 1 < log.records.count ? log.records[i + 1].edition.edition : nil
        func link(_ n: Int) -> EditionLink { EditionLink(number: n, url: links.url("changes/\(n)/")) }
        return EditionPageView(edition: editionView(record.edition, latest: i == 0), said: record.snapshot.map(said),
                               changesURL: links.url("changes/"), newer: newer.map(link), older: older.map(link))
    }

    /// What the briefing said at an edition: each brief's key judgments and each actor's latest position per topic.
    private func said(_ snapshot: EditionSnapshot) -> SaidView {
        let briefs = snapshot.briefs.filter { !$0.judgments.isEmpty }.map { b in
            SaidBrief(brief: named(.brief, b.id, b.title), judgments: b.judgments.map { j in
                SaidJudgment(text: j.text, likelihood: j.likelihood, confidence: j.confidence)
            })
        }
        let actorNames = Dictionary(snapshot.actors.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let topics = snapshot.topics.filter { !$0.stances.isEmpty }.map { t in
            let latest = t.latest
            return SaidTopic(topic: named(.topic, t.id, t.title), stances: latest.keys.sorted().map { actor in
                let s = latest[actor]!
                return SaidStance(actor: named(.actor, actor, actorNames[actor] ?? actor), position: PositionView(s.position),
                                  asOf: DateView(s.asOf.flatMap(PartialDate.parse)))
            })
        }
        return SaidView(briefs: briefs, topics: topics)
    }

    /// An item an edition names: linked while it is still in the briefing, else its title as it was.
    private func named(_ kind: ItemKind, _ id: String, _ title: String) -> NamedItem {
        let ref = ItemRef(kind, id)
        return NamedItem(title: title, url: site.contains(ref) ? links.url(ref) : nil)
    }

    /// One edition as `/changes/` and its own page show it (`latest` marks the newest published one; unpublished
    /// changes have neither id nor page).
    private func editionView(_ e: Edition, latest: Bool, published: Bool = true) -> EditionView {
        let kinds: [(String, ItemKind, KeyPath<ItemLists, [ItemName]>)] = [("Briefs", .brief, \.briefs), ("Events", .event, \.events),
                                                                          ("Actors", .actor, \.actors), ("Topics", .topic, \.topics),
                                                                          ("Sources", .source, \.sources)]
        func groups(_ lists: ItemLists) -> [ItemGroup] {
            kinds.compactMap { label, kind, path in
                lists[keyPath: path].isEmpty ? nil
                    : ItemGroup(label: label, items: lists[keyPath: path].map { named(kind, $0.id, $0.title) })
            }
        }
        let stances = e.stances.map { c in
            let cites = c.sources.map { Citation(source: $0.source, quote: $0.quote, location: SourceLocation(path: "")) }
                .filter { site.source($0.source) != nil }
            return StanceChangeView(
                actor: site.actor(c.actor) != nil ? .link(actorLink(c.actor)) : .gone(key: "name", name: c.actorName),
                topic: site.topic(c.topic) != nil ? .link(topicLink(c.topic)) : .gone(key: "title", name: c.topicTitle),
                from: PositionView(c.from), to: PositionView(c.to), asOf: DateView(c.asOf.flatMap(PartialDate.parse)),
                summary: c.summary, refs: references.markers(cites))
        }
        let judgments = e.judgments.map { j in
            JudgmentChangeView(brief: named(.brief, j.brief, j.briefTitle), text: j.text,
                               likelihoodFrom: j.likelihoodFrom, likelihoodTo: j.likelihoodTo,
                               confidenceFrom: j.confidenceFrom, confidenceTo: j.confidenceTo)
        }
        let corrections = e.corrections.map { c in
            CorrectionView(label: c.label, item: named(c.itemKind, c.item, c.title), text: c.text, before: c.before, after: c.after,
                           quoted: c.kind == .quoteChanged || c.kind == .quoteWithdrawn)
        }
        return EditionView(number: e.edition, id: published ? "edition-\(e.edition)" : "unpublished", date: DateView(e.partialDate),
                           note: e.note, first: e.first, latest: latest, summary: e.summary,
                           url: published ? links.url("changes/\(e.edition)/") : nil, added: groups(e.added),
                           removed: groups(e.removed), stances: stances, judgments: judgments, corrections: corrections,
                           countsText: countsText(e.counts ?? [:]), nothing: !e.first && e.isEmpty)
    }

    /// `1 brief, 1 event, 3 actors, 2 topics and 1 source`.
    private func countsText(_ counts: [String: Int]) -> String {
        let words = ["briefs", "events", "actors", "topics", "sources"].compactMap { k in
            counts[k].map { "\($0) \($0 == 1 ? String(k.dropLast()) : k)" }
        }
        return words.count > 1 ? words.dropLast().joined(separator: ", ") + " and " + words.last! : words.first ?? ""
    }

    private func matrix() -> StanceMatrix {
        let allTopics = site.topics
        let allLatest = allTopics.map { t in Dictionary(latestStances(t).map { ($0.actor.value, $0) }, uniquingKeysWith: { $1 }) }
        // At scale, the topics most actors took a stance on, in site order, and the actors with the most stances on them.
        var columns = Array(allTopics.indices)
        if columns.count > Pagination.matrixTopics {
            columns = columns.sorted { (allLatest[$1].count, $0) < (allLatest[$0].count, $1) }.prefix(Pagination.matrixTopics).sorted()
        }
        let latestByTopic = columns.map { allLatest[$0] }
        var stanceCounts: [String: Int] = [:]
        for latest in latestByTopic { for id in latest.keys { stanceCounts[id, default: 0] += 1 } }
        let withStances = site.actors.filter { !site.stances(of: $0.id).isEmpty }
        var chosen = withStances.filter { stanceCounts[$0.id] != nil }
        if chosen.count > Pagination.matrixActors {
            chosen = Array(chosen.sorted { (stanceCounts[$1.id]!, $0.id) < (stanceCounts[$0.id]!, $1.id) }.prefix(Pagination.matrixActors))
        }
        let actorIDs = chosen.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }.map(\.id)
        let rows = actorIDs.map { id in
            MatrixRow(actor: actorLink(id), cells: latestByTopic.map { latest in
                latest[id].map { .stance($0.position, asOf: DateView($0.asOf)) } ?? .none
            })
        }
        let isCapped = actorIDs.count < withStances.count || columns.count < allTopics.count
        let capped = isCapped ? MatrixCap(actorsShown: actorIDs.count, actorsTotal: withStances.count, topicsShown: columns.count,
                                          topicsTotal: allTopics.count, topicsURL: links.url("topics/"),
                                          csvURL: links.url("data/stances.csv")) : nil
        return StanceMatrix(topics: columns.map { topicLink(allTopics[$0].id) }, rows: rows, capped: capped)
    }

    private func source(_ s: Source) -> SourcePage {
        let ref = ItemRef(.source, s.id)
        let passages = site.passages(s.id)
        let text: HTMLText?
        if s.format == .text, let qt = site.sourceText(s.id) {
            text = HTMLText(SourceText.html(qt.scalars, passages: passages, linesAreParagraphs: qt.linesAreParagraphs))
        } else if let html = body(ref)?.html {
            text = HTMLText(HTMLMarker.mark(html, passages: passages, source: site.sourceText(s.id)))
        } else {
            text = nil
        }
        let uses = site.citations(s.id)
        var usesByAnchor: [String: [CitingUse]] = [:]
        for u in uses {
            if let p = site.passage(for: u.citation) { usesByAnchor[p.anchor, default: []].append(u) }
        }
        let passageViews = passages.map { p in PassageView(anchor: p.anchor, text: p.text, citedBy: (usesByAnchor[p.anchor] ?? []).map(use)) }
        let unquoted = uses.filter { $0.citation.quote == nil }.map(use)
        return SourcePage(id: s.id, title: s.title, publisher: s.publisher, author: s.author, url: s.url, archivedURL: s.archivedURL,
                          published: DateView(s.published), retrieved: DateView(s.retrieved), original: s.original,
                          originalFile: s.publishedOriginal, originalKind: s.publishedOriginal.map(Self.originalKind),
                          originalSHA256: s.originalSHA256, language: s.language, dir: s.dir, reliability: s.reliability,
                          reliabilityLabel: s.reliability.flatMap { Source.reliabilityGrades[$0] }, text: text, passages: passageViews,
                          unquoted: unquoted, citationCount: uses.count, fields: TableFields(item: s))
    }

    /// What a reader gets from a kept original's link, by its published name (see `Source.publishedOriginal`).
    static func originalKind(_ name: String) -> String {
        if name.hasSuffix(".pdf") { return "PDF" }
        if name.hasSuffix(".gz") { return "gzip-compressed" }
        return name.hasSuffix(".htm.txt") || name.hasSuffix(".html.txt") ? "the page's HTML, shown as text" : "text"
    }

    private func use(_ u: CitingUse) -> CitingUseView {
        CitingUseView(item: itemLink(u.item), role: u.role, actor: u.actor.flatMap(actorLink), note: u.citation.note)
    }
}
