/// Turns the kept part of a page into article blocks: block elements become paragraphs, headings, lists, quotes,
/// tables and code; inline elements contribute their text; `<br>` ends a paragraph, since pages that separate
/// paragraphs with line breaks mean them as paragraphs.
struct BlockBuilder {
    let tree: HTMLTree
    let dropped: [Bool]
    /// The page's title: a heading repeating it is the headline, not body text.
    let title: String?

    private var inline = ""

    init(tree: HTMLTree, dropped: [Bool], title: String?) {
        self.tree = tree
        self.dropped = dropped
        self.title = title.map { TextFold.collapse($0).lowercased() }
    }

    /// The blocks of `roots`, in order.
    mutating func blocks(of roots: [Int]) -> [ArticleBlock] {
        var out: [ArticleBlock] = []
        for r in roots { walk(r, into: &out) }
        flush(into: &out)
        return out
    }

    private static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "label", "mark", "q",
        "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "del", "ins", "big",
        "nobr", "wbr", "acronym", "ruby", "rb", "rt", "rp",
    ]

    private mutating func flush(into out: inout [ArticleBlock]) {
        // A non-breaking space at a paragraph's edge only pads it (pages use it to keep empty paragraphs open).
        let text = TextFold.collapse(inline).trimmingEdges { $0 == "\u{A0}" || $0 == " " }
        inline = ""
        if !text.isEmpty { out.append(.paragraph(text)) }
    }

    private mutating func walk(_ i: Int, into out: inout [ArticleBlock]) {
        guard !dropped[i] else { return }
        let node = tree[i]
        if node.isText { inline += node.text; return }
        if node.name == "br" { flush(into: &out); return }
        if BlockBuilder.inlineTags.contains(node.name) {
            for c in node.children { walk(c, into: &out) }
            return
        }
        flush(into: &out)
        switch node.name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let text = inlineText(i)
            let level = Int(String(node.name.dropFirst())) ?? 2
            if !text.isEmpty, text.lowercased() != title { out.append(.heading(level: level, text: text)) }
        case "ul", "ol": list(i, ordered: node.name == "ol", into: &out)
        case "blockquote":
            var inner = BlockBuilder(tree: tree, dropped: dropped, title: nil)
            let blocks = inner.blocks(of: node.children)
            if !blocks.isEmpty { out.append(.quote(blocks)) }
        case "pre":
            let text = tree.rawText(i).trimmingTrailingNewlines()
            if !text.isEmpty { out.append(.code(text)) }
        case "table": table(i, into: &out)
        case "hr": break
        default:
            for c in node.children { walk(c, into: &out) }
            flush(into: &out)
        }
    }

    /// The text below `i` with dropped nodes left out, folded.
    private func inlineText(_ i: Int) -> String {
        var s = ""
        func add(_ j: Int) {
            guard !dropped[j] else { return }
            if tree[j].isText { s += tree[j].text } else if tree[j].name == "br" { s += " " } else { tree[j].children.forEach(add) }
        }
        add(i)
        return TextFold.collapse(s)
    }

    private mutating func list(_ i: Int, ordered: Bool, into out: inout [ArticleBlock]) {
        var items: [[ArticleBlock]] = []
        for c in tree[i].children where !dropped[c] && !tree[c].isText {
            var inner = BlockBuilder(tree: tree, dropped: dropped, title: nil)
            let blocks = inner.blocks(of: tree[c].name == "li" ? tree[c].children : [c])
            if !blocks.isEmpty { items.append(blocks) }
        }
        if !items.isEmpty { out.append(.list(ordered: ordered, items: items)) }
    }

    private mutating func table(_ i: Int, into out: inout [ArticleBlock]) {
        let rows = tree.elements(named: "tr", under: i).filter { r in
            !dropped[r] && tree.ancestors(of: r).first { tree[$0].name == "table" } == i
        }
        let layout = tree.elements(under: i).dropFirst().contains {
            ["table", "p", "div", "ul", "ol", "h1", "h2", "h3", "blockquote"].contains(tree[$0].name) && !dropped[$0]
        }
        if layout || rows.isEmpty {
            for c in tree[i].children { walk(c, into: &out) }
            flush(into: &out)
            return
        }
        let cells = rows.map { r in
            tree[r].children.filter { !dropped[$0] && (tree[$0].name == "td" || tree[$0].name == "th") }.map(inlineText)
        }.filter { !$0.allSatisfy(\.isEmpty) }
        if cells.count == 1 || cells.allSatisfy({ $0.count <= 1 }) {
            for row in cells { for c in row where !c.isEmpty { out.append(.paragraph(c)) } }
        } else if !cells.isEmpty {
            out.append(.table(cells))
        }
    }
}

extension String {
    /// The string without leading and trailing characters matching `edge`.
    func trimmingEdges(_ edge: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !edge($0) }), let last = lastIndex(where: { !edge($0) }) else { return "" }
        return String(self[first...last])
    }

    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        while s.first == "\n" || s.first == "\r" { s.removeFirst() }
        return String(s)
    }
}
