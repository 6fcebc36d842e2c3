import Foundation
import StageModel

/// A fleet whose changes are known (issue 18, docs/changes.md): six nights, 2026-12-01 to
/// 2026-12-06, of three clusters of vCenter `vc`, planted so that on the last night
///
/// - `domain-c1` (commits 6, 6, 7, 7, 8, 8) broke on commit 8: all four hosts failed from night 5,
///   so its hosts are still failing since commit 8, the whole cluster, and commit 8 is a commit
///   regression (0 of 8 against 8 of 8);
/// - `domain-c2` (commits 3, 3, 3, 4, 4, 4): host h2 failed on nights 4 and 5 and is fixed on
///   night 6; h1 fails for the first time on night 6 (a new failure of one host); h4 is gone on
///   night 6 and h5 is new. Commit 4 (9 of 12) against commit 3 (12 of 12) is within chance;
/// - `domain-c3` (commit 1) staged fine until its night-6 task failed outright, with no result.
///
/// The same runs are given in memory (`runs`) and as `/api` task-info files, one folder per night
/// (`write(to:)`), for the CLI.
public enum ChangeFleet {
    public static let nights = (1...6).map { "2026-12-0\($0)" }

    /// (cluster, commit per night, hosts per night with their stage status).
    private static func plan(night n: Int) -> [(cluster: String, commit: String?, hosts: [(String, String)])] {
        let c1Commit = ["6", "6", "7", "7", "8", "8"][n - 1]
        let c1 = (1...4).map { ("c1-h\($0)", n >= 5 ? "ERROR" : "OK") }
        var c2: [(String, String)] = []
        for h in [1, 2, 3, 4, 5] {
            if h == 4, n == 6 { continue }
            if h == 5, n < 6 { continue }
            let failed = (h == 2 && (n == 4 || n == 5)) || (h == 1 && n == 6)
            c2.append(("c2-h\(h)", failed ? "ERROR" : "OK"))
        }
        let c3 = n == 6 ? [] : [("c3-h1", "OK"), ("c3-h2", "OK")]
        return [
            ("domain-c1", c1Commit, c1), ("domain-c2", n <= 3 ? "3" : "4", c2), ("domain-c3", n == 6 ? nil : "1", c3)
        ]
    }

    private static func start(night n: Int, cluster k: Int) -> String { "\(nights[n - 1])T0\(k + 1):00:00Z" }

    /// Every run, in memory.
    public static var runs: [StageRun] {
        var list: [StageRun] = []
        for n in 1...6 {
            for (k, c) in plan(night: n).enumerated() {
                let at = start(night: n, cluster: k)
                let hosts = c.hosts.map { id, status in
                    host(id, status == "OK" ? .succeeded : .failed, seconds: 60, name: "esx-\(id)", at: at)
                }
                var r = run(at, cluster: c.cluster, hosts: hosts, order: list.count)
                r.commit = c.commit
                r.taskStatus = c.commit == nil ? "FAILED" : "SUCCEEDED"
                if c.commit == nil {
                    r.notifications = [
                        RunNotification(
                            kind: .error, reason: Reason(id: "com.vmware.vcIntegrity.lifecycle.DepotUnreachable"))
                    ]
                }
                list.append(r)
            }
        }
        return list
    }

    /// Writes `DIR/<night>/<cluster>.json`, one `/api` task info per run; returns the night folders.
    @discardableResult
    public static func write(to directory: URL) throws -> [URL] {
        try nights.indices.map { i in
            let n = i + 1
            let folder = directory.appendingPathComponent(nights[i])
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (k, c) in plan(night: n).enumerated() {
                let at = start(night: n, cluster: k)
                let end = at.replacingOccurrences(of: ":00:00Z", with: ":30:00Z")
                let task: [String: Any]
                if let commit = c.commit {
                    let hosts = Dictionary(
                        uniqueKeysWithValues: c.hosts.map { id, status in
                            (
                                id,
                                StageDoc.status(
                                    status, start: at, end: at.replacingOccurrences(of: ":00:00Z", with: ":01:00Z"))
                            )
                        })
                    task = StageDoc.task(
                        cluster: c.cluster, commit: commit, start: at, end: end, hosts: hosts,
                        names: Dictionary(uniqueKeysWithValues: c.hosts.map { ($0.0, "esx-\($0.0)") }))
                } else {
                    task = [
                        "service": "com.vmware.esx.settings.clusters.software", "operation": "stage$task",
                        "target": ["type": "ClusterComputeResource", "id": c.cluster], "status": "FAILED",
                        "start_time": at, "end_time": end, "vcenter": "vc",
                        "error": [
                            "error_type": "ERROR",
                            "messages": [
                                [
                                    "id": "com.vmware.vcIntegrity.lifecycle.DepotUnreachable",
                                    "default_message": "The depot cannot be reached.", "args": [String]()
                                ]
                            ]
                        ]
                    ]
                }
                let data = try JSONSerialization.data(withJSONObject: task, options: [.sortedKeys])
                try data.write(to: folder.appendingPathComponent("\(c.cluster).json"))
            }
            return folder
        }
    }
}
