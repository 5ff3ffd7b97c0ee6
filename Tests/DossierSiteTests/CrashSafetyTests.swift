@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// `kill -9` at random moments of a build: `Output/` must always be the previous build or the new one, byte for
/// byte — at once, or (when the kill fell among the final renames) once the next run has finished them.
@Suite(.serialized) struct CrashSafetyTests {
    /// Every file below `folder` (dot files included, the staging folder left out) with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        DossierSiteTests.snapshot(folder).filter { !$0.key.hasPrefix(StagedCommit.folderName) }
    }

    /// A site with enough pages that a build takes a while: the example's site.yml and 120 briefs.
    static func site(version: Int) -> String {
        var text = minimalConfig + "\n"
        for i in 0..<(version == 1 ? 120 : 100) {
            text += """
            -- Content/briefs/brief-\(i).md --
            ---
            title: Brief \(i), version \(version)
            date: 2026-03-\(String(format: "%02d", 1 + i % 28))
            summary: The state of play in part \(i) (v\(version)).
            ---
            \(String(repeating: "Paragraph of analysis number \(i), version \(version), with enough words to be a page. ", count: 20))

            """
        }
        return text
    }

    static func dossier() throws -> URL {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/dossier")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the dossier executable first")
        return binary
    }

    /// Starts a build of `site` and kills it after `delay` seconds (or lets it finish first).
    static func killedBuild(_ site: URL, after delay: Double) throws -> Int32 {
        let process = Process()
        process.executableURL = try dossier()
        process.arguments = ["build", "--site", site.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Builds version 1 of the test site, then version 2 over it (the second is edition 2 of the same site), and
    /// version 2 alone (edition 1); returns the three outputs and how long a build took.
    static func references() throws -> (old: [String: Data], new: [String: Data], newAlone: [String: Data], seconds: Double) {
        let site = try SiteFixture(self.site(version: 1))
        defer { site.remove() }
        let output = site.folder.appendingPathComponent("Output")
        try #require(site.build().succeeded)
        let old = snapshot(output)
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("Content/briefs"))
        try site.write(self.site(version: 2))
        let start = Date()
        try #require(site.build().succeeded)
        let seconds = Date().timeIntervalSince(start)
        let new = snapshot(output)
        try FileManager.default.removeItem(at: output)
        try #require(site.build().succeeded)
        return (old, new, snapshot(output), seconds)
    }

    @Test func aKilledBuildLeavesThePreviousOutputOrTheNewOne() throws {
        let (old, newOverOld, newAlone, seconds) = try Self.references()
        #expect(old != newOverOld && !old.isEmpty && !newOverOld.isEmpty && !newAlone.isEmpty)
        var generator = SplitMix64(state: 20_261_202)
        var seen: [String: Int] = [:]
        for round in 0..<20 {
            let site = try SiteFixture(Self.site(version: 1))
            defer { site.remove() }
            let output = site.folder.appendingPathComponent("Output")
            // Half the rounds start from the previous build, half from nothing (a clean build into an empty folder).
            let fromNothing = round % 2 == 1
            if !fromNothing { try #require(site.build().succeeded) }
            try FileManager.default.removeItem(at: site.folder.appendingPathComponent("Content/briefs"))
            try site.write(Self.site(version: 2))
            let delay = Double.random(in: 0...(seconds * 3 + 0.3), using: &generator)
            _ = try Self.killedBuild(site.folder, after: delay)
            let before = fromNothing ? [:] : old
            let new = fromNothing ? newAlone : newOverOld
            let now = Self.snapshot(output)
            let staging = StagedCommit(output: output.path)
            let journal = FileManager.default.fileExists(atPath: staging.folder + "/journal.json")
            if journal {
                #expect(try staging.recover())
                #expect(Self.snapshot(output) == new, "round \(round): the finished commit is the new build")
                seen["finished by the next run", default: 0] += 1
            } else {
                #expect(now == before || now == new, "round \(round), killed after \(delay) s: a mix of builds")
                seen[now == new ? "new" : "previous", default: 0] += 1
                try staging.recover()
                #expect(!FileManager.default.fileExists(atPath: staging.folder), "what a killed build staged is removed")
            }
        }
        // The delays span a whole build: some kills must land before it finished and some after.
        #expect(seen["previous", default: 0] > 0 && seen["new", default: 0] + seen["finished by the next run", default: 0] > 0,
                "\(seen)")
    }

    @Test func aFailedWriteLeavesThePreviousOutputExactly() throws {
        let site = try SiteFixture(Self.site(version: 1))
        defer { site.remove() }
        try #require(site.build().succeeded)
        let output = site.folder.appendingPathComponent("Output")
        try site.write(Self.site(version: 2))
        // A folder where a page must go: found before anything of Output/ is touched (the old writer had replaced
        // every page before it reached this one).
        let blocked = output.appendingPathComponent("briefs/brief-77/index.html")
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        let before = Self.snapshot(output)
        let result = site.build()
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1 && errors[0].contains("briefs/brief-77/index.html") && errors[0].contains("folder"), "\(errors)")
        #expect(Self.snapshot(output) == before)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(StagedCommit.folderName).path))
    }
}

