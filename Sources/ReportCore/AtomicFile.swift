#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written atomically: bytes go to a temporary file in the same directory, which
/// is flushed and renamed over the target only when complete. A crash or SIGKILL at any moment
/// leaves the previous file intact; the temporary file is removed on every failure path.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    public init(path: String) throws(OutputError) {
        self.path = path
        let dir = AtomicFile.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError(path: path, reason: AtomicFile.describe(errno)) }
        self.fd = fd
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, 0o644)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    public func write(_ s: String) throws(OutputError) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(_ bytes: some Collection<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(OutputError) {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw OutputError(path: path, reason: AtomicFile.describe(errno)) }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames into place.
    public func commit() throws(OutputError) {
        try flush()
        guard fsync(fd) == 0 else { throw OutputError(path: path, reason: AtomicFile.describe(errno)) }
        close(fd)
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = AtomicFile.describe(errno)
            unlink(temporaryPath)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Writes a whole file atomically.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(OutputError) {
        let f = try AtomicFile(path: path)
        try f.write(bytes)
        try f.commit()
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// An output that could not be written.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
