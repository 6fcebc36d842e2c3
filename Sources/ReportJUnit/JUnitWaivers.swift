import StageAggregation
import Synchronization
import StageModel
import Waivers

/// The waivers as JUnit sees them: the verdicts of a run's failures, judged again while the runs
/// are read (the summary keeps no flag per host), and what a waived case becomes. One per chunk,
/// hence per thread: its matcher caches.
struct JUnitWaivers {
    let judge: WaiverJudge
    private var matcher: WaiverMatcher

    init(judge: WaiverJudge) {
        self.judge = judge
        matcher = judge.index.makeMatcher()
    }

    /// Per host of `run`, the waiver that waives it (failed and timed-out hosts only), and the
    /// waiver of the run itself when it has no host (its case is the run's).
    mutating func verdicts(for run: StageRun) -> (hosts: [Int?], run: Int?) {
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

    /// `waiver 2 (owner jane.doe, ticket OPS-1234, expires 2027-01-31)`.
    static func label(_ waiver: Waiver) -> String {
        "waiver \(waiver.position) (owner \(waiver.owner)"
            + (waiver.ticket.map { ", ticket \($0)" } ?? "") + ", expires \(waiver.expires))"
    }

    /// A waived failure's case: skipped, so that CI stays green on an accepted exception, with a
    /// message naming the waiver; the failure it was follows in the body.
    static func waived(_ result: JUnitCase.Result, by waiver: Waiver) -> JUnitCase.Result {
        let message = "waived by " + label(waiver)
        let body = [message, "Justification: " + waiver.justification, "Match: " + waiver.match.summary, result.body]
        return JUnitCase.Result(
            element: .skipped, type: nil, message: message, body: body.joined(separator: "\n"))
    }
}

/// Matchers handed back by the chunks that used them, for the next chunks: a chunk is rendered
/// on one thread at a time, and a matcher's cache (the globs' answers for each host, reason and
/// commit seen) would otherwise start empty in every chunk of 128 suites.
final class JUnitMatcherPool: Sendable {
    private let judge: WaiverJudge
    private let free = Mutex<[JUnitWaivers]>([])

    init(judge: WaiverJudge) { self.judge = judge }

    func take() -> JUnitWaivers { free.withLock { $0.popLast() } ?? JUnitWaivers(judge: judge) }

    func give(_ matcher: JUnitWaivers) { free.withLock { $0.append(matcher) } }
}
