import CCmarkGFM
import Foundation

/// One parse of one Markdown text with cmark-gfm: builds the syntax tree,
/// finds references in it, replaces them with placeholder tokens, renders
/// HTML and plain text, and frees every C allocation before returning a
/// `Sendable` ``MarkdownDocument``. The C pointers never leave this type.
struct MarkdownParser {
    let options: MarkdownOptions

    /// The inline children of one block (paragraph, heading, table cell) or
    /// inline container (emphasis, strong, strikethrough), scanned as one
    /// sequence so that references may span soft breaks and contain markup.
    /// One inline child of a run as the walk met it: a text node (an index into the walk's list of texts), a soft
    /// break, or any other inline node.
    private enum Member {
        case text(Int)
        case softBreak(line: Int)
        case atom(OpaquePointer, line: Int)
    }

    private struct Run {
        /// The parent whose inline children these are.
        var parent: OpaquePointer
        /// The children, in order.
        var members: [OpaquePointer] = []
        /// What the scanner sees.
        var elements: [ReferenceScanner.Element] = []
        /// For each element: where it came from.
        var places: [Place] = []
        /// Atoms, indexed as in `ReferenceScanner.Element.atom`.
        var atoms: [OpaquePointer] = []
        /// Matches found, with their reference index once assigned.
        var matches: [(match: ReferenceScanner.Match, index: Int)] = []
        /// The children as the walk met them; turned into `elements` only when the run may hold a reference.
        var recorded: [Member] = []
        /// Whether the run's text has `[[` or `[@`, without which it holds no reference.
        var mayHaveReference = false
        /// Whether the last child was text ending in `[` (a reference may start across two text nodes).
        var endsWithBracket = false

        /// Notes a text child's literal, to tell whether the run may hold a reference.
        mutating func note(_ literal: UnsafePointer<CChar>) {
            let length = strlen(literal)
            guard length > 0 else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
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
        }

        /// An element's source line and byte offset, and whether it is a soft break.
        struct Place {
            var line: Int
            var offset: Int
            var isBreak: Bool
        }

        /// Makes room for `count` elements.
        mutating func reserveCapacity(_ count: Int) {
            elements.reserveCapacity(count)
            places.reserveCapacity(count)
        }

        mutating func appendCharacter(
            _ scalar: Unicode.Scalar, escaped: Bool, isBreak: Bool, line: Int, offset: Int
        ) {
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
    }

    func parse(_ text: String) -> MarkdownDocument {
        _ = Cmark.coreExtensionsRegistered
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
        let (document, references, strays) = tree(of: text, parser: parser)

        guard let rendered = cmark_render_html(document, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html failed (out of memory)")
        }
        let plain = options.plainText ? PlainTextRenderer.render(document, capacity: text.utf8.count) : ""
        // The tree (several times the text's size) is freed before the HTML is copied out of cmark-gfm's buffer.
        cmark_node_free(document)
        let html = Cmark.string(rendered)
        if let allocator = cmark_get_default_mem_allocator() {
            allocator.pointee.free(UnsafeMutableRawPointer(rendered))
        }
        return MarkdownDocument(references: references, strayCitations: strays, plainTemplate: plain, htmlTemplate: html)
    }

