import Foundation

/// AWS-style credentials for an S3-compatible store; printing them never shows the secret.
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key id (`AKIA…`); shown only shortened.
    public let accessKeyID: String
    /// The secret access key; never shown.
    public let secretAccessKey: String
    /// The session token of temporary credentials; never shown.
    public let sessionToken: String?
    /// Where they came from: `environment` or `profile 'default' in ~/.aws/credentials`.
    public let source: String

    /// Makes credentials from their parts.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "arguments") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        self.source = source
    }

    /// Why no credentials could be found.
    public enum LookupError: Error, Equatable, CustomStringConvertible {
        /// Neither the environment nor the credentials file has any.
        case notFound(file: String)
        /// `AWS_PROFILE` (or `default`) names a profile the file lacks.
        case profileNotFound(profile: String, file: String)
        /// The profile lacks a required key.
        case incompleteProfile(profile: String, file: String, missing: String)
        /// Only one of `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` is set.
        case incompleteEnvironment(missing: String)

        /// The message the CLI prints.
        public var description: String {
            switch self {
            case .notFound(let file):
                return "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile to \(file)"
            case .profileNotFound(let profile, let file):
                return "no profile [\(profile)] in \(file)"
            case .incompleteProfile(let profile, let file, let missing):
                return "profile [\(profile)] in \(file) has no \(missing)"
            case .incompleteEnvironment(let missing):
                return "\(missing) is not set (the environment has only half of the S3 credentials)"
            }
        }
    }

    /// Finds credentials: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, else the `AWS_PROFILE` (or `default`)
    /// profile of `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(LookupError) -> Credentials {
        let id = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case let (id?, secret?):
            return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"], source: "environment")
        case (_?, nil): throw .incompleteEnvironment(missing: "AWS_SECRET_ACCESS_KEY")
        case (nil, _?): throw .incompleteEnvironment(missing: "AWS_ACCESS_KEY_ID")
        case (nil, nil): break
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        let path = environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.aws/credentials"
        let shown = path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        let explicitProfile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let data = FileManager.default.contents(atPath: path) else {
            if let explicitProfile { throw .profileNotFound(profile: explicitProfile, file: shown) }
            throw .notFound(file: shown)
        }
        let profile = explicitProfile ?? "default"
        let profiles = parseINI(String(decoding: data, as: UTF8.self))
        guard let values = profiles[profile] else {
            if explicitProfile == nil { throw .notFound(file: shown) }
            throw .profileNotFound(profile: profile, file: shown)
        }
        guard let keyID = values["aws_access_key_id"], !keyID.isEmpty else {
            throw .incompleteProfile(profile: profile, file: shown, missing: "aws_access_key_id")
        }
        guard let secretKey = values["aws_secret_access_key"], !secretKey.isEmpty else {
            throw .incompleteProfile(profile: profile, file: shown, missing: "aws_secret_access_key")
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secretKey, sessionToken: values["aws_session_token"],
                           source: "profile '\(profile)' in \(shown)")
    }

    /// Parses an AWS credentials file: `[profile]` sections of `key = value` lines; `#` and `;` start comments.
    /// Keys are lowercased; a `profile ` prefix on a section name (as in `~/.aws/config`) is dropped.
    public static func parseINI(_ text: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var section: String?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { section = nil; continue }
                var name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("profile ") { name = String(name.dropFirst("profile ".count)).trimmingCharacters(in: .whitespaces) }
                section = name
                if result[name] == nil { result[name] = [:] }
                continue
            }
            guard let section, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            result[section]?[key] = value
        }
        return result
    }

    /// The secret values, for scrubbing them out of any text that leaves the library.
    var secrets: [String] { [secretAccessKey] + (sessionToken.map { [$0] } ?? []) }

    /// The access key id shortened to its first four characters.
    var maskedKeyID: String { accessKeyID.count > 4 ? String(accessKeyID.prefix(4)) + "…" : "…" }

    /// A safe description: the shortened key id and where it came from.
    public var description: String { "credentials \(maskedKeyID) from \(source)" }
    /// The same safe description.
    public var debugDescription: String { description }
    /// A mirror without the secret, so `dump` and reflection never show it.
    public var customMirror: Mirror { Mirror(self, children: ["accessKeyID": maskedKeyID, "source": source], displayStyle: .struct) }
}
