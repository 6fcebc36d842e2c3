import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File permissions only bite an unprivileged process. Under root (CI containers), the tool is
/// run through `setpriv` as `nobody`; elsewhere it runs as is.
enum Privileges {
    static let nobody: [String] = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// The command prefix that makes the tool subject to file permissions, or `nil` when that
    /// is impossible here (root without a usable `setpriv`, or a binary `nobody` cannot run).
    static let unprivilegedPrefix: [String]? = {
        guard getuid() == 0 else { return [] }
        guard FileManager.default.isExecutableFile(atPath: nobody[0]),
              let r = try? ToolRunner.run(["--version"], prefix: nobody, timeout: 60), r.exitCode == 0
        else { return nil }
        return nobody
    }()

    static var canDropPrivileges: Bool { unprivilegedPrefix != nil }
}
