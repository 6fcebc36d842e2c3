// Times waiver matching on a synthetic fleet of the 100 MB benchmark's shape (issue 19: "with
// 500 waivers, half of them globs, matching must cost little"). Not a test: it prints numbers.
//
//   swift build -c release --product waivers-benchmark
//   .build/release/waivers-benchmark [--runs N] [--no-plain]
//
// The fleet: 10 vCenters × 50 clusters × 20 hosts (10,000 hosts, as `Scripts/benchmark.sh`
// generates), N runs per host (default 17, the nights of the 100 MB fleet: 170,000 host
// outcomes, where that fleet has 167,688), of which about 5.5 % fail (the sample fleet's rate).
// `--runs 200` makes 2,000,000 outcomes, a stress case. Names and ids have the sample fleet's
// forms. The waivers: 500, 250 exact and 250 globs, over every key, some expired. Matching is
// timed on one thread for the failures (what a report matches) and, as an upper bound, for
// every outcome; and the plain definition (every waiver tried in file order, no index) on the
// failures, for scale (`--no-plain` leaves it out). Times are the thread's CPU time (the machine
// is shared: wall time counts other programs' turns), the least of three runs, each with a new
// matcher and so an empty cache, over candidates built beforehand.
import Foundation
import StageModel
import StageSample
import Waivers

struct FleetHost {
    let vcenter: String
    let clusterID: String
    let clusterName: String
    let id: String
    let name: String
}

let sites = ["ams", "fra", "lon", "par", "mad", "zürich", "dub", "osl"]
let roles = ["Compute", "Edge", "Management", "VDI", "Database"]
let reasons = [
    "com.vmware.vcIntegrity.lifecycle.DepotConnectErrorV2",
    "com.vmware.vcIntegrity.lifecycle.StageTask.Host.InsufficientSpace",
    "com.vmware.vcIntegrity.lifecycle.Download.Failed",
    "com.vmware.vcIntegrity.lifecycle.VibSignature.Invalid",
    "com.vmware.vcIntegrity.lifecycle.Depot.ValidationFailed",
    "com.vmware.vcIntegrity.lifecycle.VsanHealth.Failed",
    "com.vmware.vcIntegrity.lifecycle.HardwareSupport.Warning",
    "(unspecified)"
]
let arguments = CommandLine.arguments
let runsPerHost = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 17
let commits = 17

