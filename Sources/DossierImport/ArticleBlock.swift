/// One block of an extracted article: what the Markdown writer and the plain-text view are made from.
public indirect enum ArticleBlock: Sendable, Equatable {
    case paragraph(String)
    case heading(level: Int, text: String)
    case list(ordered: Bool, items: [[ArticleBlock]])
    case quote([ArticleBlock])
    /// Rows of cells; the first row is the header.
    case table([[String]])
    case code(String)
    /// Where page `n` of a PDF begins, so page locators (`[@id, p. 3]`) can be checked against the text.
    case pageStart(Int)

    /// The block's text without any Markdown syntax, paragraphs separated by blank lines.
    public var plainText: String {
        switch self {
        case .paragraph(let t), .heading(_, let t), .code(let t): return t
        case .list(_, let items): return items.map { $0.plainText }.joined(separator: "\n\n")
        case .quote(let blocks): return blocks.plainText
        case .table(let rows): return rows.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
        case .pageStart: return ""
        }
    }

    /// The paragraph-level texts of the block, as `--format json` lists them.
    public var paragraphs: [String] {
        switch self {
        case .paragraph(let t), .heading(_, let t), .code(let t): return [t]
        case .list(_, let items): return items.flatMap { $0.flatMap(\.paragraphs) }
        case .quote(let blocks): return blocks.flatMap(\.paragraphs)
        case .table(let rows): return rows.map { $0.joined(separator: " ") }
        case .pageStart: return []
        }
    }
}

extension Array where Element == ArticleBlock {
    /// The blocks' plain text, separated by blank lines.
    public var plainText: String { map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n") }

    /// The blocks as CommonMark/GFM, every character of the text escaped so that it renders as itself.
    public var markdown: String { MarkdownWriter.write(self) }
}

/// Writes article blocks as Markdown that renders back to exactly their text.
enum MarkdownWriter {
    static func write(_ blocks: [ArticleBlock]) -> String {
        blocks.map(block).joined(separator: "\n\n")
    }

    private static func block(_ b: ArticleBlock) -> String {
        switch b {
        case .paragraph(let t): return escape(t)
        case .heading(let level, let t): return String(repeating: "#", count: min(max(level, 1), 6)) + " " + escape(t)
        case .code(let t):
            let fence = t.contains("```") ? "~~~~" : "```"
            return fence + "\n" + t + "\n" + fence
        case .quote(let blocks):
            return write(blocks).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        case .list(let ordered, let items):
            return items.enumerated().map { n, item in
                let marker = ordered ? "\(n + 1). " : "- "
                let pad = String(repeating: " ", count: marker.count)
                let lines = write(item).split(separator: "\n", omittingEmptySubsequences: false)
                return lines.enumerated().map { i, l in i == 0 ? marker + l : (l.isEmpty ? "" : pad + l) }.joined(separator: "\n")
            }.joined(separator: "\n")
        case .table(let rows): return table(rows)
        case .pageStart(let n): return "<!-- page \(n) -->"
        }
    }

    private static func table(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            return "| " + padded.map { escape($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        guard let head = rows.first else { return "" }
        let rule = "|" + Array(repeating: " --- |", count: width).joined()
        return ([line(head), rule] + rows.dropFirst().map(line)).joined(separator: "\n")
    }

    /// Backslash-escapes what Markdown would read as syntax: inline marks anywhere, block marks at the start, and an
    /// `&` that would start an entity (so text is never decoded a second time). Every mark is ASCII, so the scan
    /// works on UTF-8 bytes and copies everything else as it is.
    static func escape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        let backslash = UInt8(ascii: "\\")
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                out.append(backslash)
            case UInt8(ascii: "&"):
                if startsEntity(bytes, at: i) { out.append(backslash) }
            case UInt8(ascii: "#"):
                if i == 0 { out.append(backslash) }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if i == 0, i + 1 == bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == UInt8(ascii: "-") { out.append(backslash) }
            case UInt8(ascii: "."), UInt8(ascii: ")"):
                if i > 0, i < 10, bytes[..<i].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { out.append(backslash) }
            default: break
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension MarkdownWriter {
    /// Whether `bytes[i]` (an `&`) begins what Markdown would decode: `&name;` or `&#…;`.
    static func startsEntity(_ bytes: [UInt8], at i: Int) -> Bool {
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "#") { j += 1 }
        let start = j
        func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        while j < bytes.count, j - start < 32, isAlnum(bytes[j]) { j += 1 }
        return j > start && j < bytes.count && bytes[j] == UInt8(ascii: ";")
    }
}
