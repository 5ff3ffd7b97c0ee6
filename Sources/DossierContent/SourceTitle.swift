/// The title of a source that gives none: the first sentence of its first paragraph.
enum SourceTitle {
    /// The longest title, in characters, before it is cut at a word boundary with `…`.
    static let maximumLength = 140

    /// Words that end with a full stop without ending a sentence (compared in lower case, without the stop).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "rev",
        "hon", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos",
        "vol", "vs", "inc", "co", "corp", "ltd", "dept", "approx", "est", "fig", "mt", "ft", "ave", "blvd",
    ]

    /// The first sentence of `text`'s first paragraph (its first line when the text has no blank lines), cut to
    /// `maximumLength` characters; nil for a text with no words.
    static func firstSentence(of text: String) -> String? {
        let paragraph = firstParagraph(of: text)
        let flat = paragraph.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !flat.isEmpty else { return nil }
        return cut(sentence(in: flat))
    }

    /// The first paragraph: up to the first blank line, or the first line when there is no blank line.
    static func firstParagraph(of text: String) -> Substring {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.allSatisfy(\.isWhitespace) }
        guard QuoteText.hasBlankLine(text) else { return lines.first ?? "" }
        let end = lines.firstIndex { $0.allSatisfy(\.isWhitespace) } ?? lines.endIndex
        return Substring(lines[lines.startIndex..<end].joined(separator: "\n"))
    }

    /// The first sentence of one line of text: up to a `.`, `?` or `!` (and any closing marks after it) followed
    /// by a space, or a CJK full stop; a full stop after an abbreviation or an initial does not end it.
    static func sentence(in flat: String) -> String {
        let characters = Array(flat)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if "。！？".contains(c) { return String(characters[...i]) }
            if ".?!".contains(c) {
                var end = i + 1
                while end < characters.count, "\"'”’)]»".contains(characters[end]) { end += 1 }
                if end < characters.count, characters[end] == " ", c != "." || !isAbbreviation(characters, endingAt: i) {
                    return String(characters[..<end])
                }
            }
            i += 1
        }
        return flat
    }

    /// Whether the word ending at the full stop at `stop` is an abbreviation, an initial or a dotted acronym
    /// (`Mr.`, `J.`, `U.S.`, `No.`).
    static func isAbbreviation(_ characters: [Character], endingAt stop: Int) -> Bool {
        var start = stop
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        let word = String(characters[start..<stop]).trimmingPrefix { "\"'“‘(".contains($0) }
        if word.count == 1, word.first!.isLetter { return true }
        if word.contains("."), word.allSatisfy({ $0.isLetter || $0 == "." }) { return true }
        return abbreviations.contains(word.lowercased())
    }

    /// `title` cut at the last word boundary that leaves it, with `…`, within `maximumLength` characters.
    static func cut(_ title: String) -> String {
        guard title.count > maximumLength else { return title }
        let head = title.prefix(maximumLength - 1)
        let endsWord = title[head.endIndex] == " "
        let atSpace = endsWord ? head : head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return atSpace.trimmingSuffix { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" } + "…"
    }
}

extension Substring {
    /// The substring without the characters at its end that satisfy `drop`.
    func trimmingSuffix(_ drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
