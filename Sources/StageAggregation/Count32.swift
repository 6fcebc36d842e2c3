/// A count kept in 32 bits and read and written as an `Int`: the summary's groupings hold many
/// counts (two `OutcomeCounts` and a `WaivedCounts` for every commit and day of every cluster),
/// and no window holds four billion of one kind. A count that would leave `UInt32` (past it,
/// or below zero) stops the program rather than wrap.
@propertyWrapper
public struct Count32: Sendable, Hashable {
    @usableFromInline var stored: UInt32

    @inlinable public init(wrappedValue: Int) { stored = UInt32(wrappedValue) }

    @inlinable public var wrappedValue: Int {
        get { Int(stored) }
        set { stored = UInt32(newValue) }
    }
}
