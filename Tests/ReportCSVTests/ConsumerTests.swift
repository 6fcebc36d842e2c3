import Foundation
import ReportCSV
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Python's `csv` module and sqlite3's `.import --csv` read the files back: the same rows for
/// both, every count equal to the summary's, every data cell cleaned and neutralised.
@Suite struct ConsumerTests {
    static func summaries() throws -> [(String, Summary)] {
        [
            ("shared fleet", try FleetSummaries.shared(listEveryHost: true)),
            ("sample fleet", try FleetSummaries.sample(listEveryHost: true)),
            ("hostile fleet", HostileFleet.injectionSummary(listEveryHost: true)),
            ("waiver fleet", try WaiverFleet.output(listEveryHost: true).summary)
        ]
    }

    @Test func pythonReadsTheCountsOfTheSummary() throws {
        try ExternalTool.python3.require()
        for (name, summary) in try Self.summaries() {
            let (hosts, clusters) = try pythonRead(summary)
            #expect(hosts.header == CSVRenderer.hostColumns, "\(name)")
            #expect(clusters.header == CSVRenderer.clusterColumns, "\(name)")
            try expectHosts(hosts, equal: summary, name)
            try expectClusters(clusters, equal: summary, name)
        }
    }

    @Test func sqliteImportsTheSameRows() throws {
        try ExternalTool.python3.require()
        let sqlite = try ExternalTool.sqlite3.require()
        for (name, summary) in try Self.summaries() {
            try withTemporaryDirectory("csv") { dir in
                let paths = try CSVRenderer().write(summary: summary, to: dir.path)
                let python = try PythonCSV.read(paths)
                for (path, table) in zip(paths, ["hosts", "clusters"]) {
                    let file = URL(fileURLWithPath: path).lastPathComponent
                    let imported = try SQLite.importCSV(path, table: table, sqlite: sqlite, in: dir.url)
                    let expected = python[file] ?? []
                    #expect(imported.header == expected.first, "\(name) \(file)")
                    #expect(imported.rows.count == expected.count - 1, "\(name) \(file)")
                    #expect(imported.rows == Array(expected.dropFirst()), "\(name) \(file): sqlite3 and python differ")
                }
            }
        }
    }

    /// A count off by one in the summary must show: the checks above compare real numbers.
    @Test func aWrongCountIsNoticed() throws {
        try ExternalTool.python3.require()
        var summary = try FleetSummaries.shared(listEveryHost: true)
        let (hosts, clusters) = try pythonRead(summary)
        summary.outcomes.failed += 1
        summary.totals.hosts += 1
        withKnownIssue("the summary was changed after rendering") {
            try expectClusters(clusters, equal: summary, "tampered")
            try expectHosts(hosts, equal: summary, "tampered")
        }
    }

    private func pythonRead(_ summary: Summary) throws -> (ReadTable, ReadTable) {
        try withTemporaryDirectory("csv") { dir in
            let paths = try CSVRenderer().write(summary: summary, to: dir.path)
            let read = try PythonCSV.read(paths)
            return (
                ReadTable(read[CSVRenderer.hostsFileName] ?? []), ReadTable(read[CSVRenderer.clustersFileName] ?? [])
            )
        }
    }

