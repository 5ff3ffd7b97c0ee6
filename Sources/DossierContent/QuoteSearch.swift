import DossierSupport
import Foundation

/// One place a quote was found: the range (in `QuoteText.scalars`) of each of its parts, in text order. A quote
/// without elision has one part.
public struct QuoteMatch: Sendable, Hashable {
    /// The ranges of the original text that the quote's parts match.
    public var parts: [Range<Int>]

    /// Makes a match of the given parts.
    public init(parts: [Range<Int>]) { self.parts = parts }

    /// From the start of the first part to the end of the last.
    public var span: Range<Int> { parts[0].lowerBound..<parts[parts.count - 1].upperBound }
}

/// What searching a source for a quote found.
public enum QuoteSearch: Sendable, Hashable {
    /// Every place the quote occurs, in text order (at least one).
    case found([QuoteMatch])
    /// The quote does not hold: why.
    case failed(QuoteProblem)
}

/// Why a quote does not hold in its source.
public enum QuoteProblem: Sendable, Hashable {
    /// The quote is not in the source; the closest passage, when there is one.
    case notFound(closest: String?)
    /// The quote is only an ellipsis.
    case onlyEllipsis
    /// Part `part` (1-based) of an elided quote is too short to be checked.
    case partTooShort(part: Int, text: String)
    /// Part `part` of an elided quote is not in the source.
    case partNotFound(part: Int, text: String, closest: String?)
    /// Part `part` occurs only before the part that precedes it in the quote.
    case outOfOrder(part: Int, text: String)
    /// Part `part` occurs only in other paragraphs than the part before it.
    case differentParagraphs(part: Int, text: String)

    /// What is wrong, in words, to follow `quote not found in source 'x': "…"`.
    public var message: String {
        switch self {
        case .notFound(let closest):
            return closest.map { "; the closest passage is \"\($0)\"" } ?? ""
        case .onlyEllipsis:
            return ": the quote is only an ellipsis; quote the words themselves"
        case let .partTooShort(part, text):
            return ": part \(part) (\"\(text)\") is too short; each part of an elided quote needs at least three words (or six CJK characters)"
        case let .partNotFound(part, text, closest):
            return ": part \(part) (\"\(text)\") is not in the source" + (closest.map { "; the closest passage is \"\($0)\"" } ?? "")
        case let .outOfOrder(part, text):
            return ": part \(part) (\"\(text)\") comes before part \(part - 1) in the source; the parts of an elided quote must be in the source's order"
        case let .differentParagraphs(part, text):
            return ": part \(part) (\"\(text)\") is not in the same paragraph as part \(part - 1); the parts of an elided quote must come from one paragraph"
        }
    }
}

extension QuoteText {
    /// Every place `quote` occurs, compared after folding (see `QuoteText`). An ellipsis (`…`, `...`, `[…]`,
    /// `[...]`) is first compared as text; where that fails it elides words, and each part must then occur, in
    /// order, in one paragraph, and be at least three words (or six CJK characters) long. A leading or trailing
    /// ellipsis is ignored. A quote starting or ending with a letter does not match inside a word.
    public func search(_ quote: String) -> QuoteSearch {
        let needle = QuoteText(quote)
        // A quote with no word (only an ellipsis, say) is no quote, even where the source has the same marks.
        let hasWord = needle.folded.contains { $0 >= 0x80 || Mentions.isWord(Unicode.Scalar($0)) }
        if hasWord {
            let whole = occurrences(of: needle.folded[...])
            if !whole.isEmpty { return .found(whole.map { QuoteMatch(parts: [originalRange($0)]) }) }
        }
        let parts = Self.elisionParts(needle.folded)
        if parts.isEmpty { return .failed(Self.hasMarker(needle.folded) ? .onlyEllipsis : .notFound(closest: nil)) }
        if parts.count == 1, parts[0].count == needle.folded.count {
            return .failed(.notFound(closest: closestPassage(to: needle.folded[...])))
        }
        if parts.count == 1 {
            let found = occurrences(of: needle.folded[parts[0]])
            if found.isEmpty { return .failed(.notFound(closest: closestPassage(to: needle.folded[parts[0]]))) }
            return .found(found.map { QuoteMatch(parts: [originalRange($0)]) })
        }
        return searchParts(parts, of: needle)
    }

    /// The range (in `scalars`) of the first place `quote` occurs, from the start of its first part to the end of
    /// its last, or nil when the source does not hold it.
    public func find(_ quote: String) -> Range<Int>? {
        if case .found(let matches) = search(quote) { return matches[0].span }
        return nil
    }

    /// How many places of `text` (compared as `search` compares a quote without elision) start before original
    /// scalar `index`: which occurrence a passage at `index` is, counted from 0.
    public func occurrencesBefore(_ text: String, at index: Int) -> Int {
        occurrences(of: QuoteText(text).folded[...], while: { origin[$0] < index }).count
    }

