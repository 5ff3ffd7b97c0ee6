import DossierContent
@testable import DossierImport
import Foundation
import Testing

/// A temporary site folder with `Content/site.yml`, removed by `remove()`.
struct TempSite {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content/sources"), withIntermediateDirectories: true)
        try "title: Test briefing\n".write(to: folder.appendingPathComponent("Content/site.yml"), atomically: true, encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func files(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(path).path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

let ledgerHead = """
<title>Steel tariffs rise again | The Ledger</title><meta property="og:site_name" content="The Ledger">
<link rel="canonical" href="https://ledger.example/steel"><meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2026-03-05T09:30:00Z">
"""

func savedPage(_ site: TempSite, name: String = "page.html", head: String = ledgerHead) throws -> String {
    let path = site.folder.appendingPathComponent(name).path
    try page(head: head, body: articleParagraphs).write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func importFile(_ site: TempSite, _ path: String, id: String? = nil, force: Bool = false) throws -> ImportPlan {
    let loaded = try InputReader.file(path)
    let article = try SourceImporter.extract(loaded)
    var existing = ExistingSources(siteFolder: site.folder)
    let importer = SourceImporter(siteFolder: site.folder)
    let plan = try importer.plan(loaded, article: article, requestedID: id, force: force, existing: &existing)
    try importer.write(plan)
    return plan
}

@Suite struct ImporterTests {
    @Test func writesTheSourceAndKeepsTheOriginalByteForByte() throws {
        let site = try TempSite()
        defer { site.remove() }
        let path = try savedPage(site)
        let plan = try importFile(site, path)
        #expect(plan.id == "the-ledger-steel-tariffs-rise-again")
        let written = try String(contentsOf: site.folder.appendingPathComponent(plan.path), encoding: .utf8)
        #expect(written.hasPrefix("""
            ---
            title: "Steel tariffs rise again"
            author: "Ana Ruiz"
            publisher: "The Ledger"
            published: "2026-03-05T09:30:00Z"
            url: "https://ledger.example/steel"
            language: "en"
            original: "originals/the-ledger-steel-tariffs-rise-again.html"
            original_sha256: "
            """))
        #expect(written.contains("\n---\n\nThe company said on Tuesday"))
        let kept = try Data(contentsOf: site.folder.appendingPathComponent(plan.originalPath))
        #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(site.files("Content/sources").filter { $0.hasPrefix(".") }.isEmpty, "no temporary file is left")
    }

    @Test func theBuildLoadsTheImportedSourceAndIgnoresOriginals() throws {
        let site = try TempSite()
        defer { site.remove() }
        let plan = try importFile(site, try savedPage(site))
        try site.write("Content/actors/ana.md", "---\nname: The chief executive\nkind: person\naliases: [\"carmakers\"]\n---\n")
        try site.write("Content/briefs/b.md", "---\ntitle: B\ndate: 2026-03-05\n---\nPrices rose [@\(plan.id) \"“We cannot absorb these costs any longer,” the chief executive said\"].\n")
        let result = SiteLoader(siteFolder: site.folder).load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let source = try #require(result.site?.source(plan.id))
        #expect(source.language == "en")
        #expect(source.original == "originals/\(plan.id).html")
        #expect(source.originalSHA256?.count == 64)
        #expect(result.site?.sourcesMentioning["ana"] == [plan.id])
    }

    @Test func refusesAURLAlreadyImportedUnlessForced() throws {
        let site = try TempSite()
        defer { site.remove() }
        let first = try importFile(site, try savedPage(site))
        let again = try savedPage(site, name: "again.html")
        #expect { try importFile(site, again) } throws: { e in
            (e as? ImportError)?.kind == .duplicate(existingID: first.id)
                && (e as? ImportError)?.message.contains("already imported as '\(first.id)'") == true
        }
        #expect(site.files("Content/sources") == ["originals", "\(first.id).md"])
        let replaced = try importFile(site, again, force: true)
        #expect(replaced.id == first.id)
        #expect(replaced.replacing == first.id)
        #expect(site.files("Content/sources/originals") == ["\(first.id).html"])
    }

    @Test func anExistingIDGetsASuffix() throws {
        let site = try TempSite()
        defer { site.remove() }
        try site.write("Content/sources/the-ledger-steel-tariffs-rise-again.md", "---\ntitle: Other\nurl: https://other.example/x\n---\nText.\n")
        let plan = try importFile(site, try savedPage(site))
        #expect(plan.id == "the-ledger-steel-tariffs-rise-again-2")
        #expect { try importFile(site, try savedPage(site, name: "b.html", head: "<title>x</title>"), id: "the-ledger-steel-tariffs-rise-again") } throws: { e in
            if case .duplicate = (e as? ImportError)?.kind { return true }
            return false
        }
        #expect { try importFile(site, try savedPage(site, name: "c.html", head: "<title>x</title>"), id: "Bad ID") } throws: { e in
            (e as? ImportError)?.kind == .invalidID
        }
    }

    @Test func readsGzipPagesAndKeepsThemCompressed() throws {
        let site = try TempSite()
        defer { site.remove() }
        let html = Array(page(head: ledgerHead, body: articleParagraphs).utf8)
        let path = site.folder.appendingPathComponent("page.html.gz").path
        let gz = Gzip.stored(html)
        try Data(gz).write(to: URL(fileURLWithPath: path))
        let plan = try importFile(site, path)
        #expect(plan.originalPath.hasSuffix(".html.gz"))
        #expect(plan.original == gz)
        #expect(plan.article.paragraphs.count == 3)
    }

    @Test func readsGzipOnStandardInputAndKeepsItCompressed() throws {
        let html = Array(page(head: ledgerHead, body: articleParagraphs).utf8)
        let gz = Gzip.stored(html)
        let loaded = try InputReader.standardInput(gz)
        #expect(loaded.original == gz)
        #expect(loaded.content == html)
        #expect(loaded.originalExtension == "html.gz")
        #expect(try SourceImporter.extract(loaded).paragraphs.count == 3)
        #expect { try InputReader.standardInput(Array(gz.prefix(40))) } throws: { e in
            (e as? ImportError)?.message == "cannot decompress standard input: the gzip data is damaged"
        }
    }

    @Test func errorsNameTheFileAndChangeNothing() throws {
        let site = try TempSite()
        defer { site.remove() }
        #expect { try importFile(site, "/no/such/page.html") } throws: { e in
            (e as? ImportError)?.kind == .unreadable && (e as? ImportError)?.message.contains("/no/such/page.html") == true
        }
        let empty = site.folder.appendingPathComponent("empty.html")
        try "<html><body><p>Too short.</p></body></html>".write(to: empty, atomically: true, encoding: .utf8)
        #expect(throws: ImportError.self) { try importFile(site, empty.path) }
        #expect(site.files("Content/sources").isEmpty)
    }

    @Test func markdownEscapesWhatWouldBeSyntax() {
        #expect(MarkdownWriter.escape("# not a heading *or* [link](x) 1. AT&T &amp; &#8212;") == "\\# not a heading \\*or\\* \\[link\\](x) 1. AT&T \\&amp; \\&#8212;")
        #expect(MarkdownWriter.escape("+9% and -3%") == "+9% and -3%")
        #expect(MarkdownWriter.escape("--- rule") == "\\--- rule")
        #expect(MarkdownWriter.escape("1. first") == "1\\. first")
        #expect(MarkdownWriter.escape("- dash") == "\\- dash")
    }
}

/// Gzip files made without a compressor: deflate's stored blocks, with the CRC-32 gzip requires.
enum Gzip {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
        var chunks = stride(from: 0, to: data.count, by: 65_535).map { Array(data[$0..<min($0 + 65_535, data.count)]) }
        if chunks.isEmpty { chunks = [[]] }
        for (n, chunk) in chunks.enumerated() {
            out.append(n == chunks.count - 1 ? 1 : 0)
            let len = UInt16(chunk.count)
            out += [UInt8(len & 0xFF), UInt8(len >> 8), UInt8(~len & 0xFF), UInt8(~len >> 8)]
            out += chunk
        }
        out += le32(crc32(data)) + le32(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
