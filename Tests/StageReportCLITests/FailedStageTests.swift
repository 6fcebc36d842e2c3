import Foundation
import Testing
import TestHelpers

/// Payloads shaped as vCenter writes them (issue 17): a stage task that FAILED with an `error`
/// and no `result` (vc01/domain-c8), a task FAILED with stage status ERROR, a cluster-level
/// error and hosts only in `host_info` (vc01/domain-c9, `/rest` form), and a succeeded run whose
/// host and task carry warnings (vc02/domain-c8, the same cluster id in another vCenter). No
/// document names its vCenter: the inputs are labelled on the command line.
@Suite("A stage that failed outright is in every output and fails the gates")
struct FailedStageTests {
    static var fixtures: URL {
        Repository.root.appendingPathComponent("Tests/StageReportCLITests/Fixtures/failed-stage")
    }
    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

    static func summary(_ dir: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent("summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static var labelled: [String] { ["vc01=" + fixture("vc01"), "vc02=" + fixture("vc02")] }

    @Test("Labelled inputs: three clusters, the failed task a run without hosts, its reason and the warnings")
    func everyNumber() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report"] + Self.labelled + ["--out", tmp.url.path, "--now", "2026-12-07T00:00:00Z"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let s = try Self.summary(tmp.url)
        let totals = try #require(s["totals"] as? [String: Any])
        #expect(totals["runs"] as? Int == 3)
        #expect(totals["clusters"] as? Int == 3, "domain-c8 of vc01 and of vc02 are two clusters")
        let statuses = try #require(totals["run_statuses"] as? [String: Int])
        #expect(statuses == ["succeeded": 1, "failed": 2, "timed_out": 0, "skipped": 0, "in_progress": 0, "unknown": 0])
        let outcomes = try #require(totals["outcomes"] as? [String: Int])
        #expect(outcomes["failed"] == 3, "the three hosts of the failed domain-c9 run have no status: failed")
        #expect(outcomes["succeeded"] == 2)
        #expect(outcomes["in_progress"] == 0, "no host of a finished run is in progress")

        let hostless = try #require(s["runs_without_hosts"] as? [[String: Any]])
        #expect(hostless.count == 1)
        #expect(hostless.first?["vcenter"] as? String == "vc01")
        #expect(hostless.first?["cluster"] as? String == "domain-c8")
        #expect(hostless.first?["status"] as? String == "failed")
        #expect(hostless.first?["commit"] is NSNull)
        #expect(hostless.first?["reason"] as? String == "com.vmware.vcIntegrity.lifecycle.DepotUnreachable")

        let runReasons = try #require(s["run_failure_reasons"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(
            Set(runReasons) == [
                "com.vmware.vcIntegrity.lifecycle.DepotUnreachable",
                "com.vmware.vcIntegrity.lifecycle.StageTask.ClusterPrecheckFailed"
            ])
        let failure = try #require(s["failure_reasons"] as? [[String: Any]])
        #expect(failure.first?["id"] as? String == "com.vmware.vcIntegrity.lifecycle.StageTask.ClusterPrecheckFailed")
        #expect(failure.first?["count"] as? Int == 3, "hosts failed by their run take the run's reason")

        let warnings = try #require(s["warnings"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: warnings.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["com.vmware.vcIntegrity.lifecycle.EsxImage.LockerLowSpace"]?["count"] as? Int == 1)
        #expect(byID["com.vmware.vcIntegrity.lifecycle.plugin.SlowDepot"]?["runs"] as? Int == 1)

        let quality = try #require(s["data_quality"] as? [[String: Any]])
        let kinds = Dictionary(uniqueKeysWithValues: quality.map { ($0["kind"] as? String ?? "", $0["count"] as? Int) })
        #expect(kinds["host-without-status"] == 3)
        #expect(kinds["vcenter-missing"] == nil, "every input is labelled")
    }

