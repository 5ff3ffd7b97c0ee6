/// The names and values of a template object, kept in one array in the order they were first given.
///
/// Page objects are small (a handful to a few dozen names) and are made by the hundred for every page, so one
/// array scanned by each key's precomputed hash is both cheaper to build and quicker to search than a hash
/// table: no hashing at lookup time, one allocation per object.
///
/// An object may extend a `base` object: names it lacks are looked up there. A build uses this to share the
/// part of a value that is the same on many pages (an event's summary) and add only what differs on each
/// (its reference numbers), without copying the shared part.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One name and its value.
    struct Entry: Sendable {
        let key: TemplateKey
        var value: TemplateValue
    }

    /// Holds the base object by reference: a struct cannot hold a value of its own type, and many objects share one base.
    final class Base: Sendable {
        let object: TemplateObject
        init(_ object: TemplateObject) { self.object = object }
    }

    /// The entries, in memory whose address stays put while the object lives unchanged (see `frame`); nil when
    /// there are none yet. Shared between copies until one of them changes (copy on write).
    private var storage: PinnedArray<Entry>?
    private var base: Base?

    /// An empty object.
    public init() {}

    /// An empty object with room for `capacity` names.
    public init(minimumCapacity capacity: Int) {
        if capacity > 0 { storage = PinnedArray(minimumCapacity: capacity) }
    }

    /// An object with the names of `base`, plus those given later (which take precedence).
    public init(extending base: TemplateObject, minimumCapacity capacity: Int = 0) {
        self.init(minimumCapacity: capacity)
        self.base = Base(base)
    }

    /// An object from name–value pairs; for a repeated name the last value wins.
    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// The value of `key` (here, or else in the base object); setting a value adds or replaces it here.
    public subscript(key: TemplateKey) -> TemplateValue? {
        get {
            if let i = index(of: key) { return storage![i].value }
            return base?.object[key]
        }
        set {
            if let i = index(of: key) {
                let entries = uniqueStorage()
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                uniqueStorage().append(Entry(key: key, value: newValue))
            }
        }
    }

    /// The storage, made first if there is none and copied first if another object shares it: what a change goes to.
    private mutating func uniqueStorage() -> PinnedArray<Entry> {
        if isKnownUniquelyReferenced(&storage) { return storage! }
        let copy = storage.map { $0.copy(minimumCapacity: $0.count + 1) } ?? PinnedArray(minimumCapacity: 4)
        storage = copy
        return copy
    }

    @inline(__always)
    private func index(of key: TemplateKey) -> Int? {
        guard let entries = storage else { return nil }
        let code = key.code
        for i in 0..<entries.count where entries[i].key.code == code && entries[i].key.name == key.name {
            return i
        }
        return nil
    }

    /// This object as the renderer reads it: where its entries are and what it extends, so that looking a name up
    /// takes no reference count.
    ///
    /// The frame stays valid as long as this object's storage does, that is while any copy of the object lives
    /// unchanged: the storage is a `PinnedArray`, whose elements stay where they are for its whole life, and only a
    /// change through a copy gives that copy storage of its own.
    var frame: Frame {
        Frame(entries: storage?.inPlace ?? .empty, base: base.map { Unowned($0) })
    }

    /// An object's entries and base, held without ownership (see `frame`).
    struct Frame {
        let entries: InPlace<Entry>
        let base: Unowned<Base>?

        /// Where the value of `key` is stored (in these entries, or else in the base object), or nil.
        @inline(__always)
        func address(of key: TemplateKey) -> ValueRef? {
            let code = key.code
            var frame = self
            while true {
                let entries = frame.entries
                for i in 0..<entries.count where entries[i].key.code == code && entries[i].key.name == key.name {
                    return entries.value(at: i)
                }
                guard let base = frame.base else { return nil }
                frame = base.read { $0.object.frame }
            }
        }
    }

    /// Every name and its value (a base's names after this object's own, each name once), in order.
    public var pairs: [(key: TemplateKey, value: TemplateValue)] {
        var result = (0..<(storage?.count ?? 0)).map { (key: storage![$0].key, value: storage![$0].value) }
        if let base {
            for pair in base.object.pairs where index(of: pair.key) == nil { result.append(pair) }
        }
        return result
    }

    /// Equal when both have the same names with equal values, in any order and however they share a base.
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        let left = a.pairs, right = b.pairs
        guard left.count == right.count else { return false }
        return left.allSatisfy { b[$0.key] == $0.value }
    }
}
