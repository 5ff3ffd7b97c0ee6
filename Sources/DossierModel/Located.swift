/// A value with the place it was written, so a later check can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    /// Pairs `value` with where it was written.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
