import StageAggregation
import StageModel

/// One row of `hosts.csv`: what the summary knows about a host.
///
/// Every host when the summary lists them all (`Summary.hosts`, made when CSV is asked for);
/// otherwise the union of the flaky hosts, the failing hosts and the hosts that failed in the
/// latest month of nights. A value the summary does not hold for a host is an empty cell,
/// never a guess (docs/outputs.md, CSV).
struct HostRow {
    var key: HostKey
    var name: String
    /// The host's entry in the list of every host, when the summary has that list.
    var latest: HostLatest?
    /// The failing host's entry, when its latest outcome is failed or timed out.
    var failing: FailingHost?
    var flaky: FlakyHost?
    var nights: HostNights?

    /// The latest outcome: the failing entry's, else that of the host's latest night (runs
    /// without a start sort first, so the latest night holds the latest outcome), else unknown.
    var latestOutcome: HostOutcome? {
        latest?.latestOutcome ?? failing?.latestOutcome ?? nights?.nights.last?.latest
    }

    /// Latest consecutive failed or timed-out outcomes; 0 for a host whose latest outcome is
    /// known and is neither, empty when it is not known.
    var streak: Int? { latest?.streak ?? failing?.streak ?? (latestOutcome == nil ? nil : 0) }

    var latestRunStart: Timestamp? { latest?.latestRunStart ?? failing?.latestRunStart }

    /// The latest outcome's reason: known for every host from the list of every host, else
    /// only for failing hosts.
    var latestReason: String? { latest?.latestReason ?? failing?.latestReason }

    /// Failed or timed-out outcomes on the window's last `HostNights.keptNights` nights: every
    /// host with one is in `host_nights`, so a host missing from it has 0.
    var recentFailures: Int { nights?.failed ?? 0 }

    /// The UTC date of the night on which the current streak began, walking the host's nights
    /// back from the latest and taking off their failed or timed-out outcomes until the streak
    /// is used up. The streak began on the first night that has another outcome too, or whose
    /// failures use it up. `nil` when the host is not failing, or when the kept nights (a month,
    /// counts kept up to 255) run out before the streak does: it began earlier than they show,
    /// or in a run without a start.
    var failingSince: String? {
        guard let failing, let nights = nights?.nights, !nights.isEmpty else { return nil }
        var remaining = failing.streak
        for night in nights.reversed() {
            let counts = night.outcomes
            let failures = counts.failures
            // A saturated count no longer says how many outcomes the night had.
            guard counts.total < 255 else { return nil }
            remaining -= failures
            if remaining <= 0 || failures < counts.total { return night.date }
        }
        return nil
    }

    /// One row per host (every host, or those of the three lists), by vCenter, cluster id and
    /// host id.
    static func rows(of summary: Summary) -> [HostRow] {
        var rows: [HostKey: HostRow] = [:]
        func row(_ key: HostKey, _ name: String) -> HostRow { rows[key] ?? HostRow(key: key, name: name) }
        for h in summary.hosts {
            var r = row(h.key, h.name)
            r.latest = h
            rows[h.key] = r
        }
        for h in summary.failingHosts {
            var r = row(h.key, h.name)
            r.failing = h
            rows[h.key] = r
        }
        for h in summary.flakyHosts {
            var r = row(h.key, h.name)
            r.flaky = h
            rows[h.key] = r
        }
        for h in summary.hostNights {
            var r = row(h.key, h.name)
            r.nights = h
            rows[h.key] = r
        }
        return rows.values.sorted { $0.key < $1.key }
    }
}
