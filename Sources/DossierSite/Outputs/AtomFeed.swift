import DossierContent
import DossierModel
import DossierSupport

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
        xml(fallbackDate: fallbackDate) { i, feedUpdated in AtomFeed.entryXML(entries[i], fallbackDate: fallbackDate, feedUpdated: feedUpdated) }
    }

    /// The feed as XML, with the text of entry `i` from `entryText(i, feedUpdated)`, which must equal what
    /// `entryXML` writes: the site's feeds share entries, and write each one once.
    func xml(fallbackDate: PartialDate?, entryText: (Int, String) -> String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XML.escape(language))\">\n"
        out += "  <id>\(XML.escape(id))</id>\n  <title>\(XML.escape(title))</title>\n"
        if let subtitle { out += "  <subtitle>\(XML.escape(subtitle))</subtitle>\n" }
        let feedUpdated = (updated ?? fallbackDate)?.rfc3339 ?? "1970-01-01T00:00:00Z"
        out += "  <updated>\(feedUpdated)</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XML.escape(selfURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(pageURL))\"/>\n"
        out += "  <author><name>\(XML.escape(author))</name></author>\n  <generator>Dossier</generator>\n"
        out.reserveCapacity(out.utf8.count + entries.count * 1024)
        for i in entries.indices { out += entryText(i, feedUpdated) }
        out += "</feed>\n"
        return out
    }

    /// One `<entry>` element; an entry without a date of its own, in a site without one, takes the feed's.
    static func entryXML(_ e: Entry, fallbackDate: PartialDate?, feedUpdated: String) -> String {
        var out = TextBuilder(capacity: 512 + (e.summary?.utf8.count ?? 0) + (e.html?.utf8.count ?? 0) * 2)
        out.append("  <entry>\n    <id>")
        out.append(XML.escape(e.id))
        out.append("</id>\n    <title>")
        out.append(XML.escape(e.title))
        out.append("</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"")
        out.append(XML.escape(e.link))
        out.append("\"/>\n    <updated>")
        out.append((e.updated ?? fallbackDate)?.rfc3339 ?? feedUpdated)
        out.append("</updated>\n")
        for c in e.categories {
            out.append("    <category term=\"")
            out.append(XML.escape(c))
            out.append("\"/>\n")
        }
        if let s = e.summary, !s.isEmpty {
            out.append("    <summary>")
            out.append(XML.escape(s))
            out.append("</summary>\n")
        }
        if let h = e.html {
            out.append("    <content type=\"html\">")
            out.append(XML.escape(h))
            out.append("</content>\n")
        }
        out.append("  </entry>\n")
        return out.text
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
                              html: html, categories: ["Brief"] + b.topics.compactMap { site.title(of: ItemRef(.topic, $0.value)) })
    }

    static func event(_ e: Event, _ site: SiteModel, _ urls: SiteURLs) -> AtomFeed.Entry {
        let when = e.date.formatted(approximate: e.approximate)
        let text = Excerpt.plain(e.body.markdown, limit: 280, title: Excerpt.titles(site))
        return AtomFeed.Entry(id: entryID(ItemRef(.event, e.id), urls), title: e.title, link: urls.url(ItemRef(.event, e.id)),
                              updated: e.date, summary: text.isEmpty ? when : "\(when): \(text)",
                              categories: ["Event"] + e.topics.compactMap { site.title(of: ItemRef(.topic, $0.value)) })
    }

    static func stance(_ t: Topic, _ index: Int, _ site: SiteModel, _ urls: SiteURLs) -> AtomFeed.Entry {
        let s = t.stances[index]
        let name = site.title(of: ItemRef(.actor, s.actor.value)) ?? s.actor.value
        let ordinal = t.stances[...index].filter { $0.actor.value == s.actor.value }.count
        return AtomFeed.Entry(id: entryID(ItemRef(.topic, t.id), urls, suffix: "#stance-\(s.actor.value)-\(ordinal)"),
                              title: "\(name): \(s.position.label.lowercased()) — \(t.title)", link: urls.url(ItemRef(.topic, t.id)),
                              updated: s.asOf, summary: s.summary, categories: ["Stance"])
    }

    /// An entry to be: what ordering needs, and which item it is, made into an entry only when among the newest.
    struct Candidate {
        /// A brief or an event by its place in the site's list, or one stance of a topic.
        enum Item: Hashable {
            case brief(Int)
            case event(Int)
            case stance(topic: Int, index: Int)
        }

        var updated: PartialDate?
        var title: String
        var item: Item
    }

    /// Sorts candidates newest first (undated last), then by title and id (`id` gives it, asked only on a tie), and
    /// keeps the first `limit`. Only the first `limit` are kept while scanning, so a feed over thousands of items
    /// sorts no more than that.
    static func newest(_ candidates: [Candidate], id: (Candidate.Item) -> String) -> [Candidate] {
        // Year, month and day decide most comparisons, and compare without copying the dates (`<` on dates
        // compares these first, so where they differ so do the dates, in the same order).
        let days = candidates.map { c in c.updated.map { ($0.year, $0.month ?? 0, $0.day ?? 0) } }
        func before(_ i: Int, _ j: Int) -> Bool {
            if let x = days[i], let y = days[j], x != y { return x > y }
            switch (candidates[i].updated, candidates[j].updated) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if candidates[i].title != candidates[j].title { return candidates[i].title < candidates[j].title }
                let a = id(candidates[i].item), b = id(candidates[j].item)
                return a != b ? a < b : i < j
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
        return top.map { candidates[$0] }
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
        var writer = FeedWriter(site: site, urls: urls)
        var kept: [String] = []
        let c = site.config
        writer.add("feed.xml", id: urls.isAbsolute ? urls.url("") : "urn:dossier:site", title: c.title, subtitle: c.description,
                   selfURL: urls.url("feed.xml"), pageURL: urls.url(""),
                   site.briefs.indices.map(writer.brief) + site.events.indices.map(writer.event))
        for a in site.actors {
            let ref = ItemRef(.actor, a.id)
            guard !keep(ref) else {
                kept.append(feedPath(ref))
                continue
            }
            var candidates = (site.briefsByActor[a.id] ?? []).compactMap { site.briefIndex[$0] }.map(writer.brief)
            candidates += (site.eventsByActor[a.id] ?? []).compactMap { site.eventIndex[$0] }.map(writer.event)
            for sr in site.stancesByActor[a.id] ?? [] {
                if let t = site.topicIndex[sr.topic] { candidates.append(writer.stance(t, sr.index)) }
            }
            writer.add(feedPath(ref), id: entryID(ref, urls, suffix: "feed.xml"), title: "\(a.name) · \(c.title)",
                       subtitle: "Briefs, events and stances involving \(a.name)", selfURL: urls.url(ref) + "feed.xml",
                       pageURL: urls.url(ref), candidates)
        }
        for (ti, t) in site.topics.enumerated() {
            let ref = ItemRef(.topic, t.id)
            guard !keep(ref) else {
                kept.append(feedPath(ref))
                continue
            }
            var candidates = (site.briefsByTopic[t.id] ?? []).compactMap { site.briefIndex[$0] }.map(writer.brief)
            candidates += (site.eventsByTopic[t.id] ?? []).compactMap { site.eventIndex[$0] }.map(writer.event)
            candidates += t.stances.indices.map { writer.stance(ti, $0) }
            writer.add(feedPath(ref), id: entryID(ref, urls, suffix: "feed.xml"), title: "\(t.title) · \(c.title)", subtitle: t.question,
                       selfURL: urls.url(ref) + "feed.xml", pageURL: urls.url(ref), candidates)
        }
        writer.addEditions(changes)
        return (writer.files, kept)
    }
}

