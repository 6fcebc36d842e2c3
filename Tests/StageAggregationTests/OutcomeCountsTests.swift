import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Outcome counts and the success rate (report-semantics §3).
@Suite("OutcomeCounts")
struct OutcomeCountsTests {
    @Test func subscriptReadsAndWritesEachOutcome() {
        var c = OutcomeCounts()
        for (i, o) in HostOutcome.allCases.enumerated() { c[o] = i + 1 }
        #expect([c.succeeded, c.failed, c.timedOut, c.skipped, c.inProgress, c.unknown] == [1, 2, 3, 4, 5, 6])
        #expect(HostOutcome.allCases.map { c[$0] } == [1, 2, 3, 4, 5, 6])
        #expect(c.total == 21)
    }

    @Test(
        "success_rate = succeeded / (succeeded + failed + timed_out)",
        arguments: [
            (1, 0, 0, 7, 7, 7, 1.0), (0, 1, 0, 0, 0, 0, 0.0), (3, 1, 0, 0, 0, 0, 0.75), (1, 1, 2, 5, 0, 0, 0.25),
            (2, 0, 1, 100, 100, 100, 2.0 / 3.0)
        ])
    func successRate(s: Int, f: Int, t: Int, k: Int, p: Int, u: Int, rate: Double) {
        var c = OutcomeCounts()
        (c.succeeded, c.failed, c.timedOut, c.skipped, c.inProgress, c.unknown) = (s, f, t, k, p, u)
        #expect(c.successRate == rate)
    }

    @Test func noFinishedOutcomeHasNoRate() {
        var c = OutcomeCounts()
        #expect(c.successRate == nil)
        c.skipped = 4
        c.inProgress = 2
        c.unknown = 1
        #expect(c.successRate == nil)
    }

    @Test func adding() {
        var a = OutcomeCounts()
        a.add(.succeeded)
        a.add(.succeeded)
        a.add(.timedOut)
        var b = OutcomeCounts()
        b.add(.skipped)
        b.add(.timedOut)
        a.add(b)
        #expect(a.succeeded == 2 && a.timedOut == 2 && a.skipped == 1 && a.total == 5)
        #expect(b.total == 2)
    }
}
