import StageModel

/// The host lists of the summary (flaky, failing, failed nights), each ranked by a count and
/// then by host key.
///
/// The hosts are put in key order once, by sorting the clusters and then each cluster's host
/// ids, and each list is then ranked on integers (its count, then that position). Sorting every
/// list on its string keys cost more than the rest of the summary together.
struct HostRanking {
    /// Every host, by (vCenter, cluster id, host id) in byte order.
    private let hosts: [(key: HostKey, track: HostTrack)]

    /// `clusters` must be sorted by key.
    init(sortedClusters clusters: [(key: ClusterKey, value: ClusterAccumulator)]) {
        var hosts: [(key: HostKey, track: HostTrack)] = []
        hosts.reserveCapacity(clusters.reduce(0) { $0 + $1.value.hosts.count })
        for (key, cluster) in clusters {
            for (id, track) in cluster.hosts.sorted(by: { ByteOrder.less($0.key, $1.key) }) {
                hosts.append((HostKey(vcenter: key.vcenter, cluster: key.id, host: id), track))
            }
        }
        self.hosts = hosts
    }

    var flaky: [FlakyHost] {
        ranked { $0.succeeded > 0 && $0.failed > 0 ? $0.failed : nil }
            .map { FlakyHost(key: $0.key, name: $0.track.name, outcomes: $0.track.outcomes,
                             succeeded: $0.track.succeeded, failed: $0.track.failed) }
    }

    var failing: [FailingHost] {
        ranked { $0.latest?.isFailure == true ? $0.streak : nil }
            .map { FailingHost(key: $0.key, name: $0.track.name, streak: $0.track.streak,
                               latestOutcome: $0.track.latest ?? .failed, latestRunStart: $0.track.latestStart,
                               latestReason: $0.track.latestReason) }
    }

    /// Hosts with a failed or timed-out outcome in the window's last `keptNights` nights (days
    /// with a run), with their outcomes on those nights. A host's own latest cells cover them:
    /// any of its cells on one of the window's latest nights is among its own latest.
    func nights(windowDays: [Int32]) -> [HostNights] {
        let shown = Set(windowDays.suffix(HostNights.keptNights))
        let failing = ranked { track -> Int? in
            guard track.failed > 0 else { return nil }
            let failed = track.nights.reduce(0) { n, c in shown.contains(c.day) ? n + c.failedCount : n }
            return failed > 0 ? failed : nil
        }
        return failing.map { host in
            let shownCells = host.track.nights.filter { shown.contains($0.day) }
            return HostNights(key: host.key, name: host.track.name,
                              failed: shownCells.reduce(0) { $0 + $1.failedCount }, nights: shownCells.map(HostNights.Night.init))
        }
    }

    /// The hosts for which `count` is not nil, by count descending, then by key.
    private func ranked(by count: (HostTrack) -> Int?) -> [(key: HostKey, track: HostTrack)] {
        var picked: [(count: Int, position: Int)] = []
        for i in hosts.indices {
            if let n = count(hosts[i].track) { picked.append((n, i)) }
        }
        picked.sort { $0.count != $1.count ? $0.count > $1.count : $0.position < $1.position }
        return picked.map { hosts[$0.position] }
    }
}
