import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Quality gates, evaluated on a summary.
@Suite("GateEvaluator")
struct GateEvaluatorTests {
    /// c1: 9 succeeded, 1 failed (90 %); c2: 1 succeeded, 1 timed out (50 %); c3: skipped only.
    private var summary: Summary {
        let c1 = (0..<10).map { host("h\($0)", $0 == 0 ? .failed : .succeeded) }
        let c2 = [host("a", .succeeded), host("b", .timedOut)]
        return summarize([
            run("2026-01-01T00:00:00Z", cluster: "c1", hosts: c1, order: 0),
            run("2026-01-01T00:00:00Z", cluster: "c2", hosts: c2, order: 1),
            run("2026-01-01T00:00:00Z", cluster: "c3", hosts: [host("x", .skipped)], order: 2)
        ])
    }

    @Test func failUnder() {
        let r = GateEvaluator.evaluate([.failUnder(0.8), .failUnder(10.0 / 12.0), .failUnder(0.84)], on: summary)
        #expect(r.map(\.passed) == [true, true, false])
        #expect(r.map(\.name) == ["fail-under", "fail-under", "fail-under"])
        #expect(r[0].measured == "83.33 %")
        #expect(r[0].threshold == "80 %")
    }

    @Test func failUnderWithNothingToMeasureFails() {
        let empty = summarize([run("2026-01-01T00:00:00Z", hosts: [host("x", .skipped)])])
        let r = GateEvaluator.evaluate([.failUnder(0)], on: empty)
        #expect(r.first?.passed == false)
        #expect(r.first?.measured == "n/a")
    }

    @Test func failUnderCluster() {
        let r = GateEvaluator.evaluate(
            [.failUnderCluster(0.6), .failUnderCluster(0.5), .failUnderCluster(0.95)], on: summary)
        #expect(r.map(\.passed) == [false, true, false])
        #expect(r[0].measured == "lowest 50 %")
        #expect(r[0].detail == "1 cluster(s) below: c2 (50 %)")
        #expect(r[2].detail == "2 cluster(s) below: c1 (90 %), c2 (50 %)")
    }

    @Test func maxFailedCountsTimedOut() {
        let r = GateEvaluator.evaluate([.maxFailed(1), .maxFailed(2)], on: summary)
        #expect(r.map(\.passed) == [false, true])
        #expect(r.map(\.measured) == ["2", "2"])
    }

    @Test func failOnEmpty() {
        #expect(GateEvaluator.evaluate([.failOnEmpty], on: summary).first?.passed == true)
        #expect(GateEvaluator.evaluate([.failOnEmpty], on: summarize([])).first?.passed == false)
        #expect(GateEvaluator.evaluate([], on: summary).isEmpty)
    }

    @Test func gatesKeepTheirOrder() {
        let r = GateEvaluator.evaluate(
            [.failOnEmpty, .maxFailed(0), .failUnder(0.5), .failUnderCluster(0.5)], on: summary)
        #expect(r.map(\.name) == ["fail-on-empty", "max-failed", "fail-under", "fail-under-cluster"])
    }
}
