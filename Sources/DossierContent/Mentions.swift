import DossierModel
import DossierSupport
import Foundation

/// Finds which sources name which actors, in one pass per source, ignoring case and accents.
///
/// Names in scripts that put spaces between words are matched by whole words (Ann is not in Annual): each
/// source's words are looked up as runs of up to the longest name's length, so the cost grows with the text,
/// not with actors × sources. Names in Chinese, Japanese or Korean script, written without spaces, are found
/// anywhere in the text (橋本 in 橋本氏は).
enum Mentions {
    /// Remembers, per source, which actors its text names, for the names it was scanned with.
    struct Cache: Sendable {
        var names: [[Int]: [String]] = [:]
        var vocabulary: [Substring: Int] = [:]
        /// Names written in CJK script (in NFKC), with the actors they name.
        var cjkNames: [String: [String]] = [:]
        var bySource: [String: (text: String, hits: Set<String>)] = [:]

        /// Finds, for each actor, the sources naming it; scans only sources new or changed since the last call
        /// with the same names.
        mutating func find(actors: [Actor], sources: [Source], texts: [String: QuoteText], jobs: Jobs) -> [String: [String]] {
            var wordIDs: [Substring: Int] = [:]
            var names: [[Int]: [String]] = [:]
            var longest = 1
            var cjkNames: [String: [String]] = [:]
            for a in actors {
                for name in Set([a.name] + a.otherNames).sorted() {
                    if name.unicodeScalars.contains(where: QuoteText.isCJK) {
                        cjkNames[name.precomposedStringWithCompatibilityMapping, default: []].append(a.id)
                        continue
                    }
                    let words = tokens(name).map(Mentions.fold)
                    guard !words.isEmpty else { continue }
                    let ids = words.map { w -> Int in
                        if let id = wordIDs[w] { return id }
                        wordIDs[w] = wordIDs.count
                        return wordIDs.count - 1
                    }
                    names[ids, default: []].append(a.id)
                    longest = max(longest, words.count)
                }
            }
            if names != self.names || wordIDs != vocabulary || cjkNames != self.cjkNames { bySource = [:] }
            self.names = names
            self.vocabulary = wordIDs
            self.cjkNames = cjkNames
            let cjk = cjkNames.sorted { $0.key < $1.key }
            let lookup = WordLookup(wordIDs)
            let index = names, maxWords = longest, known = bySource
            let perSource: [(String, String, Set<String>)] = sources.concurrentMap(jobs: jobs) { source in
                let text = texts[source.id]?.text ?? ""
                if let cached = known[source.id], cached.text == text { return (source.id, text, cached.hits) }
                let ids = lookup.ids(of: text)
                var hits = Set<String>()
                var key: [Int] = []
                key.reserveCapacity(maxWords)
                for i in ids.indices where ids[i] >= 0 {
                    key.removeAll(keepingCapacity: true)
                    var j = i
                    while j < ids.count, j - i < maxWords, ids[j] >= 0 {
                        key.append(ids[j])
                        if let found = index[key] { hits.formUnion(found) }
                        j += 1
                    }
                }
                hits.formUnion(Mentions.cjkHits(cjk, in: text))
                return (source.id, text, hits)
            }
            var result: [String: [String]] = [:]
            bySource = [:]
            for (source, text, hits) in perSource {
                bySource[source] = (text, hits)
                for actor in hits { result[actor, default: []].append(source) }
            }
            return result.mapValues { $0.sorted() }
        }
    }

    /// Looks up the words of a text in the names' vocabulary: ASCII words by their bytes in an open-addressed
    /// table (no `String` hashing), other words by `String` equality, as `tokens` would compare them.
    struct WordLookup: Sendable {
        private let vocabulary: [Substring: Int]
        /// Each ASCII word of the vocabulary, its bytes stored end to end in `bytes`.
        private let words: [(start: Int, count: Int, id: Int)]
        private let bytes: [UInt8]
        /// Indices into `words` by hash, -1 where empty; its count is a power of two.
        private let slots: [Int]
        /// Whether some vocabulary word is not ASCII: an ASCII word of a text might then equal it as a `String`
        /// (a Kelvin sign is canonically a K), so a miss in the table is checked against the vocabulary too.
        private let hasOtherWords: Bool

        init(_ vocabulary: [Substring: Int]) {
            self.vocabulary = vocabulary
            var words: [(start: Int, count: Int, id: Int)] = []
            var bytes: [UInt8] = []
            var hasOtherWords = false
            for (word, id) in vocabulary.sorted(by: { $0.value < $1.value }) {
                if word.utf8.allSatisfy({ $0 < 0x80 }) {
                    words.append((bytes.count, word.utf8.count, id))
                    bytes.append(contentsOf: word.utf8)
                } else {
                    hasOtherWords = true
                }
            }
            var size = 16
            while size < words.count * 2 { size *= 2 }
            var slots = [Int](repeating: -1, count: size)
            let b = bytes.span
            for (n, w) in words.enumerated() {
                var s = Int(truncatingIfNeeded: WordLookup.hash(b.extracting(w.start..<(w.start + w.count)))) & (size - 1)
                while slots[s] >= 0 { s = (s + 1) & (size - 1) }
                slots[s] = n
            }
            self.words = words
            self.bytes = bytes
            self.slots = slots
            self.hasOtherWords = hasOtherWords
        }

