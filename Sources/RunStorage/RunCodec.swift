import Files
import StageModel

/// A compact binary form of `StageRun`, for the run spool and for partial summaries.
///
/// Varint integers and length-prefixed UTF-8 strings; optional values carry a presence byte.
/// It is an internal format with a version in the partial file's header, not an interchange
/// format: it changes together with `StageRun`.
public enum RunCodec {
    /// Appends the encoding of `run` to `out`.
    public static func encode(_ run: StageRun, into out: inout [UInt8]) {
        var w = ByteWriter(out: out)
        out = []
        w.string(run.source.path)
        switch run.source.position {
        case .whole: w.uint(0)
        case .line(let n): w.uint(1); w.int(Int64(n))
        case .index(let i): w.uint(2); w.int(Int64(i))
        }
        w.int(Int64(run.source.fileIndex))
        w.int(Int64(run.source.documentIndex))
        w.string(run.vcenter)
        w.string(run.clusterID)
        w.optionalString(run.clusterName)
        w.optionalString(run.commit)
        w.optionalString(run.stageStatus)
        w.optionalString(run.taskStatus)
        w.optionalTime(run.start)
        w.optionalTime(run.end)
        w.optionalTime(run.lastUpdate)
        w.uint(UInt64(run.hosts.count))
        // Borrowed through a buffer pointer: `for h in run.hosts` would copy each host.
        run.hosts.withUnsafeBufferPointer { hosts in
            for i in hosts.indices {
                w.string(hosts[i].id)
                // Many hosts are named by their id; store that as a flag to save bytes.
                if hosts[i].name == hosts[i].id { w.uint(0) } else { w.uint(1); w.string(hosts[i].name) }
                w.uint(UInt64(hosts[i].outcome.ordinal))
                w.optionalString(hosts[i].status)
                w.optionalTime(hosts[i].start)
                w.optionalTime(hosts[i].end)
                if let r = hosts[i].reason {
                    w.uint(1)
                    w.reason(r)
                } else {
                    w.uint(0)
                }
                w.uint(UInt64(hosts[i].warnings.count))
                for warning in hosts[i].warnings { w.reason(warning) }
            }
        }
        w.uint(UInt64(run.notifications.count))
        for n in run.notifications {
            w.uint(UInt64(n.kind.rawValue))
            w.reason(n.reason)
        }
        w.uint(UInt64(run.notes.count))
        for n in run.notes {
            w.uint(UInt64(DataQualityKind.allCases.firstIndex(of: n.kind) ?? 0))
            w.string(n.detail)
        }
        out = w.out
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(RunCodecError) -> StageRun {
        var r = ByteReader(bytes: bytes)
        let path = try r.string()
        let position: DocumentSource.Position
        switch try r.uint() {
        case 0: position = .whole
        case 1: position = .line(Int(clamping: try r.int()))
        case 2: position = .index(Int(clamping: try r.int()))
        default: throw RunCodecError(reason: "bad source position")
        }
        let source = DocumentSource(
            path: path, position: position, fileIndex: Int(clamping: try r.int()),
            documentIndex: Int(clamping: try r.int()))
        var run = StageRun(
            source: source, vcenter: try r.string(), clusterID: try r.string(), clusterName: try r.optionalString(),
            commit: try r.optionalString(), stageStatus: try r.optionalString(), taskStatus: try r.optionalString(),
            start: try r.optionalTime(), end: try r.optionalTime(), lastUpdate: try r.optionalTime())
        // Counts come from a file: clamp, then bound by the bytes left (each entry takes some).
        let hostCount = Int(clamping: try r.uint())
        guard hostCount <= bytes.count else { throw RunCodecError(reason: "bad host count") }
        run.hosts.reserveCapacity(hostCount)
        for _ in 0..<hostCount {
            let id = try r.string()
            let name = try r.uint() == 0 ? id : try r.string()
            let o = Int(clamping: try r.uint())
            guard o < HostOutcome.allCases.count else { throw RunCodecError(reason: "bad outcome") }
            let status = try r.optionalString(), start = try r.optionalTime(), end = try r.optionalTime()
            let reason = try r.uint() == 1 ? try r.reason() : nil
            let warningCount = Int(clamping: try r.uint())
            guard warningCount <= bytes.count else { throw RunCodecError(reason: "bad warning count") }
            var warnings: [Reason] = []
            for _ in 0..<warningCount { warnings.append(try r.reason()) }
            // Built in the call, so that the array takes the value over instead of a copy.
            run.hosts.append(
                HostResult(
                    id: id, name: name, outcome: HostOutcome.allCases[o], status: status,
                    start: start, end: end, reason: reason, warnings: warnings))
        }
        let notificationCount = Int(clamping: try r.uint())
        guard notificationCount <= bytes.count else { throw RunCodecError(reason: "bad notification count") }
        for _ in 0..<notificationCount {
            guard let kind = RunNotification.Kind(rawValue: UInt8(clamping: try r.uint())) else {
                throw RunCodecError(reason: "bad notification kind")
            }
            run.notifications.append(RunNotification(kind: kind, reason: try r.reason()))
        }
        let noteCount = Int(clamping: try r.uint())
        guard noteCount <= bytes.count else { throw RunCodecError(reason: "bad note count") }
        for _ in 0..<noteCount {
            let k = Int(clamping: try r.uint())
            guard k < DataQualityKind.allCases.count else { throw RunCodecError(reason: "bad note kind") }
            run.notes.append(DataQualityNote(kind: DataQualityKind.allCases[k], detail: try r.string()))
        }
        return run
    }
}

public struct RunCodecError: Error, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// Appends varints and strings to a byte array.
public struct ByteWriter {
    public var out: [UInt8]

