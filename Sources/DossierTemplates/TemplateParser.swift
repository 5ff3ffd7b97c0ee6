/// Builds a template's node tree from its tokens, line by line: removes standalone lines, records
/// where indentation goes (partials, parents, blocks), removes block indentation at the site of
/// definition, resolves partial names to library indices, and collects every parse error.
///
/// Indentation follows the spec's "prepend to each line of the partial" rule, applied at parse time:
/// each surviving source line start gets an indentation point (blank lines get none, so indenting
/// never adds trailing whitespace). A block whose opening tag starts a line records its indentation
/// (the whitespace before an inline opening tag, or the first non-blank content line's indentation
/// for a standalone one), removes it from its content, and adds it back where the block is expanded.
struct TemplateParser {
    typealias Token = TemplateTokenizer.Token

    /// The parsed tree (valid only when `errors` is empty).
    private(set) var nodes = NodeStore.emptyList
    /// Every parse error, in source order.
    private(set) var errors: [TemplateError] = []
    /// Names used in partial and parent tags.
    private(set) var references: Set<String> = []
    /// Block names interned across the library (passed in and handed back).
    var blockIDs: [String: Int]
    /// The memory of the tree's text, variable and section nodes.
    let store = NodeStore()

    private let bytes: [UInt8]
    private let templateName: String
    private let templateIndex: Int
    private let templateIndices: [String: Int]
    private let tokens: [Token]
    private var frames: [Frame] = []

    // The line being processed: token range, whether a newline ends it, and its group number.
    private var lineStart = 0
    private var lineEnd = 0
    private var lineHasNewline = false
    private var nextLineByte = 0
    private var group = 0

    private enum Mode {
        /// The tag is alone on its line (with whitespace `leading` before it); the line is removed.
        case standalone(leading: [UInt8])
        /// Only the whitespace `leading` precedes the tag on its line, but the line is not standalone.
        case lineStart(leading: [UInt8])
        /// Anything else.
        case inline
    }

    private struct Frame {
        enum Kind { case root, section, inverted, parent, siteBlock, overrideBlock }
        var kind: Kind
        var token: Token?
        var name: String = ""
        var variableName: TemplateNode.Name?
        var nodes: [TemplateNode] = []
        var text: [UInt8] = []
        var points: [Int] = []
        // Blocks: absolute indentation removed from content lines, and relative indentation of a site.
        var dedent: [UInt8] = []
        var indentRelative: [UInt8] = []
        var atLineStart = false
        var startsWithLine = false
        // Parents.
        var openAtLineStart = false
        var leading: [UInt8] = []
        var wantsPoint = false
        var openGroup = 0
        var dedentAtOpen: [UInt8] = []
        var overrides: [TemplateNode.Override] = []

        init(kind: Kind, token: Token? = nil) {
            self.kind = kind
            self.token = token
            self.name = token?.name ?? ""
        }

        mutating func flushText(into store: NodeStore) {
            if !text.isEmpty || !points.isEmpty {
                nodes.append(.text(store.text(text, indentPoints: points)))
                text = []
                points = []
            }
        }

        var kindDescription: String {
            switch kind {
            case .root: return "template"
            case .section: return "section"
            case .inverted: return "inverted section"
            case .parent: return "parent"
            case .siteBlock, .overrideBlock: return "block"
            }
        }
    }

    init(source: String, name: String, index: Int, templateIndices: [String: Int], blockIDs: [String: Int]) {
        self.bytes = Array(source.utf8)
        self.templateName = name
        self.templateIndex = index
        self.templateIndices = templateIndices
        self.blockIDs = blockIDs
        let tokenizer = TemplateTokenizer(bytes: bytes, templateName: name)
        self.tokens = tokenizer.tokens
        self.errors = tokenizer.errors
        parse(tokenizerStoppedEarly: !tokenizer.errors.isEmpty && tokenizer.errors.last!.message.hasPrefix("unclosed tag"))
    }

    // MARK: - Lines

