import DossierContent
import DossierModel
import DossierSupport
import Foundation

/// Short plain-text excerpts of Markdown bodies, for search results, feeds and exports: no markup, `[[links]]`
/// as their label, citations dropped, whitespace folded, cut at a word with an ellipsis.
public enum Excerpt {
    /// Plain text of `markdown` up to `limit` characters; `title` names the item an unlabelled `[[id]]` points to.
    ///
    /// Works on UTF-8 bytes and stops once it has enough text, so it costs little even for long bodies.
    ///
    /// The scan counts Unicode scalars, which may be fewer characters (`e` and a combining accent are one): when
    /// it stopped with no more than `limit` characters, it scans again twice as far, so the cut and its `…` are the
    /// whole text's.
    public static func plain(_ markdown: String, limit: Int, title: (String) -> String? = { _ in nil }) -> String {
        let b = markdown.utf8.span
        var scanLimit = limit
        while true {
            var scan = PlainScan(limit: scanLimit, capacity: min(b.count, scanLimit * 2 + 8))
            scan.run(b, title: title)
            let text = finish(scan.out)
            if !scan.stoppedEarly || text.count > limit { return cut(text, limit: limit) }
            scanLimit = max(scanLimit, 1) * 2
        }
    }

    /// The scan's text trimmed, without the spaces a dropped citation left before punctuation. Done on the bytes
    /// in place where that gives the character-wise result, so a whole body's text (search takes it) is not copied
    /// once per step.
    static func finish(_ scanned: consuming [UInt8]) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        // A leading space may be the start of one character with what follows; a CR LF is one character.
        guard let first = scanned.first, !isSpace(first) else { return characterwiseFinish(scanned) }
        var end = scanned.count
        while end > 0, isSpace(scanned[end - 1]) {
            if scanned[end - 1] == 0x0A, end >= 2, scanned[end - 2] == 0x0D { return characterwiseFinish(scanned) }
            end -= 1
        }
        // Taken, not copied: the scan's bytes (a whole body's text, for search) are changed where they are.
        var bytes = consume scanned
        bytes.removeLast(bytes.count - end)
        while bytes.count >= 2, bytes[bytes.count - 2] == 0x20, bytes[bytes.count - 1] == UInt8(ascii: ".") {
            bytes.remove(at: bytes.count - 2)
        }
        guard String.removeSpaceBeforePunctuation(&bytes) else {
            return String(decoding: bytes, as: UTF8.self).characterwiseSpaceRemoval
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `finish`, character by character.
    static func characterwiseFinish(_ scanned: [UInt8]) -> String {
        var text = String(decoding: scanned, as: UTF8.self).trimmingSpaces
        while text.hasSuffix(" .") { text = String(text.dropLast(2)) + "." }
        return text.replacingSpaceBeforePunctuation
    }

    /// The scan behind `plain`, over a body's UTF-8 bytes: markup dropped, whitespace folded, stopping once it has
    /// `limit` characters and a little more.
    private struct PlainScan {
        let limit: Int
        /// The text so far.
        var out: [UInt8] = []
        /// Its length in Unicode scalars.
        private var count = 0
        private var lastWasSpace = true
        private var atLineStart = true
        private var i = 0
        /// Each search goes forward from where the last one of the same kind started; its answer stands for any
        /// later start up to the place found, and "none" stands for good. So the text is scanned once per kind
        /// however many `[[`, `[@` or `](` it holds (a body of 200,000 `[` took 36 s when every one rescanned).
        private var found: [UInt16: (from: Int, at: Int?)] = [:]
        /// Whether the scan stopped at the limit, before the end of the text.
        private(set) var stoppedEarly = false

        init(limit: Int, capacity: Int) {
            self.limit = limit
            out.reserveCapacity(capacity)
        }

        mutating func run(_ b: Span<UInt8>, title: (String) -> String?) {
            while i < b.count {
                let c = b[i]
                if c & 0xC0 != 0x80, count > limit + 1 { stoppedEarly = true; break }
                if atLineStart {
                    skipLineStart(b)
                    continue
                }
                switch c {
                case UInt8(ascii: "["):
                    bracket(b, title: title)
                case UInt8(ascii: "]"):
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "("), let close = find(UInt8(ascii: ")"), nil, from: i + 2, in: b) {
                        i = close + 1
                    } else {
                        i += 1
                    }
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"):
                    i += 1
                case 0x0A:
                    atLineStart = true
                    emitSpace()
                    i += 1
                default:
                    plainRun(b)
                }
            }
        }

        /// Takes text from `i` on (spaces folded, `|` a space) up to a byte that needs `run`, or to the limit,
        /// writing into the room the buffer has: writing byte by byte through the array checked its uniqueness at
        /// every byte of every body (callgrind: 88 of 2,730 million instructions in the scan).
        private mutating func plainRun(_ b: Span<UInt8>) {
            if out.count == out.capacity { out.reserveCapacity(out.capacity * 2 + 16) }
            let room = min(out.capacity - out.count, b.count - i)
            var j = i, count = self.count, lastWasSpace = self.lastWasSpace
            let limit = self.limit
            out.append(addingCapacity: room) { span in
                scan: while j < b.count, !span.isFull {
                    let d = b[j]
                    if d & 0xC0 != 0x80, count > limit + 1 { break }
                    switch d {
                    case UInt8(ascii: "|"), 0x20, 0x09, 0x0D:
                        if !lastWasSpace { span.append(0x20); lastWasSpace = true; count += 1 }
                    case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), 0x0A:
                        break scan
                    default:
                        span.append(d)
                        lastWasSpace = false
                        if d & 0xC0 != 0x80 { count += 1 }
                    }
                    j += 1
                }
            }
            i = j
            self.count = count
            self.lastWasSpace = lastWasSpace
        }

