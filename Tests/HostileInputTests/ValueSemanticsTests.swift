import Foundation
import Testing
import TestHelpers

/// What the accepted hostile documents turn into: duplicate keys, control characters, wrong
/// types deeper down, unknown enums, dates and path-like ids, each read alone so that the
/// numbers checked are the document's own. (Their counts next to good documents are in
/// BadInputCorpusTests.)
@Suite("Accepted hostile values: what they become in summary.json")
struct ValueSemanticsTests {
    func alone(_ file: String) throws -> (Neighbours.Run, SummaryFile) {
        let run = try runAlone([file: try corpusFile(file)])
        #expect(run.result.exitCode == 0 && run.result.signal == nil, "\(run.result)")
        guard let s = run.summary else { throw RunnerError("no summary.json: \(run.result)") }
        return (run, s)
    }

    @Test("Duplicate keys: the last one wins, at every level")
    func duplicateKeys() throws {
        let (_, s) = try alone("duplicate-keys.json")
        #expect(s.list("commits").map { $0["commit"] as? String } == ["dup-last"])
        #expect(s.list("clusters").map { $0["vcenter"] as? String } == ["vc-hostile"])
        #expect(s.outcomes == Outcomes(0, 0, 1)) // host-1: OK, then ERROR, then (same entry) TIMED_OUT
        let (_, kv) = try alone("duplicate-key-value-list.json")
        #expect(kv.outcomes == Outcomes(0, 0, 0, 1)) // key/value list: OK, then SKIPPED
    }

    @Test("Escaped NUL and control characters are accepted and stay escaped data in summary.json")
    func escapedControlCharacters() throws {
        let (_, s) = try alone("escaped-control-characters.json")
        #expect(s.list("clusters").map { $0["id"] as? String } == ["domain-\u{0}nul"])
        #expect(s.list("commits").map { $0["commit"] as? String } == ["esc\u{0}\u{1}"])
        let failing = s.list("failing_hosts")
        #expect(failing.map { $0["host"] as? String } == ["host-\u{0}-1"])
        #expect(failing.map { $0["latest_reason"] as? String } == ["id\u{0}nul"])
        #expect(s.list("failure_reasons").map { $0["message"] as? String } == ["line1\nline2\u{0}\u{1f}"])
        // Raw bytes: every control character is written as an escape; the only raw one is LF.
        #expect(!s.raw.contains { $0 < 0x20 && $0 != 0x0A }, "summary.json holds a raw control character")
        #expect(s.text.contains(#""domain-\u0000nul""#))
    }

    @Test("Numbers beyond 64 bits in unknown members are ignored; as a commit they reject the document")
    func bigNumbers() throws {
        let (_, s) = try alone("numbers-beyond-64-bits.json")
        #expect(s.runs == 1 && s.rejectedCount == 0)
        #expect(s.list("commits").map { $0["commit"] as? String } == ["n1"])
    }

    @Test("Wrong types deeper down count as absent: notifications, a notification, its message")
    func wrongTypesInNotifications() throws {
        let (_, s) = try alone("type-notifications.json")
        let failure = s.list("failure_reasons").map {
            """
            \($0["id"] as? String ?? "?") \(($0["count"] as? NSNumber)?.intValue ?? -1) \
            \($0["message"] as? String ?? "null")
            """
        }
        #expect(failure == ["(unspecified) 2 null", "(timed out) 1 null", "real.id 1 null"])
        let skip = s.list("skip_reasons").map { "\($0["id"] as? String ?? "?") \($0["message"] as? String ?? "null")" }
        #expect(skip == ["skip.id null"])
    }

    @Test("Times of the wrong JSON type count as absent, without an invalid-time note")
    func wrongTypesInTimes() throws {
        let (_, s) = try alone("type-times.json")
        #expect(s.runs == 1)
        #expect(s.durationCount == 0)
        #expect(s.list("days").isEmpty)
        #expect((s.json["window"] as? [String: Any])?["first_run_start"] is NSNull)
        #expect(s.dataQuality["invalid-time"] == nil)
        #expect(s.list("clusters").map { $0["id"] as? String } == ["domain-h1"]) // target.id
    }

