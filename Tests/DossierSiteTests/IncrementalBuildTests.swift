import DossierContent
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// Every file below `folder`, relative path → bytes.
func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let root = folder.standardizedFileURL.path
    guard let e = FileManager.default.enumerator(atPath: root) else { return [:] }
    while let p = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue {
            files[p] = FileManager.default.contents(atPath: root + "/" + p)
        }
    }
    return files
}

@Suite struct IncrementalBuildTests {
    @Test func cleanBuildWritesPagesAsItRendersThemAndEqualsABufferedBuild() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let builder = SiteBuilder(options: .init(siteFolder: site.folder))
        var cache = LoadCache()
        let ((streamed, _), rendered) = builder.build(cache: &cache, mode: .clean, remember: false)
        #expect(streamed.succeeded)
        // Into an empty folder, every page and site-wide file went to disk as it was made; only assets stay in memory.
        #expect(rendered.files.allSatisfy { $0.path.hasPrefix("assets/") })
        #expect(rendered.written.keys.contains("briefs/where-it-stands/index.html"))
        #expect(rendered.written.keys.contains("data/site.json"))
        #expect(streamed.written == streamed.fileCount)
        let direct = snapshot(site.folder.appendingPathComponent("Output"))

        // Into a folder that holds anything, files are held until every page is rendered, then written.
        let other = site.folder.appendingPathComponent("Buffered")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: other.appendingPathComponent("CNAME"))
        var again = LoadCache()
        let ((buffered, _), held) = SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: other))
            .build(cache: &again, mode: .clean, remember: false)
        #expect(buffered.succeeded)
        #expect(held.written.isEmpty)
        #expect(held.files.contains { $0.path == "briefs/where-it-stands/index.html" })
        var written = snapshot(other)
        #expect(written.removeValue(forKey: "CNAME") == Data("mine".utf8))
        #expect(written == direct)
    }

    /// A one-off build takes event and brief summaries, reference entries and JSON-LD parts made once for the
    /// whole build (`SharedItemValues`); a build that records what each page reads makes them on every page. The
    /// two must write the same site, byte for byte.
    @Test func sharedItemValuesRenderLikeValuesMadeOnEachPage() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let sharedOut = scratch.appendingPathComponent("shared"), recordedOut = scratch.appendingPathComponent("recorded")
        var cache = LoadCache()
        let ((oneOff, _), rendered) = SiteBuilder(options: .init(siteFolder: repositoryRoot, outputFolder: sharedOut))
            .build(cache: &cache, mode: .clean, remember: false)
        #expect(oneOff.succeeded)
        // The one-off build had shared values to take: the example's events, briefs and citations.
        let shared = try #require(rendered.context?.sharing().shared)
        #expect(!shared.events.isEmpty && !shared.briefs.isEmpty && !shared.references.isEmpty)
        #expect(!shared.structuredData.actors.isEmpty && !shared.structuredData.sources.isEmpty)
        var again = LoadCache()
        let ((recording, _), _) = SiteBuilder(options: .init(siteFolder: repositoryRoot, outputFolder: recordedOut))
            .build(cache: &again, mode: .clean, remember: true)
        #expect(recording.succeeded)
        let a = snapshot(sharedOut), b = snapshot(recordedOut)
        #expect(a.count > 50)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a where b[path] != bytes {
            Issue.record("\(path) differs between the shared and the per-page values")
        }
    }

    @Test func editingOneBriefRendersOnlyWhatShowsIt() throws {
        let site = try SiteFixture(smallSite + """

        -- Content/actors/bystander.md --
        ---
        name: Bystander
        ---
        """)
        defer { site.remove() }
        let builder = IncrementalBuilder(options: .init(siteFolder: site.folder))
        let first = builder.build()
        #expect(first.succeeded)
        #expect(first.written == first.fileCount)
        let nothing = builder.build()
        #expect(nothing.written == 0)
        #expect(builder.reread == [])
        #expect(!nothing.rendered.contains("actors/bystander/index.html"))
        // Only the pages that show what the whole build works out (the edition, the change log) are made again.
        #expect(Set(nothing.rendered) == ["index.html", "changes/index.html"])

        try site.write("""
        -- Content/briefs/where-it-stands.md --
        ---
        title: Where it stands now
        date: 2026-03-05
        actors: [agency]
        ---
        Changed text about [[agency]] [@wire "no deal was reached"].
        """)
        let edited = builder.build()
        #expect(edited.succeeded)
        #expect(builder.reread == ["Content/briefs/where-it-stands.md"])
        // Rendered again: the brief; the pages that list briefs (home, brief index, search); the agency's page,
        // which lists briefs mentioning it; the source page and index, which list and count what cites the source
        // (the citation moved); and /changes/, which reads the whole build. Nothing else reads the brief.
        #expect(Set(edited.rendered) == ["briefs/where-it-stands/index.html", "index.html", "briefs/index.html",
                                         "search/index.html", "actors/agency/index.html", "sources/wire/index.html",
                                         "sources/index.html", "changes/index.html"])
        #expect(first.rendered.contains("actors/bystander/index.html"))
        // Written: the pages whose bytes changed, plus the site feed, the agency's feed, three search index files (the
        // brief's document, the term shard and the manifest, whose first term "a" went with the summary) and
        // data/site.json.
        #expect(edited.written == 11, "written \(edited.written)")
        #expect(edited.unchanged == edited.fileCount - 11)
        #expect(site.output("briefs/where-it-stands/index.html")?.contains("Changed text about") == true)
        #expect(site.output("actors/agency/index.html")?.contains("Where it stands now") == true)
    }

    @Test func templateChangeRerendersItsPages() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let builder = IncrementalBuilder(options: .init(siteFolder: site.folder))
        #expect(builder.build().succeeded)
        try site.write("""
        -- Templates/404.mustache --
        {{<layout}}{{$main}}<p>Gone.</p>{{/main}}{{/layout}}
        """)
        let result = builder.build()
        #expect(result.written == 1)
        #expect(result.rendered.contains("404.html"))
        #expect(!result.rendered.contains("actors/agency/index.html"), "pages not using the 404 template are kept")
        #expect(site.output("404.html")?.contains("<p>Gone.</p>") == true)
    }

    /// A template save a watcher reports skips reading and resolving the content: the model of the last load is
    /// taken as it is. A save that also names a content file reads that file again.
    @Test func templateSaveUnderWatchReusesTheModel() throws {
        let (site, builder, path, original) = try builtSmallSite()
        defer { site.remove() }
        try site.write("-- Templates/404.mustache --\n{{<layout}}{{$main}}<p>Gone.</p>{{/main}}{{/layout}}")
        let template = builder.build(changed: ["Templates/404.mustache"])
        #expect(template.succeeded)
        #expect(template.timings.map(\.stage).prefix(1) == ["load"], "stages \(template.timings.map(\.stage))")
        #expect(template.rendered.contains("404.html") && !template.rendered.contains("actors/agency/index.html"))
        try site.write("-- \(path) --\n" + original.replacingOccurrences(of: "## Bottom line", with: "## The bottom line"))
        try site.write("-- Templates/404.mustache --\n{{<layout}}{{$main}}<p>Gone now.</p>{{/main}}{{/layout}}")
        let both = builder.build(changed: ["Templates/404.mustache", path])
        #expect(both.timings.map(\.stage).contains("parse"), "stages \(both.timings.map(\.stage))")
        #expect(builder.reread == [path])
        #expect(site.output("briefs/where-it-stands/index.html")?.contains("The bottom line") == true)
        #expect(site.output("404.html")?.contains("Gone now.") == true)
    }

    /// A content save whose build failed (a template broke at the same time), then a template save that fixes it:
    /// the model the watcher keeps is the edited one, newer than the last good build's, so the pages that show
    /// the edit are made again.
    @Test func templateFixAfterAFailedBuildStillShowsTheContentEdit() throws {
        let (site, builder, path, original) = try builtSmallSite()
        defer { site.remove() }
        try site.write("-- \(path) --\n" + original.replacingOccurrences(of: "## Bottom line", with: "## The bottom line"))
        try site.write("-- Templates/404.mustache --\n{{<layout}}{{$main}}{{#unclosed}}{{/main}}{{/layout}}")
        #expect(!builder.build(changed: [path, "Templates/404.mustache"]).succeeded)
        try site.write("-- Templates/404.mustache --\n{{<layout}}{{$main}}<p>Gone.</p>{{/main}}{{/layout}}")
        let fixed = builder.build(changed: ["Templates/404.mustache"])
        #expect(fixed.succeeded)
        #expect(site.output("briefs/where-it-stands/index.html")?.contains("The bottom line") == true)
    }

    /// The small site built once by an incremental builder, and the path and text of its brief.
    private func builtSmallSite() throws -> (site: SiteFixture, builder: IncrementalBuilder, path: String, original: String) {
        let site = try SiteFixture(smallSite)
        let builder = IncrementalBuilder(options: .init(siteFolder: site.folder))
        #expect(builder.build().succeeded)
        let path = "Content/briefs/where-it-stands.md"
        return (site, builder, path, try #require(site.read(path)))
    }

    /// A brief whose body prose changed (its citation moves down two lines) gets its page written before the rest
    /// of the build, and that page is already what a clean build makes.
    @Test func proseEditWritesItsPageFirstAsACleanBuildWould() throws {
        let (site, builder, path, original) = try builtSmallSite()
        defer { site.remove() }
        let edited = original.replacingOccurrences(of: "## Bottom line\n", with: "## Bottom line\n\nA new first paragraph, written while serving.\n")
        #expect(edited != original)
        try site.write("-- \(path) --\n" + edited)
        var atPreview: [String: String] = [:]
        let result = builder.build(changed: [path]) { paths in
            for p in paths { atPreview[p] = site.output(p) }
        }
        #expect(result.succeeded)
        #expect(result.previewed == ["briefs/where-it-stands/index.html"])
        // Only the site-wide outputs that read brief bodies are made again; the exports of events, actors and
        // stances, and the sitemap, stay.
        #expect(result.extrasMade == ["search", "feeds", "site.json"])
        #expect(atPreview["briefs/where-it-stands/index.html"]?.contains("A new first paragraph, written while serving.") == true)
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        let reference = try String(contentsOf: clean.appendingPathComponent("briefs/where-it-stands/index.html"), encoding: .utf8)
        #expect(atPreview["briefs/where-it-stands/index.html"] == reference)
        #expect(snapshot(site.folder.appendingPathComponent("Output")) == snapshot(clean))
    }

    /// The search entries of items that did not change are taken from the last build, not made again.
    @Test func searchEntriesOfUnchangedItemsAreReused() throws {
        let (site, _, path, original) = try builtSmallSite()
        defer { site.remove() }
        let before = try #require(SiteLoader(siteFolder: site.folder).load().site)
        var entries = SearchIndex.files(site: before, reusing: nil).entries
        entries[ItemRef(.actor, "corp")] = Array(#"["kept corp"]"#.utf8)
        entries[ItemRef(.brief, "where-it-stands")] = Array(#"["kept brief"]"#.utf8)
        try site.write("-- \(path) --\n" + original + "\nOne more sentence.\n")
        let after = try #require(SiteLoader(siteFolder: site.folder).load().site)
        let index = SearchIndex.files(site: after, reusing: (before, entries)).files
            .map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        #expect(index.contains("kept corp"))
        #expect(!index.contains("kept brief"), "the edited brief's entry is made again")
    }

    /// An actor's or topic's feed counts as unchanged only when nothing it lists changed.
    @Test func feedsOfActorsTheEditDoesNotTouchAreUnchanged() throws {
        let (site, _, path, original) = try builtSmallSite()
        defer { site.remove() }
        let before = try #require(SiteLoader(siteFolder: site.folder).load().site)
        try site.write("-- \(path) --\n" + original + "\nOne more sentence.\n")
        let after = try #require(SiteLoader(siteFolder: site.folder).load().site)
        #expect(!SiteFeeds.sameFeed(ItemRef(.actor, "agency"), after, before), "the edited brief is in the agency's feed")
        #expect(SiteFeeds.sameFeed(ItemRef(.actor, "corp"), after, before))
        #expect(SiteFeeds.sameFeed(ItemRef(.topic, "contract"), after, before))
        #expect(SiteFeeds.sameFeed(ItemRef(.actor, "agency"), before, before))
    }

    /// Edits that change more than prose get no preview: the full build does everything, as before.
    @Test(arguments: [
        ("title: Where it stands\n", "title: Where it stands today\n"),
        ("## Bottom line\n", "## Bottom line\n\nNow about [[corp]].\n"),
        ("## Bottom line\n", "## Bottom line\n\nSee [[nobody]].\n"),
    ])
    func editsBeyondProseGetNoPreview(from: String, to: String) throws {
        let (site, builder, path, original) = try builtSmallSite()
        defer { site.remove() }
        try site.write("-- \(path) --\n" + original.replacingOccurrences(of: from, with: to))
        var previewed: [String]?
        let result = builder.build(changed: [path]) { previewed = $0 }
        #expect(previewed == nil)
        #expect(result.previewed == [])
        #expect(result.succeeded == !to.contains("nobody"))
    }

    /// The small site, a folder for clean reference builds, and an incremental builder for the site.
    static func equivalenceSite() throws -> (SiteFixture, URL, IncrementalBuilder) {
        let site = try SiteFixture(smallSite)
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        return (site, clean, IncrementalBuilder(options: .init(siteFolder: site.folder)))
    }

    /// Random sequences of edits; after each, the incremental output must equal a clean build's byte for byte.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomEditsMatchCleanBuilds(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let (site, clean, builder) = try Self.equivalenceSite()
        defer { site.remove(); try? FileManager.default.removeItem(at: clean) }
        var editor = SiteEditor()
        var previewsSeen = 0
        defer { #expect(previewsSeen > 0, "seed \(seed) made no prose edit that was previewed") }
        for step in 0..<40 {
            let edit = editor.randomEdit(&rng)
            try site.write(edit.fixture)
            var previewed: [String: String] = [:]
            let incremental = builder.build(changed: edit.paths) { paths in
                for p in paths { previewed[p] = site.output(p) }
            }
            let reference = SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build()
            let context = "seed \(seed) step \(step): \(edit.description)"
            if edit.description.hasPrefix("prose") { previewsSeen += previewed.count }
            for (p, bytes) in previewed {
                #expect(bytes == (try? String(contentsOf: clean.appendingPathComponent(p), encoding: .utf8)), "preview of \(p), \(context)")
            }
            #expect(SiteFixture.lines(incremental.diagnostics) == SiteFixture.lines(reference.diagnostics), "\(context)")
            let a = snapshot(site.folder.appendingPathComponent("Output")), b = snapshot(clean)
            #expect(a.keys.sorted() == b.keys.sorted(), "\(context)")
            let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
            #expect(differing == [], "\(context)")
            if !differing.isEmpty || a.keys.sorted() != b.keys.sorted() { return }
        }
    }
}

extension IncrementalBuildTests {
    /// Random edits, each followed by a prose edit saved while its build runs (`writeAhead`, as `dossier serve` does):
    /// the prose is on disk at once, a build it cancels is run again with both edits, and after each step the output
    /// equals a clean build's byte for byte.
    @Test(arguments: [5, 6, 7] as [UInt64])
    func savesThatLandMidBuildMatchCleanBuilds(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let (site, clean, builder) = try Self.equivalenceSite()
        defer { site.remove(); try? FileManager.default.removeItem(at: clean) }
        var editor = SiteEditor()
        #expect(builder.build().succeeded)
        var writtenAhead = 0, cancelled = 0
        var stale: Set<String> = []
        // 24 steps, or more (up to 80) until a save has landed mid-build and cancelled one: on a loaded machine a
        // small site's build can finish before the save comes.
        for step in 0..<80 where step < 24 || writtenAhead == 0 || cancelled == 0 {
            let first = editor.randomEdit(&rng)
            try site.write(first.fixture)
            let running = BuildThread { builder.build(changed: first.paths) }
            Thread.sleep(forTimeInterval: Double(Int.random(in: 0..<8, using: &rng)) / 1000)
            var changed = first.paths
            var ahead: [String] = []
            if let prose = editor.proseEdit(&rng) {
                try site.write(prose.fixture)
                changed += prose.paths
                if let paths = builder.writeAhead(changed: prose.paths) {
                    ahead = paths
                    writtenAhead += 1
                    for p in paths { #expect(site.output(p)?.contains("Prose edit ") == true, "seed \(seed) step \(step)") }
                }
            }
            var result = running.wait()
            if result.cancelled {
                cancelled += 1
                result = builder.build(changed: Array(Set(changed)).sorted())
            } else if changed != first.paths {
                result = builder.build(changed: Array(Set(changed)).sorted())
            }
            #expect(!result.cancelled)
            let reference = SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build()
            let context = "seed \(seed) step \(step): \(first.description)"
            #expect(SiteFixture.lines(result.diagnostics) == SiteFixture.lines(reference.diagnostics), "\(context)")
            let a = snapshot(site.folder.appendingPathComponent("Output")), b = snapshot(clean)
            // While another file is broken, pages written ahead show the newest prose; the last good build holds the rest.
            stale = result.succeeded ? [] : stale.union(ahead)
            let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] && !stale.contains($0) }.sorted()
            #expect(differing == [], "\(context)")
            if !differing.isEmpty { return }
        }
        #expect(writtenAhead > 0, "seed \(seed): no save landed while a build ran")
        #expect(cancelled > 0, "seed \(seed): no build was cancelled by a save")
    }
}

/// Runs a build on a thread of its own, so a test can save files while it runs.
final class BuildThread: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<SiteBuilder.Result?>(nil)

    init(_ build: @escaping @Sendable () -> SiteBuilder.Result) {
        Thread.detachNewThread { [self] in
            let made = build()
            result.withLock { $0 = made }
            done.signal()
        }
    }

    /// Waits for the build to end and returns its result.
    func wait() -> SiteBuilder.Result {
        done.wait()
        return result.withLock { $0! }
    }
}

