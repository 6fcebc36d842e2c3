import Foundation
import Testing
import TestHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// `--history FILE` end to end (issue 18): the store loses nothing, stores each run once, survives
/// a kill and a second writer, and refuses files it cannot use.
@Suite("stage-report --history")
struct HistoryCLITests {
    /// Night by night into the history, then the last night's reports against one invocation
    /// over every night's raw files: equal but for the inputs (`HistoryFleet.withoutInputs`).
    func expectHistoryEqualsRawFiles(nights: Int) throws {
        let fleet = try HistoryFleet(nights: nights)
        let history = fleet.out("history.db").path
        let dates = fleet.dates
        #expect(dates.count == nights)
        for (k, date) in dates.enumerated() {
            try fleet.report(fleet.files(of: date) + ["--history", history, "--junit-runs", "all"], out: "night-\(k)")
        }
        try fleet.report([fleet.fleet.path, "--changes"], out: "raw")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("night-\(nights - 1)"))
        // The history alone re-renders the same reports (with no input of its own).
        try fleet.report(["--history", history], out: "again")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("again"))
        let raw = try String(contentsOf: fleet.out("raw/summary.json"), encoding: .utf8)
        #expect(raw.contains("\"runs\": \(try fleet.storedRuns(history)),"))
    }

    @Test("A history filled night by night reports what one run over the raw files reports: 10 nights")
    func exactTenNights() throws {
        try expectHistoryEqualsRawFiles(nights: 10)
    }

    @Test("A history filled night by night reports what one run over the raw files reports: 30 nights")
    func exactThirtyNights() throws {
        try expectHistoryEqualsRawFiles(nights: 30)
    }

    @Test("With a history, JUnit describes tonight's runs: the JUnit of the last night's files alone")
    func junitTonight() throws {
        let fleet = try HistoryFleet(nights: 3)
        let history = fleet.out("history.db").path
        for (k, date) in fleet.dates.enumerated() {
            try fleet.report(fleet.files(of: date) + ["--history", history], out: "night-\(k)")
        }
        try fleet.report(fleet.files(of: fleet.dates[2]), out: "last-night-alone")
        let tonight = try fleet.root.read("night-2/junit.xml")
        // The same suites with the same cases; the names may differ (the window knows more
        // cluster names than one night), and the suites carry what changed.
        let suites = { (data: Data) -> [String] in
            String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0.contains("<testsuite ") }.map {
                String($0).replacing(#/\sname="[^"]*"/#, with: "")
            }
        }
        let alone = suites(try fleet.root.read("last-night-alone/junit.xml"))
        #expect(!alone.isEmpty)
        #expect(suites(tonight) == alone)
        // The summary still covers the window, and says what changed.
        let summary = try String(contentsOf: fleet.out("night-2/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"first_run_start\": \"\(fleet.dates[0])T"))
        #expect(summary.contains("\"changes\": {"))
        // Re-rendered from the history alone, JUnit has the whole window, as --junit-runs all does.
        try fleet.report(["--history", history], out: "again")
        try fleet.report(fleet.files(of: fleet.dates[2]) + ["--history", history, "--junit-runs", "all"], out: "all")
        let all = try fleet.root.read("all/junit.xml")
        #expect(all == (try fleet.root.read("again/junit.xml")))
        #expect(all.count > tonight.count)
    }

    @Test("A night fed twice and a night re-run store each run once")
    func fedTwiceAndRerun() throws {
        let fleet = try HistoryFleet(nights: 3)
        let history = fleet.out("history.db").path
        let dates = fleet.dates
        try fleet.report(fleet.files(of: dates[0]) + ["--history", history], out: "n0")
        let afterFirst = try fleet.storedRuns(history)
        let again = try fleet.report(fleet.files(of: dates[0]) + ["--history", history], out: "n0-again")
        #expect(try fleet.storedRuns(history) == afterFirst)
        try HistoryFleet.expectSameReports(fleet.out("n0"), fleet.out("n0-again"))
        #expect(again.exitCode == 0)

        // Tonight's job re-run: a later poll of one of the night's tasks, with a host now failed.
        let task = try #require(
            fleet.files(of: dates[1]).first { path in
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                return text.contains("\"last_update_time\"") && text.contains("\"OK\"")
            })
        var text = try String(contentsOfFile: task, encoding: .utf8)
        text = try Self.laterPoll(of: text)
        let rerun = try fleet.root.write("rerun/\(dates[1]).rerun.json", text)
        try fleet.report(fleet.files(of: dates[1]) + ["--history", history], out: "n1")
        let afterSecond = try fleet.storedRuns(history)
        try fleet.report([rerun, "--history", history, "--junit-runs", "all"], out: "n1-rerun")
        #expect(try fleet.storedRuns(history) == afterSecond)
        // One invocation over both nights and the re-run keeps the same runs.
        try fleet.report(fleet.files(of: dates[0]) + fleet.files(of: dates[1]) + [rerun, "--changes"], out: "raw")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("n1-rerun"))
    }

    /// The document with its `last_update_time` an hour later and its first `"OK"` host status
    /// turned into `"ERROR"`.
    static func laterPoll(of text: String) throws -> String {
        var text = text
        let key = try #require(text.range(of: "\"last_update_time\": \""))
        let valueEnd = try #require(text[key.upperBound...].firstIndex(of: "\""))
        let value = String(text[key.upperBound..<valueEnd])
        let hour = value.index(value.startIndex, offsetBy: 11)..<value.index(value.startIndex, offsetBy: 13)
        let later = (Int(value[hour]) ?? 0) < 23 ? String(format: "%02d", (Int(value[hour]) ?? 0) + 1) : "23"
        text.replaceSubrange(key.upperBound..<valueEnd, with: value.replacingCharacters(in: hour, with: later))
        let ok = try #require(text.range(of: "\"OK\""))
        text.replaceSubrange(ok, with: "\"ERROR\"")
        return text
    }

    @Test("A SIGKILL while a large night is written leaves the history before or after it")
    func killDuringWrite() throws {
        let fleet = try HistoryFleet(nights: 2, vcenters: 2, clusters: 40, hosts: 60)
        let history = fleet.out("history.db").path
        let dates = fleet.dates
        try fleet.report(fleet.files(of: dates[0]) + ["--history", history], out: "n0")
        let before = try fleet.storedRuns(history)
        let child = try ProcessRunner.start(
            ["report"] + fleet.files(of: dates[1]) + ["--history", history, "--format", "json"] + HistoryFleet.now)
        // The rollback journal exists from the transaction's first write to its commit.
        while child.isRunning, access(history + "-journal", F_OK) != 0 { usleep(100) }
        let duringWrite = access(history + "-journal", F_OK) == 0
        child.kill(SIGKILL)
        let killed = child.wait()
        // Seen writing, it was killed (here, ~0.5 s of writing in a debug build); a machine fast
        // enough to finish first still checks the after-state below.
        if duringWrite { #expect(killed.signal == SIGKILL) }
        let sqlite = try ExternalTool.sqlite3.require()
        let check = try ProcessRunner.run(executable: sqlite, [history, "PRAGMA integrity_check"])
        #expect(check.stdout == "ok\n", "\(check)")
        let stored = try fleet.storedRuns(history)
        try fleet.report(fleet.files(of: dates[1]) + ["--history", history, "--junit-runs", "all"], out: "n1-fresh-run")
        let after = try fleet.storedRuns(history)
        #expect(stored == before || stored == after)
        #expect(after > before)
        try fleet.report([fleet.fleet.path, "--changes"], out: "raw")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("n1-fresh-run"))
    }

    @Test("Two processes writing the same history at once both succeed")
    func twoWritersAtOnce() throws {
        let fleet = try HistoryFleet(nights: 2, clusters: 10, hosts: 20)
        let history = fleet.out("history.db").path
        let dates = fleet.dates
        let children = try dates.map { date in
            try ProcessRunner.start(["report"] + fleet.files(of: date) + ["--history", history] + HistoryFleet.now)
        }
        for child in children {
            let r = child.wait()
            #expect(r.exitCode == 0, "\(r)")
        }
        try fleet.report(["--history", history], out: "both")
        try fleet.report([fleet.fleet.path, "--changes"], out: "raw")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("both"))
    }

    @Test("merge --history records partial files as report does")
    func mergeRecords() throws {
        let fleet = try HistoryFleet(nights: 2)
        let history = fleet.out("history.db").path
        var partials: [String] = []
        for (k, date) in fleet.dates.enumerated() {
            let partial = fleet.out("night-\(k).partial").path
            let r = try CLIRunner.run(["report"] + fleet.files(of: date) + ["--partial", partial])
            #expect(r.exitCode == 0, "\(r)")
            partials.append(partial)
        }
        let recorded = try CLIRunner.run(["merge", partials[0], "--history", history])
        #expect(recorded.exitCode == 0, "\(recorded)")
        let merged = try CLIRunner.run(
            ["merge", partials[1], "--history", history, "--junit-runs", "all", "--out", fleet.out("merged").path]
                + HistoryFleet.now)
        #expect(merged.exitCode == 0, "\(merged)")
        try fleet.report([fleet.fleet.path, "--changes"], out: "raw")
        try HistoryFleet.expectSameReports(fleet.out("raw"), fleet.out("merged"))
    }

    @Test("--window reports the last DAYS nights of the history")
    func window() throws {
        let fleet = try HistoryFleet(nights: 4)
        let history = fleet.out("history.db").path
        try fleet.report(fleet.files + ["--history", history, "--window", "2"], out: "last-two")
        let dates = fleet.dates
        try fleet.report(fleet.files(of: dates[2]) + fleet.files(of: dates[3]) + ["--changes"], out: "raw")
        let summary = try String(contentsOf: fleet.out("last-two/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"first_run_start\": \"\(dates[2])T"))
        #expect(try fleet.storedRuns(history) > 0)
        let md = { (dir: String) in
            HistoryFleet.withoutInputs(try fleet.root.read("\(dir)/report.md"), file: "report.md")
        }
        #expect(try md("last-two") == md("raw"))
    }

    @Test("The sqlite3 queries of docs/history.md run on a history")
    func documentedQueries() throws {
        let fleet = try HistoryFleet(nights: 3)
        let history = fleet.out("history.db").path
        try fleet.report(fleet.files + ["--history", history], out: "all")
        let doc = try String(contentsOf: Repository.path("docs/history.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "<<'SQL'\n").dropFirst().map {
            String($0[..<($0.range(of: "\nSQL\n")?.lowerBound ?? $0.endIndex)])
        }
        #expect(blocks.count == 3)
        let sqlite = try ExternalTool.sqlite3.require()
        for (k, sql) in blocks.enumerated() {
            let file = try fleet.root.write("query-\(k).sql", sql)
            let r = try ProcessRunner.run(executable: sqlite, ["-header", history], stdin: file)
            #expect(r.exitCode == 0 && r.stderr.isEmpty, "query \(k): \(r)")
            // The first names a host of the default sample fleet, the second lists only failing
            // clusters; the third lists every cluster.
            if k == 2 { #expect(r.stdout.contains("vc01.dc0.example.com"), "query \(k)") }
        }
    }

    @Test(
        "Usage errors: --window or --history-keep without --history, below 1, or a keep shorter than the window",
        arguments: [
            ["--window", "3"], ["--history-keep", "40"], ["--history", "h.db", "--window", "0"],
            ["--history", "h.db", "--history-keep", "10"], ["--history", "h.db", "--window", "9", "--history-keep", "8"]
        ])
    func usageErrors(_ options: [String]) throws {
        let tmp = try TemporaryDirectory("history-usage")
        let r = try CLIRunner.run(["report", "--out", tmp.at("out").path] + options, currentDirectory: tmp.url)
        #expect(r.exitCode == 2, "\(r)")
        #expect(!tmp.exists("h.db"))
    }

    @Test("A file that is not a history, or is from a newer tool, is a one-line error naming it (exit 2)")
    func refusedFiles() throws {
        let tmp = try TemporaryDirectory("history-errors")
        let text = try tmp.write("notes.txt", String(repeating: "plain text, not SQLite\n", count: 200))
        let r = try CLIRunner.run(["report", "--history", text, "--out", tmp.at("out").path])
        #expect(r.exitCode == 2)
        #expect(r.stderrLines == ["stage-report: \(text) is not a stage-report history: file is not a database"])
        let history = tmp.at("history.db").path
        let sqlite = try ExternalTool.sqlite3.require()
        let made = try CLIRunner.run(["report", "--history", history, "--out", tmp.at("empty").path] + HistoryFleet.now)
        #expect(made.exitCode == 0, "\(made)")
        _ = try ProcessRunner.run(executable: sqlite, [history, "PRAGMA user_version = 99"])
        let newer = try CLIRunner.run(["report", "--history", history, "--out", tmp.at("out").path])
        #expect(newer.exitCode == 2)
        #expect(newer.stderrLines.count == 1)
        #expect(newer.stderr.contains(history) && newer.stderr.contains("version 99"))
    }
}
