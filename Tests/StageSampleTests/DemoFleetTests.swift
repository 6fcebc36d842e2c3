import Foundation
import Testing
import TestHelpers
@testable import StageSample

/// The small default fleet backs the built-in demo: whatever the seed, it must show every case
/// a report has to handle.
@Suite("Default demo fleet")
struct DemoFleetTests {
    @Test("shows every case", arguments: [UInt64(1), 2, 3, 2026])
    func showsEveryCase(seed: UInt64) throws {
        let (stats, documents) = try withTemporaryDirectory("sample") { scratch in
            let directory = scratch.url
            return (
                try SampleFleetWriter(spec: SampleFleetSpec(seed: seed)).write(to: directory),
                try readDocuments(directory)
            )
        }
        let reading = FleetReading(documents)
        #expect(reading.unrecognised.isEmpty)
        #expect(stats.outcomes == reading.outcomes)
        #expect(reading.kinds[.api, default: 0] > 0 && reading.kinds[.rest, default: 0] > 0)
        #expect(reading.duplicates > 0)
        #expect(reading.withoutResult > 0)
        #expect(reading.otherOperations > 0)
        #expect(reading.hostInSeveralLists > 0)
        #expect(reading.listDisagrees > 0)
        #expect(reading.statusWithoutHostInfo > 0)
        let outcomes = reading.outcomes
        #expect(outcomes.succeeded > 0 && outcomes.failed > 0 && outcomes.timedOut > 0)
        #expect(outcomes.skipped > 0 && outcomes.inProgress > 0 && outcomes.unknown > 0)

        let text = documents.map { (try? canonical($0.object)) ?? "" }.joined()
        #expect(text.contains("1970-01-01T00:00:00.000Z"))
        #expect(text.contains("zürich"))
        #expect(text.contains("\"10.20.0."))

        // The first host of the first cluster of the first vCenter is flaky. MoRefs grow with
        // creation order, so "first" is the lowest number.
        func number(_ moref: String) -> Int { Int(moref.split(separator: "-").last?.filter(\.isNumber) ?? "") ?? 0 }
        let vc01 = reading.runs.filter { $0.vcenter == "vc01.dc0.example.com" }
        let firstCluster = vc01.map(\.cluster).min { number($0) < number($1) }
        var statuses: Set<String> = []
        for run in vc01 where run.cluster == firstCluster {
            let entries = mapEntries(run.result["host_status"])
            if let first = entries.min(by: { number($0.key) < number($1.key) }),
                let status = (first.value as? [String: Any])?["status"] as? String
            {
                statuses.insert(status)
            }
        }
        #expect(statuses.contains("OK") && statuses.contains("ERROR"))
    }
}
