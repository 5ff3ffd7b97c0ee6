import Foundation

/// A text prepared for finding quotes in it: folded for comparison, with a map back to the original.
///
/// Folding makes a quote match however the source typed it: runs of whitespace (including non-breaking
/// space) become one space, curly and straight quotation marks and primes compare equal, dashes compare
/// equal, and both sides are in Unicode NFC. Case still matters.
public struct QuoteText: Sendable {
    /// The original text, in NFC, as scalars; ranges returned by `find` index into it.
    public let scalars: [Unicode.Scalar]
    private let folded: [Unicode.Scalar]
    /// For each folded scalar, the index of the original scalar it came from.
    private let origin: [Int]

    /// Prepares `text` for quote searches.
    public init(_ text: String) {
        // ASCII text is already in NFC; normalising only the rest keeps this cheap for most sources.
        let nfc = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        scalars = Array(nfc.unicodeScalars)
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(scalars.count)
        origin.reserveCapacity(scalars.count)
        var lastWasSpace = true
        for (i, s) in scalars.enumerated() {
            let f = QuoteText.fold(s)
            if f == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            folded.append(f)
            origin.append(i)
        }
        if folded.last == " " {
            folded.removeLast()
            origin.removeLast()
        }
        self.folded = folded
        self.origin = origin
    }

    /// The folded form of one scalar.
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return " "
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
            return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033:
            return "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212:
            return "-"
        default:
            return s
        }
    }

    /// The folded form of a quote, trimmed, as it is compared.
    public static func foldedQuote(_ quote: String) -> [Unicode.Scalar] {
        let t = QuoteText(quote)
        return t.folded
    }

    /// The range (in `scalars`) of the first occurrence of `quote`, or nil when the source does not contain it.
    public func find(_ quote: String) -> Range<Int>? {
        let needle = QuoteText.foldedQuote(quote)
        guard !needle.isEmpty, needle.count <= folded.count else { return nil }
        let first = needle[0]
        var i = 0
        let last = folded.count - needle.count
        while i <= last {
            if folded[i] == first {
                var j = 1
                while j < needle.count && folded[i + j] == needle[j] { j += 1 }
                if j == needle.count {
                    return origin[i]..<(origin[i + needle.count - 1] + 1)
                }
            }
            i += 1
        }
        return nil
    }

    /// The passage of the source that best matches `quote` word for word, for "did you mean" hints.
    public func closestPassage(to quote: String) -> String? {
        let words = String(String.UnicodeScalarView(folded)).split(separator: " ")
        let quoteWords = String(String.UnicodeScalarView(QuoteText.foldedQuote(quote))).split(separator: " ")
        guard !words.isEmpty, !quoteWords.isEmpty else { return nil }
        let n = min(quoteWords.count, words.count)
        let wanted = Set(quoteWords.map { $0.lowercased() })
        var best = 0, bestScore = -1
        for start in 0...(words.count - n) {
            var score = 0
            for k in 0..<n {
                let w = words[start + k]
                if w == quoteWords[k] { score += 3 } else if wanted.contains(w.lowercased()) { score += 1 }
            }
            if score > bestScore {
                bestScore = score
                best = start
            }
        }
        guard bestScore > 0 else { return nil }
        return words[best..<(best + n)].joined(separator: " ")
    }

    /// The original text of `range`, for showing a matched passage.
    public func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }
}
