import Foundation

/// Finding bytes among bytes, for the searches a load repeats many times (quotes in source texts, wording in
/// judgments): `memchr` finds each candidate by the needle's rarest byte, `memcmp` checks the whole needle.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `hay`, or nil (also for an empty `needle`).
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let start = needle.baseAddress, !needle.isEmpty, let base = hay.baseAddress, needle.count <= hay.count else { return nil }
        // Looking for a rare byte (`q` rather than `e` or a space) meets far fewer false candidates.
        let k = rarestIndex(needle)
        let rare = Int32(needle[k])
        let last = hay.count - needle.count
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i + k, rare, last - i + 1) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
            if memcmp(base + i, start, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }

    /// The index of the byte of `needle` least common in text (the first of the rarest).
    private static func rarestIndex(_ needle: UnsafeBufferPointer<UInt8>) -> Int {
        var best = 0, bestRarity = -1
        for (i, byte) in needle.enumerated() {
            let r = rarity(byte)
            if r > bestRarity { (best, bestRarity) = (i, r) }
        }
        return best
    }

    /// How rare a byte is in text, roughly: a space and the commonest English letters lowest, capitals, digits
    /// and punctuation higher.
    @inline(__always)
    private static func rarity(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20: return 0
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return commonLetters[Int(byte - UInt8(ascii: "a"))]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 30
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 32
        case 0x80...0xFF: return 28
        default: return 34
        }
    }

    /// The rarity of each lower-case letter `a`…`z`: its rank in English letter frequency (e 1 … z 26).
    private static let commonLetters: [Int] = [3, 20, 12, 10, 1, 16, 17, 8, 5, 23, 22, 11, 14, 6, 4, 19, 25, 9, 7, 2, 13, 21, 15, 24, 18, 26]
}
