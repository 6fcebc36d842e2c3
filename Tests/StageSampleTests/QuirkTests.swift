import Foundation
import Testing
@testable import StageSample

/// The quirks of vsphere-stage-model.md must actually show up in a medium fleet.
@Suite("Model quirks are present")
struct QuirkTests {
    private let fleet = MediumFleet.shared

    private var tasks: [(task: [String: Any], kind: FleetReading.Kind, source: String)] {
        fleet.documents.compactMap { document in
            if let value = document.object["value"] as? [String: Any] { return (value, .rest, document.source) }
            if document.object["operation"] != nil { return (document.object, .api, document.source) }
            return nil
        }
    }

    @Test("inconsistent host lists are present but rare")
    func listQuirks() {
        let reading = fleet.reading
        #expect(reading.hostInSeveralLists > 0)
        #expect(reading.listDisagrees > 0)
        #expect(reading.statusWithoutHostInfo > 0)
        let total = reading.outcomes.total
        #expect(reading.hostInSeveralLists + reading.listDisagrees + reading.statusWithoutHostInfo < total / 100)
    }

    @Test("TIMED_OUT hosts are in failed_hosts; skipped hosts with errors are in skipped_hosts")
    func listPlacement() {
        var timedOut = 0, timedOutInFailed = 0, skippedWithErrors = 0, skippedWithErrorsInSkipped = 0
        for (host, status, run) in fleet.hostStatuses() {
            let failed = run.result["failed_hosts"] as? [String] ?? []
            let skipped = run.result["skipped_hosts"] as? [String] ?? []
            switch status["status"] as? String {
            case "TIMED_OUT":
                timedOut += 1
                if failed.contains(host) { timedOutInFailed += 1 }
            case "SKIPPED":
                let notes = status["notifications"] as? [String: Any]
                if let errors = notes?["errors"] as? [Any], !errors.isEmpty {
                    skippedWithErrors += 1
                    if skipped.contains(host) { skippedWithErrorsInSkipped += 1 }
                }
            default: break
            }
        }
        #expect(timedOut > 0 && timedOutInFailed >= timedOut * 9 / 10)
        #expect(skippedWithErrors > 0 && skippedWithErrorsInSkipped >= skippedWithErrors * 9 / 10)
    }

    @Test("task infos carry the observed extras")
    func taskExtras() {
        var restErrors = 0, failedWithResult = 0, taskNotifications = 0
        for (task, kind, source) in tasks {
            #expect(task["parent"] as? String == "", "\(source)")
            #expect(task["last_update_time"] is String, "\(source)")
            if task["notifications"] is [String: Any] { taskNotifications += 1 }
            if let error = task["error"] as? [String: Any] {
                #expect((error["@class"] != nil) == (kind == .rest), "\(source)")
                if kind == .rest { restErrors += 1 }
                if task["status"] as? String == "FAILED", task["result"] != nil { failedWithResult += 1 }
            }
        }
        #expect(restErrors > 0)
        #expect(failedWithResult > 0)
        #expect(taskNotifications > 0)
    }

    @Test("maps are objects in /api and key/value lists in /rest, params included")
    func mapForms() {
        var restParams = 0, apiParams = 0
        for run in fleet.reading.runs {
            let isList = run.kind == .rest
            for name in ["host_info", "host_status"] {
                #expect((run.result[name] is [Any]) == isList, "\(run.source): \(name)")
            }
        }
        fleet.walk { key, value, _ in
            guard key == "params" else { return }
            if value is [Any] { restParams += 1 } else if value is [String: Any] { apiParams += 1 }
        }
        #expect(restParams > 0 && apiParams > 0)
    }

