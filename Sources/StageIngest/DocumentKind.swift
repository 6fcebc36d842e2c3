import StageModel

/// What one document turned out to be (report-semantics §1).
enum DocumentOutcome {
    /// A stage run, ready for aggregation; a task info saved without a `result` is one too.
    case run(StageRun)
    /// A task info of another operation than `stage$task`.
    case otherOperation
    /// Not usable; the reason names the field.
    case rejected(String)
    /// A task list: each task is a document of its own.
    case taskList([ListedTask])
}

/// Command-line defaults for documents that lack the annotations.
public struct DocumentDefaults: Sendable, Equatable {
    public var vcenter: String?
    public var clusterID: String?

    /// Empty strings count as absent, as they do for the annotations.
    public init(vcenter: String? = nil, clusterID: String? = nil) {
        self.vcenter = vcenter.flatMap { $0.isEmpty ? nil : $0 }
        self.clusterID = clusterID.flatMap { $0.isEmpty ? nil : $0 }
    }
}
