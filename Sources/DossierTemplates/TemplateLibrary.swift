/// A set of named Mustache templates, parsed once at creation and rendered any number of times
/// (from any thread); templates reach each other through partial (`{{>x}}`) and parent (`{{<x}}`) tags.
///
/// Supports the Mustache spec (interpolation, sections, inverted sections, comments, partials,
/// set delimiters, standalone lines) and its inheritance module (parents and blocks); not lambdas.
/// One refinement: indentation of standalone partials, parents and blocks is not added to blank lines.
public struct TemplateLibrary: Sendable {
    private final class Storage: Sendable {
        let templates: [ParsedTemplate]
        /// Each template's nodes, for the renderer.
        let bodies: [TemplateNode.List]
        let indices: [String: Int]
        let sizeHints: [Int]

        init(templates: [ParsedTemplate], indices: [String: Int], sizeHints: [Int]) {
            self.templates = templates
            bodies = templates.map(\.nodes)
            self.indices = indices
            self.sizeHints = sizeHints
        }
    }

    private let storage: Storage

    /// Parses every template (name → source); throws a `TemplateErrors` listing every parse error of
    /// every template (each with name, line and column) if any template is malformed.
    public init(templates: [String: String]) throws {
        let names = templates.keys.sorted()
        var indices: [String: Int] = [:]
        for (index, name) in names.enumerated() { indices[name] = index }
        var blockIDs: [String: Int] = [:]
        var parsed: [ParsedTemplate] = []
        var textBytes: [Int] = []
        var errors: [TemplateError] = []
        parsed.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            let parser = TemplateParser(
                source: templates[name]!, name: name, index: index, templateIndices: indices, blockIDs: blockIDs)
            blockIDs = parser.blockIDs
            errors.append(contentsOf: parser.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
            parsed.append(ParsedTemplate(name: name, nodes: parser.nodes, references: parser.references, store: parser.store))
            textBytes.append(templates[name]!.utf8.count)
        }
        if !errors.isEmpty {
            throw TemplateErrors(errors: errors)
        }
        // Output size hint: the sources of a template and everything it reaches, doubled.
        var hints: [Int] = []
        hints.reserveCapacity(names.count)
        for name in names {
            var total = textBytes[indices[name]!]
            for dependency in TemplateLibrary.reachable(from: name, templates: parsed, indices: indices) {
                if let index = indices[dependency] { total += textBytes[index] }
            }
            hints.append(max(1024, total * 2))
        }
        storage = Storage(templates: parsed, indices: indices, sizeHints: hints)
    }

    /// The names of all templates in the library, sorted.
    public var names: [String] {
        storage.templates.map(\.name)
    }

    /// Renders the template `name` with `value` as the root of the context stack.
    ///
    /// In strict mode (the default) a name that resolves to nothing, a dotted name whose later part is
    /// missing, a partial or parent the library lacks, or a list or object interpolated as text throws a
    /// `TemplateError` at that tag's line and column; non-strict mode renders those as nothing, as the
    /// Mustache spec requires. A `.null` value counts as resolved (it is falsey and renders as nothing).
    public func render(_ name: String, with value: TemplateValue, strict: Bool = true) throws -> String {
        try render(name, with: value, strict: strict) { $0.makeString() }
    }

    /// Renders like `render(_:with:strict:)`, as UTF-8 bytes: what a page written to disk needs, without
    /// the round trip through `String`.
    public func renderBytes(_ name: String, with value: TemplateValue, strict: Bool = true) throws -> [UInt8] {
        try render(name, with: value, strict: strict) { $0.makeBytes() }
    }

    /// Renders like `renderBytes(_:with:strict:)`, handing the bytes to `body` without copying them; they are
    /// valid only during the call. For writing a page straight to disk.
    public func render<T>(_ name: String, with value: TemplateValue, strict: Bool = true,
                          bytes body: (UnsafeBufferPointer<UInt8>) -> T) throws -> T {
        try render(name, with: value, strict: strict) { $0.withBytes(body) }
    }

    /// Renders like `render(_:with:strict:)`, adding to `coverage` every tag the render evaluated and every body it
    /// ran: for tests that check every tag of a theme is reached by some page (see `tags`). Nothing is added when
    /// the render throws.
    public func render(_ name: String, with value: TemplateValue, strict: Bool = true,
                       coverage: inout TemplateCoverage) throws -> String {
        let (html, record) = try render(name, with: value, strict: strict, recorder: TagRecord()) { ($0.makeString(), $1) }
        coverage.add(record, names: names)
        return html
    }

    /// Every tag of every template, sorted by template, line and column: what `TemplateCoverage` is compared with.
    public var tags: [TemplateTag] {
        storage.templates.flatMap(\.tags)
    }

    private func render<T>(_ name: String, with value: TemplateValue, strict: Bool, output: (borrowing OutputBuffer) -> T) throws -> T {
        try render(name, with: value, strict: strict, recorder: NoTagRecorder()) { out, _ in output(out) }
    }

    private func render<T, Recorder: TagRecorder>(_ name: String, with value: TemplateValue, strict: Bool, recorder: Recorder,
                                                  output: (borrowing OutputBuffer, Recorder) -> T) throws -> T {
        guard let index = storage.indices[name] else {
            throw TemplateError(name: name, line: 0, column: 0, message: "no template named '\(name)' in the library")
        }
        var renderer = TemplateRenderer(templates: storage.templates, bodies: storage.bodies, strict: strict,
                                        capacity: storage.sizeHints[index], recorder: recorder)
        try renderer.render(storage.bodies[index], root: value)
        return output(renderer.out, renderer.recorder)
    }

    /// Every template name `name` reaches through partial and parent tags, transitively (for incremental
    /// rebuilds: when one of these changes, `name` must be rendered again).
    ///
    /// Names used in tags but missing from the library are included too, since adding such a template
    /// changes the output. `name` itself is included only if it reaches itself (recursive partials).
    public func dependencies(of name: String) -> Set<String> {
        TemplateLibrary.reachable(from: name, templates: storage.templates, indices: storage.indices)
    }

    private static func reachable(from name: String, templates: [ParsedTemplate], indices: [String: Int]) -> Set<String> {
        var result: Set<String> = []
        guard let start = indices[name] else { return result }
        var pending = Array(templates[start].references)
        while let next = pending.popLast() {
            guard result.insert(next).inserted else { continue }
            if let index = indices[next] {
                pending.append(contentsOf: templates[index].references)
            }
        }
        return result
    }
}
