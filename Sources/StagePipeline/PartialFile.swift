import Files
import RunStorage
import StageIngest
import StageModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The mergeable state of one `report` run (`--partial FILE`), for estates read on several
/// machines: the input counters, every rejection and input error, and every run read (in
/// `RunCodec` form, duplicates included).
///
/// Keeping all runs rather than pre-aggregated counts is what makes merging exact for *any*
/// split of the inputs: duplicate resolution (a left fold in input order, whose tie-break is
/// not transitive) and streaks need the runs themselves. A run costs a fraction of its JSON.
public enum PartialFile {
    static let magic = Array("STAGE-REPORT-PARTIAL\n".utf8)
    /// 2: runs carry their stage status and notifications, hosts their warnings, and a run may
    /// have no commit (report-semantics revision 2).
    static let version: UInt64 = 2

    /// - Parameter inventory: names found at report time travel with the runs (as their
    ///   `clusterName`, where a run has none), so that a merge shows them too.
    public static func write(
        _ read: IngestResult, inventory: ClusterInventory = ClusterInventory(), to path: String
    ) throws(PipelineError) {
        do {
            let file = try AtomicFile(path: path)
            var w = ByteWriter(out: magic)
            w.uint(version)
            for n in [read.files, read.documents, read.withoutResult, read.otherOperations, read.bytes] {
                w.uint(UInt64(n))
            }
            w.uint(UInt64(read.rejections.count))
            for r in read.rejections {
                w.string(r.source.path)
                let position = r.source.position.code
                w.uint(UInt64(position.kind))
                w.int(Int64(position.value))
                w.int(Int64(r.source.documentIndex))
                w.string(r.reason)
            }
            w.uint(UInt64(read.inputErrors.count))
            for e in read.inputErrors { w.string(e.path); w.string(e.reason) }
            w.uint(UInt64(read.runs.count))
            try file.write(w.out)
            var encoded: [UInt8] = []
            try read.runs.forEach { header, location in
                var run = try read.store.load(location)
                run.source = header.source
                if run.clusterName == nil {
                    run.clusterName = inventory.name(vcenter: run.vcenter, id: run.clusterID)
                }
                encoded.removeAll(keepingCapacity: true)
                RunCodec.encode(run, into: &encoded)
                var lengthPrefix = ByteWriter()
                lengthPrefix.uint(UInt64(encoded.count))
                try file.write(lengthPrefix.out)
                try file.write(encoded)
            }
            try file.commit()
        } catch let e as FileError {
            throw PipelineError(reason: e.writeFailure)
        } catch let e as RunCodecError {
            throw PipelineError(reason: "cannot read back the run spool: \(e.reason)")
        } catch let e as RunTableError {
            throw PipelineError(reason: e.reason)
        } catch {
            throw PipelineError(reason: "\(error)")
        }
    }

    /// Reads partial files and combines them as if their inputs had been read in one run.
    public static func read(_ paths: [String]) throws(PipelineError) -> IngestResult {
        var out = IngestResult()
        var spool = SpoolWriter(store: out.store)
        for path in paths {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw PipelineError(reason: "cannot read partial \(path): \(SystemError.describe(errno))")
            }
            defer { close(fd) }
            var st = stat()
            fstat(fd, &st)
            let size = Int(st.st_size)
            guard size > 0, let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
                throw PipelineError(reason: "cannot read partial \(path): empty or unreadable")
            }
            defer { munmap(map, size) }
            do {
                try append(UnsafeRawBufferPointer(start: map, count: size), into: &out, spool: &spool)
            } catch {
                throw PipelineError(reason: "\(path) is not a valid partial file: \(error.reason)")
            }
        }
        spool.flush()
        if let e = spool.error { throw PipelineError(reason: e.description) }
        if let e = out.runs.storageError { throw PipelineError(reason: e.description) }
        out.rejections.sort { $0.source < $1.source }
        out.inputErrors.sort { ByteOrder.less($0.path, $1.path) }
        return out
    }

    private static func append(
        _ bytes: UnsafeRawBufferPointer, into out: inout IngestResult,
        spool: inout SpoolWriter
    ) throws(RunCodecError) {
        var r = ByteReader(bytes: bytes)
        guard bytes.count >= magic.count, Array(try r.bytes(magic.count)) == magic else {
            throw RunCodecError(reason: "missing partial-file header")
        }
        guard try r.uint() == version else { throw RunCodecError(reason: "unsupported partial-file version") }
        out.files += Int(try r.uint())
        out.documents += Int(try r.uint())
        out.withoutResult += Int(try r.uint())
        out.otherOperations += Int(try r.uint())
        out.bytes += Int(try r.uint())
        for _ in 0..<(try r.uint()) {
            let path = try r.string()
            let kind = try r.uint(), value = Int(try r.int())
            let position = DocumentSource.Position(kind: UInt8(clamping: kind), value: value)
            let index = Int(try r.int())
            out.rejections.append(
                Rejection(
                    source: DocumentSource(path: path, position: position, documentIndex: index),
                    reason: try r.string()))
        }
        for _ in 0..<(try r.uint()) { out.inputErrors.append(FileError(path: try r.string(), reason: try r.string())) }
        for _ in 0..<(try r.uint()) {
            let length = Int(clamping: try r.uint())
            let run = try RunCodec.decode(try r.bytes(length))
            if let spooled = spool.append(run) { out.runs.append(spooled.header, at: spooled.location) }
        }
        guard r.isAtEnd else { throw RunCodecError(reason: "trailing bytes after the last run") }
    }
}
