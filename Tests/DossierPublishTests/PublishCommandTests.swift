import DossierTestSupport
import Foundation
import Testing
@testable import DossierPublish
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `dossier` executable with `environment` added to a clean one (no AWS variables of the caller).
func runDossier(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = try startDossier(arguments, environment: environment)
    let o = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
    let e = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// Starts the built `dossier` executable; its output goes to pipes.
func startDossier(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = dossierBinary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"] { env[name] = nil }
    env["HOME"] = FileManager.default.temporaryDirectory.path
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    return process
}

let testEnvironment = ["AWS_ACCESS_KEY_ID": motoCredentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": motoCredentials.secretAccessKey]

@Suite(.enabled(if: FileManager.default.fileExists(atPath: dossierBinary.path), "needs the dossier executable from `swift build`"))
struct PublishCommandTests {
    @Test func usageErrorsExitTwo() throws {
        let malformed = try runDossier(["publish", "s3://Bad_Bucket", "--no-build"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("not a valid S3 bucket name"))
        let gitWithoutBranch = try runDossier(["publish", "git:../pages.git", "--no-build"])
        #expect(gitWithoutBranch.status == 2)
        #expect(gitWithoutBranch.stderr.contains("names its branch after '#'"))
        let endpointForFolder = try runDossier(["publish", "/tmp/x", "--endpoint", "http://127.0.0.1:9", "--no-build"])
        #expect(endpointForFolder.status == 2)
        let negative = try runDossier(["publish", "/tmp/x", "--max-deletes", "-1", "--no-build"])
        #expect(negative.status == 2)
    }

    @Test func publishesAFolderWithDryRunAndMaxDeletes() throws {
        let site = try TemporaryFolder("site"), destination = try TemporaryFolder("www")
        defer { site.remove(); destination.remove() }
        try TemporaryFolder(existing: site.url.appendingPathComponent("Output")).write(sampleOutput)
        try destination.write(["old-1.html": "x", "old-2.html": "y"])
        let dry = try runDossier(["publish", destination.url.path, "--site", site.url.path, "--no-build", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("upload assets/style.css (new, 27 B; assets)\n"))
        #expect(dry.stdout.contains("delete old-1.html (no longer in the site)\n"))
        #expect(dry.stdout.contains("dry run for \(destination.url.path): 11 to upload, 2 to delete, 0 unchanged"))
        #expect(destination.contents().keys.sorted() == ["old-1.html", "old-2.html"])
        let refused = try runDossier(["publish", destination.url.path, "--site", site.url.path, "--no-build", "--max-deletes", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refusing to delete 2 files (more than --max-deletes 1); nothing was changed"))
        let done = try runDossier(["publish", destination.url.path, "--site", site.url.path, "--no-build"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.hasPrefix("published to \(destination.url.path): 11 uploaded, 2 deleted, 0 unchanged ("))
        #expect(destination.contents() == publishable(TemporaryFolder(existing: site.url.appendingPathComponent("Output"))))
        let missing = try runDossier(["publish", destination.url.path, "--site", destination.url.appendingPathComponent("nothing").path, "--no-build"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nothing to publish"))
    }

    @Test func missingCredentialsAreExplainedAndSecretsNeverPrinted() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let site = try TemporaryFolder("site")
        defer { site.remove() }
        try TemporaryFolder(existing: site.url.appendingPathComponent("Output")).write(sampleOutput)
        let none = try runDossier(["publish", "s3://cli-bucket", "--site", site.url.path, "--no-build", "--endpoint", moto.endpoint.absoluteString])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
        let noBucket = try runDossier(["publish", "s3://cli-bucket/site", "--site", site.url.path, "--no-build", "--endpoint", moto.endpoint.absoluteString],
                                      environment: testEnvironment)
        #expect(noBucket.status == 1)
        #expect(noBucket.stderr.contains("NoSuchBucket"))
        for text in [none.stdout, none.stderr, noBucket.stdout, noBucket.stderr] {
            #expect(!text.contains(motoCredentials.secretAccessKey))
        }
    }

    @Test func aKilledPublishConvergesWhenRunAgain() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let direct = try s3Client(moto.endpoint, bucket: "killed")
        defer { Task { await direct.shutdown() } }
        try await direct.createBucket()
        let site = try TemporaryFolder("site")
        defer { site.remove() }
        let output = TemporaryFolder(existing: site.url.appendingPathComponent("Output"))
        try output.write(sampleOutput)
        for i in 0..<150 { try output.write("sources/s\(i)/index.html", Data("<p>source \(i)</p>".utf8)) }

        // The proxy relays the listing and 30 uploads, then goes silent; the process is killed there (SIGKILL).
        let proxy = try FaultProxy(upstreamPort: moto.port, faults: 0, stopAfter: 31)
        defer { proxy.stop() }
        let process = try startDossier(["publish", "s3://killed", "--site", site.url.path, "--no-build", "--endpoint", proxy.endpoint.absoluteString],
                                       environment: testEnvironment)
        #expect(await proxy.waitUntilStopped())
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try await direct.listObjects(prefix: "").objects.count == 30)

        let rerun = try runDossier(["publish", "s3://killed", "--site", site.url.path, "--no-build", "--endpoint", moto.endpoint.absoluteString],
                                   environment: testEnvironment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.hasPrefix("published to s3://killed: 131 uploaded, 0 deleted, 30 unchanged ("), "\(rerun.stdout)")
        #expect(try await remoteContents(direct) == publishable(output))
    }

    @Test func buildsThenPublishesAStarterSite() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let direct = try s3Client(moto.endpoint, bucket: "starter")
        defer { Task { await direct.shutdown() } }
        try await direct.createBucket()
        let root = try TemporaryFolder("starter")
        defer { root.remove() }
        let site = root.url.appendingPathComponent("briefing")
        #expect(try runDossier(["init", site.path]).status == 0)
        let first = try runDossier(["publish", "s3://starter/briefing", "--site", site.path, "--endpoint", moto.endpoint.absoluteString],
                                   environment: testEnvironment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("built "))
        let output = TemporaryFolder(existing: site.appendingPathComponent("Output"))
        #expect(try await remoteContents(direct, prefix: "briefing") == publishable(output))
        #expect(publishable(output)["index.html"] != nil)
        let again = try runDossier(["publish", "s3://starter/briefing", "--site", site.path, "--endpoint", moto.endpoint.absoluteString, "--quiet"],
                                   environment: testEnvironment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("published to s3://starter/briefing: 0 uploaded, 0 deleted, \(publishable(output).count) unchanged (0 B sent) in "))

        // A build with errors publishes nothing.
        try Data("---\nname: Broken\nkind: state\n---\n".utf8).write(to: site.appendingPathComponent("Content/actors/broken.md"))
        let broken = try runDossier(["publish", "s3://starter/briefing", "--site", site.path, "--endpoint", moto.endpoint.absoluteString],
                                    environment: testEnvironment)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("Content/actors/broken.md"))
        #expect(broken.stderr.contains("nothing was published"))
    }
}
