import StageIngest
import StageModel
import Testing

/// Data-quality notes (report-semantics §2): counted per occurrence, never a rejection.
@Suite("RunBuilder: data-quality notes")
struct RunBuilderDataQualityTests {
    private func run(_ result: J) throws -> StageRun {
        try #require(try onlyRun(Doc.task(result)))
    }

    @Test func hostInSeveralListsIsOneNotePerHost() throws {
        let result = Doc.result(
            names: [("h1", "a"), ("h2", "b"), ("h3", "c"), ("h4", "d")],
            successful: ["h1", "h2", "h3"], failed: ["h1", "h2"], skipped: ["h1", "h4"])
        let r = try run(result)
        let notes = r.notes(.hostInSeveralLists)
        #expect(notes.count == 2) // h1 (three lists), h2 (two lists)
        #expect(notes.first?.detail.contains("h1 in successful_hosts and failed_hosts and skipped_hosts") == true)
        #expect(r.notes.count == 2, "hosts without a status are not compared with the lists")
        #expect(r.hosts.map(\.outcome) == [.failed, .failed, .succeeded, .skipped])
    }

    @Test func repeatingAHostInOneListIsNotSeveralLists() throws {
        let r = try run(
            Doc.result(names: [("h1", "a")], statuses: [("h1", Doc.status("ERROR"))], failed: ["h1", "h1", "h1"]))
        #expect(r.notes.isEmpty)
    }

    struct ListCase: Sendable, CustomTestStringConvertible {
        var status: String
        var lists: [String]
        var disagrees: Int
        var several: Int
        var testDescription: String { "\(status) in \(lists)" }
    }

    static let listCases: [ListCase] = [
        ListCase(status: "OK", lists: ["successful_hosts"], disagrees: 0, several: 0),
        ListCase(status: "OK", lists: ["failed_hosts"], disagrees: 1, several: 0),
        ListCase(status: "OK", lists: ["skipped_hosts"], disagrees: 1, several: 0),
        ListCase(status: "ERROR", lists: ["failed_hosts"], disagrees: 0, several: 0),
        ListCase(status: "ERROR", lists: ["skipped_hosts"], disagrees: 1, several: 0),
        ListCase(status: "TIMED_OUT", lists: ["failed_hosts"], disagrees: 0, several: 0),
        ListCase(status: "TIMED_OUT", lists: ["successful_hosts"], disagrees: 1, several: 0),
        ListCase(status: "TIMED_OUT", lists: ["skipped_hosts"], disagrees: 1, several: 0),
        ListCase(status: "SKIPPED", lists: ["skipped_hosts"], disagrees: 0, several: 0),
        ListCase(status: "SKIPPED", lists: ["successful_hosts"], disagrees: 1, several: 0),
        ListCase(status: "SKIPPED", lists: ["failed_hosts"], disagrees: 1, several: 0),
        ListCase(status: "RUNNING", lists: ["successful_hosts"], disagrees: 0, several: 0),
        ListCase(status: "RETRY_PENDING", lists: ["failed_hosts"], disagrees: 0, several: 0),
        ListCase(status: "MYSTERY", lists: ["failed_hosts"], disagrees: 0, several: 0),
        ListCase(status: "OK", lists: [], disagrees: 0, several: 0),
        ListCase(status: "ERROR", lists: ["failed_hosts", "skipped_hosts"], disagrees: 0, several: 1),
        ListCase(status: "ERROR", lists: ["successful_hosts", "skipped_hosts"], disagrees: 1, several: 1),
        ListCase(
            status: "SKIPPED", lists: ["successful_hosts", "failed_hosts", "skipped_hosts"], disagrees: 0, several: 1)
    ]

    @Test("A status and the lists", arguments: listCases)
    func listDisagreesWithStatus(c: ListCase) throws {
        let members = ["successful_hosts", "failed_hosts", "skipped_hosts"].map { c.lists.contains($0) ? ["h1"] : [] }
        let r = try run(
            Doc.result(
                names: [("h1", "a")], statuses: [("h1", Doc.status(c.status))],
                successful: members[0], failed: members[1], skipped: members[2]))
        #expect(r.notes(.listDisagreesWithStatus).count == c.disagrees)
        #expect(r.notes(.hostInSeveralLists).count == c.several)
        #expect(r.notes.count == c.disagrees + c.several)
        #expect(r.hosts.first?.outcome == HostOutcome(stageStatus: c.status), "the status decides, not the list")
    }

    @Test func statusWithoutHostInfo() throws {
        let result = Doc.result(
            names: [("h1", "a"), ("h4", "d")],
            statuses: [("h1", Doc.status("OK")), ("h2", Doc.status("OK")), ("h3", Doc.status("ERROR"))],
            successful: ["h1", "h2", "h5"], failed: ["h3"])
        let r = try run(result)
        #expect(r.notes(.statusWithoutHostInfo).count == 2) // h2, h3; h4 and h5 have no status
        // h4, known only from host_info, has no status in a finished run (report-semantics §2).
        #expect(r.notes(.hostWithoutStatus).count == 1)
        #expect(r.notes.count == 3)
    }

