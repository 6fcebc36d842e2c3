import Files
import RunStorage
import StageModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A piece of work for one worker: a whole file, or a range of lines of a large JSON Lines file.
struct ReadUnit: Sendable {
    var fileIndex: Int
    var file: InputFile
    /// For JSON Lines chunks: the lines that *start* in this byte range belong to this unit.
    var range: Range<Int>?
}

extension ReadUnit {
    init(_ unit: PlannedUnit, in files: InputFileList) {
        self.init(fileIndex: unit.fileIndex, file: files[unit.fileIndex], range: unit.range)
    }
}

/// A unit as planned: its file, by index into the file list, and its range.
struct PlannedUnit: Sendable {
    var fileIndex: Int
    /// See `ReadUnit.range`.
    var range: Range<Int>?
}

/// What one unit yielded. Line numbers of a JSON Lines chunk are relative to the chunk until
/// the driver, which knows the chunks before it, makes them absolute.
struct UnitResult: Sendable {
    var runs: [SpooledRun] = []
    var rejections: [Rejection] = []
    var documents = 0
    var withoutResult = 0
    var otherOperations = 0
    var bytes = 0
    /// Lines this chunk covered, blank ones included.
    var lines = 0
    var readError: FileError?
}

/// Reads units with buffers it reuses, so that memory does not grow with file size beyond the
/// largest single file or chunk.
struct UnitReader {
    var parser = JSONParser()
    private var buffer: [UInt8] = []
    var classifier: DocumentClassifier
    /// The vCenters of labelled inputs; a unit's label replaces the default vCenter.
    var labels = InputLabels()
    private let baseDefaults: DocumentDefaults
    /// Where this worker's runs go as soon as they are classified; `nil` keeps them in memory
    /// (the probe used by fuzzing and tools, never for whole fleets).
    var spool: SpoolWriter?
    /// Runs kept in memory when there is no spool.
    var kept: [StageRun] = []

    let maxDocumentBytes: Int

    init(
        classifier: DocumentClassifier, store: RunStore?, maxDocumentBytes: Int = IngestOptions.defaultMaxDocumentBytes
    ) {
        self.classifier = classifier
        self.baseDefaults = classifier.defaults
        self.maxDocumentBytes = maxDocumentBytes
        self.spool = store.map { SpoolWriter(store: $0) }
    }

    mutating func read(_ unit: ReadUnit) -> UnitResult {
        var result = UnitResult()
        if !labels.isEmpty {
            classifier.defaults.vcenter = labels.vcenter(for: unit.file.displayPath) ?? baseDefaults.vcenter
        }
        if let pre = unit.file.preloaded {
            result.bytes = pre.bytes.count
            pre.bytes.withUnsafeBytes { process(unit, $0, start: 0, end: $0.count, into: &result) }
            return result
        }
        guard let path = unit.file.path else { return result }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            result.readError = FileError(path: unit.file.displayPath, reason: SystemError.describeInput(errno))
            return result
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        // A file that grows while it is read is read up to the size it had when opened.
        let size = Int(st.st_size)
        if unit.range == nil, unit.file.format != .jsonLines, size > maxDocumentBytes {
            result.bytes = size
            result.documents = 1
            result.rejections.append(
                Rejection(
                    source: DocumentSource(path: unit.file.displayPath, fileIndex: unit.fileIndex),
                    reason: "document of \(size) bytes exceeds --max-document-bytes (\(maxDocumentBytes)); not read"))
            return result
        }
        let from = unit.range.map { max($0.lowerBound - 1, 0) } ?? 0
        let to = unit.range.map { min($0.upperBound, size) } ?? size
        result.bytes = max(0, to - (unit.range?.lowerBound ?? 0))
        guard
            load(
                fd, from: from, to: to, fileSize: size, extendToNewline: unit.range != nil,
                path: unit.file.displayPath, into: &result)
        else { return result }
        buffer.withUnsafeBytes { raw in
            var start = 0
            if let r = unit.range, r.lowerBound > 0 {
                // Skip the tail of the line that began in the previous chunk.
                guard let nl = memchr(raw.baseAddress!, 0x0A, raw.count) else { start = raw.count; return }
                start = raw.baseAddress!.distance(to: UnsafeRawPointer(nl)) + 1
            }
            let lineStartLimit = unit.range.map { $0.upperBound - from } ?? raw.count
            process(unit, raw, start: start, end: raw.count, lineStartLimit: lineStartLimit, into: &result)
        }
        return result
    }

    /// Reads `[from, to)` into the buffer. A chunk is extended up to the newline that ends
    /// the last line starting before `to`.
    private mutating func load(
        _ fd: Int32, from: Int, to: Int, fileSize: Int, extendToNewline: Bool,
        path: String, into result: inout UnitResult
    ) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        // Room for the range and the usual end-of-line extension, reserved up front: letting
        // the first extension grow the buffer would double it. An eighth more, so that the next
        // unit, a little larger, fits too: a new buffer is new pages, faulted in and zeroed
        // again.
        let wanted = to - from + (extendToNewline ? UnitReader.extensionStep : 0)
        if buffer.capacity < wanted { buffer.reserveCapacity(wanted + wanted / 8) }
        guard append(fd, at: from, count: to - from, path: path, into: &result) else { return false }
        guard extendToNewline else { return true }
        var searchFrom = max(to - 1 - from, 0)
        while true {
            if searchFrom < buffer.count, buffer[searchFrom...].contains(0x0A) { return true }
            let have = from + buffer.count
            guard have < fileSize else { return true }
            // A line longer than any document may be is rejected anyway: stop reading it here,
            // so that one giant line cannot take memory proportional to its size.
            guard buffer.count <= to - from + maxDocumentBytes else { return true }
            searchFrom = buffer.count
            guard append(fd, at: have, count: min(UnitReader.extensionStep, fileSize - have), path: path, into: &result)
            else { return false }
            // The file shrank while it was read: nothing more to come.
            if buffer.count == searchFrom { return true }
        }
    }

    /// How much more is read at a time to find the end of a chunk's last line.
    static let extensionStep = 1 << 16

    private mutating func append(_ fd: Int32, at offset: Int, count: Int, path: String, into result: inout UnitResult)
        -> Bool
    {
        guard count > 0 else { return true }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + old + done, count - done, off_t(offset + done))
            }
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                result.readError = FileError(path: path, reason: SystemError.describeInput(errno))
                return false
            }
            if n == 0 { break }
            done += n
        }
        buffer.removeLast(count - done)
        return true
    }
}
