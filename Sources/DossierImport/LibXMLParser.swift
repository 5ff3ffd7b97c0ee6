import CLibXML2

/// The one owner of libxml2 in Dossier: parses HTML bytes with libxml2's HTML parser and copies the result into an
/// `HTMLTree` before freeing the C document.
///
/// Safety: every pointer this type touches comes from one `htmlReadMemory` call and is read only while that
/// document is alive — between the call and the `defer` that frees it, inside `parse`. Nothing pointer-typed
/// escapes: the walk copies names, attribute values and text into Swift strings. libxml2 is thread-safe for
/// separate documents once `xmlInitParser` has run, which `ready` ensures exactly once (a Swift static is
/// initialised once, atomically).
enum LibXMLParser {
    private static let ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Whether libxml2 can decode the charset `name` (its own decoders or iconv's).
    static func knowsEncoding(_ name: String) -> Bool {
        _ = ready
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// Silences libxml2's error reports on the calling thread (its handlers are per thread): the library never
    /// prints, and a page's broken markup or stray bytes are the normal case, recovered from.
    private static func silence() {
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }

    /// Parses `bytes` as HTML in `encoding` (a name libxml2 knows) into a tree; nil when libxml2 finds no root.
    static func parse(_ bytes: [UInt8], encoding: String) -> HTMLTree? {
        _ = ready
        silence()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(clamping: buffer.count), nil, encoding, options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var nodes: [HTMLTree.Node] = []
        nodes.reserveCapacity(bytes.count / 40)
        copy(root, parent: -1, into: &nodes)
        return nodes.isEmpty ? nil : HTMLTree(nodes: nodes)
    }

    /// Copies `node` and its subtree into `nodes`, returning its index (nil for nodes that carry nothing: comments,
    /// processing instructions, the insides of scripts other than JSON-LD, and of styles).
    @discardableResult
    private static func copy(_ node: xmlNodePtr, parent: Int, into nodes: inout [HTMLTree.Node]) -> Int? {
        let type = node.pointee.type
        if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
            guard let content = node.pointee.content else { return nil }
            nodes.append(.init(name: "", attributes: [], text: String(cString: content), parent: parent, children: [],
                               end: nodes.count + 1))
            return nodes.count - 1
        }
        guard type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { return nil }
        let name = lowercased(rawName)
        let attributes = attributesOf(node)
        let index = nodes.count
        nodes.append(.init(name: name, attributes: attributes, text: "", parent: parent, children: [], end: index + 1))
        if name == "style" { return index }
        if name == "script", !(attributes.first { $0.name == "type" }?.value.lowercased().contains("ld+json") ?? false) {
            return index
        }
        defer { nodes[index].end = nodes.count }
        var child = node.pointee.children
        var children: [Int] = []
        while let c = child {
            if let i = copy(c, parent: index, into: &nodes) { children.append(i) }
            child = c.pointee.next
        }
        nodes[index].children = children
        return index
    }

    /// A tag or attribute name, lowercased. libxml2's HTML parser lowercases names itself, so this only copies,
    /// unless a name somehow kept a capital.
    private static func lowercased(_ name: UnsafePointer<xmlChar>) -> String {
        let text = String(cString: name)
        return text.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? text.lowercased() : text
    }

    private static func attributesOf(_ node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                result.append((lowercased(n), value))
            }
            attr = a.pointee.next
        }
        return result
    }

    /// The decompressed bytes of the gzip file at `path`, read through libxml2's own input layer (zlib), up to
    /// `limit` bytes plus one read; nil when the file cannot be opened or is corrupt.
    static func readGzipFile(_ path: String, limit: Int) -> [UInt8]? {
        _ = ready
        silence()
        guard let input = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE) else { return nil }
        defer { xmlFreeParserInputBuffer(input) }
        while true {
            let n = xmlParserInputBufferGrow(input, 1 << 16)
            if n < 0 { return nil }
            if n == 0 { break }
            if let buf = input.pointee.buffer, Int(xmlBufUse(buf)) > limit { break }
        }
        guard let buf = input.pointee.buffer, let content = xmlBufContent(buf) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufUse(buf))))
    }
}
