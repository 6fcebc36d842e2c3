import StageModel

extension UnitReader {
    /// Reads JSON values written one after another (`cat a.json b.json`, pretty-printed or not):
    /// each value is a document (an array, one per element), its source the line where it
    /// starts. Where the stream breaks, the rest of it is one rejected document.
    mutating func readConcatenated(
        _ unit: ReadUnit, _ body: UnsafeRawBufferPointer, repaired: [Int],
        firstLine: Int = 1, firstOrdinal: Int = 0, into result: inout UnitResult
    ) {
        var offset = 0
        var line = firstLine
        var ordinal = firstOrdinal
        while true {
            while offset < body.count {
                let c = body[offset]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
                if c == 0x0A { line += 1 }
                offset += 1
            }
            guard offset < body.count else { return }
            let rest = UnsafeRawBufferPointer(rebasing: body[offset...])
            let src = DocumentSource(
                path: unit.file.displayPath, position: .line(line),
                fileIndex: unit.fileIndex, documentIndex: ordinal)
            ordinal += 1
            do {
                let (tape, end) = try parser.parsePrefix(rest)
                // The repaired offsets of this value, relative to where it starts.
                let here = repaired.filter { $0 >= offset && $0 < offset + end }.map { $0 - offset }
                if tape.kind(JSONTape.root) == .array {
                    for element in tape.elements(JSONTape.root) {
                        classify(tape, element, src, repaired: here, into: &result)
                    }
                } else {
                    classify(tape, JSONTape.root, src, repaired: here, into: &result)
                }
                for k in offset..<(offset + end) where body[k] == 0x0A { line += 1 }
                offset += end
            } catch {
                // Bytes that are not UTF-8 in a string: the rest of the stream, repaired, once.
                if error.isInvalidUTF8, repaired.isEmpty, let fixed = TextRepair.repairingStrings(rest) {
                    fixed.bytes.withUnsafeBytes {
                        readConcatenated(
                            unit, $0, repaired: fixed.replaced, firstLine: line, firstOrdinal: ordinal - 1,
                            into: &result)
                    }
                    return
                }
                let (atLine, column) = UnitReader.lineAndColumn(body, offset + error.offset)
                result.documents += 1
                result.rejections.append(
                    Rejection(
                        source: src,
                        reason:
                            "invalid JSON at line \(atLine + firstLine - 1), column \(column): \(error.message); "
                            + "the rest of the stream is not read"
                    ))
                return
            }
        }
    }
}
