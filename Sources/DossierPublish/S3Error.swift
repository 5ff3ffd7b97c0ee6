/// Why an S3 request failed for good (after its retries); never carries a secret.
public enum S3Error: Error, Equatable, CustomStringConvertible {
    /// The store answered with an error status; `code` and `message` come from its XML error body.
    case http(operation: String, key: String?, status: Int, code: String?, message: String?)
    /// The request never got an answer (connection refused or reset, timeout) after `attempts` tries.
    case transport(operation: String, key: String?, message: String, attempts: Int)
    /// The store's answer could not be read.
    case invalidResponse(operation: String, message: String)
    /// The request was cancelled.
    case cancelled

    /// The message the CLI prints.
    public var description: String {
        switch self {
        case .http(let operation, let key, let status, let code, let message):
            var text = "S3 \(operation)\(key.map { " \($0)" } ?? "") failed: HTTP \(status)"
            if let code { text += " \(code)" }
            if let message, !message.isEmpty { text += ": \(message)" }
            switch code {
            case "SignatureDoesNotMatch": text += " (check AWS_SECRET_ACCESS_KEY and --region)"
            case "InvalidAccessKeyId": text += " (check AWS_ACCESS_KEY_ID)"
            case "NoSuchBucket": text += " (create the bucket first)"
            case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
                text += " (check --region)"
            default: break
            }
            return text
        case .transport(let operation, let key, let message, let attempts):
            return "S3 \(operation)\(key.map { " \($0)" } ?? "") failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(message)"
        case .invalidResponse(let operation, let message):
            return "S3 \(operation): unreadable answer: \(message)"
        case .cancelled:
            return "S3 request cancelled"
        }
    }
}
