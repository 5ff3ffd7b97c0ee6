import Foundation
import Testing
@testable import DossierPublish

/// Runs git in the tests, with a fixed identity and no user configuration.
@discardableResult
func git(_ arguments: [String], in folder: URL? = nil, input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"] + arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw HelperError("git \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
}

@Suite struct GitPublisherTests {
    /// A bare repository whose gh-pages branch already has a CNAME and an old page, and a site folder under git.
    struct Setup {
        let root: TemporaryFolder
        var bare: URL { root.url.appendingPathComponent("pages.git") }
        var site: URL { root.url.appendingPathComponent("site") }
        var output: TemporaryFolder { TemporaryFolder(existing: site.appendingPathComponent("Output")) }
        let sourceCommit: String

        init(existingBranch: Bool = true) throws {
            root = try TemporaryFolder("git")
            let bare = root.url.appendingPathComponent("pages.git")
            try git(["init", "--quiet", "--bare", bare.path])
            if existingBranch {
                let work = root.url.appendingPathComponent("work")
                try git(["init", "--quiet", work.path])
                try Data("briefing.example.org\n".utf8).write(to: work.appendingPathComponent("CNAME"))
                try Data("old page".utf8).write(to: work.appendingPathComponent("old.html"))
                try git(["add", "-A"], in: work)
                try git(["commit", "--quiet", "-m", "first pages"], in: work)
                try git(["push", "--quiet", bare.path, "HEAD:refs/heads/gh-pages"], in: work)
            }
            let site = root.url.appendingPathComponent("site")
            try git(["init", "--quiet", site.path])
            try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
            try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
            try git(["add", "Content"], in: site)
            try git(["commit", "--quiet", "-m", "content"], in: site)
            sourceCommit = try git(["rev-parse", "HEAD"], in: site).trimmingCharacters(in: .whitespacesAndNewlines)
            try TemporaryFolder(existing: site.appendingPathComponent("Output")).write(sampleOutput)
        }

        func tip() throws -> String { try git(["--git-dir", bare.path, "rev-parse", "gh-pages"]).trimmingCharacters(in: .whitespacesAndNewlines) }

        func tree() throws -> [String: Data] {
            var result: [String: Data] = [:]
            for path in try git(["--git-dir", bare.path, "ls-tree", "-r", "--name-only", "-z", "gh-pages"]).split(separator: "\0") {
                result[String(path)] = Data(try git(["--git-dir", bare.path, "show", "gh-pages:\(path)"]).utf8)
            }
            return result
        }

        func publisher(_ options: PublishOptions = PublishOptions()) -> GitPublisher {
            var options = options
            options.sourceFolder = site
            return GitPublisher(repository: bare.path, branch: "gh-pages", options: options,
                                environment: ["GIT_AUTHOR_NAME": "Publisher", "GIT_AUTHOR_EMAIL": "p@example.org",
                                              "GIT_COMMITTER_NAME": "Publisher", "GIT_COMMITTER_EMAIL": "p@example.org"])
        }
    }

    @Test func commitsOutputAsTheBranchTreeKeepingCNAME() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let before = try setup.tip()
        let report = try setup.publisher().publish(setup.output.url)
        var expected = publishable(setup.output)
        expected[".nojekyll"] = Data()
        expected["CNAME"] = Data("briefing.example.org\n".utf8)
        #expect(try setup.tree() == expected)
        #expect(report.uploaded == 12, "11 files and .nojekyll")
        #expect(report.deleted == 1, "old.html")
        #expect(report.commit == (try setup.tip()))
        let message = try git(["--git-dir", setup.bare.path, "log", "-1", "--format=%B", "gh-pages"])
        #expect(message.hasPrefix("Publish site from \(setup.sourceCommit.prefix(12))\n"))
        #expect(message.contains("Source commit: \(setup.sourceCommit)"))
        #expect(try git(["--git-dir", setup.bare.path, "rev-parse", "gh-pages^"]).trimmingCharacters(in: .whitespacesAndNewlines) == before)
        #expect(report.summary.hasPrefix("published to git:\(setup.bare.path)#gh-pages: 12 uploaded, 1 deleted, 1 unchanged"))
    }

    @Test func republishingNothingChangedMakesNoCommitAndEditsAreIncremental() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        _ = try setup.publisher().publish(setup.output.url)
        let first = try setup.tip()
        let again = try setup.publisher().publish(setup.output.url)
        #expect(again.uploaded == 0 && again.deleted == 0 && again.commit == nil)
        #expect(try setup.tip() == first)

        try setup.output.write(["briefs/one/index.html": "edited"])
        try setup.output.delete("briefs/two/index.html")
        let edited = try setup.publisher().publish(setup.output.url)
        #expect(edited.plan.uploads.map(\.path) == ["briefs/one/index.html"])
        #expect(edited.plan.deletions.map(\.path) == ["briefs/two/index.html"])
        #expect(try setup.tree()["CNAME"] == Data("briefing.example.org\n".utf8))
        #expect(try git(["--git-dir", setup.bare.path, "rev-parse", "gh-pages^"]).trimmingCharacters(in: .whitespacesAndNewlines) == first)
    }

    @Test func dryRunAndMaxDeletesLeaveTheBranchAlone() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let before = try setup.tip()
        let dry = try setup.publisher(PublishOptions(dryRun: true)).publish(setup.output.url)
        #expect(dry.plan.uploads.count == 12 && dry.plan.deletions.map(\.path) == ["old.html"])
        #expect(throws: PublishError.tooManyDeletions(count: 1, limit: 0)) {
            try setup.publisher(PublishOptions(maxDeletes: 0)).publish(setup.output.url)
        }
        #expect(try setup.tip() == before)
    }

    @Test func createsTheBranchInAnEmptyRepository() throws {
        let setup = try Setup(existingBranch: false)
        defer { setup.root.remove() }
        let report = try setup.publisher().publish(setup.output.url)
        var expected = publishable(setup.output)
        expected[".nojekyll"] = Data()
        #expect(try setup.tree() == expected)
        #expect(report.uploaded == 12)
        #expect(try git(["--git-dir", setup.bare.path, "rev-list", "--count", "gh-pages"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func reportsAMissingRepository() throws {
        let setup = try Setup(existingBranch: false)
        defer { setup.root.remove() }
        let publisher = GitPublisher(repository: setup.root.url.appendingPathComponent("nope.git").path, branch: "gh-pages", options: PublishOptions())
        #expect {
            try publisher.publish(setup.output.url)
        } throws: { error in
            guard case .git(let command, _, _)? = error as? PublishError else { return false }
            return command == "ls-remote"
        }
    }
}

extension TemporaryFolder {
    /// Wraps an existing folder (created if missing).
    init(existing url: URL) {
        self.url = url
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
}
