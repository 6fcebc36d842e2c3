import Foundation
import TestHelpers
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// File permissions only bite an unprivileged process. Under root (CI containers), the tool is
/// run through `setpriv` as `nobody`; elsewhere it runs as is.
enum Privileges {
    static let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]

    /// The command prefix that makes the tool subject to file permissions. Under root without
    /// `setpriv` the test is skipped (or fails under STAGE_REPORT_REQUIRE_TOOLS=1); a binary that
    /// `nobody` cannot run (a clone below a private directory) is a failure that says so.
    static func unprivilegedPrefix() throws -> [String] {
        guard getuid() == 0 else { return [] }
        let prefix = [try ExternalTool.setpriv.require()] + nobody
        let probe = try ProcessRunner.run(["--version"], prefix: prefix, timeout: 60)
        guard probe.exitCode == 0 else {
            throw RunnerError(
                "nobody cannot run \(Repository.stageReportBinary) through setpriv (clone the repository "
                    + "where every user can read it): \(probe)")
        }
        return prefix
    }
}