    private mutating func parse(tokenizerStoppedEarly: Bool) {
        frames = [Frame(kind: .root)]
        var i = 0
        while true {
            let a = i
            var e = a
            while e < tokens.count && tokens[e].kind != .newline { e += 1 }
            let hasNewline = e < tokens.count
            if a == e && !hasNewline { break }
            lineStart = a
            lineEnd = e
            lineHasNewline = hasNewline
            nextLineByte = hasNewline ? tokens[e].end : bytes.count
            if let t = standaloneTag(from: a, to: e) {
                let leading = t > a ? slice(tokens[a]) : []
                _ = handleTag(at: t, mode: .standalone(leading: leading))
            } else {
                processLine()
            }
            i = hasNewline ? e + 1 : e
            group += 1
        }
        while frames.count > 1 {
            let frame = frames.removeLast()
            if !tokenizerStoppedEarly, let token = frame.token {
                errors.append(error(token, "unclosed \(frame.kindDescription) '\(frame.name)'"))
            }
        }
        frames[0].flushText(into: store)
        nodes = store.list(frames[0].nodes)
    }

    /// The index of the line's only tag if the line is standalone: whitespace and one tag that can stand alone.
    private func standaloneTag(from a: Int, to e: Int) -> Int? {
        var found: Int?
        for j in a..<e {
            switch tokens[j].kind {
            case .text:
                if !isWhitespace(tokens[j]) { return nil }
            case .tag(let kind):
                if found != nil || !kind.canStandAlone { return nil }
                found = j
            case .newline:
                return nil
            }
        }
        return found
    }

    private mutating func processLine() {
        var j = lineStart
        if !inParentScope {
            var f = lineStart
            if f < lineEnd && isWhitespace(tokens[f]) { f += 1 }
            let leading = f > lineStart ? slice(tokens[lineStart]) : []
            if f == lineEnd {
                // A blank line: no indentation point.
            } else if case .tag(let kind) = tokens[f].kind {
                switch kind {
                case .block:
                    // The block owns the line start: its leading whitespace becomes its indentation.
                    if handleTag(at: f, mode: .lineStart(leading: leading)) { return }
                    j = f + 1
                case .parent:
                    if handleTag(at: f, mode: .lineStart(leading: leading)) { return }
                    j = f + 1
                case .close where frames[frames.count - 1].kind == .overrideBlock:
                    // Closing an override at the start of a line: the line's indentation is not content.
                    j = f
                default:
                    emitPoint()
                }
            } else {
                emitPoint()
            }
        }
        while j < lineEnd {
            let token = tokens[j]
            switch token.kind {
            case .text:
                if !inParentScope {
                    appendText(slice(token), dedentLeading: j == lineStart)
                }
            case .tag:
                if handleTag(at: j, mode: .inline) { return }
            case .newline:
                break
            }
            j += 1
        }
        if lineHasNewline && !inParentScope {
            appendText(slice(tokens[lineEnd]), dedentLeading: false)
        }
    }

    // MARK: - Tags

    /// Handles one tag; returns true when the rest of the line (including its newline) must be skipped.
    private mutating func handleTag(at j: Int, mode: Mode) -> Bool {
        let token = tokens[j]
        guard case .tag(let kind) = token.kind else { return false }
        let inParent = inParentScope
        switch kind {
        case .comment, .setDelimiters:
            return false
        case .variable(let escaped):
            if inParent { return false }
            if let name = parseName(token) {
                appendNode(.variable(store.store(TemplateNode.Variable(name: name, escaped: escaped, location: location(token)))))
            }
            return false
        case .section, .inverted:
            if inParent { errors.append(notInParent(token)) }
            var frame = Frame(kind: kind == .section ? .section : .inverted, token: token)
            frame.variableName = parseName(token)
            frame.dedent = currentDedent
            frames.append(frame)
            return false
        case .close:
            return closeTag(at: j, mode: mode)
        case .partial:
            if inParent { return false }
            references.insert(token.name)
            var indent: [UInt8]?
            if case .standalone(let leading) = mode {
                indent = strip(leading, currentDedent)
            }
            appendNode(.partial(TemplateNode.Partial(
                name: token.name, target: templateIndices[token.name], indent: indent, location: location(token))))
            return false
        case .parent:
            if inParent { errors.append(notInParent(token)) }
            openParent(token, mode: mode)
            return false
        case .block:
            if inParent { return openOverride(at: j, mode: mode) }
            openBlock(token, mode: mode)
            return false
        }
    }

    /// Opens `{{< parent}}`: its frame remembers where it stands on its line, for the standalone rules.
    private mutating func openParent(_ token: Token, mode: Mode) {
        references.insert(token.name)
        var frame = Frame(kind: .parent, token: token)
        switch mode {
        case .standalone(let leading):
            frame.openAtLineStart = true
            frame.leading = leading
        case .lineStart(let leading):
            frame.openAtLineStart = true
            frame.leading = leading
            frame.wantsPoint = true
        case .inline:
            break
        }
        frame.openGroup = group
        frame.dedentAtOpen = currentDedent
        frame.dedent = currentDedent
        frames.append(frame)
    }

