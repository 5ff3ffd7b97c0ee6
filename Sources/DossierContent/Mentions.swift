import DossierModel

/// Finds which sources name which actors, by whole words, in one pass per source.
///
/// Each source's words are indexed as runs of up to the longest name's length, so the cost grows with
/// the text, not with actors × sources.
enum Mentions {
    /// Remembers, per source, which actors its text names, for the names it was scanned with.
    struct Cache: Sendable {
        var names: [[Int]: [String]] = [:]
        var vocabulary: [Substring: Int] = [:]
        var bySource: [String: (text: String, hits: Set<String>)] = [:]

        /// Finds, for each actor, the sources naming it; scans only sources new or changed since the last call
        /// with the same names.
        mutating func find(actors: [Actor], sources: [Source], texts: [String: QuoteText]) -> [String: [String]] {
            var wordIDs: [Substring: Int] = [:]
            var names: [[Int]: [String]] = [:]
            var longest = 1
            for a in actors {
                for name in Set([a.name] + a.aliases).sorted() {
                    let words = tokens(name)
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
            if names != self.names || wordIDs != vocabulary { bySource = [:] }
            self.names = names
            self.vocabulary = wordIDs
            let vocabulary = wordIDs, index = names, maxWords = longest, known = bySource
            let perSource: [(String, String, Set<String>)] = sources.concurrentMap { source in
                let text = texts[source.id]?.text ?? ""
                if let cached = known[source.id], cached.text == text { return (source.id, text, cached.hits) }
                let ids = tokens(text).map { vocabulary[$0] ?? -1 }
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

    /// The words of `text`: runs of letters and digits (checked per Unicode scalar, which is much cheaper than per character).
    static func tokens(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            let isWord = s.isASCII ? ((s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
                : (s.properties.isAlphabetic || s.properties.numericType != nil)
            if isWord {
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
}
