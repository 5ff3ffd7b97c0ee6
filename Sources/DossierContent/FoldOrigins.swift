/// For each folded byte of a `QuoteText`, the index of the original scalar it came from, in about one byte per
/// folded byte instead of four.
///
/// Origins never decrease and mostly step by 0 or 1, so they are kept per block of 64 bytes: the block's first
/// origin as an `Int32`, and each byte's distance from it as a `UInt8`. A distance that does not fit (a block whose
/// bytes span more than 254 scalars, as after a long dropped run) is marked 255 and kept exactly in `wide`. The
/// source texts of a site are held for the whole build, so this is a quarter of their largest part.
struct FoldOrigins: Sendable {
    /// Bytes per block: a power of two, so the block of byte `i` is `i >> blockShift`.
    static let blockShift = 6
    /// The distance that marks an origin kept in `wide`.
    static let isWide: UInt8 = 255

    /// The origin of each block's first byte.
    private var bases: [Int32] = []
    /// Each byte's origin less its block's base, or `isWide`.
    private var distances: [UInt8] = []
    /// The byte offsets and origins of the bytes marked `isWide`, by ascending offset.
    private var wide: [(offset: Int32, origin: Int32)] = []
    /// The last block's base, kept at hand: `append` runs for every byte of every source.
    private var base = 0

    /// An empty map with room for `capacity` bytes.
    init(capacity: Int) {
        distances.reserveCapacity(capacity)
        bases.reserveCapacity((capacity >> Self.blockShift) + 1)
    }

    /// How many bytes have an origin.
    var count: Int { distances.count }

    /// The origin of byte `offset`.
    subscript(offset: Int) -> Int {
        let distance = distances[offset]
        guard distance == Self.isWide else { return Int(bases[offset >> Self.blockShift]) + Int(distance) }
        var low = 0, high = wide.count
        while low < high {
            let mid = (low + high) / 2
            if Int(wide[mid].offset) < offset { low = mid + 1 } else { high = mid }
        }
        return Int(wide[low].origin)
    }

    /// Records that the next byte came from scalar `origin`, which is at least the last byte's.
    @inline(__always)
    mutating func append(_ origin: Int) {
        let offset = distances.count
        if offset & ((1 << Self.blockShift) - 1) == 0 {
            base = origin
            bases.append(Int32(truncatingIfNeeded: origin))
        }
        let distance = origin &- base
        if distance < Int(Self.isWide) {
            distances.append(UInt8(truncatingIfNeeded: distance))
        } else {
            distances.append(Self.isWide)
            wide.append((Int32(truncatingIfNeeded: offset), Int32(truncatingIfNeeded: origin)))
        }
    }

    /// Forgets the last byte's origin.
    mutating func removeLast() {
        let offset = distances.count - 1
        if distances.removeLast() == Self.isWide { wide.removeLast() }
        if offset & ((1 << Self.blockShift) - 1) == 0 {
            bases.removeLast()
            base = Int(bases.last ?? 0)
        }
    }
}
