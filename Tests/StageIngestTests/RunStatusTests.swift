import Foundation
import StageIngest
import StageModel
import Testing

/// Revision 2 of the contract at ingest: every stage task is a run with a run status, its own
/// notifications and reason; hosts without a status follow the run; warnings are kept
/// (report-semantics §1, §2, §2a, §5).
@Suite("Runs: run status, run notifications, hosts without status, warnings")
struct RunStatusTests {
    /// A LocalizableMessage, as a task `error` carries its messages.
    private static let depot: J = [
        "id": "com.vmware.vcIntegrity.lifecycle.DepotUnreachable", "default_message": "Depot unreachable", "args": []
    ]

    @Test(
        "Run status from the stage status, else the task status, else in progress",
        arguments: [
            ("OK", "FAILED", RunStatus.succeeded), ("ERROR", "SUCCEEDED", .failed), ("TIMED_OUT", nil, .timedOut),
            ("SKIPPED", "SUCCEEDED", .skipped), ("RUNNING", "RUNNING", .inProgress),
            ("RETRY_PENDING", nil, .inProgress), ("NEW_ONE", "SUCCEEDED", .unknown), (nil, "SUCCEEDED", .succeeded),
            (nil, "FAILED", .failed), (nil, "PENDING", .inProgress), (nil, "BLOCKED", .inProgress),
            (nil, "WEIRD", .unknown), (nil, nil, .inProgress)
        ] as [(String?, String?, RunStatus)])
    func runStatus(stage: String?, task: String?, expected: RunStatus) throws {
        let aggregate: J? = stage.map { ["status": .string($0)] }
        let result = Doc.result(
            names: [("host-1", "esx1")], statuses: [("host-1", Doc.status("OK"))], aggregate: aggregate)
        let doc: J =
            task.map { Doc.task(result, status: $0) } ?? result.adding([("cluster", "domain-c1")])
        let run = try #require(try onlyRun(doc))
        #expect(run.runStatus == expected)
        #expect(run.stageStatus == stage && run.taskStatus == task, "raw statuses are kept")
    }

    @Test("A FAILED task with an error and no result is a failed run without hosts, counted as without result")
    func failedTaskWithoutResult() throws {
        let doc = Doc.task(
            nil, status: "FAILED",
            extra: [("error", ["error_type": "ERROR", "messages": [Self.depot]])])
        let r = try ingestOne(doc)
        #expect(r.withoutResult == 1)
        let run = try #require(r.runs.first)
        #expect(r.runs.count == 1)
        #expect(run.commit == nil && run.hosts.isEmpty)
        #expect(run.runStatus == .failed)
        #expect(run.runReason?.id == "com.vmware.vcIntegrity.lifecycle.DepotUnreachable")
        #expect(run.runReason?.message == "Depot unreachable")
    }

    @Test("The /rest form of the same failed task, error with @class, reads the same")
    func restFailedTask() throws {
        let task = Doc.task(
            nil, status: "FAILED",
            extra: [
                (
                    "error",
                    ["@class": "com.vmware.vapi.std.errors.error", "error_type": "ERROR", "messages": [Self.depot]]
                )
            ])
        let run = try #require(try onlyRun(Doc.rest(task, annotations: [("vcenter", "vc01")])))
        #expect(run.runReason?.id == "com.vmware.vcIntegrity.lifecycle.DepotUnreachable")
        #expect(run.vcenter == "vc01")
        #expect(run.notes(.vcenterMissing).isEmpty)
    }

