import CCmarkGFM
import Foundation

/// The inline children of one block (paragraph, heading, table cell) or inline container (emphasis, strong,
/// strikethrough) as the tree walk met them. They are scanned as one sequence, so that references may span soft
/// breaks and contain markup. Recording costs a few bytes per inline node, not per character: the characters are
/// made only for a run that may hold a reference, one run at a time (see ``RunCharacters``).
struct InlineRun {
    /// One inline child as the walk met it: a text node (an index into the walk's list of texts), a soft break, or
    /// any other inline node.
    enum Member {
        case text(Int)
        case softBreak(line: Int)
        case atom(OpaquePointer, line: Int)
    }

    /// The parent whose inline children these are.
    let parent: OpaquePointer
    /// The children, in order.
    var nodes: [OpaquePointer] = []
    /// The children as the walk met them.
    var recorded: [Member] = []
    /// Whether the run's text has `[[` or `[@`, without which it holds no reference.
    var mayHaveReference = false
    /// Whether the last child was text ending in `[` (a reference may start across two text nodes).
    var endsWithBracket = false

    init(parent: OpaquePointer) {
        self.parent = parent
    }

    /// Notes a text child's literal, to tell whether the run may hold a reference.
    mutating func note(_ bytes: Span<UInt8>) {
        let length = bytes.count
        guard length > 0 else { return }
        if endsWithBracket, bytes[0] == UInt8(ascii: "[") || bytes[0] == UInt8(ascii: "@") { mayHaveReference = true }
        var i = 0
        while !mayHaveReference, i + 1 < length {
            if bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") || bytes[i + 1] == UInt8(ascii: "@") {
                mayHaveReference = true
            }
            i += 1
        }
        endsWithBracket = bytes[length - 1] == UInt8(ascii: "[")
    }

    /// Notes a child that is not text (a soft break or an atom): no reference starts across it.
    mutating func noteOther() {
        endsWithBracket = false
    }

    /// The index of the run's last text child (a run that may hold a reference has one).
    var lastText: Int? {
        for member in recorded.reversed() {
            if case .text(let t) = member { return t }
        }
        return nil
    }
}

/// A text node of the tree in document order: where cmark-gfm says it starts, and the run it belongs to (none inside
/// links and images).
struct TextNode {
    let node: OpaquePointer
    let line: Int32
    let column: Int32
    let run: Int32

    /// The index of its run, if any.
    var runIndex: Int? { run < 0 ? nil : Int(run) }
}

/// One run's characters as the reference scanner reads them, each with the place the source has it. They take
/// about 48 bytes a character, so they are made for one run, scanned, and dropped before the next: memory follows
/// the longest paragraph that may hold a reference, not the whole body.
struct RunCharacters {
    /// An element's source line and byte offset, and whether it is a soft break.
    struct Place {
        var line: Int
        var offset: Int
        var isBreak: Bool
    }

    /// What the scanner sees.
    var elements: [ReferenceScanner.Element] = []
    /// For each element: where it came from.
    var places: [Place] = []
    /// Atoms, indexed as in `ReferenceScanner.Element.atom`.
    var atoms: [OpaquePointer] = []

    init(capacity: Int) {
        elements.reserveCapacity(capacity)
        places.reserveCapacity(capacity)
    }

    mutating func appendCharacter(_ scalar: Unicode.Scalar, escaped: Bool, isBreak: Bool, line: Int, offset: Int) {
        elements.append(.character(scalar, escaped: escaped))
        places.append(Place(line: line, offset: offset, isBreak: isBreak))
    }

    mutating func appendAtom(_ node: OpaquePointer, line: Int) {
        elements.append(.atom(atoms.count))
        atoms.append(node)
        places.append(Place(line: line, offset: 0, isBreak: false))
    }

    /// The atom node of element `k`, if it is one.
    func atomNode(_ k: Int) -> OpaquePointer? { elements[k].atom.map { atoms[$0] } }

    /// The plain text of atom `k`, which the scanner reads inside labels and quotes.
    func atomText(_ k: Int) -> String { PlainTextRenderer.inlineText(of: atoms[k]) }
}

