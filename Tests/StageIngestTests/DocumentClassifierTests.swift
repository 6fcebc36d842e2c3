import Foundation
import StageIngest
import StageModel
import Testing

/// The three document kinds, task variants and what is not a document (report-semantics §1).
@Suite("DocumentClassifier: wire forms and task variants")
struct DocumentClassifierTests {
    /// The StageResult of vsphere-stage-model.md §12, as the three fixtures carry it.
    private func expectSpecExampleHosts(_ run: StageRun) {
        #expect(run.hosts.map(\.id) == ["host-12", "host-13", "host-14", "host-15"])
        #expect(run.hosts.map(\.name) == ["esx01.lab.local", "esx02.lab.local", "10.162.82.221", "esx04.lab.local"])
        #expect(run.hosts.map(\.outcome) == [.succeeded, .failed, .skipped, .timedOut])
        #expect(run.hosts.map(\.status) == ["OK", "ERROR", "SKIPPED", "TIMED_OUT"])
        // 19:47:03.118 − 19:39:46.487, 19:41:20.007 − 19:39:46.508, 19:58:12.380 − 19:39:46.541
        #expect(run.hosts.map(\.durationMilliseconds) == [436_631, 93_499, nil, 1_105_839])
        #expect(run.hosts[0].reason == nil)
        #expect(run.hosts[1].reason?.id == "com.vmware.vcIntegrity.lifecycle.EsxImage.DepotConnectErrorV2")
        #expect(
            run.hosts[2].reason
                == Reason(
                    id: "com.vmware.vcIntegrity.lifecycle.host.disconnected",
                    message: "Host 10.162.82.221 is disconnected. Connect the host and retry.",
                    resolution: "Reconnect the host '10.162.82.221' and try again."))
        #expect(
            run.hosts[3].reason
                == Reason(
                    id: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.Timeout",
                    message: "Staging timed out on host esx04.lab.local."))
        #expect(run.notes.isEmpty)
        #expect(run.vcenter == "vc01.lab.local")
        #expect(run.clusterID == "domain-c8")
        #expect(run.commit == "5")
    }

    private func ingestFixture(_ name: String) throws -> StageRun {
        let r = try read([fixturesPath + "/spec-example/" + name])
        #expect(r.rejections.isEmpty)
        #expect(r.documents == 1)
        return try #require(r.runs.first)
    }

    @Test func apiTaskInfoFromTheModelDocument() throws {
        let run = try ingestFixture("api-task.json")
        expectSpecExampleHosts(run)
        #expect(run.taskStatus == "FAILED")
        #expect(run.isFinished)
        #expect(run.start == Timestamp(iso8601: "2024-11-08T19:39:45.987Z"))
        #expect(run.end == Timestamp(iso8601: "2024-11-08T19:58:12.420Z"))
        #expect(run.lastUpdate == Timestamp(iso8601: "2024-11-08T19:58:12.431Z"))
        #expect(run.clusterName == nil)
    }

    @Test func legacyRestFormWithKeyValueMaps() throws {
        let run = try ingestFixture("rest-task.json")
        expectSpecExampleHosts(run)
        #expect(run.taskStatus == "FAILED")
        #expect(run.clusterName == "Lab cluster")
        #expect(run.lastUpdate == Timestamp(iso8601: "2024-11-08T19:58:12.431Z"))
    }

    @Test func bareStageResultTakesTimesFromTheAggregateStatus() throws {
        let run = try ingestFixture("bare-result.json")
        expectSpecExampleHosts(run)
        #expect(run.taskStatus == nil)
        #expect(run.lastUpdate == nil)
        #expect(run.isFinished) // aggregate status ERROR
        #expect(run.start == Timestamp(iso8601: "2024-11-08T19:39:45.987Z"))
        #expect(run.end == Timestamp(iso8601: "2024-11-08T19:58:12.402Z"))
    }

    @Test(
        "Every wire form with every map form gives the same hosts",
        arguments: WireForm.allCases, MapForm.allCases)
    func formsAgree(form: WireForm, maps: MapForm) throws {
        let result = Doc.result(
            commit: "7", names: [("host-1", "esx1"), ("host-2", "esx2"), ("host-3", "esx3")],
            statuses: [
                ("host-1", Doc.status("OK", start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:00:30Z")),
                ("host-2", Doc.status("ERROR", errors: [Doc.note("e.1", "boom")])),
                ("host-3", Doc.status("SKIPPED", info: [Doc.note("i.1", "fine")]))
            ],
            successful: ["host-1"], failed: ["host-2"], skipped: ["host-3"], form: maps)
        let run = try #require(try onlyRun(form.document(result, cluster: "domain-c9")))
        #expect(run.clusterID == "domain-c9")
        #expect(run.commit == "7")
        #expect(run.start == Timestamp(iso8601: "2026-01-01T00:00:00Z"))
        #expect(run.hosts.map(\.name) == ["esx1", "esx2", "esx3"])
        #expect(run.hosts.map(\.outcome) == [.succeeded, .failed, .skipped])
        #expect(run.hosts.map { $0.reason?.id } == [nil, "e.1", "i.1"])
        #expect(run.hosts[0].durationMilliseconds == 30_000)
        #expect(run.notes.isEmpty)
    }

    @Test(
        "A task info is recognised by any one of result, service, operation, target; without a result it is a run",
        arguments: ["service", "operation", "target"])
    func taskInfoMembers(member: String) throws {
        let value: J =
            member == "target"
            ? ["type": "ClusterComputeResource", "id": "domain-c1"]
            : member == "operation" ? "stage$task" : "com.vmware.esx.settings.clusters.software"
        for doc in [J.object([(member, value)]), Doc.rest(.object([(member, value)]))] {
            let r = try ingestOne(doc)
            #expect(r.withoutResult == 1, "\(doc.text)")
            #expect(r.rejections.isEmpty && r.runs.count == 1 && r.documents == 1)
            #expect(r.runs.first?.commit == nil && r.runs.first?.hosts.isEmpty == true)
        }
    }

    @Test func resultAloneIsATaskInfo() throws {
        let run = try #require(try onlyRun(["result": Doc.result(names: [("host-1", "a")]), "cluster": "c"]))
        #expect(run.taskStatus == nil)
        #expect(run.clusterID == "c")
        #expect(run.hosts.map(\.outcome) == [.inProgress])
    }

    @Test func taskWithoutResultIsCountedNotRejected() throws {
        let docs: [J] = [
            Doc.task(nil, status: "PENDING"),
            Doc.task(.null, status: "RUNNING"),
            Doc.rest(Doc.task(nil, status: "PENDING")),
            Doc.rest(Doc.task(.null))
        ]
        let lines = docs.map(\.text).joined(separator: "\n") + "\n"
        try ingestFiles([("pending.jsonl", lines)]) { r, _ in
            #expect(r.withoutResult == 4)
            #expect(r.documents == 4)
            // Each is a run without a commit or hosts, in progress (report-semantics §1, §3).
            #expect(r.runs.count == 4 && r.rejections.isEmpty && r.otherOperations == 0)
            #expect(r.runs.allSatisfy { $0.commit == nil && $0.hosts.isEmpty })
            // PENDING and RUNNING are in progress; the last task's status is the builder's SUCCEEDED.
            #expect(r.runs.map(\.runStatus).sorted() == [.succeeded, .inProgress, .inProgress, .inProgress])
        }
    }

    @Test func otherOperationsAreLeftOut() throws {
        let result = Doc.result(names: [("host-1", "a")])
        let docs: [J] = [
            Doc.task(result, operation: "scan$task"),
            Doc.task(nil, operation: "check_compliance$task"), // other wins over "no result"
            Doc.rest(Doc.task(result, operation: "apply$task")),
            Doc.task(result, operation: "remediate$task"),
            Doc.task(result, operation: nil), // no operation: a stage task
            Doc.task(result, extra: [("operation", .null)]) // null operation counts as absent
        ]
        try ingestFiles([("mixed.jsonl", docs.map(\.text).joined(separator: "\n"))]) { r, dir in
            #expect(r.otherOperations == 4)
            #expect(r.documents == 6)
            #expect(r.runs.map { dir.relative($0.source) } == ["mixed.jsonl:5", "mixed.jsonl:6"])
            #expect(r.rejections.isEmpty)
        }
    }

    @Test func bareResultNeedsBothCommitAndHostStatus() throws {
        let ok = try ingestOne(["commit": "1", "host_status": [:], "cluster": "c"])
        #expect(ok.runs.count == 1 && ok.runs[0].hosts.isEmpty)
        for doc: J in [["commit": "1"], ["host_status": [:]], ["commit": "1", "host_info": [:]]] {
            let r = try ingestOne(doc)
            #expect(r.runs.isEmpty && r.rejections.count == 1, "\(doc.text)")
        }
    }

    @Test func unknownMembersAndEnumValuesAreKept() throws {
        let result = Doc.result(
            names: [("host-1", "a"), ("host-2", "b")],
            statuses: [
                (
                    "host-1",
                    Doc.status("STAGED_LATER", start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:01:00Z")
                        .adding([("future", ["x": [1, 2, ["y": nil]]])])
                ),
                ("host-2", Doc.status("OK").adding([("progress", ["total": 100, "completed": 40])]))
            ],
            successful: ["host-2"],
            extra: [("notifications", ["info": [Doc.note("op.level")]]), ("unknown_member", true)])
        let doc = Doc.task(
            result, status: "CANCELED_SOMEHOW",
            extra: [
                ("error", ["@class": "com.vmware.vapi.std.errors.error", "error_type": "NEW_KIND"]),
                ("parent", ""), ("last_update_time", "2026-01-01T00:09:00Z")
            ])
        let run = try #require(try onlyRun(doc))
        #expect(run.host("host-1")?.outcome == .unknown)
        #expect(run.host("host-1")?.status == "STAGED_LATER")
        #expect(run.host("host-1")?.durationMilliseconds == nil) // unknown outcomes have no duration
        #expect(run.host("host-2")?.outcome == .succeeded)
        #expect(run.taskStatus == "CANCELED_SOMEHOW")
        #expect(run.runStatus == .unknown, "an unknown task status is kept and classified as unknown")
        #expect(run.notes.isEmpty)
    }

    @Test(
        "Task status decides whether a run is finished",
        arguments: [("SUCCEEDED", true), ("FAILED", true), ("RUNNING", false), ("BLOCKED", false), ("PENDING", false)])
    func taskFinished(status: String, finished: Bool) throws {
        let run = try #require(try onlyRun(Doc.task(Doc.result(), status: status)))
        #expect(run.isFinished == finished)
        #expect(run.taskStatus == status)
    }

    @Test(
        "A bare result is finished when its aggregate status is present and not running",
        arguments: [
            ("OK", true), ("ERROR", true), ("SKIPPED", true), ("TIMED_OUT", true),
            ("RUNNING", false), ("RETRY_PENDING", false), (nil, false)
        ] as [(String?, Bool)])
    func bareFinished(aggregate: String?, finished: Bool) throws {
        let extra: [(String, J)] = aggregate.map { [("status", Doc.status($0))] } ?? []
        let run = try #require(try onlyRun(Doc.result(extra: [("cluster", "c")] + extra)))
        #expect(run.isFinished == finished)
        #expect(run.taskStatus == nil)
    }
}
