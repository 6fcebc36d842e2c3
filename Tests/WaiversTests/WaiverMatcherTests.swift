import StageModel
import Testing
import Waivers

/// Matching candidates to waivers: every key, id or name, runs without hosts, file order,
/// expiry, and the cached matcher agreeing with the definition on many candidates.
@Suite("WaiverMatcher")
struct WaiverMatcherTests {
    static let insufficientSpace = "com.vmware.vcIntegrity.lifecycle.StageTask.Host.InsufficientSpace"
    static let depotConnect = "com.vmware.vcIntegrity.lifecycle.DepotConnectErrorV2"
    /// 2026-12-07T12:00:00Z.
    static let now = Timestamp(iso8601: "2026-12-07T12:00:00Z")!

    /// A set from `entries`, each `(match, expires)` with the match in YAML flow form.
    static func waivers(_ entries: [(match: String, expires: String)]) throws -> WaiverSet {
        var text = "waivers:\n"
        for entry in entries {
            text += "  - match: \(entry.match)\n    owner: o\n    justification: j\n    expires: \(entry.expires)\n"
        }
        return try WaiverSet(parsing: text, file: "w.yaml")
    }

    static func host(
        _ hostName: String, id: String = "host-1", vcenter: String = "vc01.example.com",
        cluster: String = "domain-c8", clusterName: String? = "Production West", reason: String? = insufficientSpace,
        commit: String = "7"
    ) -> WaiverCandidate {
        WaiverCandidate(
            vcenter: vcenter, clusterID: cluster, clusterName: clusterName, hostID: id, hostName: hostName,
            reasonID: reason, commit: commit)
    }

    static func verdict(_ set: WaiverSet, _ candidate: WaiverCandidate, now: Timestamp = now) -> WaiverVerdict {
        let index = WaiverIndex(set, now: now)
        var matcher = index.makeMatcher()
        let cached = matcher.verdict(for: candidate)
        #expect(cached == index.verdict(for: candidate))
        #expect(cached == matcher.verdict(for: candidate))
        return cached
    }

    @Test func byHostGlobOnNameOrID() throws {
        let set = try Self.waivers([("{host: 'esx-0[1-4].*'}", "2027-01-31")])
        #expect(Self.verdict(set, Self.host("esx-03.dc0.example.com")).waivedBy == 0)
        #expect(Self.verdict(set, Self.host("esx-05.dc0.example.com")) == .none)
        let byID = try Self.waivers([("{host: 'host-1?'}", "2027-01-31")])
        #expect(Self.verdict(byID, Self.host("esx-99", id: "host-12")).waivedBy == 0)
        #expect(Self.verdict(byID, Self.host("esx-99", id: "host-2")) == .none)
    }

    @Test func byNotificationID() throws {
        let set = try Self.waivers([("{reason: \(Self.insufficientSpace)}", "2027-01-31")])
        #expect(Self.verdict(set, Self.host("esx-01")).waivedBy == 0)
        #expect(Self.verdict(set, Self.host("esx-01", reason: Self.depotConnect)) == .none)
        #expect(Self.verdict(set, Self.host("esx-01", reason: nil)) == .none)
        let glob = try Self.waivers([("{reason: '*.Host.*'}", "2027-01-31")])
        #expect(Self.verdict(glob, Self.host("esx-01")).waivedBy == 0)
        #expect(Self.verdict(glob, Self.host("esx-01", reason: Self.depotConnect)) == .none)
    }

    @Test func byClusterIDOrName() throws {
        let byName = try Self.waivers([("{cluster: Production West}", "2027-01-31")])
        #expect(Self.verdict(byName, Self.host("esx-01")).waivedBy == 0)
        #expect(Self.verdict(byName, Self.host("esx-01", clusterName: nil)) == .none)
        #expect(Self.verdict(byName, Self.host("esx-01", clusterName: "Production East")) == .none)
        let byID = try Self.waivers([("{cluster: domain-c8}", "2027-01-31")])
        #expect(Self.verdict(byID, Self.host("esx-01", clusterName: nil)).waivedBy == 0)
        #expect(Self.verdict(byID, Self.host("esx-01", cluster: "domain-c9")) == .none)
    }