        /// The vocabulary id of each word of `text`, in order, -1 for words not in it.
        func ids(of text: String) -> [Int] {
            let utf8 = text.utf8.span
            var ids: [Int] = []
            Mentions.forEachWord(in: utf8) { range, isASCII in
                if isASCII, let id = asciiID(utf8.extracting(range)) {
                    ids.append(id)
                } else if !isASCII || hasOtherWords {
                    let scalars = text.unicodeScalars, start = text.utf8.index(text.startIndex, offsetBy: range.lowerBound)
                    let word = Substring(scalars[start..<text.utf8.index(start, offsetBy: range.count)])
                    ids.append(vocabulary[Mentions.fold(word)] ?? -1)
                } else {
                    ids.append(-1)
                }
            }
            return ids
        }

        private func asciiID(_ word: Span<UInt8>) -> Int? {
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: WordLookup.hash(word)) & mask
            let stored = bytes.span
            while true {
                let n = slots[s]
                if n < 0 { return nil }
                let w = words[n]
                if w.count == word.count, WordLookup.equalIgnoringCase(stored.extracting(w.start..<(w.start + w.count)), word) { return w.id }
                s = (s + 1) & mask
            }
        }

        /// FNV-1a over the bytes in lower case.
        private static func hash(_ word: Span<UInt8>) -> UInt64 {
            var h = FNV1a()
            for k in word.indices { h.add(lower(word[k])) }
            return h.value
        }

        /// An ASCII byte in lower case.
        @inline(__always)
        private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

        /// Whether the stored (lower-case) word `stored`, as long as `word`, equals `word` but for case.
        private static func equalIgnoringCase(_ stored: Span<UInt8>, _ word: Span<UInt8>) -> Bool {
            for k in 0..<word.count where stored[k] != lower(word[k]) { return false }
            return true
        }
    }

    /// The actors whose CJK names occur anywhere in `text` (compared in NFKC).
    static func cjkHits(_ names: [(key: String, value: [String])], in text: String) -> Set<String> {
        guard !names.isEmpty, text.utf8.contains(where: { $0 >= 0xE0 }) else { return [] }
        let compatible = text.precomposedStringWithCompatibilityMapping
        var hits = Set<String>()
        for (name, actors) in names where compatible.contains(name) { hits.formUnion(actors) }
        return hits
    }

    /// A word as names and texts are compared: lower case, without accents.
    static func fold(_ word: Substring) -> Substring {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return Substring(word.lowercased()) }
        return Substring(word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    /// The words of `text`: runs of letters and digits (checked per Unicode scalar, which is much cheaper than per character).
    static func tokens(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if isWord(s) {
                if start == nil { start = i }
            } else if let st = start {
                words.append(Substring(text[st..<i]))
                start = nil
            }
            i = scalars.index(after: i)
        }
        if let st = start { words.append(Substring(text[st...])) }
        return words
    }

    /// Calls `body` with the byte range of each word of valid UTF-8 `utf8`, split exactly as `tokens` splits
    /// the same text, and whether the word is all ASCII.
    static func forEachWord(in utf8: Span<UInt8>, _ body: (Range<Int>, Bool) -> Void) {
        var start = -1
        var ascii = true
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            let length: Int
            let word: Bool
            if b < 0x80 {
                length = 1
                word = isWord(Unicode.Scalar(b))
            } else {
                var value: UInt32
                if b < 0xE0 {
                    length = 2; value = UInt32(b & 0x1F)
                } else if b < 0xF0 {
                    length = 3; value = UInt32(b & 0x0F)
                } else {
                    length = 4; value = UInt32(b & 0x07)
                }
                for k in 1..<length { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
                word = Unicode.Scalar(value).map(isWord) ?? false
            }
            if word {
                if start < 0 { start = i; ascii = true }
                if length > 1 { ascii = false }
            } else if start >= 0 {
                body(start..<i, ascii)
                start = -1
            }
            i += length
        }
        if start >= 0 { body(start..<n, ascii) }
    }

    /// Whether a scalar belongs to a word: a letter or digit (ASCII), or any alphabetic or numeric scalar of a
    /// script that puts spaces between words (CJK characters end a word: those names are found otherwise).
    @inline(__always)
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? ((s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
            : (s.properties.isAlphabetic || s.properties.numericType != nil) && !QuoteText.isCJK(s)
    }
}
