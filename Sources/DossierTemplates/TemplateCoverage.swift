/// One tag of a parsed template: where it is and what it names. `TemplateLibrary.tags` lists them, so a test can
/// tell which tags renders never reached (see `TemplateCoverage`).
///
/// Comments and set-delimiter tags are not listed: they are gone after parsing. Block tags inside a parent tag
/// (overrides) are not listed either; the tags in their content are.
public struct TemplateTag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// What sort of tag it is.
    public enum Kind: String, Sendable {
        /// `{{x}}`, `{{{x}}}` or `{{&x}}`.
        case variable
        /// `{{#x}}…{{/x}}`.
        case section
        /// `{{^x}}…{{/x}}`.
        case inverted
        /// `{{>x}}`.
        case partial
        /// `{{<x}}…{{/x}}`.
        case parent
        /// `{{$x}}…{{/x}}` outside a parent tag.
        case block
    }

    /// Where a tag starts: the template's name, and the 1-based line and column of its opening delimiter.
    public struct Place: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let template: String
        public let line: Int
        public let column: Int

        /// The place `line`:`column` of `template`.
        public init(template: String, line: Int, column: Int) {
            self.template = template
            self.line = line
            self.column = column
        }

        public static func < (a: Place, b: Place) -> Bool {
            (a.template, a.line, a.column) < (b.template, b.line, b.column)
        }

        /// `template:line:column`.
        public var description: String { "\(template):\(line):\(column)" }
    }

    /// Where the tag is.
    public let place: Place
    /// What sort of tag it is.
    public let kind: Kind
    /// The name as written (trimmed): a variable or section name, a partial, parent or block name.
    public let name: String

    /// A tag at `place`.
    public init(place: Place, kind: Kind, name: String) {
        self.place = place
        self.kind = kind
        self.name = name
    }

    public static func < (a: TemplateTag, b: TemplateTag) -> Bool {
        a.place < b.place
    }

    /// `template:line:column: kind 'name'`, as a compiler places a message.
    public var description: String {
        "\(place): \(kind.rawValue) '\(name)'"
    }
}

/// Which tags renders evaluated, and which sections, inverted sections and blocks ran their body: collected by
/// `TemplateLibrary.render(_:with:strict:coverage:)`, to find template code no content reaches (a misspelt name
/// inside a section that is always empty would otherwise never fail a strict render).
public struct TemplateCoverage: Sendable {
    /// The tags evaluated at least once.
    public private(set) var evaluated: Set<TemplateTag.Place> = []
    /// The sections and inverted sections whose body ran at least once, and the blocks whose default content did.
    public private(set) var entered: Set<TemplateTag.Place> = []

    /// An empty record.
    public init() {}

    /// Whether `tag` was evaluated at least once.
    public func wasEvaluated(_ tag: TemplateTag) -> Bool {
        evaluated.contains(tag.place)
    }

    /// Whether the body of `tag` (a section, inverted section or block) ran at least once.
    public func bodyRan(_ tag: TemplateTag) -> Bool {
        entered.contains(tag.place)
    }

    /// Whether renders reached everything `tag` holds: a section's or inverted section's body ran, any other tag
    /// was evaluated (a block's default content is checked through the tags inside it).
    public func covers(_ tag: TemplateTag) -> Bool {
        switch tag.kind {
        case .section, .inverted: bodyRan(tag)
        case .variable, .partial, .parent, .block: wasEvaluated(tag)
        }
    }

    /// Adds what `other` recorded.
    public mutating func merge(_ other: TemplateCoverage) {
        evaluated.formUnion(other.evaluated)
        entered.formUnion(other.entered)
    }

    /// Adds what one render recorded, naming each template by its index in `names`.
    mutating func add(_ record: TagRecord, names: [String]) {
        func place(_ location: TemplateNode.Location) -> TemplateTag.Place {
            TemplateTag.Place(template: names[location.template], line: location.line, column: location.column)
        }
        evaluated.formUnion(record.evaluatedTags.map(place))
        entered.formUnion(record.enteredBodies.map(place))
    }
}

/// What the renderer tells about the tags it meets. Rendering is generic over it so that the ordinary render, with
/// `NoTagRecorder`, compiles to exactly the code it had without coverage.
protocol TagRecorder {
    /// The tag at `location` is being evaluated.
    mutating func evaluated(_ location: TemplateNode.Location)
    /// The body of the section, inverted section or block at `location` is about to run.
    mutating func entered(_ location: TemplateNode.Location)
}

/// Records nothing: the hot path.
struct NoTagRecorder: TagRecorder {
    @inline(__always) func evaluated(_ location: TemplateNode.Location) {}
    @inline(__always) func entered(_ location: TemplateNode.Location) {}
}

/// Records every tag location met, for `TemplateCoverage`.
struct TagRecord: TagRecorder {
    var evaluatedTags: Set<TemplateNode.Location> = []
    var enteredBodies: Set<TemplateNode.Location> = []

    mutating func evaluated(_ location: TemplateNode.Location) { evaluatedTags.insert(location) }
    mutating func entered(_ location: TemplateNode.Location) { enteredBodies.insert(location) }
}

extension ParsedTemplate {
    /// Every tag of the template, by place (see `TemplateTag`).
    var tags: [TemplateTag] {
        var tags: [TemplateTag] = []
        collectTags(in: nodes, into: &tags)
        return tags.sorted()
    }

    private func collectTags(in list: TemplateNode.List, into tags: inout [TemplateTag]) {
        func add(_ location: TemplateNode.Location, _ kind: TemplateTag.Kind, _ name: String) {
            tags.append(TemplateTag(place: TemplateTag.Place(template: self.name, line: location.line, column: location.column),
                                    kind: kind, name: name))
        }
        for node in list.nodes {
            switch node {
            case .text:
                break
            case .variable(let stored):
                add(stored.payload.location, .variable, stored.payload.name.full)
            case .section(let stored):
                add(stored.payload.location, .section, stored.payload.name.full)
                collectTags(in: stored.payload.body, into: &tags)
            case .inverted(let stored):
                add(stored.payload.location, .inverted, stored.payload.name.full)
                collectTags(in: stored.payload.body, into: &tags)
            case .partial(let partial):
                add(partial.location, .partial, partial.name)
            case .parent(let parent):
                add(parent.location, .parent, parent.name)
                for override in parent.overrides { collectTags(in: override.content.nodes, into: &tags) }
            case .block(let block):
                add(block.location, .block, block.name)
                collectTags(in: block.defaultContent.nodes, into: &tags)
            }
        }
    }
}
