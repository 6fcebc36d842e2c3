import Foundation
@testable import StageSample

/// An independent, minimal reader of report-semantics.md §1–2, written against the contract
/// (not the generator's code), so the generator's stats are checked against what a real
/// reader would find.
struct FleetReading {
    enum Kind: Hashable { case api, rest, bare }

    struct Run {
        let source: String
        let key: String
        let lastUpdate: String?
        let vcenter: String
        let cluster: String
        let result: [String: Any]
        let task: [String: Any]?
        let kind: Kind
        let annotations: [String: Any]
    }

    var documents = 0
    var kinds: [Kind: Int] = [:]
    var unrecognised: [String] = []
    var withoutResult = 0
    var otherOperations = 0
    var duplicates = 0
    /// Kept runs, in input order.
    var runs: [Run] = []
    var outcomes = SampleOutcomeCounts()
    var hostInSeveralLists = 0
    var listDisagrees = 0
    var statusWithoutHostInfo = 0

    init(_ documents: [ReadDocument]) {
        var kept: [String: Int] = [:]
        for document in documents {
            self.documents += 1
            guard let run = classify(document) else { continue }
            if let index = kept[run.key] {
                duplicates += 1
                // The later `last_update_time` wins; on a tie the first in input order stays.
                if let new = run.lastUpdate, let old = runs[index].lastUpdate, new > old { runs[index] = run }
            } else {
                kept[run.key] = runs.count
                runs.append(run)
            }
        }
        for run in runs { count(run) }
    }

    private mutating func classify(_ document: ReadDocument) -> Run? {
        let object = document.object
        let task: [String: Any]?
        let kind: Kind
        if let value = object["value"] as? [String: Any] {
            task = value
            kind = .rest
        } else if ["result", "service", "operation", "target"].contains(where: { object[$0] != nil }) {
            task = object
            kind = .api
        } else if object["commit"] != nil, object["host_status"] != nil {
            task = nil
            kind = .bare
        } else {
            unrecognised.append(document.source)
            return nil
        }
        kinds[kind, default: 0] += 1
        if let operation = task?["operation"] as? String, operation != "stage$task" {
            otherOperations += 1
            return nil
        }
        guard let result = task == nil ? object : task?["result"] as? [String: Any] else {
            withoutResult += 1
            return nil
        }
        let vcenter = object["vcenter"] as? String ?? ""
        let target = task?["target"] as? [String: Any]
        let cluster = target?["id"] as? String ?? object["cluster"] as? String ?? "unknown"
        let status = result["status"] as? [String: Any]
        let hostStarts = mapEntries(result["host_status"]).compactMap {
            ($0.value as? [String: Any])?["start_time"] as? String
        }
        let start = task?["start_time"] as? String ?? status?["start_time"] as? String ?? hostStarts.min() ?? ""
        let commit = result["commit"] as? String ?? ""
        return Run(
            source: document.source, key: "\(vcenter)|\(cluster)|\(commit)|\(start)",
            lastUpdate: task?["last_update_time"] as? String, vcenter: vcenter,
            cluster: cluster, result: result, task: task, kind: kind, annotations: object)
    }

    private mutating func count(_ run: Run) {
        let info = Set(mapEntries(run.result["host_info"]).map(\.key))
        let statuses = Dictionary(
            uniqueKeysWithValues: mapEntries(run.result["host_status"]).map {
                ($0.key, ($0.value as? [String: Any])?["status"] as? String)
            })
        let lists = ["successful_hosts", "failed_hosts", "skipped_hosts"].map {
            Set(run.result[$0] as? [String] ?? [])
        }
        var hosts = info.union(statuses.keys)
        for list in lists { hosts.formUnion(list) }
        for host in hosts {
            let membership = lists.indices.filter { lists[$0].contains(host) }
            if membership.count > 1 { hostInSeveralLists += 1 }
            if statuses[host] != nil, !info.contains(host) { statusWithoutHostInfo += 1 }
            let ownList: Int?
            switch statuses[host] ?? nil {
            case "OK": outcomes.succeeded += 1; ownList = 0
            case "ERROR": outcomes.failed += 1; ownList = 1
            case "TIMED_OUT": outcomes.timedOut += 1; ownList = 1
            case "SKIPPED": outcomes.skipped += 1; ownList = 2
            case "RUNNING", "RETRY_PENDING": outcomes.inProgress += 1; ownList = nil
            case .some: outcomes.unknown += 1; ownList = nil
            case nil:
                ownList = nil
                if statuses.keys.contains(host) {
                    outcomes.unknown += 1
                } else if lists[1].contains(host) {
                    outcomes.failed += 1
                } else if lists[2].contains(host) {
                    outcomes.skipped += 1
                } else if lists[0].contains(host) {
                    outcomes.succeeded += 1
                } else {
                    outcomes.inProgress += 1
                }
            }
            if let ownList, !membership.isEmpty, !membership.contains(ownList) { listDisagrees += 1 }
        }
    }
}
