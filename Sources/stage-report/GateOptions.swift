import ArgumentParser
import StageAggregation

/// Quality gates, shared by all outputs. A failed gate makes the exit code 1.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: "Fail (exit 1) when the overall success rate is below RATE (0.95, 95%).")
    var failUnder: RateArgument?

    @Option(name: .long, help: "Fail when any cluster's success rate is below RATE.")
    var failUnderCluster: RateArgument?

    @Option(
        name: .long,
        help: "Fail when more than N host outcomes failed or timed out (runs that failed without any host count too).")
    var maxFailed: Int?

    @Option(name: .long, help: "Fail when more than N runs failed or timed out.")
    var maxFailedRuns: Int?

    @Flag(name: .long, help: "Fail when no run was found.")
    var failOnEmpty = false

    @Flag(name: .long, help: "Fail when any host or cluster newly failed on the latest night (docs/changes.md).")
    var failOnNew = false

    @Option(name: .long, help: "Fail when more than N hosts and clusters newly failed on the latest night.")
    var maxNewFailed: Int?

    var qualityGates: [QualityGate] {
        var gates: [QualityGate] = []
        if let failUnder { gates.append(.failUnder(failUnder.value)) }
        if let failUnderCluster { gates.append(.failUnderCluster(failUnderCluster.value)) }
        if let maxFailed { gates.append(.maxFailed(maxFailed)) }
        if let maxFailedRuns { gates.append(.maxFailedRuns(maxFailedRuns)) }
        if failOnEmpty { gates.append(.failOnEmpty) }
        if failOnNew { gates.append(.failOnNew) }
        if let maxNewFailed { gates.append(.maxNewFailed(maxNewFailed)) }
        return gates
    }

    func validate() throws {
        if let maxFailed, maxFailed < 0 { throw ValidationError("--max-failed must be 0 or more") }
        if let maxFailedRuns, maxFailedRuns < 0 { throw ValidationError("--max-failed-runs must be 0 or more") }
        if let maxNewFailed, maxNewFailed < 0 { throw ValidationError("--max-new-failed must be 0 or more") }
    }

    /// Whether a gate reads what changed, which the summary then has to say.
    var readsChanges: Bool {
        qualityGates.contains { gate in
            switch gate {
            case .failOnNew, .maxNewFailed: return true
            default: return false
            }
        }
    }
}
