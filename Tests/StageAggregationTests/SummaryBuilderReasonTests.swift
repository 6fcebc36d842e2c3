import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Skip and failure reasons across runs (report-semantics §5, docs/summary-json.md REASON).
@Suite("SummaryBuilder: reasons")
struct SummaryBuilderReasonTests {
    private let depot = "com.vmware.vcIntegrity.lifecycle.EsxImage.DepotConnectErrorV2"
    private let disconnected = "com.vmware.vcIntegrity.lifecycle.host.disconnected"

    private var runs: [StageRun] {
        [
            run(
                "2026-01-01T00:00:00Z",
                hosts: [
                    host("h1", .failed, reason: Reason(id: depot, message: "old depot message", resolution: "old fix")),
                    host("h2", .failed, reason: Reason(id: depot, message: "h2 depot")),
                    host(
                        "h3", .skipped, reason: Reason(id: disconnected, message: "h3 gone", resolution: "reconnect h3")
                    ),
                    host("h4", .timedOut),
                    host("h5", .succeeded)
                ], order: 0),
            run(
                "2026-01-02T00:00:00Z",
                hosts: [
                    host("h2", .failed, reason: Reason(id: depot, message: "new depot message h2")),
                    host(
                        "h1", .timedOut,
                        reason: Reason(id: depot, message: "new depot message h1", resolution: "new fix")),
                    host("h3", .skipped),
                    host("h4", .skipped, reason: Reason(id: disconnected)),
                    host("h5", .failed)
                ], order: 1),
            run(
                "2025-12-31T00:00:00Z", cluster: "c2",
                hosts: [
                    host("h1", .skipped, reason: Reason(id: "b.reason", message: "in another cluster")),
                    host("h2", .skipped, reason: Reason(id: "a.reason")),
                    host("h3", .timedOut)
                ], order: 2)
        ]
    }

    @Test func failureReasons() {
        let s = summarize(runs)
        #expect(s.failureReasons.map(\.id) == [depot, "(timed out)", "(unspecified)"])
        #expect(s.failureReasons.map(\.count) == [4, 2, 1])
        #expect(s.failureReasons.map(\.hosts) == [2, 2, 1]) // (timed out): c1/h4 and c2/h3
        // The latest run with this reason, its first host by id: h1 on 2026-01-02.
        #expect(s.failureReasons[0].message == "new depot message h1")
        #expect(s.failureReasons[0].resolution == "new fix")
        #expect(s.failureReasons[1].message == nil && s.failureReasons[1].resolution == nil)
    }

    @Test func skipReasons() {
        let s = summarize(runs)
        #expect(s.skipReasons.map(\.id) == [disconnected, "(unspecified)", "a.reason", "b.reason"])
        #expect(s.skipReasons.map(\.count) == [2, 1, 1, 1])
        #expect(s.skipReasons.map(\.hosts) == [2, 1, 1, 1])
        // Latest run with the reason is 2026-01-02, where only h4 has it, with no message.
        #expect(s.skipReasons[0].message == nil)
        #expect(s.skipReasons[0].resolution == nil)
        #expect(s.skipReasons[3].message == "in another cluster")
    }

    @Test func countsAddUpToTheOutcomes() {
        let s = summarize(runs)
        #expect(s.skipReasons.map(\.count).reduce(0, +) == s.outcomes.skipped)
        #expect(s.failureReasons.map(\.count).reduce(0, +) == s.outcomes.failed + s.outcomes.timedOut)
    }

    @Test func tiesAreOrderedByIdBytes() {
        let ids = ["b", "B", "a", "(unspecified)", "\u{e9}", "aa"]
        let hosts = ids.enumerated().map { i, id in host("h\(i)", .failed, reason: Reason(id: id)) }
        let s = summarize([run("2026-01-01T00:00:00Z", hosts: hosts)])
        #expect(s.failureReasons.map(\.id) == ["(unspecified)", "B", "a", "aa", "b", "\u{e9}"])
    }

    @Test func succeededAndInProgressOutcomesHaveNoReasons() {
        let s = summarize([
            run(
                "2026-01-01T00:00:00Z",
                hosts: [
                    host("h1", .succeeded, reason: Reason(id: "ignored")), host("h2", .inProgress), host("h3", .unknown)
                ])
        ])
        #expect(s.skipReasons.isEmpty && s.failureReasons.isEmpty)
    }

    @Test func inputOrderDoesNotChangeTheSampleMessage() {
        let forward = summarize(runs)
        let backward = summarize(runs.reversed())
        #expect(forward.failureReasons == backward.failureReasons)
        #expect(forward.skipReasons == backward.skipReasons)
    }
}