    private func expectHosts(_ t: ReadTable, equal s: Summary, _ name: String) throws {
        #expect(t.rows.count == s.totals.hosts, "\(name): one row per host")
        let keys = Set(t.records.map { HostKey(vcenter: $0["vcenter"]!, cluster: $0["cluster"]!, host: $0["host"]!) })
        #expect(keys.count == t.rows.count, "\(name): one row per host, no host twice")
        #expect(t.column("latest_outcome").allSatisfy { HostOutcome(rawValue: $0) != nil }, "\(name)")
        // Against the summary's own list of failing hosts, made apart from the list of every host.
        let failing = t.column("latest_outcome").filter { $0 == "failed" || $0 == "timed_out" }.count
        #expect(failing == s.failingHosts.count, "\(name)")
        for o in HostOutcome.allCases {
            // Each host's latest outcome: as many rows with it as hosts whose latest it is.
            let latest = s.hosts.filter { $0.latestOutcome == o }.count
            #expect(t.column("latest_outcome").filter { $0 == o.rawValue }.count == latest, "\(name) \(o)")
        }
        #expect(t.column("flaky").filter { $0 == "true" }.count == s.flakyHosts.count, "\(name)")
        #expect(t.column("streak").filter { Int($0) ?? 0 > 0 }.count == s.failingHosts.count, "\(name)")
        for h in s.failingHosts {
            let r = t.row([
                "vcenter": Fixtures.cell(h.key.vcenter), "cluster": Fixtures.cell(h.key.cluster),
                "host": Fixtures.cell(h.key.host)
            ])
            try #require(r != nil, "\(name): failing host \(h.key) has no row")
            #expect(r?["host_name"] == Fixtures.cell(h.name))
            #expect(r?["streak"] == String(h.streak))
            #expect(r?["latest_outcome"] == h.latestOutcome.rawValue)
            #expect(r?["latest_reason"] == Fixtures.cell(h.latestReason))
            #expect(r?["latest_run_start"] == (h.latestRunStart?.iso8601 ?? ""))
        }
        for h in s.hostNights {
            let r = t.row([
                "vcenter": Fixtures.cell(h.key.vcenter), "cluster": Fixtures.cell(h.key.cluster),
                "host": Fixtures.cell(h.key.host)
            ])
            #expect(r?["recent_failures"] == String(h.failed), "\(name): \(h.key)")
        }
        try expectHostWaivers(t, s, name)
        try expectNoFormula(t, name)
    }

    /// A host's `waived_by` against the summary's list of waived failures, made apart from the
    /// host tracks: a host's row names a waiver exactly when a waived failure of that host is
    /// its latest outcome (its start is the host's latest run start).
    private func expectHostWaivers(_ t: ReadTable, _ s: Summary, _ name: String) throws {
        guard let w = s.waivers else {
            #expect(t.column("waived_by").allSatisfy { $0.isEmpty }, "\(name): waived_by without a waiver file")
            return
        }
        #expect(w.waived.count == w.waivedCount, "\(name): the fleet's waived failures are all listed")
        for r in t.records {
            let latest = r["latest_run_start"] ?? ""
            let hit = w.waived.last {
                Fixtures.cell($0.host) == r["host"] && Fixtures.cell($0.cluster) == r["cluster"]
                    && Fixtures.cell($0.vcenter) == r["vcenter"] && ($0.start?.iso8601 ?? "") == latest
            }
            #expect(r["waived_by"] == hit.map { String($0.waiver) } ?? "", "\(name): \(r["host"] ?? "")")
            #expect(r["waiver_owner"] == hit.map { Fixtures.cell(w.standings[$0.waiver].waiver.owner) } ?? "")
        }
        #expect(t.column("waived_by").contains { !$0.isEmpty }, "\(name): no host's latest outcome is waived")
    }