/// Writes the feeds of one build. Entries are made only for the newest of each feed, and each brief's, event's or
/// stance's entry (and its XML, when it does not depend on the feed) only once for all the feeds that list it.
private struct FeedWriter {
    let site: SiteModel
    let urls: SiteURLs
    let author: String
    /// The date of entries that have none: the site's newest content.
    let fallback: PartialDate?
    private(set) var files: [OutputFile] = []
    private var entries: [SiteFeeds.Candidate.Item: AtomFeed.Entry] = [:]
    private var texts: [SiteFeeds.Candidate.Item: String] = [:]

    init(site: SiteModel, urls: SiteURLs) {
        self.site = site
        self.urls = urls
        author = site.config.author ?? site.config.title
        fallback = SiteJSON.contentDate(site)
    }

    func brief(_ i: Int) -> SiteFeeds.Candidate {
        SiteFeeds.Candidate(updated: site.briefs[i].date, title: site.briefs[i].title, item: .brief(i))
    }

    func event(_ i: Int) -> SiteFeeds.Candidate {
        SiteFeeds.Candidate(updated: site.events[i].date, title: site.events[i].title, item: .event(i))
    }

    func stance(_ t: Int, _ i: Int) -> SiteFeeds.Candidate {
        SiteFeeds.Candidate(updated: site.topics[t].stances[i].asOf, title: site.topics[t].title, item: .stance(topic: t, index: i))
    }

