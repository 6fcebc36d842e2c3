/// Evaluates quality gates on a finished summary, once, in the run that renders.
public enum GateEvaluator {
    public static func evaluate(_ gates: [QualityGate], on s: Summary) -> [GateResult] {
        gates.map { gate in
            switch gate {
            case .failUnder(let threshold):
                let rate = s.totals.successRate
                // No finished host at all: nothing to measure, so the gate cannot pass.
                let passed = rate.map { $0 >= threshold } ?? false
                return GateResult(
                    name: "fail-under", threshold: percent(threshold), measured: rate.map(percent) ?? "n/a",
                    passed: passed, detail: rate == nil ? "no finished host outcome to measure" : nil)
            case .failUnderCluster(let threshold):
                let below = s.clusters.filter { c in c.outcomes.successRate.map { $0 < threshold } ?? false }
                let worst = s.clusters.compactMap { c in c.outcomes.successRate }.min()
                let names = below.prefix(5).map { "\($0.name) (\(percent($0.outcomes.successRate ?? 0)))" }
                let more = below.count > 5 ? " and \(below.count - 5) more" : ""
                return GateResult(
                    name: "fail-under-cluster", threshold: percent(threshold),
                    measured: worst.map { "lowest " + percent($0) } ?? "n/a",
                    passed: below.isEmpty,
                    detail: below.isEmpty
                        ? nil : "\(below.count) cluster(s) below: " + names.joined(separator: ", ") + more)
            case .maxFailed(let limit):
                let hostless = s.runsWithoutHosts.filter(\.status.isFailure).count
                let failed = s.outcomes.failed + s.outcomes.timedOut + hostless
                return GateResult(
                    name: "max-failed", threshold: String(limit), measured: String(failed),
                    passed: failed <= limit,
                    detail: hostless == 0 ? nil : "including \(hostless) failed run(s) without host outcomes")
            case .maxFailedRuns(let limit):
                let failed = s.totals.runStatuses.failed + s.totals.runStatuses.timedOut
                return GateResult(
                    name: "max-failed-runs", threshold: String(limit), measured: String(failed),
                    passed: failed <= limit, detail: nil)
            case .failOnEmpty:
                return GateResult(
                    name: "fail-on-empty", threshold: "at least 1 run", measured: "\(s.totals.runs) runs",
                    passed: s.totals.runs > 0, detail: nil)
            }
        }
    }

    /// `97.5 %` with up to two decimals, locale-independent.
    static func percent(_ rate: Double) -> String {
        let hundredths = (rate * 10_000).rounded()
        let whole = Int(hundredths) / 100, frac = Int(hundredths) % 100
        if frac == 0 { return "\(whole) %" }
        return frac % 10 == 0 ? "\(whole).\(frac / 10) %" : "\(whole).\(frac < 10 ? "0" : "")\(frac) %"
    }
}
