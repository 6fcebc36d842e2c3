import StageModel

/// Reads the documents of one in-memory buffer exactly as a file is read (BOM, JSON, arrays,
/// JSON Lines, every classification and rejection rule), keeping the results in memory.
/// The entry point of the fuzz target, and handy for tools that hold one payload.
public enum DocumentProbe {
    public struct Outcome: Sendable {
        public var documents: Int
        public var runs: [StageRun]
        public var rejections: [Rejection]
        public var withoutResult: Int
        public var otherOperations: Int
    }

    /// - Parameter jsonLines: read as JSON Lines (`.jsonl`); otherwise as a `.json` file.
    public static func read(
        _ bytes: UnsafeRawBufferPointer, jsonLines: Bool, path: String = "<probe>",
        defaults: DocumentDefaults = DocumentDefaults(),
        maxDocumentBytes: Int = IngestOptions.defaultMaxDocumentBytes
    ) -> Outcome {
        var reader = UnitReader(
            classifier: DocumentClassifier(defaults: defaults), store: nil, maxDocumentBytes: maxDocumentBytes)
        let file = InputFile(
            displayPath: path, path: nil, format: jsonLines ? .jsonLines : .json, size: bytes.count, preloaded: nil)
        var result = UnitResult()
        reader.process(ReadUnit(fileIndex: 0, file: file, range: nil), bytes, start: 0, end: bytes.count, into: &result)
        return Outcome(
            documents: result.documents, runs: reader.kept, rejections: result.rejections,
            withoutResult: result.withoutResult, otherOperations: result.otherOperations)
    }
}
