import Foundation

/// The entry point of `dossier publish`: sends a built `Output/` folder to any kind of target.
public enum Publisher {
    /// Settings that only S3 targets use.
    public struct S3Settings: Sendable {
        /// The store's base URL for MinIO, R2, B2 and the like; nil for AWS (path-style addressing is used with an endpoint).
        public var endpoint: URL?
        /// The signing region; the CLI's default is `AWS_REGION`, else `us-east-1`.
        public var region: String
        /// Explicit credentials; nil to read them from the environment and `~/.aws/credentials`.
        public var credentials: Credentials?

        /// Makes S3 settings.
        public init(endpoint: URL? = nil, region: String = "us-east-1", credentials: Credentials? = nil) {
            self.endpoint = endpoint
            self.region = region
            self.credentials = credentials
        }

        /// The region from `AWS_REGION` (or `AWS_DEFAULT_REGION`), else `us-east-1`.
        public static func defaultRegion(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
            for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
            }
            return "us-east-1"
        }
    }

    /// Publishes the files of `output` (dot files excepted) to `target` and reports what was done.
    public static func publish(_ output: URL, to target: PublishTarget, options: PublishOptions, s3: S3Settings = S3Settings(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws(PublishError) -> PublishReport {
        let destination = try destination(target, options: options, s3: s3, environment: environment)
        let result: Result<PublishReport, PublishError>
        do {
            result = .success(try await destination.publish(output))
        } catch {
            result = .failure(error)
        }
        await destination.finish()
        return try result.get()
    }

    /// The destination that publishes to `target`: for S3, with its credentials found and its client made.
    static func destination(_ target: PublishTarget, options: PublishOptions, s3: S3Settings,
                            environment: [String: String]) throws(PublishError) -> any PublishDestination {
        switch target {
        case .folder(let destination):
            return FolderPublisher(destination: destination, options: options)
        case .git(let repository, let branch):
            return GitPublisher(repository: repository, branch: branch, options: options)
        case .s3(let bucket, let prefix):
            let credentials: Credentials
            if let given = s3.credentials {
                credentials = given
            } else {
                do { credentials = try Credentials.resolve(environment: environment) } catch { throw .credentials(error) }
            }
            let client = try S3Client(configuration: .init(bucket: bucket, region: s3.region, endpoint: s3.endpoint, credentials: credentials,
                                                           retry: options.retry, connections: options.concurrency))
            return S3Publisher(client: client, prefix: prefix, options: options)
        }
    }
}
