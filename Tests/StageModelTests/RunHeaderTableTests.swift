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
        let paths = ["<stdin>", "a/1.json", "a/10.json", "a/2.json", "B.json", "é.jsonl", "a/b/1.json", "a/c.json",
                     "a-x/1.json", "a/b", "/r/a.json", "/x.json", "a//b.json", "trailing/", "d/é/1.json"]
        return (0..<count).map { _ in
            let start: Timestamp? = below(6) == 0 ? nil : Timestamp(milliseconds: Int64(below(5)) * 86_400_000 - 1)
            let position: DocumentSource.Position = [.whole, .line(below(50) + 1), .index(below(50))][below(3)]
            let documentIndex: Int = switch position {
            case .whole: 0
            case .line(let n): n
            case .index(let i): i
            }
            return RunHeader(
                identity: RunIdentity(vcenter: vcenters[below(vcenters.count)], clusterID: "domain-c\(below(4))",
                                      commit: ["1", "2", "10", ""][below(4)], start: start),
                lastUpdate: below(3) == 0 ? nil : Timestamp(milliseconds: Int64(below(1_000))),
                end: below(3) == 0 ? nil : Timestamp(milliseconds: 0),
                isFinished: below(2) == 0,
                source: DocumentSource(path: paths[below(paths.count)], position: position, fileIndex: below(7),
                                       documentIndex: documentIndex))
        }
    }

    @Test func headersAndLocationsRoundTrip() {
        let headers = Self.headers(count: 500, seed: 3)
        var table = RunHeaderTable()
        for (i, h) in headers.enumerated() { table.append(h, at: RunLocation(file: i % 3, offset: i * 1_000, length: i + 1)) }
        #expect(table.count == headers.count)
        for (i, h) in headers.enumerated() {
            #expect(table[i] == h)
            #expect(table.identity(i) == h.identity)
            #expect(table.source(i) == h.source)
            #expect(table.location(i) == RunLocation(file: i % 3, offset: i * 1_000, length: i + 1))
        }
    }

    @Test("Order keys agree with RunIdentity and DocumentSource", arguments: [UInt64(1), 2, 3])
    func orderKeysAgree(seed: UInt64) {
        let headers = Self.headers(count: 200, seed: seed)
        var table = RunHeaderTable()
        for h in headers { table.append(h, at: RunLocation(file: 0, offset: 0, length: 0)) }
        let keys = RunHeaderTable.OrderKeys(table)
        for i in headers.indices {
            for j in headers.indices {
                #expect(keys.identityPrecedes(i, j) == (headers[i].identity < headers[j].identity), "\(i) \(j)")
                #expect(keys.sourcePrecedes(i, j) == (headers[i].source < headers[j].source), "\(i) \(j)")
                #expect((keys.identity(i) == keys.identity(j)) == (headers[i].identity == headers[j].identity), "\(i) \(j)")
            }
        }
        #expect(Set(headers.map(\.identity)).count < headers.count, "the fleet has duplicate identities")
    }
}
