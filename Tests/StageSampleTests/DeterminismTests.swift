import Foundation
import Testing
import StageSample
import TestHelpers

@Suite("Determinism")
struct DeterminismTests {
    private func generate(_ spec: SampleFleetSpec) throws -> [(path: String, data: Data)] {
        try withTemporaryDirectory("sample") { scratch in
            let directory = scratch.url
            try SampleFleetWriter(spec: spec).write(to: directory)
            return try filesBelow(directory)
        }
    }

    @Test("the same spec gives byte-identical files", arguments: SampleLayout.allCases)
    func sameSpecSameBytes(layout: SampleLayout) throws {
        let spec = SampleFleetSpec(
            vcenters: 2, clustersPerVCenter: 4, hostsPerCluster: 6,
            nights: 9, seed: 42, layout: layout)
        let first = try generate(spec)
        let second = try generate(spec)
        #expect(!first.isEmpty)
        #expect(first.map(\.path) == second.map(\.path))
        for (a, b) in zip(first, second) {
            #expect(a.data == b.data, "\(a.path) differs between two generations")
        }
    }

    @Test("different seeds give different fleets")
    func differentSeedsDiffer() throws {
        let first = try generate(SampleFleetSpec(seed: 1))
        let second = try generate(SampleFleetSpec(seed: 2))
        let firstBytes = first.reduce(Data()) { $0 + $1.data }
        let secondBytes = second.reduce(Data()) { $0 + $1.data }
        #expect(firstBytes != secondBytes)
    }

    @Test("a generation leaves no temporary files behind")
    func noTemporaryFiles() throws {
        for layout in SampleLayout.allCases {
            let files = try generate(SampleFleetSpec(layout: layout))
            // AtomicFile names a finished file `.<name>.tmp-<random>` just before its rename.
            #expect(!files.contains { $0.path.contains(".tmp") })
        }
    }

    @Test("the default fleet has the documented layout")
    func defaultLayout() throws {
        let files = try generate(SampleFleetSpec())
        let pattern =
            #/^vc0[12]\.dc[01]\.example\.com/domain-c\d+/2026-11-0[1-7](\.poll1|\.scan|\.check-compliance)?\.json$/#
        for file in files {
            #expect(file.path.wholeMatch(of: pattern) != nil, "unexpected file \(file.path)")
        }
        let jsonl = try generate(SampleFleetSpec(layout: .jsonLines))
        #expect(jsonl.map(\.path) == ["vc01.dc0.example.com.jsonl", "vc02.dc1.example.com.jsonl"])
    }
}
