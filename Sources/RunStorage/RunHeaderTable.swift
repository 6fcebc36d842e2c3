import Files
import StageModel
import Synchronization

/// Where a run's encoded bytes are in a run store (a spool file number, offset and length).
public struct RunLocation: Sendable, Equatable {
    public var file: Int
    public var offset: Int
    public var length: Int

    public init(file: Int, offset: Int, length: Int) {
        self.file = file
        self.offset = offset
        self.length = length
    }
}

/// The headers and spool locations of every run read, in an 88-byte row a run, kept in a
/// temporary file but for the last few thousand rows (see `RowPages`).
///
/// A fleet has a run per cluster and night, so a month of a large estate is about 100,000
/// runs. As `[RunHeader]`, each run cost several hundred bytes (three or four strings of its
/// own, a path among them, and an enum-heavy source); here the strings are interned, once per
/// distinct value (paths as directory and file name), and a row holds only their numbers, the
/// times and the location. Headers are rebuilt on access; rebuilt strings share the interned
/// storage, except paths, which are joined again. Rows are best read in order (`forEach`,
/// `forEachEntry`, `orderKeys`); reading one by position reads the file.
public struct RunHeaderTable: Sendable {
    struct Row: Sendable {
        var vcenter: Int32
        var cluster: Int32
        var commit: Int32
        /// The path as its directory (-1 for none) and file name: a fleet of one file per run
        /// has 100,000 paths but only a few hundred directories and names.
        var directory: Int32
        var name: Int32
        var start: Int64
        var lastUpdate: Int64
        var end: Int64
        var positionValue: Int64
        var documentIndex: Int64
        var spoolOffset: Int64
        var spoolLength: Int32
        var spoolFile: Int32
        var fileIndex: Int32
        /// Bits: start, last update and end present; finished; then the position kind.
        var flags: UInt8
    }

    private static let hasStart: UInt8 = 1, hasLastUpdate: UInt8 = 2, hasEnd: UInt8 = 4, finished: UInt8 = 8
    private static let positionShift: UInt8 = 4

