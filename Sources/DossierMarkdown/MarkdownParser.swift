import CCmarkGFM

/// One parse of one Markdown text with cmark-gfm: builds the syntax tree,
/// finds references in it, replaces them with placeholder tokens, renders
/// HTML and plain text, and frees every C allocation before returning a
/// `Sendable` ``MarkdownDocument``. The C pointers never leave this type.
struct MarkdownParser {
    let options: MarkdownOptions

    /// A maximal sequence of sibling text and soft-break nodes, scanned as one
    /// string so references may contain soft line breaks.
    private struct Run {
        var nodes: [OpaquePointer] = []
        var scalars: [Unicode.Scalar] = []
        var escaped: [Bool] = []
        var isBreak: [Bool] = []
        var lines: [Int] = []
        var offsets: [Int] = []
        var matches: [(match: ReferenceScanner.Match, index: Int)] = []

        mutating func append(_ scalar: Unicode.Scalar, escaped: Bool, isBreak: Bool, line: Int, offset: Int) {
            scalars.append(scalar)
            self.escaped.append(escaped)
            self.isBreak.append(isBreak)
            lines.append(line)
            offsets.append(offset)
        }
    }

    func parse(_ text: String) -> MarkdownDocument {
        _ = Cmark.coreExtensionsRegistered
        let source = SourceText(text)

        let parseOptions = CMARK_OPT_FOOTNOTES
        var renderOptions = CMARK_OPT_FOOTNOTES
        if options.unsafeHTML { renderOptions |= CMARK_OPT_UNSAFE }

        guard let parser = cmark_parser_new(parseOptions) else {
            fatalError("cmark_parser_new failed (out of memory)")
        }
        defer { cmark_parser_free(parser) }
        for name in Cmark.extensionNames {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                fatalError("cmark-gfm extension \(name) is not available")
            }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        source.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            fatalError("cmark_parser_finish failed (out of memory)")
        }
        defer { cmark_node_free(document) }
        cmark_consolidate_text_nodes(document)

        var runs = collectRuns(in: document, source: source)
        let references = assignIndices(&runs, source: source)
        for run in runs where !run.matches.isEmpty {
            rewrite(run)
        }

        guard let rendered = cmark_render_html(document, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html failed (out of memory)")
        }
        let html = Cmark.string(rendered)
        if let allocator = cmark_get_default_mem_allocator() {
            allocator.pointee.free(UnsafeMutableRawPointer(rendered))
        }

