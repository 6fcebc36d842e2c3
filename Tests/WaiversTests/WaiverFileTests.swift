import Foundation
import StageModel
import TestHelpers
import Testing
import Waivers

/// Loading waiver files: good files in both syntaxes, and one exact line per problem of a bad
/// one, naming the file, the line and column, and the field.
@Suite("WaiverFile")
struct WaiverFileTests {
    static func fixture(_ name: String) -> String {
        Repository.path("Tests/WaiversTests/Fixtures/\(name)").path
    }

    /// The problem lines of loading `name`, or the empty list when it loads.
    static func problemLines(_ name: String) -> [String] {
        do {
            _ = try WaiverSet.load(path: fixture(name))
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func yamlAndJSONGiveTheSameWaivers() throws {
        let yaml = try WaiverSet.load(path: Self.fixture("good.yaml"))
        let json = try WaiverSet.load(path: Self.fixture("good.json"))
        #expect(yaml.count == 4)
        #expect(yaml.waivers.map(\.match) == json.waivers.map(\.match))
        #expect(yaml.waivers.map(\.owner) == json.waivers.map(\.owner))
        #expect(yaml.waivers.map(\.ticket) == json.waivers.map(\.ticket))
        #expect(yaml.waivers.map(\.justification) == json.waivers.map(\.justification))
        #expect(yaml.waivers.map(\.expires) == json.waivers.map(\.expires))
        #expect(yaml.waivers.map(\.position) == [0, 1, 2, 3])
        #expect(yaml.waivers.map(\.line) == [3, 10, 17, 21])
        #expect(json.waivers.map(\.line) == [3, 13, 19, 20])
    }

    /// JSON as other tools write it: indented with tabs, or on one line.
    @Test func jsonIndentedWithTabsOrOnOneLine() throws {
        let tabs =
            "{\n\t\"waivers\": [\n\t\t{\n\t\t\t\"match\": {\"host\": \"esx-*\"},\n"
            + "\t\t\t\"owner\": \"o\",\n\t\t\t\"justification\": \"j\",\n\t\t\t\"expires\": \"2027-01-31\"\n"
            + "\t\t}\n\t]\n}\n"
        let compact =
            #"{"waivers":[{"match":{"host":"esx-*"},"owner":"o","justification":"j","expires":"2027-01-31"}]}"#
        let a = try WaiverSet(parsing: tabs, file: "tabs.json")
        let b = try WaiverSet(parsing: compact, file: "compact.json")
        #expect(a.waivers.map(\.match) == b.waivers.map(\.match))
        #expect(a.waivers.first?.match.host?.source == "esx-*")
    }

    @Test func goodFileValues() throws {
        let set = try WaiverSet.load(path: Self.fixture("good.yaml"))
        let first = set.waivers[0]
        #expect(first.match.host?.source == "esx-0[1-4].*")
        #expect(first.match.host?.isGlob == true)
        #expect(first.match.reason?.literal == "com.vmware.vcIntegrity.lifecycle.StageTask.Host.InsufficientSpace")
        #expect(first.owner == "jane.doe")
        #expect(first.ticket == "OPS-1234")
        #expect(first.expires.description == "2027-01-31")
        #expect(set.waivers[1].match.cluster?.literal == "Production West")
        #expect(set.waivers[1].justification == "the cluster's depot moves next week")
        #expect(set.waivers[1].ticket == nil)
        // `commit: 7` is a YAML number and a JSON number: both are the text "7".
        #expect(set.waivers[2].match.commit?.literal == "7")
        #expect(set.waivers[2].match.summary == "vcenter=vc0[!3].*, commit=7")
        // An escaped star is a literal character: an exact value.
        #expect(set.waivers[3].match.host?.literal == "witness-*")
    }

    @Test func yamlSyntaxError() {
        let file = Self.fixture("bad-syntax.yaml")
        #expect(
            Self.problemLines("bad-syntax.yaml") == [
                "\(file):5:4: not valid YAML: did not find expected '-' indicator "
                    + "(while parsing a block collection at line 2)"
            ])
    }

    @Test func missingOwner() {
        let file = Self.fixture("bad-missing-owner.yaml")
        #expect(Self.problemLines("bad-missing-owner.yaml") == ["\(file):7:5: waivers[1].owner: missing (required)"])
    }

    @Test func badDate() {
        let file = Self.fixture("bad-date.yaml")
        #expect(
            Self.problemLines("bad-date.yaml") == [
                "\(file):6:14: waivers[0].expires: \"2027-02-30\" is not a date (YYYY-MM-DD)"
            ])
    }

