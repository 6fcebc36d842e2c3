import Files
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

/// Expands the command line's inputs into files, in sorted path order.
///
/// Directories are searched recursively for `.json`, `.jsonl` and `.ndjson` files; hidden
/// entries are skipped and symbolic-link loops are cut. A named file is read whatever its
/// extension; a named FIFO or `-` is read once, up front. Anything that cannot be read
/// becomes an `FileError` and the rest goes on.
struct InputCollector: Sendable {
    /// Label shown instead of a root's real path (the built-in sample lives in a temporary directory).
    var displayRoots: [String: String] = [:]
    /// Threads that may search a named directory's subdirectories side by side.
    var workers = 1

    func collect(_ inputs: [String]) -> (files: InputFileList, errors: [FileError]) {
        var found = Found()
        var seen = Set<String>()
        for input in inputs {
            // The same path named twice is read once (a shell glob plus its directory, say).
            guard seen.insert(input).inserted else { continue }
            if input == "-" {
                switch InputCollector.readAll(fd: 0) {
                case .success(let bytes):
                    let place = found.files.addPlace(path: nil, shown: DocumentSource.standardInput)
                    found.add(
                        place: place, format: .detect, size: bytes.count, preloaded: ByteBuffer(bytes), identity: nil)
                case .failure(let e):
                    found.errors.append(FileError(path: DocumentSource.standardInput, reason: e.reason))
                }
                continue
            }
            let shown = displayRoots[input] ?? input
            var visited = Set<FileIdentity>()
            visit(path: input, shown: shown, named: true, visited: &visited, found: &found)
        }
        var files = found.files
        var identities = found.identities
        // Directories are listed in byte order, so a walk usually finds its files in order
        // already: sorting 100,000 of them anyway moved each one many times.
        if !files.isInDisplayOrder {
            let order = files.displayOrder()
            files.reorder(order)
            identities = order.map { identities[$0] }
        }
        // A file reached twice (its directory and its own name, say) is read once: the first
        // path in input order names it.
        var seenFiles = Set<FileIdentity>(minimumCapacity: files.count)
        files.keep(identities.map { identity in identity.map { seenFiles.insert($0).inserted } ?? true })
        var errors = found.errors
        errors.sort { DocumentSource.pathPrecedes($0.path, $1.path) }
        return (files, errors)
    }

    /// What the search found so far. The identities are only needed to read a file reached
    /// twice once, so they are kept beside the list, not in it.
    private struct Found: Sendable {
        var files = InputFileList()
        var identities: [FileIdentity?] = []
        var errors: [FileError] = []
        /// Something was met that is not a plain directory or regular file (a link, an entry
        /// without a type, one that changed while read): a search split between threads is
        /// then done again in one piece (`visitSubdirectories`).
        var irregular = false

        /// Appends what a later part of the search found.
        mutating func append(_ other: Found) {
            files.append(other.files)
            identities += other.identities
            errors += other.errors
            irregular = irregular || other.irregular
        }

        mutating func add(
            place: Int32, format: InputFile.Format, size: Int, preloaded: ByteBuffer?, identity: FileIdentity?
        ) {
            files.append(place: place, format: format, size: size, preloaded: preloaded)
            identities.append(identity)
        }

        mutating func add(name: String, in place: Int32, format: InputFile.Format, size: Int, identity: FileIdentity) {
            files.append(name: name, in: place, format: format, size: size)
            identities.append(identity)
        }
    }

    struct FileIdentity: Hashable, Sendable { var device: UInt64; var inode: UInt64 }

