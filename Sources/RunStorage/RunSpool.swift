import Files
import StageModel
import Synchronization

/// A run that was read: its header in memory, its hosts on disk.
public struct SpooledRun: Sendable {
    public var header: RunHeader
    public var location: RunLocation
}

/// Temporary files holding the runs read so far in `RunCodec` form, so that memory does not
/// grow with the size of the input. Each worker appends to its own file (`TemporaryFile`:
/// unlinked at once, so nothing is left behind even after a SIGKILL).
public final class RunStore: Sendable {
    private let files: Mutex<[TemporaryFile]>

    public init() { files = Mutex([]) }

    /// Opens a new spool file and returns its number.
    func addFile() throws(FileError) -> (index: Int, file: TemporaryFile) {
        let file = try TemporaryFile(prefix: "stage-report-spool")
        let index = files.withLock { f -> Int in
            f.append(file)
            return f.count - 1
        }
        return (index, file)
    }

    /// Decodes the run at `location`.
    public func load(_ location: RunLocation) throws(RunCodecError) -> StageRun {
        let file = files.withLock { $0[location.file] }
        var buffer = [UInt8](repeating: 0, count: location.length)
        let read = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(FileError) in try file.read(into: raw, at: location.offset) }
        }
        if case .failure(let e) = read { throw RunCodecError(reason: "cannot read the run spool: \(e.reason)") }
        let decoded = buffer.withUnsafeBytes { raw in
            Result { () throws(RunCodecError) -> StageRun in try RunCodec.decode(raw) }
        }
        return try decoded.get()
    }
}

/// One worker's appender into its spool file, buffered.
public struct SpoolWriter {
    let store: RunStore
    private var file: (index: Int, file: TemporaryFile)?
    private var buffer: [UInt8] = []
    private var written = 0
    public private(set) var error: FileError?

    public init(store: RunStore) { self.store = store }

    public mutating func append(_ run: StageRun) -> SpooledRun? {
        if file == nil {
            do { file = try store.addFile() } catch {
                self.error = error
                return nil
            }
        }
        guard let file else { return nil }
        let start = written + buffer.count
        RunCodec.encode(run, into: &buffer)
        let location = RunLocation(file: file.index, offset: start, length: written + buffer.count - start)
        if buffer.count >= 1 << 20 { flush() }
        return SpooledRun(header: run.header, location: location)
    }

    public mutating func flush() {
        guard let file, !buffer.isEmpty else { return }
        do throws(FileError) {
            try buffer.withUnsafeBytes { raw in Result { () throws(FileError) in try file.file.write(raw, at: written) }
            }.get()
        } catch {
            self.error = error
            return
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
