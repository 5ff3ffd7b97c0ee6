@testable import DossierImport
import Foundation
import Testing

/// A small PDF written byte by byte: pages of Helvetica text lines (a gap between paragraphs) and an Info
/// dictionary with title and author, with a correct cross-reference table.
enum TinyPDF {
    static func make(pages: [[[String]]], title: String, author: String) -> [UInt8] {
        var objects: [String] = []
        let pageCount = pages.count
        let fontID = 3 + 2 * pageCount, infoID = fontID + 1
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        for (n, paragraphs) in pages.enumerated() {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents \(4 + 2 * n) 0 R /Resources << /Font << /F1 \(fontID) 0 R >> >> >>")
            var stream = "BT /F1 12 Tf 72 720 Td 14 TL"
            for p in paragraphs {
                for line in p { stream += " (\(line)) Tj T*" }
                stream += " 0 -30 Td"
            }
            stream += " ET"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        objects.append("<< /Title (\(title)) /Author (\(author)) >>")
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info \(infoID) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}

@Suite struct PDFImportTests {
    let pdf = TinyPDF.make(pages: [
        [["The ministry published its annual report on", "steel imports and tariffs."], ["Imports fell by a fifth in the year."]],
        [["On the second page the report turns to", "prices, which rose by nine per cent."]],
    ], title: "Annual steel report", author: "Ministry of Trade")

    @Test func readsParagraphsPagesTitleAndAuthor() throws {
        let site = try TempSite()
        defer { site.remove() }
        let path = site.folder.appendingPathComponent("report.pdf").path
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        let loaded = try InputReader.file(path)
        #expect(loaded.kind == .pdf)
        let article = try SourceImporter.extract(loaded)
        #expect(article.metadata.title == "Annual steel report")
        #expect(article.metadata.authors == ["Ministry of Trade"])
        #expect(article.blocks.first == .pageStart(1))
        #expect(article.blocks.contains(.pageStart(2)))
        #expect(article.paragraphs.contains("The ministry published its annual report on steel imports and tariffs."))
        #expect(article.paragraphs.contains("On the second page the report turns to prices, which rose by nine per cent."))
        #expect(article.markdown.contains("<!-- page 2 -->"))
        let plan = try importFile(site, path)
        #expect(plan.originalPath.hasSuffix(".pdf"))
        #expect(plan.id == "annual-steel-report")
    }

    @Test func refusesADamagedPDF() throws {
        #expect { try PDFText.extract(Array("%PDF-1.4\nnothing here".utf8), input: "bad.pdf") } throws: { e in
            (e as? ImportError)?.input == "bad.pdf"
        }
    }
}