    private func expectClusters(_ t: ReadTable, equal s: Summary, _ name: String) throws {
        #expect(t.rows.count == s.clusters.count, "\(name)")
        #expect(t.sum("runs") == s.totals.runs, "\(name)")
        for r in RunStatus.allCases {
            #expect(t.sum("runs_" + r.rawValue) == s.totals.runStatuses[r.countedAs], "\(name): runs \(r)")
        }
        #expect(t.sum("outcomes") == s.outcomes.total, "\(name)")
        for o in HostOutcome.allCases { #expect(t.sum(o.rawValue) == s.outcomes[o], "\(name): \(o)") }
        #expect(t.sum("failing_hosts") == s.failingHosts.count, "\(name)")
        #expect(t.sum("flaky_hosts") == s.flakyHosts.count, "\(name)")
        #expect(t.sum("durations") == s.durations.overall.count, "\(name)")
        if s.waivers == nil {
            #expect(t.column("waived_failed").allSatisfy { $0.isEmpty }, "\(name): waiver cells without a waiver file")
        } else {
            #expect(t.sum("waived_failed") == s.totals.waived.failed, "\(name)")
            #expect(t.sum("waived_timed_out") == s.totals.waived.timedOut, "\(name)")
            #expect(t.sum("waived_runs") == s.totals.waived.runs, "\(name)")
        }
        for c in s.clusters {
            let r = t.row(["vcenter": Fixtures.cell(c.vcenter), "cluster": Fixtures.cell(c.id)])
            try #require(r != nil, "\(name): cluster \(c.id) has no row")
            #expect(r?["cluster_name"] == Fixtures.cell(c.name))
            #expect(r?["hosts"] == String(c.hosts))
            #expect(r?["latest_commit"] == Fixtures.cell(c.latestRun.commit))
            #expect(r?["latest_run_status"] == c.latestRun.status.rawValue)
            let rate = r?["success_rate"].flatMap(Double.init)
            #expect((rate == nil) == (c.outcomes.successRate == nil), "\(name): \(c.id)")
            if let rate, let exact = c.outcomes.successRate { #expect(abs(rate - exact) <= 5e-7) }
            #expect(r?["duration_max_s"].flatMap(Double.init) == c.durations.max.map { Double($0) / 1_000 })
        }
        try expectNoFormula(t, name)
    }

    /// No cell, read back, starts as a spreadsheet formula.
    private func expectNoFormula(_ t: ReadTable, _ name: String) throws {
        for row in t.rows {
            for cell in row {
                if let first = cell.unicodeScalars.first {
                    #expect(!"=+-@\t\r".unicodeScalars.contains(first), "\(name): cell \(cell.debugDescription)")
                }
            }
        }
    }
}

/// `read_csv.py`: Python's csv module, strict.
enum PythonCSV {
    static func read(_ paths: [String]) throws -> [String: [[String]]] {
        let result = try ProcessRunner.run(executable: "python3", [Fixtures.reader] + paths, timeout: 120)
        guard result.exitCode == 0 else { throw ConsumerError(message: "read_csv.py: \(result)") }
        return try JSONDecoder().decode([String: [[String]]].self, from: Data(result.stdout.utf8))
    }
}

/// sqlite3's own CSV reader: `.import --csv` into a new table (the header names its columns),
/// then every row back out as JSON, in file order.
enum SQLite {
    static func importCSV(_ path: String, table: String, sqlite: String, in dir: URL) throws -> (
        header: [String], rows: [[String]]
    ) {
        let script = dir.appendingPathComponent(table + ".sql")
        try Data(
            """
            .bail on
            .import --csv '\(path)' \(table)
            .mode json
            SELECT * FROM \(table) ORDER BY rowid;
            .mode list
            .headers off
            SELECT group_concat(name, char(31)) FROM pragma_table_info('\(table)');

            """.utf8
        ).write(to: script)
        let result = try ProcessRunner.run(
            executable: sqlite, [":memory:"], stdin: script.path, timeout: 120)
        guard result.exitCode == 0, result.stderr.isEmpty else { throw ConsumerError(message: "sqlite3: \(result)") }
        // The JSON array ends at "]\n"; the column names follow on the last line.
        guard let end = result.stdout.range(of: "]\n", options: .backwards) else {
            throw ConsumerError(message: "sqlite3 printed no rows: \(result.stdout.prefix(500))")
        }
        let header = result.stdout[end.upperBound...].trimmingCharacters(in: .newlines)
            .split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        let objects = try JSONDecoder().decode(
            [[String: String]].self, from: Data(result.stdout[..<end.upperBound].utf8))
        return (header, objects.map { o in header.map { o[$0] ?? "<missing>" } })
    }
}

struct ConsumerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
