/// Cluster display names from `GET /api/vcenter/cluster` (objects with `cluster` and `name`).
/// An entry may carry a `vcenter` annotation; without one it names that id in every vCenter.
public struct ClusterInventory: Sendable, Equatable {
    private var names: [String: String] = [:]

    public init() {}

    public mutating func add(id: String, name: String, vcenter: String?) {
        names[(vcenter ?? "*") + "\u{0}" + id] = name
    }

    public func name(vcenter: String, id: String) -> String? {
        names[vcenter + "\u{0}" + id] ?? names["*\u{0}" + id]
    }

    public var isEmpty: Bool { names.isEmpty }

    /// Adds another inventory's names; where both name a cluster, `other`'s name wins.
    public mutating func merge(_ other: ClusterInventory) {
        names.merge(other.names) { _, theirs in theirs }
    }
}