    @Test("notifications: missing type, sentinel time, resolutions, empty objects on OK hosts")
    func notifications() {
        var untypedDisconnected = 0, sentinel = 0, resolutions = 0, emptyOnOK = 0, okHosts = 0
        var ids: Set<String> = []
        fleet.walk { key, value, _ in
            if key == "time", value as? String == "1970-01-01T00:00:00.000Z" { sentinel += 1 }
            guard let object = value as? [String: Any], let id = object["id"] as? String,
                object["message"] != nil
            else { return }
            ids.insert(id)
            if id == "com.vmware.vcIntegrity.lifecycle.host.disconnected", object["type"] == nil {
                untypedDisconnected += 1
            }
            if object["resolution"] != nil { resolutions += 1 }
        }
        var lowSpaceOnOK = 0
        for (_, status, _) in fleet.hostStatuses() where status["status"] as? String == "OK" {
            okHosts += 1
            let notifications = status["notifications"] as? [String: Any]
            if notifications?.isEmpty == true { emptyOnOK += 1 }
            let warnings = (notifications?["warnings"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            if notifications?.count == 1, warnings == ["com.vmware.vcIntegrity.lifecycle.EsxImage.LockerLowSpace"] {
                lowSpaceOnOK += 1
            }
        }
        // A few hosts that staged carry a low-space warning (SampleRates.okHostWarningPercent).
        #expect(lowSpaceOnOK > 0 && Double(lowSpaceOnOK) < 0.06 * Double(okHosts))
        #expect(untypedDisconnected > 0)
        #expect(sentinel > 0)
        #expect(resolutions > 0)
        #expect(emptyOnOK + lowSpaceOnOK == okHosts)
        for id in [
            "com.vmware.vcIntegrity.lifecycle.EsxImage.DepotConnectErrorV2",
            "com.vmware.vcIntegrity.lifecycle.host.disconnected",
            "com.vmware.vcIntegrity.lifecycle.StageTask.Host.Timeout",
            "com.vmware.vcIntegrity.lifecycle.StageTask.Summary.Failed",
            "com.vmware.vcIntegrity.lifecycle.plugin.Started"
        ] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    @Test("messages are complete and contain characters renderers must escape")
    func messages() {
        var special: [Character: Int] = [:]
        var nonASCII = 0
        fleet.walk { _, value, source in
            guard let message = value as? [String: Any], let text = message["default_message"] as? String else {
                return
            }
            #expect(message["args"] is [String], "\(source)")
            #expect(message["localized"] as? String == text, "\(source)")
            for character in "<>&\"" where text.contains(character) { special[character, default: 0] += 1 }
            if text.unicodeScalars.contains(where: { !$0.isASCII }) { nonASCII += 1 }
        }
        #expect(special.count == 4)
        #expect(nonASCII > 0)
    }

    @Test("runs in progress, pending tasks, unknown statuses and other operations")
    func unfinishedAndOdd() {
        var running = 0, retryPending = 0, notStarted = 0, unknown = 0
        // Earlier polls of duplicates count too: they are runs saved while still running.
        for (task, _, source) in tasks where task["status"] as? String == "RUNNING" {
            running += 1
            #expect(task["end_time"] == nil, "\(source)")
            let result = task["result"] as? [String: Any] ?? [:]
            #expect(result["status"] == nil, "\(source)")
            let statuses = Set(mapEntries(result["host_status"]).map(\.key))
            notStarted += mapEntries(result["host_info"]).filter { !statuses.contains($0.key) }.count
            retryPending +=
                mapEntries(result["host_status"]).filter {
                    ($0.value as? [String: Any])?["status"] as? String == "RETRY_PENDING"
                }.count
        }
        for (_, status, _) in fleet.hostStatuses() {
            switch status["status"] as? String {
            case "STAGING_PAUSED": unknown += 1
            case "SKIPPED", "TIMED_OUT": #expect(status["progress"] == nil)
            default: break
            }
        }
        #expect(running > 0)
        #expect(retryPending > 0)
        #expect(notStarted > 0)
        #expect(unknown > 0)
        #expect(fleet.reading.withoutResult > 0)
        #expect(fleet.reading.otherOperations > 0)
        #expect(fleet.files.contains { $0.hasSuffix(".scan.json") || $0.hasSuffix(".check-compliance.json") })
    }

    @Test("annotations: vcenter everywhere, cluster on bare results, cluster_name on some only")
    func annotations() {
        var named = 0
        for document in fleet.documents {
            let object = document.object
            #expect((object["vcenter"] as? String)?.hasSuffix(".example.com") == true)
            if object["commit"] != nil { #expect(object["cluster"] is String) }
            if object["cluster_name"] != nil { named += 1 }
        }
        #expect(named > 0 && named < fleet.documents.count)
    }

    @Test("inventory names: MoRefs, FQDNs, IP addresses and non-ASCII names")
    func names() {
        var hostNames: Set<String> = []
        var clusterIDs: [String: Set<String>] = [:]
        for run in fleet.reading.runs {
            #expect(run.cluster.wholeMatch(of: #/domain-c\d+/#) != nil)
            clusterIDs[run.vcenter, default: []].insert(run.cluster)
            for entry in mapEntries(run.result["host_info"]) {
                #expect(entry.key.wholeMatch(of: #/host-\d+/#) != nil)
                if let name = (entry.value as? [String: Any])?["name"] as? String { hostNames.insert(name) }
            }
        }
        #expect(clusterIDs.values.allSatisfy { $0.count == 10 })
        #expect(hostNames.contains { $0.wholeMatch(of: #/\d+\.\d+\.\d+\.\d+/#) != nil })
        #expect(hostNames.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(hostNames.filter { $0.hasSuffix(".example.com") }.count > hostNames.count * 9 / 10)
    }

    @Test("some hosts are flaky and some fail several nights in a row at the end")
    func hostHistories() {
        var history: [String: [(start: String, outcome: String)]] = [:]
        for (host, status, run) in fleet.hostStatuses() {
            let start =
                run.task?["start_time"] as? String ?? (run.result["status"] as? [String: Any])?["start_time"] as? String
                ?? ""
            history["\(run.vcenter)/\(run.cluster)/\(host)", default: []].append(
                (start, status["status"] as? String ?? ""))
        }
        var flaky = 0, streaks = 0
        for outcomes in history.values {
            let ordered = outcomes.sorted { $0.start < $1.start }.map(\.outcome)
            let failures = ordered.filter { $0 == "ERROR" || $0 == "TIMED_OUT" }.count
            if failures > 0, ordered.contains("OK") { flaky += 1 }
            let finals = ordered.filter { ["OK", "ERROR", "TIMED_OUT"].contains($0) }
            let streak = finals.reversed().prefix { $0 != "OK" }.count
            if streak >= 2 { streaks += 1 }
        }
        #expect(flaky >= 5)
        #expect(streaks >= 3)
    }
}
