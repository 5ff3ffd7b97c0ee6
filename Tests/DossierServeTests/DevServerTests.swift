@testable import DossierServe
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// What a dev server reported, gathered as it comes.
final class EventLog: Sendable {
    let events = Mutex<[DevServer.Event]>([])
    let port = Mutex<Int?>(nil)
    let finished = Mutex(false)

    func record(_ event: DevServer.Event) {
        events.withLock { $0.append(event) }
        if case .listening(_, let p) = event { port.withLock { $0 = p } }
    }
}

/// A dev server for one test, on a free loopback port, with what it reported.
final class RunningServer: Sendable {
    let port: Int
    let site: SiteFixture
    private let task: Task<Void, Never>
    private let log: EventLog

    private init(port: Int, site: SiteFixture, task: Task<Void, Never>, log: EventLog) {
        self.port = port
        self.site = site
        self.task = task
        self.log = log
    }

    /// Starts serving `site`, returning once the server listens (within 60 s, as the first build may be slow).
    static func start(_ site: SiteFixture, polling: Bool = false, limits: DevServer.Limits = .init()) async throws -> RunningServer {
        let log = EventLog()
        var configuration = DevServer.Configuration(siteFolder: site.folder, host: "127.0.0.1", port: 0, polling: polling, handlesSignals: false)
        configuration.limits = limits
        let server = DevServer(configuration: configuration) { log.record($0) }
        let task = Task {
            defer { log.finished.withLock { $0 = true } }
            try? await server.run()
        }
        guard await eventually(timeout: 60, { log.port.withLock { $0 } != nil }), let found = log.port.withLock({ $0 }) else {
            task.cancel()
            throw HTTPTestError("the server did not start listening: \(log.events.withLock { $0 })")
        }
        return RunningServer(port: found, site: site, task: task, log: log)
    }

    /// Every build the server reported.
    var builds: [BuildOutcome] {
        log.events.withLock { $0.compactMap { if case .built(let b) = $0 { b } else { nil } } }
    }

    /// Stops the server and waits (at most 10 s) for it to finish; returns whether it did.
    func stop() async -> Bool {
        task.cancel()
        return await eventually(timeout: 10) { self.log.finished.withLock { $0 } }
    }

    func get(_ target: String, method: String = "GET") async throws -> HTTPReply {
        let port = self.port
        return try await offPool { try RawHTTP.get(port: port, target, method: method) }
    }
}

/// Reads a server-sent-events stream off a raw socket.
final class EventStreamReader: Sendable {
    let socket: Int32
    private let received = Mutex<[UInt8]>([])

    init(port: Int) throws {
        socket = try RawHTTP.connect(port: port)
        try RawHTTP.send(socket, "GET \(LiveReload.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    }

    deinit { close(socket) }

    var text: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }

    /// Reads until the text received so far contains `needle` `count` times, or `timeout` seconds pass.
    @discardableResult
    func waitFor(_ needle: String, count: Int = 1, timeout: Double = 15) async -> Bool {
        @Sendable func occurrences(_ bytes: [UInt8]) -> Int { String(decoding: bytes, as: UTF8.self).components(separatedBy: needle).count - 1 }
        let socket = self.socket
        let before = received.withLock { $0 }
        if occurrences(before) >= count { return true }
        let more = (try? await offPool { RawHTTP.read(socket, until: { occurrences(before + $0) >= count }, timeout: timeout) }) ?? []
        let all = received.withLock { $0 += more; return $0 }
        return occurrences(all) >= count
    }
}

@Suite(.serialized) struct DevServerTests {
    static func site() throws -> SiteFixture {
        let site = try SiteFixture(servedSite)
        try Data("TOP SECRET beside Output/\n".utf8).write(to: site.folder.appendingPathComponent("secret.txt"))
        return site
    }

