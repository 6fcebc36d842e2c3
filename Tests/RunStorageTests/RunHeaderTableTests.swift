import RunStorage
import StageModel
import Testing

/// `RunHeaderTable` stores headers compactly; what comes out must be what went in, and its
/// order keys must order exactly as `RunIdentity` and `DocumentSource` do.
@Suite("RunHeaderTable")
struct RunHeaderTableTests {
    /// Headers with shared and distinct strings, missing times, every position kind, the
    /// standard-input path, and byte orders that differ from Swift's String order.
    static func headers(count: Int, seed: UInt64) -> [RunHeader] {
        var state = seed
        func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let vcenters = ["vc-a", "vc-b", "Vc-a", "vc-é", "vc-e\u{301}"]
        // Paths are stored as directory and name: these put names of one directory around
        // the files of its subdirectories and siblings in byte order ("a-x/" < "a/" < "a/b/").
        let paths = [
            "<stdin>", "a/1.json", "a/10.json", "a/2.json", "B.json", "é.jsonl", "a/b/1.json", "a/c.json",
            "a-x/1.json", "a/b", "/r/a.json", "/x.json", "a//b.json", "trailing/", "d/é/1.json"
        ]
        return (0..<count).map { _ in
            let start: Timestamp? = below(6) == 0 ? nil : Timestamp(milliseconds: Int64(below(5)) * 86_400_000 - 1)
            let position: DocumentSource.Position = [.whole, .line(below(50) + 1), .index(below(50))][below(3)]
            let documentIndex: Int =
                switch position {
                case .whole: 0
                case .line(let n): n
                case .index(let i): i
                }
            return RunHeader(
                identity: RunIdentity(
                    vcenter: vcenters[below(vcenters.count)], clusterID: "domain-c\(below(4))",
                    commit: ["1", "2", "10", ""][below(4)], start: start),
                lastUpdate: below(3) == 0 ? nil : Timestamp(milliseconds: Int64(below(1_000))),
                end: below(3) == 0 ? nil : Timestamp(milliseconds: 0),
                isFinished: below(2) == 0,
                source: DocumentSource(
                    path: paths[below(paths.count)], position: position, fileIndex: below(7),
                    documentIndex: documentIndex))
        }
    }

    /// More rows than one page, so most are read back from the table's file: by position, in
    /// order, and as entries.
    @Test func headersAndLocationsRoundTrip() throws {
        let headers = Self.headers(count: 10_000, seed: 3)
        var table = RunHeaderTable()
        func location(_ i: Int) -> RunLocation { RunLocation(file: i % 3, offset: i * 1_000, length: i + 1) }
        for (i, h) in headers.enumerated() { table.append(h, at: location(i)) }
        #expect(table.count == headers.count)
        #expect(table.storageError == nil)
        for i in [0, 1, 4_095, 4_096, 8_191, 8_192, 9_999] {
            #expect(table[i] == headers[i])
            #expect(try table.header(i) == headers[i])
            #expect(table.location(i) == location(i))
        }
        var seen = 0
        try table.forEach { header, at in
            #expect(header == headers[seen] && at == location(seen), "row \(seen)")
            seen += 1
        }
        #expect(seen == headers.count)
        seen = 0
        try table.forEachEntry { entry in
            let h = headers[seen]
            var source = h.source
            source.path = ""
            #expect(entry.source == source && entry.location == location(seen), "row \(seen)")
            #expect(
                table.string(entry.vcenter) == h.identity.vcenter && table.string(entry.cluster) == h.identity.clusterID
            )
            seen += 1
        }
        #expect(seen == headers.count)
    }

    /// Copies share the table's file: after a page has gone there, a second copy that fills a
    /// page of its own would write over it. That traps instead.
    @Test func appendingToTwoCopiesTraps() async {
        await #expect(processExitsWith: .failure) {
            var table = RunHeaderTable()
            let headers = RunHeaderTableTests.headers(count: 8_192, seed: 4)
            for h in headers.prefix(4_096) { table.append(h, at: RunLocation(file: 0, offset: 0, length: 0)) }
            var copy = table
            for h in headers.suffix(4_096) { table.append(h, at: RunLocation(file: 0, offset: 0, length: 0)) }
            for h in headers.suffix(4_096) { copy.append(h, at: RunLocation(file: 0, offset: 0, length: 0)) }
        }
    }

    @Test("Order keys agree with RunIdentity", arguments: [UInt64(1), 2, 3])
    func orderKeysAgree(seed: UInt64) throws {
        let headers = Self.headers(count: 200, seed: seed)
        var table = RunHeaderTable()
        for h in headers { table.append(h, at: RunLocation(file: 0, offset: 0, length: 0)) }
        let keys = try table.orderKeys(RunHeaderTable.StringRanks(table))
        #expect(keys.map(\.row) == headers.indices.map(Int32.init))
        for i in headers.indices {
            for j in headers.indices {
                #expect(keys[i].precedes(keys[j]) == (headers[i].identity < headers[j].identity), "\(i) \(j)")
                #expect(keys[i].sameRun(as: keys[j]) == (headers[i].identity == headers[j].identity), "\(i) \(j)")
                let sameCluster =
                    headers[i].identity.vcenter == headers[j].identity.vcenter
                    && headers[i].identity.clusterID == headers[j].identity.clusterID
                #expect((keys[i].clusterNumber == keys[j].clusterNumber) == sameCluster, "\(i) \(j)")
            }
        }
        #expect(Set(headers.map(\.identity)).count < headers.count, "the fleet has duplicate identities")
    }
}
