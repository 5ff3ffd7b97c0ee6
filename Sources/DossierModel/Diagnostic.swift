/// One problem found in a site, with where it is and how bad it is.
///
/// Builds collect diagnostics instead of throwing, so an author sees every problem of a run at once.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How bad a problem is: errors stop a build, warnings never do.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A stable machine-readable name of the rule (`unknown-id`, `quote-not-found`, …) for editors and CI.
    public var code: String

    /// Makes a diagnostic; `code` names the rule that found it.
    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, code: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
    }

    /// An error at `location`.
    public static func error(_ location: SourceLocation, _ message: String, code: String) -> Diagnostic {
        Diagnostic(.error, location, message, code: code)
    }

    /// A warning at `location`.
    public static func warning(_ location: SourceLocation, _ message: String, code: String) -> Diagnostic {
        Diagnostic(.warning, location, message, code: code)
    }

    /// `path:line:column: error: message`, the form editors and compilers understand: always one line, with
    /// control characters (a newline or an escape sequence in a file name or a value) shown escaped.
    public var description: String {
        Diagnostic.escapingControls("\(location): \(severity.rawValue): \(message)")
    }

    /// `text` in single quotes with control characters escaped, for naming a file or a value in a message.
    public static func quoted(_ text: String) -> String { "'" + escapingControls(text) + "'" }

    /// `text` with C0 and C1 control characters and DEL written as `\n`, `\t`, `\r` or `\u{1B}`, so
    /// printing it can neither split a line nor drive a terminal.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where isControl(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity.rawValue, a.message) < (b.location, b.severity.rawValue, b.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (a build with errors writes nothing).
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
