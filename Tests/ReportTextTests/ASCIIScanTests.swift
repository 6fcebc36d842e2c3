import ReportText
import Testing

/// `ASCIIScan` reads eight bytes at a time; each check must give what its one-byte-at-a-time
/// definition gives, at every length and with the telling byte at every position.
@Suite struct ASCIIScanTests {
    static func printableText(_ b: [UInt8]) -> Bool {
        b.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static func singleSpacedPrintable(_ b: [UInt8]) -> Bool {
        b.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !zip(b, b.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
    }

    static func plainJSON(_ b: [UInt8]) -> Bool {
        b.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
    }

    static func check(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            #expect(ASCIIScan.isPrintableText(buffer) == printableText(bytes), "\(bytes)")
            #expect(ASCIIScan.isSingleSpacedPrintable(buffer) == singleSpacedPrintable(bytes), "\(bytes)")
            #expect(ASCIIScan.isPlainJSONString(buffer) == plainJSON(bytes), "\(bytes)")
        }
    }

    /// Every byte value, alone and at each position of plain text of every length up to 24, so
    /// that it falls in the first word, the middle of one, across a boundary and in the tail.
    @Test func everyByteAtEveryPosition() {
        for length in 0...24 {
            let plain = (0..<length).map { UInt8(0x61 + $0 % 26) }
            ASCIIScanTests.check(plain)
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = plain
                    bytes[position] = UInt8(value)
                    ASCIIScanTests.check(bytes)
                }
            }
        }
    }

    /// Two spaces side by side, and a space next to a byte one away from a space (`!`, `\x1F`),
    /// at every offset, including across the eight-byte boundary.
    @Test func adjacentSpacesAtEveryOffset() {
        for length in 2...20 {
            for first in 0..<(length - 1) {
                for pair: (UInt8, UInt8) in [
                    (0x20, 0x20), (0x20, 0x21), (0x21, 0x20), (0x20, 0x1F), (0x20, 0x00), (0x20, 0xA0)
                ] {
                    var bytes = [UInt8](repeating: 0x78, count: length)
                    bytes[first] = pair.0
                    bytes[first + 1] = pair.1
                    ASCIIScanTests.check(bytes)
                }
            }
        }
    }

    /// Two spaces at every pair of positions: side by side they fail, apart they pass, wherever
    /// the words (and the last, overlapping word) begin.
    @Test func twoSpacesAtEveryPairOfPositions() {
        for length in 2...26 {
            for first in 0..<length {
                for second in (first + 1)..<length {
                    var bytes = [UInt8](repeating: 0x78, count: length)
                    bytes[first] = 0x20
                    bytes[second] = 0x20
                    ASCIIScanTests.check(bytes)
                }
            }
        }
    }

    /// Random bytes drawn mostly from the interesting values.
    @Test func randomMixtures() {
        let interesting: [UInt8] = [
            0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xA0, 0xC3, 0xFF, 0x61
        ]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(x >> 58)
            var bytes: [UInt8] = []
            for i in 0..<length {
                let r = (x >> UInt64(i % 48)) &+ UInt64(i) &* 0x9E37
                bytes.append(r % 4 == 0 ? interesting[Int(r >> 3) % interesting.count] : UInt8(0x61 + r % 26))
            }
            ASCIIScanTests.check(bytes)
        }
    }
}
