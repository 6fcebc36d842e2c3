import Foundation
import StageSample

/// Every regular file below `root`, as sorted relative paths with their bytes.
func filesBelow(_ root: URL) throws -> [(path: String, data: Data)] {
    let base = root.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    var files: [(String, Data)] = []
    while let relative = enumerator.nextObject() as? String {
        let full = base + "/" + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
            !isDirectory.boolValue
        else { continue }
        files.append((relative, try Data(contentsOf: URL(fileURLWithPath: full))))
    }
    return files.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
}

/// One document read back from disk.
struct ReadDocument {
    let source: String
    let object: [String: Any]
}

/// Reads every document of a generated fleet, in sorted path order (then line order).
func readDocuments(_ root: URL) throws -> [ReadDocument] {
    var documents: [ReadDocument] = []
    for (path, data) in try filesBelow(root) {
        if path.hasSuffix(".jsonl") {
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                documents.append(ReadDocument(source: "\(path):\(lineNumber)", object: try parseObject(Data(line))))
            }
        } else {
            documents.append(ReadDocument(source: path, object: try parseObject(data)))
        }
    }
    return documents
}

struct NotAnObject: Error, CustomStringConvertible {
    var description: String { "document is not a JSON object" }
}

func parseObject(_ data: Data) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw NotAnObject()
    }
    return object
}

/// A document re-serialised with sorted keys, so the same document compares equal whatever
/// its whitespace.
func canonical(_ object: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// A map of the model, accepted as an object or as a `/rest` key/value list.
func mapEntries(_ value: Any?) -> [(key: String, value: Any)] {
    if let object = value as? [String: Any] {
        return object.map { ($0.key, $0.value) }.sorted { $0.key < $1.key }
    }
    if let list = value as? [[String: Any]] {
        return list.compactMap { entry in
            guard let key = entry["key"] as? String, let value = entry["value"] else { return nil }
            return (key, value)
        }
    }
    return []
}

func mapValue(_ value: Any?, _ key: String) -> Any? {
    mapEntries(value).first { $0.key == key }?.value
}
