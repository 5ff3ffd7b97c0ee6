import Foundation
import Hummingbird

/// Answers the dev server's requests: the live-reload endpoints under `/__dossier/`, and files of `Output/`
/// through a `StaticFileResolver`, with the live-reload script injected into HTML.
struct DevResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let resolver: StaticFileResolver
    let rebuilder: Rebuilder
    /// Which `Host` headers are answered (against DNS rebinding).
    let hosts: HostCheck

    /// Seconds between keep-alive comments on the events stream.
    var keepAliveInterval: Duration = .seconds(15)

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.head.path ?? "/"
        guard hosts.allows(request.head.authority) else {
            return text(.misdirectedRequest, "421 Misdirected Request: the dev server answers only requests for localhost, "
                + "an IP address or the --host it listens on, so that no other site can read it through its own name\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = text(.methodNotAllowed, "405 Method Not Allowed: the dev server only reads files\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let response = route(target)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func route(_ target: String) -> Response {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        if path.hasPrefix(LiveReload.reservedPrefix) {
            switch path {
            case LiveReload.eventsPath: return events()
            case LiveReload.statusPath:
                return bytes(.ok, Array(LiveReload.statusJSON(rebuilder.latest).utf8), type: "application/json; charset=utf-8")
            case LiveReload.scriptPath:
                return bytes(.ok, Array(LiveReload.script.utf8), type: "text/javascript; charset=utf-8")
            default: return notFound()
            }
        }
        switch resolver.resolve(target) {
        case .refused:
            return text(.forbidden, "403 Forbidden: only files inside Output/ are served\n")
        case .redirect(let location):
            var response = Response(status: .found, headers: [.location: location, .cacheControl: "no-store"], body: .init())
            response.headers[.contentLength] = "0"
            return response
        case .notFound:
            return notFound()
        case .file(let path, let contentType):
            guard let data = FileManager.default.contents(atPath: path) else { return notFound() }
            return page(.ok, Array(data), type: contentType, path: path)
        }
    }

    /// The site's own `404.html` with status 404, or a plain text one when the site has none.
    private func notFound() -> Response {
        if case .file(let path, let type) = resolver.resolve("/404.html"), let data = FileManager.default.contents(atPath: path) {
            return page(.notFound, Array(data), type: type)
        }
        return text(.notFound, "404 Not Found\n")
    }

    /// A file's response; HTML gets the live-reload script (only here, never in `Output/`).
    private func page(_ status: HTTPResponse.Status, _ body: [UInt8], type: String, path: String? = nil) -> Response {
        guard ContentType.isHTML(type) else { return bytes(status, body, type: type) }
        var build = rebuilder.latest?.lastGoodSequence ?? 0
        // A page the running build already wrote ahead is what that build will have: the page need not reload
        // when the build finishes.
        if let path, let preview = rebuilder.preview, preview.paths.contains(where: { path.hasSuffix("/" + $0) }) {
            build = preview.sequence
        }
        return bytes(status, LiveReload.inject(LiveReload.scriptTag(build: build), into: body), type: type)
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        bytes(status, Array(message.utf8), type: "text/plain; charset=utf-8")
    }

    private func bytes(_ status: HTTPResponse.Status, _ body: [UInt8], type: String) -> Response {
        let headers: HTTPFields = [
            .contentType: type,
            .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The server-sent-events stream: a preamble, then one event per finished build, with keep-alive comments.
    private func events() -> Response {
        let outcomes = rebuilder.outcomes()
        let previews = rebuilder.previews()
        let keepAlive = keepAliveInterval
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: LiveReload.streamPreamble))
            let (chunks, sink) = AsyncStream.makeStream(of: String.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await outcome in outcomes { sink.yield(LiveReload.event(for: outcome)) }
                    sink.finish()
                }
                group.addTask {
                    for await preview in previews { sink.yield(LiveReload.event(for: preview)) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: keepAlive)
                        sink.yield(LiveReload.keepAlive)
                    }
                }
                for await chunk in chunks {
                    try await writer.write(ByteBuffer(string: chunk))
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        })
    }
}
