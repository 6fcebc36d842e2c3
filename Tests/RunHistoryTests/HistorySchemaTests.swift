import Foundation
@testable import RunHistory
import StageModel
import TestHelpers
import Testing

/// The file format: a version 1 file (host outcomes in their own tables) brought forward, and
/// the JSON of `runs.detail` (version 2) with strings JSON must escape.
@Suite struct HistorySchemaTests {
    /// `RunHistoryTests.run(night: 0)` as version 1 stored it, row by row.
    static let version1Rows = """
        INSERT INTO runs VALUES (1, 'vc01', 'domain-c8', 'Prod A', '7', 1777600800000, 1777601400000,
            1777601500000, 1777600800000, 'SUCCEEDED', 'ERROR', 1, 'in/run.json', 1, 1, 3, 0);
        INSERT INTO hosts VALUES (1, 'host-1', 'esx-1'), (2, 'host-2', 'host-2'), (3, 'host-3', 'esx-3'),
            (4, 'host-4', 'esx-4'), (5, 'host-5', 'esx-5');
        INSERT INTO reasons VALUES (1, 0, 'com.vmware.fail', 'Failed', 'Retry'), (2, 0, 'skip', NULL, NULL),
            (3, 0, 'w1', 'Low disk', NULL), (4, 0, 'i', NULL, NULL);
        INSERT INTO host_outcomes VALUES (1, 0, 1, 'succeeded', 'OK', 1777600800000, 1777600890000, NULL),
            (1, 1, 2, 'failed', 'ERROR', 1777600800000, NULL, 1), (1, 2, 3, 'timed_out', 'TIMED_OUT', NULL, NULL, 1),
            (1, 3, 4, 'skipped', 'SKIPPED', NULL, NULL, 2), (1, 4, 5, 'unknown', 'WEIRD', NULL, NULL, NULL);
        INSERT INTO host_warnings VALUES (1, 3, 0, 3), (1, 3, 1, 1);
        INSERT INTO run_notifications VALUES (1, 0, 'error', 1), (1, 1, 'info', 4);
        INSERT INTO notes VALUES (1, 0, 'invalid-time', 'host-3: bad end_time');
        """

    @Test func aVersion1FileIsBroughtForwardWithItsRuns() throws {
        let dir = try TemporaryDirectory("history-schema")
        let path = dir.at("history.db").path
        let sqlite = try ExternalTool.sqlite3.require()
        let made = try ProcessRunner.run(
            executable: sqlite,
            [
                path,
                HistorySchema.version1 + Self.version1Rows
                    + "PRAGMA application_id = \(HistorySchema.applicationID); PRAGMA user_version = 1;"
            ])
        #expect(made.exitCode == 0, "\(made)")
        let history = try RunHistory(path: path)
        #expect(try history.schemaVersion() == 2)
        #expect(try history.runs() == [RunHistoryTests.run(night: 0)])
        // The tables that became views show the same rows to sqlite3.
        let rows = try ProcessRunner.run(
            executable: sqlite,
            [
                path,
                """
                SELECT (SELECT group_concat(position || ':' || host || ':' || outcome || ':' || ifnull(reason, '-'))
                        FROM host_outcomes),
                       (SELECT group_concat(position || ':' || ordinal || ':' || reason) FROM host_warnings),
                       (SELECT group_concat(kind || ':' || reason) FROM run_notifications),
                       (SELECT group_concat(kind || ':' || detail) FROM notes),
                       (SELECT count(*) FROM outcomes);
                """
            ])
        #expect(
            rows.stdout
                == "0:1:succeeded:-,1:2:failed:1,2:3:timed_out:1,3:4:skipped:2,4:5:unknown:-|3:0:3,3:1:1"
                + "|error:1,info:4|invalid-time:host-3: bad end_time|5\n")
    }

    @Test func stringsJSONEscapesComeBackAsGiven() throws {
        let dir = try TemporaryDirectory("history-schema")
        let history = try RunHistory(path: dir.at("history.db").path)
        var run = RunHistoryTests.run(night: 0)
        let hostile = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} é 😀 \u{7F}"
        run.hosts[0].status = hostile
        run.hosts[1].status = nil
        run.notes.append(DataQualityNote(kind: .invalidTime, detail: hostile))
        try history.record([run])
        #expect(try history.runs() == [run])
    }

    @Test func theDetailParserReadsWhitespaceAndEscapesSqlite3MayWrite() throws {
        let text =
            #" { "hosts" : [ [ 7 , "failed" , "\u0041\ud83d\ude00\/" , -5 , null , null , [ ] ] ] , "notes" : [ ] } "#
        var run = RunHistoryTests.run(night: 0)
        run.hosts = []
        run.notifications = []
        run.notes = []
        try Array(text.utf8).withUnsafeBytes { bytes in
            var parser = HistoryDetailParser(bytes)
            try parser.read(into: &run, host: { ("host-\($0)", "esx-\($0)") }, reason: { Reason(id: "r\($0)") })
        }
        #expect(
            run.hosts == [
                HostResult(
                    id: "host-7", name: "esx-7", outcome: .failed, status: "A😀/", start: Timestamp(milliseconds: -5))
            ])
    }
}
