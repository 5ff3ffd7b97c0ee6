import DossierSupport
import Foundation

/// The placeholder tokens that stand for references in rendered HTML.
///
/// A token is U+FDD0, the reference index in decimal, U+FDD1. U+FDD0–U+FDEF
/// are Unicode noncharacters that users never type; any in the input (raw
/// or produced by an HTML entity) are replaced with U+FFFD beforehand, so
/// every token in the output is one Dossier inserted. The tokens are
/// inserted as text: cmark's HTML escaping leaves them unchanged, in safe
/// and unsafe mode alike.
enum PlaceholderToken {
    // Swift string literals reject noncharacters, hence the numeric form.
    static let open = Unicode.Scalar(0xFDD0 as UInt32)!
    static let close = Unicode.Scalar(0xFDD1 as UInt32)!
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The token for reference `index`.
    static func token(_ index: Int) -> String {
        var token = String.UnicodeScalarView()
        token.append(open)
        token.append(contentsOf: String(index).unicodeScalars)
        token.append(close)
        return String(token)
    }

    /// Whether a scalar is reserved for placeholders (U+FDD0–U+FDEF).
    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar.value)
    }

    /// Whether UTF-8 `bytes` contain a reserved scalar (EF B7 90–AF).
    static func containsReserved(utf8 bytes: Span<UInt8>) -> Bool {
        firstReserved(in: bytes, from: 0) != nil
    }

    /// Replaces every reserved scalar with U+FFFD. Both are three bytes in
    /// UTF-8 and one scalar, so byte and scalar offsets are unchanged.
    static func neutralize(utf8 bytes: inout [UInt8]) {
        var i = 0
        while let at = firstReserved(in: bytes.span, from: i) {
            bytes[at + 1] = 0xBF
            bytes[at + 2] = 0xBD
            i = at + 3
        }
    }

    /// The offset of the first reserved scalar at or after `start`: lead bytes 0xEF are rare in most text, so
    /// the search skips to each.
    private static func firstReserved(in b: Span<UInt8>, from start: Int) -> Int? {
        guard b.count >= 3 else { return nil }
        let leads = b.extracting(..<(b.count - 2))
        var i = start
        while let at = ByteSpan.firstIndex(of: 0xEF, in: leads, from: i) {
            if b[at + 1] == 0xB7, (0x90...0xAF).contains(b[at + 2]) { return at }
            i = at + 1
        }
        return nil
    }

    /// The well-formed token for a reference below `referenceCount` that starts at byte `i` (U+FDD0, decimal
    /// digits, U+FDD1), with its index and the offset just past it; nil when there is none.
    private static func token<C: RandomAccessCollection>(at i: Int, in bytes: C, referenceCount: Int) -> (index: Int, end: Int)?
    where C.Element == UInt8, C.Index == Int {
        guard i + 2 < bytes.count, bytes[i] == 0xEF, bytes[i + 1] == 0xB7, bytes[i + 2] == 0x90 else { return nil }
        var j = i + 3
        var value = 0
        var digits = 0
        while j < bytes.count, (0x30...0x39).contains(bytes[j]), digits < 18 {
            value = value * 10 + Int(bytes[j] - 0x30)
            digits += 1
            j += 1
        }
        guard digits > 0, j + 2 < bytes.count, bytes[j] == 0xEF, bytes[j + 1] == 0xB7, bytes[j + 2] == 0x91,
              value < referenceCount else { return nil }
        return (value, j + 3)
    }

    /// Where `template`'s tokens are: the UTF-8 ranges between them (`slots.count + 1` of them) and the reference
    /// index of each; nil when the template holds a reserved character that is not a well-formed token (which
    /// `split` would replace, so its pieces are not plain slices of the template).
    static func locate(_ template: String, referenceCount: Int) -> (ranges: [Range<Int>], slots: [Int])? {
        var text = template
        return text.withUTF8 { bytes -> (ranges: [Range<Int>], slots: [Int])? in
            var ranges: [Range<Int>] = [], slots: [Int] = []
            guard let base = bytes.baseAddress else { return ([0..<0], []) }
            var pieceStart = 0
            var i = 0
            while i < bytes.count {
                // Every reserved scalar starts with 0xEF: find the next one with memchr.
                guard let hit = memchr(base + i, 0xEF, bytes.count - i) else { break }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard i + 2 < bytes.count, bytes[i + 1] == 0xB7, (0x90...0xAF).contains(bytes[i + 2]) else { i += 1; continue }
                guard let token = token(at: i, in: bytes, referenceCount: referenceCount) else { return nil }
                ranges.append(pieceStart..<i)
                slots.append(token.index)
                i = token.end
                pieceStart = i
            }
            ranges.append(pieceStart..<bytes.count)
            return (ranges, slots)
        }
    }

    /// Splits `template` at its tokens. Malformed or out-of-range tokens
    /// (which cannot occur, see above) become U+FFFD rather than trapping.
    /// Works on UTF-8 bytes: U+FDD0–U+FDEF are `EF B7 90`–`EF B7 AF`.
    static func split(_ template: String, referenceCount: Int) -> (pieces: [String], slots: [Int]) {
        guard referenceCount > 0 || containsReserved(utf8: template.utf8.span) else { return ([template], []) }
        var pieces: [String] = []
        var slots: [Int] = []
        var current: [UInt8] = []
        let bytes = Array(template.utf8)
        current.reserveCapacity(bytes.count)
        let replacementBytes: [UInt8] = [0xEF, 0xBF, 0xBD]
        func isReservedAt(_ i: Int) -> Bool {
            i + 2 < bytes.count && bytes[i] == 0xEF && bytes[i + 1] == 0xB7 && (0x90...0xAF).contains(bytes[i + 2])
        }
        var i = 0
        while i < bytes.count {
            guard isReservedAt(i) else {
                current.append(bytes[i])
                i += 1
                continue
            }
            if let token = token(at: i, in: bytes, referenceCount: referenceCount) {
                pieces.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                slots.append(token.index)
                i = token.end
                continue
            }
            current.append(contentsOf: replacementBytes)
            i += 3
        }
        pieces.append(String(decoding: current, as: UTF8.self))
        return (pieces, slots)
    }

    /// Replaces each token with `textForIndex(index)` (used for plain text).
    static func substitute(in text: String, _ textForIndex: (Int) -> String) -> String {
        var result = String.UnicodeScalarView()
        var index: Int?  // the digits read so far inside a token
        for scalar in text.unicodeScalars {
            if var current = index {
                if let digit = decimalValue(scalar) {
                    current = current * 10 + digit
                    index = current
                    continue
                }
                if scalar == close {
                    result.append(contentsOf: textForIndex(current).unicodeScalars)
                    index = nil
                    continue
                }
                result.append(replacement)  // malformed token (cannot occur)
                index = nil
            }
            if scalar == open {
                index = 0
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : nil
    }
}