    public init(out: [UInt8] = []) { self.out = out }

    @inline(__always)
    public mutating func uint(_ v: UInt64) {
        if v < 0x80 {
            out.append(UInt8(truncatingIfNeeded: v))
        } else {
            multiByteUInt(v)
        }
    }

    /// A longer number (a timestamp takes six bytes) is gathered on the stack and appended at
    /// once, rather than with a checked append per byte.
    private mutating func multiByteUInt(_ v: UInt64) {
        var word: (UInt64, UInt64) = (0, 0)
        let n = withUnsafeMutableBytes(of: &word) { p -> Int in
            var v = v, n = 0
            while v >= 0x80 {
                p[n] = UInt8(truncatingIfNeeded: v) | 0x80
                v >>= 7
                n += 1
            }
            p[n] = UInt8(truncatingIfNeeded: v)
            return n + 1
        }
        withUnsafeBytes(of: &word) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }

    /// Zig-zag, so that small negative numbers stay short.
    public mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    public mutating func string(_ s: String) {
        uint(UInt64(s.utf8.count))
        // Straight from the string's own bytes where it has them (always, for a native string).
        if s.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: s.utf8)
        }
    }

    public mutating func optionalString(_ s: String?) {
        if let s { uint(1); string(s) } else { uint(0) }
    }

    public mutating func optionalTime(_ t: Timestamp?) {
        if let t { uint(1); int(t.milliseconds) } else { uint(0) }
    }

    public mutating func reason(_ r: Reason) {
        string(r.id)
        optionalString(r.message)
        optionalString(r.resolution)
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked, so a damaged file is an error.
public struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }

    public mutating func uint() throws(RunCodecError) -> UInt64 {
        // One byte is the usual case (lengths, flags, outcomes); it was a quarter of decoding
        // a run when it went through the general loop.
        if offset < bytes.count, bytes[offset] < 0x80 {
            defer { offset += 1 }
            return UInt64(bytes[offset])
        }
        return try multiByteUInt()
    }

    private mutating func multiByteUInt() throws(RunCodecError) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        var i = offset
        // `shift` stays below 64, so the masking shift `&<<` is the plain one without its
        // check for over-wide shifts.
        while i < bytes.count, shift < 64 {
            let b = bytes[i]
            i += 1
            v |= UInt64(b & 0x7F) &<< shift
            if b < 0x80 {
                offset = i
                return v
            }
            shift += 7
        }
        throw RunCodecError(reason: "truncated number")
    }

    public mutating func int() throws(RunCodecError) -> Int64 {
        let u = try uint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    public mutating func string() throws(RunCodecError) -> String {
        let n = Int(clamping: try uint())
        guard n <= bytes.count - offset else { throw RunCodecError(reason: "truncated string") }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
        offset += n
        return s
    }

    public mutating func optionalString() throws(RunCodecError) -> String? {
        try uint() == 1 ? try string() : nil
    }

    public mutating func optionalTime() throws(RunCodecError) -> Timestamp? {
        try uint() == 1 ? Timestamp(milliseconds: try int()) : nil
    }

    public mutating func reason() throws(RunCodecError) -> Reason {
        Reason(id: try string(), message: try optionalString(), resolution: try optionalString())
    }

    public mutating func bytes(_ n: Int) throws(RunCodecError) -> UnsafeRawBufferPointer {
        guard n >= 0, n <= bytes.count - offset else { throw RunCodecError(reason: "truncated data") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
    }
}
