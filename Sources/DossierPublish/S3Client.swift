import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A small client for one bucket of an S3-compatible store: list, head, get, put, delete, each signed with SigV4 and
/// retried with backoff on timeouts, dropped connections, 429 and 5xx.
public final class S3Client: Sendable {
    /// Which bucket, where, and as whom.
    public struct Configuration: Sendable {
        /// The bucket name.
        public var bucket: String
        /// The signing region.
        public var region: String
        /// The store's base URL (`http://127.0.0.1:9000`, `https://ACCOUNT.r2.cloudflarestorage.com`); nil for AWS itself.
        public var endpoint: URL?
        /// Who signs.
        public var credentials: Credentials
        /// How failures are retried.
        public var retry: RetryPolicy
        /// Connections kept per host.
        public var connections: Int

        /// Makes a configuration; with an endpoint, requests use path-style addressing (`ENDPOINT/BUCKET/KEY`).
        public init(bucket: String, region: String, endpoint: URL? = nil, credentials: Credentials, retry: RetryPolicy = .standard,
                    connections: Int = 8) {
            self.bucket = bucket
            self.region = region
            self.endpoint = endpoint
            self.credentials = credentials
            self.retry = retry
            self.connections = connections
        }
    }

    /// A raw answer.
    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// Where requests go: scheme, authority, and the path that comes before a key.
    struct Address: Sendable, Equatable {
        var scheme: String
        var host: String
        var port: Int?
        /// The path up to the bucket's root, `/BUCKET` for path-style, empty for virtual-hosted style.
        var bucketPath: String

