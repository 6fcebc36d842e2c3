import StageAggregation
import StageIngest
import StageModel

/// Reads inputs and computes the summary: ingest → duplicate resolution → aggregation.
public struct ReportPipeline: Sendable {
    public var ingest: IngestOptions
    public var inventory: ClusterInventory
    public var title: String

    public init(ingest: IngestOptions = IngestOptions(), inventory: ClusterInventory = ClusterInventory(),
                title: String = "Stage report") {
        self.ingest = ingest
        self.inventory = inventory
        self.title = title
    }

    /// The summary, the kept runs in canonical order (for renderers that list host outcomes,
    /// such as JUnit) and the inputs that could not be read.
    public struct Output: Sendable {
        public var summary: Summary
        public var runs: [StageRun]
        public var inputErrors: [InputError]
    }

    public func run(_ inputs: [String], generatedAt: Timestamp) -> Output {
        let read = Ingestor(options: ingest).ingest(inputs)
        let (runs, duplicates) = RunDeduplicator.resolve(read.runs)
        var builder = SummaryBuilder(inventory: inventory)
        for run in runs { builder.add(run) }
        var counts = InputCounts()
        counts.files = read.files
        counts.documents = read.documents
        counts.duplicates = duplicates
        counts.rejected = read.rejections.count
        counts.withoutResult = read.withoutResult
        counts.otherOperations = read.otherOperations
        counts.bytes = read.bytes
        let summary = builder.summary(title: title, generatedAt: generatedAt, inputs: counts, rejected: read.rejections)
        return Output(summary: summary, runs: runs, inputErrors: read.inputErrors)
    }
}
