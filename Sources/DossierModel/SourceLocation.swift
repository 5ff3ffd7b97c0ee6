/// A place in a site file, used to point diagnostics at the exact spot an author must fix.
///
/// `path` is relative to the site folder (`Content/actors/a.md`); `line` and `column` are 1-based,
/// columns counted in characters. A location with `line == 0` names the file only.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    /// Makes a location; pass `line: 0` when only the file is known.
    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, or just `path` when the position is unknown, as compilers print it.
    public var description: String {
        line > 0 ? "\(path):\(line):\(max(column, 1))" : path
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}
