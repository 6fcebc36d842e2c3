import Foundation
import Testing
import TestHelpers

/// The team's Ant schema (Schemas/ant-junit.xsd) must hold exactly the Ant reader's rules: it
/// accepts well-formed reports of every shape the renderer writes and rejects each broken rule,
/// or validating the output against it would prove nothing.
@Suite struct AntSchemaTests {
    static let suiteAttributes =
        #"name="c1" package="vc.c1" id="0" hostname="vc" timestamp="2026-11-01T01:00:00" "#
        + #"tests="3" failures="1" errors="1" skipped="1" time="1.250""#
    static let cases = """
        <testcase classname="c1.stage" name="h1" time="0.500"/>
        <testcase classname="c1.stage" name="h2" time="0.250"><failure type="stage.Failed" message="m">m
        body</failure></testcase>
        <testcase classname="c1.stage" name="h3" time="0.250">\
        <error type="stage.TimedOut" message="t">t</error></testcase>
        <testcase classname="c1.stage" name="h4" time="0.250"><skipped message="s">s</skipped></testcase>
        """
    static let properties = #"<properties><property name="commit" value="1"/></properties>"#

    /// An aggregate with one suite; each argument replaces its part.
    static func report(
        root: String = "<testsuites>", attributes: String = suiteAttributes, properties: String = properties,
        cases: String = cases, streams: String = "<system-out/><system-err/>"
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(root)<testsuite \(attributes)>\(properties)\(cases)\(streams)</testsuite></testsuites>
        """
    }

    static let accepted: [String: String] = [
        "every result kind": report(),
        "no suite": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites/>\n",
        "no case, empty properties": report(properties: "<properties/>", cases: ""),
        "no skipped count": report(attributes: suiteAttributes.replacingOccurrences(of: #" skipped="1""#, with: "")),
        "one suite alone, without package and id": """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="c1" hostname="vc" timestamp="2026-11-01T01:00:00" \
        tests="0" failures="0" errors="0" time="0.000"><properties/><system-out/><system-err/></testsuite>
        """
    ]

    static let rejected: [String: String] = [
        "an attribute on <testsuites>": report(root: #"<testsuites name="all">"#),
        "a suite without package": report(
            attributes: suiteAttributes.replacingOccurrences(of: #" package="vc.c1""#, with: "")),
        "a suite without id": report(attributes: suiteAttributes.replacingOccurrences(of: #" id="0""#, with: "")),
        "an empty suite name": report(
            attributes: suiteAttributes.replacingOccurrences(of: #"name="c1""#, with: #"name="""#)),
        "no hostname": report(attributes: suiteAttributes.replacingOccurrences(of: #" hostname="vc""#, with: "")),
        "a time zone in the timestamp": report(
            attributes: suiteAttributes.replacingOccurrences(of: "01:00:00", with: "01:00:00Z")),
        "fractional seconds in the timestamp": report(
            attributes: suiteAttributes.replacingOccurrences(of: "01:00:00", with: "01:00:00.5")),
        "an exponent in the time": report(
            attributes: suiteAttributes.replacingOccurrences(of: #"time="1.250""#, with: #"time="1.25E0""#)),
        "a count that is not a number": report(
            attributes: suiteAttributes.replacingOccurrences(of: #"tests="3""#, with: #"tests="three""#)),
        "an attribute Ant does not know": report(attributes: suiteAttributes + #" disabled="0""#),
        "no properties": report(properties: ""),
        "no system-out": report(streams: "<system-err/>"),
        "the streams in the wrong order": report(streams: "<system-err/><system-out/>"),
        "two results in one case": report(
            cases: #"<testcase classname="c" name="h" time="0.1"><failure type="a.b"/><error type="a.b"/></testcase>"#),
        "output inside a case": report(
            cases: #"<testcase classname="c" name="h" time="0.1"><system-out>x</system-out></testcase>"#),
        "a failure without type": report(
            cases: #"<testcase classname="c" name="h" time="0.1"><failure message="m"/></testcase>"#),
        "a skip with a type": report(
            cases: #"<testcase classname="c" name="h" time="0.1"><skipped type="a.b" message="m"/></testcase>"#),
        "a case without classname": report(cases: #"<testcase name="h" time="0.1"/>"#),
        "a case without time": report(cases: #"<testcase classname="c" name="h"/>"#),
        "a property without value": report(properties: #"<properties><property name="commit"/></properties>"#)
    ]

    static func errors(_ xml: String) throws -> [String] {
        try withTemporaryDirectory("ant-schema") { dir in
            let path = try dir.write("TEST-x.xml", xml)
            return try LibXMLSchema.ant.get().errors(validating: path)
        }
    }

    @Test(arguments: accepted.keys.sorted())
    func accepts(_ name: String) throws {
        let errors = try Self.errors(Self.accepted[name]!)
        #expect(errors.isEmpty, "\(name): \(errors)")
    }

    @Test(arguments: rejected.keys.sorted())
    func rejects(_ name: String) throws {
        #expect(try !Self.errors(Self.rejected[name]!).isEmpty, "\(name) was accepted")
    }

    /// The rejections are the rules themselves, not broken XML: each file is well-formed.
    @Test(arguments: rejected.keys.sorted())
    func rejectedFilesAreWellFormed(_ name: String) throws {
        try withTemporaryDirectory("ant-schema") { dir in
            let path = try dir.write("TEST-x.xml", Self.rejected[name]!)
            #expect(throws: Never.self) { try LibXMLDocument(path: path) }
        }
    }
}
