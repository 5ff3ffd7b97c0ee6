/// What renders of every recorder share: block override scopes and the depth limit (a generic type cannot hold
/// static stored properties).
enum TemplateRendering {
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

    /// A value on the context stack: where it is, and, when it is an object, its entries (names are looked up
    /// only in objects).
    ///
    /// Declared here, not in the generic renderer: nested there it was generic too, and where the renderer runs
    /// unspecialised every push and pop of the stack looked up the array's type at run time (callgrind: 3 % of a
    /// clean build's instructions).
    struct ContextFrame {
        let value: ValueRef
        let object: TemplateObject.Frame?

        @inline(__always)
        init(_ value: ValueRef) {
            self.value = value
            if case .object(let object) = value.value { self.object = object.frame } else { self.object = nil }
        }
    }
}

/// Renders parsed templates: walks the node trees once per render, appending into a single byte
/// buffer, with a context stack of values and a chain of block overrides from parent tags.
///
/// Nodes and values are read in place through pointers, never copied: a render is the hottest loop of a build,
/// and copying an enum with a reference inside costs a reference count each way. This is sound because a
/// render changes no value: the root, held by `render(_:root:)` for the whole render, keeps every value it
/// reaches alive and in place; and nodes live in their templates' `NodeStore`s, which the library keeps.
///
/// `Recorder` hears of every tag evaluated and every body run (for `TemplateCoverage`); the ordinary render uses
/// `NoTagRecorder`, whose calls compile to nothing once specialised.
struct TemplateRenderer<Recorder: TagRecorder>: ~Copyable {
    typealias OverrideScope = TemplateRendering.OverrideScope

    let templates: [ParsedTemplate]
    /// Each template's nodes (`templates[i].nodes`), read without a reference count.
    private let bodies: [TemplateNode.List]
    let strict: Bool
    var out: OutputBuffer
    /// Told of every tag evaluated and every body run.
    var recorder: Recorder
    /// The context stack, top last: where each value is stored (see the type's comment) and, for an object, its
    /// entries.
    private var stack: [ContextFrame] = []

    typealias ContextFrame = TemplateRendering.ContextFrame
    private var depth = 0

    init(templates: [ParsedTemplate], bodies: [TemplateNode.List], strict: Bool, capacity: Int, recorder: Recorder) {
        self.templates = templates
        self.bodies = bodies
        self.strict = strict
        self.out = OutputBuffer(capacity: capacity)
        self.recorder = recorder
        stack.reserveCapacity(16)
    }

    /// Renders `nodes` with `root` as the bottom of the context stack.
    mutating func render(_ nodes: TemplateNode.List, root: TemplateValue) throws(TemplateError) {
        try ValueRef.with(root) { (value) throws(TemplateError) in
            stack.append(ContextFrame(value))
            defer { stack.removeLast() }
            try render(nodes, indent: [], scope: nil)
        }
    }

    /// Renders `nodes`, adding `indent` at every indentation point, with `scope` as the block overrides.
    mutating func render(_ list: TemplateNode.List, indent: [UInt8], scope: OverrideScope?) throws(TemplateError) {
        let nodes = list.nodes.inPlace
        for i in 0..<nodes.count {
            try render(nodes[i], indent: indent, scope: scope)
        }
    }

    /// Renders one node (see `render(_:indent:scope:)`).
    @inline(__always)
    private mutating func render(_ node: TemplateNode, indent: [UInt8], scope: OverrideScope?) throws(TemplateError) {
        switch node {
        case .text(let text):
            appendText(text, indent: indent)

        case .variable(let stored):
            try renderVariable(stored)

        case .section(let stored):
            try renderSection(stored, indent: indent, scope: scope)

        case .inverted(let stored):
            recorder.evaluated(stored.payload.location)
            let value = lookup(stored.payload.name)
            if value == nil && strict { throw unknownName(stored.payload.name, at: stored.payload.location) }
            if !(value?.value.isTruthy ?? false) {
                recorder.entered(stored.payload.location)
                try render(stored.payload.body, indent: indent, scope: scope)
            }

        case .partial(let partial):
            recorder.evaluated(partial.location)
            guard let target = partial.target else {
                if strict { throw error(at: partial.location, "unknown partial '\(partial.name)'") }
                return
            }
            try include(target, at: partial.location, indent: partial.indent.map { indent + $0 } ?? [], scope: scope)

        case .parent(let parent):
            recorder.evaluated(parent.location)
            guard let target = parent.target else {
                if strict { throw error(at: parent.location, "unknown parent template '\(parent.name)'") }
                return
            }
            let childScope = parent.overrides.isEmpty
                ? scope : OverrideScope(overrides: parent.overrides, outer: scope)
            try include(target, at: parent.location, indent: parent.indent.map { indent + $0 } ?? [], scope: childScope)

        case .block(let block):
            try renderBlock(block, indent: indent, scope: scope)
        }
    }