        /// Skips what starts a line of Markdown but is not text: heading and quote marks, list bullets, task boxes.
        private mutating func skipLineStart(_ b: Span<UInt8>) {
            let n = b.count
            while i < n, b[i] == UInt8(ascii: "#") || b[i] == UInt8(ascii: ">") || b[i] == 0x20 { i += 1 }
            if i + 5 < n, b[i] == UInt8(ascii: "-"), b[i + 1] == 0x20, b[i + 2] == UInt8(ascii: "["),
               b[i + 4] == UInt8(ascii: "]"), b[i + 5] == 0x20 {
                i += 6
            } else if i + 1 < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "*") || b[i] == UInt8(ascii: "+"), b[i + 1] == 0x20 {
                i += 2
            }
            atLineStart = false
        }

        /// At a `[`: a `[[link]]` gives its label (or the title of the item it names), a `[@citation]` nothing;
        /// any other bracket is dropped.
        private mutating func bracket(_ b: Span<UInt8>, title: (String) -> String?) {
            let n = b.count
            if i + 1 < n, b[i + 1] == UInt8(ascii: "["), let end = find(UInt8(ascii: "]"), UInt8(ascii: "]"), from: i + 2, in: b) {
                let inner = (i + 2..<end).map { b[$0] }
                if let bar = inner.firstIndex(of: UInt8(ascii: "|")) {
                    for ch in inner[(bar + 1)...] where ch != UInt8(ascii: "\\") { emit(ch) }
                } else {
                    let target = String(decoding: inner, as: UTF8.self)
                    let id = String(target.split(separator: "/").last ?? Substring(target))
                    for ch in (title(id) ?? id).utf8 { emit(ch) }
                }
                i = end + 2
            } else if i + 1 < n, b[i + 1] == UInt8(ascii: "@"), let end = find(UInt8(ascii: "]"), nil, from: i + 2, in: b) {
                i = end + 1
            } else {
                i += 1
            }
        }

        private mutating func emitSpace() {
            if !lastWasSpace { out.append(0x20); lastWasSpace = true; count += 1 }
        }

        private mutating func emit(_ byte: UInt8) {
            out.append(byte)
            lastWasSpace = false
            if byte & 0xC0 != 0x80 { count += 1 }
        }

        /// The first place from `from` on where `a` (followed by `b2`, if given) stands, or nil.
        private mutating func find(_ a: UInt8, _ b2: UInt8?, from: Int, in b: Span<UInt8>) -> Int? {
            let key = UInt16(a) << 8 | UInt16(b2 ?? 0)
            if let last = found[key], last.from <= from, last.at.map({ $0 >= from }) ?? true { return last.at }
            var j = from
            var at: Int?
            while j < b.count {
                if b[j] == a, b2 == nil || (j + 1 < b.count && b[j + 1] == b2!) { at = j; break }
                j += 1
            }
            found[key] = (from, at)
            return at
        }
    }

    /// A title lookup for `plain`: the title of the item of any kind with that id (an `[[id]]` names one item).
    public static func titles(_ site: SiteModel) -> @Sendable (String) -> String? {
        let titles = Titles(site: site)
        return { titles.title(of: $0) }
    }

    /// Holds the site for `titles` by reference, so neither making nor calling the lookup copies the model.
    private final class Titles: Sendable {
        let site: SiteModel
        init(site: SiteModel) { self.site = site }

        func title(of id: String) -> String? {
            for kind in ItemKind.allCases { if let t = site.title(of: ItemRef(kind, id)) { return t } }
            return nil
        }
    }

    /// `text` cut to at most `limit` characters at a word boundary, with `…` when cut.
    public static func cut(_ text: String, limit: Int) -> String {
        // A text has no more characters than UTF-8 bytes; in ASCII without CR (CR LF is one character) as many.
        if text.utf8.count <= limit { return text }
        return asciiCut(text, limit: limit) ?? characterwiseCut(text, limit: limit)
    }

    /// `cut`, character by character.
    static func characterwiseCut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        var prefix = String(text.prefix(limit))
        if let space = prefix.lastIndex(of: " "), prefix.distance(from: prefix.startIndex, to: space) > limit / 2 {
            prefix = String(prefix[..<space])
        }
        while let l = prefix.last, l == "," || l == ";" || l == ":" || l == " " || l == "." || l == "(" { prefix.removeLast() }
        return prefix + "…"
    }

    /// `cut` for a text longer than `limit` whose bytes are each one character (ASCII without CR); nil for any other.
    private static func asciiCut(_ text: String, limit: Int) -> String? {
        let b = text.utf8.span
        guard limit > 0, !b.indices.contains(where: { b[$0] >= 0x80 || b[$0] == 0x0D }) else { return nil }
        var end = limit
        if let space = (0..<limit).last(where: { b[$0] == 0x20 }), space > limit / 2 { end = space }
        trimming: while end > 0 {
            switch b[end - 1] {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), 0x20, UInt8(ascii: "."), UInt8(ascii: "("): end -= 1
            default: break trimming
            }
        }
        // ASCII: the first `end` scalars are the first `end` bytes.
        return String(text.unicodeScalars.prefix(end)) + "…"
    }
}

