import Files
import RunStorage
import StageModel

/// Where a kept run is and what the spool does not know of it: its place in its input (the
/// spool holds line numbers as its chunk counted them) and its cluster's number.
struct RunEntry: Sendable {
    var spoolOffset: Int64
    var positionValue: Int64
    var documentIndex: Int64
    var spoolLength: Int32
    var spoolFile: Int32
    var fileIndex: Int32
    /// The cluster's number in `StoredRuns.clusters`.
    var cluster: Int32
    /// `DocumentSource.Position.code`'s kind.
    var positionKind: UInt8

    init(_ entry: RunHeaderTable.Entry, cluster: Int32) {
        spoolOffset = Int64(entry.location.offset)
        spoolLength = Int32(clamping: entry.location.length)
        spoolFile = Int32(clamping: entry.location.file)
        fileIndex = Int32(clamping: entry.source.fileIndex)
        documentIndex = Int64(entry.source.documentIndex)
        self.cluster = cluster
        let position = entry.source.position.code
        (positionKind, positionValue) = (position.kind, Int64(position.value))
    }

    private init() {
        (spoolOffset, positionValue, documentIndex) = (0, 0, 0)
        (spoolLength, spoolFile, fileIndex, cluster, positionKind) = (0, 0, 0, 0, 0)
    }

    /// Room for an entry to be read into.
    static let blank = RunEntry()

    var location: RunLocation { RunLocation(file: Int(spoolFile), offset: Int(spoolOffset), length: Int(spoolLength)) }

    /// `source` with this entry's place in the input; the path is the spool's.
    func placing(_ source: DocumentSource) -> DocumentSource {
        let position = DocumentSource.Position(kind: positionKind, value: Int(positionValue))
        return DocumentSource(
            path: source.path, position: position, fileIndex: Int(fileIndex), documentIndex: Int(documentIndex))
    }
}

/// Run entries in one order (canonical, or as JUnit writes them) in a temporary file, so that
/// what is kept per run after duplicates are resolved is on disk, not in memory.
///
/// A file is written once, by `scatter`, a window of entries at a time; it is read in order a
/// page at a time (`forEach`), or a range at a time (`entries(in:)`).
struct RunEntryFile: Sendable {
    private static let stride = MemoryLayout<RunEntry>.stride
    /// Entries placed per pass of `scatter`: bounds the memory of a pass, while a large fleet
    /// still takes only a few passes.
    static let window = 1 << 15
    /// Entries read at a time by `forEach`.
    static let page = 1 << 12

    let count: Int
    private let file: TemporaryFile?

    /// Writes `count` entries, each at the position `source` gives it. `source` is called
    /// once per window of positions (once for up to 32,768 entries) and must call its
    /// argument with every entry and its position, the same ones on each call; memory holds
    /// one window.
    static func scatter(count: Int, source: ((Int, RunEntry) -> Void) throws(PipelineError) -> Void)
        throws(PipelineError) -> RunEntryFile
    {
        guard count > 0 else { return RunEntryFile(count: 0, file: nil) }
        let file: TemporaryFile
        do { file = try TemporaryFile(prefix: "stage-report-order") } catch {
            throw PipelineError(reason: error.description)
        }
        var first = 0
        while first < count {
            let range = first..<min(first + window, count)
            var placed = [RunEntry](repeating: .blank, count: range.count)
            var filled = 0
            try source { position, entry in
                guard range.contains(position) else { return }
                placed[position - range.lowerBound] = entry
                filled += 1
            }
            precondition(filled == range.count, "every position of the order gets one entry")
            do {
                try file.write(contentsOf: placed, at: range.lowerBound * stride)
            } catch {
                throw PipelineError(reason: error.description)
            }
            first = range.upperBound
        }
        return RunEntryFile(count: count, file: file)
    }

    /// The entries at `range`, read at once.
    func entries(in range: Range<Int>) throws(PipelineError) -> [RunEntry] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "entry range out of bounds")
        guard !range.isEmpty, let file else { return [] }
        var out = [RunEntry](repeating: .blank, count: range.count)
        do throws(FileError) {
            try file.read(into: &out, at: range.lowerBound * Self.stride)
        } catch {
            throw PipelineError(reason: "cannot read back the run order: \(error.reason)")
        }
        return out
    }

    /// Calls `body` with every entry and its position, in order, a page at a time.
    func forEach(_ body: (Int, RunEntry) throws(PipelineError) -> Void) throws(PipelineError) {
        var first = 0
        while first < count {
            let range = first..<min(first + Self.page, count)
            for (k, entry) in try entries(in: range).enumerated() { try body(range.lowerBound + k, entry) }
            first = range.upperBound
        }
    }
}
