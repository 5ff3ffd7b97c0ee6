/// A person, organisation, government or group involved in the story (`Content/actors/<id>.md`).
public struct Actor: Sendable, Hashable {
    /// What sort of actor this is; shown on profiles and used for structured data.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case person, organization, government, group, other

        /// The kind in words for readers.
        public var label: String {
            switch self {
            case .person: "Person"
            case .organization: "Organisation"
            case .government: "Government"
            case .group: "Group"
            case .other: "Other"
            }
        }
    }

    public var id: String
    public var name: String
    /// The name in its own script (`习近平`), shown beside `name`; it finds mentions and is searched.
    public var nativeName: String?
    public var kind: Kind
    public var role: String?
    public var affiliations: [Located<String>]
    public var aliases: [String]
    public var sameAs: [String]
    public var relations: [Relation]
    public var body: Body
    public var location: SourceLocation

    /// Makes an actor; the loader fills every field from front matter.
    public init(id: String, name: String, nativeName: String? = nil, kind: Kind = .other, role: String? = nil, affiliations: [Located<String>] = [],
                aliases: [String] = [], sameAs: [String] = [], relations: [Relation] = [], body: Body = .empty,
                location: SourceLocation) {
        self.id = id
        self.name = name
        self.nativeName = nativeName
        self.kind = kind
        self.role = role
        self.affiliations = affiliations
        self.aliases = aliases
        self.sameAs = sameAs
        self.relations = relations
        self.body = body
        self.location = location
    }
}

/// A typed, dated link from one actor to another (`negotiated-with`, `leads`), with its evidence.
public struct Relation: Sendable, Hashable {
    public var to: Located<String>
    public var type: String
    public var since: PartialDate?
    public var sources: [Citation]

    /// Makes a relation to the actor `to`.
    public init(to: Located<String>, type: String, since: PartialDate? = nil, sources: [Citation] = []) {
        self.to = to
        self.type = type
        self.since = since
        self.sources = sources
    }

    /// The type as readers see it: as the author wrote it, hyphens kept (`co-founded`, `negotiated-with`).
    public var typeInWords: String { type }
}

extension String {
    /// The string with `-` and `_` read as spaces, for kebab-case labels shown to readers.
    public var replacingDashes: String {
        String(map { $0 == "-" || $0 == "_" ? " " : $0 })
    }
}

extension Actor: FieldTabled {
    /// An actor's front-matter fields (see `FieldSpec`).
    public static let fields: [FieldSpec<Actor>] = [
        FieldSpec("name", .text, required: true, "the name readers see", .text(\.name)),
        FieldSpec("native_name", .text, "the name in its own script (`习近平`), shown beside `name`; finds mentions and is searched",
                  .optionalText(\.nativeName), uses: [.otherName, .exportedWhenSet]),
        FieldSpec("kind", .choice(Kind.allCases.map(\.rawValue)), "what sort of actor it is; `other` when left out", .choice(\.kind)),
        FieldSpec("role", .text, "what the actor is in this story", .optionalText(\.role)),
        FieldSpec("affiliations", .ids(.actor), "the actors it belongs to", .ids(\.affiliations)),
        FieldSpec("aliases", .texts, "other names used in sources, to find mentions", .texts(\.aliases), uses: .otherName),
        FieldSpec("same_as", .addresses, "links to the same actor elsewhere (Wikidata, official site)", .texts(\.sameAs)),
        FieldSpec("relations", .entries("relation"), "typed links to other actors, each with evidence", nil),
    ]
}
