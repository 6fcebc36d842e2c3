import Foundation
import Testing
@testable import StageSample

@Suite("Realistic proportions")
struct ProportionTests {
    private let fleet = MediumFleet.shared

    private func share(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    @Test("the medium fleet was generated and read")
    func generated() {
        #expect(fleet.failure == nil)
        #expect(fleet.reading.unrecognised.isEmpty)
        #expect(fleet.stats.hostOutcomes > 15_000)
    }

    @Test("host outcomes have realistic shares")
    func outcomeShares() {
        let outcomes = fleet.reading.outcomes
        let total = outcomes.total
        #expect((0.82...0.93).contains(share(outcomes.succeeded, of: total)))
        #expect((0.03...0.08).contains(share(outcomes.skipped, of: total)))
        #expect((0.025...0.07).contains(share(outcomes.failed, of: total)))
        #expect((0.007...0.03).contains(share(outcomes.timedOut, of: total)))
        #expect(outcomes.inProgress > 0)
        #expect(outcomes.unknown > 0)
        #expect(share(outcomes.unknown, of: total) < 0.002)
    }

    @Test("the three wire forms are mixed about 70/20/10")
    func wireForms() {
        let kinds = fleet.reading.kinds
        let total = kinds.values.reduce(0, +)
        #expect((0.62...0.78).contains(share(kinds[.api, default: 0], of: total)))
        #expect((0.14...0.27).contains(share(kinds[.rest, default: 0], of: total)))
        #expect((0.05...0.15).contains(share(kinds[.bare, default: 0], of: total)))
    }

    @Test("about one run in 200 is saved twice")
    func duplicateRate() {
        let rate = share(fleet.reading.duplicates, of: fleet.reading.runs.count)
        #expect((0.002...0.012).contains(rate))
    }

    @Test("durations have a 3–15 minute body and a long tail")
    func durations() throws {
        var ok: [Double] = []
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (_, status, _) in fleet.hostStatuses() where status["status"] as? String == "OK" {
            guard let start = (status["start_time"] as? String).flatMap(formatter.date(from:)),
                let end = (status["end_time"] as? String).flatMap(formatter.date(from:))
            else { continue }
            ok.append(end.timeIntervalSince(start))
        }
        ok.sort()
        let count = Double(ok.count)
        let median = ok[ok.count / 2]
        #expect((300...720).contains(median), "median \(median) s")
        let body = ok.filter { (180...900).contains($0) }.count
        #expect(Double(body) / count > 0.75)
        let fast = ok.filter { $0 < 180 }.count
        #expect(fast > 0)
        let tail = ok.filter { $0 > 2_700 }.count
        #expect(tail > 0 && Double(tail) / count < 0.05)
        #expect((ok.last ?? 0) <= 7_200)
    }

    @Test("runs start between 01:00 and about 03:00 UTC")
    func startHours() {
        for run in fleet.reading.runs {
            guard let start = run.task?["start_time"] as? String else { continue }
            let hour = start.dropFirst(11).prefix(5)
            #expect(hour >= "00:58" && hour <= "03:06", "\(run.source) starts at \(start)")
        }
    }

    @Test("every time is ISO 8601 UTC with exactly three fractional digits")
    func timeFormat() {
        let pattern = #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#
        let keys: Set = ["start_time", "end_time", "last_update_time", "time", "scan_time"]
        var checked = 0
        fleet.walk { key, value, source in
            guard let key, keys.contains(key) else { return }
            checked += 1
            let text = value as? String ?? ""
            #expect(text.wholeMatch(of: pattern) != nil, "\(source): \(key) = \(text)")
        }
        #expect(checked > fleet.stats.hostOutcomes * 2)
    }

    @Test("commits are decimal strings that advance every few nights")
    func commits() {
        var byCluster: [String: Set<String>] = [:]
        for run in fleet.reading.runs {
            let commit = run.result["commit"] as? String ?? ""
            #expect(Int(commit) != nil)
            byCluster["\(run.vcenter)/\(run.cluster)", default: []].insert(commit)
        }
        #expect(byCluster.count == 40)
        // Thirty nights with a change every 2–6 nights: several commits per cluster.
        #expect(byCluster.values.allSatisfy { (3...16).contains($0.count) })
    }

    @Test("one cluster is noticeably worse than the rest")
    func troubledCluster() {
        var failures: [String: (bad: Int, all: Int)] = [:]
        for (_, status, run) in fleet.hostStatuses() {
            let bad = ["ERROR", "TIMED_OUT"].contains(status["status"] as? String ?? "")
            let key = "\(run.vcenter)/\(run.cluster)"
            failures[key, default: (0, 0)].bad += bad ? 1 : 0
            failures[key, default: (0, 0)].all += 1
        }
        let rates = failures.values.map { Double($0.bad) / Double(max(1, $0.all)) }.sorted()
        let worst = rates.last ?? 0
        let median = rates[rates.count / 2]
        #expect(worst > 0.12)
        #expect(worst > 2.5 * median)
    }
}
