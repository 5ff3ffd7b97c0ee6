@testable import DossierServe
import DossierTestSupport
import Foundation
import NIOCore
import Testing

/// What other sites and misbehaving clients try against `dossier serve`: reading it through a rebound name,
/// holding connections open without finishing a request, opening more connections than it has descriptors.
@Suite(.serialized) struct HostileClientTests {
    private static func request(_ host: String) -> String {
        "GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
    }

    private static func status(_ raw: [UInt8]) -> Int? {
        try? RawHTTP.parse(raw).status
    }

    @Test func answersOnlyLoopbackNamesAndAddresses() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        let server = try await RunningServer.start(site)
        defer { Task { _ = await server.stop() } }
        let port = server.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost", "app.localhost:\(port)", "[::1]:\(port)", "10.0.0.7"] {
            let raw = try await offPool { try RawHTTP.exchange(port: port, Self.request(host)) }
            #expect(Self.status(raw) == 200, "\(host)")
        }
        for host in ["evil.example:\(port)", "localhost.evil.example", "127.0.0.1.nip.io", "evil.example"] {
            for target in ["/", "/__dossier/status"] {
                let raw = try await offPool {
                    try RawHTTP.exchange(port: port, "GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                }
                let reply = try RawHTTP.parse(raw)
                #expect(reply.status == 421, "\(host)\(target)")
                #expect(!reply.text.contains("Test briefing") && !reply.text.contains("\"build\""), "\(host)\(target)")
            }
        }
    }

    @Test func theHostCheckReadsNamesAsBrowsersSendThem() {
        let check = HostCheck(listenHost: "Briefing.Lan")
        #expect(check.allows("briefing.lan:8000"))
        #expect(check.allows(nil))
        #expect(check.allows("192.168.1.20:8000") && check.allows("[fe80::1]:8000"))
        #expect(!check.allows("999.1.1.1") && !check.allows("1.2.3") && !check.allows("evil.lan") && !check.allows("[x]"))
    }

    @Test func closesAConnectionThatNeverFinishesItsHeaders() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        var limits = DevServer.Limits()
        limits.headerTimeout = .milliseconds(700)
        let server = try await RunningServer.start(site, limits: limits)
        defer { Task { _ = await server.stop() } }
        let port = server.port
        let (closed, elapsed) = try await offPool { () -> (Bool, Double) in
            let socket = try RawHTTP.connect(port: port)
            defer { close(socket) }
            try RawHTTP.send(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let start = Date()
            // Reads end when the server closes (0 bytes) or after the time-out.
            let received = RawHTTP.read(socket, until: { _ in false }, timeout: 8)
            return (received.isEmpty, Date().timeIntervalSince(start))
        }
        #expect(closed)
        #expect(elapsed < 5, "closed after \(elapsed) s")
    }

    @Test func closesAnIdleKeepAliveConnection() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        var limits = DevServer.Limits()
        limits.idleTimeout = .milliseconds(700)
        let server = try await RunningServer.start(site, limits: limits)
        defer { Task { _ = await server.stop() } }
        let port = server.port
        let (answered, elapsed) = try await offPool { () -> (Bool, Double) in
            let socket = try RawHTTP.connect(port: port)
            defer { close(socket) }
            try RawHTTP.send(socket, "GET /404.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let start = Date()
            let received = RawHTTP.read(socket, until: { _ in false }, timeout: 8)
            return (String(decoding: received, as: UTF8.self).hasPrefix("HTTP/1.1 200"), Date().timeIntervalSince(start))
        }
        #expect(answered)
        #expect(elapsed < 5, "closed after \(elapsed) s")
    }

    @Test func capsOpenConnectionsAndServesAgainWhenOneCloses() async throws {
        let site = try SiteFixture(servedSite)
        defer { site.remove() }
        var limits = DevServer.Limits()
        limits.maxConnections = 3
        let server = try await RunningServer.start(site, limits: limits)
        defer { Task { _ = await server.stop() } }
        let port = server.port
        let held = try (0..<3).map { _ in try RawHTTP.connect(port: port) }
        // The server runs in this process: an fd closed twice could be one of its own by then.
        defer { held.dropFirst().forEach { close($0) } }
        try await Task.sleep(for: .milliseconds(300))
        let waiting = try RawHTTP.connect(port: port)
        defer { close(waiting) }
        try RawHTTP.send(waiting, Self.request("127.0.0.1"))
        let early = try await offPool { RawHTTP.read(waiting, until: { _ in false }, timeout: 1.5) }
        #expect(early.isEmpty, "a connection over the cap was served at once")
        close(held[0])
        let late = try await offPool { RawHTTP.read(waiting, until: { _ in false }, timeout: 8) }
        #expect(Self.status(late) == 200)
    }
}
