import StageModel
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A run that was read: its header in memory, its hosts on disk.
public struct SpooledRun: Sendable {
    public var header: RunHeader
    public var location: RunLocation
}

/// Temporary files holding the runs read so far in `RunCodec` form, so that memory does not
/// grow with the size of the input. Each worker appends to its own file; the files are unlinked
/// as soon as they are opened, so nothing is left behind even after a SIGKILL.
public final class RunStore: Sendable {
    private let files: Mutex<[Int32]>

    public init() { files = Mutex([]) }

    deinit {
        files.withLock { for fd in $0 { close(fd) } }
    }

    /// Opens a new spool file and returns its number.
    func addFile() throws(InputError) -> (index: Int, fd: Int32) {
        let dir = RunStore.temporaryDirectory
        var template = Array("\(dir)/stage-report-spool-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw InputError(path: dir, reason: "cannot create a spool file: \(InputCollector.describe(errno: errno))") }
        unlink(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        let index = files.withLock { f -> Int in
            f.append(fd)
            return f.count - 1
        }
        return (index, fd)
    }

    /// Decodes the run at `location`.
    public func load(_ location: RunLocation) throws(RunCodecError) -> StageRun {
        let fd = files.withLock { $0[location.file] }
        var buffer = [UInt8](repeating: 0, count: location.length)
        var done = 0
        while done < location.length {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, location.length - done, off_t(location.offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw RunCodecError(reason: "cannot read the run spool: \(InputCollector.describe(errno: errno))") }
            done += n
        }
        let decoded = buffer.withUnsafeBytes { raw in Result { () throws(RunCodecError) -> StageRun in try RunCodec.decode(raw) } }
        return try decoded.get()
    }

    static var temporaryDirectory: String {
        let env = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        return env.isEmpty ? "/tmp" : (env.hasSuffix("/") ? String(env.dropLast()) : env)
    }
}

/// One worker's appender into its spool file, buffered.
public struct SpoolWriter {
    let store: RunStore
    private var file: (index: Int, fd: Int32)?
    private var buffer: [UInt8] = []
    private var written = 0
    public private(set) var error: InputError?

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
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(file.fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                error = InputError(path: RunStore.temporaryDirectory, reason: "cannot write the run spool: \(InputCollector.describe(errno: errno))")
                return
            }
            done += n
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
