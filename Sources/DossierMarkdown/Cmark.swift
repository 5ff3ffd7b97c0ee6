import CCmarkGFM
import DossierSupport

import Foundation

/// Small helpers around cmark-gfm's C API, shared by the parser and the
/// plain-text renderer. DossierMarkdown is the only module that imports
/// CCmarkGFM, so none of this leaks into the rest of Dossier.
enum Cmark {
    /// Registers the core GFM extensions. `cmark_gfm_core_extensions_ensure_registered`
    /// is not thread-safe; a `static let` initializer runs exactly once,
    /// lazily and thread-safely, so touching this before every parse makes
    /// registration safe under concurrency without global mutable state.
    static let coreExtensionsRegistered: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// Serializes cmark-gfm's parsing phases. In 0.29.0.gfm.6 attaching
    /// inline extensions adds their special characters (`~`, `:`, `w`, `@`)
    /// to one process-wide table while a parser parses inlines and removes
    /// them afterwards (`cmark_manage_extensions_special_characters`), so two
    /// concurrent parses make each other miss strikethrough and autolinks.
    /// A lock is no mutable state of ours; it only orders access to theirs.
    private static let inlineParserLock = NSLock()

    /// Runs `body` (which feeds or finishes a cmark parser) while no other
    /// cmark parse runs.
    static func withInlineParserLock<T>(_ body: () throws -> T) rethrows -> T {
        inlineParserLock.lock()
        defer { inlineParserLock.unlock() }
        return try body()
    }

    /// Whether a node type is inline.
    static func isInline(_ type: cmark_node_type) -> Bool {
        type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_INLINE)
    }

    /// The GFM extensions Dossier enables.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Calls `body` with the bytes of a NUL-terminated C string from cmark-gfm (a node's literal, URL, title, info
    /// string or type name), without the NUL; with no bytes when the pointer is NULL.
    ///
    /// The one place DossierMarkdown reads cmark-gfm's C strings. Safety: cmark-gfm keeps a node's strings until the
    /// node is edited or freed, which nothing does during `body`; the span covers the `strlen` bytes before the NUL,
    /// and cannot outlive the call.
    static func withBytes<R>(of string: UnsafePointer<CChar>?, _ body: (Span<UInt8>) -> R) -> R {
        guard let string else { return body(Span()) }
        let count = strlen(string)
        return string.withMemoryRebound(to: UInt8.self, capacity: count) { body(UnsafeBufferPointer(start: $0, count: count).span) }
    }

    /// A copy of the literal text of `node` (empty when it has none).
    static func literal(of node: OpaquePointer) -> [UInt8] {
        withBytes(of: cmark_node_get_literal(node)) { [UInt8](copying: $0) }
    }

    /// Whether the type name of `node` (`cmark_node_get_type_string`: "table", "table_cell", …) is `name`, compared
    /// without making a `String`.
    static func isType(_ node: OpaquePointer, _ name: StaticString) -> Bool {
        let expected = name.utf8Start
        return withBytes(of: cmark_node_get_type_string(node)) { actual in
            guard actual.count == name.utf8CodeUnitCount else { return false }
            for i in actual.indices where actual[i] != expected[i] { return false }
            return true
        }
    }

    /// Replaces reserved placeholder characters that HTML entities may have
    /// produced in a node's text, URL, title or info string (raw ones were
    /// neutralized in the source before parsing).
    static func neutralizeReservedCharacters(in node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            if let fixed = withBytes(of: cmark_node_get_literal(node), neutralized) { cmark_node_set_literal(node, fixed) }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            if let fixed = withBytes(of: cmark_node_get_url(node), neutralized) { cmark_node_set_url(node, fixed) }
            if let fixed = withBytes(of: cmark_node_get_title(node), neutralized) { cmark_node_set_title(node, fixed) }
        case CMARK_NODE_CODE_BLOCK:
            if let fixed = withBytes(of: cmark_node_get_fence_info(node), neutralized) { cmark_node_set_fence_info(node, fixed) }
        default:
            break
        }
    }

    /// `text` with its reserved placeholder characters neutralized, NUL-terminated for cmark-gfm's setters (which
    /// copy it); nil when it has none.
    private static func neutralized(_ text: Span<UInt8>) -> [CChar]? {
        // Reserved scalars begin with 0xEF in UTF-8: most texts have none and are not copied.
        guard ByteSpan.firstIndex(of: 0xEF, in: text, from: 0) != nil, PlaceholderToken.containsReserved(utf8: text) else {
            return nil
        }
        var bytes = [UInt8](copying: text)
        PlaceholderToken.neutralize(utf8: &bytes)
        bytes.append(0)
        return bytes.map { CChar(bitPattern: $0) }
    }
}