    @Test func byCommitAndVCenter() throws {
        let set = try Self.waivers([("{commit: 7, vcenter: 'vc0[12].*'}", "2027-01-31")])
        #expect(Self.verdict(set, Self.host("esx-01")).waivedBy == 0)
        #expect(Self.verdict(set, Self.host("esx-01", commit: "8")) == .none)
        #expect(Self.verdict(set, Self.host("esx-01", vcenter: "vc03.example.com")) == .none)
    }

    @Test func everyGivenKeyMustMatch() throws {
        let set = try Self.waivers([("{host: 'esx-*', reason: \(Self.depotConnect)}", "2027-01-31")])
        #expect(Self.verdict(set, Self.host("esx-01")) == .none)
        #expect(Self.verdict(set, Self.host("esx-01", reason: Self.depotConnect)).waivedBy == 0)
    }

    @Test func aWaiverWithAHostNeverMatchesARun() throws {
        let set = try Self.waivers([("{host: '*'}", "2027-01-31"), ("{cluster: domain-c8}", "2027-01-31")])
        let run = WaiverCandidate(vcenter: "vc01", clusterID: "domain-c8", reasonID: "x", commit: "7")
        #expect(Self.verdict(set, run).waivedBy == 1)
        let onlyHost = try Self.waivers([("{host: '*'}", "2027-01-31")])
        #expect(Self.verdict(onlyHost, run) == .none)
    }

    @Test func theFirstUnexpiredWaiverInFileOrderWins() throws {
        let set = try Self.waivers([
            ("{host: 'esx-9*'}", "2027-01-31"), ("{host: 'esx-0*'}", "2027-01-31"),
            ("{cluster: domain-c8}", "2027-01-31")
        ])
        #expect(Self.verdict(set, Self.host("esx-01")).waivedBy == 1)
        #expect(Self.verdict(set, Self.host("esx-11")).waivedBy == 2)
    }

    @Test func expiredWaiversWaiveNothingAndAreRecorded() throws {
        let set = try Self.waivers([("{host: 'esx-0*'}", "2026-12-06"), ("{cluster: domain-c8}", "2026-12-07")])
        // The last day is included, in UTC: on 2026-12-07 the second still applies.
        #expect(Self.verdict(set, Self.host("esx-01")) == WaiverVerdict(waivedBy: 1, expiredMatch: 0))
        #expect(Self.verdict(set, Self.host("esx-11")) == WaiverVerdict(waivedBy: 1, expiredMatch: nil))
        let lastMillisecond = Timestamp(iso8601: "2026-12-07T23:59:59.999Z")!
        #expect(Self.verdict(set, Self.host("esx-11"), now: lastMillisecond).waivedBy == 1)
        let nextDay = Timestamp(iso8601: "2026-12-08T00:00:00Z")!
        #expect(Self.verdict(set, Self.host("esx-01"), now: nextDay) == WaiverVerdict(waivedBy: nil, expiredMatch: 0))
        #expect(Self.verdict(set, Self.host("esx-01"), now: nextDay).isWaived == false)
    }

