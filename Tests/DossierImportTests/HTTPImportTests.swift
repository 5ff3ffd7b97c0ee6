@testable import DossierImport
import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing

/// A real HTTP server on 127.0.0.1 serving test pages, redirects, gzip, errors, slow and oversized answers.
struct LoopbackServer {
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        let html = page(head: ledgerHead, body: articleParagraphs)
        router.get("/article") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/latin1") { _, _ in
            let bytes = html.replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "").data(using: .windowsCP1252)!
            return Response(status: .ok, headers: [.contentType: "text/html; charset=windows-1252"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/gzip") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html", .contentEncoding: "gzip"],
                     body: .init(byteBuffer: ByteBuffer(bytes: Gzip.stored(Array(html.utf8)))))
        }
        router.get("/hop1") { _, _ in Response(status: .movedPermanently, headers: [.location: "/hop2"]) }
        router.get("/hop2") { _, _ in Response(status: .found, headers: [.location: "/article"]) }
        router.get("/loop-a") { _, _ in Response(status: .found, headers: [.location: "/loop-b"]) }
        router.get("/loop-b") { _, _ in Response(status: .found, headers: [.location: "/loop-a"]) }
        router.get("/chain/:n") { _, context in
            let n = Int(context.parameters.get("n") ?? "0") ?? 0
            return Response(status: .found, headers: [.location: "/chain/\(n + 1)"])
        }
        router.get("/missing") { _, _ in Response(status: .notFound) }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(4))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/huge") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "a"), count: 300_000)))
        }
        return router
    }

    /// Runs `body` with the server's base URL, then stops the server.
    static func with(_ body: @Sendable (String) async throws -> Void) async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var ports = stream.makeAsyncIterator()
            let port = await ports.next() ?? 0
            try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
        }
    }
}

@Suite(.serialized) struct HTTPImportTests {
    @Test func followsRedirectsAndReadsThePage() async throws {
        try await LoopbackServer.with { base in
            let loaded = try await WebFetcher().fetch(base + "/hop1")
            #expect(loaded.url == base + "/article")
            #expect(loaded.retrieved != nil)
            let article = try SourceImporter.extract(loaded)
            #expect(article.paragraphs.count == 3)
            #expect(article.metadata.canonicalURL == "https://ledger.example/steel")
        }
    }

    @Test func decodesGzipAndTheHeaderCharset() async throws {
        try await LoopbackServer.with { base in
            let gz = try await WebFetcher().fetch(base + "/gzip")
            #expect(try SourceImporter.extract(gz).paragraphs.first?.hasPrefix("The company said") == true)
            let latin = try await WebFetcher().fetch(base + "/latin1")
            let article = try SourceImporter.extract(latin)
            #expect(article.charset.origin == .header)
            #expect(article.text.contains("“We cannot absorb these costs any longer,”"))
        }
    }

    @Test func reportsHTTPErrorsLoopsAndTooManyRedirects() async throws {
        try await LoopbackServer.with { base in
            await #expect { try await WebFetcher().fetch(base + "/missing") } throws: { e in
                (e as? ImportError)?.kind == .httpStatus(404) && (e as? ImportError)?.message.contains("HTTP 404") == true
            }
            await #expect { try await WebFetcher().fetch(base + "/loop-a") } throws: { e in (e as? ImportError)?.kind == .redirectLoop }
            await #expect { try await WebFetcher().fetch(base + "/chain/0") } throws: { e in (e as? ImportError)?.kind == .tooManyRedirects }
        }
    }

    @Test func givesUpOnSlowAndOversizedAnswers() async throws {
        try await LoopbackServer.with { base in
            await #expect { try await WebFetcher(timeout: 1).fetch(base + "/slow") } throws: { e in (e as? ImportError)?.kind == .timeout(seconds: 1) }
            await #expect { try await WebFetcher(maximumBytes: 100_000).fetch(base + "/huge") } throws: { e in
                (e as? ImportError)?.kind == .tooLarge(limit: 100_000)
            }
        }
    }

    @Test func importsADownloadedPageWithItsRetrievalTime() async throws {
        let site = try TempSite()
        defer { site.remove() }
        try await LoopbackServer.with { base in
            let loaded = try await WebFetcher().fetch(base + "/article")
            var existing = ExistingSources(siteFolder: site.folder)
            let importer = SourceImporter(siteFolder: site.folder)
            let plan = try importer.plan(loaded, article: try SourceImporter.extract(loaded), existing: &existing)
            try importer.write(plan)
            #expect(plan.fields.retrieved?.count == 17)
            #expect(plan.originalPath.hasSuffix(".html"))
            #expect(ExistingSources(siteFolder: site.folder).id(for: ["https://ledger.example/steel/"]) == plan.id)
        }
    }
}

@Suite struct ProxyTests {
    @Test func takesTheProxyForTheSchemeUnlessNoProxyListsTheHost() {
        let env = ["https_proxy": "http://proxy.internal:3128", "http_proxy": "cache.internal:8080", "no_proxy": "localhost,.corp.example"]
        let fetcher = WebFetcher(environment: env)
        #expect(fetcher.proxy(for: "https://news.example/a").map { "\($0.host):\($0.port)" } == "proxy.internal:3128")
        #expect(fetcher.proxy(for: "http://news.example/a").map { "\($0.host):\($0.port)" } == "cache.internal:8080")
        #expect(fetcher.proxy(for: "https://intranet.corp.example/a") == nil)
        #expect(fetcher.proxy(for: "http://localhost/a") == nil)
        #expect(WebFetcher().proxy(for: "https://news.example/a") == nil)
    }
}
