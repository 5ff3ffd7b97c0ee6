@testable import DossierImport
import Foundation
import Testing

/// The shared test pages beside the repository (`../shared/extraction`); a missing folder fails the tests.
enum SharedPages {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/extraction").standardizedFileURL

    static func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }
}

/// The article-extraction-benchmark's score: 4-token shingles of `\w+` tokens (case folded), TP/FP/FN per page,
/// precision and recall averaged over pages, F1 of the averages.
enum ShingleScore {
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.lowercased().unicodeScalars {
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                current.append(s)
            default:
                if !current.isEmpty { out.append(String(current)); current = .init() }
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static func shingles(_ text: String) -> [String: Int] {
        let t = tokens(text)
        var counts: [String: Int] = [:]
        for i in 0..<max(1, t.count - 3) {
            let s = t[i..<min(i + 4, t.count)].joined(separator: " ")
            if !s.isEmpty { counts[s, default: 0] += 1 }
        }
        return counts
    }

    /// (precision, recall) of one page.
    static func page(truth: String, predicted: String) -> (Double, Double) {
        let a = shingles(truth), b = shingles(predicted)
        var tp = 0, fp = 0, fn = 0
        for key in Set(a.keys).union(b.keys) {
            let t = a[key] ?? 0, p = b[key] ?? 0
            tp += min(t, p); fp += max(0, p - t); fn += max(0, t - p)
        }
        func ratio(_ x: Int, _ y: Int) -> Double { x + y == 0 ? 0 : Double(x) / Double(x + y) }
        let precision = (fp == 0 && fn == 0) ? 1 : ratio(tp, fp)
        let recall = (fp == 0 && fn == 0) ? 1 : ratio(tp, fn)
        return (precision, recall)
    }
}

@Suite(.serialized) struct BenchmarkScoreTests {
    /// What this extractor measured on the 79 pages when the floor was set; a change may lower F1 by 0.005 at most.
    static let f1Floor = 0.980

    @Test func articleBenchmarkF1StaysAtItsFloor() throws {
        let folder = try SharedPages.folder("article-benchmark")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("ground-truth.json"))) as! [String: [String: Any]]
        #expect(truth.count == 79)
        var precision = 0.0, recall = 0.0
        for id in truth.keys.sorted() {
            let path = folder.appendingPathComponent("html/\(id).html.gz").path
            let loaded = try InputReader.file(path)
            let predicted = (try? SourceImporter.extract(loaded).text) ?? ""
            let (p, r) = ShingleScore.page(truth: truth[id]?["articleBody"] as? String ?? "", predicted: predicted)
            precision += p; recall += r
        }
        precision /= Double(truth.count); recall /= Double(truth.count)
        let f1 = 2 * precision * recall / (precision + recall)
        print("article-benchmark: F1 \(f1) precision \(precision) recall \(recall)")
        #expect(f1 >= Self.f1Floor - 0.005, "F1 \(f1) fell below the floor \(Self.f1Floor)")
    }

    @Test func readabilityPagesMetadataStaysAtItsFloors() throws {
        let folder = try SharedPages.folder("readability-test-pages")
        var titles = (0, 0), bylines = (0, 0), dirs = (0, 0), langs = (0, 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let dir = folder.appendingPathComponent(name)
            guard let expected = try? JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected-metadata.json"))) as? [String: Any],
                  let html = FileManager.default.contents(atPath: dir.appendingPathComponent("source.html").path) else { continue }
            let tree = LibXMLParser.parse([UInt8](html), encoding: Charset.detect([UInt8](html)).name)
            let m = tree.map { MetadataReader(tree: $0).read() } ?? PageMetadata()
            func same(_ a: String?, _ b: Any?) -> Bool { TextFold.collapse(a ?? "") == TextFold.collapse(b as? String ?? "") }
            titles.1 += 1
            if same(m.title, expected["title"]) { titles.0 += 1 }
            if let b = expected["byline"] as? String, !b.isEmpty {
                bylines.1 += 1
                if same(m.authors.joined(separator: ", "), b) { bylines.0 += 1 }
            }
            if let d = expected["dir"] as? String { dirs.1 += 1; if m.dir == d { dirs.0 += 1 } }
            if let l = expected["lang"] as? String { langs.1 += 1; if m.language == l { langs.0 += 1 } }
        }
        print("readability-test-pages: title \(titles.0)/\(titles.1) byline \(bylines.0)/\(bylines.1) dir \(dirs.0)/\(dirs.1) lang \(langs.0)/\(langs.1)")
        #expect(titles.1 >= 120)
        // Floors at what was measured (127/130 titles, 66/76 bylines); the targets are 95 % and 85 %.
        #expect(Double(titles.0) / Double(titles.1) >= 0.97)
        #expect(Double(bylines.0) / Double(bylines.1) >= 0.86)
        // One page (yahoo-3) states `dir` on a `<body>` tag that comes after text libxml2 already put in an implied
        // body, whose attributes libxml2 then drops; every other stated direction must be read.
        #expect(dirs.0 >= dirs.1 - 1)
        #expect(langs.0 == langs.1)
    }
}