/// Makes random edits to the small site: adds, changes, renames and deletes items of every kind and
/// templates, including edits that break the build and later ones that mend it.
struct SiteEditor {
    struct Edit {
        var fixture: String
        var description: String

        /// The files the edit writes or deletes, as a watcher would report them.
        var paths: [String] {
            fixture.split(separator: "\n").compactMap { line in
                line.hasPrefix("-- ") && line.hasSuffix(" --") ? String(line.dropFirst(3).dropLast(3)) : nil
            }
        }
    }

    var actors = ["agency", "corp"]
    var events = ["review"]
    var briefs = ["where-it-stands"]
    var topics = ["contract"]
    var sources = ["wire"]
    var counter = 0
    var broken: String?
    /// The current text of each brief, so a prose edit can keep its front matter and references.
    var briefTexts: [String: String] = [:]

    let quotes = ["it would \\\"review the contract\\\"", "described the talks as constructive", "no deal was reached"]

    /// Prose only: a paragraph added at the top of a brief's body moves its links and citations down; nil when no
    /// brief's text is known.
    mutating func proseEdit(_ rng: inout SplitMix64) -> Edit? {
        guard let id = briefs.filter({ briefTexts[$0] != nil }).randomElement(using: &rng),
              let text = briefTexts[id], let end = text.range(of: "\n---\n", options: .backwards) else { return nil }
        let edited = text.replacingCharacters(in: end, with: "\n---\nProse edit \(counter) of the body.\n\n")
        briefTexts[id] = edited
        return Edit(fixture: edited, description: "prose edit of brief \(id)")
    }

