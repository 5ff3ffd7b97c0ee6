@testable import DossierServe
import Foundation
import Testing

@Suite struct ChangeCoalescerTests {
    @Test func changesWithin30msFormOneBatch() async throws {
        let coalescer = ChangeCoalescer()
        let start = ContinuousClock.now
        let feeder = Task {
            coalescer.add([FileChange("Content/a.md", .modified)])
            try await Task.sleep(for: .milliseconds(10))
            coalescer.add([FileChange("Content/b.md", .created)])
            try await Task.sleep(for: .milliseconds(10))
            coalescer.add([FileChange("Content/a.md", .modified), FileChange("Content/c.md", .removed)])
        }
        let batch = await coalescer.next()
        try await feeder.value
        #expect(batch == [FileChange("Content/a.md", .modified), FileChange("Content/b.md", .created), FileChange("Content/c.md", .removed)])
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(45) && waited < .milliseconds(1000), "handed out 30 ms after the last change, not before: \(waited)")
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
        let coalescer = ChangeCoalescer(quietPeriod: .milliseconds(30), maximumDelay: .milliseconds(150))
        let feeder = Task {
            for i in 0..<40 {
                coalescer.add([FileChange("Content/\(i).md", .modified)])
                try await Task.sleep(for: .milliseconds(10))
            }
            coalescer.finish()
        }
        var batches: [[FileChange]] = []
        while let batch = await coalescer.next() { batches.append(batch) }
        try await feeder.value
        #expect(batches.count >= 2, "a build starts while changes keep coming")
        #expect(batches.flatMap { $0 }.count == 40)
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
        #expect([FileChange("Content/a.md", .modified), FileChange("Content/b.md", .modified), FileChange("Templates/c.mustache", .created)]
            .summary == "3 files changed")
    }

    @Test func filterKeepsContentAndTemplatesOnly() {
        #expect(WatchFilter.isRelevant("Content/briefs/a.md"))
        #expect(WatchFilter.isRelevant("Templates/assets/style.css"))
        for path in ["Output/index.html", ".dossier/cache", "Content/.a.md.swp", "Content/briefs/a.md.swp", "Content/a.md~",
                     "Content/briefs/4913", "Content/.git/HEAD", "Content/#a.md#", "Content/x.tmp", "README.md", "Contents/a.md"] {
            #expect(!WatchFilter.isRelevant(path), "\(path)")
        }
    }
}
