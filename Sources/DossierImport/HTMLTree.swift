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

        /// Whether this is a text node.
        public var isText: Bool { name.isEmpty }

        /// The value of the attribute `name` (lowercase), if present.
        public func attribute(_ key: String) -> String? {
            attributes.first { $0.name == key }?.value
        }
    }

    /// All nodes; index 0 is the root element (`html`).
    public var nodes: [Node]

    /// Makes a tree from its nodes (index 0 the root).
    public init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// The root's index.
    public var root: Int { 0 }

    /// The node at `index`.
    public subscript(index: Int) -> Node { nodes[index] }

    /// Every element below `start` (itself included) in document order.
    public func elements(under start: Int = 0) -> [Int] {
        var result: [Int] = []
        var stack = [start]
        while let i = stack.popLast() {
            guard !nodes[i].isText else { continue }
            result.append(i)
            stack.append(contentsOf: nodes[i].children.reversed())
        }
        return result
    }

    /// Every element named `name` below `start`, in document order.
    public func elements(named name: String, under start: Int = 0) -> [Int] {
        elements(under: start).filter { nodes[$0].name == name }
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
        var i = index
        while i >= 0 {
            if i == ancestor { return true }
            i = nodes[i].parent
        }
        return false
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

    /// Folds runs of HTML whitespace to one space and trims both ends.
    static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in s.unicodeScalars {
            if isHTMLSpace(c) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        return String(out)
    }
}
