/// One vCenter: its name and its clusters, with MoRefs and host names as vCenter hands them out.
struct SampleVCenter: Sendable {
    let index: Int
    let name: String
    let clusters: [SampleCluster]

    private static let sites = ["ams", "fra", "lon", "par", "nyc", "sjc", "sin", "syd", "zrh", "tyo"]
    private static let cities = ["zürich", "genève", "malmö", "kraków", "münchen", "são-paulo", "reykjavík"]

    init(index: Int, spec: SampleFleetSpec, troubledCluster: Int?) {
        self.index = index
        let ordinal = index + 1
        name = "vc\(ordinal < 10 ? "0" : "")\(ordinal).dc\(index).example.com"
        let site = Self.sites[index % Self.sites.count]
        var rng = SampleRandom(seed: SampleRandom.derive(spec.seed, 2, UInt64(index)))
        // MoRefs come from one counter per vCenter, so ids interleave like real ones
        // (domain-c8, host-12, host-16, …) and repeat across vCenters.
        var moref = 7 + rng.int(0...2)
        var namer = ClusterNamer()
        var clusters: [SampleCluster] = []
        clusters.reserveCapacity(spec.clustersPerVCenter)
        var lateJoiners: [(cluster: Int, host: Int)] = []
        for clusterIndex in 0..<spec.clustersPerVCenter {
            moref += 1 + rng.int(0...3)
            let clusterID = "domain-c\(moref)"
            let count = max(1, Int((Double(spec.hostsPerCluster) * (0.5 + rng.unit())).rounded()))
            var hosts: [SampleHost] = []
            hosts.reserveCapacity(count + 1)
            let cc = Self.twoDigits(clusterIndex + 1)
            for hostIndex in 0..<count {
                moref += 1 + (rng.chance(0.3) ? rng.int(1...4) : 0)
                let hh = Self.twoDigits(hostIndex + 1)
                let name: String
                let roll = rng.unit()
                if roll < 0.03 {
                    name = "10.\(20 + index % 200).\(clusterIndex % 250).\(10 + hostIndex % 240)"
                } else if roll < 0.04 {
                    name = "esx-\(rng.pick(Self.cities))-\(cc)\(hh).dc\(index).example.com"
                } else {
                    name = "esx-\(site)-c\(cc)-\(hh).dc\(index).example.com"
                }
                var host = SampleHost(id: "host-\(moref)", name: name, isWitness: false)
                host.assignTraits(rng: &rng, nights: spec.nights, clusterSize: count)
                if host.firstNight > 0 { lateJoiners.append((clusterIndex, hostIndex)) }
                hosts.append(host)
            }
            // Small vSAN clusters (2-node, stretched) carry a witness host in `host_info`.
            if count <= 3, rng.chance(0.4) {
                moref += 1
                hosts.append(
                    SampleHost(
                        id: "host-\(moref)", name: "witness-\(site)-c\(cc).dc\(index).example.com",
                        isWitness: true))
            }
            let troubled = troubledCluster == clusterIndex
            clusters.append(
                SampleCluster(
                    vcenterIndex: index, index: clusterIndex, id: clusterID,
                    displayName: namer.next(rng: &rng), hosts: hosts,
                    isTroubled: troubled, rng: &rng, spec: spec))
        }
        // Hosts added during the window were created last, so they get the highest MoRefs.
        for (clusterIndex, hostIndex) in lateJoiners {
            moref += 1 + rng.int(0...2)
            clusters[clusterIndex].hosts[hostIndex].id = "host-\(moref)"
        }
        if index == 0 { Self.forceShowcaseHosts(&clusters) }
        self.clusters = clusters
    }

    /// The first vCenter always shows the odd cases, so even the small demo fleet has them.
    private static func forceShowcaseHosts(_ clusters: inout [SampleCluster]) {
        guard let last = clusters.indices.last else { return }
        let first = clusters.startIndex
        let lastHost = clusters[first].hosts.count - 1
        if lastHost > 0 { clusters[first].hosts[lastHost].name = "10.20.0.\(10 + lastHost % 240)" }
        let target = min(1, clusters[last].hosts.count - 1)
        if last != first || target != lastHost {
            clusters[last].hosts[target].name = "esx-zürich-\(twoDigits(target + 1)).dc0.example.com"
        }
        if clusters[first].hosts[0].trait == .steady { clusters[first].hosts[0].trait = .flaky }
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

/// Cluster display names as operators write them: a role and a number per role.
private struct ClusterNamer {
    private static let roles = [
        "Prod Compute", "Prod DB", "VDI", "Edge", "Mgmt", "Dev Test",
        "Backup", "K8s Workload", "R&D Lab", "Canary <blue>"
    ]
    private static let weights: [Double] = [30, 12, 10, 8, 6, 12, 5, 10, 5, 2]
    private var used = [Int](repeating: 0, count: ClusterNamer.roles.count)

    mutating func next(rng: inout SampleRandom) -> String {
        let role = rng.weighted(Self.weights)
        used[role] += 1
        let base = "\(Self.roles[role]) \(SampleVCenter.twoDigits(used[role]))"
        // Some names carry a site in non-ASCII, as in real multi-site estates.
        return rng.chance(0.05) ? "\(base) – Zürich" : base
    }
}
