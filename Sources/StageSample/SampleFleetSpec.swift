/// What to generate. Everything in the fleet is a pure function of this value: the same spec
/// gives byte-identical files, and `layout` changes only how the same documents are stored.
public struct SampleFleetSpec: Sendable, Equatable {
    public var vcenters: Int
    public var clustersPerVCenter: Int
    /// The mean cluster size; each cluster varies deterministically around it (±50 %, at least 1).
    public var hostsPerCluster: Int
    public var nights: Int
    public var seed: UInt64
    public var layout: SampleLayout
    /// UTC date (`YYYY-MM-DD`) of the first night.
    public var firstNight: String

    public init(
        vcenters: Int = 2, clustersPerVCenter: Int = 3, hostsPerCluster: Int = 8,
        nights: Int = 7, seed: UInt64 = 1, layout: SampleLayout = .filePerRun,
        firstNight: String = "2026-11-01"
    ) {
        self.vcenters = vcenters
        self.clustersPerVCenter = clustersPerVCenter
        self.hostsPerCluster = hostsPerCluster
        self.nights = nights
        self.seed = seed
        self.layout = layout
        self.firstNight = firstNight
    }

    /// Upper bounds keep a typo (`--hosts 20000`) from filling a disk; they are far above any
    /// real vSphere limit (96 hosts per cluster, a few thousand clusters per vCenter).
    public static let limits = (
        vcenters: 1...999, clustersPerVCenter: 1...9_999,
        hostsPerCluster: 1...1_000, nights: 1...3_660
    )

    /// Checks every field; `SampleFleetWriter.write(to:)` does the same before writing anything.
    public func validate() throws(SampleFleetError) {
        _ = try validatedFirstNight()
    }

    /// The first night as days since 1970-01-01, after checking every field.
    func validatedFirstNight() throws(SampleFleetError) -> Int64 {
        try Self.check("vcenters", vcenters, Self.limits.vcenters)
        try Self.check("clustersPerVCenter", clustersPerVCenter, Self.limits.clustersPerVCenter)
        try Self.check("hostsPerCluster", hostsPerCluster, Self.limits.hostsPerCluster)
        try Self.check("nights", nights, Self.limits.nights)
        guard let days = SampleClock.days(fromISODate: firstNight) else {
            throw .invalidSpec(
                field: "firstNight", value: firstNight,
                reason: "expected a real UTC date as YYYY-MM-DD, from 1971 on")
        }
        return days
    }

    private static func check(
        _ field: String, _ value: Int,
        _ range: ClosedRange<Int>
    ) throws(SampleFleetError) {
        guard range.contains(value) else {
            throw .invalidSpec(
                field: field, value: String(value),
                reason: "must be in \(range.lowerBound)...\(range.upperBound)")
        }
    }
}

/// How documents are stored on disk.
public enum SampleLayout: String, Sendable, CaseIterable {
    /// `<dir>/<vcenter>/<cluster-id>/<YYYY-MM-DD>.json`, one pretty-printed document per file.
    case filePerRun = "files"
    /// `<dir>/<vcenter>.jsonl`, one compact document per line.
    case jsonLines = "jsonl"
}
