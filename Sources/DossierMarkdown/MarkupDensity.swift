/// A limit on how much inline markup a Markdown body may hold, checked in one pass over its bytes before
/// cmark-gfm parses it.
///
/// cmark-gfm's syntax tree takes about 100 times the bytes of dense inline markup (`*a* [b](c) **d** `
/// repeated: a node, a delimiter or a bracket for almost every character), and no library setting changes that;
/// a paragraph of thousands of openers also makes its delimiter matching slow. Prose uses a few markup
/// characters per line, so the limit is set far above it: `baseAllowance` plus one per `bytesPerAllowance` bytes
/// of the body in all, and at most `perParagraph` in one paragraph (lines between blank lines).
/// Fenced code blocks are not counted: cmark-gfm does not parse inlines in them.
public enum MarkupDensity {
    /// The most markup characters one paragraph may hold.
    public static let perParagraph = 10_000
    /// The markup characters any body may hold, however short.
    public static let baseAllowance = 65_536
    /// A body may hold one more markup character for every this many bytes.
    public static let bytesPerAllowance = 16

    /// The most markup characters a body of `bytes` bytes may hold.
    public static func allowance(bytes: Int) -> Int { baseAllowance + bytes / bytesPerAllowance }

    /// A body over the limit: the paragraph where it went over, and by how much.
    public struct Excess: Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line of the body on which the offending paragraph begins.
        public var line: Int
        /// The markup characters counted: in that paragraph when `wholeBody` is false, else in the whole body.
        public var count: Int
        /// The limit passed: `perParagraph`, or the body's allowance.
        public var limit: Int
        /// Whether the body as a whole is over its allowance (each paragraph being within its own).
        public var wholeBody: Bool

        /// The message of the error, without its position: what was counted and the limit.
        public var description: String {
            if wholeBody {
                return "the body passes \(MarkupDensity.grouped(limit)) markup characters in this paragraph; at most "
                    + "\(MarkupDensity.grouped(baseAllowance)) + 1 per \(bytesPerAllowance) bytes in a body: split it into several files"
            }
            return "paragraph has \(MarkupDensity.grouped(count)) markup characters; at most "
                + "\(MarkupDensity.grouped(perParagraph)) per paragraph"
        }
    }

    /// Where `markdown` holds too much inline markup (`*`, `_`, `[`, `` ` ``, `<`, `!`, `~`, `|`, `\` outside
    /// fenced code), or nil when it is within the limit.
    public static func excess(in markdown: String) -> Excess? {
        markdown.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(Array(markdown.utf8))
    }

    /// Which bytes open inline markup.
    private static let isOpener: [Bool] = (0..<256).map { byte in
        "*_[`<!~|\\".utf8.contains(UInt8(byte))
    }

    private static func scan<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Excess? where Bytes.Index == Int {
        let allowed = allowance(bytes: bytes.count)
        // Read once: the static's lazy initialization was checked at every byte otherwise.
        let isOpener = Self.isOpener
        var total = 0
        var line = 1, paragraphLine = 1, inParagraph = false, paragraph = 0
        var fence: (byte: UInt8, length: Int)?
        var start = 0
        while start < bytes.count {
            var end = start
            var openers = 0
            while end < bytes.count, bytes[end] != 0x0A {
                if isOpener[Int(bytes[end])] { openers += 1 }
                end += 1
            }
            let text = bytes[start..<end]
            if let open = fence {
                if let run = fenceRun(text), run.byte == open.byte, run.length >= open.length, run.rest.allSatisfy(isBlank) {
                    fence = nil
                }
            } else if let run = fenceRun(text), run.byte == UInt8(ascii: "~") || !run.rest.contains(run.byte) {
                fence = (run.byte, run.length)
                inParagraph = false
            } else if text.allSatisfy(isBlank) {
                if inParagraph, paragraph > perParagraph {
                    return Excess(line: paragraphLine, count: paragraph, limit: perParagraph, wholeBody: false)
                }
                inParagraph = false
            } else {
                if !inParagraph { (inParagraph, paragraphLine, paragraph) = (true, line, 0) }
                paragraph += openers
                total += openers
                if total > allowed, paragraph <= perParagraph {
                    return Excess(line: paragraphLine, count: total, limit: allowed, wholeBody: true)
                }
            }
            start = end + 1
            line += 1
        }
        if inParagraph, paragraph > perParagraph {
            return Excess(line: paragraphLine, count: paragraph, limit: perParagraph, wholeBody: false)
        }
        return nil
    }

    /// The fence a line opens or closes: three or more backticks or tildes after at most three spaces.
    private static func fenceRun<Line: RandomAccessCollection<UInt8>>(_ text: Line) -> (byte: UInt8, length: Int, rest: Line.SubSequence)?
    where Line.Index == Int {
        var i = text.startIndex
        while i < text.endIndex, i - text.startIndex < 3, text[i] == UInt8(ascii: " ") { i += 1 }
        guard i < text.endIndex, text[i] == UInt8(ascii: "`") || text[i] == UInt8(ascii: "~") else { return nil }
        let byte = text[i]
        var j = i
        while j < text.endIndex, text[j] == byte { j += 1 }
        return j - i >= 3 ? (byte, j - i, text[j...]) : nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0D
    }

    /// `n` with commas between groups of three digits, as the messages write their numbers.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
