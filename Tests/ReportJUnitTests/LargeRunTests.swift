import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import Testing

/// A 50,000-host run streams through without trouble (no timing assertions), and the time
/// fields keep their one format at the edges.
@Suite struct LargeRunTests {
    @Test func fiftyThousandHosts() throws {
        let outcomes = HostOutcome.allCases
        let start = Timestamp(milliseconds: 1_780_000_000_000)
        let hosts = (0..<50_000).map { i in
            let outcome = outcomes[i % outcomes.count]
            return HostResult(
                id: "host-\(i)", name: "esx\(i).example.com", outcome: outcome, status: "S",
                start: start, end: Timestamp(milliseconds: start.milliseconds + Int64(i)),
                reason: outcome == .succeeded ? nil : Reason(id: "com.example.R\(i % 7)", message: "message \(i)"))
        }
        let run = StageRun(
            source: DocumentSource(path: "big"), vcenter: "vc", clusterID: "domain-c1", commit: "9",
            start: start, end: Timestamp(milliseconds: start.milliseconds + 3_600_000), hosts: hosts)
        let summary = TestSupport.summary(of: [run])
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: summary, runs: [run], to: dir)[0]
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            #expect(size < 30_000_000, "GitLab rejects files over 30 MB")
            let suite = try #require(try JUnitChecks.verify(path).children.first)
            #expect(JUnitChecks.counts(of: suite) == JUnitChecks.Counts(outcomes: summary.outcomes))
            #expect(suite["time"] == "3600.000")
        }
    }

    @Test func timestampsAndTimesAtTheEdges() throws {
        let cases: [(start: Timestamp?, end: Timestamp?, timestamp: String, time: String)] = [
            (nil, nil, "1970-01-01T00:00:00", "0.500"), // no start: the epoch; no end: case sum
            (
                Timestamp(iso8601: "2026-11-01T23:59:59.999+01:30"), Timestamp(iso8601: "2026-11-02T00:00:00Z"),
                "2026-11-01T22:29:59", "5400.001"
            ), // offset applied, UTC, no zone
            // clamped: no year 0
            (Timestamp(iso8601: "0000-01-01T00:00:00+14:00"), nil, "0001-01-01T00:00:00", "0.500"),
            (Timestamp(iso8601: "9999-12-31T23:59:59-14:00"), nil, "9999-12-31T23:59:59", "0.500"),
            // end < start: case sum
            (Timestamp(milliseconds: 5_000), Timestamp(milliseconds: 1_000), "1970-01-01T00:00:05", "0.500")
        ]
        var runs: [StageRun] = []
        for (i, c) in cases.enumerated() {
            let host = HostResult(
                id: "h", name: "h", outcome: .succeeded, status: "OK",
                start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 500))
            runs.append(
                StageRun(
                    source: DocumentSource(path: "x"), vcenter: "vc", clusterID: "c\(i)", commit: "1",
                    start: c.start, end: c.end, hosts: [host]))
        }
        runs.sort { $0.identity < $1.identity }
        try TestSupport.withTemporaryDirectory { dir in
            let suites = try JUnitChecks.verify(
                try JUnitRenderer().write(summary: TestSupport.summary(of: runs), runs: runs, to: dir)[0]
            ).children
            for (i, c) in cases.enumerated() {
                let suite = try #require(suites.first { JUnitChecks.property("cluster.id", of: $0) == "c\(i)" })
                #expect(suite["timestamp"] == c.timestamp, "case \(i)")
                #expect(suite["time"] == c.time, "case \(i)")
                #expect(JUnitChecks.property("run.start", of: suite) == (c.start?.iso8601 ?? ""))
            }
        }
    }

    /// A run without hosts is one test case of its own, by its run status (a bare result without
    /// a status is in progress: skipped); a blank hostname is `localhost`.
    @Test func runWithoutHosts() throws {
        let run = StageRun(source: DocumentSource(path: "x"), vcenter: "vc", clusterID: "c", commit: "1")
        try TestSupport.withTemporaryDirectory { dir in
            let renderer = JUnitRenderer(options: JUnitOptions(hostname: " \n\t"))
            let path = try renderer.write(summary: TestSupport.summary(of: [run]), runs: [run], to: dir)[0]
            let suite = try #require(try JUnitChecks.verify(path).children.first)
            #expect(suite["tests"] == "1" && suite["skipped"] == "1" && suite["time"] == "0.000")
            #expect(suite.children.contains { $0["name"] == "cluster stage" })
            #expect(suite["hostname"] == "localhost")
            #expect(JUnitChecks.property("task.status", of: suite) == "")
        }
    }
}
