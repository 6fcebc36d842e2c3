import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory under the system temporary directory, removed (even when made read-only by a
/// test) when the value is released. Every test works inside one: hermetic, nothing in the clone.
final class Scratch: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "t") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stage-report-hostile-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Restore permissions a test may have removed, then delete.
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let rel as String in e {
                let p = url.appendingPathComponent(rel).path
                var st = stat()
                if lstat(p, &st) == 0, (st.st_mode & S_IFMT) != S_IFLNK { chmod(p, 0o755) }
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    func at(_ rel: String) -> URL { url.appendingPathComponent(rel) }

    @discardableResult
    func write(_ rel: String, _ data: Data) throws -> URL {
        let f = at(rel)
        try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: f)
        return f
    }

    @discardableResult
    func write(_ rel: String, _ text: String) throws -> URL { try write(rel, Data(text.utf8)) }

    func mkdir(_ rel: String) throws {
        try FileManager.default.createDirectory(at: at(rel), withIntermediateDirectories: true)
    }

    func read(_ rel: String) throws -> Data { try Data(contentsOf: at(rel)) }

    func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: at(rel).path) }

    /// Copies a directory tree (regular files only) to `rel`, in the given file order.
    func copyTree(from source: URL, to rel: String, order: (([String]) -> [String])? = nil) throws {
        var files = Scratch.files(under: source)
        if let order { files = order(files) }
        for f in files {
            try write(rel + "/" + f, try Data(contentsOf: source.appendingPathComponent(f)))
        }
    }

    /// Every regular file under `root`, as sorted relative paths (hidden ones included).
    static func files(under root: URL) -> [String] {
        var out: [String] = []
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        for case let rel as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(rel)
            }
        }
        return out.sorted()
    }

    /// Every entry (files, directories, links, FIFOs) under this scratch directory, relative.
    func allEntries() -> Set<String> {
        var out = Set<String>()
        guard let e = FileManager.default.enumerator(atPath: path) else { return out }
        for case let rel as String in e { out.insert(rel) }
        return out
    }
}
