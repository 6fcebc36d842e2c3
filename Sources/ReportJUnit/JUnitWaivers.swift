import StageAggregation
import Synchronization
import StageModel
import Waivers

/// What a waived failure's case and a suite's waiver property say, made once per waiver of
/// the file rather than once per case: a large estate has tens of thousands of waived cases.
struct JUnitWaiverTexts: Sendable {
    /// `waived by waiver 2 (owner …, ticket …, expires …)`, by position.
    let messages: [String]
    /// The message, the justification and the match: the first lines of a waived case's body.
    let headers: [String]
    /// `owner …; ticket …; expires …; match …`: the suite's `waiver.N` property.
    let properties: [String]

    init(_ set: WaiverSet) {
        messages = set.waivers.map { "waived by " + $0.label }
        headers = zip(set.waivers, messages).map { waiver, message in
            message + "\nJustification: " + waiver.justification + "\nMatch: " + waiver.match.summary
        }
        properties = set.waivers.map { w in
            "owner \(w.owner); ticket \(w.ticket ?? ""); expires \(w.expires); match \(w.match.summary)"
        }
    }

    /// A waived failure's case: skipped, so that CI stays green on an accepted exception, with a
    /// message naming the waiver; the failure it was follows in the body.
    func waived(_ result: JUnitCase.Result, by position: Int) -> JUnitCase.Result {
        JUnitCase.Result(
            element: .skipped, type: nil, message: messages[position], body: headers[position] + "\n" + result.body)
    }
}

/// Matchers handed back by the chunks that used them, for the next chunks: a chunk is rendered
/// on one thread at a time, and a matcher's cache (the globs' answers for each host, reason and
/// commit seen) would otherwise start empty in every chunk of 128 suites.
final class JUnitMatcherPool: Sendable {
    private let judge: WaiverJudge
    private let free = Mutex<[RunWaiverVerdicts]>([])
    let texts: JUnitWaiverTexts

    init(judge: WaiverJudge) {
        self.judge = judge
        texts = JUnitWaiverTexts(judge.index.set)
    }

    func take() -> RunWaiverVerdicts { free.withLock { $0.popLast() } ?? RunWaiverVerdicts(judge: judge) }

    func give(_ matcher: RunWaiverVerdicts) { free.withLock { $0.append(matcher) } }
}