    @Test func servesPagesAssetsAndFolders() async throws {
        let site = try Self.site()
        defer { site.remove() }
        let server = try await RunningServer.start(site)
        defer { Task { _ = await server.stop() } }
        #expect(server.builds.first?.succeeded == true, "\(server.builds.first?.diagnostics ?? [])")

        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.text.contains("<title>Test briefing</title>"))

        let brief = try await server.get("/briefs/status/")
        #expect(brief.status == 200)
        #expect(brief.text.contains("ORIGINAL-TEXT"))

        let redirect = try await server.get("/actors?sort=name")
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/actors/?sort=name")
        #expect(try await server.get("/actors/").status == 200)

        let types = ["/assets/style.css": "text/css; charset=utf-8", "/assets/app.js": "text/javascript; charset=utf-8",
                     "/assets/data.json": "application/json; charset=utf-8", "/assets/feed.xml": "application/xml; charset=utf-8",
                     "/assets/logo.svg": "image/svg+xml; charset=utf-8", "/assets/events.ics": "text/calendar; charset=utf-8",
                     "/assets/table.csv": "text/csv; charset=utf-8", "/assets/notes.txt": "text/plain; charset=utf-8"]
        for (path, type) in types {
            let reply = try await server.get(path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == type, "\(path)")
            #expect(!reply.text.contains("__dossier"), "only HTML gets the script: \(path)")
        }
        let css = try await server.get("/assets/style.css")
        #expect(css.text == "body { color: #111; }\n")

        let head = try await server.get("/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(home.body.count))
        #expect(try await server.get("/", method: "POST").status == 405)
    }

    @Test func missingFilesGetTheSite404Page() async throws {
        let site = try Self.site()
        defer { site.remove() }
        let server = try await RunningServer.start(site)
        defer { Task { _ = await server.stop() } }
        for path in ["/no/such/page/", "/nothing.html", "/.dossier-manifest.json", "/__dossier/unknown"] {
            let reply = try await server.get(path)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.text.contains("site-404-page"), "\(path)")
            #expect(reply.text.contains(LiveReload.scriptPath), "\(path)")
        }
    }

