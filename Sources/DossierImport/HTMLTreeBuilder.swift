/// Builds an `HTMLTree` from the events of libxml2's HTML parser (element starts and ends, text), in the way
/// libxml2's own tree builder (`xmlSAX2StartElement`, `xmlSAX2Characters`) would link them.
///
/// Building the Swift tree straight from the events, rather than letting libxml2 build its tree and copying that,
/// saves allocating and freeing every C node: that copy and the C tree were about a fifth of an import (perf,
/// `make bench-import`).
/// `LibXMLParser` owns the C side and calls these methods with plain Swift values.
final class HTMLTreeBuilder {
    private var nodes: [HTMLTree.Node] = []
    /// The open elements, innermost last, each with whether its content is kept.
    private var open: [(index: Int, keepsContent: Bool)] = []
    /// Elements that libxml2's tree would not hold under the root, being skipped, with their depth.
    private var skipped = 0
    /// The text node being filled, and its text so far (adjacent text runs are one node, as in libxml2's tree).
    private var pendingText: (index: Int, text: String)?
    /// Whether the document's first top-level node was the root element and no DOCTYPE came: then libxml2's tree
    /// builder puts an element started after the root was closed under the root; otherwise beside it, out of the tree.
    private var rootAdoptsLateElements: Bool?

    init(expectedBytes: Int) {
        nodes.reserveCapacity(expectedBytes / 40)
    }

    /// An element starts; `attributes` are in document order, names as the parser gave them.
    func start(_ name: String, attributes: [(name: String, value: String)]) {
        flushText()
        if skipped > 0 { skipped += 1; return }
        let parent: Int
        if let top = open.last {
            guard top.keepsContent else { skipped = 1; return }
            parent = top.index
        } else if nodes.isEmpty {
            if rootAdoptsLateElements == nil { rootAdoptsLateElements = true }
            parent = -1
        } else if rootAdoptsLateElements == true {
            parent = 0
        } else {
            skipped = 1
            return
        }
        let index = nodes.count
        nodes.append(.init(name: name, attributes: attributes, text: "", parent: parent, children: [], end: index + 1))
        if parent >= 0 { nodes[parent].children.append(index) }
        open.append((index, HTMLTreeBuilder.keepsContent(name, attributes: attributes)))
    }

    /// Whether an element's content is kept: not a style's, nor a script's unless it is JSON-LD metadata.
    private static func keepsContent(_ name: String, attributes: [(name: String, value: String)]) -> Bool {
        if name == "style" { return false }
        if name == "script" {
            return attributes.first { $0.name == "type" }?.value.lowercased().contains("ld+json") ?? false
        }
        return true
    }

    /// The innermost open element ends.
    func end() {
        flushText()
        if skipped > 0 { skipped -= 1; return }
        guard let top = open.popLast() else { return }
        nodes[top.index].end = nodes.count
    }

    /// Whether text at this point of the document is kept (not inside a skipped element or one whose content is
    /// dropped): the parser decodes only text that is.
    var keepsText: Bool {
        skipped == 0 && open.last?.keepsContent == true
    }

    /// A run of decoded text in the innermost open element.
    func text(_ text: String) {
        guard skipped == 0, let top = open.last, top.keepsContent else { return }
        if pendingText != nil {
            // libxml2 passes whole characters, so each run decodes on its own.
            pendingText!.text += text
            return
        }
        let index = nodes.count
        nodes.append(.init(name: "", attributes: [], text: "", parent: top.index, children: [], end: index + 1))
        nodes[top.index].children.append(index)
        pendingText = (index, text)
    }

    /// A node that is not an element nor text (a DOCTYPE, a comment, a processing instruction); `isDoctype` for a
    /// DOCTYPE, which libxml2's tree always puts first in the document.
    func other(isDoctype: Bool) {
        flushText()
        if isDoctype { rootAdoptsLateElements = false }
        if open.isEmpty, nodes.isEmpty, rootAdoptsLateElements == nil { rootAdoptsLateElements = false }
    }

    /// The tree, once the parser is done; nil when no element came.
    func finish() -> HTMLTree? {
        flushText()
        while let top = open.popLast() { nodes[top.index].end = nodes.count }
        guard !nodes.isEmpty else { return nil }
        nodes[0].end = nodes.count
        return HTMLTree(nodes: nodes)
    }

    private func flushText() {
        guard let (index, text) = pendingText else { return }
        nodes[index].text = text
        pendingText = nil
    }
}
