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
        let root: JSONValue = .object([
            ("version", .int(version)),
            ("generator", "Dossier"),
            ("edition", changes.current.map { .int($0.edition) } ?? .null),
            ("edition_date", .optional(changes.current?.date)),
            ("site", .object(fields(site.config))),
            ("actors", .each(site.actors, actor)),
            ("events", .each(site.events, event)),
            ("topics", .each(site.topics, topic)),
            ("briefs", .each(site.briefs, brief)),
            ("sources", .each(site.sources, source)),
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

    /// The exported fields of `item`, in its table's order (see `FieldSpec`); `entries` gives the value of each list of
    /// entries the table leaves to hand-written code (`relations`, `stances`, `judgments`).
    static func fields<Item: FieldTabled>(_ item: Item, entries: [String: JSONValue] = [:]) -> [(String, JSONValue)] {
        Item.fields.compactMap { spec -> (String, JSONValue)? in
            guard !spec.uses.contains(.notExported) else { return nil }
            guard let access = spec.access else { return (spec.key, entries[spec.key] ?? .null) }
            let value = value(of: item, access)
            if spec.uses.contains(.exportedWhenSet), value == .null || value == .array([]) { return nil }
            return (spec.key, value)
        }
    }

    /// The JSON of one field's value, by the type of its key path.
    static func value<Item>(of item: Item, _ access: FieldAccess<Item>) -> JSONValue {
        switch access {
        case .text(let path): .string(item[keyPath: path])
        case .optionalText(let path): .optional(item[keyPath: path])
        case .texts(let path): .array(item[keyPath: path].map { .string($0) })
        case .ids(let path): ids(item[keyPath: path])
        case .date(let path): date(item[keyPath: path])
        case .optionalDate(let path): date(item[keyPath: path])
        case .flag(let path): .bool(item[keyPath: path])
        case .number(let path): .int(item[keyPath: path])
        case .citations(let path): citations(item[keyPath: path])
        case .choice(let get, _): .string(get(item))
        }
    }

    /// An item's object: its id, its fields, then `tail` (the body, a source's format and text).
    static func object<Item: FieldTabled>(_ id: String, _ item: Item, entries: [String: JSONValue] = [:],
                                          tail: [(String, JSONValue)]) -> JSONValue {
        .object([("id", .string(id))] + fields(item, entries: entries) + tail)
    }

    static func actor(_ a: Actor) -> JSONValue {
        object(a.id, a, entries: ["relations": .array(a.relations.map { r in
            .object([("to", .string(r.to.value)), ("type", .string(r.type)), ("since", date(r.since)), ("sources", citations(r.sources))])
        })], tail: [("body", body(a.body))])
    }

    static func event(_ e: Event) -> JSONValue {
        object(e.id, e, tail: [("body", body(e.body))])
    }

    static func topic(_ t: Topic) -> JSONValue {
        object(t.id, t, entries: ["stances": .array(t.stances.map { s in
            .object([("actor", .string(s.actor.value)), ("position", .string(s.position.rawValue)), ("as_of", date(s.asOf)),
                     ("summary", .optional(s.summary)), ("sources", citations(s.sources))])
        })], tail: [("body", body(t.body))])
    }

    static func brief(_ b: Brief) -> JSONValue {
        object(b.id, b, entries: ["judgments": .array(b.judgments.map { j in
            .object([("text", .string(j.text)), ("likelihood", .optional(j.likelihood)), ("confidence", .optional(j.confidence))])
        })], tail: [("body", body(b.body))])
    }

    static func source(_ s: Source) -> JSONValue {
        object(s.id, s, tail: [("format", .string(s.format.rawValue)), ("text", body(s.body))])
    }
}
