@testable import DossierContent
import DossierMarkdown
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Random and hostile front matter and Markdown bodies through everything that reads one file: decoding, YAML,
/// the table check, cmark-gfm and the excerpt. Nothing may crash, hang, or print a message over several lines.
///
/// Inputs come from a seeded generator (a failure names its seed and round, so it replays), and every input that
/// once crashed or took too long is kept in `FuzzRegressions/` and run first.
@Suite struct FuzzTests {
    static let regressions = repositoryRoot.appendingPathComponent("Tests/DossierSiteTests/FuzzRegressions")
    /// Seconds one input may take in a debug build; the hostile cases this suite keeps took 16 s to minutes.
    static let budget = 5.0

    /// Reads `data` as the brief `Content/briefs/fuzz.md` and makes its excerpt; returns the messages and seconds.
    static func exercise(_ data: Data) -> (messages: [String], seconds: Double) {
        let start = Date()
        let file = SiteLoader.ContentFile(kind: .brief, id: "fuzz", relativePath: "Content/briefs/fuzz.md",
                                          path: "/dev/null", format: .markdown)
        let parsed = SiteLoader.parse(file, data: data, options: MarkdownOptions())
        if case .brief(let brief)? = parsed.item { _ = Excerpt.plain(brief.body.markdown, limit: 200) }
        return (parsed.diagnostics.map(\.description), Date().timeIntervalSince(start))
    }

    @Test func everyKeptRegressionCaseIsHandled() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 8, "the regression cases are missing: \(names)")
        for name in names {
            let data = try Data(contentsOf: Self.regressions.appendingPathComponent(name))
            let (messages, seconds) = Self.exercise(data)
            #expect(seconds < Self.budget, "\(name) took \(seconds) s")
            #expect(messages.allSatisfy { !$0.contains("\n") }, "\(name): \(messages)")
        }
    }

    static let frontMatterPieces = ["title: ", "date: 2026-03-01", "date: 2026-13-45", "summary: ", "actors: [", "]", "{", "}",
                                    "&a ", "*a", "&b [*a, *a]", "\"", "'", "\\x1B", "\\u0000", "- ", "  ", "\t", ": ", "---",
                                    "judgments:\n  - text: x\n    likelihood: likely", "? ", "!!binary ", "|\n  ", ">-\n  ",
                                    "“", "日本語", "\u{7}", "\u{FEFF}", "#", "%YAML 1.1", "<<: *a", "\n"]
    static let bodyPieces = ["[[", "]]", "[[a|b]]", "[@", "[@src \"q\"]", "]", "(", ")", "](", "|", "---", "```", "> ", "* ",
                             "# ", "\n", "\n\n", "“", "…", "[…]", "日本語の文", "\u{7}", "<script>", "&amp;", "**", "_", "`",
                             "\\", "<!--", "-->", "![x](", "[^1]", "~~", "- [ ] ", "1. ", "\u{202E}", "\r", "\u{0}"]

    static func input(_ g: inout SplitMix64) -> Data {
        var text = "---\n"
        for _ in 0..<Int.random(in: 0...12, using: &g) {
            text += frontMatterPieces.randomElement(using: &g)!
            if Bool.random(using: &g) { text += "\n" }
        }
        text += Bool.random(using: &g) ? "\n---\n" : "\n"
        // Now and then one piece many times over: what makes work grow faster than the input shows there.
        if Int.random(in: 0..<10, using: &g) == 0 {
            text += String(repeating: bodyPieces.randomElement(using: &g)!, count: Int.random(in: 1_000...20_000, using: &g))
        }
        for _ in 0..<Int.random(in: 0...60, using: &g) { text += bodyPieces.randomElement(using: &g)! }
        var bytes = Array(text.utf8)
        if Int.random(in: 0..<8, using: &g) == 0, !bytes.isEmpty {
            bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0x80...0xFF, using: &g)
        }
        return Data(bytes)
    }

    @Test(.timeLimit(.minutes(3))) func randomFilesNeitherCrashNorHang() {
        let seed: UInt64 = 27
        var g = SplitMix64(state: seed)
        for round in 0..<2_000 {
            let data = Self.input(&g)
            let (messages, seconds) = Self.exercise(data)
            #expect(seconds < Self.budget, "seed \(seed), round \(round): \(seconds) s for \(data.count) bytes")
            #expect(messages.allSatisfy { !$0.contains("\n") }, "seed \(seed), round \(round): \(messages)")
            if round % 100 == 0 { #expect(Self.exercise(data).messages == messages, "deterministic") }
        }
    }
}