    @Test func candidatesFromTheModel() throws {
        let run = StageRun(
            source: DocumentSource(path: "a.json"), vcenter: "vc01", clusterID: "domain-c8", commit: "7")
        let host = HostResult(id: "host-12", name: "esx-01", outcome: .failed, reason: Reason(id: "r"))
        let candidate = WaiverCandidate(run: run, host: host, clusterName: "West")
        #expect(
            candidate
                == WaiverCandidate(
                    vcenter: "vc01", clusterID: "domain-c8", clusterName: "West", hostID: "host-12", hostName: "esx-01",
                    reasonID: "r", commit: "7"))
        let whole = WaiverCandidate(run: run, clusterName: nil, reasonID: "t")
        #expect(whole.hostID == nil && whole.hostName == nil && whole.reasonID == "t")
    }

    /// The index (exact values hashed, globs per distinct value, cached) against the plain
    /// definition (`WaiverMatch.matches`, first in file order) on every candidate of a grid.
    @Test func theIndexAgreesWithTheDefinition() throws {
        let set = try Self.waivers([
            ("{host: 'esx-0[1-4]*', reason: '*Space'}", "2027-01-31"),
            ("{host: host-3}", "2026-01-01"),
            ("{cluster: 'Prod*', commit: '[78]'}", "2027-01-31"),
            ("{vcenter: vc02, host: 'esx-1?'}", "2027-01-31"),
            ("{reason: \(Self.depotConnect)}", "2026-12-01"),
            ("{cluster: domain-c9}", "2027-01-31"),
            ("{commit: '9'}", "2027-01-31"),
            ("{host: '[!e]*'}", "2027-01-31"),
            // Globs with heads of several lengths, one head shared, and none: the index tries a
            // value only on the globs whose head it starts with.
            ("{host: 'esx-1*', commit: '7'}", "2027-01-31"),
            ("{host: 'e*5'}", "2027-01-31"),
            ("{host: 'esx-0?', reason: '*Error*'}", "2027-01-31"),
            ("{host: '*ness'}", "2027-01-31"),
            ("{host: 'wit*s'}", "2027-01-31")
        ])
        let index = WaiverIndex(set, now: Self.now)
        var matcher = index.makeMatcher()
        var waived = 0, compared = 0
        for vc in ["vc01", "vc02"] {
            for cluster in ["domain-c8", "domain-c9"] {
                for clusterName in ["Production West", "Test", nil] as [String?] {
                    for host in ["esx-01", "esx-05", "esx-12", "host-3", "witness", nil] as [String?] {
                        for reason in [Self.insufficientSpace, Self.depotConnect, nil] as [String?] {
                            for commit in ["7", "9"] {
                                let c = WaiverCandidate(
                                    vcenter: vc, clusterID: cluster, clusterName: clusterName,
                                    hostID: host.map { "id-" + $0 }, hostName: host, reasonID: reason, commit: commit)
                                let matching = set.waivers.filter { $0.match.matches(c) }
                                let expected = WaiverVerdict(
                                    waivedBy: matching.first { !$0.isExpired(at: Self.now) }?.position,
                                    expiredMatch: matching.first { $0.isExpired(at: Self.now) }?.position)
                                #expect(matcher.verdict(for: c) == expected)
                                compared += 1
                                if expected.isWaived { waived += 1 }
                            }
                        }
                    }
                }
            }
        }
        #expect(compared == 432)
        #expect(waived > 100 && waived < compared)
    }

    @Test func moreThan64Waivers() throws {
        var entries: [(match: String, expires: String)] = (0..<130).map { ("{host: esx-\($0)}", "2027-01-31") }
        entries.append(("{host: 'esx-12?'}", "2027-01-31"))
        let set = try Self.waivers(entries)
        #expect(Self.verdict(set, Self.host("esx-129")).waivedBy == 129)
        #expect(Self.verdict(set, Self.host("esx-70")).waivedBy == 70)
        #expect(Self.verdict(set, Self.host("esx-123")).waivedBy == 123)
        #expect(Self.verdict(set, Self.host("esx-12x")).waivedBy == 130)
        #expect(Self.verdict(set, Self.host("esx-130")) == .none)
    }

    /// The matcher keeps one answer per host id for its place (vCenter, cluster, name): the same
    /// id seen in another place, or under another name, is answered for that place.
    @Test func aHostIDSeenElsewhereIsAnsweredAnew() throws {
        let set = try Self.waivers([("{cluster: West, host: 'esx-0*'}", "2027-01-31")])
        var matcher = WaiverIndex(set, now: Self.now).makeMatcher()
        let here = Self.host("esx-01", id: "host-9", clusterName: "West")
        #expect(matcher.verdict(for: here).waivedBy == 0)
        #expect(matcher.verdict(for: Self.host("esx-01", id: "host-9", clusterName: "East")) == .none)
        #expect(matcher.verdict(for: Self.host("esx-11", id: "host-9", clusterName: "West")) == .none)
        #expect(matcher.verdict(for: Self.host("esx-01", id: "host-9", clusterName: nil)) == .none)
        #expect(matcher.verdict(for: here).waivedBy == 0)
    }

    @Test func anEmptySetWaivesNothing() {
        #expect(Self.verdict(WaiverSet(), Self.host("esx-01")) == .none)
    }
}
