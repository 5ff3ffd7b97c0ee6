import DossierTestSupport
import Foundation
import Testing

/// Runs the built `dossier` executable, as a user would.
func runDossier(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws
    -> (status: Int32, stdout: String, stderr: String) {
    let binary = repositoryRoot.appendingPathComponent(".build/debug/dossier")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/dossier").path),
                "needs the dossier executable from `swift build`"))
struct CommandLineTests {
    @Test func initWritesAStarterSiteThatBuildsAndRefusesToOverwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try runDossier(["init", folder.path])
        #expect(created.status == 0)
        let built = try runDossier(["build", "--site", folder.path])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.hasPrefix("built "))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/index.html").path))
        let again = try runDossier(["init", folder.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("refusing to overwrite"))
        let check = try runDossier(["check", "--site", folder.path])
        #expect(check.stdout.contains("0 errors"), "\(check.stdout)")
        #expect(check.status == 0)
    }

    @Test func exitCodesTellContentErrorsFromUsageErrors() throws {
        let site = try SiteFixture(smallSite.replacingOccurrences(of: "kind: government", with: "kind: state"))
        defer { site.remove() }
        let failed = try runDossier(["build", "--site", site.folder.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Content/actors/agency.md:3:7: error: 'kind' must be one of"))
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("Output/index.html").path))
        let usage = try runDossier(["build", "--no-such-flag"])
        #expect(usage.status == 2)
        let version = try runDossier(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    /// The benchmark corpus (a few hundred items) built on all cores and with `--jobs 1` gives the same bytes.
    @Test func parallelBuildEqualsTheSingleThreadedBuild() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-jobs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", repositoryRoot.appendingPathComponent("Benchmarks/make-corpus.py").path,
                               "--briefs", "120", "--out", folder.path]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
        let site = folder.appendingPathComponent("dossier").path
        let parallel = folder.appendingPathComponent("parallel"), serial = folder.appendingPathComponent("serial")
        let a = try runDossier(["build", "--site", site, "--output", parallel.path, "--timings"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(!a.stdout.contains("single-threaded"))
        let b = try runDossier(["build", "--site", site, "--output", serial.path, "--timings", "--jobs", "1"])
        #expect(b.status == 0, "\(b.stderr)")
        // The setting reached the build: otherwise this would compare two parallel builds.
        #expect(b.stdout.contains("; single-threaded (--jobs 1)"), "\(b.stdout)")
        let one = snapshot(parallel), other = snapshot(serial)
        #expect(one.count > 300)
        #expect(one.keys.sorted() == other.keys.sorted())
        for (path, bytes) in one where other[path] != bytes {
            Issue.record("\(path) differs between the parallel and the single-threaded build")
        }
    }

    /// `--jobs` takes 1 or more on every command that builds; anything else is a usage error (exit 2) naming the
    /// option, before any work. `DOSSIER_JOBS` stays the default for scripts, checked the same way.
    @Test func jobsMustBeOneOrMore() throws {
        for command in [["build"], ["check"], ["watch"], ["serve"], ["publish", "folder:/nonexistent"], ["import", "a.html"]] {
            for bad in ["0", "-2"] {
                let run = try runDossier(command + ["--jobs=\(bad)"])
                #expect(run.status == 2, "\(command) --jobs=\(bad): \(run.stderr)")
                #expect(run.stderr.contains("--jobs must be 1 or more, not \(bad)"), "\(command): \(run.stderr)")
            }
        }
        let environment = try runDossier(["build"], environment: ["DOSSIER_JOBS": "many"])
        #expect(environment.status == 2)
        #expect(environment.stderr.contains("DOSSIER_JOBS must be a whole number of 1 or more, not 'many'"), "\(environment.stderr)")
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let serial = try runDossier(["build", "--site", site.folder.path, "--timings"], environment: ["DOSSIER_JOBS": "1"])
        #expect(serial.status == 0, "\(serial.stderr)")
        #expect(serial.stdout.contains("; single-threaded (--jobs 1)"), "DOSSIER_JOBS=1 is the default of --jobs: \(serial.stdout)")
        let overridden = try runDossier(["build", "--site", site.folder.path, "--timings", "--jobs", "2"], environment: ["DOSSIER_JOBS": "1"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(!overridden.stdout.contains("single-threaded"), "--jobs wins over DOSSIER_JOBS: \(overridden.stdout)")
    }

    @Test func checkReportsInJSON() throws {
        let site = try SiteFixture(smallSite + """

        -- Content/sources/unused.txt --
        Nobody cites this.
        """)
        defer { site.remove() }
        let result = try runDossier(["check", "--site", site.folder.path, "--format", "json"])
        #expect(result.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let codes = rows?.compactMap { $0["code"] as? String }
        #expect(codes == ["uncited-source"])
        #expect(rows?.first?["file"] as? String == "Content/sources/unused.txt")
    }
}

/// What `dossier build` prints about warnings, and how it treats a site folder that is not there.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/dossier").path),
                "needs the dossier executable from `swift build`"))
struct BuildOutputTests {
    /// A site with one warning: a quote found twice.
    static let warned = minimalConfig + """

    -- Content/sources/wire.txt --
    Then the talks resumed. Later the talks resumed again.
    -- Content/briefs/b.md --
    ---
    title: Brief
    date: 2026-03-05
    ---
    Resumed [@wire "the talks resumed"].
    """

    @Test func theSummaryCountsWarningsAndQuietHidesThem() throws {
        let site = try SiteFixture(Self.warned)
        defer { site.remove() }
        let loud = try runDossier(["build", "--site", site.folder.path])
        #expect(loud.status == 0, "\(loud.stderr)")
        #expect(loud.stderr.contains("Content/briefs/b.md:5:9: warning: quote found 2 times in source 'wire'"))
        #expect(loud.stdout.contains(", 1 warning in "), "\(loud.stdout)")
        let quiet = try runDossier(["build", "--site", site.folder.path, "--quiet", "--clean"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet.stderr)\(quiet.stdout)")
    }

    @Test func aMissingSiteFolderIsAUsageError() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-none-\(UUID().uuidString)").path
        let built = try runDossier(["build", "--site", missing])
        #expect(built.status == 2)
        #expect(built.stderr.contains("no site folder at"))
        #expect(try runDossier(["check", "--site", missing]).status == 2)
    }
}