/// The whole benchmark, as one function so that its state is local (Swift 6 isolates top-level
/// variables to the main actor).
func benchmark() throws {
    var hosts: [FleetHost] = []
    var moref = 1000
    for v in 1...10 {
        let vcenter = "vc\(v < 10 ? "0" : "")\(v).dc\(v).example.com"
        for c in 1...50 {
            let site = sites[(v + c) % sites.count]
            let clusterID = "domain-c\(moref)"
            moref += 1
            let clusterName = "\(roles[c % roles.count]) \(site.uppercased()) \(c)"
            for h in 1...20 {
                let cc = c < 10 ? "0\(c)" : "\(c)", hh = h < 10 ? "0\(h)" : "\(h)"
                hosts.append(
                    FleetHost(
                        vcenter: vcenter, clusterID: clusterID, clusterName: clusterName, id: "host-\(moref)",
                        name: "esx-\(site)-c\(cc)-\(hh).dc\(v).example.com"))
                moref += 1
            }
        }
    }

    // 500 waivers: even positions exact values, odd ones globs; every seventh has expired.
    var rng = SampleRandom(seed: 19)
    var yaml = "waivers:\n"
    for i in 0..<500 {
        let host = hosts[rng.below(hosts.count)]
        let reason = reasons[rng.below(reasons.count)]
        let match: String
        switch (i % 2 == 0, (i / 2) % 5) {
        case (true, 0): match = "{host: \"\(host.name)\"}"
        case (true, 1): match = "{host: \(host.id), reason: \"\(reason)\"}"
        case (true, 2): match = "{cluster: \"\(host.clusterName)\"}"
        case (true, 3): match = "{reason: \"\(reason)\", commit: \"\(1 + rng.below(commits))\"}"
        case (true, _): match = "{vcenter: \(host.vcenter), cluster: \(host.clusterID)}"
        case (false, 0): match = "{host: \"esx-\(sites[rng.below(sites.count)])-c0[1-4]-*\"}"
        case (false, 1): match = "{host: \"esx-*-c\(10 + rng.below(40))-1?.dc\(1 + rng.below(10)).example.com\"}"
        case (false, 2): match = "{reason: \"*.\(reason.split(separator: ".").last!)\", cluster: \"domain-c1[0-2]*\"}"
        case (false, 3): match = "{vcenter: \"vc0[1-3].*\", commit: \"1?\", reason: \"*Depot*\"}"
        default: match = "{cluster: \"\(roles[rng.below(roles.count)]) [A-F]* \(rng.below(50))\"}"
        }
        let expires = i % 7 == 3 ? "2026-11-30" : "2027-0\(1 + i % 6)-15"
        yaml +=
            "  - match: \(match)\n    owner: owner-\(i % 13)\n    justification: benchmark\n    expires: \(expires)\n"
    }

    /// The least CPU time of this thread over `runs` runs of `body`, in seconds.
    func cpuSeconds(runs: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        var best = Double.infinity
        for _ in 0..<runs {
            let start = now()
            try body()
            best = min(best, now() - start)
        }
        return best
    }
    func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

    let file = FileManager.default.temporaryDirectory.appendingPathComponent("waivers-benchmark-\(getpid()).yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    var set = WaiverSet()
    let loadTime = try cpuSeconds { set = try WaiverSet.load(path: file.path) }
    let globs = set.waivers.filter { $0.match.terms.contains { $0.pattern.isGlob } }.count
    let now = Timestamp(iso8601: "2026-12-07T00:00:00Z")!
    var index: WaiverIndex!
    let indexTime = cpuSeconds { index = WaiverIndex(set, now: now) }

    // Every outcome of the fleet in run order (each run one of 17 commits), failures flagged.
    var all: [WaiverCandidate] = []
    var failed: [WaiverCandidate] = []
    var draw = SampleRandom(seed: 7)
    for run in 0..<runsPerHost {
        let commit = String(1 + run * commits / runsPerHost)
        for host in hosts {
            let fails = draw.below(1000) < 55
            let candidate = WaiverCandidate(
                vcenter: host.vcenter, clusterID: host.clusterID, clusterName: host.clusterName, hostID: host.id,
                hostName: host.name, reasonID: fails ? reasons[draw.below(reasons.count)] : nil, commit: commit)
            all.append(candidate)
            if fails { failed.append(candidate) }
        }
    }

    /// Matching time for `candidates` with a new matcher (an empty cache), recording a ledger.
    func timeMatching(_ candidates: [WaiverCandidate]) -> (Double, Int) {
        var waived = 0
        let time = cpuSeconds {
            var matcher = index.makeMatcher()
            var ledger = WaiverLedger(waiverCount: set.count)
            waived = 0
            for candidate in candidates {
                let verdict = matcher.verdict(for: candidate)
                if verdict.isWaived { waived += 1 }
                ledger.record(verdict, for: .hostOutcome)
            }
        }
        return (time, waived)
    }

    let (failureTime, waivedFailures) = timeMatching(failed)
    let (allTime, waivedAll) = timeMatching(all)

    var plainWaived = 0
    let plainTime = cpuSeconds(runs: 1) {
        guard !arguments.contains("--no-plain") else { return }
        for candidate in failed
        where set.waivers.first(where: { !$0.isExpired(at: now) && $0.match.matches(candidate) }) != nil {
            plainWaived += 1
        }
    }

    func perCandidate(_ time: Double, _ n: Int) -> String { String(format: "%.2f µs each", time / Double(n) * 1e6) }
    print("# \(arguments.dropFirst().joined(separator: " ")): thread CPU time, least of 3")
    print("fleet: \(hosts.count) hosts, \(all.count) host outcomes, \(failed.count) failed")
    print("waivers: \(set.count) (\(globs) with a glob); load \(ms(loadTime)), index \(ms(indexTime))")
    print(
        "matching the failures: \(ms(failureTime)), \(perCandidate(failureTime, failed.count)); "
            + "\(waivedFailures) waived")
    print("matching every outcome: \(ms(allTime)), \(perCandidate(allTime, all.count)); \(waivedAll) waived")
    if !arguments.contains("--no-plain") {
        print(
            "plain definition, no index, failures only: \(ms(plainTime)), \(perCandidate(plainTime, failed.count)); "
                + "\(plainWaived) waived "
                + (plainWaived == waivedFailures ? "(as the index)" : "(DIFFERS from the index)"))
    }
}

try benchmark()
