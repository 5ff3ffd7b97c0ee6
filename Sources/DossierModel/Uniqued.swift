extension Array where Element: Hashable {
    /// The elements without repeats, each where it first occurs. Short lists (most lists of ids on a page) are
    /// searched instead of hashed: that is several times cheaper than making a set for a handful of names.
    public func uniqued() -> [Element] {
        if count <= 16 {
            var out: [Element] = []
            out.reserveCapacity(count)
            for element in self where !out.contains(element) { out.append(element) }
            return out
        }
        var seen = Set<Element>(minimumCapacity: count)
        return filter { seen.insert($0).inserted }
    }
}

extension Array where Element == Located<String> {
    /// The ids as written, without repeats, each where it first occurs.
    public var uniqueValues: [String] { map(\.value).uniqued() }
}
