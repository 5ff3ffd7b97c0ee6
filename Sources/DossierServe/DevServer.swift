import DossierSite
import DossierSupport
import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import ServiceLifecycle

/// The development server behind `dossier serve`: builds the site, rebuilds it on every change, serves `Output/`
/// over HTTP, and tells open pages to reload (or to show the build's errors) through server-sent events.
public struct DevServer: Sendable {
    /// Where the site is, where to listen, and how to watch.
    public struct Configuration: Sendable {
        /// The site folder, holding `Content/`.
        public var siteFolder: URL
        /// The address to listen on; loopback unless told otherwise.
        public var host: String
        /// The port to listen on; 0 picks a free one (reported in `Event.listening`).
        public var port: Int
        /// Scan for changes instead of using inotify.
        public var polling: Bool
        /// Whether SIGINT and SIGTERM (Ctrl-C) shut the server down gracefully; tests cancel the task instead.
        public var handlesSignals: Bool
        /// How long clients may take and how many may connect at once.
        public var limits: Limits = .init()
        /// How many threads each build may use (`--jobs`).
        public var jobs: Jobs = .usableCores

        /// A configuration for the site in `siteFolder`.
        public init(siteFolder: URL, host: String = "127.0.0.1", port: Int = 8000, polling: Bool = false, handlesSignals: Bool = true) {
            self.siteFolder = siteFolder
            self.host = host
            self.port = port
            self.polling = polling
            self.handlesSignals = handlesSignals
        }
    }

    /// What keeps slow, idle or too many clients from holding the server: a request's headers must arrive within
    /// `headerTimeout` of connecting, the next request within `idleTimeout` of the last response, and at most
    /// `maxConnections` are open at once (further ones wait to be accepted, so the process never runs out of
    /// file descriptors).
    public struct Limits: Sendable {
        public var headerTimeout: TimeAmount = .seconds(10)
        public var idleTimeout: TimeAmount = .seconds(60)
        public var maxConnections: Int = Limits.defaultMaxConnections

        /// Limits with the defaults: 10 s, 60 s, and half the process's file-descriptor limit (16 to 1,000).
        public init() {}

        /// Half the soft limit on open files, between 16 and 1,000: the other half stays for builds and the watcher.
        public static var defaultMaxConnections: Int {
            var limit = rlimit()
            guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
            return Int(min(max(limit.rlim_cur / 2, 16), 1_000))
        }
    }

    /// What the server reports while it runs, for the command line to print.
    public enum Event: Sendable {
        /// A build finished (the first one included).
        case built(BuildOutcome)
        /// The server accepts connections at this address (with the real port when 0 was asked for).
        case listening(host: String, port: Int)
    }

    /// The configuration the server runs with.
    public let configuration: Configuration
    private let onEvent: @Sendable (Event) -> Void

    /// Makes a server; `onEvent` hears of builds and of the listening address.
    public init(configuration: Configuration, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.configuration = configuration
        self.onEvent = onEvent
    }

    /// Starts watching, builds, then serves until Ctrl-C (when `handlesSignals`) or until the task is cancelled;
    /// throws when the watcher cannot start or the address cannot be bound.
    public func run() async throws {
        // The preview shows what is not published yet as such on /changes/.
        let options = SiteBuilder.Options(siteFolder: configuration.siteFolder, editions: .drafts, jobs: configuration.jobs)
        let onEvent = self.onEvent
        let rebuilder = Rebuilder(options: options) { onEvent(.built($0)) }
        let changes = try makeFileWatcher(siteFolder: configuration.siteFolder, polling: configuration.polling).changes()
        await rebuilder.build()
        let responder = DevResponder(resolver: StaticFileResolver(root: options.output), rebuilder: rebuilder,
                                     hosts: HostCheck(listenHost: configuration.host))
        let quiet = Logger(label: "dossier.serve", factory: { _ in SwiftLogNoOpLogHandler() })
        let host = configuration.host
        let limits = configuration.limits
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestDeadline(first: limits.headerTimeout, next: limits.idleTimeout)],
                idleTimeout: limits.idleTimeout)),
            configuration: .init(address: .hostname(host, port: configuration.port),
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: quiet)),
            onServerRunning: { channel in
                onEvent(.listening(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: quiet
        )
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: RebuildService(rebuilder: rebuilder, changes: changes))],
            gracefulShutdownSignals: configuration.handlesSignals ? [.sigterm, .sigint] : [],
            logger: quiet
        )
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(3)
        groupConfiguration.maximumCancellationDuration = .seconds(2)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}

/// Rebuilds on every batch of changes until shutdown; on graceful shutdown it first ends the live-reload streams,
/// so that the HTTP server has no open response left to wait for.
struct RebuildService: Service {
    let rebuilder: Rebuilder
    let changes: AsyncStream<[FileChange]>

    func run() async throws {
        let rebuilder = self.rebuilder
        let changes = self.changes
        defer { rebuilder.closeSubscriptions() }
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown { await rebuilder.run(changes: changes) }
        } onGracefulShutdown: {
            rebuilder.closeSubscriptions()
        }
    }
}
