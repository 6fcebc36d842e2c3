import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written atomically.
///
/// The bytes go to an anonymous file (`O_TMPFILE`) in the target's directory, which has no name
/// while it is written, so a crash or SIGKILL leaves nothing behind. When complete it is flushed,
/// synced, given a temporary name and renamed over the target. Inside an `OutputBatch` the
/// renames are held back until every output of the run is complete, so that a run killed
/// half-way never leaves a new summary beside old reports. Where `O_TMPFILE` is not supported
/// the file is created under a temporary name from the start.
///
/// Not thread-safe: one writer at a time (`@unchecked Sendable` so that a batch can hold it).
public final class AtomicFile: @unchecked Sendable {
    public let path: String
    private var fd: Int32
    private var anonymous: Bool
    private var temporaryPath: String?
    private var buffer: [UInt8] = []
    private var finished = false
    private let durable: Bool

    /// Outputs of the run in progress, when the caller wants them committed together.
    @TaskLocal public static var batch: OutputBatch?

    /// - Parameter durable: sync the file to disk before it is put in place. Only scratch
    ///   output that is cheap to make again (the sample fleets) goes without: thousands of
    ///   small files, one sync each, would dominate making them.
    public init(path: String, durable: Bool = true) throws(FileError) {
        self.path = path
        self.durable = durable
        let dir = AtomicFile.directory(of: path)
        #if os(Linux)
            // O_TMPFILE is (__O_TMPFILE | O_DIRECTORY); Glibc's macro does not import into Swift.
            let oTmpFile: Int32 = 0o20_000_000 | O_DIRECTORY
            let anonymousFD = open(dir, oTmpFile | O_WRONLY | O_CLOEXEC, 0o644)
        #else
            let anonymousFD: Int32 = -1
        #endif
        if anonymousFD >= 0 {
            fd = anonymousFD
            anonymous = true
        } else {
            let (named, name) = AtomicFile.createNamed(next: path)
            guard named >= 0 else { throw FileError(path: path, reason: SystemError.describe(errno)) }
            fd = named
            anonymous = false
            temporaryPath = name
        }
        fchmod(fd, 0o644)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !finished {
            close(fd)
            if let temporaryPath { unlink(temporaryPath) }
        }
    }

    /// Small pieces are gathered into writes of this size. Larger pieces (a JUnit chunk, a
    /// whole page) go to the file from where they are: copied into the buffer, they cost a copy
    /// of every byte and left the buffer as large as the largest piece.
    static let bufferSize = 1 << 16

    public func write(_ s: String) throws(FileError) { try write(s.utf8) }

    public func write(_ bytes: some Collection<UInt8>) throws(FileError) {
        if bytes.count >= Self.bufferSize, try writeDirectly(bytes) { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Writes what is buffered, then `bytes` from their own storage; false, with nothing
    /// written, when they are not contiguous.
    private func writeDirectly(_ bytes: some Collection<UInt8>) throws(FileError) -> Bool {
        let written = bytes.withContiguousStorageIfAvailable { raw in
            Result { () throws(FileError) in
                try flush()
                try writeAll(UnsafeRawBufferPointer(raw))
            }
        }
        guard let written else { return false }
        try written.get()
        return true
    }

    private func flush() throws(FileError) {
        try buffer.withUnsafeBytes { raw in Result { () throws(FileError) in try writeAll(raw) } }.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        do { try FileDescriptor(rawValue: fd).writeAll(bytes) } catch {
            throw FileError(path: path, reason: SystemError.describe(error))
        }
    }

    /// Flushes, syncs and puts the file in place; inside a batch, it stays complete but unnamed
    /// until the batch commits.
    public func commit() throws(FileError) {
        try flush()
        guard !durable || fsync(fd) == 0 else { throw FileError(path: path, reason: SystemError.describe(errno)) }
        if let batch = AtomicFile.batch {
            batch.add(self)
        } else {
            try place()
        }
    }

    /// Names the complete file and renames it over the target.
    func place() throws(FileError) {
        if anonymous {
            // Give the anonymous file a name only now that it is complete.
            var linked = false
            for _ in 0..<16 where !linked {
                let name = AtomicFile.temporaryName(for: path)
                if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 {
                    temporaryPath = name
                    linked = true
                } else if errno != EEXIST {
                    throw FileError(path: path, reason: SystemError.describe(errno))
                }
            }
            guard linked else { throw FileError(path: path, reason: "cannot name the temporary file") }
        }
        close(fd)
        finished = true
        guard let temporaryPath else { return }
        try AtomicFile.rename(temporaryPath, path)
    }

    /// Drops a complete file that will not be placed (the batch failed).
    func abandon() {
        guard !finished else { return }
        finished = true
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes a whole file atomically.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, durable: Bool = true) throws(FileError) {
        let f = try AtomicFile(path: path, durable: durable)
        try f.write(bytes)
        try f.commit()
    }

    static func rename(_ from: String, _ to: String) throws(FileError) {
        guard systemRename(from, to) == 0 else {
            let reason = SystemError.describe(errno)
            unlink(from)
            throw FileError(path: to, reason: reason)
        }
    }

    /// `.<name>.tmp-<random>` beside the target: hidden, and recognisable for clean-up.
    static func temporaryName(for path: String) -> String {
        let dir = directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let suffix = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        return "\(dir)/.\(base)\(temporaryMarker)\(suffix)"
    }

    /// What every temporary name contains; `OutputBatch.removeLeftovers` looks for it.
    public static let temporaryMarker = ".tmp-"

    private static func createNamed(next path: String) -> (Int32, String) {
        for _ in 0..<16 {
            let name = temporaryName(for: path)
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { return (fd, name) }
        }
        return (-1, "")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

}

/// `rename(2)`, named apart from `AtomicFile.rename`.
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
