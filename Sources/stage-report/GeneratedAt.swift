import ArgumentParser
import Foundation
import StageModel

/// Where `generated_at` comes from: `--now`, else `SOURCE_DATE_EPOCH`, else the clock, so
/// that reproducible builds and golden reports get the same bytes.
enum GeneratedAt {
    static func resolve(
        now: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        fallback: Timestamp? = nil
    ) throws -> Timestamp {
        if let now {
            guard let t = Timestamp(iso8601: now) else {
                throw ValidationError("--now '\(now)' is not an ISO 8601 date-time such as 2026-11-29T06:00:00Z")
            }
            return t
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds")
            }
            return Timestamp(milliseconds: seconds * 1_000)
        }
        if let fallback { return fallback }
        return Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down)))
    }
}
