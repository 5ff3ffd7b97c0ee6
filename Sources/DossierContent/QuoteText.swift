import DossierModel
import Foundation

/// A text prepared for finding quotes in it: folded for comparison, with a map back to the original.
///
/// Folding makes a quote match however the source typed it: runs of whitespace (including non-breaking
/// space) become one space, curly and straight quotation marks and primes compare equal, dashes compare
/// equal, and both sides are in Unicode NFC. Case still matters.
public struct QuoteText: Sendable {
    /// The original text, in NFC.
    public let text: String
    /// Whether the text is ASCII, where a scalar's index is its byte offset.
    private let isASCII: Bool
    /// The folded text as UTF-8: matching bytes is matching scalars, at a quarter of the memory.
    private let folded: [UInt8]
    /// For each folded byte, the index (in `scalars`) of the original scalar it came from.
    private let origin: [Int32]

    /// Prepares `text` for quote searches.
    public init(_ text: String) {
        // ASCII text is already in NFC; normalising only the rest keeps this cheap for most sources.
        var copy = text
        isASCII = copy.withUTF8(QuoteText.isASCII)
        let nfc = isASCII ? text : text.precomposedStringWithCanonicalMapping
        self.text = nfc
        if isASCII {
            (folded, origin) = copy.withUTF8(QuoteText.foldASCII)
            return
        }
        var folding = Folding(capacity: nfc.utf8.count)
        for (index, scalar) in nfc.unicodeScalars.enumerated() { folding.add(scalar, at: index) }
        (folded, origin) = folding.finished()
    }

    /// Whether every byte is ASCII, read eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var seen: UInt64 = 0
        var i = 0
        while i + 8 <= bytes.count {
            seen |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            seen |= UInt64(bytes[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// `Folding` for ASCII text, where a scalar is a byte and only whitespace folds: written straight into the
    /// arrays, as most sources are ASCII.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> (folded: [UInt8], origin: [Int32]) {
        // Both are filled in place, uninitialised first: folding never lengthens the text.
        var origin: [Int32] = []
        let folded = [UInt8](unsafeUninitializedCapacity: bytes.count) { folded, foldedCount in
            origin = [Int32](unsafeUninitializedCapacity: bytes.count) { origin, originCount in
                // Raw pointers: this loop runs once for every byte of every source.
                guard let from = bytes.baseAddress, let to = folded.baseAddress, let at = origin.baseAddress else {
                    originCount = 0
                    foldedCount = 0
                    return
                }
                var count = 0
                var lastWasSpace = true
                for i in 0..<bytes.count {
                    var byte = from[i]
                    if byte <= 0x20, byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        if lastWasSpace { continue }
                        lastWasSpace = true
                        byte = 0x20
                    } else {
                        lastWasSpace = false
                    }
                    to[count] = byte
                    at[count] = Int32(i)
                    count &+= 1
                }
                if count > 0, to[count - 1] == 0x20 { count -= 1 }
                originCount = count
                foldedCount = count
            }
        }
        return (folded, origin)
    }

    /// The folded text as it is built: one space for each run of whitespace, the rest folded scalar by scalar.
    private struct Folding {
        var folded: [UInt8] = []
        var origin: [Int32] = []
        var lastWasSpace = true

        init(capacity: Int) {
            folded.reserveCapacity(capacity)
            origin.reserveCapacity(capacity)
        }

        /// Appends the folded form of the scalar at `index` of the original text.
        mutating func add(_ scalar: Unicode.Scalar, at index: Int) {
            let f = QuoteText.fold(scalar)
            if f == " " {
                if lastWasSpace { return }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            if f.isASCII {
                folded.append(UInt8(f.value))
                origin.append(Int32(index))
            } else {
                for byte in UTF8.encode(f)! {
                    folded.append(byte)
                    origin.append(Int32(index))
                }
            }
        }

        /// The folded bytes and their origins, without a trailing space.
        consuming func finished() -> (folded: [UInt8], origin: [Int32]) {
            if folded.last == UInt8(ascii: " ") {
                folded.removeLast()
                origin.removeLast()
            }
            return (folded, origin)
        }
    }

    /// The original text, in NFC, as scalars; ranges returned by `find` index into it.
    public var scalars: [Unicode.Scalar] { Array(text.unicodeScalars) }

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
        Array(String(decoding: QuoteText(quote).folded, as: UTF8.self).unicodeScalars)
    }

    /// The range (in `scalars`) of the first occurrence of `quote`, or nil when the source does not contain it.
    public func find(_ quote: String) -> Range<Int>? {
        let needle = QuoteText(quote).folded
        let hit = folded.withUnsafeBufferPointer { hay in needle.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: hay) } }
        guard let i = hit else { return nil }
        return Int(origin[i])..<(Int(origin[i + needle.count - 1]) + 1)
    }

    /// The passage of the source that best matches `quote` word for word, for "did you mean" hints.
    public func closestPassage(to quote: String) -> String? {
        let words = String(decoding: folded, as: UTF8.self).split(separator: " ")
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
        if isASCII {
            let bytes = text.utf8
            let start = bytes.index(bytes.startIndex, offsetBy: range.lowerBound)
            return String(Substring(bytes[start..<bytes.index(start, offsetBy: range.count)]))
        }
        let view = text.unicodeScalars
        let start = view.index(view.startIndex, offsetBy: range.lowerBound)
        return String(view[start..<view.index(start, offsetBy: range.count)])
    }
}

/// Remembers where quotes were found in each source, keyed by the source's text, so a rebuild searches only
/// quotes that are new or whose source changed.
struct QuoteCache: Sendable {
    private var bySource: [String: (text: String, found: [String: Range<Int>?])] = [:]
    /// Sources whose cached text was compared with the current text in this load.
    private var checked: Set<String> = []

    /// Starts a new load: each source's text is compared again, once, before its cached quotes are used.
    mutating func startLoad() { checked = [] }

    /// Where `quote` was found in source `id` (nil inside when it was not), or nil when the cache does not know;
    /// for a source that `prefetch` has seen in this load.
    func known(_ quote: String, in id: String) -> Range<Int>?? {
        bySource[id]?.found[quote]
    }

    /// Searches, on all cores, every quote of `wanted` (a quote and the id of its source, whose text is in `texts`)
    /// that the cache does not know yet, so that `known` then answers each from the cache.
    mutating func prefetch(_ wanted: [(quote: String, source: String)], in texts: [String: QuoteText]) {
        var missing: [(quote: String, source: String)] = []
        for (quote, source) in wanted {
            guard let text = texts[source] else { continue }
            check(source, text)
            guard bySource[source]!.found[quote] == nil else { continue }
            // A search under way is marked found nowhere; the marks are replaced below.
            bySource[source]!.found[quote] = .some(nil)
            missing.append((quote, source))
        }
        let ranges = missing.concurrentMap { texts[$0.source]!.find($0.quote) }
        for ((quote, source), range) in zip(missing, ranges) { bySource[source]!.found[quote] = .some(range) }
    }

    /// Forgets what was found in source `id` when its text is not the one the cache searched, once per load.
    private mutating func check(_ id: String, _ text: QuoteText) {
        if checked.insert(id).inserted, bySource[id]?.text != text.text { bySource[id] = (text.text, [:]) }
    }
}
