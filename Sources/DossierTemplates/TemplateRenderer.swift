/// Renders parsed templates: walks the node trees once per render, appending into a single byte
/// buffer, with a context stack of values and a chain of block overrides from parent tags.
struct TemplateRenderer: ~Copyable {
    /// Block overrides passed by one parent tag, linked to the overrides that were in force where
    /// that parent tag was rendered (which are also the ones its override contents render under).
    final class OverrideScope: Sendable {
        let overrides: [TemplateNode.Override]
        let outer: OverrideScope?

        init(overrides: [TemplateNode.Override], outer: OverrideScope?) {
            self.overrides = overrides
            self.outer = outer
        }
    }

    /// The deepest nesting of partials and parents before rendering stops (guards against runaway recursion).
    static let maximumDepth = 100

    let templates: [ParsedTemplate]
    let strict: Bool
    var out: OutputBuffer
    var stack: [TemplateValue] = []
    private var depth = 0

    init(templates: [ParsedTemplate], strict: Bool, capacity: Int) {
        self.templates = templates
        self.strict = strict
        self.out = OutputBuffer(capacity: capacity)
    }

    /// Renders `nodes`, adding `indent` at every indentation point, with `scope` as the block overrides.
    mutating func render(_ nodes: [TemplateNode], indent: [UInt8], scope: OverrideScope?) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text, indent: indent)

            case .variable(let variable):
                guard let value = lookup(variable.name) else {
                    if strict { throw unknownName(variable.name, at: variable.location) }
                    continue
                }
                switch value {
                case .string(let s):
                    if variable.escaped { out.appendEscaped(s) } else { out.append(s) }
                case .html(let s):
                    out.append(s)
                case .number(let d):
                    out.append(TemplateValue.format(number: d))
                case .bool(let b):
                    out.append(b ? "true" : "false")
                case .null:
                    break
                case .list:
                    if strict { throw error(at: variable.location, "cannot interpolate '\(variable.name.full)': it is a list (use a section)") }
                case .object:
                    if strict { throw error(at: variable.location, "cannot interpolate '\(variable.name.full)': it is an object (use a section or a dotted name)") }
                }

            case .section(let section):
                guard let value = lookup(section.name) else {
                    if strict { throw unknownName(section.name, at: section.location) }
                    continue
                }
                if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(section.body, indent: indent, scope: scope)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    try render(section.body, indent: indent, scope: scope)
                    stack.removeLast()
                }

            case .inverted(let section):
                let value = lookup(section.name)
                if value == nil && strict { throw unknownName(section.name, at: section.location) }
                if !(value?.isTruthy ?? false) {
                    try render(section.body, indent: indent, scope: scope)
                }

            case .partial(let partial):
                guard let target = partial.target else {
                    if strict { throw error(at: partial.location, "unknown partial '\(partial.name)'") }
                    continue
                }
                try enter(partial.location)
                let childIndent = partial.indent.map { indent + $0 } ?? []
                try render(templates[target].nodes, indent: childIndent, scope: scope)
                depth -= 1

            case .parent(let parent):
                guard let target = parent.target else {
                    if strict { throw error(at: parent.location, "unknown parent template '\(parent.name)'") }
                    continue
                }
                try enter(parent.location)
                let childIndent = parent.indent.map { indent + $0 } ?? []
                let childScope = parent.overrides.isEmpty
                    ? scope : OverrideScope(overrides: parent.overrides, outer: scope)
                try render(templates[target].nodes, indent: childIndent, scope: childScope)
                depth -= 1

            case .block(let block):
                // The outermost override wins (top-level substitutions take precedence); an override
                // renders under the overrides that were in force where its parent tag was.
                var content = block.defaultContent
                var contentScope = scope
                var current = scope
                while let s = current {
                    for override in s.overrides where override.id == block.id {
                        content = override.content
                        contentScope = s.outer
                        break
                    }
                    current = s.outer
                }
                if content.nodes.isEmpty { continue }
                let blockIndent = block.indent.isEmpty ? indent : indent + block.indent
                if block.atLineStart && !content.startsWithLine {
                    out.append(blockIndent)
                }
                try render(content.nodes, indent: blockIndent, scope: contentScope)
            }
        }
    }

    private mutating func enter(_ location: TemplateNode.Location) throws(TemplateError) {
        depth += 1
        if depth > TemplateRenderer.maximumDepth {
            throw error(at: location, "partials and parents nested more than \(TemplateRenderer.maximumDepth) deep (endless recursion?)")
        }
    }

    /// Looks a name up: the first part through the context stack (top first), the rest inside it.
    @inline(__always)
    private func lookup(_ name: TemplateNode.Name) -> TemplateValue? {
        if name.isImplicit { return stack.last }
        var i = stack.count - 1
        while i >= 0 {
            if case .object(let dictionary) = stack[i], let found = dictionary[name.first] {
                if name.rest.isEmpty { return found }
                var current = found
                for part in name.rest {
                    guard case .object(let inner) = current, let next = inner[part] else { return nil }
                    current = next
                }
                return current
            }
            i -= 1
        }
        return nil
    }

    @inline(__always)
    private mutating func appendText(_ text: TemplateNode.Text, indent: [UInt8]) {
        if indent.isEmpty || text.indentPoints.isEmpty {
            out.append(text.bytes)
            return
        }
        var last = 0
        for point in text.indentPoints {
            out.append(text.bytes, last..<point)
            out.append(indent)
            last = point
        }
        out.append(text.bytes, last..<text.bytes.count)
    }

    private func unknownName(_ name: TemplateNode.Name, at location: TemplateNode.Location) -> TemplateError {
        error(at: location, "unknown name '\(name.full)'")
    }

    private func error(at location: TemplateNode.Location, _ message: String) -> TemplateError {
        TemplateError(name: templates[location.template].name, line: location.line, column: location.column, message: message)
    }
}
