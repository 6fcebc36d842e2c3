#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed system call's `errno` means, in words: the one place that turns a code into
/// text.
public enum SystemError {
    /// The system's own message (`Permission denied`), or `error N` for a code it does not know.
    public static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(validatingCString: text) ?? "error \(code)"
    }

    /// The same in lower case for the codes a reader meets when an input cannot be read
    /// (`permission denied`), as input errors and rejections quote it inside a sentence.
    public static func describeInput(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "not a directory"
        case EISDIR: return "is a directory"
        case ELOOP: return "too many levels of symbolic links"
        default: return describe(code)
        }
    }
}