    /// Opens `{{$block}}` inside a parent: an override, with the indentation its lines are measured from; returns
    /// true when the rest of the line must be skipped.
    private mutating func openOverride(at j: Int, mode: Mode) -> Bool {
        var frame = Frame(kind: .overrideBlock, token: tokens[j])
        frame.dedent = currentDedent
        var skip = false
        if case .standalone = mode {
            frame.startsWithLine = lineHasNewline
        } else if lineHasNewline && restOfLineIsBlank(after: j) {
            frame.startsWithLine = true
            skip = true
        }
        if frame.startsWithLine {
            frame.dedent = nextNonBlankIndentation(from: nextLineByte) ?? frame.dedent
        } else if j == lineStart || (j == lineStart + 1 && isWhitespace(tokens[lineStart])) {
            frame.dedent = j == lineStart ? [] : slice(tokens[lineStart])
        }
        frames.append(frame)
        return skip
    }

    /// Opens `{{$block}}` outside a parent: the block's default content, indented relative to what encloses it.
    private mutating func openBlock(_ token: Token, mode: Mode) {
        var frame = Frame(kind: .siteBlock, token: token)
        let enclosing = currentDedent
        switch mode {
        case .standalone(let leading):
            frame.dedent = nextNonBlankIndentation(from: nextLineByte) ?? leading
            frame.atLineStart = true
            frame.startsWithLine = true
        case .lineStart(let leading):
            frame.dedent = leading
            frame.atLineStart = true
        case .inline:
            frame.dedent = enclosing
        }
        frame.indentRelative = strip(frame.dedent, enclosing)
        frames.append(frame)
    }

    private mutating func closeTag(at j: Int, mode: Mode) -> Bool {
        let token = tokens[j]
        guard frames.count > 1 else {
            errors.append(error(token, "unexpected closing tag '\(token.name)': no section is open"))
            return false
        }
        let top = frames[frames.count - 1]
        if top.name != token.name {
            let opened = top.token.map { " (opened at line \($0.line), column \($0.column))" } ?? ""
            errors.append(error(token,
                "closing tag '\(token.name)' does not match the open \(top.kindDescription) '\(top.name)'\(opened)"))
            if let k = frames.lastIndex(where: { $0.kind != .root && $0.name == token.name }) {
                while frames.count - 1 > k {
                    _ = finishTopFrame(closingAt: j, mode: .inline)
                }
            }
        }
        return finishTopFrame(closingAt: j, mode: mode)
    }

    private mutating func finishTopFrame(closingAt j: Int, mode: Mode) -> Bool {
        var frame = frames.removeLast()
        frame.flushText(into: store)
        guard let token = frame.token else { return false }
        switch frame.kind {
        case .root:
            return false
        case .section, .inverted:
            let name = frame.variableName ?? TemplateNode.Name(full: frame.name, first: TemplateKey(frame.name), rest: [], isImplicit: false)
            let section = store.store(TemplateNode.Section(name: name, body: store.list(frame.nodes), location: location(token)))
            appendNode(frame.kind == .section ? .section(section) : .inverted(section))
            return false
        case .siteBlock:
            let content = TemplateNode.BlockContent(nodes: store.list(frame.nodes), startsWithLine: frame.startsWithLine)
            appendNode(.block(TemplateNode.Block(
                id: blockID(frame.name), name: frame.name, defaultContent: content,
                atLineStart: frame.atLineStart, indent: frame.indentRelative, location: location(token))))
            return false
        case .overrideBlock:
            let content = TemplateNode.BlockContent(nodes: store.list(frame.nodes), startsWithLine: frame.startsWithLine)
            let id = blockID(frame.name)
            frames[frames.count - 1].overrides.append(TemplateNode.Override(id: id, content: content))
            return false
        case .parent:
            let standaloneClose: Bool
            if case .standalone = mode { standaloneClose = true } else { standaloneClose = false }
            let restBlank = standaloneClose || restOfLineIsBlank(after: j)
            let closeLineEmpty = restBlank && (frame.openGroup != group || frame.openAtLineStart)
            let isStandaloneUnit = frame.openAtLineStart && (frame.openGroup != group || closeLineEmpty)
            var indent: [UInt8]?
            if isStandaloneUnit {
                indent = strip(frame.leading, frame.dedentAtOpen)
            } else if frame.openAtLineStart {
                if frame.wantsPoint { emitPoint() }
                appendText(strip(frame.leading, frame.dedentAtOpen), dedentLeading: false)
            }
            appendNode(.parent(TemplateNode.Parent(
                name: frame.name, target: templateIndices[frame.name], indent: indent,
                overrides: frame.overrides, location: location(token))))
            return !standaloneClose && closeLineEmpty
        }
    }

