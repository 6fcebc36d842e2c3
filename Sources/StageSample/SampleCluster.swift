/// One cluster and what stays true about it across nights: its hosts, its schedule and the
/// commits it stages.
struct SampleCluster: Sendable {
    let vcenterIndex: Int
    let index: Int
    /// ClusterComputeResource MoRef, unique within its vCenter only.
    let id: String
    let displayName: String
    var hosts: [SampleHost]
    let isTroubled: Bool
    /// Share of documents that carry the `cluster_name` annotation (some clusters never do).
    let nameAnnotationRate: Double
    /// Scheduled start, minutes after 00:00 UTC: stages run in the 01:00–03:00 window.
    let startMinute: Int
    /// (first night, commit) pairs in night order: the commit advances every few nights.
    let commitChanges: [(night: Int, commit: Int)]

    init(
        vcenterIndex: Int, index: Int, id: String, displayName: String, hosts: [SampleHost],
        isTroubled: Bool, rng: inout SampleRandom, spec: SampleFleetSpec
    ) {
        self.vcenterIndex = vcenterIndex
        self.index = index
        self.id = id
        self.displayName = displayName
        self.isTroubled = isTroubled
        nameAnnotationRate = [0.0, 0.5, 1.0][rng.weighted([25, 45, 30])]
        startMinute = 62 + rng.int(0...115)
        var changes: [(night: Int, commit: Int)] = [(0, rng.int(1...6))]
        var night = rng.int(1...5)
        while night < spec.nights, let last = changes.last {
            // Now and then a commit is created and superseded before any stage uses it.
            changes.append((night, last.commit + (rng.chance(0.15) ? 2 : 1)))
            night += rng.int(2...6)
        }
        commitChanges = changes
        var hosts = hosts
        if isTroubled, spec.nights >= 4 {
            // The outlier also has a host that keeps failing at the end of the window.
            hosts[0].trait = .failing(from: spec.nights - 3, reason: .insufficientSpace)
        }
        self.hosts = hosts
    }

    func commit(night: Int) -> Int {
        var commit = commitChanges[0].commit
        for change in commitChanges where change.night <= night { commit = change.commit }
        return commit
    }
}
