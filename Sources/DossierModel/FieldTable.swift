/// How a front-matter field is written, in the words the README's field lists use.
public enum FieldType: Sendable, Hashable {
    /// One line of text.
    case text
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO 8601 date-time.
    case date
    /// `true` or `false`.
    case flag
    /// A whole number in a range.
    case number(ClosedRange<Int>)
    /// One of a fixed set of words.
    case choice([String])
    /// The id of an item of one kind.
    case id(ItemKind)
    /// A list of ids of items of one kind.
    case ids(ItemKind)
    /// A list of text values.
    case texts
    /// A list of link addresses (`https:`, `http:` or `mailto:`).
    case addresses
    /// A list of citations: source ids or `{source, quote, note, occurrence}` entries.
    case citations
    /// A list of mappings, each with the fields of the named table (`relation`, `stance`, `judgment`).
    case entries(String)

    /// The type in words, for the README.
    public var words: String {
        switch self {
        case .text: "text"
        case .date: "date"
        case .flag: "true or false"
        case .number(let r): "number \(r.lowerBound)–\(r.upperBound)"
        case .choice(let words): words.joined(separator: " \\| ")
        case .id(let kind): "\(kind) id"
        case .ids(let kind): "list of \(kind) ids"
        case .texts: "list of text"
        case .addresses: "list of addresses"
        case .citations: "list of citations"
        case .entries(let what): "list of \(what) entries"
        }
    }

    /// The table of each entry of a list of entries or citations (`relations` → `EntryFields.relation`); nil for the rest.
    public var entryFields: EntryFields? {
        switch self {
        case .entries(let name): EntryFields.all.first { $0.name == name }
        case .citations: .citation
        default: nil
        }
    }
}

/// What a field does beyond being read, checked and exported.
public struct FieldUse: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    /// Makes a set of uses from its bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Another name of the item: it finds the sources that mention the item, is searched as a name and is
    /// the item's `alternateName` in structured data.
    public static let otherName = FieldUse(rawValue: 1 << 0)
    /// Left out of `data/site.json` (bookkeeping, such as the kept original's file).
    public static let notExported = FieldUse(rawValue: 1 << 1)
    /// In `data/site.json` only when set: a field added after version 2, so files of sites without it stay the same.
    public static let exportedWhenSet = FieldUse(rawValue: 1 << 2)
    /// Read by hand (in `ItemParser`; `base_url` in `SiteLoader`), which checks more than its type; the table still names,
    /// documents and exports it.
    public static let readByHand = FieldUse(rawValue: 1 << 3)
}

/// Where a field's value lives on the item, by key path, and so how it is read, exported and shown.
public enum FieldAccess<Item>: Sendable {
    case text(WritableKeyPath<Item, String> & Sendable)
    case optionalText(WritableKeyPath<Item, String?> & Sendable)
    case texts(WritableKeyPath<Item, [String]> & Sendable)
    case ids(WritableKeyPath<Item, [Located<String>]> & Sendable)
    case date(WritableKeyPath<Item, PartialDate> & Sendable)
    case optionalDate(WritableKeyPath<Item, PartialDate?> & Sendable)
    case flag(WritableKeyPath<Item, Bool> & Sendable)
    case number(WritableKeyPath<Item, Int> & Sendable)
    case citations(WritableKeyPath<Item, [Citation]> & Sendable)
    /// A word of a fixed set, stored as an enum: read it as its raw value, write it from one (false when not allowed).
    case choice(get: @Sendable (Item) -> String, set: @Sendable (inout Item, String) -> Bool)

    /// An enum-valued field (`kind`, `position`) at `path`.
    public static func choice<T: RawRepresentable & Sendable>(_ path: WritableKeyPath<Item, T> & Sendable) -> FieldAccess
        where T.RawValue == String {
        .choice(get: { $0[keyPath: path].rawValue }, set: { item, word in
            guard let value = T(rawValue: word) else { return false }
            item[keyPath: path] = value
            return true
        })
    }
}