    mutating func randomEdit(_ rng: inout SplitMix64) -> Edit {
        counter += 1
        if let path = broken, Int.random(in: 0..<3, using: &rng) == 0 {
            broken = nil
            return Edit(fixture: "-- \(path) --\n<delete>", description: "mend by deleting \(path)")
        }
        switch Int.random(in: 0..<15, using: &rng) {
        case 13, 14:
            return proseEdit(&rng) ?? Edit(fixture: briefFile("brief-\(counter)", &rng), description: "add brief")
        case 0:
            let id = "actor-\(counter)"
            actors.append(id)
            return Edit(fixture: actorFile(id, name: "Actor \(counter)", &rng), description: "add actor \(id)")
        case 1:
            let id = actors.randomElement(using: &rng)!
            return Edit(fixture: actorFile(id, name: "Renamed \(counter)", &rng), description: "modify actor \(id)")
        case 2:
            let id = "event-\(counter)"
            events.append(id)
            return Edit(fixture: eventFile(id, &rng), description: "add event \(id)")
        case 3:
            let id = events.randomElement(using: &rng)!
            return Edit(fixture: eventFile(id, &rng), description: "modify event \(id)")
        case 4:
            guard events.count > 1 else { return Edit(fixture: eventFile("event-\(counter)", &rng), description: "add event") }
            let old = events.remove(at: Int.random(in: 0..<events.count, using: &rng))
            let id = "event-\(counter)"
            events.append(id)
            return Edit(fixture: "-- Content/events/\(old).md --\n<delete>\n" + eventFile(id, &rng), description: "rename event \(old) to \(id)")
        case 5:
            let id = "brief-\(counter)"
            briefs.append(id)
            return Edit(fixture: briefFile(id, &rng), description: "add brief \(id)")
        case 6:
            guard let id = briefs.randomElement(using: &rng) else { return Edit(fixture: briefFile("brief-\(counter)", &rng), description: "add brief") }
            if Bool.random(using: &rng), briefs.count > 1 {
                briefs.removeAll { $0 == id }
                return Edit(fixture: "-- Content/briefs/\(id).md --\n<delete>", description: "delete brief \(id)")
            }
            return Edit(fixture: briefFile(id, &rng), description: "modify brief \(id)")
        case 7:
            let id = topics.randomElement(using: &rng)!
            return Edit(fixture: topicFile(id, &rng), description: "modify topic \(id)")
        case 8:
            let id = "topic-\(counter)"
            topics.append(id)
            return Edit(fixture: topicFile(id, &rng), description: "add topic \(id)")
        case 9:
            // A deleted actor that others name breaks the build until it is added back or the references go.
            let id = actors.randomElement(using: &rng)!
            if actors.count > 2, Bool.random(using: &rng) {
                actors.removeAll { $0 == id }
                return Edit(fixture: "-- Content/actors/\(id).md --\n<delete>", description: "delete actor \(id)")
            }
            return Edit(fixture: actorFile(id, name: "Back \(counter)", &rng), description: "rewrite actor \(id)")
        case 10:
            let path = "Content/briefs/broken-\(counter).md"
            broken = path
            return Edit(fixture: "-- \(path) --\n---\ntitle: [unclosed\ndate: 2026\n---\n", description: "break \(path)")
        case 11:
            let variants = ["{{<layout}}{{$main}}<p>Not here {{site.title}}.</p>{{/main}}{{/layout}}", "<delete>",
                            "{{<layout}}{{$main}}<p>{{site.nope}}</p>{{/main}}{{/layout}}"]
            let variant = variants.randomElement(using: &rng)!
            return Edit(fixture: "-- Templates/404.mustache --\n\(variant)", description: "template 404: \(variant.prefix(30))")
        default:
            let extra = "Paragraph \(counter) of later reporting."
            return Edit(fixture: """
            -- Content/sources/wire.txt --
            date 2026-03-05 The Agency said it would “review the contract” with Example Corp.

            Officials described the talks as constructive — but no deal was reached.

            \(extra)
            """, description: "modify source wire")
        }
    }

