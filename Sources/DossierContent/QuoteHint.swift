extension QuoteText {
    /// The passage of the source that best matches a folded quote unit for unit (words, and each CJK character
    /// on its own, so every script gets a hint), within one paragraph; for "did you mean" hints. Nil when no
    /// unit of the quote is in the source.
    func closestPassage(to quote: ArraySlice<UInt8>) -> String? {
        let quoteBytes = Array(quote)
        let quoteUnits = Self.units(quoteBytes)
        let units = Self.units(folded)
        guard !units.isEmpty, !quoteUnits.isEmpty else { return nil }
        let wanted = Set(quoteUnits.map { Self.lowered(quoteBytes[$0]) })
        let paragraphs = units.map { paragraph(ofFolded: $0.lowerBound) }
        let n = min(quoteUnits.count, units.count)
        var best = 0, bestLength = 0, bestScore = 0
        for start in units.indices {
            var score = 0, length = 0
            while length < n, start + length < units.count, paragraphs[start + length] == paragraphs[start] {
                let unit = folded[units[start + length]]
                if unit.elementsEqual(quoteBytes[quoteUnits[length]]) {
                    score += 3
                } else if wanted.contains(Self.lowered(unit)) {
                    score += 1
                }
                length += 1
            }
            if score > bestScore {
                (best, bestLength, bestScore) = (start, length, score)
            }
        }
        guard bestScore > 0 else { return nil }
        let range = originalRange(units[best].lowerBound..<units[best + bestLength - 1].upperBound)
        return text(range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The units of folded text: each run of bytes between spaces, except that each CJK character and each dash
    /// is a unit.
    static func units(_ bytes: [UInt8]) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var start = -1
        var i = 0
        let b = bytes.span
        while i < b.count {
            let byte = b[i]
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            let cjk = byte >= 0xE0 && (isCJK(scalar(startingAt: i, in: b)) || scalar(startingAt: i, in: b) == "—")
            if byte == 0x20 || cjk {
                if start >= 0 { units.append(start..<i) }
                start = -1
                if cjk { units.append(i..<min(i + length, b.count)) }
            } else if start < 0 {
                start = i
            }
            i += length
        }
        if start >= 0 { units.append(start..<bytes.count) }
        return units
    }

    /// A unit in lower case, for comparing words whatever their case.
    private static func lowered(_ unit: ArraySlice<UInt8>) -> String {
        String(decoding: unit, as: UTF8.self).lowercased()
    }
}
