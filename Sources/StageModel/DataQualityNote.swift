/// Something odd in a document that is counted, never rejected (report-semantics §2).
public enum DataQualityKind: String, CaseIterable, Sendable, Codable, Comparable {
    case hostInSeveralLists = "host-in-several-lists"
    case listDisagreesWithStatus = "list-disagrees-with-status"
    case statusWithoutHostInfo = "status-without-host-info"
    case invalidTime = "invalid-time"
    case unknownCluster = "unknown-cluster"
    // New kinds go last: partial files store a kind by its position in `allCases`.
    /// A string held bytes that are not UTF-8; each bad sequence became U+FFFD.
    case invalidUTF8 = "invalid-utf8"
    /// An object or list arrived as a string a serializer wrote instead (`@{…}`, `System.Object[]`).
    case flattenedBySerializer = "flattened-by-serializer"
    /// A host of a finished run with neither a status nor a place in a host list.
    case hostWithoutStatus = "host-without-status"
    /// A run whose vCenter is not known: its cluster and host ids cannot be told from another's.
    case vcenterMissing = "vcenter-missing"

    public static func < (lhs: DataQualityKind, rhs: DataQualityKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One occurrence of a data-quality kind, with a short human-readable detail.
public struct DataQualityNote: Sendable, Equatable {
    public var kind: DataQualityKind
    public var detail: String

    public init(kind: DataQualityKind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
