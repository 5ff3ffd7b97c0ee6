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

    @inline(__always)
    private static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A string literal is a key, so objects are written as dictionary literals.
    public init(stringLiteral value: String) { self.init(value) }

    public static func == (a: TemplateKey, b: TemplateKey) -> Bool { a.code == b.code && a.name == b.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { name }
}
