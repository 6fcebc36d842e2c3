import Files
import StageAggregation
import StageModel
import Waivers

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
/// schema requires both; `<system-out>` lists the run's warnings, and nothing goes in
/// testcase-level ones, which the Ant schema forbids).
struct JUnitSuiteWriter {
    var run: StageRun
    /// The cluster's display name from the summary.
    var displayName: String?
    /// 0-based position of the suite in its file.
    var id: Int
    var hostname: String
    /// Summary-wide properties (the quality-gate verdicts), repeated in every suite.
    var extraProperties: [(name: String, value: String)]
    /// With a waiver file: the waiver of each host (by index) and of a hostless run's case, and
    /// the set they index; `nil` without one (and then nothing about waivers is written).
    var waivers: (texts: JUnitWaiverTexts, hosts: [Int?], run: Int?)?

    /// Returns the counts written, which equal the counts on the start tag.
    @discardableResult
    func write(to xml: XMLStreamWriter) throws(FileError) -> JUnitCounts {
        // The hosts are read in place: `for host in run.hosts` or `run.hosts[i]` passed on
        // copied every host (a handful of Strings to retain and release) several times.
        try run.hosts.withUnsafeBufferPointer { hosts throws(FileError) in try write(hosts, to: xml) }
    }

    private func write(_ hosts: UnsafeBufferPointer<HostResult>, to xml: XMLStreamWriter) throws(FileError)
        -> JUnitCounts
    {
        // The counts must be on the start tag, before any case is written. They come from the
        // same mapping that picks each case's element, and are checked against a tally of the
        // elements as they are written, so the attributes cannot drift from the content.
        var planned = JUnitCounts()
        var caseMilliseconds: Int64 = 0
        // A run without hosts is one case of its own, so that a failed stage task is seen.
        var runCase = hosts.isEmpty ? JUnitCase(run: run) : nil
        if let waivers, let position = waivers.run, let result = runCase?.result {
            runCase?.result = waivers.texts.waived(result, by: position)
        }
        if let runCase { planned.add(runCase.result?.element) }
        for i in hosts.indices {
            let host = hosts.baseAddress! + i
            planned.add(waivers?.hosts[i] != nil ? .skipped : JUnitCase.element(for: host.pointee.outcome))
            caseMilliseconds =
                caseMilliseconds.addingReportingOverflow(JUnitCase.durationMilliseconds(host)).partialValue
        }

        try xml.startElement("testsuite")
        try xml.attribute("name", JUnitIdentity.suiteName(displayName: displayName, clusterID: run.clusterID))
        try xml.attribute("package", JUnitIdentity.vcenterLabel(run.vcenter))
        try xml.attribute("id", id)
        try xml.attribute("hostname", hostname)
        try xml.attribute("timestamp", JUnitTime.timestamp(run.start))
        try xml.attribute("tests", planned.tests)
        try xml.attribute("failures", planned.failures)
        try xml.attribute("errors", planned.errors)
        try xml.attribute("skipped", planned.skipped)
        try xml.attribute("time", seconds: JUnitTime.suiteMilliseconds(run: run, caseMilliseconds: caseMilliseconds))
        try writeProperties(to: xml)

        // The same for every case of the suite: made safe once.
        let classname = XMLSafeText(JUnitIdentity.classname(vcenter: run.vcenter, clusterID: run.clusterID))
        let names = JUnitIdentity.caseNames(hosts)
        var written = JUnitCounts()
        if let runCase {
            written.add(
                try writeCase(runCase, name: XMLSafeText(JUnitCase.runCaseName), classname: classname, to: xml))
        }
        for i in hosts.indices {
            var testCase = JUnitCase(host: hosts.baseAddress! + i)
            if let waivers, let position = waivers.hosts[i], let result = testCase.result {
                testCase.result = waivers.texts.waived(result, by: position)
            }
            written.add(try writeCase(testCase, name: names[i], classname: classname, to: xml))
        }
        guard written == planned else {
            throw FileError(
                path: xml.path, reason: "internal error: suite \(id) announced \(planned) but wrote \(written)")
        }

        try xml.startElement("system-out")
        // The Ant schema allows no output in a test case: warnings are listed here, by host.
        let warnings = JUnitWarnings.text(run: run, hosts: hosts)
        if !warnings.isEmpty { try xml.text(warnings) }
        try xml.endElement()
        try xml.startElement("system-err")
        try xml.endElement()
        try xml.endElement()
        return written
    }

    /// Names are unique within a suite, which xunitparser asserts and junit-conventions §6.4
    /// asks for. Missing values are written as empty strings so every suite has the same keys.
    private func writeProperties(to xml: XMLStreamWriter) throws(FileError) {
        try xml.startElement("properties")
        try writeProperty("vcenter", run.vcenter, to: xml)
        try writeProperty("cluster.id", run.clusterID, to: xml)
        try writeProperty("cluster.name", JUnitText.nonBlank(displayName) ?? run.clusterID, to: xml)
        try writeProperty("commit", run.commit ?? "", to: xml)
        try writeProperty("run.status", run.runStatus.rawValue, to: xml)
        try writeProperty("stage.status", run.stageStatus ?? "", to: xml)
        try writeProperty("task.status", run.taskStatus ?? "", to: xml)
        try writeProperty("run.start", run.start?.iso8601 ?? "", to: xml)
        try writeProperty("run.end", run.end?.iso8601 ?? "", to: xml)
        for property in extraProperties {
            try writeProperty(property.name, property.value, to: xml)
        }
        if let waivers {
            // How many of the suite's cases are waived, and each waiver that waived one of them.
            let used = Set(waivers.hosts.compactMap { $0 } + [waivers.run].compactMap { $0 }).sorted()
            let count = waivers.hosts.reduce(0) { $0 + ($1 == nil ? 0 : 1) } + (waivers.run == nil ? 0 : 1)
            try writeProperty("waivers.waived", String(count), to: xml)
            for position in used {
                try writeProperty("waiver.\(position)", waivers.texts.properties[position], to: xml)
            }
        }
        try xml.endElement()
    }

    private func writeProperty(_ name: String, _ value: String, to xml: XMLStreamWriter) throws(FileError) {
        try xml.startElement("property")
        try xml.attribute("name", name)
        try xml.attribute("value", value)
        try xml.endElement()
    }

    private func writeCase(
        _ testCase: JUnitCase, name: XMLSafeText, classname: XMLSafeText,
        to xml: XMLStreamWriter
    ) throws(FileError) -> JUnitCase.Element? {
        try xml.startElement("testcase")
        try xml.attribute("name", name)
        try xml.attribute("classname", classname)
        try xml.attribute("time", seconds: testCase.milliseconds)
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
