#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

/// The headers and spool locations of every run read, in an 80-byte row a run.
///
/// A fleet has a run per cluster and night, so a month of a large estate is about 100,000
/// runs. As `[RunHeader]`, each run cost several hundred bytes (three or four strings of its
/// own, a path among them, and an enum-heavy source); here the strings are interned, once per
/// distinct value (paths by directory and file name), and a row holds only their numbers, the
/// times and the location. Headers are rebuilt on access; rebuilt strings share the interned
/// storage, except paths, which are joined again.
public struct RunHeaderTable: Sendable {
    struct Row: Sendable {
        var vcenter: Int32
        var cluster: Int32
        var commit: Int32
        var path: Int32
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
    /// Interned paths, each as its directory and file name (see `PathParts`).
    private(set) var paths: [PathParts] = []
    private var pathIDs: [PathParts: Int32] = [:]
    /// Consecutive runs usually come from one file (a JSON Lines file has thousands).
    private var lastPath: (text: String, id: Int32)?

    public init() {}

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    public mutating func append(_ header: RunHeader, at location: RunLocation) {
        let id = header.identity, source = header.source
        var flags: UInt8 = header.isFinished ? Self.finished : 0
        if id.start != nil { flags |= Self.hasStart }
        if header.lastUpdate != nil { flags |= Self.hasLastUpdate }
        if header.end != nil { flags |= Self.hasEnd }
        let position: (kind: UInt8, value: Int) = switch source.position {
        case .whole: (0, 0)
        case .line(let n): (1, n)
        case .index(let i): (2, i)
        }
        flags |= position.kind << Self.positionShift
        rows.append(Row(vcenter: intern(id.vcenter), cluster: intern(id.clusterID), commit: intern(id.commit),
                        path: internPath(source.path), start: id.start?.milliseconds ?? 0,
                        lastUpdate: header.lastUpdate?.milliseconds ?? 0, end: header.end?.milliseconds ?? 0,
                        positionValue: Int64(position.value), documentIndex: Int64(source.documentIndex),
                        spoolOffset: Int64(location.offset), spoolLength: Int32(clamping: location.length),
                        spoolFile: Int32(clamping: location.file), fileIndex: Int32(clamping: source.fileIndex),
                        flags: flags))
    }

    public subscript(i: Int) -> RunHeader {
        let row = rows[i]
        return RunHeader(identity: identity(row), lastUpdate: time(row.lastUpdate, row.flags & Self.hasLastUpdate),
                         end: time(row.end, row.flags & Self.hasEnd), isFinished: row.flags & Self.finished != 0,
                         source: source(row))
    }

    public func identity(_ i: Int) -> RunIdentity { identity(rows[i]) }

    public func source(_ i: Int) -> DocumentSource { source(rows[i]) }

    /// `source(i)` with `path` as its path, for a caller that has the path's text already (a
    /// run read back from the spool carries it): joining it again allocated a string per run.
    public func source(_ i: Int, path: String) -> DocumentSource { source(rows[i], path: path) }

    /// A number that is the same for the runs of one cluster (vCenter and cluster id), and
    /// different for runs of different clusters.
    public func clusterNumber(_ i: Int) -> Int64 {
        Int64(rows[i].vcenter) << 32 | Int64(rows[i].cluster)
    }

    public func location(_ i: Int) -> RunLocation {
        let row = rows[i]
        return RunLocation(file: Int(row.spoolFile), offset: Int(row.spoolOffset), length: Int(row.spoolLength))
    }

    private func identity(_ row: Row) -> RunIdentity {
        RunIdentity(vcenter: strings[Int(row.vcenter)], clusterID: strings[Int(row.cluster)],
                    commit: strings[Int(row.commit)], start: time(row.start, row.flags & Self.hasStart))
    }

    private func source(_ row: Row, path knownPath: String? = nil) -> DocumentSource {
        let value = Int(row.positionValue)
        let position: DocumentSource.Position = switch row.flags >> Self.positionShift {
        case 1: .line(value)
        case 2: .index(value)
        default: .whole
        }
        return DocumentSource(path: knownPath ?? path(row.path), position: position, fileIndex: Int(row.fileIndex),
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

    private mutating func internPath(_ path: String) -> Int32 {
        if let last = lastPath, last.text == path { return last.id }
        let parts: PathParts
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            parts = PathParts(directory: intern(String(path[..<slash])), name: intern(String(path[path.utf8.index(after: slash)...])))
        } else {
            parts = PathParts(directory: -1, name: intern(path))
        }
        let id: Int32
        if let known = pathIDs[parts] {
            id = known
        } else {
            id = Int32(paths.count)
            paths.append(parts)
            pathIDs[parts] = id
        }
        lastPath = (path, id)
        return id
    }

    func path(_ id: Int32) -> String {
        let parts = paths[Int(id)]
        return parts.directory < 0 ? strings[Int(parts.name)] : strings[Int(parts.directory)] + "/" + strings[Int(parts.name)]
    }
}

/// A path as the numbers of its directory and file name among the interned strings. A fleet of
/// one file per run has 100,000 paths but only a few hundred directories and names (a night's
/// date is a short string, stored inline), so this keeps no string per file.
struct PathParts: Hashable, Sendable {
    /// -1 for a path without a slash.
    var directory: Int32
    var name: Int32
}

// MARK: - Row storage

extension RunHeaderTable {
    /// Rows in pages of 4,096 (320 KB). One array of rows grows by doubling: at 100,000 runs
    /// it held 131,072 rows' worth, and each growth briefly kept the old copy too, so it took
    /// up to twice what the rows need. Pages waste at most one page and never copy.
    struct RowPages: Sendable {
        private static let shift = 12
        private static let pageSize = 1 << shift
        private var pages: [[Row]] = []
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        mutating func append(_ row: Row) {
            if count & (Self.pageSize - 1) == 0 {
                pages.append([])
                pages[pages.count - 1].reserveCapacity(Self.pageSize)
            }
            pages[pages.count - 1].append(row)
            count += 1
        }

