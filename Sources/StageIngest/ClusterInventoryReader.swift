import Files
import StageModel

/// Reads a cluster inventory: the JSON list `GET /api/vcenter/cluster` returns (objects with
/// `cluster` and `name`), also accepted wrapped as `{"value": [...]}` (the `/rest` form).
public enum ClusterInventoryReader {
    /// - Parameter vcenter: the vCenter the inventory belongs to (`--clusters vc01=FILE`), for
    ///   entries without a `vcenter` annotation; `nil` names each id in every vCenter.
    public static func read(path: String, vcenter: String? = nil) throws(FileError) -> ClusterInventory {
        let (files, errors) = InputCollector().collect([path])
        if let e = errors.first { throw e }
        guard !files.isEmpty, let filePath = files[0].path else {
            throw FileError(path: path, reason: "not a regular file")
        }
        let fd = open(filePath, O_RDONLY)
        guard fd >= 0 else { throw FileError(path: path, reason: SystemError.describeInput(errno)) }
        defer { close(fd) }
        let bytes: [UInt8]
        switch InputCollector.readAll(fd: fd) {
        case .success(let b): bytes = b
        case .failure(let e): throw FileError(path: path, reason: e.reason)
        }
        return try parse(bytes, path: path, vcenter: vcenter)
    }

    public static func parse(_ bytes: [UInt8], path: String, vcenter: String? = nil) throws(FileError)
        -> ClusterInventory
    {
        var parser = JSONParser()
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let result = body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<ClusterInventory, FileError> in
            let tape: JSONTape
            do throws(JSONSyntaxError) { tape = try parser.parse(raw) } catch {
                let (line, column) = UnitReader.lineAndColumn(raw, error.offset)
                return .failure(
                    FileError(path: path, reason: "invalid JSON at line \(line), column \(column): \(error.message)"))
            }
            var list = JSONTape.root
            if tape.kind(list) == .object, let v = tape.member(list, "value") { list = v }
            guard tape.kind(list) == .array else {
                return .failure(
                    FileError(path: path, reason: "expected a JSON list of clusters, found \(tape.typeName(list))"))
            }
            var inventory = ClusterInventory()
            for e in tape.elements(list) {
                guard let id = tape.member(e, "cluster").flatMap(tape.string), !id.isEmpty,
                    let name = tape.member(e, "name").flatMap(tape.string), !name.isEmpty
                else { continue }
                let annotated = tape.member(e, "vcenter").flatMap(tape.string).flatMap { $0.isEmpty ? nil : $0 }
                inventory.add(id: id, name: name, vcenter: annotated ?? vcenter)
            }
            return .success(inventory)
        }
        return try result.get()
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
