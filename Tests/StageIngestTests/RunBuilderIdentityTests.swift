import StageIngest
import StageModel
import Testing

/// The identity of a run (report-semantics §1 "Identity of a run"): vCenter, cluster id and
/// name, commit, run start and end, from the document, its annotations and the command line.
@Suite("RunBuilder: identity, annotations and defaults")
struct RunBuilderIdentityTests {
    struct ClusterCase: Sendable, CustomTestStringConvertible {
        var target: String?
        var annotation: String?
        var fallback: String?
        var expected: String
        var testDescription: String {
            "target \(target.debugDescription), cluster \(annotation.debugDescription), "
                + "default \(fallback.debugDescription)"
        }
    }

    /// target.id > cluster annotation > default > "unknown"; empty strings count as absent.
    static let clusterCases: [ClusterCase] = [
        ClusterCase(target: "t", annotation: "a", fallback: "d", expected: "t"),
        ClusterCase(target: nil, annotation: "a", fallback: "d", expected: "a"),
        ClusterCase(target: "", annotation: "a", fallback: "d", expected: "a"),
        ClusterCase(target: nil, annotation: nil, fallback: "d", expected: "d"),
        ClusterCase(target: "", annotation: "", fallback: "d", expected: "d"),
        ClusterCase(target: nil, annotation: nil, fallback: nil, expected: "unknown"),
        ClusterCase(target: "", annotation: "", fallback: nil, expected: "unknown"),
        ClusterCase(target: nil, annotation: nil, fallback: "", expected: "unknown")
    ]

    @Test("Cluster id precedence", arguments: clusterCases)
    func clusterPrecedence(c: ClusterCase) throws {
        var annotations: [(String, J)] = []
        if let a = c.annotation { annotations.append(("cluster", .string(a))) }
        let task = Doc.task(Doc.result(names: [("host-1", "a")]), cluster: c.target, extra: annotations)
        let run = try #require(try onlyRun(task, defaults: DocumentDefaults(clusterID: c.fallback)))
        #expect(run.clusterID == c.expected)
        #expect(run.notes(.unknownCluster).count == (c.expected == "unknown" ? 1 : 0))
    }

    @Test("The same precedence in the /rest form, annotations next to value", arguments: clusterCases)
    func clusterPrecedenceRest(c: ClusterCase) throws {
        var annotations: [(String, J)] = []
        if let a = c.annotation { annotations.append(("cluster", .string(a))) }
        let doc = Doc.rest(Doc.task(Doc.result(), cluster: c.target), annotations: annotations)
        let run = try #require(try onlyRun(doc, defaults: DocumentDefaults(clusterID: c.fallback)))
        #expect(run.clusterID == c.expected)
        #expect(run.notes(.unknownCluster).count == (c.expected == "unknown" ? 1 : 0))
    }

