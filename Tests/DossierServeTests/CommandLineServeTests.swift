@testable import DossierServe
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// The built `dossier` executable running in the background, with its output gathered as it comes.
final class BackgroundDossier: Sendable {
    let process: Process
    private let stdout = ByteBox()
    private let stderr = ByteBox()

    static let binary = repositoryRoot.appendingPathComponent(".build/debug/dossier")

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = BackgroundDossier.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [stdout] handle in
            let data = handle.availableData
            stdout.bytes.withLock { $0 += data }
        }
        err.fileHandleForReading.readabilityHandler = { [stderr] handle in
            let data = handle.availableData
            stderr.bytes.withLock { $0 += data }
        }
        try process.run()
    }

    var output: String { String(decoding: stdout.bytes.withLock { $0 }, as: UTF8.self) }
    var errors: String { String(decoding: stderr.bytes.withLock { $0 }, as: UTF8.self) }

    /// Whether standard output contains `text` within `timeout` seconds.
    func prints(_ text: String, timeout: Double = 30) async -> Bool {
        await eventually(timeout: timeout) { self.output.contains(text) }
    }

    /// Sends SIGINT (Ctrl-C) and waits at most `timeout` seconds; returns the exit status, or nil if it did not exit.
    func interrupt(timeout: Double = 10) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        guard await eventually(timeout: timeout, { !self.process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }
}

/// Bytes shared between a pipe's reader and the test.
final class ByteBox: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: BackgroundDossier.binary.path),
                             "needs the dossier executable from `swift build`"))
struct CommandLineServeTests {
    @Test func watchRebuildsReportsErrorsAndStopsOnCtrlC() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        let watch = try BackgroundDossier(["watch", "--site", site.folder.path])
        #expect(await watch.prints("watching Content/ and Templates/ (inotify)"), "\(watch.output)\(watch.errors)")
        #expect(watch.output.contains("built 13 pages: "), "\(watch.output)")

        let brief = "Content/briefs/status.md"
        let original = try String(contentsOf: site.folder.appendingPathComponent(brief), encoding: .utf8)
        try site.write("-- \(brief) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "UPDATED-TEXT"))
        // A prose edit: the brief's page first, then data/site.json, which holds the whole model, and the brief's search
        // document and the term shard holding its words.
        #expect(await watch.prints("\(brief) changed: its page first in "), "\(watch.output)\(watch.errors)")
        #expect(watch.output.contains(" ms, 4 written in "), "\(watch.output)")
        #expect(site.output("briefs/status/index.html")?.contains("UPDATED-TEXT") == true)

        try site.write("-- \(brief) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "[[nobody]]"))
        #expect(await eventually(timeout: 30) { watch.errors.contains("build failed") }, "\(watch.errors)")
        #expect(watch.errors.contains("\(brief):"), "\(watch.errors)")
        #expect(site.output("briefs/status/index.html")?.contains("UPDATED-TEXT") == true, "a failed build leaves Output/ alone")

        #expect(await watch.interrupt() == 0, "\(watch.errors)")
        #expect(watch.output.contains("stopped watching"))
    }

    @Test func servePrintsItsAddressAndStopsOnCtrlCWithAStreamOpen() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        let serve = try BackgroundDossier(["serve", "--site", site.folder.path, "--port", "0"])
        #expect(await serve.prints("— edit Content/ and pages reload"), "\(serve.output)\(serve.errors)")
        let line = serve.output.split(separator: "\n").first { $0.hasPrefix("serving http://127.0.0.1:") } ?? ""
        let port = Int(line.dropFirst("serving http://127.0.0.1:".count).prefix { $0.isNumber }) ?? 0
        #expect(port > 0, "\(serve.output)")
        let events = try EventStreamReader(port: port)
        #expect(await events.waitFor("retry: 1000"))
        #expect(try await offPool { try RawHTTP.get(port: port, "/") }.status == 200)
        #expect(await serve.interrupt() == 0, "\(serve.errors)")
        #expect(serve.output.contains("stopped"))
    }

    @Test func serveRefusesAMissingSite() async throws {
        let serve = try BackgroundDossier(["serve", "--site", "/nonexistent-\(UUID().uuidString)", "--port", "0"])
        #expect(await eventually(timeout: 10) { !serve.process.isRunning })
        #expect(serve.process.terminationStatus == 2)
        #expect(serve.errors.contains("no Content/ folder"))
    }
}
