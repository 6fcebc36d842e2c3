import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory under the system temporary directory, the one scratch space of every test:
/// hermetic, nothing is written into the clone. It is removed when the value is released (or by
/// `remove()`), even after a test took its permissions away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stage-report-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// Restores the permissions a test may have removed, then deletes the tree; idempotent.
    public func remove() {
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let rel as String in walker {
                let p = path + "/" + rel
                var st = stat()
                if lstat(p, &st) == 0, (st.st_mode & S_IFMT) != S_IFLNK { chmod(p, 0o755) }
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    public func at(_ rel: String) -> URL { url.appendingPathComponent(rel) }

    /// Writes `bytes` to `rel` (creating its directories) and returns the file's path.
    @discardableResult
    public func write(_ rel: String, _ bytes: Data) throws -> String {
        let file = at(rel)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: file)
        return file.path
    }

    @discardableResult
    public func write(_ rel: String, _ bytes: [UInt8]) throws -> String { try write(rel, Data(bytes)) }

    @discardableResult
    public func write(_ rel: String, _ text: String) throws -> String { try write(rel, Data(text.utf8)) }

    public func read(_ rel: String) throws -> Data { try Data(contentsOf: at(rel)) }

    public func mkdir(_ rel: String) throws {
        try FileManager.default.createDirectory(at: at(rel), withIntermediateDirectories: true)
    }

    public func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: at(rel).path) }

    /// Copies a directory tree (regular files only) to `rel`, in the given file order.
    public func copyTree(from source: URL, to rel: String, order: (([String]) -> [String])? = nil) throws {
        var files = Self.files(under: source)
        if let order { files = order(files) }
        for f in files { try write(rel + "/" + f, try Data(contentsOf: source.appendingPathComponent(f))) }
    }

    /// Every regular file under `root`, as sorted relative paths (hidden ones included).
    public static func files(under root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        for case let rel as String in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(rel).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                found.append(rel)
            }
        }
        return found.sorted()
    }

    /// Every entry (files, directories, links, FIFOs) below this directory, relative.
    public func allEntries() -> Set<String> {
        var found = Set<String>()
        guard let walker = FileManager.default.enumerator(atPath: path) else { return found }
        for case let rel as String in walker { found.insert(rel) }
        return found
    }
}

/// Runs `body` with a fresh temporary directory, removed afterwards even when `body` throws.
public func withTemporaryDirectory<T>(_ label: String = "test", _ body: (TemporaryDirectory) throws -> T) throws -> T {
    let directory = try TemporaryDirectory(label)
    defer { directory.remove() }
    return try body(directory)
}
