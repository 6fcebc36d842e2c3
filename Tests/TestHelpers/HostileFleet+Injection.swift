import StageAggregation
import StageModel

/// Strings aimed at the formats that the markup-minded `pieces` do not hit: spreadsheet formulas
/// (a CSV cell that Excel would run), CSV quoting, and Prometheus label values that try to close
/// the label set and start a sample of their own.
extension HostileFleet {
    public static let injectionPieces: [String] = [
        "=cmd|' /C calc'!A0",
        "+SUM(1+1)",
        "-2+3",
        "@SUM(A1:A9)",
        "\tTAB first",
        "\rCR first",
        "quote \" and, comma",
        "label\"}\nstage_report_runs{x=\"1\"} 999\n# TYPE x counter",
        "back\\slash \\n not a newline",
        "line one\nline two\r\nline three\rend",
        "; semicolon | pipe 'single'"
    ]

    /// Three nights, in canonical order, of one cluster per injection piece (its vCenter, id
    /// and name all hostile), each with hosts whose ids, names and reasons are hostile too. Per
    /// host the outcomes over the nights make it failing, flaky, both, or healthy.
    public static func injectionRuns() -> [StageRun] {
        let patterns: [[(HostOutcome, String)]] = [
            [(.succeeded, "OK"), (.failed, "ERROR"), (.failed, "ERROR")], // flaky and failing, streak 2
            [(.failed, "ERROR"), (.succeeded, "OK"), (.skipped, "SKIPPED")], // flaky, not failing
            [(.timedOut, "TIMED_OUT"), (.failed, "ERROR"), (.timedOut, "TIMED_OUT")], // failing, streak 3
            [(.succeeded, "OK"), (.succeeded, "OK"), (.succeeded, "OK")] // healthy: in no host list
        ]
        var runs: [StageRun] = []
        for night in 0..<3 {
            let start = Timestamp(milliseconds: 1_700_500_000_000 + Int64(night) * 86_400_000)
            var nightRuns: [StageRun] = []
            for (c, piece) in injectionPieces.enumerated() {
                var hosts: [HostResult] = []
                for (p, pattern) in patterns.enumerated() {
                    let (outcome, status) = pattern[night]
                    let text = injectionPieces[(c + p) % injectionPieces.count]
                    let reason =
                        outcome == .succeeded
                        ? nil : Reason(id: text + " reason", message: "Message " + text, resolution: "Fix " + text)
                    hosts.append(
                        HostResult(
                            id: text + " host \(p)", name: text + " esx", outcome: outcome, status: status,
                            start: start, end: Timestamp(milliseconds: start.milliseconds + Int64(1_000 * (p + c + 1))),
                            reason: reason))
                }
                hosts.sort { ByteOrder.less($0.id, $1.id) }
                nightRuns.append(
                    StageRun(
                        source: DocumentSource(path: "injection.json"), vcenter: piece + " vc",
                        clusterID: piece, clusterName: "Cluster " + piece, commit: piece + " \(night)",
                        taskStatus: night == 2 ? piece : "SUCCEEDED", start: start,
                        end: Timestamp(milliseconds: start.milliseconds + 60_000), hosts: hosts))
            }
            // Canonical order within a night: the same start, then vCenter, cluster id and commit.
            nightRuns.sort {
                $0.vcenter != $1.vcenter
                    ? ByteOrder.less($0.vcenter, $1.vcenter) : ByteOrder.less($0.clusterID, $1.clusterID)
            }
            runs += nightRuns
        }
        return runs
    }

    /// Gates whose names and values are injection pieces, after the usual hostile ones.
    public static let injectionGates: [GateResult] =
        gates + injectionPieces.map { GateResult(name: $0, threshold: $0, measured: $0, passed: false, detail: $0) }

    /// Every hostile run (markup pieces, then injection pieces, which start later) and every
    /// hostile gate, summarised: what the CSV and Prometheus tests render.
    public static func injectionSummary(listEveryHost: Bool = false) -> Summary {
        summary(of: runs() + injectionRuns(), gates: injectionGates, listEveryHost: listEveryHost)
    }
}
