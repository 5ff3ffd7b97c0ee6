/// Suggests actors to add: capitalised names in Latin script that occur at least twice in an article and are not
/// already a known actor's name or alias. Other scripts have no capital letters to go by, so only known aliases
/// find names there (the site's mention finder does that).
public enum NameSuggestions {
    /// A suggested name and how often it occurs.
    public struct Suggestion: Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    /// Words that start sentences or name dates rather than actors.
    static let stopWords: Set<String> = [
        "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "It", "Its", "This", "That", "These", "Those", "He",
        "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "As", "For", "With", "By", "From", "To", "Of",
        "After", "Before", "When", "While", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "There", "What", "Why", "How", "Who", "So", "Yet", "Still", "Also", "Some",
    ]
    static let connectors: Set<String> = ["of", "de", "van", "von", "der", "den", "la", "le", "du", "da", "al", "bin", "and"]

    /// Up to `limit` names occurring at least twice in `text`, most frequent first, leaving out `known` names
    /// (compared case-insensitively, and names that are part of a known one).
    public static func find(in text: String, known: [String], limit: Int = 10) -> [Suggestion] {
        var counts: [String: Int] = [:]
        var midSentence = Set<String>()
        for paragraph in text.split(separator: "\n") {
            for (name, atStart) in names(in: String(paragraph)) {
                counts[name, default: 0] += 1
                if !atStart { midSentence.insert(name) }
            }
        }
        // A lone capitalised word that starts every sentence it is in may be any word; seen capitalised mid-sentence
        // at least once, it is a name, and its sentence-initial uses count too.
        counts = counts.filter { midSentence.contains($0.key) }
        // "Commerce Secretary Howard Lutnick" is also a mention of "Howard Lutnick".
        var total = counts
        for (long, n) in counts {
            for short in counts.keys where short != long && (" " + long + " ").contains(" " + short + " ") {
                total[short, default: 0] += n
            }
        }
        counts = total
        let knownLower = known.map { $0.lowercased() }
        return counts.filter { name, count in
            let lower = name.lowercased()
            return count >= 2 && !knownLower.contains { $0 == lower || $0.contains(lower) || lower.contains($0) }
        }
        .map { Suggestion(name: $0.key, count: $0.value) }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        .prefix(limit).map { $0 }
    }

    /// The runs of capitalised words in one paragraph, each with whether it is a single word starting a sentence.
    static func names(in paragraph: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        var run: [String] = []
        var runStartsSentence = false
        var sentenceStart = true
        func close() {
            while let last = run.last, connectors.contains(last) { run.removeLast() }
            while let first = run.first, stopWords.contains(first) { run.removeFirst(); runStartsSentence = false }
            if !run.isEmpty { result.append((run.joined(separator: " "), run.count == 1 && runStartsSentence)) }
            run = []
        }
        for token in paragraph.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }) {
            let word = token.trimmingCharacters(in: trimmed)
            let endsSentence = token.last.map { ".!?:;\"”".contains($0) } ?? false
            if isCapitalised(word) {
                if run.isEmpty { runStartsSentence = sentenceStart }
                run.append(word)
            } else if !run.isEmpty, connectors.contains(word), !endsSentence {
                run.append(word)
                sentenceStart = false
                continue
            } else {
                close()
            }
            let breaks = word.count < token.count && token.last.map { ",()[]—–".contains($0) } ?? false
            if endsSentence || breaks { close() }
            sentenceStart = endsSentence
        }
        close()
        return result
    }

    private static let trimmed = Set<Character>("\"'“”‘’()[],.;:!?«»—–")

    /// Whether `word` is a capitalised Latin-script word of at least two letters.
    static func isCapitalised(_ word: String) -> Bool {
        guard word.count >= 2, let first = word.unicodeScalars.first, first.value < 0x250,
              first.properties.isUppercase else { return false }
        return word.unicodeScalars.allSatisfy { $0.value < 0x250 && ($0.properties.isAlphabetic || $0 == "-" || $0 == "'" || $0 == "’" || $0 == ".") }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
