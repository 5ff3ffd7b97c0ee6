import DossierContent
import DossierModel

/// An Atom feed (RFC 4287). Entry ids are the entries' page URLs (or, without an absolute `base_url`, a
/// `urn:` made from the item's kind and id), so they stay the same from build to build; `updated` comes from
/// the content's own dates, never from the time of the build.
public struct AtomFeed: Sendable {
    /// One entry.
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var link: String
        public var updated: PartialDate?
        public var summary: String?
        /// HTML content, when the entry has more to say than its summary.
        public var html: String?
        public var categories: [String] = []
    }

    public var id: String
    public var title: String
    public var subtitle: String?
    /// The feed's own URL.
    public var selfURL: String
    /// The page the feed follows.
    public var pageURL: String
    public var author: String
    public var language: String
    public var entries: [Entry]

    /// The newest entry date (or nil when there are no dated entries).
    public var updated: PartialDate? { entries.compactMap(\.updated).max() }

    /// The feed as XML.
    public func xml(fallbackDate: PartialDate?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XML.escape(language))\">\n"
        out += "  <id>\(XML.escape(id))</id>\n  <title>\(XML.escape(title))</title>\n"
        if let subtitle { out += "  <subtitle>\(XML.escape(subtitle))</subtitle>\n" }
        let feedUpdated = (updated ?? fallbackDate)?.rfc3339 ?? "1970-01-01T00:00:00Z"
        out += "  <updated>\(feedUpdated)</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XML.escape(selfURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(pageURL))\"/>\n"
        out += "  <author><name>\(XML.escape(author))</name></author>\n  <generator>Dossier</generator>\n"
        for e in entries {
            out += "  <entry>\n    <id>\(XML.escape(e.id))</id>\n    <title>\(XML.escape(e.title))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(e.link))\"/>\n"
            out += "    <updated>\((e.updated ?? fallbackDate)?.rfc3339 ?? feedUpdated)</updated>\n"
            for c in e.categories { out += "    <category term=\"\(XML.escape(c))\"/>\n" }
            if let s = e.summary, !s.isEmpty { out += "    <summary>\(XML.escape(s))</summary>\n" }
            if let h = e.html { out += "    <content type=\"html\">\(XML.escape(h))</content>\n" }
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }
}

/// The site's feeds: everything (`feed.xml`), each actor (`actors/<id>/feed.xml`), each topic
/// (`topics/<id>/feed.xml`) and the editions (`changes/feed.xml`).
public enum SiteFeeds {
    /// Entries per feed, newest first.
    public static let limit = 50

    /// An entry's stable id: its page URL, or a URN when URLs are not absolute.
    static func entryID(_ ref: ItemRef, _ urls: SiteURLs, suffix: String = "") -> String {
        urls.isAbsolute ? urls.url(ref) + suffix : "urn:dossier:\(ref.kind.rawValue):\(ref.id)" + (suffix.isEmpty ? "" : ":" + suffix.filter { $0 != "#" })
    }

    static func brief(_ b: Brief, _ site: SiteModel, _ urls: SiteURLs) -> AtomFeed.Entry {
        var html: String?
        if !b.judgments.isEmpty {
            html = "<p>Key judgments:</p><ul>" + b.judgments.map { j in
                "<li>" + HTML.escape(j.text) + ([j.likelihood, j.confidence.map { "\($0) confidence" }].compactMap { $0 }.isEmpty ? "" :
                    " (" + HTML.escape([j.likelihood, j.confidence.map { "\($0) confidence" }].compactMap { $0 }.joined(separator: ", ")) + ")") + "</li>"
            }.joined() + "</ul>"
            if let s = b.summary { html = "<p>" + HTML.escape(s) + "</p>" + html! }
        }
        return AtomFeed.Entry(id: entryID(ItemRef(.brief, b.id), urls), title: b.title, link: urls.url(ItemRef(.brief, b.id)),
                              updated: b.date, summary: b.summary ?? Excerpt.plain(b.body.markdown, limit: 280, title: Excerpt.titles(site)),
                              html: html, categories: ["Brief"] + b.topics.compactMap { site.topic($0.value)?.title })
    }

    static func event(_ e: Event, _ site: SiteModel, _ urls: SiteURLs) -> AtomFeed.Entry {
        let when = e.date.formatted(approximate: e.approximate)
        let text = Excerpt.plain(e.body.markdown, limit: 280, title: Excerpt.titles(site))
        return AtomFeed.Entry(id: entryID(ItemRef(.event, e.id), urls), title: e.title, link: urls.url(ItemRef(.event, e.id)),
                              updated: e.date, summary: text.isEmpty ? when : "\(when): \(text)",
                              categories: ["Event"] + e.topics.compactMap { site.topic($0.value)?.title })
    }

