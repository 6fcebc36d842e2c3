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
        for host in run.hosts {
            planned.add(JUnitCase.element(for: host.outcome))
            caseMilliseconds = caseMilliseconds.addingReportingOverflow(host.durationMilliseconds ?? 0).partialValue
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

        // The same for every case of the suite: made safe once.
        let classname = XMLSafeText(JUnitIdentity.classname(vcenter: run.vcenter, clusterID: run.clusterID))
        let names = JUnitIdentity.caseNames(run.hosts)
        var written = JUnitCounts()
        for i in run.hosts.indices {
            written.add(try writeCase(JUnitCase(host: run.hosts[i]), name: names[i], classname: classname, to: xml))
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
        try xml.startElement("properties")
        try writeProperty("vcenter", run.vcenter, to: xml)
        try writeProperty("cluster.id", run.clusterID, to: xml)
        try writeProperty("cluster.name", JUnitText.nonBlank(displayName) ?? run.clusterID, to: xml)
        try writeProperty("commit", run.commit, to: xml)
        try writeProperty("task.status", run.taskStatus ?? "", to: xml)
        try writeProperty("run.start", run.start?.iso8601 ?? "", to: xml)
        try writeProperty("run.end", run.end?.iso8601 ?? "", to: xml)
        for property in extraProperties {
            try writeProperty(property.name, property.value, to: xml)
        }
        try xml.endElement()
    }

    private func writeProperty(_ name: String, _ value: String, to xml: XMLStreamWriter) throws(OutputError) {
        try xml.startElement("property")
        try xml.attribute("name", name)
        try xml.attribute("value", value)
        try xml.endElement()
    }

    private func writeCase(_ testCase: JUnitCase, name: String, classname: XMLSafeText,
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
