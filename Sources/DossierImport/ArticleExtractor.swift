import Foundation

/// Finds the article in a page and returns it as blocks, in the manner of Readability: furniture is dropped by
/// tag, role, visibility and class words; paragraphs score their ancestors; the best-scoring container and its
/// like-scoring siblings are the article, cleaned of link lists and other leftovers.
struct ArticleExtractor {
    let tree: HTMLTree
    /// The page's title, so a heading repeating it is not kept as body text.
    let title: String?

    /// Per-node facts computed once.
    private var dropped: [Bool]
    private var textLength: [Int]
    private var linkLength: [Int]
    /// The commas in each node's text, dropped parts included.
    private let commas: [Int]
    /// The Unicode scalars in each node's text, dropped parts and all whitespace included: an upper bound of the
    /// length of its folded text, so short elements are passed over without making their text.
    private let scalars: [Int]

    init(tree: HTMLTree, title: String?) {
        self.tree = tree
        self.title = title
        let count = tree.nodes.count
        dropped = Array(repeating: false, count: count)
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        (commas, scalars) = ArticleExtractor.textCounts(tree)
    }

    /// The commas and the Unicode scalars in the text of every node, counted bottom-up in one pass.
    private static func textCounts(_ tree: HTMLTree) -> (commas: [Int], scalars: [Int]) {
        var commas = Array(repeating: 0, count: tree.nodes.count)
        var scalars = commas
        for i in stride(from: tree.nodes.count - 1, through: 0, by: -1) {
            if tree[i].isText {
                var text = tree[i].text
                (commas[i], scalars[i]) = text.withUTF8 { bytes in
                    bytes.reduce(into: (0, 0)) { counts, b in
                        if b == UInt8(ascii: ",") { counts.0 += 1 }
                        if b & 0xC0 != 0x80 { counts.1 += 1 }
                    }
                }
            } else {
                for c in tree[i].children {
                    commas[i] += commas[c]
                    scalars[i] += scalars[c]
                }
            }
        }
        return (commas, scalars)
    }

    /// The article's blocks, or an empty list when the page has none.
    mutating func extract() -> [ArticleBlock] {
        markFurniture(strict: true)
        measure()
        var blocks = article()
        if blocks.plainText.count < 250 {
            // Like Readability's retry: a short result may mean the class words removed the article itself.
            dropped = Array(repeating: false, count: tree.nodes.count)
            markFurniture(strict: false)
            measure()
            let retry = article()
            // Only a much longer text is the article the strict pass missed; a little more is furniture let back in.
            if retry.plainText.count > 2 * blocks.plainText.count { blocks = retry }
        }
        return blocks
    }

    /// The words in the page's largest paragraph, furniture included (for the "no article found" message).
    mutating func largestBlockWords() -> Int {
        dropped = tree.nodes.map { Boilerplate.droppedTags.contains($0.name) && $0.name != "nav" && $0.name != "footer" && $0.name != "aside" }
        var builder = BlockBuilder(tree: tree, dropped: dropped, title: nil)
        let blocks = builder.blocks(of: [tree.root])
        return blocks.flatMap(\.paragraphs).map(HTMLExtraction.wordCount).max() ?? 0
    }

    private mutating func article() -> [ArticleBlock] {
        guard let body = tree.firstElement(named: "body") ?? Optional(tree.root) else { return [] }
        let scores = scoreParagraphs(under: body)
        guard let top = topCandidate(scores, body: body) else { return [] }
        let parts = withSiblings(top, scores: scores, body: body)
        for part in parts { cleanConditionally(part, scores: scores) }
        var builder = BlockBuilder(tree: tree, dropped: dropped, title: title)
        return builder.blocks(of: parts)
    }

    // MARK: furniture

    /// The lowercased class and id of `i`, joined by a space.
    private func classAndID(_ i: Int) -> String {
        let n = tree[i]
        return ((n.attribute("class") ?? "") + " " + (n.attribute("id") ?? "")).lowercased()
    }

    /// Marks nodes that are never article text; with `strict`, also those whose class or id names furniture.
    private mutating func markFurniture(strict: Bool) {
        var stack = [(tree.root, false)]
        while let (i, insideTable) = stack.popLast() {
            let node = tree[i]
            guard !node.isText else { continue }
            if isFurniture(i, strict: strict, insideTable: insideTable) {
                dropped[i] = true
                continue
            }
            let table = insideTable || node.name == "table" || node.name == "pre" || node.name == "code"
            for c in node.children { stack.append((c, table)) }
        }
    }

    private func isFurniture(_ i: Int, strict: Bool, insideTable: Bool) -> Bool {
        let node = tree[i]
        if Boilerplate.droppedTags.contains(node.name) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        if let style = node.attribute("style"),
           Boilerplate.hiddenStyles.matches(style.lowercased().utf8.filter { $0 != UInt8(ascii: " ") }) { return true }
        if let role = node.attribute("role")?.lowercased(), Boilerplate.droppedRoles.contains(role) { return true }
        // Images are not kept, so neither are their captions and credits: without the picture they are not text.
        if node.name == "figcaption" { return true }
        if node.name == "figure" { return !hasParagraphs(i) }
        guard strict, !insideTable, !["html", "body", "article", "main", "a"].contains(node.name) else { return false }
        if node.name == "header" && !hasParagraphs(i) { return true }
        return ArticleExtractor.namesFurniture(classAndID(i))
    }