    private func id(_ item: SiteFeeds.Candidate.Item) -> String {
        switch item {
        case .brief(let i): SiteFeeds.entryID(ItemRef(.brief, site.briefs[i].id), urls)
        case .event(let i): SiteFeeds.entryID(ItemRef(.event, site.events[i].id), urls)
        case .stance(let t, let i): "\(site.topics[t].id)#\(i)"
        }
    }

    private mutating func entry(_ item: SiteFeeds.Candidate.Item) -> AtomFeed.Entry {
        if let made = entries[item] { return made }
        let made: AtomFeed.Entry = switch item {
        case .brief(let i): SiteFeeds.brief(site.briefs[i], site, urls)
        case .event(let i): SiteFeeds.event(site.events[i], site, urls)
        case .stance(let t, let i): SiteFeeds.stance(site.topics[t], i, site, urls)
        }
        entries[item] = made
        return made
    }

    /// Adds the feed at `path` of the newest of `candidates`.
    mutating func add(_ path: String, id feedID: String, title: String, subtitle: String?, selfURL: String, pageURL: String,
                      _ candidates: [SiteFeeds.Candidate]) {
        let items = SiteFeeds.newest(candidates, id: id).map(\.item)
        var listed: [AtomFeed.Entry] = []
        for item in items { listed.append(entry(item)) }
        let feed = AtomFeed(id: feedID, title: title, subtitle: subtitle, selfURL: selfURL, pageURL: pageURL, author: author,
                            language: site.config.language, entries: listed)
        let xml = feed.xml(fallbackDate: fallback) { i, feedUpdated in
            let item = items[i]
            if let text = texts[item] { return text }
            let text = AtomFeed.entryXML(feed.entries[i], fallbackDate: fallback, feedUpdated: feedUpdated)
            // An entry with a date (its own or the site's) reads the same in every feed.
            if feed.entries[i].updated ?? fallback != nil { texts[item] = text }
            return text
        }
        files.append(OutputFile(path: path, bytes: Array(xml.utf8)))
    }

    /// Adds the editions feed. Entry ids stay what they were before editions had pages of their own; the link goes
    /// to the edition's page.
    mutating func addEditions(_ changes: ChangeLog) {
        let editions = changes.listed.map { e in
            AtomFeed.Entry(id: urls.isAbsolute ? urls.url("changes/") + "#edition-\(e.edition)" : "urn:dossier:edition:\(e.edition)",
                           title: "Edition \(e.edition): \(e.summary)", link: urls.url("changes/\(e.edition)/"),
                           updated: e.partialDate, summary: e.note.map { "\($0) (\(e.summary))" } ?? e.summary,
                           html: ChangesPage.html(e, site: site, urls: urls))
        }
        let feed = AtomFeed(id: urls.isAbsolute ? urls.url("changes/") : "urn:dossier:editions", title: "Editions · \(site.config.title)",
                            subtitle: "What changed in each edition", selfURL: urls.url("changes/feed.xml"),
                            pageURL: urls.url("changes/"), author: author, language: site.config.language, entries: editions)
        files.append(OutputFile(path: "changes/feed.xml", bytes: Array(feed.xml(fallbackDate: fallback).utf8)))
    }
}
