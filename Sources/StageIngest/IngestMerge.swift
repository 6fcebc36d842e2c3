import Files
import StageModel

/// Folds unit results into one `IngestResult` in unit order, whatever order the workers finish
/// them in: a result that arrives early waits until the units before it are in.
///
/// Folding as results arrive (rather than after the last one) keeps memory to the run table
/// plus the few results that finished out of order; with one file per run, holding every
/// unit's result until the end cost more than the run headers themselves.
struct IngestMerge {
    private let units: [PlannedUnit]
    private let files: InputFileList
    private var waiting: [Int: UnitResult] = [:]
    private var next = 0
    private var out = IngestResult()
    private var unreadable: [FileError] = []
    /// JSON Lines chunks count lines from their own start; this is where the chunk starts.
    private var lineBase = 0
    private var lastFile = -1

    init(units: [PlannedUnit], files: InputFileList) {
        self.units = units
        self.files = files
        out.files = files.count
    }

    mutating func add(_ result: UnitResult, unit index: Int) {
        waiting[index] = result
        while let r = waiting.removeValue(forKey: next) {
            fold(units[next], r)
            next += 1
        }
    }

    private mutating func fold(_ unit: PlannedUnit, _ r: UnitResult) {
        if unit.fileIndex != lastFile {
            lineBase = 0
            lastFile = unit.fileIndex
        }
        if let e = r.readError {
            unreadable.append(e.path.isEmpty ? FileError(path: files.displayPath(unit.fileIndex), reason: e.reason) : e)
            return
        }
        out.documents += r.documents
        out.withoutResult += r.withoutResult
        out.otherOperations += r.otherOperations
        out.bytes += r.bytes
        for run in r.runs {
            out.runs.append(run.header.shiftingLines(by: lineBase), at: run.location)
        }
        out.rejections.append(
            contentsOf: r.rejections.map {
                var rej = $0; rej.source = rej.source.shiftingLines(by: lineBase); return rej
            })
        lineBase += r.lines
    }

    /// The merged result; every unit must have been added.
    mutating func finish(inputErrors: [FileError]) -> IngestResult {
        precondition(next == units.count && waiting.isEmpty, "a unit result is missing")
        var result = out
        result.inputErrors = (inputErrors + unreadable).sorted { ByteOrder.less($0.path, $1.path) }
        for e in result.inputErrors {
            result.documents += 1
            result.rejections.append(
                Rejection(source: DocumentSource(path: e.path, fileIndex: -1), reason: "cannot read: \(e.reason)"))
        }
        result.rejections.sort { $0.source < $1.source }
        return result
    }
}

extension RunHeader {
    func shiftingLines(by base: Int) -> RunHeader {
        var h = self
        h.source = source.shiftingLines(by: base)
        return h
    }
}