    /// cmark-gfm's tree of `text`, with every reference in it found and replaced by its placeholder; the caller frees
    /// the tree. The source's bytes fed to cmark-gfm end with this call, before anything is rendered.
    private func tree(of text: String, parser: OpaquePointer) -> (OpaquePointer, [LocatedReference], [StrayCitation]) {
        // The copy of the text with reserved scalars neutralized, and its lines, serve to place references and to keep
        // reserved scalars out of the tree; a text with neither (most long prose) is fed as it is, without a copy.
        let utf8 = text.utf8
        let source = PlaceholderToken.containsReserved(utf8: utf8) || Self.mayContainReferences(utf8) ? SourceText(text) : nil
        // Feeding (tables parse their rows' inlines) and finishing (inline
        // parsing) edit cmark-gfm's process-wide table of special characters.
        let parsed = Cmark.withInlineParserLock { () -> OpaquePointer? in
            if let source {
                source.bytes.withUnsafeBufferPointer { Self.feed($0, to: parser) }
            } else {
                var own = text
                own.withUTF8 { Self.feed($0, to: parser) }
            }
            return cmark_parser_finish(parser)
        }
        guard let document = parsed else {
            fatalError("cmark_parser_finish failed (out of memory)")
        }
        cmark_consolidate_text_nodes(document)

        // Every reference starts with `[[` or `[@`; a text without either needs no scanning, which is most bodies.
        var references: [LocatedReference] = []
        var strays: [StrayCitation] = []
        if let source, Self.mayContainReferences(source.bytes) {
            var runs = collectRuns(in: document, source: source)
            (references, strays) = assignIndices(&runs, source: source)
            for run in runs where !run.matches.isEmpty {
                rewrite(run)
            }
        }
        return (document, references, strays)
    }

    /// Walks the tree: neutralizes reserved characters, aligns every text node
    /// with the source, and gathers the runs where references may appear —
    /// not inside links or images (a reference there would nest links or end
    /// up in an `alt` attribute), and never in code or raw HTML, which are
    /// not text nodes.
    private func collectRuns(in document: OpaquePointer, source: SourceText) -> [Run] {
        var runs: [Run] = []
        var runIndex: [OpaquePointer: Int] = [:]
        var linkDepth = 0
        var currentLine = 1
        // Every text node in document order, with the line and cmark column it starts at.
        var texts: [(node: OpaquePointer, line: Int, column: Int)] = []

        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isLink = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            if event == CMARK_EVENT_EXIT {
                if isLink { linkDepth -= 1 }
                continue
            }
            Cmark.neutralizeReservedCharacters(in: node)
            let startLine = Int(cmark_node_get_start_line(node))
            if startLine > 0 { currentLine = startLine }

            // Every inline node outside links belongs to its parent's run.
            var run: Int?
            if linkDepth == 0, Cmark.isInline(type), let parent = cmark_node_parent(node) {
                if let index = runIndex[parent] {
                    run = index
                } else {
                    run = runs.count
                    runIndex[parent] = runs.count
                    runs.append(Run(parent: parent))
                }
                runs[run!].members.append(node)
            }

            switch type {
            case CMARK_NODE_TEXT:
                texts.append((node, currentLine, startLine > 0 ? Int(cmark_node_get_start_column(node)) : 0))
                guard let run else { break }
                runs[run].recorded.append(.text(texts.count - 1))
                if let literal = cmark_node_get_literal(node) { runs[run].note(literal) }
            case CMARK_NODE_SOFTBREAK:
                if let run {
                    runs[run].recorded.append(.softBreak(line: currentLine))
                    runs[run].endsWithBracket = false
                }
                currentLine += 1
            default:
                if let run {
                    runs[run].recorded.append(.atom(node, line: currentLine))
                    runs[run].endsWithBracket = false
                }
                if type == CMARK_NODE_LINEBREAK { currentLine += 1 }
            }
            if isLink { linkDepth += 1 }
        }

        // Only runs with `[[` or `[@` in their text can hold a reference. The aligner learns, line by line, from
        // every literal before; so every literal on a line those runs' texts are on is aligned, in document order,
        // and those runs' characters get the same origins as if every literal had been aligned.
        let candidates = runs.indices.filter { runs[$0].mayHaveReference }
        guard !candidates.isEmpty else { return [] }
        var lines = Set<Int>()
        for r in candidates {
            for case .text(let t) in runs[r].recorded { lines.insert(texts[t].line) }
        }
        let aligner = SourceAligner(source: source)
        var aligned = [(literal: [UInt8], origins: [SourceAligner.Origin])?](repeating: nil, count: texts.count)
        for (t, text) in texts.enumerated() where lines.contains(text.line) {
            let literal = cmark_node_get_literal(text.node).map(Cmark.bytes) ?? []
            aligned[t] = (literal, aligner.origins(of: literal, line: text.line, column: text.column))
        }
        return characters(of: candidates.map { runs[$0] }, texts: texts, aligned: &aligned, source: source)
    }

