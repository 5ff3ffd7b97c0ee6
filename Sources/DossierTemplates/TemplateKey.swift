import DossierSupport

/// A name in a template object: its text and a hash of it worked out once, so a lookup while rendering (the
/// most frequent operation of a build) compares one integer before it compares any text.
public struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as written.
    public let name: String
    /// FNV-1a of the name's UTF-8 bytes.
    let code: UInt64

    /// The key for `name`.
    public init(_ name: String) {
        self.name = name
        code = name.utf8.withContiguousStorageIfAvailable(TemplateKey.fnv1a) ?? TemplateKey.fnv1a(name.utf8)
    }

    /// Over the contiguous UTF-8 where the string has it: `name.utf8.span` took twice as long for the short names
    /// of keys (callgrind).
    @inline(__always)
    private static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    /// A string literal is a key, so objects are written as dictionary literals.
    public init(stringLiteral value: String) { self.init(value) }

    public static func == (a: TemplateKey, b: TemplateKey) -> Bool { a.code == b.code && a.name == b.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { name }
}