    /// Renders `{{name}}` or `{{{name}}}`: the value's text, escaped unless the tag says not to.
    @inline(__always)
    private mutating func renderVariable(_ stored: TemplateNode.Stored<TemplateNode.Variable>) throws(TemplateError) {
        recorder.evaluated(stored.payload.location)
        guard let value = lookup(stored.payload.name) else {
            if strict { throw unknownName(stored.payload.name, at: stored.payload.location) }
            return
        }
        switch value.value {
        case .string(let s):
            if stored.payload.escaped { out.appendEscaped(s) } else { out.append(s) }
        case .html(let s):
            out.append(s)
        case .number(let d):
            out.append(TemplateValue.format(number: d))
        case .bool(let b):
            out.append(b ? "true" : "false")
        case .null:
            break
        case .list:
            if strict { throw error(at: stored.payload.location, "cannot interpolate '\(stored.payload.name.full)': it is a list (use a section)") }
        case .object:
            if strict { throw error(at: stored.payload.location, "cannot interpolate '\(stored.payload.name.full)': it is an object (use a section or a dotted name)") }
        }
    }

    /// Renders `{{#name}}…{{/name}}`: once per item of a list, or once with a truthy value on the context stack.
    @inline(__always)
    private mutating func renderSection(_ stored: TemplateNode.Stored<TemplateNode.Section>, indent: [UInt8],
                                        scope: OverrideScope?) throws(TemplateError) {
        recorder.evaluated(stored.payload.location)
        guard let value = lookup(stored.payload.name) else {
            if strict { throw unknownName(stored.payload.name, at: stored.payload.location) }
            return
        }
        if case .list(let items) = value.value {
            if !items.isEmpty { recorder.entered(stored.payload.location) }
            try ValueRef.forEach(in: items) { (item) throws(TemplateError) in
                stack.append(ContextFrame(item))
                try render(stored.payload.body, indent: indent, scope: scope)
                stack.removeLast()
            }
        } else if value.value.isTruthy {
            recorder.entered(stored.payload.location)
            stack.append(ContextFrame(value))
            try render(stored.payload.body, indent: indent, scope: scope)
            stack.removeLast()
        }
    }

    /// Renders `{{$block}}`: the outermost override of it wins (top-level substitutions take precedence), and an
    /// override renders under the overrides that were in force where its parent tag was.
    @inline(__always)
    private mutating func renderBlock(_ block: TemplateNode.Block, indent: [UInt8], scope: OverrideScope?) throws(TemplateError) {
        recorder.evaluated(block.location)
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
        if content.nodes.nodes.isEmpty { return }
        if content === block.defaultContent { recorder.entered(block.location) }
        let blockIndent = block.indent.isEmpty ? indent : indent + block.indent
        if block.atLineStart && !content.startsWithLine {
            out.append(blockIndent)
        }
        try render(content.nodes, indent: blockIndent, scope: contentScope)
    }

    /// Renders the template at `target` for a partial or parent tag at `location`, one level deeper.
    private mutating func include(_ target: Int, at location: TemplateNode.Location, indent: [UInt8],
                                  scope: OverrideScope?) throws(TemplateError) {
        depth += 1
        defer { depth -= 1 }
        if depth > TemplateRendering.maximumDepth {
            throw error(at: location, "partials and parents nested more than \(TemplateRendering.maximumDepth) deep (endless recursion?)")
        }
        try render(bodies[target], indent: indent, scope: scope)
    }

    /// Where the value of a name is: the first part looked up through the context stack (top first), the rest
    /// inside it.
    @inline(__always)
    private func lookup(_ name: borrowing TemplateNode.Name) -> ValueRef? {
        if name.isImplicit { return stack.last?.value }
        var found: ValueRef?
        var i = stack.count - 1
        while i >= 0 {
            if let object = stack[i].object, let value = object.address(of: name.first) {
                found = value
                break
            }
            i -= 1
        }
        guard var current = found, !name.rest.isEmpty else { return found }
        for part in name.rest {
            guard case .object(let inner) = current.value, let next = inner.frame.address(of: part) else { return nil }
            current = next
        }
        return current
    }

    @inline(__always)
    private mutating func appendText(_ text: TemplateNode.Text, indent: [UInt8]) {
        let bytes = text.bytes.inPlace
        if indent.isEmpty || text.indentPoints.isEmpty {
            bytes.append(0..<bytes.count, to: &out)
            return
        }
        var last = 0
        for point in text.indentPoints {
            bytes.append(last..<point, to: &out)
            out.append(indent)
            last = point
        }
        bytes.append(last..<bytes.count, to: &out)
    }

    private func unknownName(_ name: TemplateNode.Name, at location: TemplateNode.Location) -> TemplateError {
        error(at: location, "unknown name '\(name.full)'")
    }

    private func error(at location: TemplateNode.Location, _ message: String) -> TemplateError {
        TemplateError(name: templates[location.template].name, line: location.line, column: location.column, message: message)
    }
}
