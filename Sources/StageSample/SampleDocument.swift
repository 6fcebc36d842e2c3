/// One document to write, and what it counts as for a reader.
struct SampleDocument {
    enum Role {
        /// The run itself (kept by duplicate resolution).
        case run
        /// An earlier poll or a second copy of the same run.
        case duplicate
        /// A stage task saved while `PENDING`: no `result`.
        case pending
        /// A stage task that `FAILED` before any host result: no `result`, an `error`.
        case failedWithoutResult
        /// A task of another vLCM operation.
        case otherOperation
    }

    enum Operation {
        case stage
        case scan
        case checkCompliance

        var fileSuffix: String {
            switch self {
            case .stage: ""
            case .scan: ".scan"
            case .checkCompliance: ".check-compliance"
            }
        }
    }

    let role: Role
    let operation: Operation
    let plan: SampleRunPlan

    /// File name in the file layout, next to the run's own `<date>.json`.
    func fileName(date: String) -> String {
        switch role {
        case .duplicate: "\(date).poll1.json"
        case .run, .pending, .failedWithoutResult, .otherOperation: "\(date)\(operation.fileSuffix).json"
        }
    }
}
