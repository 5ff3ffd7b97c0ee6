import CCmarkGFM
import Foundation

/// One parse of one Markdown text with cmark-gfm: builds the syntax tree,
/// finds references in it, replaces them with placeholder tokens, renders
/// HTML and plain text, and frees every C allocation before returning a
/// `Sendable` ``MarkdownDocument``. The C pointers never leave this type.
struct MarkdownParser {
    let options: MarkdownOptions
    /// Bodies longer than this are parsed in parts (tests make it small to cut at every place they can).
    var threshold = MarkdownParts.threshold
    /// The size a part reaches before the next cut.
    var partSize = MarkdownParts.partSize

    init(options: MarkdownOptions) {
        self.options = options
    }

    /// Parses `text`. A long body is parsed a part at a time (see ``MarkdownParts``), with the same result as a parse
    /// of the whole, so that cmark-gfm's tree of it is never held whole.
    func parse(_ text: String) -> MarkdownDocument {
        let cuts = text.utf8.count > threshold
            ? MarkdownParts.cuts(Array(text.utf8), partSize: partSize, threshold: threshold) : []
        return cuts.isEmpty ? parseWhole(text) : parse(text, cutAt: cuts)
    }

    /// Parses `text` in one piece.
    func parseWhole(_ text: String) -> MarkdownDocument {
        let part = parsePart(text, firstNumber: 0)
        return MarkdownDocument(references: part.references, strayCitations: part.strays, plainTemplate: part.plain,
                                htmlTemplate: part.html)
    }

    /// What one part of a text parses to; its lines count from the part's first line, its placeholders from
    /// `firstNumber`.
    private struct Part {
        var references: [LocatedReference]
        var strays: [StrayCitation]
        var plain: String
        var html: String
    }