    private func pick(_ list: [String], _ rng: inout SplitMix64, upTo n: Int) -> [String] {
        Array(Set((0..<Int.random(in: 1...n, using: &rng)).map { _ in list.randomElement(using: &rng)! })).sorted()
    }

    private func actorFile(_ id: String, name: String, _ rng: inout SplitMix64) -> String {
        let other = actors.filter { $0 != id }.randomElement(using: &rng) ?? "agency"
        return """
        -- Content/actors/\(id).md --
        ---
        name: \(name)
        kind: person
        affiliations: [\(other)]
        relations:
          - to: \(other)
            type: works-with
            sources: [wire]
        ---
        About [[\(other)]].
        """
    }

    private func eventFile(_ id: String, _ rng: inout SplitMix64) -> String {
        let day = Int.random(in: 1...28, using: &rng)
        return """
        -- Content/events/\(id).md --
        ---
        title: Event \(id) \(counter)
        date: 2026-02-\(day < 10 ? "0" : "")\(day)
        approximate: \(Bool.random(using: &rng))
        actors: [\(pick(actors, &rng, upTo: 2).joined(separator: ", "))]
        topics: [\(pick(topics, &rng, upTo: 1).joined(separator: ", "))]
        sources:
          - source: wire
            quote: "\(quotes.randomElement(using: &rng)!)"
        ---
        """
    }

