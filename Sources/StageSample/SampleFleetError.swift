/// Why a fleet could not be written; every case names the offending value or path.
public enum SampleFleetError: Error, Equatable, CustomStringConvertible {
    case invalidSpec(field: String, value: String, reason: String)
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWriteFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidSpec(field, value, reason):
            return "invalid sample fleet spec: \(field) = \(value): \(reason)"
        case let .cannotCreateDirectory(path, reason):
            return "cannot create directory \(path): \(reason)"
        case let .cannotWriteFile(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