    static func stance(_ t: Topic, _ index: Int, _ site: SiteModel, _ urls: SiteURLs) -> AtomFeed.Entry {
        let s = t.stances[index]
        let name = site.actor(s.actor.value)?.name ?? s.actor.value
        let ordinal = t.stances[...index].filter { $0.actor.value == s.actor.value }.count
        return AtomFeed.Entry(id: entryID(ItemRef(.topic, t.id), urls, suffix: "#stance-\(s.actor.value)-\(ordinal)"),
                              title: "\(name): \(s.position.label.lowercased()) — \(t.title)", link: urls.url(ItemRef(.topic, t.id)),
                              updated: s.asOf, summary: s.summary, categories: ["Stance"])
    }

    /// An entry to be: what ordering needs, and how to make the entry when it is among the newest.
    struct Candidate {
        var updated: PartialDate?
        var title: String
        var id: String
        var make: () -> AtomFeed.Entry
    }

    /// Sorts candidates newest first (undated last), then by title and id, and makes the first `limit` entries.
    /// Only the first `limit` are kept while scanning, so a feed over thousands of items sorts no more than that.
    static func newest(_ candidates: [Candidate]) -> [AtomFeed.Entry] {
        func before(_ i: Int, _ j: Int) -> Bool {
            let a = candidates[i], b = candidates[j]
            switch (a.updated, b.updated) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.title, a.id, i) < (b.title, b.id, j)
            }
        }
        var top: [Int] = []
        top.reserveCapacity(limit + 1)
        for i in candidates.indices {
            if top.count == limit, !before(i, top[limit - 1]) { continue }
            var low = 0, high = top.count
            while low < high {
                let mid = (low + high) / 2
                if before(top[mid], i) { low = mid + 1 } else { high = mid }
            }
            top.insert(i, at: low)
            if top.count > limit { top.removeLast() }
        }
        return top.map { candidates[$0].make() }
    }

    /// Every feed file of the site.
    public static func files(site: SiteModel, urls: SiteURLs, changes: ChangeLog) -> [OutputFile] {
        files(site: site, urls: urls, changes: changes, keep: { _ in false }).files
    }

    /// Where the feed of an actor or a topic is written.
    static func feedPath(_ ref: ItemRef) -> String { "\(ref.kind.folder)/\(ref.id)/feed.xml" }

    /// Whether the feed of `ref` (an actor or a topic) has the same entries in `site` as in `old`, given that the
    /// settings, every title and the newest content date are the same in both: its item, the briefs, events and
    /// stances it lists, and each of those items.
    static func sameFeed(_ ref: ItemRef, _ site: SiteModel, _ old: SiteModel) -> Bool {
        let briefs: [String], events: [String], topics: [String]
        switch ref.kind {
        case .actor:
            guard site.actor(ref.id) == old.actor(ref.id) else { return false }
            briefs = site.briefsByActor[ref.id] ?? []
            events = site.eventsByActor[ref.id] ?? []
            let stances = site.stancesByActor[ref.id] ?? []
            guard briefs == old.briefsByActor[ref.id] ?? [], events == old.eventsByActor[ref.id] ?? [],
                  stances == old.stancesByActor[ref.id] ?? [] else { return false }
            topics = stances.map(\.topic)
        case .topic:
            guard site.topic(ref.id) == old.topic(ref.id) else { return false }
            briefs = site.briefsByTopic[ref.id] ?? []
            events = site.eventsByTopic[ref.id] ?? []
            guard briefs == old.briefsByTopic[ref.id] ?? [], events == old.eventsByTopic[ref.id] ?? [] else { return false }
            topics = []
        default:
            return false
        }
        return briefs.allSatisfy { site.brief($0) == old.brief($0) } && events.allSatisfy { site.event($0) == old.event($0) }
            && topics.allSatisfy { site.topic($0) == old.topic($0) }
    }

    /// The feed files of the site, leaving out the actor and topic feeds `keep` says are unchanged; returns the
    /// paths of those left out, which stay as an earlier build wrote them.
    static func files(site: SiteModel, urls: SiteURLs, changes: ChangeLog,
                      keep: (ItemRef) -> Bool) -> (files: [OutputFile], kept: [String]) {
        var kept: [String] = []
        let c = site.config
        let author = c.author ?? c.title
        let fallback = SiteJSON.contentDate(site)
        var files: [OutputFile] = []
        func add(_ path: String, _ feed: AtomFeed) {
            files.append(OutputFile(path: path, bytes: Array(feed.xml(fallbackDate: fallback).utf8)))
        }
        // Entries are made only for the newest of each feed, and each brief's or event's entry only once.
        var briefEntries: [String: AtomFeed.Entry] = [:], eventEntries: [String: AtomFeed.Entry] = [:]
        func briefCandidate(_ b: Brief) -> Candidate {
            Candidate(updated: b.date, title: b.title, id: entryID(ItemRef(.brief, b.id), urls)) {
                if let e = briefEntries[b.id] { return e }
                let e = brief(b, site, urls)
                briefEntries[b.id] = e
                return e
            }
        }
        func eventCandidate(_ e: Event) -> Candidate {
            Candidate(updated: e.date, title: e.title, id: entryID(ItemRef(.event, e.id), urls)) {
                if let x = eventEntries[e.id] { return x }
                let x = event(e, site, urls)
                eventEntries[e.id] = x
                return x
            }
        }
        func stanceCandidate(_ t: Topic, _ i: Int) -> Candidate {
            Candidate(updated: t.stances[i].asOf, title: t.title, id: "\(t.id)#\(i)") { stance(t, i, site, urls) }
        }
        let all = newest(site.briefs.map(briefCandidate) + site.events.map(eventCandidate))
        add("feed.xml", AtomFeed(id: urls.isAbsolute ? urls.url("") : "urn:dossier:site", title: c.title, subtitle: c.description,
                                 selfURL: urls.url("feed.xml"), pageURL: urls.url(""), author: author, language: c.language, entries: all))
        for a in site.actors {
            guard !keep(ItemRef(.actor, a.id)) else {
                kept.append(feedPath(ItemRef(.actor, a.id)))
                continue
            }
            var candidates = (site.briefsByActor[a.id] ?? []).compactMap { site.brief($0) }.map(briefCandidate)
            candidates += (site.eventsByActor[a.id] ?? []).compactMap { site.event($0) }.map(eventCandidate)
            for sr in site.stancesByActor[a.id] ?? [] {
                if let t = site.topic(sr.topic) { candidates.append(stanceCandidate(t, sr.index)) }
            }
            let ref = ItemRef(.actor, a.id)
            add(feedPath(ref), AtomFeed(id: entryID(ref, urls, suffix: "feed.xml"), title: "\(a.name) · \(c.title)",
                                                     subtitle: "Briefs, events and stances involving \(a.name)", selfURL: urls.url(ref) + "feed.xml",
                                                     pageURL: urls.url(ref), author: author, language: c.language, entries: newest(candidates)))
        }
        for t in site.topics {
            guard !keep(ItemRef(.topic, t.id)) else {
                kept.append(feedPath(ItemRef(.topic, t.id)))
                continue
            }
            var candidates = (site.briefsByTopic[t.id] ?? []).compactMap { site.brief($0) }.map(briefCandidate)
            candidates += (site.eventsByTopic[t.id] ?? []).compactMap { site.event($0) }.map(eventCandidate)
            candidates += t.stances.indices.map { stanceCandidate(t, $0) }
            let ref = ItemRef(.topic, t.id)
            add(feedPath(ref), AtomFeed(id: entryID(ref, urls, suffix: "feed.xml"), title: "\(t.title) · \(c.title)",
                                                     subtitle: t.question, selfURL: urls.url(ref) + "feed.xml", pageURL: urls.url(ref),
                                                     author: author, language: c.language, entries: newest(candidates)))
        }
        let editions = changes.editions.map { e in
            AtomFeed.Entry(id: urls.isAbsolute ? urls.url("changes/") + "#edition-\(e.edition)" : "urn:dossier:edition:\(e.edition)",
                           title: "Edition \(e.edition): \(e.summary)", link: urls.url("changes/") + "#edition-\(e.edition)",
                           updated: e.partialDate, summary: e.summary, html: ChangesPage.html(e, site: site, urls: urls))
        }
        add("changes/feed.xml", AtomFeed(id: urls.isAbsolute ? urls.url("changes/") : "urn:dossier:editions", title: "Editions · \(c.title)",
                                         subtitle: "What changed in each edition", selfURL: urls.url("changes/feed.xml"),
                                         pageURL: urls.url("changes/"), author: author, language: c.language, entries: editions))
        return (files, kept)
    }
}
