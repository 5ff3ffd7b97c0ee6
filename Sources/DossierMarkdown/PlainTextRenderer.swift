import CCmarkGFM

/// Renders a cmark-gfm tree as the text a reader sees (see
/// ``MarkdownDocument/plainText``), so that quotes can be checked against it.
enum PlainTextRenderer {
    static func render(_ document: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        var blocks: [String] = []
        var current = ""
        var imageDepth = 0
        var firstCellInRow = true
        var firstRowInTable = true

        func flush() {
            if !current.isEmpty { blocks.append(current) }
            current = ""
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
                var code = Cmark.string(cmark_node_get_literal(node))
                if code.hasSuffix("\n") { code.removeLast() }
                current = code
                flush()
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                current += Cmark.string(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK:
                current += " "
            case CMARK_NODE_LINEBREAK:
                current += "\n"
            default:
                switch Cmark.typeName(node) {
                case "table":
                    flush()
                    firstRowInTable = true
                case "table_header", "table_row":
                    if entering {
                        if !firstRowInTable { current += "\n" }
                        firstRowInTable = false
                        firstCellInRow = true
                    }
                case "table_cell":
                    if entering {
                        if !firstCellInRow { current += "\t" }
                        firstCellInRow = false
                    }
                default:
                    break  // raw HTML, footnote markers, thematic breaks: not text
                }
            }
        }
        flush()
        return blocks.joined(separator: "\n\n")
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
                text += Cmark.string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += "\n"
            default:
                break
            }
        }
        return text
    }
}
