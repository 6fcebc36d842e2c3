import Foundation
import StageAggregation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// Whole-fleet checks: outcome counts add up everywhere, and match numbers worked out from the
/// documents by the test itself (a generated fleet whose outcomes the generator knows, and the
/// shared fixture fleet read with Foundation's JSON parser).
@Suite("Summary invariants on fleets")
struct SummaryInvariantTests {
    /// Every grouping adds up to the totals.
    private func expectConsistent(_ s: Summary, sourceLocation: SourceLocation = #_sourceLocation) {
        func sum(_ list: [OutcomeCounts]) -> OutcomeCounts { list.reduce(into: OutcomeCounts()) { $0.add($1) } }
        #expect(s.outcomes.total == s.totals.outcomes, sourceLocation: sourceLocation)
        #expect(sum(s.clusters.map(\.outcomes)) == s.outcomes, sourceLocation: sourceLocation)
        #expect(sum(s.commits.map(\.outcomes)) == s.outcomes, sourceLocation: sourceLocation)
        #expect(s.clusters.map(\.runs).reduce(0, +) == s.totals.runs, sourceLocation: sourceLocation)
        #expect(s.commits.map(\.runs).reduce(0, +) == s.totals.runs, sourceLocation: sourceLocation)
        #expect(s.clusters.map(\.hosts).reduce(0, +) == s.totals.hosts, sourceLocation: sourceLocation)
        #expect(s.days.map(\.runs).reduce(0, +) <= s.totals.runs, sourceLocation: sourceLocation)
        #expect(s.durations.overall.histogram.reduce(0, +) == s.durations.overall.count, sourceLocation: sourceLocation)
        #expect(
            s.durations.succeeded.count + s.durations.failed.count + s.durations.timedOut.count
                == s.durations.overall.count,
            sourceLocation: sourceLocation)
        #expect(
            s.durations.overall.count <= s.outcomes.succeeded + s.outcomes.failed + s.outcomes.timedOut,
            sourceLocation: sourceLocation)
        #expect(
            s.clusters.map(\.durations.count).reduce(0, +) == s.durations.overall.count, sourceLocation: sourceLocation)
        #expect(s.skipReasons.map(\.count).reduce(0, +) == s.outcomes.skipped, sourceLocation: sourceLocation)
        #expect(
            s.failureReasons.map(\.count).reduce(0, +) == s.outcomes.failed + s.outcomes.timedOut,
            sourceLocation: sourceLocation)
        #expect(s.inputs.runs == s.totals.runs, sourceLocation: sourceLocation)
    }

    // MARK: Generated fleet

    /// What the generator wrote, worked out as it wrote it.
    struct Expected {
        var total = OutcomeCounts()
        var clusters: [String: (runs: Int, outcomes: OutcomeCounts, hosts: Set<String>)] = [:]
        var commits: [String: (runs: Int, outcomes: OutcomeCounts)] = [:]
        var days: [String: (runs: Int, outcomes: OutcomeCounts)] = [:]
        var runs = 0
    }

    /// Writes a fleet: 2 vCenters × 3 clusters × 8 nights, all three wire forms, both map forms,
    /// every status, hosts known only from the lists, one cluster in a JSON Lines file, and some
    /// runs without any start time.
    private func generate(into dir: TemporaryDirectory, seed: UInt64) throws -> Expected {
        var rng = LCG(state: seed)
        var expected = Expected()
        let statuses: [(String?, HostOutcome)] = [
            ("OK", .succeeded), ("OK", .succeeded), ("OK", .succeeded), ("ERROR", .failed),
            ("TIMED_OUT", .timedOut), ("SKIPPED", .skipped), ("RUNNING", .inProgress),
            ("RETRY_PENDING", .inProgress), ("STAGED_SOMEHOW", .unknown), (nil, .unknown)
        ]
        var jsonLines: [String] = []
        for vc in ["vc-a", "vc-b"] {
            for c in 1...3 {
                let cluster = "domain-c\(c)"
                let hostCount = 3 + rng.below(5)
                for night in 1...8 {
                    let noStart = rng.below(10) == 0
                    let commit = noStart ? "nostart-\(night)" : ["1", "2", "10"][rng.below(3)]
                    let start = String(format: "2026-11-%02dT%02d:%02d:00Z", night, 20 + rng.below(4), rng.below(60))
                    var hostStatus: [String: Any] = [:], names: [String: String] = [:]
                    var lists: [String: [String]] = ["successful_hosts": [], "failed_hosts": [], "skipped_hosts": []]
                    var runOutcomes = OutcomeCounts()
                    // The form decides the run status (report-semantics §3): task SUCCEEDED,
                    // task FAILED, or a bare result with stage status OK (none without a start).
                    let form = noStart ? 2 : rng.below(3)
                    let hostWithoutStatus: HostOutcome = form == 1 ? .failed : noStart ? .inProgress : .unknown
                    for h in 0..<hostCount {
                        let id = "host-\(c)\(h)"
                        names[id] = "esx\(h).\(cluster).\(vc)"
                        let outcome: HostOutcome
                        if rng.below(8) == 0 {
                            // No host_status entry: the lists decide (failed > skipped > successful), else
                            // the run status (§2).
                            let inLists = ["successful_hosts", "failed_hosts", "skipped_hosts"].filter { _ in
                                rng.below(3) == 0
                            }
                            for l in inLists { lists[l]!.append(id) }
                            outcome =
                                inLists.contains("failed_hosts")
                                ? .failed
                                : inLists.contains("skipped_hosts")
                                    ? .skipped
                                    : inLists.contains("successful_hosts") ? .succeeded : hostWithoutStatus
                        } else {
                            let (status, o) = statuses[rng.below(statuses.count)]
                            var entry: [String: Any] = ["notifications": [String: Any]()]
                            if let status { entry["status"] = status }
                            if !noStart {
                                entry["start_time"] = start
                                entry["end_time"] = String(
                                    format: "2026-11-%02dT23:%02d:%02dZ", night, 30 + rng.below(29), rng.below(60))
                            }
                            hostStatus[id] = entry
                            if o == .succeeded { lists["successful_hosts"]!.append(id) }
                            if o.isFailure { lists["failed_hosts"]!.append(id) }
                            if o == .skipped { lists["skipped_hosts"]!.append(id) }
                            outcome = o
                        }
                        runOutcomes.add(outcome)
                        expected.clusters["\(vc)/\(cluster)", default: (0, OutcomeCounts(), [])].hosts.insert(id)
                    }
                    let keyValue = rng.below(2) == 0
                    func map(_ m: [String: Any]) -> Any {
                        keyValue ? m.keys.sorted().map { ["key": $0, "value": m[$0]!] } : m
                    }
                    var result: [String: Any] = [
                        "commit": commit, "host_info": map(names.mapValues { ["name": $0] }),
                        "host_status": map(hostStatus)
                    ]
                    for (k, v) in lists { result[k] = v }
                    let doc: [String: Any]
                    switch form {
                    case 0:
                        doc = [
                            "operation": "stage$task", "status": "SUCCEEDED", "start_time": start, "vcenter": vc,
                            "target": ["type": "ClusterComputeResource", "id": cluster], "result": result
                        ]
                    case 1:
                        doc = [
                            "value": [
                                "operation": "stage$task", "status": "FAILED", "start_time": start,
                                "target": ["type": "ClusterComputeResource", "id": cluster], "result": result
                            ],
                            "vcenter": vc
                        ]
                    default:
                        if !noStart {
                            result["status"] = ["status": "OK", "start_time": start, "notifications": [String: Any]()]
                        }
                        doc = result.merging(["vcenter": vc, "cluster": cluster]) { a, _ in a }
                    }
                    if vc == "vc-b" && c == 2 {
                        jsonLines.append(
                            String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self))
                    } else {
                        try dir.write("\(vc)/\(cluster)/night-\(night).json", json: doc)
                    }
                    expected.runs += 1
                    expected.total.add(runOutcomes)
                    expected.clusters["\(vc)/\(cluster)"]!.runs += 1
                    expected.clusters["\(vc)/\(cluster)"]!.outcomes.add(runOutcomes)
                    expected.commits["\(vc)/\(cluster)/\(commit)", default: (0, OutcomeCounts())].runs += 1
                    expected.commits["\(vc)/\(cluster)/\(commit)"]!.outcomes.add(runOutcomes)
                    if !noStart {
                        expected.days[String(start.prefix(10)), default: (0, OutcomeCounts())].runs += 1
                        expected.days[String(start.prefix(10))]!.outcomes.add(runOutcomes)
                    }
                }
            }
        }
        try dir.write("vc-b/domain-c2.jsonl", jsonLines.joined(separator: "\r\n") + "\r\n")
        return expected
    }

    @Test("A generated fleet gives the numbers its generator worked out", arguments: [11, 12, 13] as [UInt64])
    func generatedFleet(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let expected = try generate(into: dir, seed: seed)
        let s = try summarizeFiles([dir.path], options: IngestOptions(workers: 2, chunkBytes: 4096))
        expectConsistent(s)
        #expect(s.inputs.rejected == 0 && s.inputs.duplicates == 0)
        #expect(s.totals.runs == expected.runs)
        #expect(s.outcomes == expected.total)
        #expect(s.clusters.map { "\($0.vcenter)/\($0.id)" } == expected.clusters.keys.sorted())
        for c in s.clusters {
            let e = expected.clusters["\(c.vcenter)/\(c.id)"]
            #expect(c.runs == e?.runs && c.outcomes == e?.outcomes && c.hosts == e?.hosts.count, "\(c.vcenter)/\(c.id)")
        }
        #expect(s.commits.count == expected.commits.count)
        for c in s.commits {
            let e = expected.commits["\(c.vcenter)/\(c.cluster)/\(c.commit)"]
            #expect(c.runs == e?.runs && c.outcomes == e?.outcomes, "\(c.vcenter)/\(c.cluster)/\(c.commit)")
        }
        #expect(s.days.map(\.date) == expected.days.keys.sorted())
        for d in s.days {
            #expect(d.runs == expected.days[d.date]?.runs && d.outcomes == expected.days[d.date]?.outcomes, "\(d.date)")
        }
        #expect(s.totals.hosts == expected.clusters.values.map(\.hosts.count).reduce(0, +))
    }

    // MARK: Shared fixture fleet

    @Test func sharedFleet() throws {
        let s = try summarizeFiles([sharedFleetPath])
        expectConsistent(s)
        #expect(s.inputs.files == 12 && s.inputs.documents == 12 && s.totals.runs == 12 && s.inputs.rejected == 0)
        #expect(s.totals.vcenters == 2 && s.totals.clusters == 4)
        #expect(s.days.map(\.date) == ["2026-11-01", "2026-11-02", "2026-11-03"])
        // Host outcomes worked out from the files with Foundation's parser: every host is the
        // union of host_info keys, host_status keys and the three lists.
        var hosts = 0
        var perCluster: [String: Int] = [:]
        let files = FileManager.default.enumerator(atPath: sharedFleetPath)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".json")
        }
        for file in files {
            let doc =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: sharedFleetPath + "/" + file))) as! [String: Any]
            let task = (doc["value"] as? [String: Any]) ?? doc
            let result = (task["result"] as? [String: Any]) ?? task
            var ids = Set<String>()
            for m in ["host_info", "host_status"] {
                if let o = result[m] as? [String: Any] { ids.formUnion(o.keys) }
                if let l = result[m] as? [[String: Any]] { ids.formUnion(l.compactMap { $0["key"] as? String }) }
            }
            for l in ["successful_hosts", "failed_hosts", "skipped_hosts"] {
                ids.formUnion(result[l] as? [String] ?? [])
            }
            hosts += ids.count
            perCluster[String(file.split(separator: "/")[1]), default: 0] += ids.count
        }
        #expect(files.count == 12)
        #expect(s.totals.outcomes == hosts)
        for c in s.clusters { #expect(c.outcomes.total == perCluster[c.id], "\(c.id)") }
    }
}