    private mutating func briefFile(_ id: String, _ rng: inout SplitMix64) -> String {
        let actor = actors.randomElement(using: &rng)!
        let quote = quotes.randomElement(using: &rng)!.replacingOccurrences(of: "\\\"", with: "“")
        let text = """
        -- Content/briefs/\(id).md --
        ---
        title: Brief \(id) \(counter)
        date: 2026-03-0\(Int.random(in: 1...9, using: &rng))
        actors: [\(pick(actors, &rng, upTo: 2).joined(separator: ", "))]
        ---
        About [[\(actor)]] [@wire "\(quote.replacingOccurrences(of: "“review the contract“", with: "“review the contract”"))"].
        """
        briefTexts[id] = text
        return text
    }

    private func topicFile(_ id: String, _ rng: inout SplitMix64) -> String {
        let positions = ["support", "oppose", "mixed", "neutral", "unclear"]
        let stances = pick(actors, &rng, upTo: 2).map { actor in
            """
              - actor: \(actor)
                position: \(positions.randomElement(using: &rng)!)
                sources: [wire]
            """
        }.joined(separator: "\n")
        return """
        -- Content/topics/\(id).md --
        ---
        title: Topic \(id) \(counter)
        stances:
        \(stances)
        ---
        """
    }
}

@Suite struct RecordedBuildTests {
    @Test func unchangedSiteIsNotBuiltAgainAndAnyChangeIsNoticed() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        // Make every input look older than the racy window, as files are when a user runs a build later.
        func age() throws {
            let old = Date(timeIntervalSinceNow: -60)
            for path in try FileManager.default.subpathsOfDirectory(atPath: site.folder.appendingPathComponent("Content").path) {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: site.folder.appendingPathComponent("Content/" + path).path)
            }
        }
        try age()
        let builder = SiteBuilder(options: .init(siteFolder: site.folder))
        let first = builder.build(usingStamp: true, tool: "test")
        #expect(first.written == first.fileCount)
        let second = builder.build(usingStamp: true, tool: "test")
        #expect(second.timings.map(\.stage) == ["stamp"], "nothing changed: the stamp answers")
        #expect(second.unchanged == first.fileCount)

        try site.write("-- Content/actors/corp.md --\n---\nname: Example Corporation\nkind: organization\n---\n")
        try age()
        let third = builder.build(usingStamp: true, tool: "test")
        #expect(third.timings.map(\.stage) != ["stamp"])
        #expect(site.output("actors/corp/index.html")?.contains("Example Corporation") == true)

        // A damaged output folder (its manifest changed) is rebuilt too.
        try Data("{}".utf8).write(to: site.folder.appendingPathComponent("Output/.dossier-manifest.json"))
        let fourth = builder.build(usingStamp: true, tool: "test")
        #expect(fourth.timings.map(\.stage) != ["stamp"])
        let other = builder.build(usingStamp: true, tool: "another version")
        #expect(other.timings.map(\.stage) != ["stamp"], "another tool version never trusts the stamp")
    }

    /// With the content as the last build read it, a template edit renders only the pages drawn with that
    /// template (through partials and parents) and keeps the search index, feeds and exports; the output is
    /// still what a clean build makes.
    @Test func templateEditWithTheSameContentRendersOnlyItsPages() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let old = Date(timeIntervalSinceNow: -60)
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.folder.appendingPathComponent("Content").path) {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: site.folder.appendingPathComponent("Content/" + path).path)
        }
        let builder = SiteBuilder(options: .init(siteFolder: site.folder))
        let first = builder.build(usingStamp: true, tool: "test")
        #expect(first.succeeded)
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }

        let brief = try #require(Theme.builtIn.templates["brief"])
        try site.write("-- Templates/brief.mustache --\n" + brief.replacingOccurrences(of: "</article>", with: "</article><!-- edited brief -->"))
        let second = builder.build(usingStamp: true, tool: "test")
        #expect(second.succeeded)
        #expect(second.rendered == ["briefs/where-it-stands/index.html"])
        #expect(second.written == 1 && second.fileCount == first.fileCount, "\(second.written) of \(second.fileCount)")
        #expect(site.output("briefs/where-it-stands/index.html")?.contains("<!-- edited brief -->") == true)
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        #expect(snapshot(site.folder.appendingPathComponent("Output")) == snapshot(clean))

        // A partial every page uses re-renders them all, and the output is still a clean build's.
        let layout = try #require(Theme.builtIn.templates["layout"])
        try site.write("-- Templates/layout.mustache --\n" + layout.replacingOccurrences(of: "</body>", with: "<!-- edited layout --></body>"))
        let third = builder.build(usingStamp: true, tool: "test")
        #expect(third.rendered.count == third.pageCount)
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        #expect(snapshot(site.folder.appendingPathComponent("Output")) == snapshot(clean))
        #expect(site.output("actors/corp/index.html")?.contains("<!-- edited layout -->") == true)
    }
}