    /// The runs with their characters, each where the source has it, from the texts' alignments; a text belongs to one
    /// run, so its alignment (16 bytes a byte) is freed as soon as its run has read it.
    private func characters(of candidates: [Run], texts: [(node: OpaquePointer, line: Int, column: Int)],
                            aligned: inout [(literal: [UInt8], origins: [SourceAligner.Origin])?], source: SourceText) -> [Run] {
        var candidateRuns: [Run] = []
        candidateRuns.reserveCapacity(candidates.count)
        for var run in candidates {
            var size = 0
            for member in run.recorded {
                if case .text(let t) = member { size += aligned[t]!.literal.count } else { size += 1 }
            }
            run.reserveCapacity(size)
            for member in run.recorded {
                switch member {
                case .text(let t):
                    let (literal, origins) = aligned[t]!
                    aligned[t] = nil
                    let line = texts[t].line
                    Self.forEachScalar(of: literal) { byteIndex, scalar in
                        let origin = origins[byteIndex]
                        run.appendCharacter(scalar, escaped: origin.escaped, isBreak: false, line: line, offset: origin.offset)
                    }
                case .softBreak(let line):
                    run.appendCharacter("\n", escaped: false, isBreak: true, line: line, offset: source.lineRange(line)?.upperBound ?? 0)
                case .atom(let node, let line):
                    run.appendAtom(node, line: line)
                }
            }
            candidateRuns.append(run)
        }
        return candidateRuns
    }

    /// Scans the runs, drops references inside markup that an enclosing
    /// reference swallowed (e.g. `[@s "a *[[b]]*"]`), orders the rest by
    /// source position (footnote definitions are moved to the end of cmark's
    /// tree, but references are numbered in source order) and numbers them.
    private func assignIndices(_ runs: inout [Run], source: SourceText) -> ([LocatedReference], [StrayCitation]) {
        var found: [(run: Int, match: ReferenceScanner.Match, located: LocatedReference)] = []
        var strays: [StrayCitation] = []
        var swallowed = Set<OpaquePointer>()
        // Columns are counted on along each line, one mark for citations and one for strays (each in source order).
        var mark: SourceText.ColumnMark?, strayMark: SourceText.ColumnMark?
        for (r, run) in runs.enumerated() {
            let atomText = { (k: Int) in PlainTextRenderer.inlineText(of: run.atoms[k]) }
            let (matches, strayStarts) = ReferenceScanner.scan(run.elements, atomText: atomText)
            for k in strayStarts {
                let line = run.places[k].line
                strays.append(StrayCitation(text: ReferenceScanner.strayText(run.elements, at: k, atomText), line: line,
                                            column: source.column(ofByte: run.places[k].offset, line: line, from: &strayMark)))
            }
            for match in matches {
                for k in match.range { if let atom = run.atomNode(k) { swallowed.insert(atom) } }
                let first = match.range.lowerBound
                let line = run.places[first].line
                let located = LocatedReference(
                    reference: match.reference, line: line,
                    column: source.column(ofByte: run.places[first].offset, line: line, from: &mark), locator: match.locator)
                found.append((r, match, located))
            }
        }
        if !swallowed.isEmpty {
            found.removeAll { item in
                var node = cmark_node_parent(runs[item.run].members[0])
                while let current = node {
                    if swallowed.contains(current) { return true }
                    node = cmark_node_parent(current)
                }
                return false
            }
        }
        found.sort { ($0.located.line, $0.located.column) < ($1.located.line, $1.located.column) }
        for (index, item) in found.enumerated() {
            runs[item.run].matches.append((item.match, index))
        }
        strays.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return (found.map(\.located), strays)
    }

