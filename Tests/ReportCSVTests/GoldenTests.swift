import Foundation
import ReportCSV
import StageAggregation
import Testing
import TestHelpers

/// The bytes of both files, on the shared fleet and on the hostile fleet (re-record with
/// RECORD_GOLDEN=1 and read the diff).
@Suite struct GoldenTests {
    @Test func sharedFleetMatchesGolden() throws {
        let s = try FleetSummaries.shared()
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "shared-fleet-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "shared-fleet-clusters.csv")
    }

    @Test func sampleFleetMatchesGolden() throws {
        let s = try FleetSummaries.sample()
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "sample-fleet-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "sample-fleet-clusters.csv")
    }

    @Test func hostileFleetMatchesGolden() throws {
        let s = HostileFleet.injectionSummary()
        try Fixtures.expectGolden(CSVRenderer().hosts(s), "hostile-hosts.csv")
        try Fixtures.expectGolden(CSVRenderer().clusters(s), "hostile-clusters.csv")
    }

    /// The files are written atomically, and the bytes written are the bytes rendered.
    @Test func writesBothFiles() throws {
        let s = HostileFleet.injectionSummary()
        try withTemporaryDirectory("csv") { dir in
            let paths = try CSVRenderer().write(summary: s, to: dir.path)
            #expect(paths == [dir.path + "/hosts.csv", dir.path + "/clusters.csv"])
            #expect(try dir.read("hosts.csv") == Data(CSVRenderer().hosts(s).utf8))
            #expect(try dir.read("clusters.csv") == Data(CSVRenderer().clusters(s).utf8))
            #expect(dir.allEntries() == ["hosts.csv", "clusters.csv"])
        }
    }
}
