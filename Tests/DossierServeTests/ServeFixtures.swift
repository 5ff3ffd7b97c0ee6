import DossierTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small site with its own minimal theme, so serve tests do not depend on the default theme's markup.
let servedSite = minimalConfig + """

-- Content/sources/wire.txt --
date 2026-03-05 The Agency said it would review the contract with Example Corp.
-- Content/actors/agency.md --
---
name: The Agency
kind: government
---
The agency.
-- Content/briefs/status.md --
---
title: Where it stands
date: 2026-03-05
summary: A review is coming.
actors: [agency]
---
The review is ORIGINAL-TEXT [@wire].
""" + minimalTheme

/// Templates for every page kind, printing little more than the title (and a brief's body).
let minimalTheme: String = {
    var text = """

    -- Templates/layout.mustache --
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>{{page.title}}</title>
    <link rel="stylesheet" href="{{page.stylesheet}}"></head>
    <body><main>{{$main}}{{/main}}</main></body></html>
    -- Templates/brief.mustache --
    {{<layout}}{{$main}}<h1>{{brief.title}}</h1><div id="body">{{{brief.body}}}</div>{{/main}}{{/layout}}
    -- Templates/404.mustache --
    {{<layout}}{{$main}}<h1>Not here</h1><p>site-404-page</p>{{/main}}{{/layout}}
    -- Templates/assets/style.css --
    body { color: #111; }
    -- Templates/assets/app.js --
    console.log("app");
    -- Templates/assets/data.json --
    {"ok": true}
    -- Templates/assets/feed.xml --
    <feed/>
    -- Templates/assets/logo.svg --
    <svg xmlns="http://www.w3.org/2000/svg"/>
    -- Templates/assets/events.ics --
    BEGIN:VCALENDAR
    -- Templates/assets/table.csv --
    a,b
    -- Templates/assets/notes.txt --
    notes
    """
    for name in ["home", "briefs", "actors", "actor", "event", "timeline", "topics", "topic", "stances", "sources", "source"] {
        text += "\n-- Templates/\(name).mustache --\n{{<layout}}{{$main}}<h1>{{page.title}}</h1>{{/main}}{{/layout}}"
    }
    return text
}()

/// A temporary folder for watcher tests, removed by `remove()`.
struct TempFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The absolute path of `relative`.
    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes `text` to `relative`, creating folders as needed.
    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Waits for `condition` to hold, checking every 10 ms, for at most `timeout` seconds.
func eventually(timeout: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// Runs blocking work (socket reads) on a Dispatch thread outside Swift's cooperative pool, so that a test waiting for
/// a reply never starves the server it talks to of threads.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// A reply read off a raw socket.
struct HTTPReply {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A minimal HTTP/1.1 client over a loopback socket, so tests can send request lines exactly as written
/// (`GET /../Package.swift HTTP/1.1`) — no client library would send those unnormalized. Every call is bounded in time.
enum RawHTTP {
    /// Sends `GET target` (or any method) with `Connection: close` and reads the whole reply.
    static func get(port: Int, _ target: String, method: String = "GET", timeout: Double = 5) throws -> HTTPReply {
        let raw = try exchange(port: port, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n",
                               timeout: timeout)
        return try parse(raw, headOnly: method == "HEAD")
    }

    /// Opens a connection to 127.0.0.1:`port`, sends `request`, and reads until the server closes or `timeout` passes.
    static func exchange(port: Int, _ request: String, timeout: Double = 5) throws -> [UInt8] {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send(socket, request)
        return read(socket, until: { _ in false }, timeout: timeout)
    }

    /// A connected TCP socket to 127.0.0.1:`port` whose reads time out every 100 ms.
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPTestError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw HTTPTestError("cannot connect to 127.0.0.1:\(port)")
        }
        var interval = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends all of `text`.
    static func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw HTTPTestError("send failed") }
            sent += n
        }
    }

    /// Reads until the peer closes, `done` says the bytes so far suffice, or `timeout` seconds pass.
    static func read(_ fd: Int32, until done: ([UInt8]) -> Bool, timeout: Double) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                break
            }
            received += buffer[..<n]
            if done(received) { break }
        }
        return received
    }

    /// Parses a complete reply, decoding a chunked body.
    static func parse(_ raw: [UInt8], headOnly: Bool = false) throws -> HTTPReply {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = raw.firstRange(of: separator) else { throw HTTPTestError("no complete reply head in \(raw.count) bytes") }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw HTTPTestError("bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[end.upperBound...])
        if headOnly { body = [] }
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    /// The payload of a chunked body (as much as is complete).
    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while let lineEnd = bytes[i...].firstRange(of: Array("\r\n".utf8)) {
            let sizeText = String(decoding: bytes[i..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard start + size <= bytes.count else { out += bytes[start...]; break }
            out += bytes[start..<(start + size)]
            i = start + size + 2
            if i >= bytes.count { break }
        }
        return out
    }
}

/// A failure of the raw HTTP client.
struct HTTPTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