    /// Rebuilds a run's children: text and soft breaks outside references
    /// become new nodes, each matched reference becomes its placeholder token
    /// (inserted as text, so it survives safe-mode rendering and HTML
    /// escaping unchanged), and other inline nodes outside references are
    /// kept as they are.
    private func rewrite(_ run: Run) {
        enum Piece {
            /// A text node's literal as UTF-8, NUL-terminated for cmark.
            case text([CChar])
            case softBreak
            case kept(OpaquePointer)
        }
        var pieces: [Piece] = []
        var text: [CChar] = []
        text.reserveCapacity(run.elements.count + 1)
        func flush() {
            guard !text.isEmpty else { return }
            text.append(0)
            pieces.append(.text(text))
            text.removeAll(keepingCapacity: true)
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                text.append(CChar(bitPattern: UInt8(scalar.value)))
            } else {
                for byte in UTF8.encode(scalar)! { text.append(CChar(bitPattern: byte)) }
            }
        }
        var k = 0
        var kept = Set<OpaquePointer>()
        func copy(upTo end: Int) {
            while k < end {
                if let atom = run.atomNode(k) {
                    flush()
                    pieces.append(.kept(atom))
                    kept.insert(atom)
                } else if run.places[k].isBreak {
                    flush()
                    pieces.append(.softBreak)
                } else {
                    append(run.elements[k].scalar)
                }
                k += 1
            }
        }
        for (match, index) in run.matches.sorted(by: { $0.match.range.lowerBound < $1.match.range.lowerBound }) {
            copy(upTo: match.range.lowerBound)
            for scalar in PlaceholderToken.token(index).unicodeScalars { append(scalar) }
            k = match.range.upperBound
        }
        copy(upTo: run.elements.count)
        flush()

        let anchor = run.members.last.flatMap { cmark_node_next($0) }
        for member in run.members {
            cmark_node_unlink(member)
        }
        for piece in pieces {
            let node: OpaquePointer
            switch piece {
            case let .text(literal):
                guard let new = cmark_node_new(CMARK_NODE_TEXT) else { fatalError("cmark_node_new failed") }
                literal.withUnsafeBufferPointer { _ = cmark_node_set_literal(new, $0.baseAddress) }
                node = new
            case .softBreak:
                guard let new = cmark_node_new(CMARK_NODE_SOFTBREAK) else { fatalError("cmark_node_new failed") }
                node = new
            case let .kept(atom):
                node = atom
            }
            let inserted = anchor.map { cmark_node_insert_before($0, node) } ?? cmark_node_append_child(run.parent, node)
            guard inserted == 1 else { fatalError("cmark-gfm refused to re-insert an inline node") }
        }
        for member in run.members where !kept.contains(member) {
            cmark_node_free(member)
        }
    }

    /// Whether `bytes` contain `[[` or `[@`, without which no reference can occur.
    static func mayContainReferences<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        func scan<Buffer: RandomAccessCollection<UInt8>>(_ b: Buffer) -> Bool where Buffer.Index == Int {
            guard b.count > 1 else { return false }
            for i in b.startIndex..<(b.endIndex - 1) where b[i] == UInt8(ascii: "[") {
                if b[i + 1] == UInt8(ascii: "[") || b[i + 1] == UInt8(ascii: "@") { return true }
            }
            return false
        }
        return bytes.withContiguousStorageIfAvailable { scan($0) } ?? scan(Array(bytes))
    }

    /// Hands `bytes` to cmark-gfm's parser.
    private static func feed(_ bytes: UnsafeBufferPointer<UInt8>, to parser: OpaquePointer) {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
        }
    }

    /// Calls `body` with each scalar of UTF-8 `bytes` and the index of its first byte (U+FFFD for each byte of an
    /// invalid sequence).
    @inline(__always)
    private static func forEachScalar(of bytes: [UInt8], _ body: (Int, Unicode.Scalar) -> Void) {
        var index = 0
        while index < bytes.count, bytes[index] < 0x80 {
            body(index, Unicode.Scalar(bytes[index]))
            index += 1
        }
        guard index < bytes.count else { return }
        var decoder = UTF8()
        var iterator = bytes[index...].makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                body(index, scalar)
                index += UTF8.width(scalar)
            case .error:
                body(index, "\u{FFFD}")
                index += 1
            case .emptyInput:
                return
            }
        }
    }
}
