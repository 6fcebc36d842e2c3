import StageModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the command line's inputs into files, in sorted path order.
///
/// Directories are searched recursively for `.json`, `.jsonl` and `.ndjson` files; hidden
/// entries are skipped and symbolic-link loops are cut. A named file is read whatever its
/// extension; a named FIFO or `-` is read once, up front. Anything that cannot be read
/// becomes an `InputError` and the rest goes on.
struct InputCollector {
    /// Label shown instead of a root's real path (the built-in sample lives in a temporary directory).
    var displayRoots: [String: String] = [:]

    func collect(_ inputs: [String]) -> (files: [InputFile], errors: [InputError]) {
        var files: [InputFile] = []
        var errors: [InputError] = []
        var seen = Set<String>()
        for input in inputs {
            // The same path named twice is read once (a shell glob plus its directory, say).
            guard seen.insert(input).inserted else { continue }
            if input == "-" {
                switch InputCollector.readAll(fd: 0) {
                case .success(let bytes):
                    files.append(InputFile(displayPath: DocumentSource.standardInput, path: nil, format: .detect, size: bytes.count,
                                           preloaded: ByteBuffer(bytes)))
                case .failure(let e):
                    errors.append(InputError(path: DocumentSource.standardInput, reason: e.reason))
                }
                continue
            }
            let shown = displayRoots[input] ?? input
            var visited = Set<FileIdentity>()
            visit(path: input, shown: shown, named: true, visited: &visited, files: &files, errors: &errors)
        }
        // Directories are listed in byte order, so a walk usually finds its files in order
        // already: sorting 100,000 of them anyway moved each one (two Strings) many times.
        let inOrder = files.indices.dropFirst().allSatisfy {
            !DocumentSource.pathPrecedes(files[$0].displayPath, files[$0 - 1].displayPath)
        }
        if !inOrder { files.sort { DocumentSource.pathPrecedes($0.displayPath, $1.displayPath) } }
        // A file reached twice (its directory and its own name, say) is read once: the first
        // path in input order names it. Kept files are moved down in place, not copied.
        var seenFiles = Set<FileIdentity>(minimumCapacity: files.count)
        var kept = 0
        for i in files.indices {
            if let identity = files[i].identity, !seenFiles.insert(identity).inserted { continue }
            if kept != i { files.swapAt(kept, i) }
            kept += 1
        }
        files.removeLast(files.count - kept)
        errors.sort { DocumentSource.pathPrecedes($0.path, $1.path) }
        return (files, errors)
    }

    struct FileIdentity: Hashable, Sendable { var device: UInt64; var inode: UInt64 }

