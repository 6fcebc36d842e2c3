import StageModel

/// The host lists of the summary (flaky, failing, failed nights), each ranked by a count and
/// then by host key.
///
/// The hosts are put in key order once, by sorting the clusters and then each cluster's host
/// ids, and each list is then ranked on integers (its count, then that position). Sorting every
/// list on its string keys cost more than the rest of the summary together. Hosts are sorted
/// and ranked by position, never moved: every move of a (key, track) pair was a copy, a retain
/// and a release for each of its strings and arrays.
struct HostRanking {
    /// Every host, by (vCenter, cluster id, host id) in byte order, and its track.
    private let keys: [HostKey]
    private let tracks: [HostTrack]

    /// `clusters` must be sorted by key.
    init(sortedClusters clusters: [(key: ClusterKey, value: ClusterAccumulator)]) {
        var keys: [HostKey] = [], tracks: [HostTrack] = []
        let count = clusters.reduce(0) { $0 + $1.value.hosts.count }
        keys.reserveCapacity(count)
        tracks.reserveCapacity(count)
        for (key, cluster) in clusters {
            // A dictionary's keys and values come in the same order.
            let ids = Array(cluster.hosts.keys), clusterTracks = Array(cluster.hosts.values)
            for i in ids.indices.sorted(by: { ByteOrder.less(ids[$0], ids[$1]) }) {
                keys.append(HostKey(vcenter: key.vcenter, cluster: key.id, host: ids[i]))
                tracks.append(clusterTracks[i])
            }
        }
        self.keys = keys
        self.tracks = tracks
    }

    var flaky: [FlakyHost] {
        ranked { t in tracks[t].succeeded > 0 && tracks[t].failed > 0 ? tracks[t].failed : nil }.map { i in
            FlakyHost(key: keys[i], name: tracks[i].name, outcomes: tracks[i].outcomes,
                      succeeded: tracks[i].succeeded, failed: tracks[i].failed)
        }
    }

    var failing: [FailingHost] {
        ranked { t in tracks[t].latest?.isFailure == true ? tracks[t].streak : nil }.map { i in
            FailingHost(key: keys[i], name: tracks[i].name, streak: tracks[i].streak,
                        latestOutcome: tracks[i].latest ?? .failed, latestRunStart: tracks[i].latestStart,
                        latestReason: tracks[i].latestReason)
        }
    }

    /// Hosts with a failed or timed-out outcome in the window's last `keptNights` nights (days
    /// with a run), with their outcomes on those nights. A host's own latest cells cover them:
    /// any of its cells on one of the window's latest nights is among its own latest.
    func nights(windowDays: [Int32]) -> [HostNights] {
        let shown = Set(windowDays.suffix(HostNights.keptNights))
        return ranked { t -> Int? in
            guard tracks[t].failed > 0 else { return nil }
            let failed = tracks[t].nights.reduce(0) { n, c in shown.contains(c.day) ? n + c.failedCount : n }
            return failed > 0 ? failed : nil
        }.map { i in
            let shownCells = tracks[i].nights.filter { shown.contains($0.day) }
            return HostNights(key: keys[i], name: tracks[i].name,
                              failed: shownCells.reduce(0) { $0 + $1.failedCount }, nights: shownCells.map(HostNights.Night.init))
        }
    }

    /// The positions of the hosts for which `count` is not nil, by count descending, then by key.
    private func ranked(by count: (Int) -> Int?) -> [Int] {
        var picked: [(count: Int, position: Int)] = []
        for i in tracks.indices {
            if let n = count(i) { picked.append((n, i)) }
        }
        picked.sort { $0.count != $1.count ? $0.count > $1.count : $0.position < $1.position }
        return picked.map(\.position)
    }
}
