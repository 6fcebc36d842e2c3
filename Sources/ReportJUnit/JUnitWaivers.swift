import StageAggregation
import Synchronization
import StageModel
import Waivers

/// What a waived failure's case becomes in JUnit.
enum JUnitWaivers {
    /// A waived failure's case: skipped, so that CI stays green on an accepted exception, with a
    /// message naming the waiver; the failure it was follows in the body.
    static func waived(_ result: JUnitCase.Result, by waiver: Waiver) -> JUnitCase.Result {
        let message = "waived by " + waiver.label
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
    private let free = Mutex<[RunWaiverVerdicts]>([])

    init(judge: WaiverJudge) { self.judge = judge }

    func take() -> RunWaiverVerdicts { free.withLock { $0.popLast() } ?? RunWaiverVerdicts(judge: judge) }

    func give(_ matcher: RunWaiverVerdicts) { free.withLock { $0.append(matcher) } }
}
