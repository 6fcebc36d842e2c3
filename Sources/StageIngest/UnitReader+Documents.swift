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
    mutating func process(
        _ unit: ReadUnit, _ raw: UnsafeRawBufferPointer, start: Int, end: Int,
        lineStartLimit: Int? = nil, into result: inout UnitResult
    ) {
        var s = start
        if s == 0, raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { s = 3 }
        if s == 0, let order = TextRepair.utf16ByteOrder(UnsafeRawBufferPointer(rebasing: raw[0..<end])) {
            // Never a chunk: the planner keeps UTF-16 files whole.
            let utf8 = TextRepair.utf8(fromUTF16: UnsafeRawBufferPointer(rebasing: raw[0..<end]), order)
            utf8.withUnsafeBytes { process(unit, $0, start: 0, end: $0.count, into: &result) }
            return
        }
        let body = UnsafeRawBufferPointer(rebasing: raw[s..<end])
        switch unit.file.format {
        case .jsonLines:
            readLines(unit, body, limit: (lineStartLimit ?? raw.count) - s, into: &result)
        case .json, .detect:
            readWhole(unit, body, into: &result)
        }
    }

    private mutating func readWhole(
        _ unit: ReadUnit, _ body: UnsafeRawBufferPointer, repaired: [Int] = [],
        into result: inout UnitResult
    ) {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if unit.file.format == .json {
                result.documents += 1
                result.rejections.append(Rejection(source: source(unit, .whole, 0), reason: "empty file"))
            }
            return
        }
        if body.count > maxDocumentBytes, unit.file.format == .json || !UnitReader.looksLikeJSONLines(body) {
            result.documents += 1
            result.rejections.append(
                Rejection(
                    source: source(unit, .whole, 0),
                    reason:
                        "document of \(body.count) bytes exceeds --max-document-bytes (\(maxDocumentBytes)); not read"))
            return
        }
        let tape: JSONTape
        do {
            tape = try parser.parse(body)
        } catch {
            // Standard input and FIFOs carry no file name to tell JSON from JSON Lines: two lines
            // that each start an object are JSON Lines. Any other value followed by more is a
            // stream of concatenated values (`cat a.json b.json`), in a file too.
            if unit.file.format == .detect, repaired.isEmpty, UnitReader.looksLikeJSONLines(body) {
                readLines(unit, body, limit: body.count, into: &result)
                return
            }
            if error.isTrailingContent {
                readConcatenated(unit, body, repaired: repaired, into: &result)
                return
            }
            if error.isInvalidUTF8, repaired.isEmpty, let fixed = TextRepair.repairingStrings(body) {
                fixed.bytes.withUnsafeBytes { readWhole(unit, $0, repaired: fixed.replaced, into: &result) }
                return
            }
            let (line, column) = UnitReader.lineAndColumn(body, error.offset)
            result.documents += 1
            result.rejections.append(
                Rejection(
                    source: source(unit, .whole, 0),
                    reason: "invalid JSON at line \(line), column \(column): \(error.message)"))
            return
        }
        if tape.kind(JSONTape.root) == .array {
            for (index, element) in tape.elements(JSONTape.root).enumerated() {
                classify(tape, element, source(unit, .index(index), index), repaired: repaired, into: &result)
            }
        } else {
            classify(tape, JSONTape.root, source(unit, .whole, 0), repaired: repaired, into: &result)
        }
    }

    private mutating func readLines(
        _ unit: ReadUnit, _ body: UnsafeRawBufferPointer, limit: Int, into result: inout UnitResult
    ) {
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
                result.rejections.append(
                    Rejection(
                        source: src,
                        reason: "line longer than --max-document-bytes (\(maxDocumentBytes) bytes); not read"))
                continue
            }
            do {
                let tape = try parser.parse(line)
                classify(tape, JSONTape.root, src, into: &result)
            } catch {
                if error.isInvalidUTF8, let fixed = TextRepair.repairingStrings(line) {
                    let parsed = fixed.bytes.withUnsafeBytes { bytes -> Bool in
                        guard let tape = try? parser.parse(bytes) else { return false }
                        classify(tape, JSONTape.root, src, repaired: fixed.replaced, into: &result)
                        return true
                    }
                    if parsed { continue }
                }
                result.documents += 1
                result.rejections.append(
                    Rejection(source: src, reason: "invalid JSON at column \(error.offset + 1): \(error.message)"))
            }
        }
        result.lines = lineNumber
    }

    mutating func classify(
        _ tape: JSONTape, _ root: Int, _ source: DocumentSource, repaired: [Int] = [],
        into result: inout UnitResult
    ) {
        record(
            classifier.classify(tape, root: root, source: source), tape, root, source, repaired: repaired, into: &result
        )
    }

    private mutating func record(
        _ outcome: DocumentOutcome, _ tape: JSONTape, _ root: Int, _ source: DocumentSource,
        repaired: [Int], into result: inout UnitResult
    ) {
        // A task list is no document itself: each of its tasks is one.
        if case .taskList = outcome {} else { result.documents += 1 }
        switch outcome {
        case .run(var run):
            if run.commit == nil { result.withoutResult += 1 }
            if tape.containsString(at: repaired, in: root) {
                run.notes.append(
                    DataQualityNote(kind: .invalidUTF8, detail: "bytes that are not UTF-8 replaced by U+FFFD"))
            }
            if spool == nil {
                kept.append(run)
            } else if let spooled = spool?.append(run) {
                result.runs.append(spooled)
            }
        case .otherOperation: result.otherOperations += 1
        case .rejected(let reason): result.rejections.append(Rejection(source: source, reason: reason))
        case .taskList(let tasks):
            for task in tasks {
                // `path[task-id]`: the id is part of the path, so that it survives spools and
                // partial files, and tasks of one list keep their order by id.
                var src = source
                src.path += "[\(task.id)]"
                record(
                    classifier.classifyListedTask(tape, task, list: root, source: src),
                    tape, task.task, src, repaired: repaired, into: &result)
            }
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
