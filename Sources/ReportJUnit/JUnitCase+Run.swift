import StageModel

/// The test case of a run without any host outcome (report-semantics §3): a stage task that
/// failed before it reached a host is a failure CI systems show, not an empty suite.
extension JUnitCase {
    /// The case's name: the run stands for the whole cluster.
    static let runCaseName = "cluster stage"

    /// The element a run status maps to, as for a host outcome of the same name.
    static func element(for status: RunStatus) -> Element? { element(for: status.countedAs) }

    init(run: StageRun) {
        milliseconds = 0
        let status = run.runStatus
        guard let element = JUnitCase.element(for: status) else {
            result = nil
            return
        }
        let reason = run.runReason
        let id = reason.flatMap { JUnitText.nonBlankToken($0.id) }
        let fallback: String
        switch status {
        case .failed: fallback = "Staging failed for the cluster before any host result"
        case .timedOut: fallback = "Staging timed out for the cluster before any host result"
        case .skipped: fallback = "Staging was skipped for the cluster"
        case .inProgress: fallback = "The stage task has not finished"
        case .unknown, .succeeded: fallback = "The stage task reported no host"
        }
        let full = status.isFailure ? JUnitText.nonBlank(reason?.message) : nil
        let message = JUnitText.firstLine(full ?? fallback)
        var lines = [full ?? fallback]
        if let resolution = JUnitText.nonBlank(reason?.resolution) { lines.append("Resolution: " + resolution) }
        if let id { lines.append("Notification: " + id) }
        lines.append("Run status: " + status.rawValue)
        if let stage = JUnitText.nonBlankToken(run.stageStatus) { lines.append("Stage status: " + stage) }
        if let task = JUnitText.nonBlankToken(run.taskStatus) { lines.append("Task status: " + task) }
        let type: String?
        switch element {
        case .skipped: type = nil
        case .failure, .error:
            type = JUnitText.namespacedType(id ?? (status == .timedOut ? Reason.timedOut : Reason.unspecified))
        }
        result = Result(element: element, type: type, message: message, body: lines.joined(separator: "\n"))
    }
}