    @Test func bareResultTakesTheClusterFromTheAnnotationOrTheDefault() throws {
        let annotated = try #require(
            try onlyRun(
                Doc.result(extra: [("cluster", "domain-c7")]),
                defaults: DocumentDefaults(clusterID: "domain-c99")))
        #expect(annotated.clusterID == "domain-c7")
        let defaulted = try #require(
            try onlyRun(Doc.result(), defaults: DocumentDefaults(vcenter: "vc", clusterID: "domain-c99")))
        #expect(defaulted.clusterID == "domain-c99")
        #expect(defaulted.notes.isEmpty)
        let unknown = try #require(try onlyRun(Doc.result()))
        #expect(unknown.clusterID == "unknown")
        #expect(unknown.notes.map(\.kind) == [.unknownCluster])
    }

    @Test func targetIDThatIsNotAStringCountsAsAbsent() throws {
        let doc = Doc.task(
            Doc.result(), cluster: nil,
            extra: [
                ("target", ["type": "ClusterComputeResource", "id": 8]),
                ("cluster", "domain-c2")
            ])
        #expect(try onlyRun(doc)?.clusterID == "domain-c2")
        let noObject = Doc.task(Doc.result(), cluster: nil, extra: [("target", "domain-c3")])
        #expect(try onlyRun(noObject)?.clusterID == "unknown")
    }

    @Test(
        "vCenter: annotation, else default, else empty",
        arguments: [
            ("vc-a", "vc-d", "vc-a"), (nil, "vc-d", "vc-d"), ("", "vc-d", "vc-d"), (nil, nil, ""), ("", nil, "")
        ] as [(String?, String?, String)])
    func vcenterPrecedence(annotation: String?, fallback: String?, expected: String) throws {
        let extra: [(String, J)] = annotation.map { [("vcenter", .string($0))] } ?? []
        for form in WireForm.allCases {
            let run = try #require(
                try onlyRun(
                    form.document(Doc.result(), annotations: extra),
                    defaults: DocumentDefaults(vcenter: fallback)))
            #expect(run.vcenter == expected, "\(form)")
        }
    }

    @Test func clusterNameComesOnlyFromANonEmptyAnnotation() throws {
        for form in WireForm.allCases {
            #expect(
                try onlyRun(form.document(Doc.result(), annotations: [("cluster_name", "Prod A")]))?.clusterName
                    == "Prod A")
            #expect(try onlyRun(form.document(Doc.result(), annotations: [("cluster_name", "")]))?.clusterName == nil)
            #expect(try onlyRun(form.document(Doc.result()))?.clusterName == nil)
        }
    }

    @Test func repeatedAnnotationsLastWins() throws {
        let doc = Doc.result(extra: [("vcenter", "vc-1"), ("cluster", "c-1"), ("vcenter", "vc-2"), ("cluster", "c-2")])
        let run = try #require(try onlyRun(doc))
        #expect(run.vcenter == "vc-2")
        #expect(run.clusterID == "c-2")
    }

    // MARK: Run start and end

    private let hosts: [(String, J)] = [
        ("host-1", Doc.status("OK", start: "2026-03-01T10:00:05Z", end: "2026-03-01T10:20:00Z")),
        ("host-2", Doc.status("OK", start: "2026-03-01T10:00:02Z", end: "2026-03-01T10:25:00Z")),
        ("host-3", Doc.status("RUNNING"))
    ]

    @Test func taskTimesComeFirst() throws {
        let result = Doc.result(
            statuses: hosts, aggregate: Doc.status("OK", start: "2026-03-01T09:59:00Z", end: "2026-03-01T10:30:00Z"))
        let run = try #require(
            try onlyRun(
                Doc.task(
                    result, start: "2026-03-01T09:58:00Z", end: "2026-03-01T10:31:00Z",
                    lastUpdate: "2026-03-01T10:32:00Z")))
        #expect(run.start == Timestamp(iso8601: "2026-03-01T09:58:00Z"))
        #expect(run.end == Timestamp(iso8601: "2026-03-01T10:31:00Z"))
        #expect(run.lastUpdate == Timestamp(iso8601: "2026-03-01T10:32:00Z"))
    }

    @Test func aggregateTimesComeNext() throws {
        let result = Doc.result(
            statuses: hosts, aggregate: Doc.status("OK", start: "2026-03-01T09:59:00Z", end: "2026-03-01T10:30:00Z"))
        // A task start that does not parse counts as absent, and is not a data-quality note.
        let run = try #require(try onlyRun(Doc.task(result, start: "yesterday", end: nil)))
        #expect(run.start == Timestamp(iso8601: "2026-03-01T09:59:00Z"))
        #expect(run.end == Timestamp(iso8601: "2026-03-01T10:30:00Z"))
        #expect(run.lastUpdate == nil)
        #expect(run.notes(.invalidTime).isEmpty)
    }

    @Test func hostTimesComeLast() throws {
        let run = try #require(try onlyRun(Doc.task(Doc.result(statuses: hosts), start: nil)))
        #expect(run.start == Timestamp(iso8601: "2026-03-01T10:00:02Z")) // earliest host start
        #expect(run.end == Timestamp(iso8601: "2026-03-01T10:25:00Z")) // latest host end
        let bare = try #require(try onlyRun(Doc.result(statuses: hosts, extra: [("cluster", "c")])))
        #expect(bare.start == run.start && bare.end == run.end)
    }

    @Test func runWithoutAnyTimeHasNoStart() throws {
        let run = try #require(
            try onlyRun(Doc.task(Doc.result(statuses: [("host-1", Doc.status("RUNNING"))]), start: nil)))
        #expect(run.start == nil)
        #expect(run.end == nil)
    }

    @Test func commitIsKeptAsAString() throws {
        for commit in ["5", "0010", "config-commit-2", ""] {
            #expect(try onlyRun(Doc.task(Doc.result(commit: .string(commit))))?.commit == commit)
        }
    }
}
