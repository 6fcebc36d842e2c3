#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A file written under `<name>.tmp` and renamed into place when complete, so an interrupted
/// generation never leaves a partial file under its final name. Plain POSIX calls: this is the
/// hot path of gigabyte fleets.
struct SampleAtomicFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    init(path: String) throws(SampleFleetError) {
        self.path = path
        temporaryPath = path + ".tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWriteFile(path: temporaryPath, reason: Self.lastError())
        }
    }

    /// Writes a whole file in one go.
    static func write(_ bytes: [UInt8], to path: String) throws(SampleFleetError) {
        var file = try SampleAtomicFile(path: path)
        do {
            try file.append(bytes)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    mutating func append(_ bytes: [UInt8]) throws(SampleFleetError) {
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glue.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.lastError()
                    return
                }
                offset += written
            }
        }
        if let failure { throw .cannotWriteFile(path: temporaryPath, reason: failure) }
    }

    /// Closes the file and moves it to its final name.
    mutating func commit() throws(SampleFleetError) {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let reason = Self.lastError()
            unlink(temporaryPath)
            throw .cannotWriteFile(path: temporaryPath, reason: reason)
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = Self.lastError()
            unlink(temporaryPath)
            throw .cannotRenameFile(from: temporaryPath, to: path, reason: reason)
        }
    }

    /// Gives up: closes and removes the temporary file.
    mutating func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)` under a name that does not clash with the methods above.
private enum Glue {
    static func write(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(descriptor, pointer, count)
        #elseif canImport(Glibc)
        Glibc.write(descriptor, pointer, count)
        #else
        Musl.write(descriptor, pointer, count)
        #endif
    }
}
