import DossierModel

/// Finds which sources name which actors, by whole words, in one pass per source.
///
/// Each source's words are indexed as runs of up to the longest name's length, so the cost grows with
/// the text, not with actors × sources.
enum Mentions {
    static func find(actors: [Actor], sources: [Source], texts: [String: QuoteText]) -> [String: [String]] {
        var names: [[Substring]: [String]] = [:]
        var longest = 1
        for a in actors {
            for name in Set([a.name] + a.aliases) {
                let words = tokens(name)
                guard !words.isEmpty else { continue }
                names[words, default: []].append(a.id)
                longest = max(longest, words.count)
            }
        }
        let index = names, maxWords = longest
        let perSource: [(String, Set<String>)] = sources.concurrentMap { source in
            let text = String(String.UnicodeScalarView(texts[source.id]?.scalars ?? []))
            let words = tokens(text)
            var hits = Set<String>()
            for i in words.indices {
                for n in 1...maxWords where i + n <= words.count {
                    if let ids = index[Array(words[i..<(i + n)])] { hits.formUnion(ids) }
                }
            }
            return (source.id, hits)
        }
        var result: [String: [String]] = [:]
        for (source, hits) in perSource {
            for actor in hits { result[actor, default: []].append(source) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// The words of `text`: runs of letters and digits (checked per Unicode scalar, which is much cheaper than per character).
    static func tokens(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            let isWord = s.isASCII ? (s.properties.isAlphabetic || (s.value >= 0x30 && s.value <= 0x39))
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