        subscript(i: Int) -> Row {
            precondition(i >= 0 && i < count, "row index out of range")
            return pages[i >> Self.shift][i & (Self.pageSize - 1)]
        }
    }
}

// MARK: - Order keys for duplicate resolution

extension RunHeaderTable {
    /// Compact keys that order and compare rows as `RunHeader`s do, without rebuilding strings:
    /// each interned string gets its rank in byte order (paths in input order).
    public struct OrderKeys: Sendable {
        let table: RunHeaderTable
        let rank: [Int32]
        let pathRank: [Int32]

        public init(_ table: RunHeaderTable) {
            self.table = table
            let strings = table.strings
            var rank = [Int32](repeating: 0, count: strings.count)
            for (r, i) in strings.indices.sorted(by: { ByteOrder.less(strings[$0], strings[$1]) }).enumerated() {
                rank[i] = Int32(r)
            }
            pathRank = Self.pathRanks(table)
            self.rank = rank
        }

        /// Each path's rank in `DocumentSource.pathPrecedes` order (standard input first, then
        /// by bytes). The paths are written out once into one buffer and compared there, rather
        /// than as 100,000 separate strings.
        private static func pathRanks(_ table: RunHeaderTable) -> [Int32] {
            var bytes: [UInt8] = []
            var spans: [Range<Int>] = []
            spans.reserveCapacity(table.paths.count)
            // Paths are interned, so at most one is standard input's: found once, not tested
            // again in every comparison of the sort.
            var stdinID: Int?
            for id in table.paths.indices {
                let path = table.path(Int32(id))
                if path == DocumentSource.standardInput { stdinID = id }
                let start = bytes.count
                bytes.append(contentsOf: path.utf8)
                spans.append(start..<bytes.count)
            }
            let order = bytes.withUnsafeBufferPointer { all -> [Int] in
                spans.indices.sorted { i, j in
                    let a = spans[i], b = spans[j]
                    if i == stdinID || j == stdinID { return i == stdinID && j != stdinID }
                    let n = min(a.count, b.count)
                    if n > 0, let base = all.baseAddress {
                        let c = memcmp(base + a.lowerBound, base + b.lowerBound, n)
                        if c != 0 { return c < 0 }
                    }
                    return a.count < b.count
                }
            }
            var rank = [Int32](repeating: 0, count: spans.count)
            for (r, i) in order.enumerated() { rank[i] = Int32(r) }
            return rank
        }

        /// Equal for rows with equal `RunIdentity`s.
        public struct Identity: Hashable, Sendable {
            let vcenter: Int32, cluster: Int32, commit: Int32
            let start: Int64
            let hasStart: Bool
        }

        public func identity(_ i: Int) -> Identity {
            let row = table.rows[i]
            let has = row.flags & RunHeaderTable.hasStart != 0
            return Identity(vcenter: row.vcenter, cluster: row.cluster, commit: row.commit, start: has ? row.start : 0, hasStart: has)
        }

        /// `RunIdentity`'s canonical order.
        public func identityPrecedes(_ i: Int, _ j: Int) -> Bool {
            let a = table.rows[i], b = table.rows[j]
            let sa = a.flags & RunHeaderTable.hasStart != 0 ? a.start : .min
            let sb = b.flags & RunHeaderTable.hasStart != 0 ? b.start : .min
            if sa != sb { return sa < sb }
            if a.vcenter != b.vcenter { return rank[Int(a.vcenter)] < rank[Int(b.vcenter)] }
            if a.cluster != b.cluster { return rank[Int(a.cluster)] < rank[Int(b.cluster)] }
            return rank[Int(a.commit)] < rank[Int(b.commit)]
        }

        /// `DocumentSource`'s input order.
        public func sourcePrecedes(_ i: Int, _ j: Int) -> Bool {
            let a = table.rows[i], b = table.rows[j]
            if a.path != b.path { return pathRank[Int(a.path)] < pathRank[Int(b.path)] }
            return a.documentIndex < b.documentIndex
        }
    }
}