    private(set) var rows = RowPages()
    /// Interned strings; a row refers to them by position.
    private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]
    /// Consecutive runs usually come from one file (a JSON Lines file has thousands).
    private var lastPath: (text: String, directory: Int32, name: Int32)?

    public init() {}

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    public mutating func append(_ header: RunHeader, at location: RunLocation) {
        let id = header.identity, source = header.source
        var flags: UInt8 = header.isFinished ? Self.finished : 0
        if id.start != nil { flags |= Self.hasStart }
        if header.lastUpdate != nil { flags |= Self.hasLastUpdate }
        if header.end != nil { flags |= Self.hasEnd }
        let position = source.position.code
        flags |= position.kind << Self.positionShift
        let path = internPath(source.path)
        rows.append(
            Row(
                vcenter: intern(id.vcenter), cluster: intern(id.clusterID), commit: id.commit.map { intern($0) } ?? -1,
                directory: path.directory, name: path.name, start: id.start?.milliseconds ?? 0,
                lastUpdate: header.lastUpdate?.milliseconds ?? 0, end: header.end?.milliseconds ?? 0,
                positionValue: Int64(position.value), documentIndex: Int64(source.documentIndex),
                spoolOffset: Int64(location.offset), spoolLength: Int32(clamping: location.length),
                spoolFile: Int32(clamping: location.file), fileIndex: Int32(clamping: source.fileIndex),
                flags: flags))
    }

    /// The first failure to write the table's temporary file; rows after it are lost.
    public var storageError: FileError? { rows.error }

    /// The header of row `i`, rebuilt; reads the table's file unless the row is among the last.
    public func header(_ i: Int) throws(RunTableError) -> RunHeader {
        let row: Row
        do { row = try rows.row(i) } catch { throw RunTableError(error) }
        return header(row)
    }

    /// `header(i)` for callers that hold the table in memory (tests, small tables); a table
    /// that cannot be read back is a broken invariant here.
    public subscript(i: Int) -> RunHeader {
        do { return try header(i) } catch { preconditionFailure(error.reason) }
    }

    /// The spool location of row `i` (see `subscript` for failures).
    public func location(_ i: Int) -> RunLocation {
        do { return Self.location(try rows.row(i)) } catch { preconditionFailure(RunTableError(error).reason) }
    }

    /// Calls `body` with every row's header and location, in order; the file is read a page
    /// at a time. Throws `RunTableError`, or what `body` throws.
    public func forEach(_ body: (RunHeader, RunLocation) throws -> Void) throws {
        try rows.forEach { _, row in try body(header(row), Self.location(row)) }
    }

    /// Calls `body` with every row's entry, in order, without rebuilding strings.
    public func forEachEntry(_ body: (Entry) throws(RunTableError) -> Void) throws(RunTableError) {
        try Self.typed {
            try rows.forEach { _, row in
                try body(
                    Entry(
                        location: Self.location(row), source: source(row, path: ""), vcenter: row.vcenter,
                        cluster: row.cluster))
            }
        }
    }

    /// Runs `work`, whose only errors are `RunTableError`s.
    private static func typed(_ work: () throws -> Void) throws(RunTableError) {
        do { try work() } catch let e as RunTableError { throw e } catch { throw RunTableError(reason: "\(error)") }
    }

    /// A row as the pipeline needs it after duplicates are resolved: where its run is, its
    /// source without the path (the spool has the path), and the numbers of its interned
    /// vCenter and cluster id (`string(_:)`, `StringRanks`).
    public struct Entry: Sendable {
        public var location: RunLocation
        public var source: DocumentSource
        public var vcenter: Int32
        public var cluster: Int32
    }

    /// The interned string numbered `id` (an `Entry`'s `vcenter` or `cluster`).
    public func string(_ id: Int32) -> String { strings[Int(id)] }

    private static func location(_ row: Row) -> RunLocation {
        RunLocation(file: Int(row.spoolFile), offset: Int(row.spoolOffset), length: Int(row.spoolLength))
    }

    private func header(_ row: Row) -> RunHeader {
        RunHeader(
            identity: identity(row), lastUpdate: time(row.lastUpdate, row.flags & Self.hasLastUpdate),
            end: time(row.end, row.flags & Self.hasEnd), isFinished: row.flags & Self.finished != 0,
            source: source(row))
    }

    private func identity(_ row: Row) -> RunIdentity {
        RunIdentity(
            vcenter: strings[Int(row.vcenter)], clusterID: strings[Int(row.cluster)],
            commit: row.commit < 0 ? nil : strings[Int(row.commit)], start: time(row.start, row.flags & Self.hasStart))
    }

    private func source(_ row: Row, path knownPath: String? = nil) -> DocumentSource {
        let position = DocumentSource.Position(kind: row.flags >> Self.positionShift, value: Int(row.positionValue))
        return DocumentSource(
            path: knownPath ?? path(row), position: position, fileIndex: Int(row.fileIndex),
            documentIndex: Int(row.documentIndex))
    }

    private func time(_ milliseconds: Int64, _ present: UInt8) -> Timestamp? {
        present != 0 ? Timestamp(milliseconds: milliseconds) : nil
    }

    private mutating func intern(_ s: String) -> Int32 {
        if let id = ids[s] { return id }
        let id = Int32(strings.count)
        strings.append(s)
        ids[s] = id
        return id
    }

    private mutating func internPath(_ path: String) -> (directory: Int32, name: Int32) {
        if let last = lastPath, last.text == path { return (last.directory, last.name) }
        let parts: (directory: Int32, name: Int32)
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            parts = (intern(String(path[..<slash])), intern(String(path[path.utf8.index(after: slash)...])))
        } else {
            parts = (-1, intern(path))
        }
        lastPath = (path, parts.directory, parts.name)
        return parts
    }

    private func path(_ row: Row) -> String {
        row.directory < 0 ? strings[Int(row.name)] : strings[Int(row.directory)] + "/" + strings[Int(row.name)]
    }
}

// MARK: - Row storage

extension RunHeaderTable {
    /// Rows in pages of 4,096, of which only the last is in memory: full pages go to a
    /// temporary file. In memory, the rows were the largest thing that grew with the input.
    /// They are read back in order a page at a time
    /// (`forEach`), or one at a time (`row(_:)`) for the rare lookups by position.
    ///
    /// Copies share the file: only one copy may be appended to (the ingest's merge owns the
    /// table while it grows). Appending to two copies traps rather than mixing their pages.
    struct RowPages: Sendable {
        private static let shift = 12
        static let pageSize = 1 << shift
        private static let rowBytes = MemoryLayout<Row>.stride
        private var tail: [Row] = []
        private var file: PageFile?
        private(set) var count = 0
        /// The first failure to write a page; the rows after it cannot be read back.
        private(set) var error: FileError?

        var isEmpty: Bool { count == 0 }

        /// Rows before this are in the file, the rest in `tail`.
        private var flushed: Int { count - tail.count }

        mutating func append(_ row: Row) {
            if tail.isEmpty { tail.reserveCapacity(Self.pageSize) }
            tail.append(row)
            count += 1
            if tail.count == Self.pageSize { flush() }
        }

        private mutating func flush() {
            do throws(FileError) {
                if file == nil { file = PageFile(try TemporaryFile(prefix: "stage-report-runs")) }
                let page = flushed / Self.pageSize
                precondition(
                    file!.pages.compareExchange(expected: page, desired: page + 1, ordering: .relaxed).exchanged,
                    "two copies of a run table were appended to")
                try file!.file.write(contentsOf: tail, at: flushed * Self.rowBytes)
            } catch {
                if self.error == nil { self.error = error }
            }
            tail.removeAll(keepingCapacity: true)
        }