    private func visit(path: String, shown: String, named: Bool, visited: inout Set<FileIdentity>, found: inout Found) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            var lst = stat()
            let broken = code == ENOENT && lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK
            found.errors.append(
                FileError(path: shown, reason: broken ? "broken symbolic link" : SystemError.describeInput(code)))
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            let id = FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            guard visited.insert(id).inserted else { return }
            guard let dir = opendir(path) else {
                found.errors.append(FileError(path: shown, reason: SystemError.describeInput(errno)))
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
                let child = InputFileList.join(path, name)
                // Usually the same text: share one string rather than keep two.
                return (child, shown == path ? child : InputFileList.join(shown, name))
            }
            // The directory's files are its place and their names.
            var place: Int32?
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
                let entry = DirectoryEntry(name: name, inode: inode, directory: dirfd(dir), device: UInt64(st.st_dev))
                if !addRegularFile(entry, in: path, shown: shown, place: &place, found: &found) {
                    rest.append((name, type))
                }
            }
            closedir(dir)
            let subdirectories = rest.sorted(by: { $0.name < $1.name })
            if named, workers > 1, subdirectories.count > 1,
                subdirectories.allSatisfy({ Int32($0.type) == Int32(DT_DIR) }),
                visitInParallel(subdirectories.map { childPaths($0.name) }, visited: &visited, found: &found)
            {
                return
            }
            for (name, type) in subdirectories {
                let (child, childShown) = childPaths(name)
                // The entry's type from readdir spares a stat per file (a fleet can be 100,000
                // files); links and file systems that do not report types still get one.
                let isDir: Bool
                switch Int32(type) {
                case Int32(DT_DIR): isDir = true
                case Int32(DT_REG): isDir = false
                default:
                    found.irregular = true
                    var cst = stat()
                    isDir = stat(child, &cst) == 0 && (cst.st_mode & S_IFMT) == S_IFDIR
                }
                guard isDir || InputCollector.isCandidate(name) else { continue }
                visit(path: child, shown: childShown, named: false, visited: &visited, found: &found)
            }
        case S_IFREG:
            // A named file, or one reached through a link or found changed: not a plain walk.
            found.irregular = found.irregular || !named
            guard access(path, R_OK) == 0 else {
                found.errors.append(FileError(path: shown, reason: SystemError.describeInput(errno)))
                return
            }
            let place = found.files.addPlace(path: path, shown: shown)
            found.add(
                place: place, format: InputFile.format(forPath: path), size: Int(st.st_size), preloaded: nil,
                identity: FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
        default:
            found.irregular = true
            // FIFOs and devices can be read only once and may block: only when named explicitly
            // (`<(zcat runs.jsonl.gz)`), never when found inside a directory.
            guard named else {
                found.errors.append(FileError(path: shown, reason: "not a regular file, skipped"))
                return
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                found.errors.append(FileError(path: shown, reason: SystemError.describeInput(errno)))
                return
            }
            defer { close(fd) }
            switch InputCollector.readAll(fd: fd) {
            case .success(let bytes):
                let format = InputFile.format(forPath: path)
                let place = found.files.addPlace(path: nil, shown: shown)
                found.add(
                    place: place, format: format == .json ? .detect : format, size: bytes.count,
                    preloaded: ByteBuffer(bytes), identity: nil)
            case .failure(let e):
                found.errors.append(FileError(path: shown, reason: e.reason))
            }
        }
    }

    /// Searches a named directory's subdirectories on `workers` threads, each a run of them in
    /// order, and appends what they found in order: the same list as one thread finds, as long
    /// as no directory can be reached twice. So the result is used only when every part was a
    /// plain walk (no link followed, nothing irregular) and no directory was seen by two parts;
    /// otherwise nothing is kept and this returns false, for the caller to search in one piece.
    /// Listing a file-per-run fleet is a step nothing else overlaps.
    private func visitInParallel(
        _ children: [(path: String, shown: String)], visited: inout Set<FileIdentity>,
        found: inout Found
    ) -> Bool {
        let parts = min(workers, children.count)
        let results = Mutex<[(found: Found, visited: Set<FileIdentity>)?]>(Array(repeating: nil, count: parts))
        let next = Atomic<Int>(0)
        let start = visited
        WorkerThreads.run(count: parts) { [self] in
            while true {
                let part = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard part < parts else { return }
                var partFound = Found()
                var partVisited = start
                for k in stride(from: children.count * part / parts, to: children.count * (part + 1) / parts, by: 1) {
                    visit(
                        path: children[k].path, shown: children[k].shown, named: false, visited: &partVisited,
                        found: &partFound)
                }
                results.withLock { $0[part] = (partFound, partVisited) }
            }
        }
        let done = results.withLock { $0.compactMap { $0 } }
        guard done.count == parts, done.allSatisfy({ !$0.found.irregular }) else { return false }
        var seen = start
        for part in done {
            // A directory of one part seen by another (a bind mount, say): search in one piece.
            guard part.visited.subtracting(start).isDisjoint(with: seen.subtracting(start)) else { return false }
            seen.formUnion(part.visited)
        }
        for part in done { found.append(part.found) }
        visited = seen
        return true
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
    /// file). These lookups were most of the system calls in collecting a fleet of one file per
    /// run, a step no other work overlaps. Only whether it may be read is asked, so that an
    /// unreadable file is reported here, as before. (`d_ino` is `st_ino` on the file systems in
    /// use; on overlayfs only with layers on one file system or `xino`, and where it differs, a
    /// file named both by itself and through its directory would be read twice.)
    private func addRegularFile(
        _ entry: DirectoryEntry, in directory: String, shown: String, place: inout Int32?,
        found: inout Found
    ) -> Bool {
        let format = InputFile.format(forPath: entry.name)
        var identity = FileIdentity(device: entry.device, inode: entry.inode)
        var size = 0
        if format == .jsonLines {
            var st = stat()
            guard fstatat(entry.directory, entry.name, &st, 0) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                return false
            }
            identity = FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            size = Int(st.st_size)
        }
        guard faccessat(entry.directory, entry.name, R_OK, 0) == 0 else {
            let code = errno
            // Gone since the directory was read (or a link now): `visit` says what it is.
            guard code == EACCES || code == EPERM else { return false }
            found.errors.append(
                FileError(path: InputFileList.join(shown, entry.name), reason: SystemError.describeInput(code)))
            return true
        }
        if place == nil { place = found.files.addPlace(path: directory, shown: shown) }
        found.add(name: entry.name, in: place!, format: format, size: size, identity: identity)
        return true
    }

    static func readAll(fd: Int32) -> Result<[UInt8], FileError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(path: "", reason: SystemError.describeInput(errno)))
            }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