        /// The `Host` header value.
        var hostHeader: String {
            guard let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return host }
            return "\(host):\(port)"
        }
    }

    /// Request and retry counts, for reports.
    final class Counters: Sendable {
        private let counts = Mutex((requests: 0, retries: 0))
        var requests: Int { counts.withLock { $0.requests } }
        var retries: Int { counts.withLock { $0.retries } }
        func request() { counts.withLock { $0.requests += 1 } }
        func retry() { counts.withLock { $0.retries += 1 } }
    }

    /// The configuration this client was made with.
    public let configuration: Configuration
    let address: Address
    let signer: SigV4Signer
    let http: HTTPClient
    let counters = Counters()

    /// Makes a client; an endpoint must be an `http(s)://host[:port][/path]` URL.
    public init(configuration: Configuration) throws(PublishError) {
        self.configuration = configuration
        self.address = try S3Client.address(bucket: configuration.bucket, region: configuration.region, endpoint: configuration.endpoint)
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region, service: "s3")
        var http = HTTPClient.Configuration()
        http.timeout = .init(connect: .seconds(10), read: .milliseconds(Int64(configuration.retry.requestTimeout * 1000)))
        http.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.connections))
        http.httpVersion = .http1Only
        http.redirectConfiguration = .disallow
        http.decompression = .disabled
        self.http = HTTPClient(eventLoopGroupProvider: .shared(HTTPClient.defaultEventLoopGroup), configuration: http)
    }

    /// Closes the client's connections; call once when done.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Requests made so far, retries included.
    public var requestCount: Int { counters.requests }
    /// Retries made so far.
    public var retryCount: Int { counters.retries }

    static func address(bucket: String, region: String, endpoint: URL?) throws(PublishError) -> Address {
        if let endpoint {
            guard let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = endpoint.host, !host.isEmpty, endpoint.user == nil, endpoint.query == nil else {
                throw .invalidEndpoint(endpoint.absoluteString)
            }
            var base = endpoint.path
            while base.hasSuffix("/") { base.removeLast() }
            let encodedBase = base.split(separator: "/").map { SigV4Signer.uriEncode(String($0), encodeSlash: true) }.joined(separator: "/")
            let prefix = encodedBase.isEmpty ? "" : "/" + encodedBase
            let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            return Address(scheme: scheme, host: bracketed, port: endpoint.port, bucketPath: prefix + "/" + bucket)
        }
        if bucket.contains(".") {
            return Address(scheme: "https", host: "s3.\(region).amazonaws.com", port: nil, bucketPath: "/" + bucket)
        }
        return Address(scheme: "https", host: "\(bucket).s3.\(region).amazonaws.com", port: nil, bucketPath: "")
    }

    /// The encoded request path of `key` (or of the bucket itself when nil).
    func path(for key: String?) -> String {
        guard let key else { return address.bucketPath.isEmpty ? "/" : address.bucketPath }
        return address.bucketPath + "/" + SigV4Signer.uriEncode(key, encodeSlash: false)
    }

    // MARK: Operations

    /// Every object whose key starts with `prefix`, following continuation tokens through all pages; also returns the page count.
    public func listObjects(prefix: String, pageSize: Int? = nil) async throws -> (objects: [S3Object], pages: Int) {
        var objects: [S3Object] = []
        var token: String?
        var pages = 0
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url")]
            if !prefix.isEmpty { query.append(("prefix", prefix)) }
            if let pageSize { query.append(("max-keys", String(pageSize))) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await send(operation: "list", method: "GET", key: nil, query: query)
            try expect(response, [200], operation: "list", key: nil)
            pages += 1
            let text = String(decoding: response.body, as: UTF8.self)
            let encoded = XMLScan.text(of: "EncodingType", in: text[...]) == "url"
            for block in XMLScan.blocks(of: "Contents", in: text[...]) {
                guard let rawKey = XMLScan.text(of: "Key", in: block) else { continue }
                let key = encoded ? S3Client.urlDecode(rawKey) : rawKey
                let etag = S3Client.unquote(XMLScan.text(of: "ETag", in: block) ?? "")
                let size = Int(XMLScan.text(of: "Size", in: block) ?? "") ?? -1
                objects.append(S3Object(key: key, etag: etag, size: size))
            }
            let truncated = XMLScan.text(of: "IsTruncated", in: text[...]) == "true"
            token = truncated ? XMLScan.text(of: "NextContinuationToken", in: text[...]) : nil
            if truncated && token == nil {
                throw S3Error.invalidResponse(operation: "list", message: "truncated listing without a continuation token")
            }
        } while token != nil
        return (objects, pages)
    }

    /// The headers of `key`, or nil when there is no such object.
    public func headObject(key: String) async throws -> S3ObjectHead? {
        let response = try await send(operation: "HEAD", method: "HEAD", key: key)
        if response.status == 404 { return nil }
        try expect(response, [200], operation: "HEAD", key: key)
        var metadata: [String: String] = [:]
        for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
        }
        return S3ObjectHead(etag: S3Client.unquote(response.header("etag") ?? ""), size: Int(response.header("content-length") ?? "") ?? -1,
                            contentType: response.header("content-type"), cacheControl: response.header("cache-control"),
                            metadata: metadata)
    }

    /// The bytes of `key`, or nil when there is no such object.
    public func getObject(key: String) async throws -> [UInt8]? {
        let response = try await send(operation: "GET", method: "GET", key: key)
        if response.status == 404 { return nil }
        try expect(response, [200], operation: "GET", key: key)
        return response.body
    }

    /// Stores `body` under `key` with its SHA-256 in `x-amz-meta-sha256` and the given headers; returns the new ETag.
    @discardableResult
    public func putObject(key: String, body: Data, contentType: String, cacheControl: String) async throws -> String {
        let sha = sha256Hex(body)
        let headers = [
            "content-type": contentType,
            "cache-control": cacheControl,
            "content-md5": md5Base64(body),
            "x-amz-meta-sha256": sha,
        ]
        let response = try await send(operation: "PUT", method: "PUT", key: key, headers: headers, body: body, payloadHash: sha)
        try expect(response, [200], operation: "PUT", key: key)
        return S3Client.unquote(response.header("etag") ?? "")
    }

    /// Removes `key`; removing a missing object succeeds.
    public func deleteObject(key: String) async throws {
        let response = try await send(operation: "DELETE", method: "DELETE", key: key)
        try expect(response, [200, 204, 404], operation: "DELETE", key: key)
    }

    /// Creates the bucket (for tests and first-time setup); an existing bucket of one's own is fine.
    public func createBucket() async throws {
        var body = Data()
        if configuration.region != "us-east-1" {
            body = Data("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        }
        let response = try await send(operation: "create bucket", method: "PUT", key: nil, body: body.isEmpty ? nil : body,
                                      payloadHash: sha256Hex(body))
        if response.status == 409, XMLScan.text(of: "Code", in: String(decoding: response.body, as: UTF8.self)[...]) == "BucketAlreadyOwnedByYou" {
            return
        }
        try expect(response, [200], operation: "create bucket", key: nil)
    }

    // MARK: Transport

    /// Sends one signed request, retrying with backoff on transport errors, 408, 429, 5xx and S3's own timeout codes.
    func send(operation: String, method: String, key: String?, query: [(name: String, value: String)] = [], headers: [String: String] = [:],
              body: Data? = nil, payloadHash: String = SigV4Signer.emptyPayloadHash) async throws -> Response {
        let path = path(for: key)
        let queryString = SigV4Signer.canonicalQuery(query)
        let url = "\(address.scheme)://\(address.hostHeader)\(path)\(queryString.isEmpty ? "" : "?" + queryString)"
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            counters.request()
            if Task.isCancelled { throw S3Error.cancelled }
            var toSign = headers
            toSign["host"] = address.hostHeader
            let signed = signer.sign(SigV4Signer.Request(method: method, encodedPath: path, query: query, headers: toSign, payloadHash: payloadHash))
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            for name in signed.keys.sorted() { request.headers.add(name: name, value: signed[name]!) }
            if let body {
                request.body = .bytes(ByteBuffer(bytes: body))
            } else if method == "PUT" || method == "POST" {
                request.headers.add(name: "content-length", value: "0")
            }
            let outcome: Result<Response, any Error>
            do {
                let response = try await http.execute(request, timeout: .milliseconds(Int64(policy.requestTimeout * 1000)))
                let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
                outcome = .success(Response(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                                            body: Array(bytes.readableBytesView)))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let response):
                guard S3Client.isRetryable(response), attempt < policy.maxAttempts else { return response }
            case .failure(let error):
                if Task.isCancelled || S3Client.isCancellation(error) { throw S3Error.cancelled }
                guard attempt < policy.maxAttempts, S3Client.isRetryable(error) else {
                    throw S3Error.transport(operation: operation, key: key, message: Redaction.scrub(S3Client.describe(error),
                                                                                                       secrets: configuration.credentials.secrets),
                                            attempts: attempt)
                }
            }
            counters.retry()
            do {
                try await Task.sleep(nanoseconds: UInt64(policy.delay(beforeRetry: attempt) * 1e9))
            } catch {
                throw S3Error.cancelled
            }
        }
    }

    /// Throws the store's error unless `response` has one of the `expected` statuses.
    func expect(_ response: Response, _ expected: Set<Int>, operation: String, key: String?) throws {
        guard !expected.contains(response.status) else { return }
        let text = String(decoding: response.body, as: UTF8.self)
        let code = XMLScan.text(of: "Code", in: text[...])
        let message = XMLScan.text(of: "Message", in: text[...]).map { Redaction.scrub($0, secrets: configuration.credentials.secrets) }
        throw S3Error.http(operation: operation, key: key, status: response.status, code: code ?? S3Client.defaultCode(response.status),
                           message: message)
    }

    static func defaultCode(_ status: Int) -> String? {
        switch status {
        case 403: return "AccessDenied"
        case 404: return "NotFound"
        default: return nil
        }
    }

    /// Whether an answer is worth trying again: 408, 429, any 5xx, or S3's `RequestTimeout`/`SlowDown` codes.
    static func isRetryable(_ response: Response) -> Bool {
        if response.status == 408 || response.status == 429 || (500...599).contains(response.status) { return true }
        if response.status == 400 {
            let code = XMLScan.text(of: "Code", in: String(decoding: response.body, as: UTF8.self)[...])
            return code == "RequestTimeout" || code == "SlowDown"
        }
        return false
    }

    /// Whether a transport error is worth trying again: anything but cancellation and malformed requests.
    static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            let permanent: [HTTPClientError] = [.invalidURL, .emptyHost, .emptyScheme, .unsupportedScheme(""), .cancelled,
                                                .alreadyShutdown, .bodyLengthMismatch]
            return !permanent.contains(error)
        }
        return !(error is CancellationError)
    }

    static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if let error = error as? HTTPClientError { return error == .cancelled }
        return false
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.description }
        return String(describing: error)
    }

    /// An ETag without its surrounding quotes.
    static func unquote(_ etag: String) -> String {
        var s = etag.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("W/") { s.removeFirst(2) }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }

    /// Decodes a key from a listing made with `encoding-type=url` (`+` is a space there).
    static func urlDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while let b = iterator.next() {
            if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(), let hv = hexValue(h), let lv = hexValue(l) {
                bytes.append(hv << 4 | lv)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
