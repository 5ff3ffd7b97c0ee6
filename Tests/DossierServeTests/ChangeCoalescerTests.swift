@testable import DossierServe
import DossierContent
import Foundation
import Testing

@Suite struct ChangeCoalescerTests {
    @Test func changesWithin30msFormOneBatch() async throws {
        let coalescer = ChangeCoalescer()
        let consumer = Task { await coalescer.next() }
        try await Task.sleep(for: .milliseconds(5))
        // three changes 10 ms apart (timestamps given, so that a loaded machine cannot stretch the gaps)
        let t0 = ContinuousClock.now
        coalescer.add([FileChange("Content/a.md", .modified)], at: t0)
        coalescer.add([FileChange("Content/b.md", .created)], at: t0 + .milliseconds(10))
        coalescer.add([FileChange("Content/a.md", .modified), FileChange("Content/c.md", .removed)], at: t0 + .milliseconds(20))
        let batch = await consumer.value
        #expect(batch == [FileChange("Content/a.md", .modified), FileChange("Content/b.md", .created), FileChange("Content/c.md", .removed)])
        #expect(ContinuousClock.now - t0 >= .milliseconds(50), "handed out 30 ms after the last change, not before")
    }

    @Test func changesFarApartFormTwoBatches() async throws {
        let coalescer = ChangeCoalescer()
        coalescer.add([FileChange("Content/a.md", .modified)])
        let first = await coalescer.next()
        try await Task.sleep(for: .milliseconds(100))
        coalescer.add([FileChange("Content/b.md", .modified)])
        let second = await coalescer.next()
        #expect(first == [FileChange("Content/a.md", .modified)])
        #expect(second == [FileChange("Content/b.md", .modified)])
    }

    @Test func aSteadyStreamIsCutAtTheMaximumDelay() async throws {
        // changes every 10 ms for the last 390 ms: never quiet for 10 s, but the first is older than the maximum delay
        let coalescer = ChangeCoalescer(quietPeriod: .seconds(10), maximumDelay: .milliseconds(150))
        let now = ContinuousClock.now
        for i in 0..<40 {
            coalescer.add([FileChange("Content/\(i).md", .modified)], at: now - .milliseconds(390 - 10 * i))
        }
        let start = ContinuousClock.now
        let batch = await coalescer.next()
        #expect(batch?.count == 40)
        #expect(ContinuousClock.now - start < .seconds(5), "handed out without waiting for a quiet period")
    }

    @Test func finishEndsAndCancellationReturnsNil() async {
        let coalescer = ChangeCoalescer()
        let waiting = Task { await coalescer.next() }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        #expect(await waiting.value == nil)
        coalescer.add([FileChange("Content/a.md", .modified)])
        coalescer.finish()
        #expect(await coalescer.next() == [FileChange("Content/a.md", .modified)])
        #expect(await coalescer.next() == nil)
    }

    @Test func mergingAndSummaries() {
        let saved = [FileChange("Content/a.md", .removed), FileChange("Content/a.md", .created), FileChange("Content/a.md", .modified)]
        #expect(saved.merged() == [FileChange("Content/a.md", .modified)])
        #expect(saved.summary == "Content/a.md changed")
        #expect([FileChange("Content/n.md", .created), FileChange("Content/n.md", .modified)].summary == "Content/n.md added")
        #expect([FileChange("Content/gone.md", .removed)].summary == "Content/gone.md removed")
        let sedInPlace = [FileChange("Content/sedX1b2", .created), FileChange("Content/sedX1b2", .modified),
                          FileChange("Content/sedX1b2", .removed), FileChange("Content/a.md", .modified)]
        #expect(sedInPlace.merged() == [FileChange("Content/a.md", .modified)], "a temporary file that came and went is no change")
        #expect([FileChange("Content/a.md", .modified), FileChange("Content/b.md", .modified), FileChange("Templates/c.mustache", .created)]
            .summary == "3 files changed")
    }

    @Test func filterKeepsContentTemplatesAndEditionsOnly() {
        #expect(SiteLayout.isInput("Content/briefs/a.md"))
        #expect(SiteLayout.isInput("Templates/assets/style.css"))
        #expect(SiteLayout.isInput("Editions/0002.json"), "an edition recorded while serving shows at once")
        for path in ["Output/index.html", ".dossier/cache", "Editions/.0002.json.tmp-x1", "Content/.a.md.swp", "Content/briefs/a.md.swp", "Content/a.md~",
                     "Content/briefs/4913", "Content/.git/HEAD", "Content/#a.md#", "Content/x.tmp", "README.md", "Contents/a.md"] {
            #expect(!SiteLayout.isInput(path), "\(path)")
        }
    }
}