/// `Output/` and the build record are verified, not trusted: what was altered behind the build's back is repaired.
@Suite struct VerifiedOutputTests {
    static func aged(_ site: SiteFixture) throws {
        let old = Date(timeIntervalSinceNow: -60)
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.folder.appendingPathComponent("Content").path) {
            try FileManager.default.setAttributes([.modificationDate: old],
                                                  ofItemAtPath: site.folder.appendingPathComponent("Content/" + path).path)
        }
    }

    @Test func aDeletedTruncatedOrEditedPageIsWrittenAgain() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try Self.aged(site)
        let builder = SiteBuilder(options: .init(siteFolder: site.folder))
        #expect(builder.build(usingStamp: true, tool: "test").succeeded)
        let output = site.folder.appendingPathComponent("Output")
        let good = CrashSafetyTests.snapshot(output)
        #expect(builder.build(usingStamp: true, tool: "test").timings.map(\.stage) == ["stamp"])

        try FileManager.default.removeItem(at: output.appendingPathComponent("actors/corp/index.html"))
        let home = output.appendingPathComponent("index.html")
        let bytes = try Data(contentsOf: home)
        try bytes.prefix(bytes.count / 2).write(to: home)
        let timeline = output.appendingPathComponent("timeline/index.html")
        var same = try Data(contentsOf: timeline)
        same[same.count - 10] = UInt8(ascii: "X")  // same size, other bytes
        try same.write(to: timeline)

        let repaired = builder.build(usingStamp: true, tool: "test")
        #expect(repaired.written == 3, "\(repaired.written) written")
        #expect(CrashSafetyTests.snapshot(output) == good)
        #expect(builder.build(usingStamp: true, tool: "test").timings.map(\.stage) == ["stamp"])
    }

    @Test func anAlteredBuildRecordMeansAFullBuild() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try Self.aged(site)
        let builder = SiteBuilder(options: .init(siteFolder: site.folder))
        #expect(builder.build(usingStamp: true, tool: "test").succeeded)
        let record = site.folder.appendingPathComponent(".dossier/build-graph")
        let text = try String(contentsOf: record, encoding: .utf8)
        #expect(text.contains("\"templateDigests\":{\""))
        try text.replacingOccurrences(of: "\"templateDigests\":{\"", with: "\"templateDigests\":{\"tampered-").write(to: record, atomically: true, encoding: .utf8)
        #expect(BuildGraph.read(site.folder) == nil, "a record whose checksum fails is not read")
        let next = builder.build(usingStamp: true, tool: "test")
        #expect(next.timings.map(\.stage) != ["stamp"] && next.rendered.count == next.pageCount)
        #expect(BuildGraph.read(site.folder) != nil, "the full build writes a good record again")
    }

    @Test func oldTemporariesInTheBuildRecordFolderAreSwept() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let folder = site.folder.appendingPathComponent(".dossier")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let old = folder.appendingPathComponent(".dossier-tmp-killed"), recent = folder.appendingPathComponent(".dossier-tmp-running")
        try Data("half a record".utf8).write(to: old)
        try Data("a record being written".utf8).write(to: recent)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7_200)], ofItemAtPath: old.path)
        #expect(SiteBuilder(options: .init(siteFolder: site.folder)).build(usingStamp: true, tool: "test").succeeded)
        #expect(!FileManager.default.fileExists(atPath: old.path), "a temporary a killed build left is removed")
        #expect(FileManager.default.fileExists(atPath: recent.path), "one another build may be writing stays")
    }
}
