import SystemPackage

/// What a failed system call's `errno` means, in words: the one place that turns a code into
/// text.
public enum SystemError {
    /// The system's own message (`Permission denied`).
    public static func describe(_ code: Int32) -> String { Errno(rawValue: code).description }

    /// The message of an error a `SystemPackage` call threw.
    public static func describe(_ error: any Error) -> String {
        (error as? Errno)?.description ?? "\(error)"
    }

    /// The same in lower case for the codes a reader meets when an input cannot be read
    /// (`permission denied`), as input errors and rejections quote it inside a sentence.
    public static func describeInput(_ code: Int32) -> String {
        switch Errno(rawValue: code) {
        case .permissionDenied, .notPermitted: return "permission denied"
        case .noSuchFileOrDirectory: return "no such file or directory"
        case .notDirectory: return "not a directory"
        case .isDirectory: return "is a directory"
        case .tooManySymbolicLinkLevels: return "too many levels of symbolic links"
        default: return describe(code)
        }
    }
}
