import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Downloads pages and PDFs over HTTP(S) with AsyncHTTPClient: at most 10 redirects (a loop is an error), gzip
/// and deflate, a `User-Agent` naming Dossier, proxies from the environment, a time limit and a size cap.
public struct WebFetcher: Sendable {
    /// The `User-Agent` sent with every request.
    public static let userAgent = "Dossier/1.0 (source import; +https://github.com/dossier)"

    /// Seconds before a download is abandoned.
    public var timeout: Int
    /// The largest body accepted, in bytes.
    public var maximumBytes: Int
    /// The proxy environment (`https_proxy`, `http_proxy`, `no_proxy`), passed in so the library reads no globals.
    public var environment: [String: String]

    /// Makes a fetcher; the defaults are the issue's: 30 s and 20 MB.
    public init(timeout: Int = 30, maximumBytes: Int = InputReader.maximumBytes, environment: [String: String] = [:]) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.environment = environment
    }

    /// Downloads `url`, returning the body and where it came from; every failure becomes an `ImportError` naming it.
    public func fetch(_ url: String) async throws(ImportError) -> LoadedInput {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(for: url))
        do {
            let loaded = try await download(url, with: client)
            try? await client.shutdown()
            return loaded
        } catch {
            try? await client.shutdown()
            throw describe(error, url: url)
        }
    }

    private func download(_ url: String, with client: HTTPClient) async throws -> LoadedInput {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: WebFetcher.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8")
        let response = try await client.execute(request, timeout: .seconds(Int64(timeout)))
        guard (200..<300).contains(response.status.code) else {
            throw ImportError(.httpStatus(Int(response.status.code)), input: url,
                              "\(url): the server answered HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBytes {
            throw tooLarge(url)
        }
        let body = try await response.body.collect(upTo: maximumBytes)
        let bytes = Array(body.readableBytesView)
        let type = response.headers.first(name: "Content-Type")
        let isPDF = InputReader.isPDF(bytes) || (type?.lowercased().contains("application/pdf") ?? false)
        let final = response.url?.absoluteString ?? url
        return LoadedInput(input: url, original: bytes, originalExtension: isPDF ? "pdf" : "html", content: bytes,
                           kind: isPDF ? .pdf : .html, contentType: type, url: final, retrieved: Date())
    }

    private func tooLarge(_ url: String) -> ImportError {
        ImportError(.tooLarge(limit: maximumBytes), input: url, "\(url): the download is over the \(maximumBytes / 1_048_576) MB limit")
    }

    private func describe(_ error: any Error, url: String) -> ImportError {
        if let e = error as? ImportError { return e }
        if error is NIOTooManyBytesError { return tooLarge(url) }
        if let e = error as? HTTPClientError {
            switch e {
            case .redirectCycleDetected: return ImportError(.redirectLoop, input: url, "\(url): the redirects go round in a loop")
            case .redirectLimitReached: return ImportError(.tooManyRedirects, input: url, "\(url): more than 10 redirects")
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return ImportError(.timeout(seconds: timeout), input: url, "\(url): no complete answer within \(timeout) s")
            default: break
            }
        }
        if String(describing: error).lowercased().contains("limit") { return tooLarge(url) }
        return ImportError(.network, input: url, "\(url): download failed: \(error)")
    }

    private func configuration(for url: String) -> HTTPClient.Configuration {
        var config = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 10, allowCycles: false),
            timeout: .init(connect: .seconds(Int64(timeout)), read: .seconds(Int64(timeout))),
            decompression: .enabled(limit: .size(maximumBytes)))
        config.proxy = proxy(for: url)
        return config
    }

    /// The proxy the environment names for `url`'s scheme, unless `no_proxy` lists its host.
    func proxy(for url: String) -> HTTPClient.Configuration.Proxy? {
        let https = url.lowercased().hasPrefix("https:")
        let keys = https ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let value = keys.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }),
              let proxy = URLComponents(string: value.contains("://") ? value : "http://" + value), let host = proxy.host else {
            return nil
        }
        let target = URLComponents(string: url)?.host ?? ""
        let exempt = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .contains { !$0.isEmpty && ($0 == "*" || target == $0 || target.hasSuffix($0.hasPrefix(".") ? $0 : "." + $0)) }
        if exempt { return nil }
        // AsyncHTTPClient tunnels https through the proxy with CONNECT and sends http to it directly.
        return .server(host: host, port: proxy.port ?? 80)
    }
}
