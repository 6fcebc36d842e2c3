#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ReportCore

/// The directories the renderer writes into, created when missing.
enum JUnitOutputDirectory {
    /// `directory/name`, without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates `path` and its missing parents (like `mkdir -p`); the user chose this path, so
    /// symbolic links along it are followed.
    static func create(_ path: String) throws(OutputError) {
        guard !path.isEmpty, !isDirectory(path, followLinks: true) else { return }
        let parent = path.hasSuffix("/") ? String(path.dropLast()) : path
        if let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
            try create(String(parent[..<slash]))
        }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw OutputError(path: path, reason: "cannot create directory: " + describe(errno))
        }
        guard isDirectory(path, followLinks: true) else {
            throw OutputError(path: path, reason: "exists and is not a directory")
        }
    }

    /// Creates `path`, a directory the renderer owns (`DIR/junit`), refusing a symbolic link:
    /// a link planted there could send the files outside the output directory.
    static func createOwned(_ path: String) throws(OutputError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw OutputError(path: path, reason: "cannot create directory: " + describe(errno))
        }
        guard isDirectory(path, followLinks: false) else {
            throw OutputError(path: path, reason: "exists and is not a directory (symbolic links are refused)")
        }
    }

    private static func isDirectory(_ path: String, followLinks: Bool) -> Bool {
        var info = stat()
        let rc = followLinks ? stat(path, &info) : lstat(path, &info)
        return rc == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(validatingCString: text) ?? "error \(code)"
    }
}
