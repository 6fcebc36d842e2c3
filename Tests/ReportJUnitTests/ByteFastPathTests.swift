@testable import ReportJUnit
import ReportText
import StageModel
import Testing

/// The byte-level shortcuts of the suite writer (`JUnitDigits`, the in-place
/// host reads and the case-name check) give exactly what the general code gives.
@Suite struct ByteFastPathTests {
    @Test func decimalDigitsAreStringOfInt() {
        var values: [Int] = [.min, .min + 1, -1_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_000_000, .max - 1, .max]
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int(bitPattern: UInt(x)) >> Int(x % 64))
        }
        for v in values {
            #expect(JUnitDigits.withDecimal(v) { String(cString: $0) } == String(v), "\(v)")
        }
    }

    @Test func durationReadInPlaceIsTheHostsDuration() {
        let times: [Timestamp?] = [
            nil, Timestamp(milliseconds: -5), Timestamp(milliseconds: 0), Timestamp(milliseconds: 7_000)
        ]
        var hosts: [HostResult] = []
        for outcome in HostOutcome.allCases {
            for start in times {
                for end in times {
                    hosts.append(HostResult(id: "h", name: "h", outcome: outcome, start: start, end: end))
                }
            }
        }
        hosts.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                #expect(JUnitCase.durationMilliseconds(buffer.baseAddress! + i) == (hosts[i].durationMilliseconds ?? 0))
                let inPlace = JUnitCase(host: buffer.baseAddress! + i)
                let copied = JUnitCase(host: hosts[i])
                #expect(inPlace.milliseconds == copied.milliseconds)
                #expect(
                    inPlace.result?.body == copied.result?.body && inPlace.result?.message == copied.result?.message)
            }
        }
    }

    /// Runs of unique, shared, out-of-order, blank, padded, non-ASCII and canonically equal
    /// names: the fast check disambiguates exactly the names the sorting rule does.
    @Test func caseNamesFollowTheSortingRule() {
        let pools: [[String]] = [
            ["esx-01", "esx-02", "esx-03", "esx-04"],
            ["esx-01", "10.20.28.20", "esx-03", "esx-04"],
            ["esx-01", "esx-02", "esx-01", "esx-04"],
            ["K", "\u{212A}", "x", "y"],
            ["é", "e\u{301}", "e", "f"],
            ["", " ", "a  b", "a b", " a b "],
            ["zzz", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],
            ["zürich", "zurich", "ams", "zürich"]
        ]
        var x: UInt64 = 42
        for pool in pools {
            for length in [0, 1, 2, 3, 5, 8, 12, 20] {
                for _ in 0..<30 {
                    var hosts: [HostResult] = []
                    for i in 0..<length {
                        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        let name = x % 3 == 0 ? pool[i % pool.count] : pool[Int(x >> 33) % pool.count]
                        hosts.append(HostResult(id: "host-\(Int(x >> 40) % 5)", name: name, outcome: .succeeded))
                    }
                    let fast = hosts.withUnsafeBufferPointer { JUnitIdentity.caseNames($0) }.map(\.string)
                    #expect(fast == Self.caseNames(hosts), "\(hosts.map(\.name))")
                }
            }
        }
        // A long sorted run of plain names, and the same run with one name out of place.
        let sorted = (0..<300).map { HostResult(id: "h\($0)", name: "esx-\(1_000 + $0)", outcome: .succeeded) }
        var moved = sorted
        moved.insert(moved.remove(at: 0), at: 150)
        for hosts in [sorted, moved, moved + [sorted[7]]] {
            #expect(
                hosts.withUnsafeBufferPointer { JUnitIdentity.caseNames($0) }.map(\.string) == Self.caseNames(hosts))
        }
    }

    @Test func classnameFollowsTheCharacterRule() {
        for id in ["domain-c8", "a.b.c", ".", "..x..", "", "  ", "é.x", "x.\u{301}y", "c2 .dots. here"] {
            let label = JUnitIdentity.clusterLabel(id)
            let expected = JUnitIdentity.vcenterLabel("vc") + "." + String(label.map { $0 == "." ? "_" : $0 })
            #expect(JUnitIdentity.classname(vcenter: "vc", clusterID: id) == expected, "\(id)")
        }
    }

    @Test func nonBlankFollowsTheCleanRule() {
        for s in FastPathTests.strings(over: ["a", " ", "\t", "\n", "\u{1}"], upTo: 4) + ["\u{1b}[1m", "é", " é "] {
            let t = TextSanitizer.clean(s)
            let expected = t.unicodeScalars.allSatisfy(JUnitText.isXMLWhitespace) ? nil : t
            #expect(JUnitText.nonBlank(s) == expected, "\(s.debugDescription)")
        }
    }

    // MARK: - References and inputs

    /// The rule as first written: a sorted copy finds every shared name.
    static func caseNames(_ hosts: [HostResult]) -> [String] {
        var names = hosts.map(JUnitIdentity.caseName)
        let sorted = names.sorted()
        var shared = Set<String>()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { shared.insert(sorted[i]) }
        for i in names.indices where shared.contains(names[i]) {
            names[i] = JUnitIdentity.disambiguatedCaseName(hosts[i])
        }
        return names.map(JUnitText.xmlSafe)
    }
}
