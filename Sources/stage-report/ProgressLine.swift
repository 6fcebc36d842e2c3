import Foundation
import StageIngest
import Synchronization

/// A one-line progress display on standard error while reading, only when it is a terminal:
/// files, documents and MB/s, redrawn at most five times a second.
enum ProgressLine {
    private static let state = Mutex<(last: Double, start: Double, shown: Bool)>((0, 0, false))

    static func makeIfTerminal() -> (@Sendable (IngestProgress) -> Void)? {
        guard FileHandleOutput.standardErrorIsTerminal else { return nil }
        let start = Date().timeIntervalSince1970
        state.withLock { $0 = (0, start, false) }
        return { p in
            let now = Date().timeIntervalSince1970
            let draw = state.withLock { s -> Bool in
                guard now - s.last >= 0.2 || p.units == p.totalUnits else { return false }
                s.last = now
                s.shown = true
                return true
            }
            guard draw else { return }
            let elapsed = max(now - start, 0.001)
            let mbps = Double(p.bytes) / 1_048_576 / elapsed
            let line = String(
                format: "\r\u{1B}[K  reading: %d/%d files, %d documents, %.1f MB/s", p.units, p.totalUnits, p.documents,
                mbps)
            FileHandleOutput.standardErrorRaw(line)
        }
    }

    static func finish() {
        if state.withLock({ $0.shown }) { FileHandleOutput.standardErrorRaw("\r\u{1B}[K") }
    }
}
