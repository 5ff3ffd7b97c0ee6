/// One error in a template, located by template name, line and column (both 1-based, the column
/// counted in Unicode scalars), so a build can point the author at the exact tag.
///
/// `description` reads `"\(name):\(line):\(column): error: \(message)"`, the form compilers and editors
/// understand; an error with no position (rendering a template the library lacks) has line and column 0.
public struct TemplateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The template's name as given to `TemplateLibrary` (callers may prefix folders when printing).
    public let name: String
    /// The 1-based line of the tag (0 when the error has no position).
    public let line: Int
    /// The 1-based column of the tag's first character, in Unicode scalars (0 when no position).
    public let column: Int
    /// What went wrong, e.g. `unknown name 'actor.nmae'`.
    public let message: String

    /// Creates an error at a position; used by the library, public so callers and tests can build expected values.
    public init(name: String, line: Int, column: Int, message: String) {
        self.name = name
        self.line = line
        self.column = column
        self.message = message
    }

    /// The error as `name:line:column: error: message`.
    public var description: String {
        "\(name):\(line):\(column): error: \(message)"
    }
}