    /// Whether class and id words name furniture: an advertising token, or an unlikely word without a "maybe" one.
    static func namesFurniture(_ words: String) -> Bool {
        if words == " " { return false }
        if Boilerplate.hasAdToken(words) { return true }
        let bytes = Array(words.utf8)
        return Boilerplate.unlikelyWords.matches(bytes) && !Boilerplate.maybeWords.matches(bytes)
    }

    private func hasParagraphs(_ i: Int) -> Bool {
        tree.elements(under: i).contains { tree[$0].name == "p" && tree.text($0).count > 80 }
    }

    /// Text and link-text lengths of every kept node, bottom-up.
    private mutating func measure() {
        for i in stride(from: tree.nodes.count - 1, through: 0, by: -1) {
            let node = tree[i]
            if dropped[i] { textLength[i] = 0; linkLength[i] = 0; continue }
            if node.isText {
                textLength[i] = TextFold.collapsedLength(node.text)
                continue
            }
            var t = 0, l = 0
            for c in node.children where !dropped[c] {
                t += textLength[c]
                l += linkLength[c]
            }
            textLength[i] = t
            linkLength[i] = node.name == "a" ? t : l
        }
    }

    private func linkDensity(_ i: Int) -> Double {
        textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
    }

    // MARK: scoring

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    ]

    /// Whether `i` is paragraph-like: a `p`, `pre` or `td`, or a `div`/`section` holding only inline content.
    private func isParagraph(_ i: Int) -> Bool {
        let node = tree[i]
        switch node.name {
        case "p", "pre", "td", "blockquote": return true
        case "div", "section", "article", "span", "font", "li", "dd":
            return !node.children.contains { !dropped[$0] && ArticleExtractor.blockTags.contains(tree[$0].name) }
                && textLength[i] > 0 && node.name != "span"
        default: return false
        }
    }

    private func classWeight(_ i: Int) -> Double {
        var w = 0.0
        for value in [tree[i].attribute("class"), tree[i].attribute("id")] {
            guard let v = value?.lowercased(), !v.isEmpty else { continue }
            let bytes = Array(v.utf8)
            if Boilerplate.negativeWords.matches(bytes) { w -= 25 }
            if Boilerplate.positiveWords.matches(bytes) { w += 25 }
        }
        if tree[i].attribute("itemprop")?.lowercased().contains("articlebody") == true { w += 50 }
        return w
    }

    private func baseScore(_ i: Int) -> Double {
        let tagScore: Double
        switch tree[i].name {
        case "div", "article", "main": tagScore = 5
        case "pre", "td", "blockquote": tagScore = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": tagScore = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": tagScore = -5
        default: tagScore = 0
        }
        return tagScore + classWeight(i)
    }

    private func scoreParagraphs(under body: Int) -> [Int: Double] {
        var scores: [Int: Double] = [:]
        let inDropped = droppedWithAncestors()
        for p in tree.elements(under: body) where scalars[p] >= 25 && !inDropped[p] && isParagraph(p) {
            let text = tree.text(p)
            let length = text.count
            guard length >= 25 else { continue }
            let commas = text.unicodeScalars.filter { $0 == "," || $0 == "，" || $0 == "、" || $0 == "،" }.count
            let score = 1 + Double(commas) + min(Double(length / 100), 3)
            var level = 0
            var a = tree[p].parent
            while a >= 0, level < 5 {
                if scores[a] == nil { scores[a] = baseScore(a) }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level * 3))
                scores[a]! += score / divider
                if a == body { break }
                a = tree[a].parent
                level += 1
            }
        }
        return scores
    }

    /// For every node, whether it or one of its ancestors is dropped: `isDropped` for all nodes in one pass
    /// (parents come before their children).
    private func droppedWithAncestors() -> [Bool] {
        var result = dropped
        for i in result.indices where !result[i] {
            let parent = tree[i].parent
            if parent >= 0, result[parent] { result[i] = true }
        }
        return result
    }

    /// Whether `i` or one of its ancestors was dropped.
    private func isDropped(_ i: Int) -> Bool {
        var a = i
        while a >= 0 {
            if dropped[a] { return true }
            a = tree[a].parent
        }
        return false
    }

    private func topCandidate(_ scores: [Int: Double], body: Int) -> Int? {
        let ranked = scores.map { ($0.key, $0.value * (1 - linkDensity($0.key))) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        guard var (top, topScore) = ranked.first else { return nil }
        // Several near-best candidates under one ancestor: the article is that ancestor.
        let close = ranked.dropFirst().prefix(4).filter { $0.1 >= topScore * 0.75 }.map(\.0)
        if close.count >= 3 {
            for a in tree.ancestors(of: top) where a != body {
                if close.filter({ tree.isAncestor(a, of: $0) }).count >= 3 { top = a; break }
                if a == body { break }
            }
        }
        var last = topScore
        var parent = tree[top].parent
        while parent >= 0, parent != body {
            guard let s = scores[parent] else { parent = tree[parent].parent; continue }
            let ps = s * (1 - linkDensity(parent))
            if ps < topScore / 3 { break }
            if ps > last { top = parent; break }
            last = ps
            parent = tree[parent].parent
        }
        while tree[top].parent >= 0, tree[top].parent != body,
              tree[tree[top].parent].children.filter({ !dropped[$0] && !tree[$0].isText }).count == 1 {
            top = tree[top].parent
        }
        topScore = (scores[top] ?? topScore) * (1 - linkDensity(top))
        return top
    }

    private func withSiblings(_ top: Int, scores: [Int: Double], body: Int) -> [Int] {
        let parent = tree[top].parent
        guard parent >= 0, top != body else { return [top] }
        let topScore = (scores[top] ?? 0) * (1 - linkDensity(top))
        let threshold = max(10, topScore * 0.2)
        let topClass = tree[top].attribute("class") ?? ""
        var parts: [Int] = []
        for s in tree[parent].children where !dropped[s] {
            if s == top { parts.append(s); continue }
            let node = tree[s]
            guard !node.isText else { continue }
            var bonus = 0.0
            if !topClass.isEmpty, node.attribute("class") == topClass { bonus = topScore * 0.2 }
            if let score = scores[s], score * (1 - linkDensity(s)) + bonus >= threshold {
                parts.append(s)
            } else if node.name == "p" || isParagraph(s) {
                let length = textLength[s], density = linkDensity(s)
                let text = tree.text(s)
                if length > 80 && density < 0.25 { parts.append(s) }
                else if length > 0, length <= 80, density == 0, text.hasSuffix(".") || text.contains(". ") { parts.append(s) }
            }
        }
        return parts
    }

    // MARK: cleaning

    /// Drops, inside the article, containers that look like link lists, forms or image galleries.
    private mutating func cleanConditionally(_ root: Int, scores: [Int: Double]) {
        for i in tree.elements(under: root).reversed() where i != root && !dropped[i] {
            let name = tree[i].name
            if ["h1", "h2", "h3", "h4", "h5", "h6"].contains(name) {
                if classWeight(i) < 0 || (textLength[i] > 0 && linkDensity(i) > 0.5) { drop(i) }
                continue
            }
            if name == "p" || name == "li" || name == "dd" {
                // A short paragraph that is all link is a pointer elsewhere ("Read more", related stories), not text.
                if textLength[i] > 0, textLength[i] < 200, linkDensity(i) > 0.8 { drop(i) }
                continue
            }
            guard ["form", "fieldset", "table", "ul", "ol", "div", "section", "dl"].contains(name) else { continue }
            if shouldRemove(i, scores: scores) { drop(i) }
        }
    }

    private mutating func drop(_ i: Int) {
        dropped[i] = true
        var a = tree[i].parent
        let (t, l) = (textLength[i], linkLength[i])
        while a >= 0 {
            textLength[a] -= t
            linkLength[a] -= l
            a = tree[a].parent
        }
    }

    private func shouldRemove(_ i: Int, scores: [Int: Double]) -> Bool {
        let weight = classWeight(i)
        if weight + (scores[i] ?? 0) < 0 { return true }
        if commas[i] >= 10 { return false }
        var (paragraphs, items, fields) = (0, 0, 0)
        for j in i..<tree[i].end {
            switch tree[j].name {
            case "p": if !isDropped(j) { paragraphs += 1 }
            case "li": if !isDropped(j) { items += 1 }
            case "input": if !isDropped(j) { fields += 1 }
            default: continue
            }
        }
        let p = Double(paragraphs), li = Double(items - 100), inputs = Double(fields)
        let name = tree[i].name
        let isList = name == "ul" || name == "ol"
        if name == "table" && isDataTable(i) { return false }
        let density = linkDensity(i)
        let length = textLength[i]
        if !isList && li > p { return true }
        if inputs > (p / 3).rounded(.down) { return true }
        if !isList && length < 25 && !tree.ancestors(of: i).contains(where: { tree[$0].name == "figure" }) { return true }
        if !isList && weight < 25 && density > 0.2 { return true }
        if weight >= 25 && density > 0.5 { return true }
        if isList && density > 0.5 { return true }
        return false
    }

    /// Whether a table holds data (headers, a caption, several rows and columns) rather than laying out the page.
    func isDataTable(_ i: Int) -> Bool {
        let inner = tree.elements(under: i)
        if inner.dropFirst().contains(where: { tree[$0].name == "table" }) { return false }
        if inner.contains(where: { ["th", "caption", "thead"].contains(tree[$0].name) }) { return true }
        let rows = inner.filter { tree[$0].name == "tr" }
        let columns = rows.map { r in tree[r].children.filter { tree[$0].name == "td" }.count }.max() ?? 0
        return rows.count >= 2 && columns >= 2
    }
}