    /// Parses `text` part by part and joins the parts: HTML as it is, plain text with blank lines between blocks,
    /// references numbered on and moved to their lines in the whole text.
    private func parse(_ text: String, cutAt cuts: [MarkdownParts.Cut]) -> MarkdownDocument {
        let utf8 = text.utf8
        let starts = [MarkdownParts.Cut(offset: 0, line: 1)] + cuts
        var references: [LocatedReference] = []
        var strays: [StrayCitation] = []
        // Room for the whole HTML at once (it seldom passes the text by a quarter; pages never written are not
        // resident), so the parts are not held twice while they are joined.
        var html = ""
        html.reserveCapacity(utf8.count + utf8.count / 4)
        var plain: [String] = []
        for (k, start) in starts.enumerated() {
            let lower = utf8.index(utf8.startIndex, offsetBy: start.offset)
            let upper = k + 1 < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[k + 1].offset) : utf8.endIndex
            let part = parsePart(String(decoding: utf8[lower..<upper], as: UTF8.self), firstNumber: references.count)
            let down = start.line - 1
            references += part.references.map {
                LocatedReference(reference: $0.reference, line: $0.line + down, column: $0.column, locator: $0.locator)
            }
            strays += part.strays.map { StrayCitation(text: $0.text, line: $0.line + down, column: $0.column) }
            html += part.html
            if !part.plain.isEmpty { plain.append(part.plain) }
        }
        return MarkdownDocument(references: references, strayCitations: strays,
                                plainTemplate: plain.joined(separator: "\n\n"), htmlTemplate: html)
    }

    /// Parses one text (a whole body, or a part of one) with cmark-gfm and renders it.
    private func parsePart(_ text: String, firstNumber: Int) -> Part {
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
        let (document, references, strays) = tree(of: text, parser: parser, firstNumber: firstNumber)

        guard let rendered = cmark_render_html(document, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html failed (out of memory)")
        }
        let plain = options.plainText ? PlainTextRenderer.render(document, capacity: text.utf8.count) : ""
        // The tree (several times the text's size) is freed before the HTML is copied out of cmark-gfm's buffer.
        cmark_node_free(document)
        let html = String(cString: rendered)
        if let allocator = cmark_get_default_mem_allocator() {
            allocator.pointee.free(rendered)
        }
        return Part(references: references, strays: strays, plain: plain, html: html)
    }

    /// cmark-gfm's tree of `text`, with every reference in it found and replaced by its placeholder (numbered from
    /// `firstNumber`); the caller frees the tree. The source's bytes fed to cmark-gfm end with this call, before
    /// anything is rendered.
    private func tree(of text: String, parser: OpaquePointer,
                      firstNumber: Int) -> (OpaquePointer, [LocatedReference], [StrayCitation]) {
        // The copy of the text with reserved scalars neutralized, and its lines, serve to place references and to keep
        // reserved scalars out of the tree; a text with neither (most long prose) is fed as it is, without a copy.
        let utf8 = text.utf8
        let source = PlaceholderToken.containsReserved(utf8: utf8.span) || Self.mayContainReferences(utf8) ? SourceText(text) : nil
        // Feeding (tables parse their rows' inlines) and finishing (inline
        // parsing) edit cmark-gfm's process-wide table of special characters.
        let parsed = Cmark.withInlineParserLock { () -> OpaquePointer? in
            if let source {
                Self.feed(source.bytes.span, to: parser)
            } else {
                Self.feed(text.utf8.span, to: parser)
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
            let (runs, texts) = collectRuns(in: document)
            let found = scanRuns(runs, texts: texts, source: source)
            let numbers: [Int]
            (references, numbers) = found.numbered()
            for rewrite in found.rewrites where rewrite.isNumbered(numbers) {
                rewrite.apply(numbers: numbers, from: firstNumber)
            }
            strays = found.strays.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        }
        return (document, references, strays)
    }

    /// A text node's literal and where each of its bytes came from.
    private typealias Alignment = (literal: [UInt8], origins: [SourceAligner.Origin])

    /// Walks the tree: neutralizes reserved characters, and records every text node and the runs where references
    /// may appear — not inside links or images (a reference there would nest links or end up in an `alt`
    /// attribute), and never in code or raw HTML, which are not text nodes.
    private func collectRuns(in document: OpaquePointer) -> (runs: [InlineRun], texts: [TextNode]) {
        var runs: [InlineRun] = []
        var runIndex: [OpaquePointer: Int] = [:]
        var linkDepth = 0
        var currentLine = 1
        var texts: [TextNode] = []

        guard let iterator = cmark_iter_new(document) else { return ([], []) }
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
                    runs.append(InlineRun(parent: parent))
                }
                runs[run!].nodes.append(node)
            }

            switch type {
            case CMARK_NODE_TEXT:
                let column = startLine > 0 ? Int32(cmark_node_get_start_column(node)) : 0
                texts.append(TextNode(node: node, line: Int32(currentLine), column: column, run: Int32(run ?? -1)))
                guard let run else { break }
                runs[run].recorded.append(.text(texts.count - 1))
                Cmark.withBytes(of: cmark_node_get_literal(node)) { runs[run].note($0) }
            case CMARK_NODE_SOFTBREAK:
                if let run {
                    runs[run].recorded.append(.softBreak(line: currentLine))
                    runs[run].noteOther()
                }
                currentLine += 1
            default:
                if let run {
                    runs[run].recorded.append(.atom(node, line: currentLine))
                    runs[run].noteOther()
                }
                if type == CMARK_NODE_LINEBREAK { currentLine += 1 }
            }
            if isLink { linkDepth += 1 }
        }
        return (runs, texts)
    }

    /// Aligns the texts with the source and scans each run that may hold a reference (one with `[[` or `[@` in its
    /// text) as soon as its last text is aligned. The aligner learns, line by line, from every literal before; so
    /// every literal on a line those runs' texts are on is aligned, in document order, and those runs' characters get
    /// the same origins as if every literal had been aligned. A run's characters, and its texts' alignments (16 bytes
    /// a byte), are dropped once it is scanned.
    private func scanRuns(_ runs: [InlineRun], texts: [TextNode], source: SourceText) -> FoundReferences {
        var found = FoundReferences()
        var lines = Set<Int32>()
        var endingAt: [Int: [Int]] = [:]
        for (r, run) in runs.enumerated() where run.mayHaveReference {
            for case .text(let t) in run.recorded { lines.insert(texts[t].line) }
            if let last = run.lastText { endingAt[last, default: []].append(r) }
        }
        guard !endingAt.isEmpty else { return found }
        let aligner = SourceAligner(source: source)
        var aligned: [Int: Alignment] = [:]
        for (t, text) in texts.enumerated() where lines.contains(text.line) {
            let literal = Cmark.literal(of: text.node)
            let origins = aligner.origins(of: literal, line: Int(text.line), column: Int(text.column))
            if let r = text.runIndex, runs[r].mayHaveReference { aligned[t] = (literal, origins) }
            for r in endingAt[t] ?? [] {
                let characters = Self.characters(of: runs[r], texts: texts, aligned: &aligned, source: source)
                found.scan(runs[r], characters, source: source)
            }
        }
        return found
    }

    /// A run's characters, each where the source has it, from its texts' alignments, which are removed from
    /// `aligned` as they are read (a text belongs to one run).
    private static func characters(of run: InlineRun, texts: [TextNode], aligned: inout [Int: Alignment],
                                   source: SourceText) -> RunCharacters {
        var size = 0
        for member in run.recorded {
            if case .text(let t) = member { size += aligned[t]?.literal.count ?? 0 } else { size += 1 }
        }
        var characters = RunCharacters(capacity: size)
        for member in run.recorded {
            switch member {
            case .text(let t):
                guard let (literal, origins) = aligned.removeValue(forKey: t) else { continue }
                let line = Int(texts[t].line)
                forEachScalar(of: literal) { byteIndex, scalar in
                    let origin = origins[byteIndex]
                    characters.appendCharacter(scalar, escaped: origin.escaped, isBreak: false, line: line, offset: origin.offset)
                }
            case .softBreak(let line):
                characters.appendCharacter("\n", escaped: false, isBreak: true, line: line,
                                           offset: source.lineRange(line)?.upperBound ?? 0)
            case .atom(let node, let line):
                characters.appendAtom(node, line: line)
            }
        }
        return characters
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

    /// Hands `bytes` to cmark-gfm's parser, which copies them into its own buffer before it returns: the address
    /// is used for this one call only.
    private static func feed(_ bytes: Span<UInt8>, to parser: OpaquePointer) {
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { cmark_parser_feed(parser, base.assumingMemoryBound(to: CChar.self), raw.count) }
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
