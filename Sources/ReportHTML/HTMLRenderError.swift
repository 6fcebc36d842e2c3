import Files

/// Why the HTML report could not be rendered or written. Every template case names the file
/// (as the user would open it) and, where there is one, the line and column.
public enum HTMLRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--templates DIR` names something that is not a readable directory.
    case templateDirectoryNotFound(path: String)
    /// `--templates DIR` holds no `*.mustache` file at all: almost certainly the wrong folder.
    case noTemplates(directory: String)
    /// A template file exists but could not be read or is not UTF-8.
    case unreadableTemplate(file: String, reason: String)
    /// The Mustache parser rejected a template.
    case templateSyntax(file: String, line: Int, column: Int, problem: String, sourceLine: String)
    /// `{{> name}}` refers to a template that exists neither in the directory nor built in.
    /// swift-mustache would silently render nothing for it, so it is caught before rendering.
    case missingPartial(file: String, line: Int, partial: String)
    /// The output directory could not be created.
    case outputDirectory(path: String, reason: String)
    /// A report file could not be written.
    case output(FileError)

    public var description: String {
        switch self {
        case .templateDirectoryNotFound(let path):
            return "template directory not found: \(path)"
        case .noTemplates(let directory):
            return "no *.mustache templates in \(directory)"
        case .unreadableTemplate(let file, let reason):
            return "\(file): cannot read template: \(reason)"
        case .templateSyntax(let file, let line, let column, let problem, let sourceLine):
            return "\(file):\(line):\(column): template error: \(problem)\n    \(sourceLine)"
        case .missingPartial(let file, let line, let partial):
            return "\(file):\(line): partial '\(partial)' not found (looked for \(partial).mustache)"
        case .outputDirectory(let path, let reason):
            return "cannot create output directory \(path): \(reason)"
        case .output(let error):
            return error.writeFailure
        }
    }
}