    @Test("Wrong types for names, annotations and target fall back as documented")
    func wrongTypesInIdentity() throws {
        let (_, names) = try alone("type-host-info-entry.json")
        #expect(names.list("failing_hosts").map { $0["name"] as? String } == ["host-1", "host-2"])
        let (_, annotations) = try alone("type-annotations.json")
        #expect(
            annotations.list("clusters").map { "\($0["vcenter"] as? String ?? "?")/\($0["id"] as? String ?? "?")" } == [
                "/unknown"
            ])
        #expect(annotations.dataQuality["unknown-cluster"] == 1)
        let (_, target) = try alone("type-target.json")
        #expect(target.list("clusters").map { $0["id"] as? String } == ["domain-h1"]) // from the annotation
    }

    @Test("Unknown enum values are kept: unknown outcomes, the raw task status")
    func unknownEnums() throws {
        let (_, s) = try alone("unknown-enums.json")
        #expect(s.outcomes == Outcomes(0, 0, 0, 1, 0, 3))
        let latest = s.list("clusters").first?["latest_run"] as? [String: Any]
        #expect(latest?["task_status"] as? String == "PAUSED_BY_ALIENS")
        #expect(s.list("skip_reasons").map { $0["id"] as? String } == ["new.kind"])
    }

    @Test("Dates: unparseable ones are invalid-time notes, offsets apply, end before start has no duration")
    func dates() throws {
        let (_, s) = try alone("dates.json")
        #expect(s.outcomes == Outcomes(6, 1))
        #expect(s.dataQuality["invalid-time"] == 3) // "yesterday", 30 February, no zone
        let examples =
            s.list("data_quality").first { $0["kind"] as? String == "invalid-time" }?["examples"] as? [String]
        #expect(
            examples == [
                #"in/dates.json: host-1 start_time "yesterday""#,
                #"in/dates.json: host-4 start_time "2026-02-30T00:00:00Z""#,
                #"in/dates.json: host-5 start_time "2026-11-06T01:00:00""#
            ])
        // host-2 (+02:00) 600 s, host-6 (nanoseconds) 0.877 s, host-7 (-0130) 60 s; host-3 ends before it starts.
        #expect(s.durationCount == 3)
        #expect((s.durations["min_s"] as? NSNumber)?.doubleValue == 0.877)
        #expect((s.durations["max_s"] as? NSNumber)?.doubleValue == 600)
        #expect((s.json["window"] as? [String: Any])?["first_run_start"] as? String == "2026-11-06T01:00:00.000Z")
        #expect(s.list("days").map { $0["date"] as? String } == ["2026-11-06"])
    }

    /// vCenter writes `1970-01-01T00:00:00.000Z` for a time it does not have
    /// (vsphere-stage-model.md §2.5, "tolerate epoch sentinel"). Taken literally it makes a
    /// 56-year stage duration and puts the run on 1 January 1970 in the nightly trend.
    @Test("The 1970-01-01 sentinel means no time: no 56-year duration, no run in 1970")
    func epochSentinel() throws {
        let (_, s) = try alone("dates-epoch-sentinel.json")
        #expect(s.outcomes == Outcomes(3))
        // Only host-3 (01:00 → 01:01) has a duration.
        #expect(s.durationCount == 1)
        #expect((s.durations["max_s"] as? NSNumber)?.doubleValue == 60)
        #expect((s.json["window"] as? [String: Any])?["first_run_start"] as? String == "2026-11-07T01:00:00.000Z")
        #expect(s.list("days").map { $0["date"] as? String } == ["2026-11-07"])
    }

    static let pathLikeIDs = [
        "../../x", "a/b", "CON", "", "NUL.txt", "..", ".", "/etc/passwd", #"C:\x"#, #"x\..\y"#,
        "~root", "$(touch pwned)", "<b>", "\u{202e}evil"
    ]

    @Test("Ids such as ../../x, a/b, CON and the empty string are data in summary.json, never paths")
    func pathLikeIDs() throws {
        let s = try TemporaryDirectory("ids")
        try s.write("in/ids.jsonl", try corpusFile("path-like-ids.jsonl"))
        let before = s.allEntries()
        let r = try ProcessRunner.run(
            ["report", "in", "--out", "deep/er/out", "--format", "json", "--now", Docs.now],
            currentDirectory: s.path)
        #expect(r.exitCode == 0, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("deep/er/out/summary.json"))
        let clusters = summary.list("clusters").map {
            "\($0["vcenter"] as? String ?? "?")|\($0["id"] as? String ?? "?")"
        }
        // The empty cluster id is absent: `unknown`, with a data-quality note.
        #expect(clusters.sorted() == ["../../x|../../x", "CON|CON", "a/b|a/b", "|unknown"].sorted())
        #expect(summary.dataQuality["unknown-cluster"] == 1)
        let hosts = Set(summary.list("failing_hosts").map { $0["host"] as? String ?? "?" })
        #expect(hosts == Set(Self.pathLikeIDs))
        #expect(summary.list("failing_hosts").count == 4 * Self.pathLikeIDs.count)
        // Nothing but the summary was created, and only in the output directory.
        let created = s.allEntries().subtracting(before)
        #expect(created == ["deep", "deep/er", "deep/er/out", "deep/er/out/summary.json"])

        // With every renderer, JUnit split into one file per cluster (named from the ids): still
        // nothing outside the output directory, and no file or directory named after an id.
        let all = try ProcessRunner.run(
            ["report", "in", "--out", "all", "--junit-split", "cluster", "--now", Docs.now],
            currentDirectory: s.path)
        #expect(all.exitCode == 0, "\(all)")
        #expect(s.allEntries().filter { $0.hasPrefix("all/junit/") }.count == 4, "one JUnit file per cluster")
        let outside = s.allEntries().subtracting(before).subtracting(created).filter { !$0.hasPrefix("all") }
        #expect(outside.isEmpty, "files created outside the output directory: \(outside.sorted())")
        let forbidden: Set<String> = ["CON", "a", "b", "x", "..", ".", "NUL.txt", "etc", "passwd", "~root", "<b>"]
        for entry in s.allEntries() where entry.hasPrefix("all/") {
            let components = entry.split(separator: "/").map(String.init)
            #expect(forbidden.isDisjoint(with: components), "an id became a path: \(entry)")
        }
    }
}
