/// A waiver file that cannot be used, with every problem found in it (in file order), so that
/// one run of the tool shows them all. A usage error: the caller exits 2 and writes no report.
public struct WaiverFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Never empty.
    public var problems: [WaiverFileProblem]

    public init(problems: [WaiverFileProblem]) { self.problems = problems }

    /// One line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
