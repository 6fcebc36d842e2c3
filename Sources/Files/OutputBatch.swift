import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The outputs of one run, put in place together once all of them are complete.
///
/// Until then each output is a complete but anonymous file (an open `O_TMPFILE` descriptor):
/// a run killed or failing while rendering leaves the previous reports whole and nothing
/// behind. `commit()` then names and renames them one after the other, in a short burst;
/// only a kill inside that burst can leave some new and some previous files, each of them
/// whole.
///
/// Usage: `try AtomicFile.$batch.withValue(batch) { render everything }`, then `commit()`;
/// on any failure, `discard()`.
public final class OutputBatch: Sendable {
    private let pending = Mutex<[AtomicFile]>([])

    public init() {
        OutputBatch.raiseOpenFileLimit()
    }

    func add(_ file: AtomicFile) {
        pending.withLock { $0.append(file) }
    }

    /// Puts every completed output in place, in the order they were completed.
    public func commit() throws(FileError) {
        let files = pending.withLock { p in
            defer { p.removeAll() }; return p
        }
        var failure: FileError?
        for f in files {
            if failure != nil {
                f.abandon()
                continue
            }
            do { try f.place() } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Drops the completed outputs that were not put in place.
    public func discard() {
        let files = pending.withLock { p in
            defer { p.removeAll() }; return p
        }
        for f in files { f.abandon() }
    }

    /// Each pending output holds a descriptor (one per cluster with a split JUnit layout), so
    /// the soft limit is raised to the hard one.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Removes temporary files that a run killed between naming and renaming its outputs left in
    /// `directory` (`.<name>.tmp-<random>`); only names of that exact shape are touched.
    public static func removeLeftovers(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            let chars = Array(name)
            guard chars.count > 14, chars[0] == "." else { continue }
            let suffix = chars.suffix(8), marker = String(chars.dropLast(8).suffix(5))
            if marker == AtomicFile.temporaryMarker, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                stale.append(name)
            }
        }
        for name in stale { unlink(directory + "/" + name) }
    }
}
