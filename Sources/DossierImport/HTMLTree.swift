/// A parsed HTML page as plain Swift values: every element and text node in document order, linked by index.
///
/// The extractor, the metadata reader and the Markdown writer work on this tree rather than on libxml2's, so all
/// pointer code stays inside `LibXMLParser` and the tree is a `Sendable` value that outlives the C document.
public struct HTMLTree: Sendable {
    /// One node: an element (lowercased `name`, attributes, children) or a run of text (`text`).
    public struct Node: Sendable {
        /// The lowercased tag name, or `""` for a text node.
        public var name: String
        /// Attributes in document order, names lowercased.
        public var attributes: [(name: String, value: String)]
        /// The decoded text of a text node; empty for elements.
        public var text: String
        /// The parent's index, or -1 for the root.
        public var parent: Int
        /// The children's indices, in document order.
        public var children: [Int]
        /// One past the last index of this node's subtree: nodes are stored in document order, so the subtree of
        /// node `i` is exactly `i..<end`.
        public var end: Int

        /// Whether this is a text node.
        public var isText: Bool { name.isEmpty }

        /// The value of the attribute `name` (lowercase), if present.
        public func attribute(_ key: String) -> String? {
            attributes.first { $0.name == key }?.value
        }
    }

    /// All nodes, in document order; index 0 is the root element (`html`).
    public let nodes: [Node]

    /// Makes a tree from its nodes, in document order with each node's `end` set (index 0 the root).
    public init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// The root's index.
    public var root: Int { 0 }

    /// The node at `index`, lent rather than copied: `tree[i].name` reads one field without retaining the others.
    public subscript(index: Int) -> Node {
        _read { yield nodes[index] }
    }

    /// Every element below `start` (itself included) in document order.
    public func elements(under start: Int = 0) -> [Int] {
        (start..<nodes[start].end).filter { !nodes[$0].isText }
    }

    /// Every element named `name` below `start`, in document order. A scan is cheaper than an index: tag names
    /// are short strings, compared as two machine words, and each page asks for only a few names.
    public func elements(named name: String, under start: Int = 0) -> [Int] {
        (start..<nodes[start].end).filter { nodes[$0].name == name }
    }

    /// The first element named `name` in document order, if any.
    public func firstElement(named name: String) -> Int? {
        nodes.indices.first { nodes[$0].name == name }
    }

    /// The text below `index`, concatenated as it stands (no whitespace folding).
    public func rawText(_ index: Int) -> String {
        var out = ""
        appendText(index, to: &out)
        return out
    }

    private func appendText(_ index: Int, to out: inout String) {
        let node = nodes[index]
        if node.isText { out += node.text; return }
        for c in node.children { appendText(c, to: &out) }
    }

    /// The text below `index` with whitespace runs folded to one space and trimmed (NBSP is kept: it is text).
    public func text(_ index: Int) -> String {
        TextFold.collapse(rawText(index))
    }

    /// Whether `ancestor` is `index` or one of its ancestors.
    public func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        ancestor <= index && index < nodes[ancestor].end
    }

    /// The ancestors of `index`, nearest first.
    public func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var i = nodes[index].parent
        while i >= 0 {
            result.append(i)
            i = nodes[i].parent
        }
        return result
    }
}

/// Whitespace folding that keeps non-breaking spaces and other meaningful characters exactly as they are.
enum TextFold {
    /// Whether `c` is HTML whitespace (space, tab, newlines, form feed): the characters a browser folds.
    static func isHTMLSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }

    /// Folds runs of HTML whitespace to one space and trims both ends. HTML whitespace is ASCII, so the fold works
    /// on UTF-8 bytes and never splits or changes any other character.
    static func collapse(_ s: String) -> String {
        if isCollapsed(s) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length in Unicode scalars of `collapse(s)`, counted without making it: the extractor measures every
    /// run of text of a page this way.
    static func collapsedLength(_ s: String) -> Int {
        var count = 0
        var pendingSpace = false
        // On UTF-8 bytes: a scalar is counted at its first byte (continuation bytes are 10xxxxxx).
        for b in s.utf8 where b & 0xC0 != 0x80 {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = count > 0
            default:
                count += pendingSpace ? 2 : 1
                pendingSpace = false
            }
        }
        return count
    }

    /// Whether `s` is already as `collapse` would make it (most runs of text are): no whitespace but single
    /// spaces between words.
    private static func isCollapsed(_ s: String) -> Bool {
        var previousSpace = true
        for b in s.utf8 {
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else if b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                return false
            } else {
                previousSpace = false
            }
        }
        return !previousSpace || s.isEmpty
    }
}
