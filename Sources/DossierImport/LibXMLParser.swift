import CLibXML2

/// The one owner of libxml2 in Dossier: parses HTML bytes with libxml2's HTML parser, whose events build an
/// `HTMLTree`.
///
/// Safety: every pointer this type touches is either the parser context made and freed inside `parse`, or an
/// argument of one parser callback, read during that call only. Nothing pointer-typed escapes: the callbacks copy
/// names, attribute values and text into Swift strings. libxml2 is thread-safe for
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

    private static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses `bytes` as HTML in `encoding` (a name libxml2 knows) into a tree; nil when libxml2 finds no root.
    ///
    /// The parser's events go straight to an `HTMLTreeBuilder` (libxml2 builds no tree of its own). The builder is
    /// passed as the context pointer and used only by the callbacks below, while `htmlCtxtReadMemory` runs.
    static func parse(_ bytes: [UInt8], encoding: String) -> HTMLTree? {
        _ = ready
        silence()
        guard !bytes.isEmpty, let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let builder = HTMLTreeBuilder(expectedBytes: bytes.count)
        // The context's handler was allocated by libxml2 (and is freed with it); only its callbacks are replaced.
        context.pointee.sax.pointee = eventHandler(context.pointee.sax.pointee)
        withExtendedLifetime(builder) {
            context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
            let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    htmlCtxtReadMemory(context, $0.baseAddress, Int32(clamping: $0.count), nil, encoding, options)
                }
            }
            if let doc { xmlFreeDoc(doc) }
        }
        return builder.finish()
    }

    /// `base` with the callbacks that feed an `HTMLTreeBuilder`, and none that build libxml2's own tree.
    private static func eventHandler(_ base: htmlSAXHandler) -> htmlSAXHandler {
        var handler = base
        handler.startDocument = nil
        handler.endDocument = nil
        handler.setDocumentLocator = nil
        handler.reference = nil
        handler.ignorableWhitespace = nil
        handler.warning = nil
        handler.error = nil
        handler.fatalError = nil
        handler.internalSubset = { context, _, _, _ in LibXMLParser.builder(context).other(isDoctype: true) }
        handler.comment = { context, _ in LibXMLParser.builder(context).other(isDoctype: false) }
        handler.processingInstruction = { context, _, _ in LibXMLParser.builder(context).other(isDoctype: false) }
        handler.startElement = { context, name, attributes in
            guard let name else { return }
            let attributes = LibXMLParser.attributeList(attributes)
            LibXMLParser.builder(context).start(LibXMLParser.lowercased(String(cString: name)), attributes: attributes)
        }
        handler.endElement = { context, _ in LibXMLParser.builder(context).end() }
        handler.characters = { context, text, length in
            let builder = LibXMLParser.builder(context)
            // Text the tree does not keep (in a script, say) is not decoded.
            guard let text, length > 0, builder.keepsText else { return }
            builder.text(String(decoding: UnsafeBufferPointer(start: text, count: Int(length)), as: UTF8.self))
        }
        handler.cdataBlock = handler.characters
        return handler
    }

    private static func builder(_ context: UnsafeMutableRawPointer?) -> HTMLTreeBuilder {
        Unmanaged<HTMLTreeBuilder>.fromOpaque(context!).takeUnretainedValue()
    }

    /// A tag or attribute name, lowercased. libxml2's HTML parser lowercases names itself, so this only copies,
    /// unless a name somehow kept a capital.
    private static func lowercased(_ text: String) -> String {
        text.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? text.lowercased() : text
    }

    /// The name and value pairs of a start tag (a NULL-ended list). A valueless boolean attribute (`checked`) has
    /// its name as value, as in libxml2's tree; another valueless one is empty.
    private static func attributeList(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [(name: String, value: String)] {
        guard let list else { return [] }
        var result: [(name: String, value: String)] = []
        var i = 0
        while let name = list[i] {
            let value = list[i + 1].map { String(cString: $0) } ?? (htmlIsBooleanAttr(name) != 0 ? String(cString: name) : "")
            result.append((lowercased(String(cString: name)), value))
            i += 2
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
