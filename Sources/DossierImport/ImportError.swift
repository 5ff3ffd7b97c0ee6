/// Why an import failed, naming the input, so the CLI can print one clear line and change nothing.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for tests and scripts that branch on it.
    public enum Kind: Sendable, Equatable {
        case unreadable
        case notHTML
        case noArticle(words: Int)
        case unknownCharset(String)
        case httpStatus(Int)
        case redirectLoop
        case tooManyRedirects
        case tooLarge(limit: Int)
        case timeout(seconds: Int)
        case network
        case pdf
        case duplicate(existingID: String)
        case invalidID
        case write
    }

    /// The kind of failure.
    public var kind: Kind
    /// The input as the user named it (file path or URL).
    public var input: String
    /// The message shown to the user, naming the input.
    public var message: String

    /// Makes an error about `input`.
    public init(_ kind: Kind, input: String, _ message: String) {
        self.kind = kind
        self.input = input
        self.message = message
    }

    public var description: String { message }
}
