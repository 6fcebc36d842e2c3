import StageModel

/// The files to read, in input order, kept compact.
///
/// A fleet of one file per run has as many files as runs. A full `InputFile` each, with its
/// path as a String of its own, grew with them while the inputs were collected. Here a file
/// found in a directory is the directory's place and its
/// name, and names such as `2026-11-17.json` fit in a String's inline storage: no allocation
/// per file. `InputFile`s are made one at a time, when a file is read.
struct InputFileList: Sendable {
    /// Where files are: a directory searched, or one file (named on the command line, reached
    /// through a link, or read up front).
    struct Place: Sendable {
        /// The path opened; `nil` for standard input.
        var path: String?
        /// The path shown in diagnostics and the summary.
        var shown: String
    }

    struct Entry: Sendable {
        var place: Int32
        var format: InputFile.Format
        /// See `InputFile.size`.
        var size: Int
        /// The name in the place's directory; empty when the place is the file itself.
        var name: String
        var preloaded: ByteBuffer?
    }

    private(set) var places: [Place] = []
    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// Adds a place and returns its number.
    mutating func addPlace(path: String?, shown: String) -> Int32 {
        places.append(Place(path: path, shown: shown))
        return Int32(places.count - 1)
    }

    /// A file named by its place alone.
    mutating func append(place: Int32, format: InputFile.Format, size: Int, preloaded: ByteBuffer? = nil) {
        entries.append(Entry(place: place, format: format, size: size, name: "", preloaded: preloaded))
    }

    /// A file found in the directory `place`.
    mutating func append(name: String, in place: Int32, format: InputFile.Format, size: Int) {
        entries.append(Entry(place: place, format: format, size: size, name: name, preloaded: nil))
    }

    subscript(i: Int) -> InputFile {
        let entry = entries[i]
        let place = places[Int(entry.place)]
        guard !entry.name.isEmpty else {
            return InputFile(
                displayPath: place.shown, path: place.path, format: entry.format, size: entry.size,
                preloaded: entry.preloaded)
        }
        let path = place.path.map { InputFileList.join($0, entry.name) }
        // Usually the same text: one string serves as both.
        let shown = place.shown == place.path ? path! : InputFileList.join(place.shown, entry.name)
        return InputFile(
            displayPath: shown, path: path, format: entry.format, size: entry.size, preloaded: entry.preloaded)
    }

    func displayPath(_ i: Int) -> String {
        let entry = entries[i]
        let place = places[Int(entry.place)]
        return entry.name.isEmpty ? place.shown : InputFileList.join(place.shown, entry.name)
    }

    /// `DocumentSource.pathPrecedes` on the display paths of files `i` and `j`. Two names in
    /// one directory share everything before them: their bytes decide, and no path is made.
    func displayPathPrecedes(_ i: Int, _ j: Int) -> Bool {
        let a = entries[i], b = entries[j]
        if a.place == b.place, !a.name.isEmpty, !b.name.isEmpty { return ByteOrder.less(a.name, b.name) }
        return DocumentSource.pathPrecedes(displayPath(i), displayPath(j))
    }

    /// The files are in input order: no display path precedes the one before it.
    var isInDisplayOrder: Bool {
        entries.indices.dropFirst().allSatisfy { !displayPathPrecedes($0, $0 - 1) }
    }

    /// The indices of the files in input order (by display path; equal paths keep their order).
    func displayOrder() -> [Int] {
        let paths = entries.indices.map(displayPath)
        return paths.indices.sorted { a, b in
            DocumentSource.pathPrecedes(paths[a], paths[b])
                || (!DocumentSource.pathPrecedes(paths[b], paths[a]) && a < b)
        }
    }

    /// Puts the files in the order of `order`, a permutation of their indices.
    mutating func reorder(_ order: [Int]) {
        entries = order.map { entries[$0] }
    }

    /// Keeps the files for which `keep` is true, in order, moving them down in place.
    mutating func keep(_ keep: [Bool]) {
        var kept = 0
        for i in entries.indices where keep[i] {
            if kept != i { entries.swapAt(kept, i) }
            kept += 1
        }
        entries.removeLast(entries.count - kept)
    }

    /// Appends another list's files after these, with their places.
    mutating func append(_ other: InputFileList) {
        let base = Int32(places.count)
        places += other.places
        entries += other.entries.map {
            var e = $0; e.place += base; return e
        }
    }

    /// `directory/name`, with one slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
