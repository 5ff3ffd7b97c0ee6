/// Every parse error found by `TemplateLibrary.init`, across all templates, so an author fixes them
/// in one pass instead of one per build.
///
/// `TemplateLibrary.init` always throws this type (even for a single error); the errors are sorted by
/// template name, then line, then column. `description` has one `TemplateError.description` per line.
public struct TemplateErrors: Error, CustomStringConvertible, Equatable, Sendable {
    /// The individual errors, sorted by template name, line and column.
    public let errors: [TemplateError]

    /// Wraps a list of errors (kept in the given order).
    public init(errors: [TemplateError]) {
        self.errors = errors
    }

    /// One line per error, each `name:line:column: error: message`.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
