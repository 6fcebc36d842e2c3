import ReportCore
import StageAggregation
import StageModel

/// Result-element counts of one suite.
struct JUnitCounts: Equatable {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0

    mutating func add(_ element: JUnitCase.Element?) {
        tests += 1
        switch element {
        case .failure: failures += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        case nil: break
        }
    }
}

/// Writes one run as one `<testsuite>` of the profile both schemas accept (junit-conventions
/// §1.7, §5): `package`, `id`, `hostname` and `timestamp` on the suite, a non-empty
/// `<properties>`, the cases, then suite-level `<system-out/>` and `<system-err/>` (the Ant
/// schema requires both; nothing goes in them, and nothing goes in testcase-level ones, which
/// the Ant schema forbids).
struct JUnitSuiteWriter {
    var run: StageRun
    /// The cluster's display name from the summary.
    var displayName: String?
    /// 0-based position of the suite in its file.
    var id: Int
    var hostname: String
    /// Summary-wide properties (the quality-gate verdicts), repeated in every suite.
    var extraProperties: [(name: String, value: String)]

    /// Returns the counts written, which equal the counts on the start tag.
    @discardableResult
    func write(to xml: XMLStreamWriter) throws(OutputError) -> JUnitCounts {
        // The counts must be on the start tag, before any case is written. They come from the
        // same mapping that picks each case's element, and are checked against a tally of the
        // elements as they are written, so the attributes cannot drift from the content.
        var planned = JUnitCounts()
        var caseMilliseconds: Int64 = 0
        var nameUses: [String: Int] = [:]
        for host in run.hosts {
            planned.add(JUnitCase.element(for: host.outcome))
            caseMilliseconds = caseMilliseconds.addingReportingOverflow(host.durationMilliseconds ?? 0).partialValue
            nameUses[JUnitIdentity.caseName(host), default: 0] += 1
        }

        try xml.startElement("testsuite")
        try xml.attribute("name", JUnitIdentity.suiteName(displayName: displayName, clusterID: run.clusterID))
        try xml.attribute("package", JUnitIdentity.vcenterLabel(run.vcenter))
        try xml.attribute("id", String(id))
        try xml.attribute("hostname", hostname)
        try xml.attribute("timestamp", JUnitTime.timestamp(run.start))
        try xml.attribute("tests", String(planned.tests))
        try xml.attribute("failures", String(planned.failures))
        try xml.attribute("errors", String(planned.errors))
        try xml.attribute("skipped", String(planned.skipped))
        try xml.attribute("time", JUnitTime.suiteTime(run: run, caseMilliseconds: caseMilliseconds))
        try writeProperties(to: xml)

        let classname = JUnitIdentity.classname(vcenter: run.vcenter, clusterID: run.clusterID)
        var written = JUnitCounts()
        for host in run.hosts {
            let name = nameUses[JUnitIdentity.caseName(host), default: 0] > 1
                ? JUnitIdentity.disambiguatedCaseName(host) : JUnitIdentity.caseName(host)
            written.add(try writeCase(JUnitCase(host: host), name: name, classname: classname, to: xml))
        }
        guard written == planned else {
            throw OutputError(path: xml.path, reason: "internal error: suite \(id) announced \(planned) but wrote \(written)")
        }

        try xml.startElement("system-out")
        try xml.endElement()
        try xml.startElement("system-err")
        try xml.endElement()
        try xml.endElement()
        return written
    }

    /// Names are unique within a suite, which xunitparser asserts and junit-conventions §6.4
    /// asks for. Missing values are written as empty strings so every suite has the same keys.
    private func writeProperties(to xml: XMLStreamWriter) throws(OutputError) {
        let own: [(String, String)] = [
            ("vcenter", run.vcenter),
            ("cluster.id", run.clusterID),
            ("cluster.name", JUnitText.nonBlank(displayName) ?? run.clusterID),
            ("commit", run.commit),
            ("task.status", run.taskStatus ?? ""),
            ("run.start", run.start?.iso8601 ?? ""),
            ("run.end", run.end?.iso8601 ?? ""),
        ]
        try xml.startElement("properties")
        for (name, value) in own + extraProperties.map({ ($0.name, $0.value) }) {
            try xml.startElement("property")
            try xml.attribute("name", name)
            try xml.attribute("value", value)
            try xml.endElement()
        }
        try xml.endElement()
    }

    private func writeCase(_ testCase: JUnitCase, name: String, classname: String,
                           to xml: XMLStreamWriter) throws(OutputError) -> JUnitCase.Element? {
        try xml.startElement("testcase")
        try xml.attribute("name", name)
        try xml.attribute("classname", classname)
        try xml.attribute("time", testCase.time)
        if let result = testCase.result {
            switch result.element {
            case .failure: try xml.startElement("failure")
            case .error: try xml.startElement("error")
            case .skipped: try xml.startElement("skipped")
            }
            if let type = result.type { try xml.attribute("type", type) }
            try xml.attribute("message", result.message)
            try xml.text(result.body)
            try xml.endElement()
        }
        try xml.endElement()
        return testCase.result?.element
    }
}
