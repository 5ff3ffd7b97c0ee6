import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4, as S3-compatible stores (and IAM) require.
public struct SigV4Signer: Sendable {
    /// The credentials requests are signed with.
    public let credentials: Credentials
    /// The signing region (`us-east-1`, `auto` for R2, …).
    public let region: String
    /// The signing service name (`s3`, `iam`).
    public let service: String

    /// Makes a signer for `service` in `region`.
    public init(credentials: Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The SHA-256 of an empty body, as S3 wants it in `x-amz-content-sha256` for bodiless requests.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// One request to sign: its method, its path exactly as sent (already URI-encoded), its query items (not encoded),
    /// its headers, and the hex SHA-256 of its body (or `UNSIGNED-PAYLOAD`).
    public struct Request: Sendable, Equatable {
        /// The HTTP method.
        public var method: String
        /// The path as sent on the wire, URI-encoded (`/bucket/a%20b.html`).
        public var encodedPath: String
        /// Query items, unencoded; the signer encodes and sorts them.
        public var query: [(name: String, value: String)]
        /// Headers by name; names are compared case-insensitively.
        public var headers: [String: String]
        /// The lowercase hex SHA-256 of the body.
        public var payloadHash: String

        /// Makes a request to sign.
        public init(method: String, encodedPath: String, query: [(name: String, value: String)] = [], headers: [String: String],
                    payloadHash: String = SigV4Signer.emptyPayloadHash) {
            self.method = method
            self.encodedPath = encodedPath
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }

        /// Equal when every part is equal.
        public static func == (a: Request, b: Request) -> Bool {
            a.method == b.method && a.encodedPath == b.encodedPath && a.headers == b.headers && a.payloadHash == b.payloadHash
                && a.query.map(\.name) == b.query.map(\.name) && a.query.map(\.value) == b.query.map(\.value)
        }
    }

    /// The headers to send: the request's own plus `x-amz-date`, `x-amz-content-sha256` (for S3), `x-amz-security-token`
    /// (for temporary credentials) and `authorization`; every header given is signed.
    public func sign(_ request: Request, date: Date = Date()) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.lowercased()] = value }
        let amzDate = SigV4Signer.amzDate(date)
        headers["x-amz-date"] = amzDate
        if service == "s3" { headers["x-amz-content-sha256"] = request.payloadHash }
        if let token = credentials.sessionToken { headers["x-amz-security-token"] = token }
        let parts = canonicalParts(request, headers: headers)
        let scope = "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
        let toSign = stringToSign(canonicalRequest: parts.canonicalRequest, amzDate: amzDate, scope: scope)
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: signingKey(day: String(amzDate.prefix(8)))))
        headers["authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(parts.signedHeaders), Signature=\(signature)"
        return headers
    }

    /// The canonical request and the `SignedHeaders` list for `request` with its final `headers` (lowercase names).
    func canonicalParts(_ request: Request, headers: [String: String]) -> (canonicalRequest: String, signedHeaders: String) {
        let names = headers.keys.filter { $0 != "authorization" }.sorted()
        let canonicalHeaders = names.map { "\($0):\(SigV4Signer.trimHeaderValue(headers[$0]!))\n" }.joined()
        let signed = names.joined(separator: ";")
        let canonical = [
            request.method.uppercased(),
            request.encodedPath.isEmpty ? "/" : request.encodedPath,
            SigV4Signer.canonicalQuery(request.query),
            canonicalHeaders,
            signed,
            request.payloadHash,
        ].joined(separator: "\n")
        return (canonical, signed)
    }

    /// The string to sign for a canonical request.
    func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hex(SHA256.hash(data: Array(canonicalRequest.utf8))))"
    }

    /// The day's signing key: HMAC chain over date, region, service and `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: [UInt8], _ text: String) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: key)))
        }
        let kDate = hmac(Array("AWS4\(credentials.secretAccessKey)".utf8), day)
        let kRegion = hmac(kDate, region)
        let kService = hmac(kRegion, service)
        return SymmetricKey(data: hmac(kService, "aws4_request"))
    }

    /// The query string in canonical form: each name and value URI-encoded, sorted by name then value, joined with `&`.
    /// The same string is sent on the wire, so what is signed is what arrives.
    public static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        items.map { (uriEncode($0.name, encodeSlash: true), uriEncode($0.value, encodeSlash: true)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Percent-encodes every byte of `text`'s UTF-8 except the unreserved `A–Z a–z 0–9 - _ . ~` (and `/` unless `encodeSlash`).
    public static func uriEncode(_ text: String, encodeSlash: Bool) -> String {
        let hexDigits = Array("0123456789ABCDEF")
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "/") where !encodeSlash:
                out.append("/")
            default:
                out.append("%")
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// A header value as canonical requests carry it: trimmed, inner runs of spaces folded to one.
    static func trimHeaderValue(_ value: String) -> String {
        var out = ""
        var lastWasSpace = false
        for c in value.trimmingCharacters(in: .whitespaces) {
            if c == " " || c == "\t" {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(c)
                lastWasSpace = false
            }
        }
        return out
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))T\(pad(c.hour, 2))\(pad(c.minute, 2))\(pad(c.second, 2))Z"
    }
}

/// Lowercase hex of a digest or any bytes.
func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits: [Character] = Array("0123456789abcdef")
    var out = ""
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0xF)])
    }
    return out
}

/// Lowercase hex of a digest.
func hex<D: Digest>(_ digest: D) -> String { hex(Array(digest)) }

/// Lowercase hex of an HMAC.
func hex(_ code: HashedAuthenticationCode<SHA256>) -> String { hex(Array(code)) }
