import StageModel
import Waivers

/// The waivers' verdicts on one run's failures, judged again by a renderer that reads the runs
/// (JUnit, CTRF): the summary keeps no flag per host outcome, and judging through the same
/// `WaiverJudge` gives the same verdicts the summary counted. One per thread: its matcher
/// caches (the globs' answers for each host, reason and commit seen).
public struct RunWaiverVerdicts: Sendable {
    public let judge: WaiverJudge
    private var matcher: WaiverMatcher

    public init(judge: WaiverJudge) {
        self.judge = judge
        matcher = judge.warmMatcher ?? judge.index.makeMatcher()
    }

    /// The waiver file the positions refer to.
    public var set: WaiverSet { judge.index.set }

    /// Per host of `run`, the position of the waiver that waives it (failed and timed-out hosts
    /// only), and that of the run itself when it has no host (its test is the run's).
    public mutating func verdicts(for run: StageRun) -> (hosts: [Int?], run: Int?) {
        let clusterName = judge.clusterName(of: run)
        var hosts = [Int?](repeating: nil, count: run.hosts.count)
        run.hosts.withUnsafeBufferPointer { list in
            for i in list.indices {
                let host = list.baseAddress! + i
                guard host.pointee.outcome.isFailure else { continue }
                hosts[i] = matcher.verdict(for: judge.candidate(run, host: host, clusterName: clusterName)).waivedBy
            }
        }
        var runWaiver: Int?
        if run.hosts.isEmpty, run.runStatus.isFailure {
            runWaiver = matcher.verdict(for: judge.candidate(run, clusterName: clusterName)).waivedBy
        }
        return (hosts, runWaiver)
    }
}

extension Waiver {
    /// `waiver 2 (owner jane.doe, ticket OPS-1234, expires 2027-01-31)`: how every output names
    /// the waiver that waived a failure.
    public var label: String {
        "waiver \(position) (owner \(owner)" + (ticket.map { ", ticket \($0)" } ?? "") + ", expires \(expires))"
    }
}