    @Test func unknownFieldCloseToAKnownOne() {
        let file = Self.fixture("bad-unknown-field.yaml")
        #expect(
            Self.problemLines("bad-unknown-field.yaml") == [
                "\(file):6:5: waivers[0].expire: unknown field; did you mean `expires`?"
            ])
    }

    @Test func wrongType() {
        let file = Self.fixture("bad-wrong-type.yaml")
        #expect(
            Self.problemLines("bad-wrong-type.yaml") == [
                "\(file):5:7: waivers[0].owner: expected a text, found a list"
            ])
    }

    @Test func emptyMatch() {
        let file = Self.fixture("bad-empty-match.yaml")
        #expect(
            Self.problemLines("bad-empty-match.yaml") == [
                "\(file):2:12: waivers[0].match: is empty; give at least one of vcenter, cluster, host, reason, "
                    + "commit (an empty match would waive everything)"
            ])
    }

    @Test func badGlob() {
        let file = Self.fixture("bad-glob.yaml")
        #expect(
            Self.problemLines("bad-glob.yaml") == [
                "\(file):3:13: waivers[0].match.host: \"esx-[0-4.example.com\" is not a valid pattern: "
                    + "the `[` at character 5 is not closed by `]`"
            ])
    }

    @Test func everyProblemOfAFileOnItsOwnLine() {
        let file = Self.fixture("bad-several.yaml")
        #expect(
            Self.problemLines("bad-several.yaml") == [
                "\(file):3:7: waivers[0].match.hots: unknown field; did you mean `host`?",
                "\(file):10:20: waivers[1].justification: is empty",
                "\(file):11:14: waivers[1].expires: \"2027-13-01\" is not a date (YYYY-MM-DD)",
                "\(file):12:5: waivers[2].host: unknown field; `host` belongs under `match:` (`waivers[2].match.host`)"
            ])
    }

    @Test func theKindsOfProblems() throws {
        func kinds(_ text: String) -> [WaiverFileProblem.Kind] {
            do throws(WaiverFileError) {
                _ = try WaiverSet(parsing: text, file: "w.yaml")
                return []
            } catch {
                return error.problems.map(\.kind)
            }
        }
        let tail = "owner: a\n    justification: b\n    expires: 2027-01-31\n"
        #expect(kinds("waivers:\n  - match: {host: a}\n    " + tail) == [])
        #expect(kinds("") == [.missingField])
        #expect(kinds("[1, 2]") == [.wrongType])
        #expect(kinds("waiver: []") == [.unknownField, .missingField])
        #expect(kinds("waivers: {}") == [.wrongType])
        #expect(kinds("waivers: []") == [])
        #expect(kinds("waivers:\n  - match:\n    " + tail) == [.emptyMatch])
        #expect(kinds("waivers:\n  - match: esx-01\n    " + tail) == [.wrongType])
        #expect(kinds("waivers:\n  - match: {host: [a]}\n    " + tail) == [.wrongType])
        #expect(kinds("waivers:\n  - match: {host: a, host: b}\n    " + tail) == [.duplicateKey])
        #expect(kinds("waivers:\n  - match: {host: 'a\\'}\n    " + tail) == [.badGlob])
        #expect(kinds("waivers:\n  - match: {host: '[z-a]'}\n    " + tail) == [.badGlob])
        #expect(
            kinds("waivers:\n  - match: {host: a}\n    owner:\n    justification: b\n    expires: 2027-01-31\n")
                == [.missingField])
        #expect(
            kinds(
                "waivers:\n  - match: {host: a}\n    " + tail.replacingOccurrences(of: "31\n", with: "31T00:00:00Z\n"))
                == [.badDate])
        #expect(kinds("waivers:\n  - just a text\n") == [.wrongType])
        #expect(kinds("waivers: [\n") == [.syntax])
    }

    @Test func aDuplicateKeyIsOneLine() {
        do throws(WaiverFileError) {
            _ = try WaiverSet(
                parsing: "waivers:\n  - match:\n      host: a\n      host: b\n    owner: o\n    justification: j\n"
                    + "    expires: 2027-01-31\n", file: "w.yaml")
            Issue.record("a duplicate key loaded")
        } catch {
            #expect(error.description == "w.yaml:3:7: a mapping has the key `host` more than once")
        }
    }

    @Test func anUnreadableFileIsOneLineToo() throws {
        try withTemporaryDirectory("waivers") { dir in
            let missing = dir.at("absent.yaml").path
            do throws(WaiverFileError) {
                _ = try WaiverSet.load(path: missing)
                Issue.record("a missing file loaded")
            } catch {
                #expect(error.problems.count == 1)
                #expect(error.problems[0].kind == .unreadable)
                #expect(error.description.hasPrefix("\(missing): cannot read the waiver file: "))
                #expect(!error.description.contains("\n"))
            }
            let latin1 = try dir.write("latin1.yaml", [0x77, 0x61, 0x69, 0x76, 0x65, 0x72, 0x73, 0x3A, 0x20, 0xE9])
            do throws(WaiverFileError) {
                _ = try WaiverSet.load(path: latin1)
                Issue.record("a file that is not UTF-8 loaded")
            } catch {
                #expect(error.description == "\(latin1): the waiver file is not UTF-8 text")
            }
        }
    }

    @Test func valuesInMessagesStayOnOneLine() {
        do {
            _ = try WaiverSet(
                parsing: "waivers:\n  - match: {host: a}\n    owner: a\n    justification: b\n    expires: \"x\\ny\"\n",
                file: "w.yaml")
            Issue.record("a two-line date loaded")
        } catch {
            #expect(error.description == "w.yaml:5:14: waivers[0].expires: \"x\\ny\" is not a date (YYYY-MM-DD)")
        }
    }
}
