import StageModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension UnitReader {
    /// Splits the unit's bytes into documents and classifies each one.
    mutating func process(_ unit: ReadUnit, _ raw: UnsafeRawBufferPointer, start: Int, end: Int,
                          lineStartLimit: Int? = nil, into result: inout UnitResult) {
        var s = start
        if s == 0, raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { s = 3 }
        let body = UnsafeRawBufferPointer(rebasing: raw[s..<end])
        switch unit.file.format {
        case .jsonLines:
            readLines(unit, body, limit: (lineStartLimit ?? raw.count) - s, into: &result)
        case .json, .detect:
            readWhole(unit, body, into: &result)
        }
    }

    private mutating func readWhole(_ unit: ReadUnit, _ body: UnsafeRawBufferPointer, into result: inout UnitResult) {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if unit.file.format == .json {
                result.documents += 1
                result.rejections.append(Rejection(source: source(unit, .whole, 0), reason: "empty file"))
            }
            return
        }
        if body.count > maxDocumentBytes, unit.file.format == .json || !UnitReader.looksLikeJSONLines(body) {
            result.documents += 1
            result.rejections.append(Rejection(source: source(unit, .whole, 0),
                                               reason: "document of \(body.count) bytes exceeds --max-document-bytes (\(maxDocumentBytes)); not read"))
            return
        }
        let tape: JSONTape
        do {
            tape = try parser.parse(body)
        } catch {
            // Standard input and FIFOs carry no file name to tell JSON from JSON Lines: a value
            // followed by more, or two lines that each start an object, is JSON Lines.
            if unit.file.format == .detect,
               error.message.hasPrefix("trailing content") || UnitReader.looksLikeJSONLines(body) {
                readLines(unit, body, limit: body.count, into: &result)
                return
            }
            let (line, column) = UnitReader.lineAndColumn(body, error.offset)
            result.documents += 1
            result.rejections.append(Rejection(source: source(unit, .whole, 0),
                                               reason: "invalid JSON at line \(line), column \(column): \(error.message)"))
            return
        }
        if tape.kind(JSONTape.root) == .array {
            for (index, element) in tape.elements(JSONTape.root).enumerated() {
                classify(tape, element, source(unit, .index(index), index), into: &result)
            }
        } else {
            classify(tape, JSONTape.root, source(unit, .whole, 0), into: &result)
        }
    }

    private mutating func readLines(_ unit: ReadUnit, _ body: UnsafeRawBufferPointer, limit: Int, into result: inout UnitResult) {
        guard let base = body.baseAddress else { return }
        var lineStart = 0
        var lineNumber = 0
        while lineStart < body.count, lineStart < limit {
            lineNumber += 1
            let nl = memchr(base + lineStart, 0x0A, body.count - lineStart)
            let lineEnd = nl.map { base.distance(to: UnsafeRawPointer($0)) } ?? body.count
            var contentEnd = lineEnd
            if contentEnd > lineStart, body[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: body[lineStart..<contentEnd])
            lineStart = lineEnd + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let src = source(unit, .line(lineNumber), lineNumber)
            if line.count > maxDocumentBytes {
                result.documents += 1
                result.rejections.append(Rejection(source: src, reason: "line longer than --max-document-bytes (\(maxDocumentBytes) bytes); not read"))
                continue
            }
            do {
                let tape = try parser.parse(line)
                classify(tape, JSONTape.root, src, into: &result)
            } catch {
                result.documents += 1
                result.rejections.append(Rejection(source: src, reason: "invalid JSON at column \(error.offset + 1): \(error.message)"))
            }
        }
        result.lines = lineNumber
    }

    private mutating func classify(_ tape: JSONTape, _ root: Int, _ source: DocumentSource, into result: inout UnitResult) {
        result.documents += 1
        switch classifier.classify(tape, root: root, source: source) {
        case .run(let run):
            if spool == nil {
                kept.append(run)
            } else if let spooled = spool?.append(run) {
                result.runs.append(spooled)
            }
        case .withoutResult: result.withoutResult += 1
        case .otherOperation: result.otherOperations += 1
        case .rejected(let reason): result.rejections.append(Rejection(source: source, reason: reason))
        }
    }

    private func source(_ unit: ReadUnit, _ position: DocumentSource.Position, _ index: Int) -> DocumentSource {
        DocumentSource(path: unit.file.displayPath, position: position, fileIndex: unit.fileIndex, documentIndex: index)
    }

    /// The first two non-blank lines both start with `{` in their first column: pretty-printed
    /// JSON indents its second line, JSON Lines does not.
    static func looksLikeJSONLines(_ body: UnsafeRawBufferPointer) -> Bool {
        var starts = 0
        var atLineStart = true
        for b in body {
            if atLineStart, b != 0x0A, b != 0x0D {
                guard b == 0x7B else { return false }
                starts += 1
                if starts == 2 { return true }
            }
            atLineStart = b == 0x0A
        }
        return false
    }

    /// 1-based line and column (in bytes) of a byte offset, for diagnostics.
    static func lineAndColumn(_ body: UnsafeRawBufferPointer, _ offset: Int) -> (Int, Int) {
        var line = 1, lastNewline = -1
        for i in 0..<min(offset, body.count) where body[i] == 0x0A {
            line += 1
            lastNewline = i
        }
        return (line, offset - lastNewline)
    }
}
