import Foundation

/// Finding bytes among bytes, for the searches a load repeats many times (quotes in source texts, wording in
/// judgments): `memchr` finds each candidate first byte, `memcmp` checks the rest.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `hay`, or nil (also for an empty `needle`).
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, let base = hay.baseAddress, needle.count <= hay.count else { return nil }
        let last = hay.count - needle.count
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + i, needle.baseAddress!, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }
}
