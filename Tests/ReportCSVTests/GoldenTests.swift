import Foundation
import ReportCSV
import StageAggregation
import Testing
import TestHelpers

/// The bytes of both files, on the shared fleet and on the hostile fleet (re-record with
/// RECORD_GOLDEN=1 and read the diff).
@Suite struct GoldenTests {
    @Test func sharedFleetMatchesGolden() throws {
        let s = try FleetSummaries.shared(listEveryHost: true)
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "shared-fleet-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "shared-fleet-clusters.csv")
    }

    @Test func sampleFleetMatchesGolden() throws {
        let s = try FleetSummaries.sample(listEveryHost: true)
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "sample-fleet-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "sample-fleet-clusters.csv")
    }

    @Test func hostileFleetMatchesGolden() throws {
        let s = HostileFleet.injectionSummary(listEveryHost: true)
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "hostile-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "hostile-clusters.csv")
    }

    /// A summary made without the list of every host (a caller that did not ask for CSV)
    /// still gives a `hosts.csv`: the hosts that need attention, whose rows read as they do
    /// in the full file.
    @Test func withoutTheListOfEveryHostTheRowsAreTheHostsNeedingAttention() throws {
        let full = try FleetSummaries.shared(listEveryHost: true)
        let partial = try FleetSummaries.shared()
        #expect(partial.hosts.isEmpty)
        #expect(full.hosts.count == full.totals.hosts)
        let fullRows = CSVRenderer().hosts(full).split(separator: "\r\n")
        let partialRows = CSVRenderer().hosts(partial).split(separator: "\r\n")
        #expect(partialRows.count == Fixtures.hostsNeedingAttention(partial).count + 1)
        #expect(partialRows.count < fullRows.count)
        // The columns a partial row cannot know (the latest start and reason of a host that is
        // not failing) are empty there; every other cell equals the full row's.
        let known = Set(fullRows)
        for row in partialRows.dropFirst() where !known.contains(row) {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            let start = CSVRenderer.hostColumns.firstIndex(of: "latest_run_start")!
            #expect(cells[start].isEmpty, "\(row)")
        }
    }

    /// The files are written atomically, and the bytes written are the bytes rendered.
    @Test func writesBothFiles() throws {
        let s = HostileFleet.injectionSummary(listEveryHost: true)
        try withTemporaryDirectory("csv") { dir in
            let paths = try CSVRenderer().write(summary: s, to: dir.path)
            #expect(paths == [dir.path + "/hosts.csv", dir.path + "/clusters.csv"])
            #expect(try dir.read("hosts.csv") == Data(CSVRenderer().hosts(s).utf8))
            #expect(try dir.read("clusters.csv") == Data(CSVRenderer().clusters(s).utf8))
            #expect(dir.allEntries() == ["hosts.csv", "clusters.csv"])
        }
    }
}