/// How a run's children are rebuilt once its references are numbered: its text and soft breaks outside references,
/// the inline nodes kept as they are, and a slot for each reference. Made while the run's characters exist, it holds
/// about one byte per character, so the characters can go.
struct RunRewrite {
    enum Piece {
        /// Text as UTF-8.
        case text([CChar])
        case softBreak
        case kept(OpaquePointer)
        /// The reference found `found` (an index into the parse's list of found references).
        case reference(found: Int)
    }

    /// The parent whose inline children these are.
    let parent: OpaquePointer
    /// The children the rewrite replaces.
    let members: [OpaquePointer]
    /// The new children, in order.
    private(set) var pieces: [Piece] = []

    /// The plan for `run`'s characters, whose references `matches` (in order, disjoint) are found references
    /// `firstFound`, `firstFound + 1`, ….
    init(run: InlineRun, characters: RunCharacters, matches: [ReferenceScanner.Match], firstFound: Int) {
        parent = run.parent
        members = run.nodes
        var text: [CChar] = []
        var k = 0
        func flush() {
            guard !text.isEmpty else { return }
            pieces.append(.text(text))
            text = []
        }
        func copy(upTo end: Int) {
            while k < end {
                if let atom = characters.atomNode(k) {
                    flush()
                    pieces.append(.kept(atom))
                } else if characters.places[k].isBreak {
                    flush()
                    pieces.append(.softBreak)
                } else {
                    Self.append(characters.elements[k].scalar, to: &text)
                }
                k += 1
            }
        }
        for (n, match) in matches.enumerated() {
            copy(upTo: match.range.lowerBound)
            flush()
            pieces.append(.reference(found: firstFound + n))
            k = match.range.upperBound
        }
        copy(upTo: characters.elements.count)
        flush()
    }

    /// Whether its references kept their numbers (a run inside a swallowed atom has none and is not rewritten:
    /// the reference that swallowed it frees it).
    func isNumbered(_ numbers: [Int]) -> Bool {
        pieces.contains { piece in
            if case .reference(let found) = piece { return numbers[found] >= 0 }
            return false
        }
    }

    /// Rebuilds the run's children in cmark-gfm's tree: each reference becomes the placeholder token of its number
    /// (`first` plus its entry in `numbers`; inserted as text, so it survives safe-mode rendering and HTML escaping unchanged), text and soft breaks
    /// become new nodes, kept nodes are moved back, and the replaced children are freed.
    func apply(numbers: [Int], from first: Int) {
        let anchor = members.last.flatMap { cmark_node_next($0) }
        for member in members {
            cmark_node_unlink(member)
        }
        var kept = Set<OpaquePointer>()
        var text: [CChar] = []
        func insert(_ node: OpaquePointer) {
            let inserted = anchor.map { cmark_node_insert_before($0, node) } ?? cmark_node_append_child(parent, node)
            guard inserted == 1 else { fatalError("cmark-gfm refused to re-insert an inline node") }
        }
        func insertText() {
            guard !text.isEmpty else { return }
            text.append(0)
            guard let new = cmark_node_new(CMARK_NODE_TEXT) else { fatalError("cmark_node_new failed") }
            _ = cmark_node_set_literal(new, text)
            insert(new)
            text.removeAll(keepingCapacity: true)
        }
        for piece in pieces {
            switch piece {
            case .text(let literal):
                text.append(contentsOf: literal)
            case .reference(let found):
                for scalar in PlaceholderToken.token(first + numbers[found]).unicodeScalars { Self.append(scalar, to: &text) }
            case .softBreak:
                insertText()
                guard let new = cmark_node_new(CMARK_NODE_SOFTBREAK) else { fatalError("cmark_node_new failed") }
                insert(new)
            case .kept(let atom):
                insertText()
                insert(atom)
                kept.insert(atom)
            }
        }
        insertText()
        for member in members where !kept.contains(member) {
            cmark_node_free(member)
        }
    }

    /// Appends a scalar's UTF-8 bytes.
    @inline(__always)
    private static func append(_ scalar: Unicode.Scalar, to text: inout [CChar]) {
        if scalar.isASCII {
            text.append(CChar(bitPattern: UInt8(scalar.value)))
        } else {
            for byte in UTF8.encode(scalar)! { text.append(CChar(bitPattern: byte)) }
        }
    }
}

