import Files
import RunStorage
import StageModel
import Synchronization
import Workers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Settings of one ingest.
public struct IngestOptions: Sendable {
    public var defaults: DocumentDefaults
    /// Worker threads; the output does not depend on it.
    public var workers: Int
    /// JSON Lines files larger than this are split into chunks of about this size. Small
    /// enough that a few large files make several units each, so that the workers finish
    /// together rather than one core waiting at the end.
    public var chunkBytes: Int
    /// Labels shown instead of the real path of an input root.
    public var displayRoots: [String: String]
    /// The vCenter of each labelled input root (as shown).
    public var labels = InputLabels()
    /// A larger document (a whole `.json` file, or one JSON Lines line) is rejected unread.
    public var maxDocumentBytes: Int
    /// Called from worker threads after each unit; must be cheap.
    public var progress: (@Sendable (IngestProgress) -> Void)?

    public init(
        defaults: DocumentDefaults = DocumentDefaults(), workers: Int = IngestOptions.defaultWorkers,
        chunkBytes: Int = 2 << 20, displayRoots: [String: String] = [:],
        maxDocumentBytes: Int = IngestOptions.defaultMaxDocumentBytes,
        progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) {
        self.maxDocumentBytes = max(1, maxDocumentBytes)
        self.defaults = defaults
        self.workers = max(1, workers)
        self.chunkBytes = max(1 << 12, chunkBytes)
        self.displayRoots = displayRoots
        self.progress = progress
    }

    /// 64 MiB: a stage result of a few thousand hosts is a few MB; this leaves a wide margin
    /// while bounding what one document may cost (its tape takes about as much again).
    public static let defaultMaxDocumentBytes = 64 << 20

    public static var defaultWorkers: Int { WorkerThreads.processorCount }
}

/// Cumulative counters for a progress line.
public struct IngestProgress: Sendable {
    public var units: Int
    public var totalUnits: Int
    public var documents: Int
    public var bytes: Int
}

/// Everything read from the inputs, before duplicates are resolved.
public struct IngestResult: Sendable {
    /// Decodes every run read, in input order: for tests and small inputs only, since it holds
    /// them all in memory.
    public func loadRuns() throws(RunCodecError) -> [StageRun] {
        var runs: [StageRun] = []
        do {
            try self.runs.forEach { header, location in
                var run = try store.load(location)
                run.source = header.source
                runs.append(run)
            }
        } catch let e as RunCodecError {
            throw e
        } catch {
            throw RunCodecError(reason: "\(error)")
        }
        return runs
    }

    public var files = 0
    public var documents = 0
    public var withoutResult = 0
    public var otherOperations = 0
    public var bytes = 0
    /// Every run read, in input order; the hosts are in `store`.
    public var runs = RunHeaderTable()
    public var store = RunStore()
    /// The spool could not be written (disk full, say): the result is incomplete.
    public var spoolError: FileError?
    /// In input order; unreadable inputs are listed here too, each as one document.
    public var rejections: [Rejection] = []
    /// Inputs that could not be read at all.
    public var inputErrors: [FileError] = []

    public init() {}
}

/// Reads every input on all cores and returns what it found in input order, so that the
/// result is the same whatever the number of workers.
public struct Ingestor: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) { self.options = options }

    public func ingest(_ inputs: [String]) -> IngestResult {
        let (files, inputErrors) = InputCollector(displayRoots: options.displayRoots, workers: options.workers).collect(
            inputs)
        let units = plan(files)
        // Unit results are merged in unit order as soon as they are complete, so only the few
        // finished out of order wait in memory, not one result per input file.
        let merged = Mutex(IngestMerge(units: units, files: files))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0), documents = Atomic<Int>(0), bytes = Atomic<Int>(0)
        let classifier = DocumentClassifier(defaults: options.defaults)
        let progress = options.progress
        let maxDocumentBytes = options.maxDocumentBytes
        let labels = options.labels
        let store = RunStore()
        let spoolErrors = Mutex<[FileError]>([])
        let work: @Sendable () -> Void = {
            var reader = UnitReader(classifier: classifier, store: store, maxDocumentBytes: maxDocumentBytes)
            reader.labels = labels
            defer {
                reader.spool?.flush()
                if let e = reader.spool?.error { spoolErrors.withLock { $0.append(e) } }
            }
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < units.count else { return }
                let r = reader.read(ReadUnit(units[i], in: files))
                let d = documents.wrappingAdd(r.documents, ordering: .relaxed).newValue
                let b = bytes.wrappingAdd(r.bytes, ordering: .relaxed).newValue
                merged.withLock { $0.add(r, unit: i) }
                let u = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(IngestProgress(units: u, totalUnits: units.count, documents: d, bytes: b))
            }
        }
        let threads = min(options.workers, max(1, units.count))
        if threads == 1 { work() } else { WorkerThreads.run(count: threads, work) }
        var out = merged.withLock { $0.finish(inputErrors: inputErrors) }
        out.store = store
        out.spoolError =
            spoolErrors.withLock { $0.first }
            ?? out.runs.storageError
        return out
    }

    /// One unit per file; large JSON Lines files are cut into chunks so both cores share them.
    /// A unit names its file by index rather than carrying a copy of its entry: with one file
    /// per run, there are as many units as files.
    /// A UTF-16 file cannot be cut at newline bytes: it is read whole and transcoded.
    private static func startsWithUTF16Mark(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var mark: (UInt8, UInt8) = (0, 0)
        guard pread(fd, &mark, 2, 0) == 2 else { return false }
        return (mark.0 == 0xFF && mark.1 == 0xFE) || (mark.0 == 0xFE && mark.1 == 0xFF)
    }

    private func plan(_ files: InputFileList) -> [PlannedUnit] {
        var units: [PlannedUnit] = []
        units.reserveCapacity(files.count)
        for (index, file) in files.entries.enumerated() {
            if file.format == .jsonLines, file.preloaded == nil, file.size > options.chunkBytes,
                !(files[index].path.map(Ingestor.startsWithUTF16Mark) ?? false)
            {
                var at = 0
                while at < file.size {
                    let end = min(at + options.chunkBytes, file.size)
                    units.append(PlannedUnit(fileIndex: index, range: at..<end))
                    at = end
                }
            } else {
                units.append(PlannedUnit(fileIndex: index, range: nil))
            }
        }
        return units
    }
}

extension DocumentSource {
    func shiftingLines(by base: Int) -> DocumentSource {
        guard base != 0, case .line(let n) = position else { return self }
        var s = self
        s.position = .line(n + base)
        s.documentIndex = n + base
        return s
    }
}
