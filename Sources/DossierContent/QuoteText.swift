import DossierModel
import DossierSupport
import Foundation

/// A text prepared for finding quotes in it: folded for comparison, with a map back to the original.
///
/// Folding makes a quote match however the source typed it: every kind of whitespace becomes one space;
/// all quotation marks (straight, curly, low, angle, primes, CJK brackets) are one mark; `…` is `...`; the
/// dashes (– — ‒ − ― and `--`, or a hyphen between spaces) are one dash, with no space around it; soft
/// hyphens, zero-width characters and the BOM are dropped; the rest is in Unicode NFKC, so full-width forms
/// and ligatures match their plain letters. Case and words still matter. Each folded byte remembers the
/// original scalar it came from, so a match is a range of the original text.
public struct QuoteText: Sendable {
    /// The original text, in NFC.
    public let text: String
    /// Whether the text is ASCII, where a scalar's index is its byte offset.
    let isASCII: Bool
    /// The folded text as UTF-8: matching bytes is matching scalars, at a quarter of the memory.
    let folded: [UInt8]
    /// For each folded byte, the index (in `scalars`) of the original scalar it came from.
    let origin: FoldOrigins
    /// The folded offsets at which paragraphs after the first begin, ascending.
    let paragraphStarts: [Int32]
    /// Whether every line break separates paragraphs (a `.txt` source without blank lines).
    public let linesAreParagraphs: Bool

    /// Prepares `text` for quote searches. Paragraphs are separated by blank lines, or, with
    /// `linesAreParagraphs`, by any line break.
    public init(_ text: String, linesAreParagraphs: Bool = false) {
        // ASCII text is already in NFC; normalising only the rest keeps this cheap for most sources.
        isASCII = QuoteText.isASCII(text.utf8.span)
        let nfc = isASCII ? text : text.precomposedStringWithCanonicalMapping
        self.text = nfc
        self.linesAreParagraphs = linesAreParagraphs
        var folding = Folding(capacity: nfc.utf8.count, linesAreParagraphs: linesAreParagraphs)
        if isASCII {
            folding.addASCII(text.utf8.span)
        } else {
            folding.addScalars(Array(nfc.unicodeScalars))
        }
        (folded, origin, paragraphStarts) = folding.finished()
    }

    /// Prepares the text of a `.txt` source: where it has blank lines they separate paragraphs (single line breaks
    /// are soft wraps); where it has none, each line is a paragraph.
    public init(plainText: String) {
        self.init(plainText, linesAreParagraphs: !QuoteText.hasBlankLine(plainText))
    }

