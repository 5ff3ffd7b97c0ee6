import CCmarkGFM
import DossierSupport
import Foundation

/// Renders a cmark-gfm tree as the text a reader sees (see
/// ``MarkdownDocument/plainText``), so that quotes can be checked against it.
enum PlainTextRenderer {
    /// The plain text of `document`; `capacity` is room made for it at the start (the Markdown's length, which the
    /// text seldom passes), so a long text is not copied again each time its buffer fills.
    static func render(_ document: OpaquePointer, capacity: Int = 0) -> String {
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        // Built as UTF-8 bytes: finished blocks, separated by blank lines, and the block being read.
        var text: [UInt8] = []
        text.reserveCapacity(capacity)
        var current: [UInt8] = []
        var imageDepth = 0
        var firstCellInRow = true
        var firstRowInTable = true

        func flush() {
            if !current.isEmpty {
                if !text.isEmpty { text.append(0x0A); text.append(0x0A) }
                text.append(contentsOf: current)
            }
            current.removeAll(keepingCapacity: true)
        }
        func appendLiteral(of node: OpaquePointer) {
            Cmark.withBytes(of: cmark_node_get_literal(node)) { current.append(span: $0) }
        }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER

            if type == CMARK_NODE_IMAGE {
                imageDepth += entering ? 1 : -1
                continue
            }
            if imageDepth > 0 { continue }

            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                // Paragraphs inside a table cell do not occur; elsewhere a
                // paragraph or heading is one block.
                flush()
            case CMARK_NODE_CODE_BLOCK:
                flush()
                appendLiteral(of: node)
                // Without its final line break (a CR LF ending is one character, which is not "\n").
                if current.last == 0x0A, current.count < 2 || current[current.count - 2] != 0x0D { current.removeLast() }
                flush()
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendLiteral(of: node)
            case CMARK_NODE_SOFTBREAK:
                current.append(0x20)
            case CMARK_NODE_LINEBREAK:
                current.append(0x0A)
            default:
                if Cmark.isType(node, "table") {
                    flush()
                    firstRowInTable = true
                } else if Cmark.isType(node, "table_header") || Cmark.isType(node, "table_row") {
                    if entering {
                        if !firstRowInTable { current.append(0x0A) }
                        firstRowInTable = false
                        firstCellInRow = true
                    }
                } else if Cmark.isType(node, "table_cell") {
                    if entering {
                        if !firstCellInRow { current.append(0x09) }
                        firstCellInRow = false
                    }
                }
                // Anything else (raw HTML, footnote markers, thematic breaks) is not text.
            }
        }
        flush()
        return String(decoding: text, as: UTF8.self)
    }

    /// The plain text of an inline node and its descendants, as it reads
    /// inside a quote or label: text and code, line breaks as `"\n"`, no raw
    /// HTML, images or footnote markers.
    static func inlineText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var imageDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_IMAGE {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard imageDepth == 0, event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += "\n"
            default:
                break
            }
        }
        return text
    }
}
