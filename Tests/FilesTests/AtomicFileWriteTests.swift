import Files
import Foundation
import TestHelpers
import Testing

/// `AtomicFile` gathers small pieces into 64 KB writes and writes larger ones from their own
/// storage; whatever the mix, the file holds the pieces in order.
@Suite struct AtomicFileWriteTests {
    @Test func piecesOfEverySizeArriveInOrder() throws {
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let text = String(repeating: "é<&>\n", count: 30_000) // 180,000 bytes of UTF-8
        let lazyBytes = (0..<70_000).lazy.map { UInt8(truncatingIfNeeded: $0 % 251) } // not contiguous
        var expected: [UInt8] = []
        try withTemporaryDirectory("atomic-file") { scratch in
            let dir = scratch.path
            let path = dir + "/out.bin"
            let file = try AtomicFile(path: path)
            for round in 0..<3 {
                try file.write("small \(round)\n")
                expected += Array("small \(round)\n".utf8)
                try file.write(big)
                expected += big
                try file.write(big[1_000..<(1_000 + 65_536)])
                expected += big[1_000..<(1_000 + 65_536)]
                try file.write(text)
                expected += Array(text.utf8)
                try file.write(lazyBytes)
                expected += Array(lazyBytes)
                try file.write(big[0..<100])
                expected += big[0..<100]
            }
            try file.commit()
            let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(written.count == expected.count)
            let firstDifference = zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(
                firstDifference == nil, "the file differs from the pieces written from byte \(firstDifference ?? 0)")
        }
    }
}
