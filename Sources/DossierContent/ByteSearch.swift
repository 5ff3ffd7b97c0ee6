import DossierSupport

/// Finding bytes among bytes, for the searches a load repeats many times (quotes in source texts, wording in
/// judgments): each candidate is found by the needle's rarest byte, then the whole needle is compared.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `hay` at or after `from`, or nil (also for an empty
    /// `needle`).
    static func firstOffset(of needle: Span<UInt8>, in hay: Span<UInt8>, from: Int = 0) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count - from else { return nil }
        // Looking for a rare byte (`q` rather than `e` or a space) meets far fewer false candidates.
        let k = rarestIndex(needle)
        let rare = needle[k]
        // The rare byte of a match that fits lies in `candidates`.
        let candidates = hay.extracting(..<(hay.count - needle.count + k + 1))
        var i = from
        while let hit = ByteSpan.firstIndex(of: rare, in: candidates, from: i + k) {
            i = hit - k
            if matches(needle, in: hay, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `hay` at `offset`.
    @inline(__always)
    private static func matches(_ needle: Span<UInt8>, in hay: Span<UInt8>, at offset: Int) -> Bool {
        for j in needle.indices where hay[offset + j] != needle[j] { return false }
        return true
    }

    /// The index of the byte of `needle` least common in text (the first of the rarest).
    private static func rarestIndex(_ needle: Span<UInt8>) -> Int {
        var best = 0, bestRarity = -1
        for i in needle.indices {
            let r = rarity(needle[i])
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
