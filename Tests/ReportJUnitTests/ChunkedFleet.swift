import StageAggregation
import StageModel
import TestHelpers

/// A deterministic fleet of about a thousand runs (≈ 15,000 cases, ≈ 4 MB of XML) for the
/// chunked, parallel writer: clusters with up to 40 runs each (so chunk boundaries fall inside
/// clusters), runs without hosts or without a start, every outcome, hostile text, messages with
/// several lines, and hosts that share a display name.
enum ChunkedFleet {
    /// SplitMix64: the same fleet on every machine and run.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let outcomes: [(HostOutcome, String?)] = [
        (.succeeded, "OK"), (.succeeded, "OK"), (.succeeded, "OK"), (.succeeded, "OK"), (.succeeded, "OK"),
        (.failed, "ERROR"), (.timedOut, "TIMED_OUT"), (.skipped, "SKIPPED"), (.inProgress, "RUNNING"),
        (.unknown, "WEIRD"), (.unknown, nil)
    ]

    static let reasonIDs = [
        "com.vmware.vcIntegrity.lifecycle.EsxImage.StageFailed", Reason.unspecified, Reason.timedOut,
        "symbol", "com.vmware Err", "", " \t", "a..b", ".lead", "com.vmware.日本.Fehler"
    ]

    static func runs() -> [StageRun] {
        var random = Random(state: 20_261_231)
        var runs: [StageRun] = []
        for v in 0..<3 {
            let vcenter = v == 2 ? "vc hostile \(HostileFleet.pieces[3])" : "vc\(v).dc.example.com"
            for c in 0..<17 {
                let clusterID = c % 5 == 4 ? "domain-c\(c).with.dots" : "domain-c\(c)"
                let clusterName: String? =
                    c % 3 == 0 ? nil : "Cluster \(c) " + (c % 4 == 0 ? HostileFleet.text(c) : "east")
                let hostCount = random.below(30)
                for n in 0..<(1 + random.below(40)) {
                    let start: Timestamp? =
                        n == 3 && c % 2 == 0
                        ? nil
                        : Timestamp(
                            milliseconds: 1_780_000_000_000 + Int64(n) * 86_400_000 + Int64(random.below(3_600_000)))
                    var hosts: [HostResult] = []
                    for h in 0..<(n % 11 == 10 ? 0 : hostCount) {
                        hosts.append(host(h, run: n, start: start, random: &random))
                    }
                    runs.append(
                        StageRun(
                            source: DocumentSource(path: "fleet/\(v)/\(c)/\(n).json"), vcenter: vcenter,
                            clusterID: clusterID, clusterName: clusterName, commit: "commit-\(n % 7)",
                            taskStatus: n % 4 == 0 ? nil : "SUCCEEDED", start: start,
                            end: start.map {
                                Timestamp(milliseconds: $0.milliseconds + Int64(random.below(7_200_000)))
                            },
                            hosts: hosts))
                }
            }
        }
        runs.sort { $0.identity < $1.identity }
        return runs
    }

    private static func host(_ h: Int, run n: Int, start: Timestamp?, random: inout Random) -> HostResult {
        let (outcome, status) = outcomes[random.below(outcomes.count)]
        // Every 13th host shares its display name with its neighbour; some names are hostile.
        let name =
            h % 13 == 12
            ? "esx-\(h - 1).example.com"
            : h % 17 == 16 ? "esx " + HostileFleet.text(h + n) : "esx-\(h).example.com"
        var reason: Reason?
        if outcome != .succeeded, outcome != .inProgress || random.below(2) == 0 {
            let k = random.below(6)
            let message: String? =
                switch k {
                case 0: nil
                case 1: "Staging of image failed on host esx-\(h)"
                case 2: "\n\r\n  Blank lines first\nthen the rest " + HostileFleet.text(h)
                case 3: "First line\r\nsecond line\rthird"
                case 4: String(repeating: "long message ", count: 90 + h)
                default: HostileFleet.text(h * 7 + n)
                }
            reason = Reason(
                id: reasonIDs[random.below(reasonIDs.count)], message: message,
                resolution: k % 2 == 0 ? nil : "Retry " + (k == 3 ? HostileFleet.text(h) : "later"))
        }
        let hostStart = start.map { Timestamp(milliseconds: $0.milliseconds + Int64(random.below(60_000))) }
        let hostEnd = hostStart.map { Timestamp(milliseconds: $0.milliseconds + Int64(random.below(900_000)) - 1_000) }
        return HostResult(
            id: "host-\(100 + h)", name: name, outcome: outcome, status: status,
            start: hostStart, end: hostEnd, reason: reason)
    }

    static let gates = [
        GateResult(name: "fail-under", threshold: "0.9", measured: "0.8", passed: false, detail: "success rate"),
        GateResult(name: "max-failed", threshold: "3", measured: "40", passed: false)
    ]
}
