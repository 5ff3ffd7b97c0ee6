import Crypto
import DossierTestSupport
import Foundation
import Testing
@testable import DossierPublish
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Failures of the test helpers themselves.
struct HelperError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init(_ label: String = "publish") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `files` (path → text) below the folder, creating folders as needed.
    func write(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, Data(text.utf8)) }
    }

    /// Writes one file.
    func write(_ path: String, _ data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Removes one file.
    func delete(_ path: String) throws { try FileManager.default.removeItem(at: url.appendingPathComponent(path)) }

    /// Every file below the folder (relative paths → bytes), dot files included unless `skipDotFiles`.
    func contents(skipDotFiles: Bool = false) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in LocalSite.relativeFilePaths(in: url, includeDotFiles: !skipDotFiles) {
            result[path] = FileManager.default.contents(atPath: url.appendingPathComponent(path).path)
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A small built site, as a plain `Output/`-like folder: assets, pages, home page, feed, sitemap and a dot file.
let sampleOutput: [String: String] = [
    "index.html": "<!doctype html><title>Home</title><link rel=stylesheet href=assets/style.css><a href=briefs/one/>one</a>",
    "404.html": "<!doctype html><title>Not found</title>",
    "briefs/index.html": "<!doctype html><title>Briefs</title>",
    "briefs/one/index.html": "<!doctype html><title>One</title>",
    "briefs/two/index.html": "<!doctype html><title>Two</title>",
    "actors/agency/index.html": "<!doctype html><title>Agency</title>",
    "assets/style.css": "body { font-family: serif }",
    "assets/app.3f2a9c1b.js": "console.log('hi')",
    "data/events.json": "[{\"id\":\"review\"}]",
    "feed.xml": "<?xml version=\"1.0\"?><feed/>",
    "sitemap.xml": "<?xml version=\"1.0\"?><urlset/>",
    ".dossier-manifest.json": "{\"version\":1,\"files\":{}}",
]

/// A free TCP port on 127.0.0.1, found by binding port 0.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HelperError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw HelperError("bind() failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw HelperError("getsockname() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func isListening(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}

/// The full path of an executable on PATH, or nil.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// moto's S3-compatible server on a free loopback port, started for one test and stopped by `stop()`.
final class MotoServer: @unchecked Sendable {
    let port: Int
    let process: Process
    let keeper: Pipe
    let log: URL

    /// Starts `moto_server -H 127.0.0.1 -p PORT`; with `noAuthCount`, moto checks signatures after that many requests.
    /// Fails (never skips) when moto is not installed.
    init(noAuthCount: Int? = nil) throws {
        let command: [String]
        if let executable = findExecutable("moto_server") {
            command = [executable]
        } else if let python = findExecutable("python3"), MotoServer.pythonHasMoto(python) {
            command = [python, "-m", "moto.server"]
        } else {
            throw HelperError("moto_server is not installed: run `make test`, or `python3 -m pip install 'moto[server]'`")
        }
        port = try freeLoopbackPort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-moto-\(port)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        // A shell keeps watch: when the test process goes away (even by a crash), its stdin closes and moto is killed.
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$@\" & child=$!; read _ignored; kill -9 $child", "sh"] + command + ["-H", "127.0.0.1", "-p", String(port)]
        keeper = Pipe()
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        if let noAuthCount { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(noAuthCount) }
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"] { environment[name] = nil }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = keeper
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !isListening(port) {
            guard Date() < deadline else {
                stop()
                throw HelperError("moto_server did not answer on port \(port) within 30 s: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2000))")
            }
            usleep(50_000)
        }
    }

    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Whether `python` can import moto's server.
    static func pythonHasMoto(_ python: String) -> Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import moto.server"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    /// Stops the server: closing the watching shell's stdin makes it kill moto with SIGKILL (processes started from
    /// test threads inherit a signal mask that blocks SIGTERM).
    func stop() {
        if process.isRunning {
            try? keeper.fileHandleForWriting.close()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: log)
    }
}

/// The Python fault proxy of `Scripts/fault_proxy.py`, in front of an upstream loopback port.
final class FaultProxy: @unchecked Sendable {
    let port: Int
    let process: Process
    let stdin: Pipe
    let stdout: Pipe
    let stderrFile: URL

    init(upstreamPort: Int, faults: Int, delayMilliseconds: Int = 0, hangSeconds: Double = 2, stopAfter: Int = 0, log: URL? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/fault_proxy.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: findExecutable("python3") ?? "/usr/bin/python3")
        process.arguments = [script.path, "--upstream-port", String(upstreamPort), "--faults", String(faults),
                             "--delay-ms", String(delayMilliseconds), "--hang-s", String(hangSeconds), "--stop-after", String(stopAfter)]
            + (log.map { ["--log", $0.path] } ?? [])
        let out = Pipe()
        stdout = out
        stdin = Pipe()
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-proxy-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw HelperError("fault proxy exited at start") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix { $0.isNumber }) else {
            throw HelperError("fault proxy said \(text)")
        }
        self.port = port
    }

    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Waits (on a thread of its own) until the proxy says it relayed its `stopAfter` requests; false when it never does.
    func waitUntilStopped() async -> Bool {
        let handle = stdout.fileHandleForReading
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var seen = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { continuation.resume(returning: false); return }
                    seen.append(chunk)
                    if String(decoding: seen, as: UTF8.self).contains("STOPPED") { continuation.resume(returning: true); return }
                }
            }
        }
    }

    /// Stops the proxy and returns the fault counts it printed.
    @discardableResult
    func stop() -> String {
        if process.isRunning {
            try? stdin.fileHandleForWriting.close()  // the proxy prints its counts and exits when stdin closes
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let text = String(decoding: (try? Data(contentsOf: stderrFile)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: stderrFile)
        return text
    }
}

/// Credentials moto accepts while it does not check signatures.
let motoCredentials = Credentials(accessKeyID: "AKIDTESTING0000000001", secretAccessKey: "test-secret-not-checked", source: "test")

/// Retries fast enough for tests.
let testRetry = RetryPolicy(maxAttempts: 8, baseDelay: 0.02, maxDelay: 0.3, requestTimeout: 5)

/// An S3 client for `bucket` on `endpoint`.
func s3Client(_ endpoint: URL, bucket: String, credentials: Credentials = motoCredentials, retry: RetryPolicy = testRetry) throws -> S3Client {
    try S3Client(configuration: .init(bucket: bucket, region: "us-east-1", endpoint: endpoint, credentials: credentials, retry: retry))
}

/// Publishes `folder` to `s3://bucket/prefix` on `endpoint`.
func publishS3(_ folder: URL, endpoint: URL, bucket: String, prefix: String = "", options: PublishOptions = PublishOptions(retry: testRetry),
               credentials: Credentials = motoCredentials) async throws(PublishError) -> PublishReport {
    var options = options
    if options.retry == .standard { options.retry = testRetry }
    return try await Publisher.publish(folder, to: .s3(bucket: bucket, prefix: prefix), options: options,
                                       s3: .init(endpoint: endpoint, region: "us-east-1", credentials: credentials))
}

/// What the bucket holds under `prefix` (manifest left out): relative path → bytes, read back with GET.
func remoteContents(_ client: S3Client, prefix: String = "") async throws -> [String: Data] {
    let keyPrefix = prefix.isEmpty ? "" : prefix + "/"
    let listing = try await client.listObjects(prefix: keyPrefix).objects
    var result: [String: Data] = [:]
    for object in listing where object.key != keyPrefix + S3Publisher.manifestName {
        let bytes = try await client.getObject(key: object.key)
        result[String(object.key.dropFirst(keyPrefix.count))] = bytes.map { Data($0) }
    }
    return result
}

/// The files of `folder` that are published (dot files left out), as path → bytes.
func publishable(_ folder: TemporaryFolder) -> [String: Data] { folder.contents(skipDotFiles: true) }

/// One IAM call against moto, signed for the `iam` service with `credentials`; returns the XML answer.
func iamCall(_ endpoint: URL, _ parameters: [(String, String)], credentials: Credentials) async throws -> String {
    let body = (parameters + [("Version", "2010-05-08")])
        .map { "\(SigV4Signer.uriEncode($0.0, encodeSlash: true))=\(SigV4Signer.uriEncode($0.1, encodeSlash: true))" }
        .joined(separator: "&")
    let bodyData = Data(body.utf8)
    let host = "127.0.0.1:\(endpoint.port!)"
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
    let headers = signer.sign(.init(method: "POST", encodedPath: "/", headers: ["host": host, "content-type": "application/x-www-form-urlencoded; charset=utf-8"],
                                    payloadHash: hex(SHA256.hash(data: bodyData))))
    var request = URLRequest(url: endpoint.appendingPathComponent("/"))
    request.httpMethod = "POST"
    for (name, value) in headers where name != "host" { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = bodyData
    let (data, response) = try await URLSession.shared.data(for: request)
    let text = String(decoding: data, as: UTF8.self)
    guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
        throw HelperError("IAM \(parameters.first?.1 ?? "") failed: \(text.prefix(500))")
    }
    return text
}

/// Path of the `dossier` executable built by `swift build`.
let dossierBinary = repositoryRoot.appendingPathComponent(".build/debug/dossier")
