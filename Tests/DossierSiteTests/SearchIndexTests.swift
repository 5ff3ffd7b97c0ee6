import DossierContent
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The search index finds every word, weighs titles first, and is the same however often it is made.
@Suite struct SearchIndexTests {
    /// The index of the small site, by path.
    static func index() throws -> [String: String] {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let model = try #require(SiteLoader(siteFolder: site.folder).load().site)
        return Dictionary(uniqueKeysWithValues: SearchIndex.files(site: model).map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    /// The documents holding `term` and their weights, read as the search script reads them: the manifest's first terms
    /// pick the shard, whose postings are decoded.
    static func lookup(_ term: String, in files: [String: String]) throws -> [(doc: String, weight: Int)] {
        let manifest = try #require(files[SearchIndex.manifestPath])
        let json = try #require(manifest.split(separator: "=", maxSplits: 1).last).dropLast(2)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let firsts = try #require(object["shards"] as? [String])
        let shard = firsts.lastIndex { !term.utf16.lexicographicallyPrecedes($0.utf16) } ?? 0
        let text = try #require(files["search/terms/\(shard).js"])
        guard let start = text.range(of: "\"\(term)\":\"") else { return [] }
        let postings = text[start.upperBound...].prefix { $0 != "\"" }
        var numbers: [Int] = [], n = 0
        for c in postings {
            if let d = "0123456789abcdefghijklmnopqrstuv".firstIndex(of: c) {
                numbers.append(n * 32 + "0123456789abcdefghijklmnopqrstuv".distance(from: "0123456789abcdefghijklmnopqrstuv".startIndex, to: d))
                n = 0
            } else {
                let lead = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-"
                n = n * 32 + lead.distance(from: lead.startIndex, to: try #require(lead.firstIndex(of: c)))
            }
        }
        var doc = 0, out: [(String, Int)] = []
        for i in stride(from: 0, to: numbers.count, by: 2) {
            doc += numbers[i]
            let file = try #require(files["search/doc/\(doc).js"])
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(file.drop { $0 != "[" }.dropLast(3).utf8)) as? [Any])
            out.append(("\(SearchIndex.kinds[fields[0] as! Int].rawValue)/\(fields[1])", numbers[i + 1]))
        }
        return out
    }

    @Test func wordsOfBodiesAndSourceArticlesAreFound() throws {
        let files = try Self.index()
        #expect(try Self.lookup("constructive", in: files).map(\.doc) == ["source/wire"], "a word only in the source article")
        #expect(try Self.lookup("regulator", in: files).map(\.doc) == ["brief/where-it-stands"], "a word of a brief's body")
        #expect(try Self.lookup("authority", in: files).map(\.doc) == ["actor/agency"], "an actor's role")
        #expect(try Self.lookup("nonexistent", in: files).isEmpty)
    }

    @Test func titlesAndNamesWeighMoreThanSummariesAndBodies() throws {
        let files = try Self.index()
        let review = Dictionary(uniqueKeysWithValues: try Self.lookup("review", in: files))
        let title = try #require(review["event/review"]), summary = try #require(review["brief/where-it-stands"])
        #expect(title > summary, "the event's title beats the brief's summary")
        let contract = Dictionary(uniqueKeysWithValues: try Self.lookup("contract", in: files))
        #expect(try #require(contract["topic/contract"]) > #require(contract["actor/agency"]), "a topic's title beats an actor's body")
        let corp = Dictionary(uniqueKeysWithValues: try Self.lookup("corp", in: files))
        #expect(try #require(corp["actor/corp"]) > #require(corp["event/review"]), "an actor's name beats an event naming the actor")
    }

    @Test func documentsKeepTheirTextForSnippetsAndPhrases() throws {
        let files = try Self.index()
        let docs = files.filter { $0.key.hasPrefix("search/doc/") }.map(\.value)
        #expect(docs.contains { $0.contains("Officials described the talks as constructive") })
        #expect(docs.contains { $0.contains("[2,\"where-it-stands\",\"Where it stands\",\"2026-03-05\",[\"The Agency\"],\"A review is coming. — ") })
        #expect(files.keys.filter { $0.hasPrefix("search/doc/") }.count == 6, "one document per item")
    }

    @Test func theIndexIsDeterministic() throws {
        let a = try Self.index(), b = try Self.index()
        #expect(a == b)
        #expect(a[SearchIndex.manifestPath]?.hasPrefix("window.dossierSearchIndex = {\"v\":2,\"kinds\":[\"actor\",\"topic\",\"brief\",\"event\",\"source\"],\"docs\":6,\"shards\":[") == true)
    }

    /// A build that no next build follows keeps no entries, and writes the same index as one that keeps them.
    @Test func entriesAreKeptOnlyWhenAskedAndChangeNoFile() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let model = try #require(SiteLoader(siteFolder: site.folder).load().site)
        let kept = SearchIndex.files(site: model, reusing: nil, keepingEntries: true)
        let dropped = SearchIndex.files(site: model, reusing: nil, keepingEntries: false)
        #expect(kept.entries.count == 6 && dropped.entries.isEmpty)
        #expect(kept.files.map(\.path) == dropped.files.map(\.path) && kept.files.map(\.bytes) == dropped.files.map(\.bytes))
    }

    @Test func postingsRoundTripLargeNumbersAndShardsStaySmall() throws {
        var bytes: [UInt8] = []
        SearchIndex.appendNumber(0, to: &bytes)
        SearchIndex.appendNumber(31, to: &bytes)
        SearchIndex.appendNumber(32, to: &bytes)
        SearchIndex.appendNumber(70_000, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "0vB0CELg")
        let entries = (0..<20_000).map { i in "[0,\"a\(i)\",\"t\",\"\",[],\"\"]\nword\(i % 5000) 3 common 2" }
        let shards = SearchIndex.assemble(entries).filter { $0.path.hasPrefix("search/terms/") }.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(shards.count > 2)
        for shard in shards {
            let terms = shard.components(separatedBy: "\":\"").count - 1
            #expect(shard.utf8.count <= SearchIndex.shardLimit + 100 || terms == 1, "a shard passes the limit only for one term")
        }
        #expect(shards.contains { $0.contains("{\"common\":\"02121212") }, "a term in 20,000 documents has a shard of its own")
    }
}
