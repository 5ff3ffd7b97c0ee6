@testable import DossierServe
import DossierSite
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// A save that arrives while a rebuild runs does not wait for it: its prose edit is on disk at once, the running
/// build is cancelled (or finishes), and the next build, holding both edits, equals a clean build.
@Suite struct WriteAheadTests {
    /// The served site with enough briefs that a rebuild after a title change takes a while.
    static func largeSite() -> String {
        var text = servedSite
        for i in 0..<300 {
            text += "\n-- Content/briefs/extra-\(i).md --\n---\ntitle: Extra \(i)\ndate: 2026-03-05\nactors: [agency]\n---\n"
                + String(repeating: "Paragraph \(i) of analysis, with enough words to be a page. ", count: 12)
        }
        return text
    }

    @Test func aProseSaveDuringARebuildIsWrittenAtOnce() async throws {
        let site = try SiteFixture(Self.largeSite())
        defer { site.remove() }
        let rebuilder = Rebuilder(options: .init(siteFolder: site.folder))
        let initial = await rebuilder.build()
        #expect(initial.succeeded)
        let previews = Collected(rebuilder.previews())
        let outcomes = Collected(rebuilder.outcomes())
        let (changes, feed) = AsyncStream.makeStream(of: [FileChange].self)
        let running = Task { await rebuilder.run(changes: changes, coalescer: ChangeCoalescer(quietPeriod: .milliseconds(1))) }

        // A title change: every list showing the brief is rendered again, which takes a while, and a prose save
        // while that rebuild runs. On a loaded machine the rebuild may be over before this task looks, or before
        // the save arrives; then the round is done again, with new text.
        let briefPath = "Content/briefs/status.md"
        let original = try #require(site.read(briefPath))
        var wroteAhead: Rebuilder.Preview?
        for round in 1...6 where wroteAhead == nil {
            let started = rebuilder.builds.started
            let seen = (outcomes: outcomes.items.count, previews: previews.items.count)
            try site.write("-- Content/briefs/extra-7.md --\n---\ntitle: Extra seven, renamed \(round)\ndate: 2026-03-05\n---\nShort now.")
            feed.yield([FileChange("Content/briefs/extra-7.md", .modified)])
            #expect(await eventually(timeout: 60) { rebuilder.builds.started > started }, "the rebuild started")
            if rebuilder.builds.running {
                try site.write("-- \(briefPath) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "SAVED-MID-BUILD-\(round)"))
                feed.yield([FileChange(briefPath, .modified)])
                #expect(await eventually(timeout: 60) { previews.items.count > seen.previews })
                // Written ahead: before the running build finished, so it did not wait for it.
                if outcomes.items.count == seen.outcomes, let preview = previews.items.last {
                    wroteAhead = preview
                    #expect(site.output("briefs/status/index.html")?.contains("SAVED-MID-BUILD-\(round)") == true)
                }
            }
            #expect(await eventually(timeout: 120) { !rebuilder.builds.running && outcomes.items.count > seen.outcomes })
        }
        let preview = try #require(wroteAhead, "no save landed while a rebuild ran, in six rounds")
        #expect(preview.paths == ["briefs/status/index.html"])

        // An outcome then holds both edits, whether the running build was cancelled or had just finished.
        #expect(await eventually(timeout: 120) { outcomes.items.last?.changes.contains(FileChange(briefPath, .modified)) == true })
        let last = try #require(outcomes.items.last)
        #expect(last.succeeded)
        #expect(last.sequence >= preview.sequence)
        feed.finish()
        await running.value
        rebuilder.closeSubscriptions()

        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        for page in ["briefs/status/index.html", "briefs/extra-7/index.html", "briefs/index.html"] {
            let built = try String(contentsOf: clean.appendingPathComponent(page), encoding: .utf8)
            #expect(site.output(page) == built, "\(page)")
        }
    }
}

/// Everything a stream yields, gathered on a task of its own, so a test can wait with a time limit.
final class Collected<T: Sendable>: Sendable {
    private let gathered = Mutex<[T]>([])

    init(_ stream: AsyncStream<T>) {
        Task { [self] in
            for await item in stream { gathered.withLock { $0.append(item) } }
        }
    }

    /// What has arrived so far.
    var items: [T] { gathered.withLock { $0 } }
}
