import StageAggregation
import StageModel
import Testing
import TestHelpers

/// The host × night grid (`Summary.hostNights`): which hosts, which nights, and what a night
/// holds, now that a night is stored as a 12-byte cell.
@Suite("Host nights")
struct HostNightsTests {
    private func day(_ n: Int) -> String {
        Timestamp(milliseconds: ts("2026-03-01T02:00:00Z").milliseconds + Int64(n) * 86_400_000).iso8601
    }

    @Test func aNightHoldsItsDateLatestOutcomeAndCounts() throws {
        // Night 0: failed, then a retry that succeeded; night 1: timed out; night 2: skipped.
        let runs = [
            run(day(0), hosts: [host("h1", .failed)], order: 0),
            run(
                Timestamp(milliseconds: ts(day(0)).milliseconds + 3_600_000).iso8601, hosts: [host("h1", .succeeded)],
                order: 1),
            run(day(1), hosts: [host("h1", .timedOut)], order: 2),
            run(day(2), hosts: [host("h1", .skipped), host("h2", .succeeded)], order: 3)
        ]
        let s = summarize(runs)
        #expect(s.hostNights.count == 1, "h2 never failed")
        let h1 = try #require(s.hostNights.first)
        #expect(h1.key.host == "h1" && h1.failed == 2)
        #expect(h1.nights.map(\.date) == ["2026-03-01", "2026-03-02", "2026-03-03"])
        #expect(h1.nights.map(\.latest) == [.succeeded, .timedOut, .skipped])
        var first = OutcomeCounts()
        first.add(.failed)
        first.add(.succeeded)
        #expect(h1.nights[0].outcomes == first)
        #expect(h1.nights.map(\.outcomes.total) == [2, 1, 1])
    }

    @Test func onlyTheLatestMonthOfNightsIsKept() {
        let runs = (0..<40).map { run(day($0), hosts: [host("h1", $0 % 2 == 0 ? .failed : .succeeded)], order: $0) }
        let nights = summarize(runs).hostNights.first?.nights ?? []
        #expect(nights.count == HostNights.keptNights)
        #expect(nights.first?.date == String(day(40 - HostNights.keptNights).prefix(10)))
        #expect(nights.last?.date == "2026-04-09")
    }

    @Test func theInitializerStoresWhatTheAccessorsReturn() {
        var outcomes = OutcomeCounts()
        outcomes[.failed] = 3
        outcomes[.skipped] = 1
        let night = HostNights.Night(date: "2027-12-31", latest: .skipped, outcomes: outcomes)
        #expect(night.date == "2027-12-31")
        #expect(night.latest == .skipped)
        #expect(night.outcomes == outcomes)
        #expect(night == HostNights.Night(date: "2027-12-31", latest: .skipped, outcomes: outcomes))
        #expect(night != HostNights.Night(date: "2028-01-01", latest: .skipped, outcomes: outcomes))
        #expect(night != HostNights.Night(date: "2027-12-31", latest: .failed, outcomes: outcomes))
    }

    @Test func countsSaturateAt255() {
        var outcomes = OutcomeCounts()
        outcomes[.succeeded] = 1_000
        let night = HostNights.Night(date: "1970-01-01", latest: .succeeded, outcomes: outcomes)
        #expect(night.outcomes[.succeeded] == 255)
    }
}