    /// Whether `other` folds to the same text as this one: a place found in one is then at the same folded offsets in
    /// the other.
    public func foldsLike(_ other: QuoteText) -> Bool { folded == other.folded }

    /// The original range, in `other` (which folds like this text), of the place of `text` that is the same occurrence
    /// as its place starting at original scalar `index` here, or of its last place when none starts there or later;
    /// nil when it does not occur. One fold and one search do what `occurrencesBefore` here and then
    /// `find(_:occurrence:)` in `other` would do.
    public func place(of text: String, at index: Int, in other: QuoteText) -> Range<Int>? {
        var reached = false
        let found = occurrences(of: QuoteText(text).folded[...], while: { offset in
            guard !reached else { return false }
            reached = origin[offset] >= index
            return true
        })
        return found.last.map(other.originalRange)
    }

    /// The original range of the place `text` occurs for the `n`th time (from 0), or of its last place when it
    /// occurs fewer times; nil when it does not occur. The search stops at that place.
    public func find(_ text: String, occurrence n: Int) -> Range<Int>? {
        var seen = 0
        let found = occurrences(of: QuoteText(text).folded[...], while: { _ in defer { seen += 1 }; return seen <= n })
        return found.last.map(originalRange)
    }

    /// Searches the parts of an elided quote: each part must occur after the one before, in its paragraph.
    private func searchParts(_ parts: [Range<Int>], of needle: QuoteText) -> QuoteSearch {
        func partText(_ k: Int) -> String { needle.text(needle.originalRange(parts[k])) }
        for k in parts.indices where !Self.isLongEnough(needle.folded[parts[k]]) {
            return .failed(.partTooShort(part: k + 1, text: partText(k)))
        }
        let places = parts.map { occurrences(of: needle.folded[$0]) }
        if let k = places.firstIndex(where: \.isEmpty) {
            return .failed(.partNotFound(part: k + 1, text: partText(k), closest: closestPassage(to: needle.folded[parts[k]])))
        }
        var matches: [QuoteMatch] = []
        for first in places[0] {
            var chain = [first]
            for k in 1..<parts.count {
                let before = chain[k - 1]
                let paragraph = paragraphRange(self.paragraph(ofFolded: before.lowerBound))
                guard let next = places[k].first(where: { $0.lowerBound >= before.upperBound && $0.upperBound <= paragraph.upperBound })
                else { break }
                chain.append(next)
            }
            if chain.count == parts.count { matches.append(QuoteMatch(parts: chain.map(originalRange))) }
        }
        if !matches.isEmpty { return .found(matches) }
        return .failed(partProblem(places, text: partText))
    }

    /// Which part of an elided quote failed, given where each part occurs: the first whose places are all in other
    /// paragraphs than the part before, or all before it.
    private func partProblem(_ places: [[Range<Int>]], text: (Int) -> String) -> QuoteProblem {
        for k in 1..<places.count {
            let sameParagraph = places[k].contains { next in
                places[k - 1].contains { paragraph(ofFolded: $0.lowerBound) == paragraph(ofFolded: next.lowerBound) }
            }
            let after = places[k].contains { next in places[k - 1].contains { $0.upperBound <= next.lowerBound } }
            if !sameParagraph { return .differentParagraphs(part: k + 1, text: text(k)) }
            if !after { return .outOfOrder(part: k + 1, text: text(k)) }
        }
        return .differentParagraphs(part: places.count, text: text(places.count - 1))
    }

    /// The folded ranges of every place `needle` occurs, not overlapping, whose ends do not cut a word; the
    /// search stops before a place at whose folded offset `keep` is false.
    func occurrences(of needle: ArraySlice<UInt8>, while keep: (Int) -> Bool = { _ in true }) -> [Range<Int>] {
        guard !needle.isEmpty else { return [] }
        var found: [Range<Int>] = []
        let hay = folded.span, pattern = needle.span
        var from = 0
        while from < hay.count, let i = ByteSearch.firstOffset(of: pattern, in: hay, from: from) {
            let range = i..<(i + pattern.count)
            if Self.keepsWords(range, in: hay, pattern) {
                guard keep(i) else { break }
                found.append(range)
                from = range.upperBound
            } else {
                from = i + 1
            }
        }
        return found
    }

    /// Whether a match at `range` of `hay` neither starts nor ends inside a word of a spaced script.
    private static func keepsWords(_ range: Range<Int>, in hay: Span<UInt8>, _ pattern: Span<UInt8>) -> Bool {
        if range.lowerBound > 0, isSpacedLetter(scalar(endingAt: range.lowerBound, in: hay)),
            isSpacedLetter(scalar(startingAt: 0, in: pattern)) {
            return false
        }
        if range.upperBound < hay.count, isSpacedLetter(scalar(startingAt: range.upperBound, in: hay)),
            isSpacedLetter(scalar(endingAt: pattern.count, in: pattern)) {
            return false
        }
        return true
    }

