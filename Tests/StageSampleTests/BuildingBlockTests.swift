import Foundation
import JSONOutput
import Testing
import TestHelpers
@testable import StageSample

@Suite("Building blocks")
struct BuildingBlockTests {
    @Test("JSON strings are escaped and round-trip through JSONSerialization")
    func escaping() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{00} zürich 東京 <a&b> 😀"
        for pretty in [true, false] {
            var json = JSONWriter(style: pretty ? .collector : .collectorLine)
            json.beginObject()
            json.key(nasty)
            json.string(nasty)
            json.key("list")
            json.beginArray()
            json.int(-42)
            json.bool(true)
            json.decimalString(7)
            json.endArray()
            json.endObject()
            let object = try parseObject(Data(json.bytes))
            #expect(object[nasty] as? String == nasty)
            let list = object["list"] as? [Any]
            #expect(list?.count == 3)
            #expect(list?.first as? Int == -42)
            #expect(list?.last as? String == "7")
        }
    }

    @Test("timestamps and dates")
    func clock() {
        func timestamp(_ milliseconds: Int64) -> String {
            var out: [UInt8] = []
            SampleClock.appendTimestamp(milliseconds: milliseconds, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(timestamp(1_731_094_797_399) == "2024-11-08T19:39:57.399Z")
        #expect(SampleClock.days(fromISODate: "2026-11-01") == 20_758)
        #expect(SampleClock.dateString(days: 20_758) == "2026-11-01")
        #expect(SampleClock.dateString(days: SampleClock.days(fromISODate: "2028-02-29") ?? 0) == "2028-02-29")
        for bad in ["2026-02-29", "2026-13-01", "2026-11-1", "20261101", "2026-11-01T00", "1969-12-31", ""] {
            #expect(SampleClock.days(fromISODate: bad) == nil, "\(bad)")
        }
    }

    @Test("the random stream is SplitMix64, fixed across platforms and toolchains")
    func random() {
        var rng = SampleRandom(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SampleRandom(seed: 9)
        for _ in 0..<1_000 {
            #expect((3...5).contains(bounded.int(3...5)))
            #expect((0..<1).contains(bounded.unit()))
        }
        #expect(SampleRandom.derive(1, 2, 3) != SampleRandom.derive(1, 3, 2))
    }

    @Test("an invalid spec is rejected with the field named")
    func invalidSpecs() {
        let cases: [(SampleFleetSpec, String)] = [
            (SampleFleetSpec(vcenters: 0), "vcenters"),
            (SampleFleetSpec(clustersPerVCenter: -1), "clustersPerVCenter"),
            (SampleFleetSpec(hostsPerCluster: 5_000), "hostsPerCluster"),
            (SampleFleetSpec(nights: 0), "nights"),
            (SampleFleetSpec(firstNight: "2026-02-30"), "firstNight")
        ]
        for (spec, field) in cases {
            #expect(throws: SampleFleetError.self) { try spec.validate() }
            do {
                try SampleFleetWriter(spec: spec).write(
                    to: FileManager.default.temporaryDirectory
                        .appendingPathComponent("never-created-\(UUID().uuidString)"))
                Issue.record("\(field) accepted")
            } catch {
                #expect(error.description.contains(field), "\(error)")
                guard case .invalidSpec = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
    }

    @Test("an unwritable target gives an error naming the path")
    func unwritableTarget() throws {
        try withTemporaryDirectory("sample") { scratch in
            let directory = scratch.url
            let blocker = directory.appendingPathComponent("file")
            try Data("x".utf8).write(to: blocker)
            do {
                try SampleFleetWriter(spec: SampleFleetSpec(vcenters: 1, clustersPerVCenter: 1, nights: 1))
                    .write(to: blocker.appendingPathComponent("fleet"))
                Issue.record("writing below a regular file succeeded")
            } catch {
                #expect("\(error)".contains(blocker.path), "\(error)")
            }
        }
    }

    @Test("cluster sizes vary around the mean, at least one host")
    func clusterSizes() throws {
        let spec = SampleFleetSpec(vcenters: 3, clustersPerVCenter: 20, hostsPerCluster: 10)
        let inventory = SampleInventory(spec: spec, firstDay: try #require(SampleClock.days(fromISODate: "2026-11-01")))
        let sizes = inventory.vcenters.flatMap { $0.clusters.map { $0.hosts.filter { !$0.isWitness }.count } }
        #expect(sizes.allSatisfy { (5...15).contains($0) })
        #expect(Set(sizes).count > 4)
        let tiny = SampleInventory(spec: SampleFleetSpec(hostsPerCluster: 1), firstDay: 0)
        #expect(tiny.vcenters.allSatisfy { $0.clusters.allSatisfy { !$0.hosts.isEmpty } })
        for vcenter in inventory.vcenters {
            let ids = vcenter.clusters.map(\.id)
            #expect(Set(ids).count == ids.count)
            let hostIDs = vcenter.clusters.flatMap { $0.hosts.map(\.id) }
            #expect(Set(hostIDs).count == hostIDs.count)
        }
    }
}
