import Foundation
import ReportCTRF
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// The CTRF file validated against the published schema and read by a CTRF consumer
/// (`check_ctrf.py`: jsonschema, otr-ctrf-bridge); its counts equal the summary's.
struct ConsumerTests {
    @Test func sharedFleet() throws {
        try ExternalTool.pythonCTRF.require()
        let output = try Support.sharedFleetOutput()
        let reading = try check(output.summary, output.runs)
        #expect(reading.tests == output.summary.totals.outcomes + output.summary.runsWithoutHosts.count)
    }

    @Test func hostileFleet() throws {
        try ExternalTool.pythonCTRF.require()
        let runs = HostileFleet.runs()
        let summary = HostileFleet.summary(of: runs, gates: HostileFleet.gates)
        let reading = try check(summary, runs)
        // Every name, message and suite reaches the reader as the cleaned text, whole: the
        // expectation is built here from the runs, in the file's order (clusters by id, latest
        // run first, hosts by id).
        let ordered = runs.sorted { a, b in
            a.clusterID != b.clusterID
                ? ByteOrder.less(a.clusterID, b.clusterID)
                : (a.start ?? .init(milliseconds: 0)) > (b.start ?? .init(milliseconds: 0))
        }
        var expected: [[Support.Reading.Case]] = []
        for run in ordered {
            let name = summary.clusters.first { $0.vcenter == run.vcenter && $0.id == run.clusterID }?.name
            let cluster = HostileFleet.clean(run.clusterID)
            let clusterLabel = name.map { HostileFleet.clean($0) + " (" + cluster + ")" } ?? cluster
            for host in run.hosts {
                let message: Support.Reading.Case
                switch host.outcome {
                case .succeeded: message = .none
                case .failed, .timedOut, .skipped:
                    // The fleet's one reason without a message is "(unspecified)", on a failed host.
                    message = .text(host.reason?.message.map(HostileFleet.clean) ?? "Staging failed on this host")
                case .inProgress: message = .text("Host has not finished staging (status RUNNING)")
                case .unknown:
                    message = .text(
                        host.status.map { "Unknown host status \"\(HostileFleet.clean($0))\"" }
                            ?? "Host reported no status")
                }
                expected.append([
                    .text(HostileFleet.clean(host.name)), .text(status(host.outcome)), message,
                    .list([HostileFleet.clean(run.vcenter), clusterLabel]), host.status.map { .text($0) } ?? .none
                ])
            }
        }
        #expect(reading.cases.count == expected.count)
        for (got, want) in zip(reading.cases, expected) { #expect(got == want) }
    }

    /// The schema must refuse what it forbids, or the tests above prove nothing: a member CTRF
    /// does not define, at the top and inside a test.
    @Test(arguments: ["top", "test"])
    func schemaRefusesExtraMembers(at place: String) throws {
        try ExternalTool.pythonCTRF.require()
        let output = try Support.sharedFleetOutput()
        var text = String(
            decoding: try CTRFRenderer().render(summary: output.summary, runs: output.runs), as: UTF8.self)
        if place == "top" {
            text = text.replacingOccurrences(
                of: "\"reportFormat\": \"CTRF\",", with: "\"reportFormat\": \"CTRF\", \"vcenter\": 1,")
        } else {
            text = text.replacingOccurrences(
                of: "\"status\": \"failed\",", with: "\"status\": \"failed\", \"host\": 1,")
        }
        try withTemporaryDirectory("ctrf") { dir in
            let path = try dir.write("bad.json", text)
            guard case .failure(let error) = try Support.read(path) else {
                Issue.record("the schema accepted an extra member (\(place))")
                return
            }
            #expect(error.message.contains("Additional properties are not allowed"))
        }
    }

    private func status(_ o: HostOutcome) -> String {
        switch o {
        case .succeeded: "passed"
        case .failed, .timedOut: "failed"
        case .skipped: "skipped"
        case .inProgress: "pending"
        case .unknown: "other"
        }
    }

    /// With the waiver fleet: each waived failure is a skipped test naming its waiver, the file
    /// still passes the schema and the bridge, and the counts move from failed to skipped by
    /// exactly the summary's waived figures. On 2026-11-20 the hostless failed run's waiver
    /// has not expired yet, so a run-level test is waived too.
    @Test(arguments: ["2026-12-07T12:00:00Z", "2026-11-20T12:00:00Z"])
    func waivedFailuresAreSkippedTests(now: String) throws {
        try ExternalTool.pythonCTRF.require()
        let output = try WaiverFleet.output(now: now)
        let waived = output.summary.totals.waived
        #expect(waived.hostOutcomes == 12)
        #expect(waived.runsWithoutHosts == (now.hasPrefix("2026-11") ? 1 : 0))
        let reading = try check(output.summary, output.runs, waivers: output.waivers)
        let named = reading.cases.filter {
            if case .text(let m) = $0[2] { return m.hasPrefix("waived by waiver ") }
            return false
        }
        #expect(named.count == waived.hostOutcomes + waived.runsWithoutHosts)
        #expect(named.allSatisfy { $0[1] == .text("skipped") })
    }

    /// Writes the file, has it read, and checks every count against the summary.
    private func check<Runs: RunCollection>(_ summary: Summary, _ runs: Runs, waivers: WaiverJudge? = nil) throws
        -> Support.Reading
    {
        try withTemporaryDirectory("ctrf") { dir in
            let path = try CTRFRenderer(waivers: waivers).write(summary: summary, runs: runs, to: dir.path)
            let reading = try Support.read(path).get()
            // Host outcomes, and a test per run without hosts counted by its run status (issue 17).
            var o = summary.outcomes
            for run in summary.runsWithoutHosts { o[run.status.countedAs] += 1 }
            // Waived failures (hosts, and runs without hosts) are skipped tests.
            let waived = summary.totals.waived.hostOutcomes + summary.totals.waived.runsWithoutHosts
            var statuses = Support.expectedStatuses(o), otr = Support.expectedOTR(o)
            statuses["failed", default: 0] -= waived
            statuses["skipped", default: 0] += waived
            otr["FAILED", default: 0] -= waived
            otr["SKIPPED", default: 0] += waived
            #expect(reading.statuses == statuses.filter { $0.value > 0 })
            #expect(reading.otr == otr.filter { $0.value > 0 })
            #expect(reading.tests == o.total)
            #expect(
                reading.summary == [
                    "tests": o.total, "passed": o.succeeded, "failed": o.failed + o.timedOut - waived,
                    "skipped": o.skipped + waived, "pending": o.inProgress, "other": o.unknown
                ])
            return reading
        }
    }
}
