/// The distinct words of one search document, in first-seen order, each with its best field weight and how often it
/// occurs: what `SearchDocument.weights()` counts while the document's words stream by. A `String` is made once per
/// distinct word, at the end.
struct SearchWordTable {
    private var words = WordNumbers()
    private var best: [Int] = []
    private var count: [Int] = []

    /// Notes one occurrence of `word` (folded UTF-8) in a field of `weight`.
    mutating func add(_ word: Span<UInt8>, weight: Int) {
        let (n, isNew) = words.number(of: word)
        if isNew {
            best.append(weight)
            count.append(1)
        } else {
            best[n] = max(best[n], weight)
            count[n] += 1
        }
    }

    /// Each word with its weight: its best field, plus how often it occurs (up to 4), plus `boost`.
    func weights(boost: Int) -> [(String, Int)] {
        best.indices.map { n in (words.word(n), best[n] + min(count[n], 4) + boost) }
    }
}
