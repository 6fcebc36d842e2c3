import StageIngest
import StageModel
import Testing

/// Skip and failure reasons of one host outcome (report-semantics §5).
@Suite("RunBuilder: skip and failure reasons")
struct RunBuilderReasonTests {
    private func reason(_ entry: J, lists: (s: [String], f: [String], k: [String]) = ([], [], [])) throws -> Reason? {
        let result = Doc.result(
            names: [("h1", "a")], statuses: [("h1", entry)],
            successful: lists.s, failed: lists.f, skipped: lists.k)
        return try #require(try onlyRun(Doc.task(result))).hosts.first?.reason
    }

    private let e1 = Doc.note("err.1", "first error", resolution: "fix it")
    private let e2 = Doc.note("err.2", "second error")
    private let w1 = Doc.note("warn.1", "a warning")
    private let i1 = Doc.note("info.1", "some info")

    @Test func skipReasonLooksInErrorsThenWarningsThenInfo() throws {
        // Member order in the JSON does not matter: errors are looked at first.
        let all: J = ["status": "SKIPPED", "notifications": ["info": [i1], "warnings": [w1], "errors": [e1, e2]]]
        #expect(try reason(all) == Reason(id: "err.1", message: "first error", resolution: "fix it"))
        #expect(try reason(Doc.status("SKIPPED", warnings: [w1], info: [i1]))?.id == "warn.1")
        #expect(
            try reason(Doc.status("SKIPPED", errors: [], warnings: [], info: [i1]))
                == Reason(id: "info.1", message: "some info"))
    }

    @Test(
        "A skipped host without a notification is (unspecified)",
        arguments: [
            Doc.status("SKIPPED"), Doc.status("SKIPPED", errors: [], warnings: [], info: []),
            J.object([("status", "SKIPPED")]),
            ["status": "SKIPPED", "notifications": nil], ["status": "SKIPPED", "notifications": "none"]
        ])
    func skipUnspecified(entry: J) throws {
        #expect(try reason(entry) == Reason(id: "(unspecified)"))
    }

    @Test func failureReasonLooksInErrorsThenWarningsOnly() throws {
        #expect(try reason(Doc.status("ERROR", errors: [e2, e1], warnings: [w1]))?.id == "err.2")
        #expect(try reason(Doc.status("ERROR", warnings: [w1], info: [i1]))?.id == "warn.1")
        #expect(try reason(Doc.status("ERROR", info: [i1])) == Reason(id: "(unspecified)"))
        #expect(try reason(Doc.status("ERROR")) == Reason(id: "(unspecified)"))
    }

    @Test func timedOutDefaultsToTimedOut() throws {
        #expect(try reason(Doc.status("TIMED_OUT")) == Reason(id: "(timed out)"))
        #expect(try reason(Doc.status("TIMED_OUT", info: [i1])) == Reason(id: "(timed out)"))
        #expect(try reason(Doc.status("TIMED_OUT", warnings: [w1]))?.id == "warn.1")
        #expect(try reason(Doc.status("TIMED_OUT", errors: [e1], warnings: [w1]))?.id == "err.1")
    }

    @Test func outcomesFromTheListsHaveUnspecifiedReasons() throws {
        let result = Doc.result(
            names: [("h1", "a"), ("h2", "b"), ("h3", "c"), ("h4", "d")],
            successful: ["h3"], failed: ["h1"], skipped: ["h2"])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.reason) == [Reason(id: "(unspecified)"), Reason(id: "(unspecified)"), nil, nil])
    }

    @Test(
        "Succeeded, in-progress and unknown outcomes have no reason",
        arguments: ["OK", "RUNNING", "RETRY_PENDING", "NEW"])
    func noReason(status: String) throws {
        #expect(try reason(Doc.status(status, errors: [e1], warnings: [w1], info: [i1])) == nil)
    }

    @Test func notificationsWithoutAStringIdAreSkipped() throws {
        let entry = Doc.status("ERROR", errors: [7, ["message": ["default_message": "no id"]], ["id": 5], e2])
        #expect(try reason(entry) == Reason(id: "err.2", message: "second error"))
        let none = Doc.status("SKIPPED", errors: [["id": nil]], warnings: ["w"], info: [[:]])
        #expect(try reason(none) == Reason(id: "(unspecified)"))
    }

    @Test func messageAndResolutionAreTheDefaultMessages() throws {
        let odd: J = ["id": "odd.1", "message": ["id": "m", "default_message": 5], "resolution": "plain string"]
        #expect(try reason(Doc.status("ERROR", errors: [odd])) == Reason(id: "odd.1"))
        let noMessage: J = ["id": "bare.1"]
        #expect(try reason(Doc.status("SKIPPED", info: [noMessage])) == Reason(id: "bare.1"))
        let escaped: J = ["id": "esc.1", "message": ["default_message": .raw("\"Host \\\"10.0.0.1\\\" \\u00e9\"")]]
        #expect(try reason(Doc.status("ERROR", errors: [escaped]))?.message == "Host \"10.0.0.1\" \u{e9}")
    }

    @Test("params in either map form do not change the reason", arguments: MapForm.allCases)
    func paramsInBothForms(form: MapForm) throws {
        let params = form.map([
            ("host", ["s": "10.0.0.1"]), ("when", ["dt": "2026-01-01T00:00:00.000Z"]),
            ("count", ["i": 3]), ("nested", ["l": ["id": "x", "params": form.map([("a", ["s": "b"])])]])
        ])
        let note: J = [
            "id": "p.1", "time": "2026-01-01T00:00:00.000Z",
            "message": ["id": "p.1", "default_message": "Host 10.0.0.1 failed", "args": [], "params": params],
            "resolution": ["id": "p.1.r", "default_message": "Retry", "args": [], "params": params]
        ]
        #expect(
            try reason(Doc.status("ERROR", errors: [note]))
                == Reason(id: "p.1", message: "Host 10.0.0.1 failed", resolution: "Retry"))
    }

    @Test func theIdIsTheNotificationIdNotTheMessageId() throws {
        let note: J = [
            "id": "com.vmware.esx.network.host.validate.vmknics.start",
            "message": [
                "id": "ext[com.vmware.vcIntegrity/8.0.3/network_pre]com.vmware.esx.network.host.validate.vmknics.start",
                "default_message": "Validating vmknics"
            ]
        ]
        #expect(
            try reason(Doc.status("ERROR", errors: [note]))?.id == "com.vmware.esx.network.host.validate.vmknics.start")
    }
}