    // MARK: - Building

    private var inParentScope: Bool {
        frames[frames.count - 1].kind == .parent
    }

    /// The absolute indentation removed from lines in the innermost enclosing block (empty outside blocks).
    private var currentDedent: [UInt8] {
        frames[frames.count - 1].dedent
    }

    private mutating func emitPoint() {
        let top = frames.count - 1
        frames[top].points.append(frames[top].text.count)
    }

    private mutating func appendText(_ text: [UInt8], dedentLeading: Bool) {
        let top = frames.count - 1
        if dedentLeading {
            let dedent = frames[top].dedent
            var k = 0
            while k < text.count && k < dedent.count && text[k] == dedent[k] { k += 1 }
            frames[top].text.append(contentsOf: text[k...])
        } else {
            frames[top].text.append(contentsOf: text)
        }
    }

    private mutating func appendNode(_ node: TemplateNode) {
        let top = frames.count - 1
        frames[top].flushText(into: store)
        frames[top].nodes.append(node)
    }

    private mutating func blockID(_ name: String) -> Int {
        if let id = blockIDs[name] { return id }
        let id = blockIDs.count
        blockIDs[name] = id
        return id
    }

    // MARK: - Helpers

    private func slice(_ token: Token) -> [UInt8] {
        Array(bytes[token.start..<token.end])
    }

    private func isWhitespace(_ token: Token) -> Bool {
        guard token.kind == .text else { return false }
        for k in token.start..<token.end where bytes[k] != 0x20 && bytes[k] != 0x09 {
            return false
        }
        return true
    }

    private func restOfLineIsBlank(after j: Int) -> Bool {
        var k = j + 1
        while k < lineEnd {
            if !isWhitespace(tokens[k]) { return false }
            k += 1
        }
        return true
    }

    /// The leading whitespace of the first line at or after `offset` that has a non-blank character.
    private func nextNonBlankIndentation(from offset: Int) -> [UInt8]? {
        var p = offset
        let n = bytes.count
        while p < n {
            var q = p
            while q < n && (bytes[q] == 0x20 || bytes[q] == 0x09) { q += 1 }
            if q >= n { return nil }
            if bytes[q] == 0x0A {
                p = q + 1
                continue
            }
            if bytes[q] == 0x0D && q + 1 < n && bytes[q + 1] == 0x0A {
                p = q + 2
                continue
            }
            return Array(bytes[p..<q])
        }
        return nil
    }

    /// `value` without the longest prefix it shares with `prefix`.
    private func strip(_ value: [UInt8], _ prefix: [UInt8]) -> [UInt8] {
        var k = 0
        while k < value.count && k < prefix.count && value[k] == prefix[k] { k += 1 }
        return k == 0 ? value : Array(value[k...])
    }

    private mutating func parseName(_ token: Token) -> TemplateNode.Name? {
        let full = token.name
        if full == "." {
            return TemplateNode.Name(full: full, first: "", rest: [], isImplicit: true)
        }
        let parts = full.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            errors.append(error(token, "invalid name '\(full)'"))
            return nil
        }
        return TemplateNode.Name(full: full, first: TemplateKey(parts[0]), rest: parts[1...].map { TemplateKey($0) }, isImplicit: false)
    }

    private func location(_ token: Token) -> TemplateNode.Location {
        TemplateNode.Location(template: templateIndex, line: token.line, column: token.column)
    }

    private func error(_ token: Token, _ message: String) -> TemplateError {
        TemplateError(name: templateName, line: token.line, column: token.column, message: message)
    }

    private func notInParent(_ token: Token) -> TemplateError {
        let parent = frames[frames.count - 1].name
        return error(token, "'\(token.name)' cannot appear directly inside parent '\(parent)': only blocks ({{$name}}) can")
    }
}