extension String {
    /// The string with spaces removed before `.`, `,`, `;`, `:` and `)` (left where a citation was dropped).
    ///
    /// Works on UTF-8 bytes; where a space or a mark sits next to a non-ASCII scalar (which might join it into
    /// one character), it works on characters instead, so the result is always the character-wise one.
    var replacingSpaceBeforePunctuation: String {
        var bytes = Array(utf8)
        return Self.removeSpaceBeforePunctuation(&bytes) ? String(decoding: bytes, as: UTF8.self) : characterwiseSpaceRemoval
    }

    /// Removes, in place, each space before `.`, `,`, `;`, `:` and `)`; false, with `bytes` untouched, where a space
    /// or a mark sits next to a non-ASCII scalar (which might join it into one character).
    static func removeSpaceBeforePunctuation(_ bytes: inout [UInt8]) -> Bool {
        func isMark(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: ")")
        }
        func compact(_ b: inout [UInt8]) -> Int? {
            // A first pass finds whether a removal needs the character-wise way, and where the first space to go
            // is; the second removes from there, through a span (writing through the array checked its
            // uniqueness at every byte of a body).
            var first: Int?, characterwise = false
            // Marks are rare: words of eight bytes without one are passed over at once.
            let mayHoldMark = { (word: UInt64) -> Bool in
                ByteWord.has(word, UInt8(ascii: ".")) | ByteWord.has(word, UInt8(ascii: ",")) | ByteWord.has(word, UInt8(ascii: ";"))
                    | ByteWord.has(word, UInt8(ascii: ":")) | ByteWord.has(word, UInt8(ascii: ")")) != 0
            }
            ByteSpan.forEachCandidate(in: b.span, mayHold: mayHoldMark) { i, byte in
                guard i > 0, isMark(byte), b[i - 1] == 0x20 else { return true }
                let next = i + 1 < b.count ? b[i + 1] : 0
                if next >= 0x80 || (i >= 2 && b[i - 2] >= 0x80) { characterwise = true; return false }
                if first == nil { first = i - 1 }
                return true
            }
            if characterwise { return nil }
            guard let first else { return b.count }
            var span = b.mutableSpan
            var kept = first
            for i in first..<span.count {
                if isMark(span[i]), kept > 0, span[kept - 1] == 0x20 { kept -= 1 }
                span[kept] = span[i]
                kept += 1
            }
            return kept
        }
        guard let kept = compact(&bytes) else { return false }
        bytes.removeLast(bytes.count - kept)
        return true
    }

    /// `replacingSpaceBeforePunctuation`, character by character.
    var characterwiseSpaceRemoval: String {
        var out = ""
        for c in self {
            if (c == "." || c == "," || c == ";" || c == ":" || c == ")"), out.last == " " { out.removeLast() }
            out.append(c)
        }
        return out
    }
}
