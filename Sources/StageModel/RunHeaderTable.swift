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
/// distinct value, and a row holds only their numbers, the times and the location. Headers are
/// rebuilt on access; rebuilt strings share the interned storage.
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

    private(set) var rows: [Row] = []
    /// Interned strings; a row refers to them by position.
    private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]

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
                        path: intern(source.path), start: id.start?.milliseconds ?? 0,
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

    private func source(_ row: Row) -> DocumentSource {
        let value = Int(row.positionValue)
        let position: DocumentSource.Position = switch row.flags >> Self.positionShift {
        case 1: .line(value)
        case 2: .index(value)
        default: .whole
        }
        return DocumentSource(path: strings[Int(row.path)], position: position, fileIndex: Int(row.fileIndex),
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
            var pathRank = [Int32](repeating: 0, count: strings.count)
            for (r, i) in strings.indices.sorted(by: { DocumentSource.pathPrecedes(strings[$0], strings[$1]) }).enumerated() {
                pathRank[i] = Int32(r)
            }
            self.rank = rank
            self.pathRank = pathRank
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
