import DossierSupport

/// Distinct words (UTF-8 bytes), numbered from 0 in first-seen order: what both a document's word count and the
/// index's postings look words up in.
///
/// The words are kept as bytes in one buffer and found through an open-addressed table of their hashes, so a word
/// seen before costs a hash and a byte comparison, and only a new word is stored. A `[String: …]` ran SipHash for
/// every lookup: for every word of every body, a tenth of a clean build's instructions (callgrind, 600-brief corpus),
/// and for every word of every document again when the postings were gathered.
struct WordNumbers {
    /// The distinct words' bytes, one after another; word `i` ends at `ends[i]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing: a word's number, or -1 for an empty slot; a power of two, never more than half full.
    private var slots = [Int32](repeating: -1, count: 256)

    /// The number of `word`, given it the next number if it is new. Inlined: it runs for every word of every body.
    @inline(__always)
    mutating func number(of word: Span<UInt8>) -> (number: Int, isNew: Bool) {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let n = Int(slots[slot])
            if hashes[n] == hash, holds(n, word) { return (n, false) }
            slot = (slot + 1) & mask
        }
        let n = ends.count
        slots[slot] = Int32(n)
        bytes.append(span: word)
        ends.append(bytes.count)
        hashes.append(hash)
        if ends.count * 2 > slots.count { grow() }
        return (n, true)
    }

    /// Word `n` as a `String`.
    func word(_ n: Int) -> String {
        String(decoding: bytes[start(n)..<ends[n]], as: UTF8.self)
    }

    /// FNV-1a over the word's bytes, its high bits folded into the low ones the slots are taken from (XXH64, made
    /// for long inputs, cost about a hundred instructions a word).
    private static func hash(_ word: Span<UInt8>) -> UInt64 {
        var h = FNV1a.hash(word)
        h ^= h >> 32
        h = h &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    private func start(_ n: Int) -> Int { n == 0 ? 0 : ends[n - 1] }

    /// Whether stored word `n` has the bytes of `word`.
    private func holds(_ n: Int, _ word: Span<UInt8>) -> Bool {
        let from = start(n)
        guard ends[n] - from == word.count else { return false }
        for i in word.indices where bytes[from + i] != word[i] { return false }
        return true
    }

    /// Doubles the slots and places every word again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for n in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[n]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n)
        }
    }
}
