import Foundation
import TestHelpers

/// The six outcome counts, in the order of summary.json.
struct Outcomes: Equatable, Sendable, CustomStringConvertible {
    var succeeded = 0, failed = 0, timedOut = 0, skipped = 0, inProgress = 0, unknown = 0

    init(
        _ succeeded: Int = 0, _ failed: Int = 0, _ timedOut: Int = 0, _ skipped: Int = 0,
        _ inProgress: Int = 0, _ unknown: Int = 0
    ) {
        (self.succeeded, self.failed, self.timedOut, self.skipped, self.inProgress, self.unknown) =
            (succeeded, failed, timedOut, skipped, inProgress, unknown)
    }

    init(_ json: Any?) {
        let o = json as? [String: Any] ?? [:]
        func n(_ k: String) -> Int { (o[k] as? NSNumber)?.intValue ?? -1 }
        self.init(n("succeeded"), n("failed"), n("timed_out"), n("skipped"), n("in_progress"), n("unknown"))
    }

    var total: Int { succeeded + failed + timedOut + skipped + inProgress + unknown }

    static func + (a: Outcomes, b: Outcomes) -> Outcomes {
        Outcomes(
            a.succeeded + b.succeeded, a.failed + b.failed, a.timedOut + b.timedOut,
            a.skipped + b.skipped, a.inProgress + b.inProgress, a.unknown + b.unknown)
    }

    var description: String {
        "succeeded \(succeeded), failed \(failed), timed_out \(timedOut), skipped \(skipped), "
            + "in_progress \(inProgress), unknown \(unknown)"
    }
}

/// One rejected document as summary.json lists it.
struct RejectedDocument: Equatable, Sendable, CustomStringConvertible {
    var source: String
    var reason: String
    init(_ source: String, _ reason: String) { self.source = source; self.reason = reason }
    var description: String { "\(source): \(reason)" }
}

/// summary.json, read back with Foundation's parser (independent of the tool's own).
struct SummaryFile {
    let raw: Data
    let json: [String: Any]

    init(_ data: Data) throws {
        raw = data
        guard let o = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        else {
            throw RunnerError("summary.json is not a JSON object")
        }
        json = o
    }

    init(contentsOf url: URL) throws { try self.init(try Data(contentsOf: url)) }

    private func int(_ path: String...) -> Int {
        var v: Any? = json
        for p in path { v = (v as? [String: Any])?[p] }
        return (v as? NSNumber)?.intValue ?? -1
    }

    var files: Int { int("inputs", "files") }
    var documents: Int { int("inputs", "documents") }
    var runs: Int { int("inputs", "runs") }
    var duplicates: Int { int("inputs", "duplicates") }
    var rejectedCount: Int { int("inputs", "rejected") }
    var withoutResult: Int { int("inputs", "without_result") }
    var otherOperations: Int { int("inputs", "other_operations") }
    var totalRuns: Int { int("totals", "runs") }
    var totalHosts: Int { int("totals", "hosts") }
    var outcomes: Outcomes { Outcomes((json["totals"] as? [String: Any])?["outcomes"]) }
    var totalOutcomes: Int { outcomes.total }
    var generatedAt: String? { json["generated_at"] as? String }

    var rejected: [RejectedDocument] {
        (json["rejected"] as? [[String: Any]] ?? []).map {
            RejectedDocument($0["source"] as? String ?? "?", $0["reason"] as? String ?? "?")
        }
    }

    func list(_ name: String) -> [[String: Any]] { json[name] as? [[String: Any]] ?? [] }

    var durations: [String: Any] { json["durations"] as? [String: Any] ?? [:] }
    var durationCount: Int { (durations["count"] as? NSNumber)?.intValue ?? -1 }

    /// data_quality counts by kind.
    var dataQuality: [String: Int] {
        var out: [String: Int] = [:]
        for d in list("data_quality") { out[d["kind"] as? String ?? "?"] = (d["count"] as? NSNumber)?.intValue }
        return out
    }

    var text: String { String(decoding: raw, as: UTF8.self) }
}