    /// The scalar whose UTF-8 starts at `offset` of `bytes`.
    static func scalar(startingAt offset: Int, in bytes: Span<UInt8>) -> Unicode.Scalar {
        let b = bytes[offset]
        if b < 0x80 { return Unicode.Scalar(b) }
        let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where offset + k < bytes.count { value = value << 6 | UInt32(bytes[offset + k] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The scalar whose UTF-8 ends just before `offset` of `bytes`.
    static func scalar(endingAt offset: Int, in bytes: Span<UInt8>) -> Unicode.Scalar {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(startingAt: start, in: bytes)
    }

    /// Whether `s` is a letter or digit of a script that separates words with spaces.
    static func isSpacedLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return Mentions.isWord(s) }
        return !isCJK(s) && (s.properties.isAlphabetic || s.properties.numericType != nil)
    }

    /// Whether `s` is Chinese, Japanese or Korean script, written without spaces between words.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3040...0x30FF, 0x3130...0x318F,
             0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            true
        default: false
        }
    }

    /// The folded ranges of an elided quote's parts, split at `[...]` and `...` and trimmed; parts of nothing but
    /// punctuation and spaces are left out, which drops a leading or trailing ellipsis.
    static func elisionParts(_ folded: [UInt8]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0, i = 0
        func close(_ end: Int) {
            var lower = start, upper = end
            while lower < upper, folded[lower] == 0x20 { lower += 1 }
            while upper > lower, folded[upper - 1] == 0x20 { upper -= 1 }
            let part = folded[lower..<upper]
            if part.contains(where: { $0 >= 0x80 || Mentions.isWord(Unicode.Scalar($0)) }) { parts.append(lower..<upper) }
        }
        while i < folded.count {
            let marker = markerLength(folded, at: i)
            if marker > 0 {
                close(i)
                i += marker
                start = i
            } else {
                i += 1
            }
        }
        close(folded.count)
        return parts
    }

    /// Whether folded text holds an elision marker.
    static func hasMarker(_ folded: [UInt8]) -> Bool {
        folded.indices.contains { markerLength(folded, at: $0) > 0 }
    }

    /// The length of an elision marker (`[...]` or `...`) at `i`, or 0.
    private static func markerLength(_ f: [UInt8], at i: Int) -> Int {
        let dot = UInt8(ascii: ".")
        if f[i] == UInt8(ascii: "["), i + 4 < f.count, f[i + 1] == dot, f[i + 2] == dot, f[i + 3] == dot, f[i + 4] == UInt8(ascii: "]") {
            return 5
        }
        if f[i] == dot, i + 2 < f.count, f[i + 1] == dot, f[i + 2] == dot { return 3 }
        return 0
    }

    /// Whether a part of an elided quote is long enough to be checked: three words, or six CJK characters.
    static func isLongEnough(_ part: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: part, as: UTF8.self)
        var words = 0, cjk = 0, inWord = false
        for s in text.unicodeScalars {
            if isCJK(s) {
                cjk += 1
                inWord = false
            } else if isSpacedLetter(s) {
                if !inWord { words += 1 }
                inWord = true
            } else if s == " " {
                inWord = false
            }
        }
        return 2 * words + cjk >= 6
    }
}

/// Remembers what searching each source for each quote found, keyed by the source's text, so a rebuild searches
/// only quotes that are new or whose source changed.
struct QuoteCache: Sendable {
    private var bySource: [String: (text: String, found: [String: QuoteSearch])] = [:]
    /// Sources whose cached text was compared with the current text in this load.
    private var checked: Set<String> = []

    /// Starts a new load: each source's text is compared again, once, before its cached quotes are used.
    mutating func startLoad() { checked = [] }

    /// What searching source `id` for `quote` found, or nil when the cache does not know; for a source that
    /// `prefetch` has seen in this load.
    func known(_ quote: String, in id: String) -> QuoteSearch? {
        bySource[id]?.found[quote]
    }

    /// Searches, on all cores, every quote of `wanted` (a quote and the id of its source, whose text is in `texts`)
    /// that the cache does not know yet, so that `known` then answers each from the cache.
    mutating func prefetch(_ wanted: [(quote: String, source: String)], in texts: [String: QuoteText], jobs: Jobs) {
        var missing: [(quote: String, source: String)] = []
        var queued = Set<[String]>()
        for (quote, source) in wanted {
            guard let text = texts[source] else { continue }
            check(source, text)
            guard bySource[source]!.found[quote] == nil, queued.insert([source, quote]).inserted else { continue }
            missing.append((quote, source))
        }
        let results = missing.concurrentMap(jobs: jobs) { texts[$0.source]!.search($0.quote) }
        for ((quote, source), result) in zip(missing, results) { bySource[source]!.found[quote] = result }
    }

    /// Forgets what was found in source `id` when its text is not the one the cache searched, once per load.
    private mutating func check(_ id: String, _ text: QuoteText) {
        if checked.insert(id).inserted, bySource[id]?.text != text.text { bySource[id] = (text.text, [:]) }
    }
}
