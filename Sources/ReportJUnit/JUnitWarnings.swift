import StageModel

/// The warnings of one run as the text of its suite's `<system-out>`: the run's own warning
/// notifications, then each succeeded or skipped host's warnings, one line each.
enum JUnitWarnings {
    static func text(run: StageRun, hosts: UnsafeBufferPointer<HostResult>) -> String {
        var lines: [String] = []
        for n in run.notifications where n.kind == .warning {
            lines.append("Warning (run): " + line(n.reason))
        }
        for i in hosts.indices {
            let host = hosts.baseAddress! + i
            guard !host.pointee.warnings.isEmpty else { continue }
            let name = JUnitText.token(host.pointee.id)
            for warning in host.pointee.warnings {
                lines.append("Warning (host \(name)): " + line(warning))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ reason: Reason) -> String {
        let id = JUnitText.token(reason.id)
        guard let message = JUnitText.nonBlank(reason.message) else { return id }
        return id + ": " + JUnitText.firstLine(message)
    }
}
