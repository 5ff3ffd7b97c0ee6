/// The five kinds of content item; an id is unique within its kind.
public enum ItemKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case brief, actor, event, topic, source

    /// The `Content/` folder that holds items of this kind, which is also their URL section.
    public var folder: String {
        switch self {
        case .brief: "briefs"
        case .actor: "actors"
        case .event: "events"
        case .topic: "topics"
        case .source: "sources"
        }
    }

    public static func < (a: ItemKind, b: ItemKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Names one item of the site: its kind and id. Used for links, indexes and dependency tracking.
public struct ItemRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: ItemKind
    public var id: String

    /// Names the item of `kind` with `id`.
    public init(_ kind: ItemKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind.folder)/\(id)" }

    public static func < (a: ItemRef, b: ItemRef) -> Bool { (a.kind, a.id) < (b.kind, b.id) }
}

/// Rules for item ids: file names without extension, made of lowercase letters, digits and `-`.
public enum ItemID {
    /// Whether `id` is a well-formed id.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