    /// Whether `text` has a blank line (only spaces or tabs) between two lines with text.
    public static func hasBlankLine(_ text: String) -> Bool {
        var sawText = false, lineIsBlank = true, blankAfterText = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A:
                if lineIsBlank, sawText { blankAfterText = true }
                lineIsBlank = true
            case 0x20, 0x09, 0x0D: break
            default:
                if blankAfterText { return true }
                sawText = true
                lineIsBlank = false
            }
        }
        return false
    }

    /// Whether every byte is ASCII, read eight bytes at a time.
    static func isASCII(_ bytes: Span<UInt8>) -> Bool {
        var seen: UInt64 = 0
        var i = 0
        while i + 8 <= bytes.count {
            seen |= ByteSpan.load(bytes, at: i)
            i += 8
        }
        while i < bytes.count {
            seen |= UInt64(bytes[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// The original text, in NFC, as scalars; ranges returned by `find` and `search` index into it.
    public var scalars: [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// The folded form of a quote, trimmed, as it is compared.
    public static func foldedQuote(_ quote: String) -> [Unicode.Scalar] {
        Array(String(decoding: QuoteText(quote).folded, as: UTF8.self).unicodeScalars)
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

    /// The range of original scalars that the folded bytes `range` came from.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        origin[range.lowerBound]..<(origin[range.upperBound - 1] + 1)
    }

    /// The 0-based paragraph that folded offset `offset` is in.
    func paragraph(ofFolded offset: Int) -> Int {
        var low = 0, high = paragraphStarts.count
        while low < high {
            let mid = (low + high) / 2
            if Int(paragraphStarts[mid]) <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The folded byte range of paragraph `index`.
    func paragraphRange(_ index: Int) -> Range<Int> {
        let start = index == 0 ? 0 : Int(paragraphStarts[index - 1])
        let end = index < paragraphStarts.count ? Int(paragraphStarts[index]) : folded.count
        return start..<end
    }

    /// The 1-based paragraph that original scalar `index` is in, for messages.
    public func paragraph(ofScalar index: Int) -> Int {
        var low = 0, high = origin.count
        while low < high {
            let mid = (low + high) / 2
            if origin[mid] < index { low = mid + 1 } else { high = mid }
        }
        return paragraph(ofFolded: low) + 1
    }

    /// The 1-based line of the text that original scalar `index` is on, for messages.
    public func line(ofScalar index: Int) -> Int {
        var line = 1
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i >= index { break }
            if scalar == "\n" { line += 1 }
        }
        return line
    }
}

/// The folded text as it is built: one space for each run of whitespace, one dash for each dash, the rest
/// folded scalar by scalar, remembering where paragraphs begin.
private struct Folding: ~Copyable {
    /// The folded bytes and their origins: this runs for every byte of every source.
    var out: FoldBuffer
    var paragraphStarts: [Int32] = []
    /// Whether the last byte written was a space or a dash (or nothing was written), so whitespace is skipped.
    var lastWasSpace = true
    /// Line breaks in the whitespace since the last byte written.
    var newlines = 0
    let breaksForParagraph: Int
    /// NFKC forms of scalars already seen in this text.
    var compatibility: [UInt32: [Unicode.Scalar]] = [:]

    init(capacity: Int, linesAreParagraphs: Bool) {
        out = FoldBuffer(capacity: capacity + capacity / 2 + 8)
        breaksForParagraph = linesAreParagraphs ? 1 : 2
    }

    /// The dash every dash folds to, as UTF-8 (U+2014).
    static let dash: [UInt8] = [0xE2, 0x80, 0x94]

    /// Folds ASCII text, where a scalar is a byte: most sources.
    mutating func addASCII(_ bytes: Span<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            switch byte {
            case 0x0A: space(at: i, newline: true)
            case 0x0D: space(at: i, newline: i + 1 >= n || bytes[i + 1] != 0x0A)
            case 0x09, 0x0B, 0x0C, 0x20: space(at: i, newline: false)
            case UInt8(ascii: "\""), UInt8(ascii: "'"): write(UInt8(ascii: "\""), at: i)
            case UInt8(ascii: "-"):
                let run = hyphenRun(count: n - i) { bytes[i + $0] == UInt8(ascii: "-") }
                let spaced = lastWasSpace && out.count > 0 && (i + 1 >= n || Self.isSpace(UInt32(bytes[i + 1])))
                if run > 1 || spaced { dash(at: i) } else { write(byte, at: i) }
                i += run
                continue
            default:
                write(byte, at: i)
                i += 1
                // The rest of a word needs no state: written as it is.
                while i < n, bytes[i] > 0x20, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'"), bytes[i] != UInt8(ascii: "-") {
                    out.append(bytes[i], from: i)
                    i += 1
                }
                continue
            }
            i += 1
        }
    }

    /// Folds any text, given as its scalars.
    mutating func addScalars(_ scalars: [Unicode.Scalar]) {
        var i = 0
        let n = scalars.count
        while i < n {
            let value = scalars[i].value
            if value == 0x2D {
                let run = hyphenRun(count: n - i) { scalars[i + $0] == "-" }
                let spaced = lastWasSpace && out.count > 0 && (i + 1 >= n || Self.isSpace(scalars[i + 1].value))
                if run > 1 || spaced { dash(at: i) } else { write(0x2D, at: i) }
                i += run
                continue
            }
            add(scalars[i], at: i, beforeLineFeed: i + 1 < n && scalars[i + 1] == "\n")
            i += 1
        }
    }

    /// How many hyphen-minus signs follow one another from here (at least one).
    private func hyphenRun(count: Int, _ isHyphen: (Int) -> Bool) -> Int {
        var run = 1
        while run < count, isHyphen(run) { run += 1 }
        return run
    }

    /// Folds one scalar (not a hyphen-minus) at `index` of the original text.
    private mutating func add(_ scalar: Unicode.Scalar, at index: Int, beforeLineFeed: Bool) {
        switch QuoteText.kind(of: scalar) {
        case .space: space(at: index, newline: false)
        case .newline: space(at: index, newline: scalar != "\r" || !beforeLineFeed)
        case .paragraph:
            newlines += breaksForParagraph
            space(at: index, newline: false)
        case .ignorable: return
        case .quote: write(UInt8(ascii: "\""), at: index)
        case .dash: dash(at: index)
        case .hyphen: write(0x2D, at: index)
        case .ellipsis: for _ in 0..<3 { write(UInt8(ascii: "."), at: index) }
        case .plain: write(scalar, at: index)
        case .other: addCompatible(scalar, at: index)
        }
    }

    /// Folds a scalar through its NFKC form (full-width forms, ligatures, …), each part folded again.
    private mutating func addCompatible(_ scalar: Unicode.Scalar, at index: Int) {
        let mapped: [Unicode.Scalar]
        if let known = compatibility[scalar.value] {
            mapped = known
        } else {
            mapped = Array(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
            compatibility[scalar.value] = mapped
        }
        if mapped.count == 1, mapped[0] == scalar {
            write(scalar, at: index)
            return
        }
        for part in mapped {
            if part == "-" { write(0x2D, at: index) } else if QuoteText.kind(of: part) == .other {
                write(part, at: index)
            } else {
                add(part, at: index, beforeLineFeed: false)
            }
        }
    }

    /// Notes whitespace: the first of a run is written as one space.
    @inline(__always)
    private mutating func space(at index: Int, newline: Bool) {
        if newline { newlines += 1 }
        if lastWasSpace { return }
        lastWasSpace = true
        out.append(0x20, from: index)
    }

    /// Writes a dash, taking back the space before it; spaces after it are skipped.
    private mutating func dash(at index: Int) {
        if out.last == 0x20 { out.removeLast() }
        for byte in Self.dash { write(byte, at: index) }
        lastWasSpace = true
    }

    /// Writes the UTF-8 of `scalar`, which came from the scalar at `index`.
    private mutating func write(_ scalar: Unicode.Scalar, at index: Int) {
        for byte in UTF8.encode(scalar)! { write(byte, at: index) }
    }

    /// Writes one folded byte that came from the scalar at `index`, starting a paragraph first if the whitespace
    /// before held enough line breaks.
    @inline(__always)
    private mutating func write(_ byte: UInt8, at index: Int) {
        if newlines > 0 {
            if newlines >= breaksForParagraph, out.count > 0, paragraphStarts.last.map({ Int($0) < out.count }) ?? true {
                paragraphStarts.append(Int32(out.count))
            }
            newlines = 0
        }
        lastWasSpace = false
        out.append(byte, from: index)
    }

    /// The folded bytes, their origins and the paragraph starts, without a trailing space.
    consuming func finished() -> (folded: [UInt8], origin: FoldOrigins, paragraphStarts: [Int32]) {
        if out.last == 0x20 { out.removeLast() }
        let (folded, origin) = out.finish()
        return (folded, origin, paragraphStarts)
    }

    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || (value >= 0x09 && value <= 0x0D) || (value > 0x7F && QuoteText.kind(of: Unicode.Scalar(value)!) == .space)
    }
}

/// Folded bytes and, for each, the index of the original scalar it came from, in arrays reserved up front.
/// `finish` hands them over.
private struct FoldBuffer: ~Copyable {
    private var bytes: [UInt8] = []
    private var origins: FoldOrigins

    init(capacity: Int) {
        bytes.reserveCapacity(max(capacity, 16))
        origins = FoldOrigins(capacity: max(capacity, 16))
    }

    /// How many bytes were written.
    var count: Int { bytes.count }

    /// The last byte written, if any.
    var last: UInt8? { bytes.last }

    /// Appends `byte`, which came from original scalar `index`.
    @inline(__always)
    mutating func append(_ byte: UInt8, from index: Int) {
        bytes.append(byte)
        origins.append(index)
    }

    /// Takes back the last byte.
    mutating func removeLast() {
        bytes.removeLast()
        origins.removeLast()
    }

    /// The bytes and origins as arrays.
    consuming func finish() -> ([UInt8], FoldOrigins) {
        (bytes, origins)
    }
}

extension QuoteText {
    /// How a scalar folds.
    enum FoldKind: Equatable {
        /// Whitespace other than a line break; a line break; a paragraph separator.
        case space, newline, paragraph
        /// Dropped: soft hyphen, zero-width characters, BOM.
        case ignorable
        /// Folded to one quotation mark, to one dash, to a hyphen, to `...`.
        case quote, dash, hyphen, ellipsis
        /// Kept as it is, known to be its own NFKC form.
        case plain
        /// Kept in its NFKC form.
        case other
    }

    /// How scalar `s` folds.
    static func kind(of s: Unicode.Scalar) -> FoldKind {
        switch s.value {
        case 0x0A, 0x0D, 0x85, 0x2028: .newline
        case 0x2029: .paragraph
        case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: .space
        case 0xAD, 0x034F, 0x180E, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: .ignorable
        case 0x22, 0x27, 0xAB, 0xBB, 0x2018...0x201F, 0x2032, 0x2033, 0x2039, 0x203A, 0x300C...0x300F, 0x301D...0x301F,
             0xFE41...0xFE44, 0xFF02, 0xFF07, 0xFF62, 0xFF63:
            .quote
        case 0x2012...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58: .dash
        case 0x2010, 0x2011: .hyphen
        case 0x2026: .ellipsis
        case 0x00...0x7F, 0xC0...0x131, 0x3001, 0x3002, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FE, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xAC00...0xD7A3:
            .plain
        default: .other
        }
    }
}

extension QuoteText {
    /// A quote as a page shows it, inside marks the page adds itself: without its own outer quotation marks,
    /// when it begins and ends with one (`“no”` shows as `no`, not `““no””`).
    public static func shown(_ quote: String) -> String {
        let scalars = quote.unicodeScalars
        guard scalars.count > 2, let first = scalars.first, let last = scalars.last else { return quote }
        guard kind(of: first) == .quote, kind(of: last) == .quote else { return quote }
        let inner = scalars.dropFirst().dropLast()
        if isDoubleMark(first), isDoubleMark(last), !inner.contains(where: isDoubleMark) { return String(inner) }
        // Single marks: an apostrophe inside (’ or ') is no opening mark, so only ‘ and ‹ inside keep the marks.
        if "'‘‹".unicodeScalars.contains(first), "'’›".unicodeScalars.contains(last), !inner.contains(where: { $0 == "‘" || $0 == "‹" }) {
            return String(inner)
        }
        return quote
    }

    /// Whether `s` is a double quotation mark (or a CJK bracket), as opposed to a single one.
    private static func isDoubleMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "“", "”", "„", "«", "»", "「", "」", "『", "』": true
        default: false
        }
    }
}
