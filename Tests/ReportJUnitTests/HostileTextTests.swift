import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Hostile strings in every field: the file stays well-formed and valid against both schemas,
/// and every value reads back as the sanitized expectation.
@Suite struct HostileTextTests {
    let runs = HostileFleet.runs()
    var summary: Summary { TestSupport.summary(of: runs, gates: HostileFleet.gates) }

    @Test(arguments: JUnitSplit.allCases)
    func validAndCountsEqualSummary(split: JUnitSplit) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let renderer = JUnitRenderer(options: JUnitOptions(split: split, hostname: "ci\trunner\n01 \u{1b}[2m"))
            let paths = try renderer.write(summary: summary, runs: runs, to: dir)
            #expect(paths.count == (split == .none ? 1 : 2))
            var total = JUnitChecks.Counts()
            for path in paths {
                let root = try JUnitChecks.verify(path)
                for suite in root.children {
                    #expect(suite["hostname"] == "ci runner 01")
                    total = total + JUnitChecks.counts(of: suite)
                }
                try expectOnlyLegalBytes(path)
            }
            #expect(total == JUnitChecks.Counts(outcomes: summary.outcomes))
        }
    }

    @Test func valuesEqualTheSanitizedExpectation() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: summary, runs: runs, to: dir)[0]
            let suites = try JUnitChecks.verify(path).children
            #expect(suites.count == runs.count)
            for suite in suites {
                let run = try #require(
                    runs.first {
                        HostileFleet.clean($0.commit ?? "") == JUnitChecks.property("commit", of: suite)
                            && HostileFleet.clean($0.clusterID) == JUnitChecks.property("cluster.id", of: suite)
                    })
                let displayName = try #require(summary.clusters.first { $0.id == run.clusterID }?.name)
                #expect(suite["name"] == HostileFleet.token(displayName))
                #expect(suite["package"] == HostileFleet.token(run.vcenter))
                // Properties keep the cleaned value whole: newlines and tabs survive as
                // character references in attributes.
                #expect(JUnitChecks.property("vcenter", of: suite) == HostileFleet.clean(run.vcenter))
                #expect(JUnitChecks.property("vcenter", of: suite)?.contains("\n") == true)
                #expect(JUnitChecks.property("cluster.name", of: suite) == HostileFleet.clean(displayName))
                #expect(JUnitChecks.property("task.status", of: suite) == HostileFleet.clean(run.taskStatus ?? ""))
                #expect(JUnitChecks.property("run.start", of: suite) == run.start?.iso8601)
                #expect(
                    JUnitChecks.property("gate.fail-under", of: suite)
                        == "failed; measured 0.5; threshold 0.9; detail " + HostileFleet.clean(HostileFleet.everything))
                #expect(JUnitChecks.property("gate.fail-under.2", of: suite) == "passed; measured 0.5; threshold 0.1")
                #expect(JUnitChecks.property("gate.max-failed", of: suite) == "failed; measured 40; threshold 3")
                #expect(JUnitChecks.property("gate.fail-under.2.2", of: suite) == "passed; measured 0.5; threshold 0")

                let classname =
                    HostileFleet.token(run.vcenter) + "."
                    + String(HostileFleet.token(run.clusterID).map { $0 == "." ? "_" : $0 })
                let cases = suite.children(named: "testcase")
                #expect(cases.count == run.hosts.count)
                for (testCase, host) in zip(cases, run.hosts) {
                    try check(testCase, host: host, classname: classname)
                }
            }
        }
    }

    private func check(_ testCase: ParsedElement, host: HostResult, classname: String) throws {
        #expect(testCase["classname"] == classname)
        let name = HostileFleet.token(host.name)
        if name == "same name" {
            #expect(testCase["name"] == "same name [\(host.id)]", "duplicate display names get the host id")
        } else {
            #expect(testCase["name"] == name)
        }
        let result = testCase.children.first
        switch host.outcome {
        case .succeeded:
            #expect(result == nil)
        case .failed, .timedOut, .skipped:
            let element = ["failed": "failure", "timed_out": "error", "skipped": "skipped"][host.outcome.rawValue]
            #expect(result?.name == element)
            let reason = try #require(host.reason)
            let fallback = [
                "failed": "Staging failed on this host", "timed_out": "Staging timed out on this host",
                "skipped": "Host was skipped"
            ][host.outcome.rawValue]!
            let message = reason.message.map(HostileFleet.firstLine) ?? fallback
            #expect(result?["message"] == message)
            #expect(result?.text.hasPrefix(message + "\n") == true)
            // The rest of the message follows; the message line is not repeated.
            let cleaned = HostileFleet.clean(reason.message ?? fallback)
            let rest = cleaned.hasPrefix(message) ? String(cleaned.dropFirst(message.count).dropFirst()) : cleaned
            #expect(rest.isEmpty || result?.text.contains(rest) == true)
            #expect(
                result?.text.dropFirst(message.count + 1).hasPrefix(message + "\n") == false,
                "message line not repeated")
            if let resolution = reason.resolution {
                #expect(result?.text.contains("Resolution: " + HostileFleet.clean(resolution)) == true)
            }
            if host.outcome != .skipped {
                let type = try #require(result?["type"])
                switch reason.id {
                case Reason.unspecified: #expect(type == "stage-report.unspecified")
                case Reason.timedOut: #expect(type == "stage-report.timed-out")
                case "symbol": #expect(type == "stage-report.symbol")
                default: #expect(type.hasPrefix("stage-report.com-vmware-Err-"))
                }
            }
        case .inProgress:
            #expect(result?.name == "skipped")
            #expect(result?["message"] == "Host has not finished staging (status RUNNING)")
        case .unknown:
            #expect(result?.name == "error")
            #expect(result?["type"] == "stage-report.unknown-status")
            let expected =
                host.status.map { "Unknown host status \"\(HostileFleet.token($0))\"" } ?? "Host reported no status"
            #expect(result?["message"] == expected)
        }
    }

    /// No byte a strict parser rejects is in the file, raw: C0 controls other than tab, LF and
    /// CR, ESC, and U+FFFE/U+FFFF (EF BF BE / EF BF BF).
    private func expectOnlyLegalBytes(_ path: String) throws {
        let bytes = try #require(FileBytes.read(path))
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            !text.unicodeScalars.contains {
                $0.value == 0xFFFE || $0.value == 0xFFFF || (0x80...0x9F).contains($0.value)
            })
        #expect(!text.contains("&#0;") && !text.contains("&#1;") && !text.contains("&#x1B;"))
    }

    /// Bodies are capped (64 KiB of text, before escaping) with a visible marker.
    @Test func hugeMessageIsCapped() throws {
        let huge = String(repeating: "<&>", count: 100_000)
        let host = HostResult(
            id: "host-1", name: "h", outcome: .failed, status: "ERROR",
            reason: Reason(id: "x.y", message: "first\n" + huge, resolution: huge))
        let run = StageRun(
            source: DocumentSource(path: "x"), vcenter: "vc", clusterID: "c", commit: "1",
            start: Timestamp(milliseconds: 0), hosts: [host])
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: TestSupport.summary(of: [run]), runs: [run], to: dir)[0]
            let failure = try #require(
                try JUnitChecks.verify(path).children.first?.children(named: "testcase").first?.children.first)
            #expect(failure["message"] == "first")
            #expect(failure.text.utf8.count <= 64 * 1_024 + 40)
            #expect(failure.text.hasSuffix(" bytes]") && failure.text.contains("[truncated "))
        }
    }
}