    private func visit(path: String, shown: String, named: Bool, visited: inout Set<FileIdentity>,
                       files: inout [InputFile], errors: inout [InputError]) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            var lst = stat()
            let broken = code == ENOENT && lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK
            errors.append(InputError(path: shown, reason: broken ? "broken symbolic link" : InputCollector.describe(errno: code)))
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            let id = FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            guard visited.insert(id).inserted else { return }
            guard let dir = opendir(path) else {
                errors.append(InputError(path: shown, reason: InputCollector.describe(errno: errno)))
                return
            }
            var entries: [(name: String, type: UInt8, inode: UInt64)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") { continue }
                entries.append((name, entry.pointee.d_type, UInt64(entry.pointee.d_ino)))
            }
            // In byte order, the order of the file list, which then rarely needs sorting.
            entries.sort { ByteOrder.less($0.name, $1.name) }
            func childPaths(_ name: String) -> (path: String, shown: String) {
                let child = path.hasSuffix("/") ? path + name : path + "/" + name
                // Usually the same text: share one string rather than keep two per file.
                return (child, shown == path ? child : shown.hasSuffix("/") ? shown + name : shown + "/" + name)
            }
            // Regular files are taken while the directory is open, relative to it; the rest
            // after it is closed, so that a deep tree does not hold a descriptor per level.
            // (Files and errors are sorted at the end: the order they are found in is free.)
            var rest: [(name: String, type: UInt8)] = []
            for (name, type, inode) in entries {
                guard Int32(type) == Int32(DT_REG) else {
                    rest.append((name, type))
                    continue
                }
                guard InputCollector.isCandidate(name) else { continue }
                let child = childPaths(name)
                let entry = DirectoryEntry(name: name, inode: inode, directory: dirfd(dir), device: UInt64(st.st_dev))
                if !addRegularFile(entry, path: child.path, shown: child.shown, files: &files, errors: &errors) {
                    rest.append((name, type))
                }
            }
            closedir(dir)
            for (name, type) in rest.sorted(by: { $0.name < $1.name }) {
                let (child, childShown) = childPaths(name)
                // The entry's type from readdir spares a stat per file (a fleet can be 100,000
                // files); links and file systems that do not report types still get one.
                let isDir: Bool
                switch Int32(type) {
                case Int32(DT_DIR): isDir = true
                case Int32(DT_REG): isDir = false
                default:
                    var cst = stat()
                    isDir = stat(child, &cst) == 0 && (cst.st_mode & S_IFMT) == S_IFDIR
                }
                guard isDir || InputCollector.isCandidate(name) else { continue }
                visit(path: child, shown: childShown, named: false, visited: &visited, files: &files, errors: &errors)
            }
        case S_IFREG:
            guard access(path, R_OK) == 0 else {
                errors.append(InputError(path: shown, reason: InputCollector.describe(errno: errno)))
                return
            }
            files.append(InputFile(displayPath: shown, path: path, format: InputFile.format(forPath: path),
                                   size: Int(st.st_size), preloaded: nil,
                                   identity: FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))))
        default:
            // FIFOs and devices can be read only once and may block: only when named explicitly
            // (`<(zcat runs.jsonl.gz)`), never when found inside a directory.
            guard named else {
                errors.append(InputError(path: shown, reason: "not a regular file, skipped"))
                return
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                errors.append(InputError(path: shown, reason: InputCollector.describe(errno: errno)))
                return
            }
            defer { close(fd) }
            switch InputCollector.readAll(fd: fd) {
            case .success(let bytes):
                let format = InputFile.format(forPath: path)
                files.append(InputFile(displayPath: shown, path: nil, format: format == .json ? .detect : format,
                                       size: bytes.count, preloaded: ByteBuffer(bytes)))
            case .failure(let e):
                errors.append(InputError(path: shown, reason: e.reason))
            }
        }
    }

    /// A file a directory search reads: `.json`, `.jsonl` or `.ndjson`, in any case.
    static func isCandidate(_ name: String) -> Bool {
        InputFile.hasSuffix(name, ignoringASCIICase: ".json") || InputFile.format(forPath: name) == .jsonLines
    }

    /// A regular file as `readdir` listed it, in the directory open as `directory`.
    private struct DirectoryEntry {
        var name: String
        var inode: UInt64
        var directory: Int32
        /// The directory's device, which is the file's: a file is on its directory's file system.
        var device: UInt64
    }

    /// A regular file found in a directory, looked up relative to the open directory: a lookup
    /// of the whole path for each of 100,000 files was most of the collector's time. Returns
    /// false, having done nothing, when the entry is no longer there or no longer a regular
    /// file (it changed since the directory was read): `visit` then takes it.
    ///
    /// A `.json` file is not even looked up: `readdir` gave its type and inode, and its size is
    /// only needed to cut JSON Lines files into chunks (the reader takes the size from the open
    /// file). That `fstatat` was 40 % of collecting a fleet of one file per run, a step no other
    /// work overlaps. Only whether it may be read is asked, so that an unreadable file is
    /// reported here, as before. (`d_ino` is `st_ino` on the file systems in use; on overlayfs
    /// only with layers on one file system or `xino`, and where it differs, a file named both by
    /// itself and through its directory would be read twice.)
    private func addRegularFile(_ entry: DirectoryEntry, path: String, shown: String,
                                files: inout [InputFile], errors: inout [InputError]) -> Bool {
        let format = InputFile.format(forPath: path)
        var identity = FileIdentity(device: entry.device, inode: entry.inode)
        var size = 0
        if format == .jsonLines {
            var st = stat()
            guard fstatat(entry.directory, entry.name, &st, 0) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
            identity = FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            size = Int(st.st_size)
        }
        guard faccessat(entry.directory, entry.name, R_OK, 0) == 0 else {
            let code = errno
            // Gone since the directory was read (or a link now): `visit` says what it is.
            guard code == EACCES || code == EPERM else { return false }
            errors.append(InputError(path: shown, reason: InputCollector.describe(errno: code)))
            return true
        }
        files.append(InputFile(displayPath: shown, path: path, format: format, size: size, preloaded: nil, identity: identity))
        return true
    }

    static func readAll(fd: Int32) -> Result<[UInt8], InputError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(InputError(path: "", reason: describe(errno: errno)))
            }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "not a directory"
        case EISDIR: return "is a directory"
        case ELOOP: return "too many levels of symbolic links"
        default: return String(cString: strerror(code))
        }
    }
}
