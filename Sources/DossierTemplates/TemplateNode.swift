/// One node of a parsed template tree; the renderer walks these, so everything a render needs
/// (split dotted names, resolved partial indices, indentation points) is computed at parse time.
///
/// Text, variables and sections, the nodes a render meets most, live in memory their template's `NodeStore`
/// owns and are reached through pointers, so walking them takes no reference count; other payloads are final
/// classes.
enum TemplateNode: Sendable {
    /// Literal template text.
    case text(Text)
    /// `{{x}}`, `{{{x}}}` or `{{&x}}`.
    case variable(Stored<Variable>)
    /// `{{#x}}…{{/x}}`.
    case section(Stored<Section>)
    /// `{{^x}}…{{/x}}`.
    case inverted(Stored<Section>)
    /// `{{>x}}`.
    case partial(Partial)
    /// `{{<x}}…{{/x}}` with its `{{$block}}` arguments.
    case parent(Parent)
    /// `{{$x}}…{{/x}}` outside a parent tag: a place a parent's caller can override.
    case block(Block)

    /// Where a tag is, for error messages: the template's index in the library, line and column.
    struct Location: Sendable {
        let template: Int
        let line: Int
        let column: Int
    }

    /// A tag's name, split once: the implicit iterator `.` or a dotted path `a.b.c`.
    struct Name: Sendable {
        /// The name as written (trimmed), for error messages.
        let full: String
        /// The first part, looked up through the context stack (empty for `.`).
        let first: TemplateKey
        /// The remaining parts, each looked up in the previous part's value.
        let rest: [TemplateKey]
        /// Whether this is `.`, the top of the context stack.
        let isImplicit: Bool
    }

    /// Literal bytes plus the offsets at which indentation is inserted when the text is rendered
    /// inside an indented standalone partial or parent, or a re-indented block.
    struct Text: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let indentPoints: UnsafeBufferPointer<Int>
    }

    /// An interpolation tag.
    struct Variable: Sendable {
        let name: Stored<Name>
        let escaped: Bool
        let location: Location
    }

    /// A list of nodes kept in a `NodeStore`: a template's body, a section's or a block's content.
    struct List: @unchecked Sendable {
        let nodes: UnsafeBufferPointer<TemplateNode>
    }

    /// A payload kept in a `NodeStore`, read in place through `pointer`.
    struct Stored<Payload>: @unchecked Sendable {
        let pointer: UnsafePointer<Payload>
    }

    /// A section or inverted section with its body.
    struct Section: Sendable {
        let name: Stored<Name>
        let body: List
        let location: Location
    }

    /// A partial tag; `target` is the partial's index in the library (nil when it is missing) and
    /// `indent` its standalone indentation (nil when the tag is inline, which adds no indentation).
    final class Partial: Sendable {
        let name: String
        let target: Int?
        let indent: [UInt8]?
        let location: Location

        init(name: String, target: Int?, indent: [UInt8]?, location: Location) {
            self.name = name
            self.target = target
            self.indent = indent
            self.location = location
        }
    }

    /// A parent tag: like a partial, plus the block contents it passes to the parent template.
    final class Parent: Sendable {
        let name: String
        let target: Int?
        let indent: [UInt8]?
        let overrides: [Override]
        let location: Location

        init(name: String, target: Int?, indent: [UInt8]?, overrides: [Override], location: Location) {
            self.name = name
            self.target = target
            self.indent = indent
            self.overrides = overrides
            self.location = location
        }
    }

    /// A block argument given inside a parent tag; `id` is the block name interned in the library.
    struct Override: Sendable {
        let id: Int
        let content: BlockContent
    }

    /// The content of a block (default or override), with its own indentation removed at parse time.
    /// `startsWithLine` tells whether the content begins at the start of a source line (its opening
    /// tag was followed by a newline), in which case its first line carries its own indentation point.
    final class BlockContent: Sendable {
        let nodes: List
        let startsWithLine: Bool

        init(nodes: List, startsWithLine: Bool) {
            self.nodes = nodes
            self.startsWithLine = startsWithLine
        }
    }

    /// A block in a template body: renders the caller's override if there is one, else its default.
    /// `atLineStart` tells whether only whitespace precedes the tag on its line; `indent` is the
    /// block's indentation relative to the enclosing block, added to every line of what it renders.
    final class Block: Sendable {
        let id: Int
        let name: String
        let defaultContent: BlockContent
        let atLineStart: Bool
        let indent: [UInt8]

        init(id: Int, name: String, defaultContent: BlockContent, atLineStart: Bool, indent: [UInt8]) {
            self.id = id
            self.name = name
            self.defaultContent = defaultContent
            self.atLineStart = atLineStart
            self.indent = indent
        }
    }
}

/// Owns the memory of one template's node lists, text, variable and section nodes and their tag names (see
/// `TemplateNode`), from parsing until the parsed template goes.
///
/// `@unchecked Sendable`: it is only changed while its template is parsed, on one thread, and only read after.
final class NodeStore: @unchecked Sendable {
    private var byteBuffers: [UnsafeMutableBufferPointer<UInt8>] = []
    private var pointBuffers: [UnsafeMutableBufferPointer<Int>] = []
    private var payloads: [(pointer: UnsafeMutableRawPointer, release: (UnsafeMutableRawPointer) -> Void)] = []
    private var lists: [UnsafeMutableBufferPointer<TemplateNode>] = []

    /// `nodes`, kept here.
    func list(_ nodes: [TemplateNode]) -> TemplateNode.List {
        let buffer = UnsafeMutableBufferPointer<TemplateNode>.allocate(capacity: nodes.count)
        _ = buffer.initialize(from: nodes)
        lists.append(buffer)
        return TemplateNode.List(nodes: UnsafeBufferPointer(buffer))
    }

    /// A text node with copies of `bytes` and `indentPoints`.
    func text(_ bytes: [UInt8], indentPoints: [Int]) -> TemplateNode.Text {
        let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = b.initialize(from: bytes)
        byteBuffers.append(b)
        let p = UnsafeMutableBufferPointer<Int>.allocate(capacity: indentPoints.count)
        _ = p.initialize(from: indentPoints)
        pointBuffers.append(p)
        return TemplateNode.Text(bytes: UnsafeBufferPointer(b), indentPoints: UnsafeBufferPointer(p))
    }

    /// `payload`, kept here.
    func store<Payload>(_ payload: Payload) -> TemplateNode.Stored<Payload> {
        let pointer = UnsafeMutablePointer<Payload>.allocate(capacity: 1)
        pointer.initialize(to: payload)
        payloads.append((UnsafeMutableRawPointer(pointer), { raw in
            let typed = raw.assumingMemoryBound(to: Payload.self)
            typed.deinitialize(count: 1)
            typed.deallocate()
        }))
        return TemplateNode.Stored(pointer: pointer)
    }

    deinit {
        for b in byteBuffers { b.deallocate() }
        for p in pointBuffers { p.deallocate() }
        for payload in payloads { payload.release(payload.pointer) }
        for list in lists {
            list.deinitialize()
            list.deallocate()
        }
    }
}
