/// Which `Host` headers the dev server answers, against DNS rebinding.
///
/// A page on any web site can point a name it controls at 127.0.0.1 and then read the dev server as its own
/// origin: unpublished drafts, `/__dossier/status`. The browser still sends that name as `Host`, so the server
/// answers only names that cannot be rebound: loopback names (`localhost`, `*.localhost`), IP addresses
/// written as such, and the name it was told to listen on (`--host`).
struct HostCheck: Sendable {
    /// The `--host` the server listens on, lowercased.
    let listenHost: String

    init(listenHost: String) {
        self.listenHost = listenHost.lowercased()
    }

    /// Whether a request with this `Host` (or HTTP/2 authority) header may be answered; nil (HTTP/1.0 sends
    /// none, and no browser omits it) is allowed.
    func allows(_ authority: String?) -> Bool {
        guard let authority else { return true }
        let host = Self.hostName(authority).lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == listenHost { return true }
        return Self.isIPAddress(Substring(host))
    }

    /// The host part of `host[:port]` or `[v6]:port`, without brackets.
    static func hostName(_ authority: String) -> Substring {
        if authority.hasPrefix("[") {
            let inside = authority.dropFirst()
            return inside.prefix { $0 != "]" }
        }
        return authority.prefix { $0 != ":" }
    }

    /// Whether `host` is an IPv4 address in dotted form or an IPv6 address (as found inside brackets).
    static func isIPAddress(_ host: Substring) -> Bool {
        if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && Int(part).map { $0 <= 255 } == true
        }
    }
}
