import StageModel
import Testing

/// The outcome of one host (report-semantics §2) and its duration (§4).
@Suite("HostOutcome and HostResult")
struct HostOutcomeTests {
    @Test(
        "Status strings",
        arguments: [
            ("OK", HostOutcome.succeeded), ("ERROR", .failed), ("TIMED_OUT", .timedOut), ("SKIPPED", .skipped),
            ("RUNNING", .inProgress), ("RETRY_PENDING", .inProgress)
        ])
    func statuses(status: String, outcome: HostOutcome) {
        #expect(HostOutcome(stageStatus: status) == outcome)
    }

    @Test(
        "Anything else is unknown",
        arguments: [nil, "", "ok", "Ok", "SUCCEEDED", "FAILED", "PENDING", "CANCELED", " OK", "OK "] as [String?])
    func unknown(status: String?) {
        #expect(HostOutcome(stageStatus: status) == .unknown)
    }

    @Test func rawValuesAreTheSummaryNames() {
        #expect(
            HostOutcome.allCases.map(\.rawValue) == [
                "succeeded", "failed", "timed_out", "skipped", "in_progress", "unknown"
            ])
    }

    @Test func failuresAndFinishedAttempts() {
        #expect(HostOutcome.allCases.filter(\.isFailure) == [.failed, .timedOut])
        #expect(HostOutcome.allCases.filter(\.isFinishedAttempt) == [.succeeded, .failed, .timedOut])
    }

    @Test func ordinalIsThePositionInAllCases() {
        #expect(HostOutcome.allCases.map(\.ordinal) == Array(0..<6))
    }

    @Test func orderIsTheDeclarationOrder() {
        #expect(
            [HostOutcome.unknown, .skipped, .succeeded, .inProgress, .timedOut, .failed].sorted()
                == HostOutcome.allCases)
    }

    private let t0 = Timestamp(milliseconds: 1_000)
    private let t1 = Timestamp(milliseconds: 91_500)

    @Test("Duration only for finished attempts with both times, end ≥ start", arguments: HostOutcome.allCases)
    func duration(outcome: HostOutcome) {
        let expected: Int64? = outcome.isFinishedAttempt ? 90_500 : nil
        #expect(HostResult(id: "h", name: "h", outcome: outcome, start: t0, end: t1).durationMilliseconds == expected)
        #expect(HostResult(id: "h", name: "h", outcome: outcome, start: t0, end: nil).durationMilliseconds == nil)
        #expect(HostResult(id: "h", name: "h", outcome: outcome, start: nil, end: t1).durationMilliseconds == nil)
        #expect(HostResult(id: "h", name: "h", outcome: outcome, start: t1, end: t0).durationMilliseconds == nil)
        #expect(
            HostResult(id: "h", name: "h", outcome: outcome, start: t0, end: t0).durationMilliseconds
                == (outcome.isFinishedAttempt ? 0 : nil))
    }

    @Test func durationAcrossTheEpoch() {
        let h = HostResult(
            id: "h", name: "h", outcome: .failed, start: Timestamp(milliseconds: -1_500),
            end: Timestamp(milliseconds: 2_250))
        #expect(h.durationMilliseconds == 3_750)
    }

    @Test func dataQualityKindsAreOrderedByName() {
        #expect(
            DataQualityKind.allCases.sorted().map(\.rawValue) == [
                "flattened-by-serializer", "host-in-several-lists", "host-without-status", "invalid-time",
                "invalid-utf8", "list-disagrees-with-status",
                "status-without-host-info", "unknown-cluster", "vcenter-missing"
            ])
    }

    @Test func reasonDefaults() {
        #expect(Reason.unspecified == "(unspecified)")
        #expect(Reason.timedOut == "(timed out)")
        #expect(Reason(id: "x") == Reason(id: "x", message: nil, resolution: nil))
        #expect(Reason(id: "x", message: "a") != Reason(id: "x", message: "b"))
    }
}
