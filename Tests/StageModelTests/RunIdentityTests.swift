import StageModel
import Testing

/// Run identity and the canonical run order (docs/summary-json.md "Canonical run order").
@Suite("RunIdentity: identity and canonical order")
struct RunIdentityTests {
    private func id(_ start: Int64?, _ vc: String = "vc", _ cluster: String = "c", _ commit: String? = "1")
        -> RunIdentity
    {
        RunIdentity(vcenter: vc, clusterID: cluster, commit: commit, start: start.map(Timestamp.init(milliseconds:)))
    }

    /// Revision 2: a run without a start is kept and ordered last.
    @Test func aRunWithoutStartSortsLast() {
        #expect(id(Int64.max - 1, "zz") < id(nil))
        #expect(id(Int64.max) < id(nil, ""))
        #expect(id(-86_400_000) < id(nil))
        #expect(!(id(nil) < id(0)))
    }

    /// A run without a commit (a task saved without a result) comes first among its start,
    /// vCenter and cluster.
    @Test func aRunWithoutCommitSortsFirstAmongItsPlace() {
        #expect(id(5, "vc", "c", nil) < id(5, "vc", "c", ""))
        #expect(id(5, "vc", "c", nil) < id(5, "vc", "c", "1"))
        #expect(!(id(5, "vc", "c", "1") < id(5, "vc", "c", nil)))
        #expect(id(5, "vc", "b", "9") < id(5, "vc", "c", nil))
        #expect(!(id(5, "vc", "c", nil) < id(5, "vc", "c", nil)))
    }

    @Test func startThenVCenterThenClusterThenCommit() {
        let ordered = [
            id(5, "a", "z", "9"), id(5, "b", "a", "1"), id(5, "b", "b", nil), id(5, "b", "b", "1"),
            id(5, "b", "b", "10"), id(5, "b", "b", "2"),
            id(6, "", "", ""),
            id(nil, "a", "a", "1"), id(nil, "a", "b", "1"), id(nil, "b", "a", "1")
        ]
        #expect(ordered.shuffled().sorted() == ordered)
        for (i, a) in ordered.enumerated() {
            for (j, b) in ordered.enumerated() {
                #expect((a < b) == (i < j), "\(i) \(j)")
            }
        }
    }

    @Test func stringsCompareByUTF8Bytes() {
        // Unicode canonical order would put "é" (U+00E9) next to "e"; bytes put it after "z".
        #expect(id(1, "z") < id(1, "\u{e9}"))
        #expect(id(1, "Z") < id(1, "a"))
        #expect(id(1, "vc", "domain-c10") < id(1, "vc", "domain-c9"))
    }

    @Test func theSameInstantIsTheSameIdentity() {
        let a = RunIdentity(
            vcenter: "vc", clusterID: "c", commit: "1", start: Timestamp(iso8601: "2026-01-05T01:00:00+01:00"))
        let b = RunIdentity(
            vcenter: "vc", clusterID: "c", commit: "1", start: Timestamp(iso8601: "2026-01-05T00:00:00.000Z"))
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(!(a < b) && !(b < a))
    }

    @Test func identityOfARun() {
        let run = StageRun(
            source: DocumentSource(path: "p"), vcenter: "vc", clusterID: "c", commit: "7", taskStatus: "SUCCEEDED",
            start: Timestamp(milliseconds: 9), end: Timestamp(milliseconds: 10))
        #expect(
            run.identity == RunIdentity(vcenter: "vc", clusterID: "c", commit: "7", start: Timestamp(milliseconds: 9)))
        #expect(run.header.identity == run.identity)
        #expect(run.header.end == run.end && run.header.isFinished && run.header.source == run.source)
    }

    @Test func differentFieldsAreDifferentIdentities() {
        let all = [id(1), id(2), id(1, "vc2"), id(1, "vc", "c2"), id(1, "vc", "c", "2"), id(nil), id(1, "vc", "c", nil)]
        #expect(Set(all).count == all.count)
    }
}
