/// Evaluates quality gates on a finished summary, once, in the run that renders.
///
/// With a waiver file (`Summary.waivers`), every gate but `fail-on-empty` reads the figures after
/// waivers and says so in its detail (docs/waivers.md §6); without one, the raw figures as before.
public enum GateEvaluator {
    public static func evaluate(_ gates: [QualityGate], on s: Summary) -> [GateResult] {
        let waivers = s.waivers != nil
        let outcomes = waivers ? s.outcomes.afterWaivers(s.totals.waived) : s.outcomes
        let rawFailures = s.outcomes.failures
        /// "after waivers: 3 of 5 failures waived", or nothing without waivers.
        func note(waived: Int, of total: Int, noun: String) -> String? {
            waivers ? "after waivers: \(waived) of \(total) \(noun) waived" : nil
        }
        func joined(_ parts: String?...) -> String? {
            let present = parts.compactMap { $0 }
            return present.isEmpty ? nil : present.joined(separator: "; ")
        }
        return gates.map { gate in
            switch gate {
            case .failUnder(let threshold):
                let rate = outcomes.successRate
                // No finished host at all: nothing to measure, so the gate cannot pass.
                let passed = rate.map { $0 >= threshold } ?? false
                return GateResult(
                    name: "fail-under", threshold: percent(threshold), measured: rate.map(percent) ?? "n/a",
                    passed: passed,
                    detail: joined(
                        note(waived: s.totals.waived.hostOutcomes, of: rawFailures, noun: "failures"),
                        rate == nil ? "no finished host outcome to measure" : nil))
            case .failUnderCluster(let threshold):
                let rates = s.clusters.map { c in
                    (c, (waivers ? c.outcomes.afterWaivers(c.waived) : c.outcomes).successRate)
                }
                let below = rates.filter { _, rate in rate.map { $0 < threshold } ?? false }
                let worst = rates.compactMap(\.1).min()
                let names = below.prefix(5).map { c, rate in "\(c.name) (\(percent(rate ?? 0)))" }
                let more = below.count > 5 ? " and \(below.count - 5) more" : ""
                return GateResult(
                    name: "fail-under-cluster", threshold: percent(threshold),
                    measured: worst.map { "lowest " + percent($0) } ?? "n/a",
                    passed: below.isEmpty,
                    detail: joined(
                        note(waived: s.totals.waived.hostOutcomes, of: rawFailures, noun: "failures"),
                        below.isEmpty
                            ? nil : "\(below.count) cluster(s) below: " + names.joined(separator: ", ") + more))
            case .maxFailed(let limit):
                let rawHostless = s.failedRunsWithoutHosts.count
                let hostless = rawHostless - s.totals.waived.runsWithoutHosts
                let failed = outcomes.failures + hostless
                let waived = s.totals.waived.hostOutcomes + s.totals.waived.runsWithoutHosts
                return GateResult(
                    name: "max-failed", threshold: String(limit), measured: String(failed),
                    passed: failed <= limit,
                    detail: joined(
                        note(waived: waived, of: rawFailures + rawHostless, noun: "failures"),
                        hostless == 0 ? nil : "including \(hostless) failed run(s) without host outcomes"))
            case .maxFailedRuns(let limit):
                let raw = s.totals.runStatuses.failures
                let failed = raw - s.totals.waived.runs
                return GateResult(
                    name: "max-failed-runs", threshold: String(limit), measured: String(failed),
                    passed: failed <= limit, detail: note(waived: s.totals.waived.runs, of: raw, noun: "failed runs"))
            case .failOnNew:
                return newFailures(in: s, limit: 0, name: "fail-on-new", waivers: waivers)
            case .maxNewFailed(let limit):
                return newFailures(in: s, limit: limit, name: "max-new-failed", waivers: waivers)
            case .failOnEmpty:
                return GateResult(
                    name: "fail-on-empty", threshold: "at least 1 run", measured: "\(s.totals.runs) runs",
                    passed: s.totals.runs > 0, detail: nil)
            }
        }
    }

    /// The change gates: hosts and clusters that newly failed on the latest night, after waivers
    /// when there is a waiver file. Without changes (none were tracked) the gate cannot pass.
    private static func newFailures(in s: Summary, limit: Int, name: String, waivers: Bool) -> GateResult {
        guard let changes = s.changes else {
            return GateResult(
                name: name, threshold: String(limit), measured: "n/a", passed: false,
                detail: "what changed was not computed")
        }
        let raw = changes.newFailures(includingWaived: true)
        let counted = changes.newFailures(includingWaived: !waivers)
        let night = changes.night.map { " on \($0)" } ?? ""
        var detail: [String] = []
        if waivers { detail.append("after waivers: \(raw - counted) of \(raw) new failures waived") }
        if counted > 0 {
            let hosts = changes.hosts.filter { $0.kind == .newFailure && ($0.waivedBy == nil || !waivers) }
            let names = hosts.prefix(5).map(\.name)
            let more = hosts.count > 5 ? " and \(hosts.count - 5) more" : ""
            detail.append(
                "\(counted) new failure(s)\(night)"
                    + (names.isEmpty ? "" : ": " + names.joined(separator: ", ") + more))
        }
        return GateResult(
            name: name, threshold: String(limit), measured: String(counted), passed: counted <= limit,
            detail: detail.isEmpty ? nil : detail.joined(separator: "; "))
    }

    /// `97.5 %` with up to two decimals, locale-independent.
    static func percent(_ rate: Double) -> String {
        let hundredths = (rate * 10_000).rounded()
        let whole = Int(hundredths) / 100, frac = Int(hundredths) % 100
        if frac == 0 { return "\(whole) %" }
        return frac % 10 == 0 ? "\(whole).\(frac / 10) %" : "\(whole).\(frac < 10 ? "0" : "")\(frac) %"
    }
}
