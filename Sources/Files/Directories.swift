#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating the directories outputs go into: the one place that does it.
public enum Directories {
    /// Creates `path` and its missing parents (like `mkdir -p`). The user chose this path, so
    /// symbolic links along it are followed.
    public static func create(_ path: String) throws(DirectoryError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix == "/" ? "" : "/") + component
            if isDirectory(prefix, followLinks: true) { continue }
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                let code = errno
                // A file in the way reads better than the EEXIST or ENOTDIR it causes.
                if exists(prefix) { throw DirectoryError(path: prefix, problem: .notADirectory) }
                throw DirectoryError(path: prefix, problem: .system(code))
            }
            guard isDirectory(prefix, followLinks: true) else {
                throw DirectoryError(path: prefix, problem: .notADirectory)
            }
        }
    }

    /// Creates `path`, a directory the program owns inside one the user chose, refusing a
    /// symbolic link: a link planted there could send the files elsewhere.
    public static func createRefusingLink(_ path: String) throws(DirectoryError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw DirectoryError(path: path, problem: .system(errno)) }
        guard isDirectory(path, followLinks: false) else { throw DirectoryError(path: path, problem: .notADirectory) }
    }

    private static func isDirectory(_ path: String, followLinks: Bool) -> Bool {
        var info = stat()
        let rc = followLinks ? stat(path, &info) : lstat(path, &info)
        return rc == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

/// A directory could not be created; `path` is the component that failed.
public struct DirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Something other than a directory is in the way.
        case notADirectory
        /// `mkdir` failed with this `errno`.
        case system(Int32)
    }

    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// `is not a directory`, or the system's message.
    public var reason: String {
        switch problem {
        case .notADirectory: "is not a directory"
        case .system(let code): SystemError.describe(code)
        }
    }

    public var description: String { "\(path): \(reason)" }
}