    @Test(
        "The run reason is the first error: stage status notifications, result notifications, task notifications, error"
    )
    func reasonOrder() throws {
        let aggregate: J = [
            "status": "ERROR", "notifications": ["errors": [Doc.note("a.stage")], "warnings": [Doc.note("w.stage")]]
        ]
        let result = Doc.result(aggregate: aggregate, extra: [("notifications", ["errors": [Doc.note("b.result")]])])
        let doc = Doc.task(
            result, status: "FAILED",
            extra: [
                ("notifications", ["errors": [Doc.note("c.task")]]),
                ("error", ["error_type": "ERROR", "messages": [["id": "d.error", "default_message": "m", "args": []]]])
            ])
        let run = try #require(try onlyRun(doc))
        #expect(run.runReason?.id == "a.stage")
        #expect(
            run.notifications.filter { $0.kind == .error }.map(\.reason.id) == [
                "a.stage", "b.result", "c.task", "d.error"
            ])
        #expect(run.notifications.filter { $0.kind == .warning }.map(\.reason.id) == ["w.stage"])
    }

    @Test("A failed run without an error notification has the reason (unspecified); a timed-out one (timed out)")
    func fallbackRunReasons() throws {
        let failed = try #require(try onlyRun(Doc.task(nil, status: "FAILED")))
        #expect(failed.runReason?.id == Reason.unspecified)
        let timedOut = try #require(try onlyRun(Doc.task(Doc.result(aggregate: ["status": "TIMED_OUT"]))))
        #expect(timedOut.runReason?.id == Reason.timedOut)
        let ok = try #require(try onlyRun(Doc.task(Doc.result(aggregate: ["status": "OK"]))))
        #expect(ok.runReason == nil)
    }

    @Test(
        "A host known only from host_info follows the run: in progress, failed with the run reason, or unknown",
        arguments: [
            ("RUNNING", HostOutcome.inProgress, false), ("ERROR", .failed, true), ("TIMED_OUT", .failed, true),
            ("OK", .unknown, true), ("SKIPPED", .unknown, true)
        ] as [(String, HostOutcome, Bool)])
    func hostWithoutStatus(stage: String, outcome: HostOutcome, noted: Bool) throws {
        let aggregate: J = ["status": .string(stage), "notifications": ["errors": [Doc.note("cluster.error", "down")]]]
        let result = Doc.result(
            names: [("host-1", "esx1"), ("host-2", "esx2")], statuses: [("host-2", Doc.status("OK"))],
            aggregate: aggregate)
        let run = try #require(try onlyRun(Doc.task(result, status: "RUNNING")))
        let host = try #require(run.host("host-1"))
        #expect(host.outcome == outcome)
        #expect(run.notes(.hostWithoutStatus).count == (noted ? 1 : 0))
        if outcome == .failed { #expect(host.reason?.id == "cluster.error") }
        #expect(run.host("host-2")?.outcome == .succeeded, "a host with a status keeps it")
    }

    @Test("A failed host without notifications takes the run's first error; with none, its own fallback")
    func failedHostFallback() throws {
        let withError = Doc.result(
            names: [("host-1", "esx1"), ("host-2", "esx2")],
            statuses: [("host-1", Doc.status("ERROR")), ("host-2", Doc.status("TIMED_OUT"))],
            aggregate: ["status": "ERROR", "notifications": ["errors": [Doc.note("cluster.error")]]])
        let run = try #require(try onlyRun(Doc.task(withError, status: "FAILED")))
        #expect(run.host("host-1")?.reason?.id == "cluster.error")
        #expect(run.host("host-2")?.reason?.id == "cluster.error")
        let without = Doc.result(
            names: [("host-1", "esx1"), ("host-2", "esx2")],
            statuses: [("host-1", Doc.status("ERROR")), ("host-2", Doc.status("TIMED_OUT"))],
            aggregate: ["status": "ERROR"])
        let plain = try #require(try onlyRun(Doc.task(without, status: "FAILED")))
        #expect(plain.host("host-1")?.reason?.id == Reason.unspecified)
        #expect(plain.host("host-2")?.reason?.id == Reason.timedOut)
    }

    @Test("Warnings are kept for succeeded and skipped hosts, each id once; not for failed ones")
    func hostWarnings() throws {
        let low = Doc.note("w.locker", "Low space in /locker")
        let result = Doc.result(
            names: [("host-1", "a"), ("host-2", "b"), ("host-3", "c")],
            statuses: [
                ("host-1", Doc.status("OK", warnings: [low, low, Doc.note("w.other")])),
                ("host-2", Doc.status("SKIPPED", warnings: [low])),
                ("host-3", Doc.status("ERROR", warnings: [low]))
            ])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.host("host-1")?.warnings.map(\.id) == ["w.locker", "w.other"])
        #expect(run.host("host-1")?.warnings.first?.message == "Low space in /locker")
        #expect(run.host("host-2")?.warnings.map(\.id) == ["w.locker"])
        #expect(run.host("host-2")?.reason?.id == "w.locker", "a skipped host's warning is also its skip reason")
        #expect(run.host("host-3")?.warnings.isEmpty == true)
        #expect(run.host("host-3")?.reason?.id == "w.locker")
    }

    @Test("A run whose vCenter is unknown is noted; the default or a label names it")
    func vcenterMissing() throws {
        let bare = Doc.minimal()
        #expect(try #require(try onlyRun(bare, defaults: DocumentDefaults())).notes(.vcenterMissing).count == 1)
        let named = try #require(try onlyRun(bare, defaults: DocumentDefaults(vcenter: "vc09")))
        #expect(named.vcenter == "vc09" && named.notes(.vcenterMissing).isEmpty)
    }

    @Test("A labelled input names the vCenter of its documents; an annotation still wins")
    func labelledInputs() throws {
        try ingestFiles([
            ("site-a/run.json", Doc.minimal().text), ("site-b/run.json", Doc.minimal(extra: [("vcenter", "own")]).text)
        ]) {
            _, dir in
            var options = IngestOptions(defaults: DocumentDefaults(vcenter: "fallback"), workers: 1)
            options.labels.add(root: dir.path + "/site-a", vcenter: "vc-a")
            options.labels.add(root: dir.path + "/site-b", vcenter: "vc-b")
            let r = try read([dir.path + "/site-a", dir.path + "/site-b"], options: options)
            #expect(r.runs.map(\.vcenter).sorted() == ["own", "vc-a"])
        }
    }

    @Test("Members identify a task info only with their model's types")
    func kindsByType() throws {
        let packageJSON: J = ["name": "x", "target": "es2020", "service": 3]
        let r = try ingestOne(packageJSON)
        #expect(r.runs.isEmpty && r.rejections.count == 1)
        let statusAndCancelable: J = ["status": "FAILED", "cancelable": false, "target": ["id": "domain-c4"]]
        let run = try #require(try onlyRun(statusAndCancelable))
        #expect(run.runStatus == .failed && run.clusterID == "domain-c4")
    }

    // Which of the two is kept is duplicate resolution's business: ResultlessRunTests.
    @Test("A task without result and the same task with one are both read as runs")
    func resultlessDuplicate() throws {
        let result = Doc.result(
            names: [("host-1", "a")], statuses: [("host-1", Doc.status("OK"))], aggregate: ["status": "OK"])
        try ingestFiles([
            ("a-pending.json", Doc.task(nil, status: "RUNNING").text), ("b-done.json", Doc.task(result).text)
        ]) { r, _ in
            #expect(r.runs.count == 2, "both are read as runs; duplicates are resolved after reading")
            #expect(r.withoutResult == 1)
        }
    }
}
