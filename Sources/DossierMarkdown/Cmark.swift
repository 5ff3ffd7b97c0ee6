import CCmarkGFM

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

    /// The UTF-8 bytes of a NUL-terminated C string.
    static func bytes(_ pointer: UnsafePointer<CChar>) -> [UInt8] {
        pointer.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(pointer))) }
    }

    /// A C string as a Swift string (empty when NULL).
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Whether a node type name (from `cmark_node_get_type_string`) is `name`, compared without making a `String`.
    static func isType(_ typeName: UnsafePointer<CChar>?, _ name: StaticString) -> Bool {
        guard let typeName else { return false }
        return name.withUTF8Buffer { expected in
            strlen(typeName) == expected.count && memcmp(typeName, expected.baseAddress!, expected.count) == 0
        }
    }


    /// Replaces reserved placeholder characters that HTML entities may have
    /// produced in a node's text, URL, title or info string (raw ones were
    /// neutralized in the source before parsing).
    static func neutralizeReservedCharacters(in node: OpaquePointer) {
        func fix(
            _ get: (OpaquePointer) -> UnsafePointer<CChar>?,
            _ set: (OpaquePointer, UnsafePointer<CChar>) -> Int32
        ) {
            // Reserved scalars begin with 0xEF in UTF-8: most texts have none and are not copied.
            guard let pointer = get(node), strchr(pointer, Int32(Int8(bitPattern: 0xEF))) != nil else { return }
            var bytes = bytes(pointer)
            guard PlaceholderToken.containsReserved(utf8: bytes.span) else { return }
            PlaceholderToken.neutralize(utf8: &bytes)
            bytes.append(0)
            _ = set(node, bytes.map { CChar(bitPattern: $0) })
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            fix({ cmark_node_get_literal($0) }, { cmark_node_set_literal($0, $1) })
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            fix({ cmark_node_get_url($0) }, { cmark_node_set_url($0, $1) })
            fix({ cmark_node_get_title($0) }, { cmark_node_set_title($0, $1) })
        case CMARK_NODE_CODE_BLOCK:
            fix({ cmark_node_get_fence_info($0) }, { cmark_node_set_fence_info($0, $1) })
        default:
            break
        }
    }
}