    @Test func nothingOutsideOutputIsServed() async throws {
        let site = try Self.site()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.folder.appendingPathComponent("Output"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.folder.appendingPathComponent("Output/leak.txt").path,
                                                   withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site.folder.appendingPathComponent("Output/up").path,
                                                   withDestinationPath: "..")
        let server = try await RunningServer.start(site)
        defer { Task { _ = await server.stop() } }
        let attempts = [
            "/../secret.txt", "/../Content/site.yml", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/assets/..%2f..%2fsecret.txt",
            "/..%5csecret.txt", "/leak.txt", "/up/secret.txt", "/up/Content/site.yml", "/up/", "//etc/passwd",
            site.folder.appendingPathComponent("secret.txt").path, "/index.html%00",
        ]
        for target in attempts {
            let port = server.port
            let raw = try await offPool { try RawHTTP.exchange(port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") }
            let text = String(decoding: raw, as: UTF8.self)
            #expect(!text.contains("TOP SECRET") && !text.contains("root:") && !text.contains("base_url"), "\(target) leaked:\n\(text)")
            let status = (try? RawHTTP.parse(raw))?.status ?? 0
            #expect([400, 403, 404].contains(status), "\(target) → \(status)")
        }
        #expect(try await server.get("/../secret.txt").status == 403)
        #expect(try await server.get("/%2e%2e/%2e%2e/etc/passwd").status == 403)
        #expect(try await server.get("/leak.txt").status == 403)
    }

    @Test func theScriptIsInjectedWhenServedNeverWritten() async throws {
        let site = try Self.site()
        defer { site.remove() }
        let server = try await RunningServer.start(site)
        defer { Task { _ = await server.stop() } }
        let served = try await server.get("/briefs/status/").text
        let tag = LiveReload.scriptTag(build: 1)
        #expect(served.contains(tag + "</body>"), "\(served)")
        #expect(served.components(separatedBy: LiveReload.scriptPath).count == 2, "injected once")
        for file in site.outputFiles() where file.hasSuffix(".html") {
            #expect(site.output(file)?.contains("__dossier") == false, "\(file) on disk must not have the script")
        }
        let script = try await server.get(LiveReload.scriptPath)
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("EventSource"))
        let status = try await server.get(LiveReload.statusPath)
        #expect(status.headers["content-type"] == "application/json; charset=utf-8")
        #expect(status.text == #"{"build":1,"diagnostics":[],"lastGood":1,"ok":true}"#)
    }

    @Test(arguments: [false, true]) func editsReachOpenPagesAsEvents(polling: Bool) async throws {
        let site = try Self.site()
        defer { site.remove() }
        let server = try await RunningServer.start(site, polling: polling)
        defer { Task { _ = await server.stop() } }
        let events = try EventStreamReader(port: server.port)
        #expect(await events.waitFor("retry: 1000"))
        #expect(events.text.hasPrefix("HTTP/1.1 200"))
        #expect(events.text.lowercased().contains("content-type: text/event-stream"))

        let brief = "Content/briefs/status.md"
        let original = try String(contentsOf: site.folder.appendingPathComponent(brief), encoding: .utf8)
        try site.write("-- \(brief) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "UPDATED-TEXT"))
        #expect(await events.waitFor("event: reload"), "\(events.text)")
        #expect(try await server.get("/briefs/status/").text.contains("UPDATED-TEXT"))
        // A prose edit: the brief's page is written ahead of the rest of the build, and open copies of it hear so
        // first, tagged with the build it belongs to.
        let preview = try #require(events.text.range(of: #"event: preview\#ndata: {"build":2,"paths":["/briefs/status/"]}"#),
                                   "\(events.text)")
        #expect(preview.upperBound <= events.text.range(of: "event: reload")!.lowerBound, "\(events.text)")

        try site.write("-- \(brief) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "BROKEN [[nobody]] <b>&"))
        #expect(await events.waitFor("event: error"), "\(events.text)")
        #expect(events.text.contains(#""text":"Content/briefs/status.md:7:22: error: unknown id 'nobody' in [[nobody]]"}"#), "\(events.text)")
        let broken = try await server.get(LiveReload.statusPath).text
        #expect(broken.contains(#""ok":false"#) && broken.contains(#""lastGood":2"#), "\(broken)")
        #expect(try await server.get("/briefs/status/").text.contains("UPDATED-TEXT"), "the last good build is still served")

        try site.write("-- \(brief) --\n" + original.replacingOccurrences(of: "ORIGINAL-TEXT", with: "FIXED-TEXT"))
        #expect(await events.waitFor("event: reload", count: 2), "\(events.text)")
        #expect(try await server.get("/briefs/status/").text.contains("FIXED-TEXT"))
        #expect(try await server.get(LiveReload.statusPath).text.contains(#""ok":true"#))
        #expect(events.text.components(separatedBy: "event: preview").count == 2,
                "no preview after a failed build: the disk may hold other edits the last good build lacks")

        let lines = server.builds.map { "\($0.sequence) \($0.succeeded) \($0.changes.summary)" }
        #expect(lines == ["1 true nothing changed", "2 true \(brief) changed", "3 false \(brief) changed", "4 true \(brief) changed"])
        #expect(await server.stop(), "stops while a live-reload stream is open")
    }

    @Test func aSecondServerOnTheSamePortFails() async throws {
        let site = try Self.site()
        defer { site.remove() }
        let first = try await RunningServer.start(site)
        defer { Task { _ = await first.stop() } }
        let second = DevServer(configuration: .init(siteFolder: site.folder, port: first.port, handlesSignals: false))
        let outcome = Task { () -> Bool in
            do { try await second.run(); return false } catch { return true }
        }
        let failed = Mutex<Bool?>(nil)
        Task { let v = await outcome.value; failed.withLock { $0 = v } }
        #expect(await eventually(timeout: 30) { failed.withLock { $0 } != nil })
        #expect(failed.withLock { $0 } == true)
    }
}
