import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scratch file of this process in `$TMPDIR` (else `/tmp`), read and written at offsets.
///
/// It is unlinked as soon as it is created, so nothing is left behind, even after a SIGKILL;
/// the descriptor is closed when the last reference goes. The run spool and the run tables
/// keep what grows with the number of runs here rather than in memory.
public final class TemporaryFile: Sendable {
    public let descriptor: Int32

    /// - Parameter prefix: the start of the file's name, for anyone who lists open files.
    public init(prefix: String) throws(FileError) {
        let dir = TemporaryFile.directory
        var template = Array("\(dir)/\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw FileError(
                path: dir, reason: "cannot create a temporary file (TMPDIR): " + SystemError.describe(errno))
        }
        unlink(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` at `offset`.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileError) {
        do { try FileDescriptor(rawValue: descriptor).writeAll(toAbsoluteOffset: Int64(offset), bytes) } catch {
            throw FileError(
                path: Self.directory, reason: "cannot write a temporary file: " + SystemError.describe(error))
        }
    }

    /// Fills all of `buffer` from `offset`; reading past the end is an error.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileError) {
        let file = FileDescriptor(rawValue: descriptor)
        var done = 0
        while done < buffer.count {
            let n: Int
            do {
                n = try file.read(
                    fromAbsoluteOffset: Int64(offset + done),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            } catch {
                throw FileError(
                    path: Self.directory, reason: "cannot read a temporary file: " + SystemError.describe(error))
            }
            guard n > 0 else {
                throw FileError(
                    path: Self.directory, reason: "cannot read a temporary file: it is shorter than written")
            }
            done += n
        }
    }

    /// Writes the bytes of `values` at `offset` (plain values only: no references).
    public func write<T: BitwiseCopyable>(contentsOf values: [T], at offset: Int) throws(FileError) {
        try values.withUnsafeBytes { bytes in Result { () throws(FileError) in try write(bytes, at: offset) } }.get()
    }

    /// Fills `values` with the bytes at `offset`.
    public func read<T: BitwiseCopyable>(into values: inout [T], at offset: Int) throws(FileError) {
        try values.withUnsafeMutableBytes { bytes in
            Result { () throws(FileError) in try read(into: bytes, at: offset) }
        }.get()
    }

    /// `$TMPDIR` without a trailing slash, or `/tmp`.
    public static var directory: String {
        let env = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        return env.isEmpty ? "/tmp" : (env.hasSuffix("/") ? String(env.dropLast()) : env)
    }

}