        func row(_ i: Int) throws(FileError) -> Row {
            precondition(i >= 0 && i < count, "row index out of range")
            if i >= flushed { return tail[i - flushed] }
            if let error { throw error }
            var one = [Self.blank]
            try file!.file.read(into: &one, at: i * Self.rowBytes)
            return one[0]
        }

        /// Calls `body` with every row in order, reading the file a page at a time. Throws
        /// `RunTableError` when the file cannot be read, and what `body` throws.
        func forEach(_ body: (Int, Row) throws -> Void) throws {
            if flushed > 0 {
                if let error { throw RunTableError(error) }
                var page = [Row](repeating: Self.blank, count: Self.pageSize)
                var at = 0
                while at < flushed {
                    do throws(FileError) {
                        try file!.file.read(into: &page, at: at * Self.rowBytes)
                    } catch {
                        throw RunTableError(error)
                    }
                    for (k, row) in page.enumerated() { try body(at + k, row) }
                    at += Self.pageSize
                }
            }
            for (k, row) in tail.enumerated() { try body(flushed + k, row) }
        }

        private static let blank = Row(
            vcenter: 0, cluster: 0, commit: 0, directory: 0, name: 0, start: 0, lastUpdate: 0, end: 0,
            positionValue: 0, documentIndex: 0, spoolOffset: 0, spoolLength: 0, spoolFile: 0,
            fileIndex: 0, flags: 0)
    }
}

/// The file of a table's full pages, and how many pages are in it.
final class PageFile: Sendable {
    let file: TemporaryFile
    let pages = Atomic<Int>(0)

    init(_ file: TemporaryFile) { self.file = file }
}

/// A run table's rows could not be read back from its temporary file, or the body of a scan
/// failed (see `RunHeaderTable.forEach`).
public struct RunTableError: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    init(_ error: FileError) { reason = "cannot read back the run table: \(error.reason)" }

    public var description: String { reason }
}

// MARK: - Order keys for duplicate resolution

extension RunHeaderTable {
    /// Each interned string's rank in byte order, so that rows compare as `RunIdentity`s do
    /// without rebuilding strings.
    public struct StringRanks: Sendable {
        let rank: [Int32]

        public init(_ table: RunHeaderTable) {
            let strings = table.strings
            var rank = [Int32](repeating: 0, count: strings.count)
            for (r, i) in strings.indices.sorted(by: { ByteOrder.less(strings[$0], strings[$1]) }).enumerated() {
                rank[i] = Int32(r)
            }
            self.rank = rank
        }

        public subscript(id: Int32) -> Int32 { rank[Int(id)] }
    }

    /// Every row's key, in row order: 24 bytes a run, held only while duplicates are resolved.
    public func orderKeys(_ ranks: StringRanks) throws(RunTableError) -> [RunOrderKey] {
        var keys: [RunOrderKey] = []
        keys.reserveCapacity(count)
        try Self.typed {
            try rows.forEach { i, row in
                keys.append(
                    RunOrderKey(
                        start: row.flags & Self.hasStart != 0 ? row.start : RunOrderKey.noStart,
                        vcenter: ranks[row.vcenter], cluster: ranks[row.cluster],
                        commit: row.commit < 0 ? RunOrderKey.noCommit : ranks[row.commit],
                        row: Int32(truncatingIfNeeded: i)))
            }
        }
        return keys
    }
}

/// A run's identity as ranks (see `RunHeaderTable.orderKeys`), and its row. Keys compare in
/// `RunIdentity`'s canonical order: start (a missing start last), then vCenter, cluster id
/// and commit in byte order (a missing commit first).
public struct RunOrderKey: Sendable, Equatable {
    /// `start` of a run without one: after every real time.
    public static let noStart = Int64.max
    /// `commit` of a run without one (a task without `result`): before every rank.
    public static let noCommit: Int32 = -1

    /// Milliseconds; `noStart` for a run without a start.
    public var start: Int64
    public var vcenter: Int32
    public var cluster: Int32
    public var commit: Int32
    public var row: Int32

    /// Equal `RunIdentity`s.
    public func sameRun(as other: RunOrderKey) -> Bool {
        samePlace(as: other) && commit == other.commit
    }

    /// The same vCenter, cluster and start: a run without a commit is the same run as any of
    /// these that has one.
    public func samePlace(as other: RunOrderKey) -> Bool {
        start == other.start && vcenter == other.vcenter && cluster == other.cluster
    }

    public var hasCommit: Bool { commit != Self.noCommit }

    /// `RunIdentity`'s order.
    public func precedes(_ other: RunOrderKey) -> Bool {
        if start != other.start { return start < other.start }
        if vcenter != other.vcenter { return vcenter < other.vcenter }
        if cluster != other.cluster { return cluster < other.cluster }
        return commit < other.commit
    }

    /// The same for the runs of one cluster, and different for different clusters.
    public var clusterNumber: Int64 { Int64(vcenter) << 32 | Int64(cluster) }
}
