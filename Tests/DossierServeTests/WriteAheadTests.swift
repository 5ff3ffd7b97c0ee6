import DossierServe
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

        // A title change: every list showing the brief is rendered again, which takes a while.
        try site.write("-- Content/briefs/extra-7.md --\n---\ntitle: Extra seven, renamed\ndate: 2026-03-05\n---\nShort now.")
        feed.yield([FileChange("Content/briefs/extra-7.md", .modified)])
        #expect(await eventually(timeout: 60) { rebuilder.isBuilding }, "the rebuild started")
        let briefPath = "Content/briefs/status.md"
        let text = try #require(site.read(briefPath))
        try site.write("-- \(briefPath) --\n" + text.replacingOccurrences(of: "ORIGINAL-TEXT", with: "SAVED-MID-BUILD"))
        feed.yield([FileChange(briefPath, .modified)])

        // The preview comes before any build after the first has finished: it did not wait for the running one.
        #expect(await eventually(timeout: 60) { !previews.items.isEmpty })
        let preview = try #require(previews.items.first)
        #expect(preview.paths == ["briefs/status/index.html"])
        #expect(outcomes.items.isEmpty, "the running build had not finished: \(outcomes.items.map(\.sequence))")
        #expect(site.output("briefs/status/index.html")?.contains("SAVED-MID-BUILD") == true)

        // An outcome then holds both edits, whether the running build was cancelled or had just finished.
        #expect(await eventually(timeout: 120) { outcomes.items.contains { $0.changes.contains(FileChange(briefPath, .modified)) } })
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