/// One front-matter field of an item kind: its key, type, whether it is required, a line for readers and where
/// its value lives. A kind's table (`Actor.fields`, …) drives parsing and the unknown-key check, `site.json`,
/// page values, mentions and search names, and the README's field lists.
public struct FieldSpec<Item>: Sendable {
    public let key: String
    public let type: FieldType
    public let required: Bool
    public let doc: String
    /// Where the value lives; nil for a list of entries read by hand (`relations`, `stances`, `judgments`).
    public let access: FieldAccess<Item>?
    public let uses: FieldUse

    /// Makes a row of a field table.
    public init(_ key: String, _ type: FieldType, required: Bool = false, _ doc: String, _ access: FieldAccess<Item>?,
                uses: FieldUse = []) {
        self.key = key
        self.type = type
        self.required = required
        self.doc = doc
        self.access = access
        self.uses = uses
    }

    /// The field's text values on `item`: its text, or each entry of a list of text (empty for other types).
    public func texts(of item: Item) -> [String] {
        switch access {
        case .text(let path): [item[keyPath: path]]
        case .optionalText(let path): item[keyPath: path].map { [$0] } ?? []
        case .texts(let path): item[keyPath: path]
        default: []
        }
    }
}

/// An item kind whose front-matter fields are declared in one table (or `SiteConfig`, whose table is `site.yml`'s).
public protocol FieldTabled {
    /// The kind's fields, in the order `site.json` writes them.
    static var fields: [FieldSpec<Self>] { get }
}

extension FieldTabled {
    /// The front-matter keys the kind knows; any other key is warned about.
    public static var fieldKeys: [String] { fields.map(\.key) }

    /// The item's other names (fields marked `otherName`), in table order, without repeats.
    public var otherNames: [String] {
        var seen = Set<String>()
        return Self.fields.filter { $0.uses.contains(.otherName) }.flatMap { $0.texts(of: self) }.filter { seen.insert($0).inserted }
    }
}

/// The fields of a kind's list entries (a relation, a stance, a judgment, a citation), for the unknown-key check
/// and the README; `ItemParser` reads them by hand.
public struct EntryFields: Sendable {
    /// The name the README and messages use (`relation`).
    public let name: String
    public let fields: [FieldSpec<Never>]

    /// Makes the table of an entry.
    public init(_ name: String, _ fields: [FieldSpec<Never>]) {
        self.name = name
        self.fields = fields
    }

    /// The keys an entry knows.
    public var keys: [String] { fields.map(\.key) }

    /// Every entry table, by the name `FieldType.entries` gives.
    public static let all: [EntryFields] = [.relation, .stance, .judgment, .citation]

    public static let relation = EntryFields("relation", [
        FieldSpec("to", .id(.actor), required: true, "the other actor's id", nil),
        FieldSpec("type", .text, "what the relation is, in kebab-case (`negotiated-with`); `related-to` when left out", nil),
        FieldSpec("since", .date, "when it began", nil),
        FieldSpec("sources", .citations, "the evidence", nil),
    ])
    public static let stance = EntryFields("stance", [
        FieldSpec("actor", .id(.actor), required: true, "the actor's id", nil),
        FieldSpec("position", .choice(Stance.Position.allCases.map(\.rawValue)), required: true, "where the actor stands", nil),
        FieldSpec("as_of", .date, "when the actor held this position; one actor's stances are its history, oldest first", nil),
        FieldSpec("summary", .text, "the stance in a sentence", nil),
        FieldSpec("sources", .citations, "the evidence", nil),
    ])
    public static let judgment = EntryFields("judgment", [
        FieldSpec("text", .text, required: true, "the judgment", nil),
        FieldSpec("likelihood", .choice(Judgment.likelihoodTerms), "an ICD 203 likelihood term", nil),
        FieldSpec("confidence", .choice(Judgment.confidenceLevels), "an ICD 203 confidence level", nil),
    ])
    public static let citation = EntryFields("citation", [
        FieldSpec("source", .id(.source), required: true, "the source's id", nil),
        FieldSpec("quote", .text, "words that must occur in the source", nil),
        FieldSpec("note", .text, "shown with the reference", nil),
        FieldSpec("occurrence", .number(1...9999), "which place the quote is, when its words occur more than once", nil),
    ])
}
