import StageIngest
import StageModel
import Testing

/// Every map of the model (`host_info`, `host_status`, `params`) may be a JSON object or a
/// list of `{"key": K, "value": V}` objects; both forms are accepted everywhere.
@Suite("StageMap: object and key/value forms")
struct StageMapTests {
    private let names: [(String, String)] = [("host-1", "esx1"), ("host-2", "esx2")]
    private var statuses: [(String, J)] {
        [
            ("host-1", Doc.status("OK", start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:02:00Z")),
            (
                "host-2",
                Doc.status("SKIPPED", errors: [Doc.note("com.vmware.vcIntegrity.lifecycle.host.disconnected", "gone")])
            )
        ]
    }

    @Test("host_info and host_status in any combination of forms", arguments: MapForm.allCases, MapForm.allCases)
    func mixedForms(info: MapForm, status: MapForm) throws {
        let result = Doc.result(
            successful: ["host-1"], skipped: ["host-2"],
            extra: [
                ("host_info", info.map(names.map { ($0.0, ["name": .string($0.1)]) })),
                ("host_status", status.map(statuses))
            ])
        let run = try #require(try onlyRun(Doc.rest(Doc.task(result))))
        #expect(run.hosts.map(\.name) == ["esx1", "esx2"])
        #expect(run.hosts.map(\.outcome) == [.succeeded, .skipped])
        #expect(run.hosts.map(\.durationMilliseconds) == [120_000, nil])
        #expect(
            run.hosts.last?.reason == Reason(id: "com.vmware.vcIntegrity.lifecycle.host.disconnected", message: "gone"))
        #expect(run.notes.isEmpty)
    }

    @Test("A repeated key keeps its last value", arguments: MapForm.allCases)
    func repeatedKeyLastWins(form: MapForm) throws {
        let result = Doc.result(
            successful: ["host-1"],
            extra: [
                ("host_info", form.map([("host-1", ["name": "old"]), ("host-1", ["name": "new"])])),
                ("host_status", form.map([("host-1", Doc.status("ERROR")), ("host-1", Doc.status("OK"))]))
            ])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.count == 1)
        #expect(run.hosts.first?.name == "new")
        #expect(run.hosts.first?.outcome == .succeeded)
        #expect(run.notes.isEmpty)
    }

    @Test func malformedKeyValueEntriesAreSkipped() throws {
        let list: J = [
            ["key": "host-1", "value": ["name": "esx1"]],
            ["key": 5, "value": ["name": "numeric key"]],
            ["value": ["name": "no key"]],
            ["key": "host-3"], // no value
            "host-4",
            7,
            ["key": "host-2", "value": ["name": "esx2"]]
        ]
        let run = try #require(
            try onlyRun(
                Doc.task(
                    Doc.result(
                        successful: nil, failed: nil, skipped: nil,
                        extra: [("host_info", list)]))))
        #expect(run.hosts.map(\.id) == ["host-1", "host-2"])
        #expect(run.hosts.map(\.name) == ["esx1", "esx2"])
        // Hosts in host_info only, of a SUCCEEDED task: unknown (report-semantics §2).
        #expect(run.hosts.map(\.outcome) == [.unknown, .unknown])
    }

    @Test func keyValueMembersInAnyOrderAndWithExtras() throws {
        let list: J = [["value": Doc.status("ERROR"), "@class": "x", "key": "host-1"]]
        let run = try #require(
            try onlyRun(
                Doc.task(
                    Doc.result(
                        names: [("host-1", "a")], failed: ["host-1"],
                        extra: [("host_status", list)]))))
        #expect(run.hosts.map(\.outcome) == [.failed])
    }

    @Test func emptyMapsInBothForms() throws {
        for form in MapForm.allCases {
            let run = try #require(try onlyRun(Doc.result(form: form, extra: [("cluster", "c")])))
            #expect(run.hosts.isEmpty)
            #expect(run.notes.isEmpty)
        }
    }

    @Test("The legacy /rest form of the model document, maps as lists everywhere", arguments: MapForm.allCases)
    func restEverywhere(form: MapForm) throws {
        let note: J = [
            "id": "n.1", "time": "2026-01-01T00:00:00Z",
            "message": ["id": "n.1", "default_message": "msg", "args": [], "params": form.map([("host", ["s": "h"])])]
        ]
        let result = Doc.result(
            names: [("host-1", "esx1")],
            statuses: [("host-1", Doc.status("ERROR", errors: [note]))], failed: ["host-1"], form: form)
        let doc = Doc.rest(
            Doc.task(
                result,
                extra: [
                    (
                        "error",
                        [
                            "@class": "com.vmware.vapi.std.errors.error", "error_type": "ERROR",
                            "messages": []
                        ]
                    )
                ]),
            annotations: [("vcenter", "vc")])
        let run = try #require(try onlyRun(doc))
        #expect(run.vcenter == "vc")
        #expect(run.hosts.first?.reason == Reason(id: "n.1", message: "msg"))
    }
}
