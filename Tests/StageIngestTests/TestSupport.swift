import Files
import Foundation
import StageIngest
import StageModel
import TestHelpers

// MARK: - A tiny JSON builder that keeps member order and allows repeated keys

/// A JSON value written exactly as given: members keep their order, keys may repeat, and
/// `raw` inserts text verbatim (for broken or unusual JSON).
indirect enum J: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, Sendable,
    CustomStringConvertible
{
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([J])
    case object([(String, J)])
    case raw(String)

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(String(value)) }
    init(arrayLiteral elements: J...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, J)...) { self = .object(elements) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }

    var description: String { text }

    var text: String {
        switch self {
        case .string(let s): return J.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.map { J.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .raw(let r): return r
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// The same object with more members appended (later ones win when a key repeats).
    func adding(_ members: [(String, J)]) -> J {
        guard case .object(let o) = self else { return self }
        return .object(o + members)
    }
}

/// The two wire forms of a vSphere map.
enum MapForm: String, CaseIterable, Sendable, CustomStringConvertible {
    case object, keyValue
    var description: String { rawValue }

    func map(_ entries: [(String, J)]) -> J {
        switch self {
        case .object: return .object(entries)
        case .keyValue: return .array(entries.map { ["key": .string($0.0), "value": $0.1] })
        }
    }
}

// MARK: - Stage documents

enum Doc {
    /// A notification with an id, a message and an optional resolution.
    static func note(_ id: String, _ message: String? = nil, resolution: String? = nil) -> J {
        var members: [(String, J)] = [("id", .string(id)), ("time", "2026-01-01T00:00:00.000Z")]
        if let message {
            members.append(("message", ["id": .string(id), "default_message": .string(message), "args": []]))
        }
        if let resolution {
            members.append(
                ("resolution", ["id": .string(id + ".res"), "default_message": .string(resolution), "args": []]))
        }
        return .object(members)
    }

    /// A `host_status` value. `status: nil` leaves the member out.
    static func status(
        _ status: String?, start: J? = nil, end: J? = nil,
        errors: [J]? = nil, warnings: [J]? = nil, info: [J]? = nil
    ) -> J {
        var members: [(String, J)] = []
        if let status { members.append(("status", .string(status))) }
        if let start { members.append(("start_time", start)) }
        if let end { members.append(("end_time", end)) }
        var n: [(String, J)] = []
        if let info { n.append(("info", .array(info))) }
        if let warnings { n.append(("warnings", .array(warnings))) }
        if let errors { n.append(("errors", .array(errors))) }
        members.append(("notifications", .object(n)))
        return .object(members)
    }

    /// A StageResult. `names` become `host_info`; lists are left out when `nil`.
    static func result(
        commit: J = "1", names: [(String, String)] = [], statuses: [(String, J)] = [],
        successful: [String]? = [], failed: [String]? = [], skipped: [String]? = [],
        aggregate: J? = nil, form: MapForm = .object, extra: [(String, J)] = []
    ) -> J {
        var members: [(String, J)] = []
        if let aggregate { members.append(("status", aggregate)) }
        members.append(("commit", commit))
        members.append(("host_info", form.map(names.map { ($0.0, ["name": .string($0.1)]) })))
        members.append(("host_status", form.map(statuses)))
        if let successful { members.append(("successful_hosts", .array(successful.map { .string($0) }))) }
        if let failed { members.append(("failed_hosts", .array(failed.map { .string($0) }))) }
        if let skipped { members.append(("skipped_hosts", .array(skipped.map { .string($0) }))) }
        return .object(members + extra)
    }

    /// A `/api` CIS task info around `result` (left out when `nil`).
    static func task(
        _ result: J?, cluster: String? = "domain-c1", status: String = "SUCCEEDED",
        operation: String? = "stage$task", start: String? = "2026-01-01T00:00:00.000Z",
        end: String? = nil, lastUpdate: String? = nil, extra: [(String, J)] = []
    ) -> J {
        var members: [(String, J)] = [("service", "com.vmware.esx.settings.clusters.software")]
        if let operation { members.append(("operation", .string(operation))) }
        if let cluster { members.append(("target", ["type": "ClusterComputeResource", "id": .string(cluster)])) }
        members.append(("status", .string(status)))
        if let start { members.append(("start_time", .string(start))) }
        if let end { members.append(("end_time", .string(end))) }
        if let lastUpdate { members.append(("last_update_time", .string(lastUpdate))) }
        if let result { members.append(("result", result)) }
        return .object(members + extra)
    }

    /// The legacy `/rest` form: `{"value": task}` plus top-level annotations.
    static func rest(_ task: J, annotations: [(String, J)] = []) -> J {
        .object([("value", task)] + annotations)
    }

    /// A one-host bare StageResult with a cluster annotation: the smallest kept document.
    static func minimal(
        cluster: String = "domain-c1", host: String = "host-1", status: String = "OK",
        commit: String = "1", extra: [(String, J)] = []
    ) -> J {
        result(
            commit: .string(commit), names: [(host, "esx-" + host)],
            statuses: [(host, Doc.status(status, start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:01:00Z"))],
            successful: status == "OK" ? [host] : [],
            extra: [("cluster", .string(cluster))] + extra)
    }
}

// MARK: - Temporary inputs

extension TemporaryDirectory {
    /// A source shown relative to this directory: `a.jsonl:3`.
    func relative(_ source: DocumentSource) -> String {
        let text = source.description
        return text.hasPrefix(path + "/") ? String(text.dropFirst(path.count + 1)) : text
    }
}

/// What an ingest read, with the runs decoded from the spool (in input order).
struct Read {
    var raw: IngestResult
    var runs: [StageRun]
    var files: Int { raw.files }
    var documents: Int { raw.documents }
    var withoutResult: Int { raw.withoutResult }
    var otherOperations: Int { raw.otherOperations }
    var bytes: Int { raw.bytes }
    var rejections: [Rejection] { raw.rejections }
    var inputErrors: [FileError] { raw.inputErrors }

    init(_ raw: IngestResult) throws {
        self.raw = raw
        if let e = raw.spoolError { throw e }
        runs = try raw.loadRuns()
    }
}

/// The default vCenter of these tests: documents here rarely name one, and the note
/// `vcenter-missing` would then be on every run (RunStatusTests checks it without this default).
let testDefaults = DocumentDefaults(vcenter: "vc-test")

/// Ingests `inputs` and decodes every run.
func read(_ inputs: [String], options: IngestOptions = IngestOptions(defaults: testDefaults, workers: 1)) throws -> Read
{
    try Read(Ingestor(options: options).ingest(inputs))
}

/// Writes `files` into a fresh directory, ingests the directory and removes it again.
func ingestFiles(
    _ files: [(String, String)], options: IngestOptions = IngestOptions(defaults: testDefaults, workers: 1),
    _ body: (Read, TemporaryDirectory) throws -> Void
) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for (name, text) in files { try dir.write(name, text) }
    try body(try read([dir.path], options: options), dir)
}

/// Ingests one document written as `name` and returns what came out.
func ingestOne(_ doc: J, name: String = "doc.json", defaults: DocumentDefaults = testDefaults) throws -> Read {
    var out: Read?
    try ingestFiles([(name, doc.text)], options: IngestOptions(defaults: defaults, workers: 1)) { r, _ in out = r }
    return out!
}

/// The single run of a one-document ingest; `nil` unless there is exactly one (use `#require`).
func onlyRun(_ doc: J, defaults: DocumentDefaults = testDefaults) throws -> StageRun? {
    let r = try ingestOne(doc, defaults: defaults)
    guard r.runs.count == 1 else { return nil }
    return r.runs[0]
}

extension StageRun {
    func host(_ id: String) -> HostResult? { hosts.first { $0.id == id } }
    func notes(_ kind: DataQualityKind) -> [DataQualityNote] { notes.filter { $0.kind == kind } }
}

/// The directory of this file's fixtures.
let fixturesPath: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// The three document kinds of report-semantics §1.
enum WireForm: String, CaseIterable, Sendable, CustomStringConvertible {
    case api, rest, bare
    var description: String { rawValue }

    /// `result` as a document of this kind for cluster `cluster`, run start `start`.
    func document(
        _ result: J, cluster: String = "domain-c1", start: String = "2026-01-01T00:00:00.000Z",
        annotations: [(String, J)] = []
    ) -> J {
        switch self {
        case .api:
            return Doc.task(result, cluster: cluster, start: start, extra: annotations)
        case .rest:
            return Doc.rest(Doc.task(result, cluster: cluster, start: start), annotations: annotations)
        case .bare:
            return result.adding(
                [
                    ("cluster", .string(cluster)),
                    ("status", Doc.status("OK", start: .string(start)))
                ] + annotations)
        }
    }
}