    @Test func everyStatusKeyWithoutAnyHostInfo() throws {
        let statuses: [(String, J)] = (1...3).map { ("h\($0)", Doc.status("OK")) }
        for maps in MapForm.allCases {
            let noInfo = try run(Doc.result(statuses: statuses, successful: ["h1", "h2", "h3"], form: maps))
            #expect(noInfo.notes(.statusWithoutHostInfo).count == 3)
            let nullInfo = try run(Doc.result(statuses: statuses, form: maps).adding([("host_info", nil)]))
            #expect(nullInfo.notes(.statusWithoutHostInfo).count == 3)
        }
    }

    @Test func statusKeyOfWrongTypeStillCountsAsAStatusKey() throws {
        let r = try run(Doc.result(statuses: [("h1", "OK")], skipped: ["h1"]))
        #expect(r.notes.map(\.kind) == [.statusWithoutHostInfo])
        #expect(r.hosts.first?.outcome == .skipped)
    }

    @Test(
        "A host time that does not parse",
        arguments: [
            "2026-02-30T00:00:00Z", "garbage", "2026-01-01T00:00:00", "2026-01-01", "", "2026-01-01T25:00:00Z",
            "2026-01-01 00:00:00Z", "1700000000"
        ])
    func invalidTime(text: String) throws {
        let good: J = "2026-01-01T00:10:00Z"
        let result = Doc.result(
            names: [("h1", "a"), ("h2", "b"), ("h3", "c")],
            statuses: [
                ("h1", Doc.status("OK", start: .string(text), end: good)),
                ("h2", Doc.status("ERROR", start: .string(text), end: .string(text))),
                ("h3", Doc.status("OK", start: "2026-01-01T00:00:00Z", end: good))
            ],
            successful: ["h1", "h3"], failed: ["h2"])
        let r = try run(result)
        #expect(r.notes(.invalidTime).count == 3)
        #expect(r.notes.count == 3)
        #expect(r.host("h1")?.start == nil && r.host("h1")?.end == Timestamp(iso8601: "2026-01-01T00:10:00Z"))
        #expect(r.host("h1")?.durationMilliseconds == nil)
        #expect(r.host("h2")?.start == nil && r.host("h2")?.end == nil)
        #expect(r.host("h3")?.durationMilliseconds == 600_000)
    }

    @Test func timesThatAreNotStringsAreAbsentWithoutANote() throws {
        let entry = Doc.status("OK", start: 1_700_000_000, end: nil).adding([("end_time", ["t": 1])])
        let r = try run(Doc.result(names: [("h1", "a")], statuses: [("h1", entry)], successful: ["h1"]))
        #expect(r.notes.isEmpty)
        #expect(r.hosts.first?.start == nil && r.hosts.first?.end == nil)
    }

    @Test func invalidTaskAndAggregateTimesAreNotNotes() throws {
        let result = Doc.result(
            names: [("h1", "a")], statuses: [("h1", Doc.status("OK"))], successful: ["h1"],
            aggregate: Doc.status("OK", start: "bad", end: "bad"))
        let r = try #require(try onlyRun(Doc.task(result, start: "bad", end: "bad", lastUpdate: "bad")))
        #expect(r.notes.isEmpty)
        #expect(r.start == nil && r.end == nil && r.lastUpdate == nil)
    }

    @Test func unknownClusterIsOneNotePerRun() throws {
        try ingestFiles([
            (
                "runs.jsonl",
                [Doc.result(commit: "1"), Doc.result(commit: "2"), Doc.minimal()]
                    .map(\.text).joined(separator: "\n")
            )
        ]) { r, _ in
            #expect(r.runs.map { $0.notes.map(\.kind) } == [[.unknownCluster], [.unknownCluster], []])
            #expect(r.runs.map(\.clusterID) == ["unknown", "unknown", "domain-c1"])
        }
    }

    @Test func allKindsTogetherWithExactCounts() throws {
        let result = Doc.result(
            names: [("h1", "a"), ("h2", "b"), ("h3", "c")],
            statuses: [
                ("h1", Doc.status("OK", start: "2026-13-01T00:00:00Z")), // invalid-time
                ("h2", Doc.status("TIMED_OUT", start: "2026-01-01T00:00:00Z", end: "nope")), // invalid-time
                ("h4", Doc.status("SKIPPED")), // no host_info
                ("h5", Doc.status("ERROR"))
            ], // no host_info
            successful: ["h2", "h4"], failed: ["h1", "h2", "h5"], skipped: ["h3"])
        let r = try #require(try onlyRun(result)) // a bare result without a cluster annotation
        var counts: [DataQualityKind: Int] = [:]
        for n in r.notes { counts[n.kind, default: 0] += 1 }
        #expect(
            counts == [
                .invalidTime: 2, .statusWithoutHostInfo: 2, .hostInSeveralLists: 1,
                .listDisagreesWithStatus: 2, .unknownCluster: 1
            ])
    }
}
