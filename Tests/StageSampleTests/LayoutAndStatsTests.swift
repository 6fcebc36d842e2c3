import Foundation
import Testing
import TestHelpers
@testable import StageSample

@Suite("Layouts and stats")
struct LayoutAndStatsTests {
    private let spec = SampleFleetSpec(
        vcenters: 3, clustersPerVCenter: 5, hostsPerCluster: 10,
        nights: 12, seed: 11)

    private func write(_ spec: SampleFleetSpec) throws -> (
        SampleFleetStats, [(path: String, data: Data)], [ReadDocument]
    ) {
        try withTemporaryDirectory("sample") { scratch in
            let directory = scratch.url
            let stats = try SampleFleetWriter(spec: spec).write(to: directory)
            return (stats, try filesBelow(directory), try readDocuments(directory))
        }
    }

    @Test("stats match what is on disk", arguments: SampleLayout.allCases)
    func statsMatchDisk(layout: SampleLayout) throws {
        var spec = spec
        spec.layout = layout
        let (stats, files, documents) = try write(spec)
        #expect(stats.files == files.count)
        #expect(stats.bytes == files.reduce(0) { $0 + $1.data.count })
        #expect(stats.documents == documents.count)

        let reading = FleetReading(documents)
        #expect(reading.unrecognised.isEmpty)
        // A task without a result is a run with no host (report-semantics §1).
        #expect(stats.runs == reading.runs.count + reading.withoutResult)
        #expect(stats.duplicates == reading.duplicates)
        #expect(stats.withoutResult == reading.withoutResult)
        #expect(stats.otherOperations == reading.otherOperations)
        #expect(stats.outcomes == reading.outcomes)
        #expect(stats.hostOutcomes == reading.outcomes.total)
        #expect(stats.runs + stats.duplicates + stats.otherOperations == stats.documents)
    }

    @Test("both layouts hold the same documents")
    func layoutsHoldSameDocuments() throws {
        var jsonl = spec
        jsonl.layout = .jsonLines
        let (fileStats, _, fileDocuments) = try write(spec)
        let (lineStats, lineFiles, lineDocuments) = try write(jsonl)
        #expect(lineFiles.count == spec.vcenters)
        var expected = fileStats
        expected.files = lineStats.files
        expected.bytes = lineStats.bytes
        #expect(lineStats == expected)
        #expect(lineStats.bytes < fileStats.bytes, "JSON Lines are compact")
        let fromFiles = try fileDocuments.map { try canonical($0.object) }.sorted()
        let fromLines = try lineDocuments.map { try canonical($0.object) }.sorted()
        #expect(fromFiles == fromLines)
    }

    @Test("JSON Lines hold one compact document per line")
    func compactLines() throws {
        var jsonl = spec
        jsonl.layout = .jsonLines
        let (_, files, _) = try write(jsonl)
        for file in files {
            #expect(file.data.last == UInt8(ascii: "\n"))
            let text = String(decoding: file.data, as: UTF8.self)
            #expect(!text.contains("\n\n"))
            #expect(!text.contains("\": "), "no whitespace after a key")
            #expect(!text.hasPrefix(" "))
        }
    }

    @Test("a duplicate is saved next to its run as <date>.poll1.json")
    func duplicateFileNames() throws {
        let (_, files, documents) = try write(spec)
        let polls = files.filter { $0.path.hasSuffix(".poll1.json") }
        #expect(!polls.isEmpty)
        let paths = Set(files.map(\.path))
        for poll in polls {
            #expect(paths.contains(poll.path.replacingOccurrences(of: ".poll1.json", with: ".json")))
        }
        // The copy kept is the run's own file, never the earlier poll.
        let kept = FleetReading(documents).runs.map(\.source)
        #expect(!kept.contains { $0.hasSuffix(".poll1.json") })
    }
}
