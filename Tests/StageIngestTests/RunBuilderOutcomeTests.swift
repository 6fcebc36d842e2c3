import StageIngest
import StageModel
import Testing

/// Host outcomes (report-semantics §2): from `host_status[host].status`, else from the lists.
@Suite("RunBuilder: host outcomes")
struct RunBuilderOutcomeTests {
    @Test(
        "Each status string",
        arguments: [
            ("OK", HostOutcome.succeeded), ("ERROR", .failed), ("TIMED_OUT", .timedOut), ("SKIPPED", .skipped),
            ("RUNNING", .inProgress), ("RETRY_PENDING", .inProgress),
            ("ok", .unknown), ("", .unknown), ("STAGED", .unknown), ("PENDING", .unknown)
        ])
    func statusString(status: String, outcome: HostOutcome) throws {
        for maps in MapForm.allCases {
            let result = Doc.result(
                names: [("host-1", "esx1")], statuses: [("host-1", Doc.status(status))],
                successful: nil, failed: nil, skipped: nil, form: maps)
            let run = try #require(try onlyRun(Doc.task(result)))
            #expect(run.hosts.map(\.outcome) == [outcome], "\(maps)")
            #expect(run.hosts.first?.status == status)
        }
    }

    @Test(
        "No status, or a status that is not a string, is unknown",
        arguments: [
            J.object([("notifications", [:])]), ["status": nil], ["status": 3], ["status": ["OK"]],
            ["status": ["value": "OK"]]
        ])
    func noStatus(entry: J) throws {
        // Even when a list names the host: the entry exists, so the lists do not decide.
        let result = Doc.result(names: [("host-1", "esx1")], statuses: [("host-1", entry)], successful: ["host-1"])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.outcome) == [.unknown])
        #expect(run.hosts.first?.status == nil)
    }

    @Test(
        "Without a host_status entry the lists decide: failed > skipped > successful > the run status",
        arguments: [
            ([], HostOutcome.unknown), (["s"], .succeeded), (["k"], .skipped), (["f"], .failed),
            (["s", "k"], .skipped), (["s", "f"], .failed), (["k", "f"], .failed), (["s", "k", "f"], .failed)
        ] as [([String], HostOutcome)])
    func listsDecide(lists: [String], outcome: HostOutcome) throws {
        let ids = ["host-1"]
        let result = Doc.result(
            names: [("host-1", "esx1")], statuses: [("host-2", Doc.status("OK"))],
            successful: lists.contains("s") ? ids : [], failed: lists.contains("f") ? ids : [],
            skipped: lists.contains("k") ? ids : [])
        // A SUCCEEDED task: a host in no list is unknown (report-semantics §2).
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.host("host-1")?.outcome == outcome)
        #expect(run.host("host-1")?.status == nil)
    }

    @Test("A host_status entry of the wrong type counts as absent", arguments: [J.string("OK"), 7, nil, ["OK"], true])
    func entryOfWrongType(entry: J) throws {
        for maps in MapForm.allCases {
            let result = Doc.result(
                names: [("host-1", "esx1"), ("host-2", "esx2")],
                statuses: [("host-1", entry), ("host-2", entry)],
                successful: ["host-2"], skipped: ["host-1"], form: maps)
            let run = try #require(try onlyRun(Doc.task(result)))
            #expect(run.hosts.map(\.outcome) == [.skipped, .succeeded], "\(maps)")
            #expect(run.hosts.map(\.status) == [nil, nil])
            #expect(run.notes.isEmpty)
        }
    }

    @Test func aStatusWinsOverTheLists() throws {
        let result = Doc.result(
            names: [("host-1", "a"), ("host-2", "b"), ("host-3", "c")],
            statuses: [
                ("host-1", Doc.status("OK")), ("host-2", Doc.status("SKIPPED")),
                ("host-3", Doc.status("RUNNING"))
            ],
            successful: ["host-2"], failed: ["host-1", "host-3"])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.outcome) == [.succeeded, .skipped, .inProgress])
    }

    @Test func hostsAreTheUnionOfMapsAndLists() throws {
        let result = Doc.result(
            names: [("h-info", "info only"), ("h-both", "both")],
            statuses: [("h-both", Doc.status("OK")), ("h-status", Doc.status("ERROR"))],
            successful: ["h-both", "h-ok"], failed: ["h-fail", "h-fail"], skipped: ["h-skip"])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.id) == ["h-both", "h-fail", "h-info", "h-ok", "h-skip", "h-status"])
        #expect(run.hosts.map(\.outcome) == [.succeeded, .failed, .unknown, .succeeded, .skipped, .failed])
        #expect(run.hosts.map(\.name) == ["both", "h-fail", "info only", "h-ok", "h-skip", "h-status"])
    }

    @Test func hostsAreSortedByIdBytes() throws {
        let ids = ["host-9", "host-10", "host-1", "Host-1", "\u{e9}sx", "esx", "host-1 "]
        let result = Doc.result(names: ids.map { ($0, $0) }, successful: nil, failed: nil, skipped: nil)
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.id) == ["Host-1", "esx", "host-1", "host-1 ", "host-10", "host-9", "\u{e9}sx"])
    }

    @Test func displayNameFallsBackToTheId() throws {
        let result = Doc.result(
            statuses: [
                ("host-1", Doc.status("OK")), ("host-2", Doc.status("OK")), ("host-3", Doc.status("OK")),
                ("host-4", Doc.status("OK"))
            ],
            extra: [
                (
                    "host_info",
                    [
                        "host-1": ["name": "esx1", "is_vsan_witness": true], "host-2": ["name": 5],
                        "host-3": "esx3", "host-4": [:]
                    ]
                )
            ])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.name) == ["esx1", "host-2", "host-3", "host-4"])
    }

    @Test func escapedStringsInHostNamesAndIds() throws {
        let raw = """
            {"commit": "1", "cluster": "c", "host_info": {
              "host-\\u0031": {"name": "caf\\u00e9"},
              "host-2": {"name": "\\ud83d\\ude00 smile"},
              "host-3": {"name": "lone \\ud800 high"},
              "host-4": {"name": "lone \\udc00 low"},
              "host-5": {"name": "\\ud800\\u0041"},
              "host-6": {"name": "tab\\tquote\\"slash\\/back\\\\"},
              "host-7": {"name": "z\\u00FCrich \\u20ac"}
            }, "host_status": {"host-1": {"status": "OK"}}, "successful_hosts": ["host\\u002d1"]}
            """
        let run = try #require(try onlyRun(.raw(raw)))
        #expect(run.hosts.map(\.id) == (1...7).map { "host-\($0)" })
        #expect(
            run.hosts.map(\.name) == [
                "caf\u{e9}", "\u{1F600} smile", "lone \u{FFFD} high", "lone \u{FFFD} low",
                "\u{FFFD}A", "tab\tquote\"slash/back\\", "z\u{fc}rich \u{20ac}"
            ])
        #expect(run.host("host-1")?.outcome == .succeeded)
        #expect(run.notes.isEmpty, "the escaped key matches the plain list member and host_info key")
    }

    @Test func rawUTF8NamesAreKept() throws {
        let run = try #require(
            try onlyRun(
                Doc.result(
                    names: [("host-1", "esx-domain-c8-04.z\u{fc}rich.example \u{1F600}")],
                    extra: [("cluster", "c")])))
        #expect(run.hosts.first?.name == "esx-domain-c8-04.z\u{fc}rich.example \u{1F600}")
    }

    @Test func durationsNeedBothTimesAndAFinishedAttempt() throws {
        let t0: J = "2026-01-01T00:00:00.000Z", t1: J = "2026-01-01T00:00:30.250Z"
        let result = Doc.result(
            names: (1...8).map { ("h\($0)", "n") },
            statuses: [
                ("h1", Doc.status("OK", start: t0, end: t1)), ("h2", Doc.status("ERROR", start: t0, end: t1)),
                ("h3", Doc.status("TIMED_OUT", start: t0, end: t1)), ("h4", Doc.status("SKIPPED", start: t0, end: t1)),
                ("h5", Doc.status("RUNNING", start: t0, end: t1)), ("h6", Doc.status("OK", start: t0)),
                ("h7", Doc.status("OK", start: t1, end: t0)), ("h8", Doc.status("OK", start: t0, end: t0))
            ])
        let run = try #require(try onlyRun(Doc.task(result)))
        #expect(run.hosts.map(\.durationMilliseconds) == [30_250, 30_250, 30_250, nil, nil, nil, nil, 0])
    }
}
