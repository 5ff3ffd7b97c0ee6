import Foundation
import Testing
@testable import DossierPublish

@Suite struct ContentTypesTests {
    @Test func textTypesCarryACharset() {
        #expect(ContentTypes.contentType(for: "index.html") == "text/html; charset=utf-8")
        #expect(ContentTypes.contentType(for: "assets/style.css") == "text/css; charset=utf-8")
        #expect(ContentTypes.contentType(for: "assets/app.JS") == "text/javascript; charset=utf-8")
        #expect(ContentTypes.contentType(for: "data/events.json") == "application/json; charset=utf-8")
        #expect(ContentTypes.contentType(for: "feed.xml") == "application/xml; charset=utf-8")
        #expect(ContentTypes.contentType(for: "img/logo.png") == "image/png")
        #expect(ContentTypes.contentType(for: "CNAME") == "text/plain; charset=utf-8")
        #expect(ContentTypes.contentType(for: "blob") == "application/octet-stream")
    }

    @Test func hashedNamesAreImmutable() {
        #expect(ContentTypes.cacheControl(for: "assets/app.3f2a9c1b.js") == "public, max-age=31536000, immutable")
        #expect(ContentTypes.cacheControl(for: "assets/style-5d41402abc4b2a76.css") == "public, max-age=31536000, immutable")
        #expect(ContentTypes.cacheControl(for: "assets/style.css") == "public, max-age=300")
        #expect(ContentTypes.cacheControl(for: "data/events-20260305.json") == "public, max-age=300")  // a date, not a hash
        #expect(ContentTypes.cacheControl(for: "img/deadbeefcafe.png") == "public, max-age=300")     // a word, not a hash
        #expect(ContentTypes.cacheControl(for: "index.html") == "public, max-age=300")
        #expect(ContentTypes.cacheControl(for: "feed.xml") == "public, max-age=300")
    }
}

@Suite struct PublishPlanTests {
    func wanted(_ paths: [String: String]) -> [PublishPlan.Wanted] {
        paths.map { .init(path: $0.key, size: $0.value.count, fingerprint: $0.value) }
    }

    @Test func ordersAssetsThenPagesThenEntryPointsThenDeletions() {
        let plan = PublishPlan.make(wanted: wanted([
            "index.html": "h1", "feed.xml": "f1", "sitemap.xml": "s1", "briefs/one/index.html": "b1", "404.html": "n1",
            "assets/style.css": "c1", "data/events.json": "d1", "img/a.png": "i1",
        ]), existing: ["old/index.html": .init(fingerprint: "x")])
        #expect(plan.uploads.map(\.path) == ["assets/style.css", "data/events.json", "img/a.png",
                                             "404.html", "briefs/one/index.html",
                                             "feed.xml", "index.html", "sitemap.xml"])
        #expect(plan.uploads.map(\.phase) == [.assets, .assets, .assets, .pages, .pages, .entryPoints, .entryPoints, .entryPoints])
        #expect(plan.uploadPhases.count == 3)
        #expect(plan.deletions == [.init(path: "old/index.html", reason: "no longer in the site")])
    }

    @Test func givesEachUploadItsReason() {
        let plan = PublishPlan.make(
            wanted: [.init(path: "a.html", size: 1, fingerprint: "1", metadata: ["text/html", "short"]),
                     .init(path: "b.html", size: 1, fingerprint: "2", metadata: ["text/html", "short"]),
                     .init(path: "c.html", size: 1, fingerprint: "3", metadata: ["text/html; charset=utf-8", "short"]),
                     .init(path: "d.html", size: 1, fingerprint: "4", metadata: ["text/html", "short"]),
                     .init(path: "e.html", size: 1, fingerprint: "5")],
            existing: ["a.html": .init(fingerprint: "1", metadata: ["text/html", "short"]),
                       "b.html": .init(fingerprint: "old", metadata: ["text/html", "short"]),
                       "c.html": .init(fingerprint: "3", metadata: ["text/html", "short"]),
                       "e.html": .init(fingerprint: nil)])
        #expect(plan.unchanged == ["a.html"])
        #expect(plan.uploads.map(\.reason) == [.changed, .metadataChanged, .new, .changed])
        #expect(plan.lines.first == "upload b.html (changed, 1 B; pages)")
        let forced = PublishPlan.make(wanted: [.init(path: "a.html", size: 1, fingerprint: "1")], existing: ["a.html": .init(fingerprint: "1")], force: true)
        #expect(forced.uploads.map(\.reason) == [.forced])
    }

    @Test func formatsSummaries() {
        #expect(ByteCount.format(512) == "512 B")
        #expect(ByteCount.format(48 * 1024 + 100) == "48 KB")
        #expect(ByteCount.format(1_300_000) == "1.2 MB")
        let plan = PublishPlan(uploads: [], deletions: [], unchanged: Array(repeating: "x", count: 10594))
        let report = PublishReport(target: "s3://bucket/prefix", plan: plan, dryRun: false, uploaded: 3, deleted: 1, bytesSent: 49_152, duration: 0.94)
        #expect(report.summary == "published to s3://bucket/prefix: 3 uploaded, 1 deleted, 10594 unchanged (48 KB sent) in 0.9 s")
    }

    @Test func retryBackoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: 0.2, maxDelay: 10, requestTimeout: 60)
        for _ in 0..<50 {
            #expect((0.05...0.2).contains(policy.delay(beforeRetry: 1)))
            #expect((0.2...0.8).contains(policy.delay(beforeRetry: 3)))
            #expect((2.5...10).contains(policy.delay(beforeRetry: 12)))
        }
    }
}
