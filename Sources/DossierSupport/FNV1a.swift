/// FNV-1a, 64-bit: a few instructions a byte, for the short keys of in-memory tables (template names, words)
/// where XXH64, made for long inputs, costs more than the key's bytes. Not for anything kept on disk.
public struct FNV1a {
    /// The hash of the bytes added so far.
    public var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// A hash of no bytes yet.
    @inlinable
    public init() {}

    /// Adds one byte.
    @inlinable @inline(__always)
    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The hash of `bytes`.
    @inlinable
    public static func hash(_ bytes: Span<UInt8>) -> UInt64 {
        var h = FNV1a()
        for i in bytes.indices { h.add(bytes[i]) }
        return h.value
    }
}
