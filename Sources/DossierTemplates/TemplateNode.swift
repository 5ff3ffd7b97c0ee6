import Synchronization

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
    struct Location: Hashable, Sendable {
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
    struct Text: Sendable {
        let bytes: Unretained<UInt8>
        let indentPoints: Unretained<Int>
    }

    /// An interpolation tag.
    struct Variable: Sendable {
        let name: Name
        let escaped: Bool
        let location: Location
    }

    /// A list of nodes kept in a `NodeStore`: a template's body, a section's or a block's content.
    struct List: Sendable {
        let nodes: Unretained<TemplateNode>
    }

    /// A payload kept in a `NodeStore`, read in place through `payload`.
    struct Stored<Payload: Sendable>: Sendable {
        let nodes: Unretained<Payload>
        /// The payload, read in place.
        @inline(__always)
        var payload: Payload { _read { yield nodes.payload } }
    }

    /// A section or inverted section with its body.
    struct Section: Sendable {
        let name: Name
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
        let location: Location

        init(id: Int, name: String, defaultContent: BlockContent, atLineStart: Bool, indent: [UInt8], location: Location) {
            self.id = id
            self.name = name
            self.defaultContent = defaultContent
            self.atLineStart = atLineStart
            self.indent = indent
            self.location = location
        }
    }
}

/// Owns the memory of one template's node lists, text, variable and section nodes (see `TemplateNode`), from
/// parsing until the parsed template goes: each piece is a `PinnedArray` that the nodes hold `Unretained`.
final class NodeStore: Sendable {
    /// Every piece of memory handed out, kept alive here.
    private let arrays = Mutex<[any AnyObject & Sendable]>([])

    /// An empty list, for a parser that has not finished.
    static let emptyList = TemplateNode.List(nodes: Unretained(empty))
    private static let empty = PinnedArray<TemplateNode>(minimumCapacity: 0)

    /// A copy of `elements` kept here.
    private func keep<Element: Sendable>(_ elements: [Element]) -> Unretained<Element> {
        let array = PinnedArray(elements)
        arrays.withLock { $0.append(array) }
        return Unretained(array)
    }

    /// `nodes`, kept here.
    func list(_ nodes: [TemplateNode]) -> TemplateNode.List {
        TemplateNode.List(nodes: keep(nodes))
    }

    /// A text node with copies of `bytes` and `indentPoints`.
    func text(_ bytes: [UInt8], indentPoints: [Int]) -> TemplateNode.Text {
        TemplateNode.Text(bytes: keep(bytes), indentPoints: keep(indentPoints))
    }

    /// `payload`, kept here.
    func store<Payload: Sendable>(_ payload: Payload) -> TemplateNode.Stored<Payload> {
        TemplateNode.Stored(nodes: keep([payload]))
    }
}