        let plain = PlainTextRenderer.render(document)
        let plainText = PlaceholderToken.substitute(in: plain) { index in
            references.indices.contains(index) ? references[index].reference.plainText : ""
        }
        return MarkdownDocument(references: references, plainText: plainText, htmlTemplate: html)
    }

    /// Walks the tree: neutralizes reserved characters, aligns every text node
    /// with the source, and gathers the runs where references may appear —
    /// not inside links or images (a reference there would nest links or end
    /// up in an `alt` attribute), and never in code or raw HTML, which are
    /// not text nodes.
    private func collectRuns(in document: OpaquePointer, source: SourceText) -> [Run] {
        let aligner = SourceAligner(source: source)
        var runs: [Run] = []
        var lastRunNode: OpaquePointer?
        var linkDepth = 0
        var currentLine = 1

        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkDepth -= 1 }
                continue
            }
            Cmark.neutralizeReservedCharacters(in: node)
            let startLine = Int(cmark_node_get_start_line(node))
            if startLine > 0 { currentLine = startLine }

            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkDepth += 1
            case CMARK_NODE_TEXT:
                let literal = cmark_node_get_literal(node).map(Cmark.bytes) ?? []
                let column = startLine > 0 ? Int(cmark_node_get_start_column(node)) : 0
                let origins = aligner.origins(of: literal, line: currentLine, column: column)
                guard linkDepth == 0 else { break }
                if lastRunNode == nil || cmark_node_previous(node) != lastRunNode { runs.append(Run()) }
                lastRunNode = node
                runs[runs.count - 1].nodes.append(node)
                for (byteIndex, scalar) in Self.scalars(of: literal) {
                    let origin = origins[byteIndex]
                    runs[runs.count - 1].append(scalar, escaped: origin.escaped, isBreak: false,
                                                line: currentLine, offset: origin.offset)
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if type == CMARK_NODE_SOFTBREAK, linkDepth == 0, lastRunNode != nil,
                    cmark_node_previous(node) == lastRunNode
                {
                    lastRunNode = node
                    runs[runs.count - 1].nodes.append(node)
                    runs[runs.count - 1].append("\n", escaped: false, isBreak: true,
                                                line: currentLine, offset: source.lineRange(currentLine)?.upperBound ?? 0)
                }
                currentLine += 1
            default:
                break
            }
        }
        return runs
    }

    /// Scans the runs, orders all matches by source position (footnote
    /// definitions are moved to the end of cmark's tree, but references
    /// are numbered in source order) and numbers them.
    private func assignIndices(_ runs: inout [Run], source: SourceText) -> [LocatedReference] {
        var found: [(run: Int, match: ReferenceScanner.Match, located: LocatedReference)] = []
        for (r, run) in runs.enumerated() {
            for match in ReferenceScanner.scan(run.scalars, escaped: run.escaped) {
                let first = match.range.lowerBound
                let line = run.lines[first]
                let located = LocatedReference(
                    reference: match.reference, line: line,
                    column: source.column(ofByte: run.offsets[first], line: line))
                found.append((r, match, located))
            }
        }
        found.sort { ($0.located.line, $0.located.column) < ($1.located.line, $1.located.column) }
        for (index, item) in found.enumerated() {
            runs[item.run].matches.append((item.match, index))
        }
        return found.map(\.located)
    }

    /// Replaces a run's nodes with text and soft-break nodes in which each
    /// matched reference is a placeholder token (inserted as text, so it
    /// survives safe-mode rendering and HTML escaping unchanged).
    private func rewrite(_ run: Run) {
        guard let first = run.nodes.first else { return }
        var pieces: [String?] = []  // nil stands for a soft break
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { pieces.append(String(text)) }
            text = String.UnicodeScalarView()
        }
        var k = 0
        func copy(upTo end: Int) {
            while k < end {
                if run.isBreak[k] {
                    flush()
                    pieces.append(nil)
                } else {
                    text.append(run.scalars[k])
                }
                k += 1
            }
        }
        for (match, index) in run.matches.sorted(by: { $0.match.range.lowerBound < $1.match.range.lowerBound }) {
            copy(upTo: match.range.lowerBound)
            text.append(contentsOf: PlaceholderToken.token(index).unicodeScalars)
            k = match.range.upperBound
        }
        copy(upTo: run.scalars.count)
        flush()

        for piece in pieces {
            let node: OpaquePointer?
            if let piece {
                node = cmark_node_new(CMARK_NODE_TEXT)
                if let node { cmark_node_set_literal(node, piece) }
            } else {
                node = cmark_node_new(CMARK_NODE_SOFTBREAK)
            }
            guard let node else { fatalError("cmark_node_new failed (out of memory)") }
            guard cmark_node_insert_before(first, node) == 1 else {
                fatalError("cmark_node_insert_before refused a \(piece == nil ? "soft break" : "text") node")
            }
        }
        for node in run.nodes {
            cmark_node_free(node)
        }
    }

    /// The scalars of UTF-8 `bytes`, each with the index of its first byte.
    private static func scalars(of bytes: [UInt8]) -> [(Int, Unicode.Scalar)] {
        var result: [(Int, Unicode.Scalar)] = []
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var index = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                result.append((index, scalar))
                index += UTF8.width(scalar)
            case .error:
                result.append((index, "\u{FFFD}"))
                index += 1
            case .emptyInput:
                return result
            }
        }
    }
}
