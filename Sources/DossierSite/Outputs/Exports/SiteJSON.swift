import DossierContent
import DossierModel

/// `data/site.json`: the whole resolved model — every item with its fields, references resolved to ids, and
/// its Markdown body — with a `version` field, the latest published edition's number and date, and the editions
/// `/changes/` lists (the record itself lives in the site's `Editions/`, see `EditionHistory`).
public enum SiteJSON {
    /// The format version: 2 since the edition history moved to `Editions/` (version 1 held it, see
    /// `EditionHistory.migrate`).
    public static let version = 2

    /// The newest date anywhere in the content (briefs, events, stances, relations, sources): an edition's date.
    public static func contentDate(_ site: SiteModel) -> PartialDate? {
        var newest: PartialDate?
        func see(_ d: PartialDate?) { if let d, newest.map({ d > $0 }) ?? true { newest = d } }
        for b in site.briefs { see(b.date) }
        for e in site.events { see(e.date); see(e.end) }
        for t in site.topics { for s in t.stances { see(s.asOf) } }
        for a in site.actors { for r in a.relations { see(r.since) } }
        for s in site.sources { see(s.published) }
        return newest
    }

    /// The file's text.
    public static func text(site: SiteModel, changes: ChangeLog) -> String {
        String(decoding: bytes(site: site, changes: changes), as: UTF8.self)
    }

    /// The file's bytes.
    public static func bytes(site: SiteModel, changes: ChangeLog) -> [UInt8] {
        let c = site.config
        let root: JSONValue = .object([
            ("version", .int(version)),
            ("generator", "Dossier"),
            ("edition", changes.current.map { .int($0.edition) } ?? .null),
            ("edition_date", .optional(changes.current?.date)),
            ("site", .object([("title", .string(c.title)), ("description", .optional(c.description)), ("base_url", .string(c.baseURL)),
                              ("language", .string(c.language)), ("author", .optional(c.author)), ("timezone", .optional(c.timezone))])),
            ("actors", .array(site.actors.map(actor))),
            ("events", .array(site.events.map(event))),
            ("topics", .array(site.topics.map(topic))),
            ("briefs", .array(site.briefs.map(brief))),
            ("sources", .array(site.sources.map(source))),
            ("editions", .array(changes.listed.map(\.json))),
        ])
        return root.bytes(capacity: capacity(site))
    }

    /// Room for the file: every body, a quarter more for escapes, and 1 KiB for each item's fields. A huge body is
    /// then written into one array, not copied as the array doubles (a 20 MB brief took 16 + 32 MB at once).
    static func capacity(_ site: SiteModel) -> Int {
        func size<T>(_ items: [T], _ body: (T) -> Body) -> Int { items.reduce(0) { $0 + body($1).markdown.utf8.count + 1_024 } }
        let total = size(site.actors, \.body) + size(site.events, \.body) + size(site.topics, \.body) + size(site.briefs, \.body)
            + size(site.sources, \.body)
        return total + total / 4
    }

    static func date(_ d: PartialDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
    static func ids(_ list: [Located<String>]) -> JSONValue { .array(list.map { .string($0.value) }) }
    static func citations(_ list: [Citation]) -> JSONValue {
        .array(list.map { .object([("source", .string($0.source)), ("quote", .optional($0.quote)), ("note", .optional($0.note))]) })
    }
    static func body(_ b: Body) -> JSONValue { b.markdown.isEmpty ? .null : .string(b.markdown) }

    static func actor(_ a: Actor) -> JSONValue {
        .object([("id", .string(a.id)), ("name", .string(a.name)), ("kind", .string(a.kind.rawValue)), ("role", .optional(a.role)),
                 ("affiliations", ids(a.affiliations)), ("aliases", .array(a.aliases.map { .string($0) })),
                 ("same_as", .array(a.sameAs.map { .string($0) })),
                 ("relations", .array(a.relations.map { r in
                     .object([("to", .string(r.to.value)), ("type", .string(r.type)), ("since", date(r.since)), ("sources", citations(r.sources))])
                 })),
                 ("body", body(a.body))])
    }

    static func event(_ e: Event) -> JSONValue {
        .object([("id", .string(e.id)), ("title", .string(e.title)), ("date", date(e.date)), ("end", date(e.end)),
                 ("approximate", .bool(e.approximate)), ("actors", ids(e.actors)), ("topics", ids(e.topics)),
                 ("importance", .int(e.importance)), ("sources", citations(e.sources)), ("body", body(e.body))])
    }

    static func topic(_ t: Topic) -> JSONValue {
        .object([("id", .string(t.id)), ("title", .string(t.title)), ("question", .optional(t.question)),
                 ("stances", .array(t.stances.map { s in
                     .object([("actor", .string(s.actor.value)), ("position", .string(s.position.rawValue)), ("as_of", date(s.asOf)),
                              ("summary", .optional(s.summary)), ("sources", citations(s.sources))])
                 })),
                 ("body", body(t.body))])
    }

    static func brief(_ b: Brief) -> JSONValue {
        .object([("id", .string(b.id)), ("title", .string(b.title)), ("date", date(b.date)), ("summary", .optional(b.summary)),
                 ("actors", ids(b.actors)), ("topics", ids(b.topics)),
                 ("judgments", .array(b.judgments.map { j in
                     .object([("text", .string(j.text)), ("likelihood", .optional(j.likelihood)), ("confidence", .optional(j.confidence))])
                 })),
                 ("body", body(b.body))])
    }

    static func source(_ s: Source) -> JSONValue {
        .object([("id", .string(s.id)), ("title", .string(s.title)), ("publisher", .optional(s.publisher)), ("url", .optional(s.url)),
                 ("author", .optional(s.author)), ("published", date(s.published)), ("retrieved", date(s.retrieved)),
                 ("archived_url", .optional(s.archivedURL)), ("reliability", .optional(s.reliability)),
                 ("format", .string(s.format.rawValue)), ("text", body(s.body))])
    }
}