    @Test("Unlabelled, the two vCenters' domain-c8 are one cluster, and each run says its vCenter is missing")
    func withoutLabels() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", Self.fixture("vc01"), Self.fixture("vc02"), "--out", tmp.url.path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let s = try Self.summary(tmp.url)
        #expect((s["totals"] as? [String: Any])?["clusters"] as? Int == 2)
        let quality = try #require(s["data_quality"] as? [[String: Any]])
        #expect(quality.first { $0["kind"] as? String == "vcenter-missing" }?["count"] as? Int == 3)
    }

    @Test("The failed task alone: every output shows it and both failure gates fail")
    func everyOutputAndTheGates() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run([
            "report", "vc01=" + Self.fixture("vc01/domain-c8"), "--out", tmp.url.path,
            "--fail-under", "95%", "--fail-under-cluster", "95%", "--max-failed", "0", "--max-failed-runs", "0",
            "--fail-on-empty"
        ])
        #expect(r.exitCode == 1, "a night whose only stage failed outright must not pass: \(r.stderr)")
        #expect(r.stderr.contains("gate max-failed failed: measured 1"))
        #expect(r.stderr.contains("gate max-failed-runs failed: measured 1"))
        let markdown = try String(contentsOf: tmp.url.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("1 failed run"))
        #expect(markdown.contains("### Failed runs without host results"))
        #expect(markdown.contains(#"DepotUnreachable"#))
        #expect(!markdown.contains("No stage runs were found"))
        let html = try String(contentsOf: tmp.url.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(#"id="t-failed-runs""#))
        #expect(html.contains("1 stage run failed before any host result"))
        #expect(html.contains("com.vmware.vcIntegrity.lifecycle.DepotUnreachable"))
        let junit = try String(contentsOf: tmp.url.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains(#"<testcase name="cluster stage" classname="vc01.domain-c8""#))
        #expect(junit.contains(#"<failure type="com.vmware.vcIntegrity.lifecycle.DepotUnreachable""#))
        #expect(junit.contains(#"tests="1" failures="1""#))
    }

    @Test(
        "Inventories per vCenter, in both forms, name each vCenter's domain-c8; the names survive --partial and merge")
    func inventoriesPerVCenterThroughPartials() throws {
        let tmp = try TemporaryDirectory()
        let p1 = tmp.url.appendingPathComponent("vc01.partial").path
        let p2 = tmp.url.appendingPathComponent("vc02.partial").path
        for (label, partial) in [("vc01", p1), ("vc02", p2)] {
            let r = try CLIRunner.run([
                "report", "\(label)=" + Self.fixture(label), "--partial", partial,
                "--clusters", "\(label)=" + Self.fixture("\(label)-clusters.json")
            ])
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
        let out = tmp.url.appendingPathComponent("merged")
        let m = try CLIRunner.run(["merge", p1, p2, "--out", out.path, "--format", "json"])
        #expect(m.exitCode == 0, "\(m.stderr)")
        let clusters = try #require(try Self.summary(out)["clusters"] as? [[String: Any]])
        let names = clusters.map {
            "\($0["vcenter"] as? String ?? "")/\($0["id"] as? String ?? "")=\($0["name"] as? String ?? "")"
        }
        #expect(names == ["vc01/domain-c8=Prod A", "vc01/domain-c9=Prod B", "vc02/domain-c8=DR A"])
    }

    @Test("A path that exists as written stays a path, even with '=' in it")
    func pathWithEquals() throws {
        let tmp = try TemporaryDirectory()
        let odd = tmp.url.appendingPathComponent("a=b")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.fixture("vc02/domain-c8/2026-12-06.json"), toPath: odd.appendingPathComponent("run.json").path)
        let r = try CLIRunner.run(["report", odd.path, "--out", tmp.url.appendingPathComponent("out").path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let s = try Self.summary(tmp.url.appendingPathComponent("out"))
        #expect((s["clusters"] as? [[String: Any]])?.first?["vcenter"] as? String == "")
        #expect((s["inputs"] as? [String: Any])?["runs"] as? Int == 1)
    }
}
