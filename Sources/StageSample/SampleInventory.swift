/// The fleet's fixed shape: vCenters, clusters and hosts with their long-lived traits. It is
/// small (one value per host) and built once, before any document is generated.
struct SampleInventory: Sendable {
    let vcenters: [SampleVCenter]
    let firstDay: Int64
    let nights: Int
    let seed: UInt64

    init(spec: SampleFleetSpec, firstDay: Int64) {
        self.firstDay = firstDay
        nights = spec.nights
        seed = spec.seed
        var fleet = SampleRandom(seed: SampleRandom.derive(spec.seed, 1))
        // One cluster of the whole fleet is noticeably worse, so reports have a clear outlier.
        let troubled = (
            vcenter: fleet.int(0...(spec.vcenters - 1)),
            cluster: fleet.int(0...(spec.clustersPerVCenter - 1))
        )
        var built: [SampleVCenter] = []
        built.reserveCapacity(spec.vcenters)
        for index in 0..<spec.vcenters {
            built.append(
                SampleVCenter(
                    index: index, spec: spec,
                    troubledCluster: troubled.vcenter == index ? troubled.cluster : nil))
        }
        vcenters = built
    }
}
