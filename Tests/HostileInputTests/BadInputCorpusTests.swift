import Foundation
import Testing
import TestHelpers

/// One file of `Corpus/` and what it must add to the neighbours' counts.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var file: String
    var documents: Int
    var runs: Int
    var outcomes: Outcomes = Outcomes()
    /// (source after `in/`, reason), in input order.
    var rejected: [(String, String)] = []
    var withoutResult = 0
    var otherOperations = 0

    var testDescription: String { file }

    var rejectedDocuments: [RejectedDocument] { rejected.map { RejectedDocument("in/" + $0.0, $0.1) } }

    var data: Data {
        get throws { try Data(contentsOf: HostilePaths.corpus.appendingPathComponent(file)) }
    }

    /// A whole `.json` file that is rejected as one document.
    static func rejectedFile(_ file: String, _ reason: String) -> CorpusCase {
        CorpusCase(file: file, documents: 1, runs: 0, rejected: [(file, reason)])
    }
}

/// The `notAStageDocument` reason, spelled once.
let notAStageDocument =
    "not a stage document: no result, service, operation or target member, no task info in value, "
    + "and no commit with host_status"

/// Every bad input of the corpus, next to good documents in one run: a one-line diagnostic with
/// the source (path, `:line` or `[index]`) and where it went wrong, and every good document counted.
@Suite("Bad input corpus, each next to good documents")
struct BadInputCorpusTests {
    static let two = Outcomes(1, 1) // Docs in the corpus made by `good()`: host-1 succeeded, host-2 failed.

    static let truncatedAndInvalidCases: [CorpusCase] = [
        .rejectedFile("truncated-mid-string.json", "invalid JSON at line 1, column 116: unterminated string"),
        .rejectedFile(
            "truncated-mid-object.json", "invalid JSON at line 13, column 2: unexpected end of input inside an object"),
        CorpusCase(
            file: "truncated-lines.jsonl", documents: 4, runs: 2, outcomes: Outcomes(2, 2),
            rejected: [
                ("truncated-lines.jsonl:2", "invalid JSON at column 56: unterminated string"),
                ("truncated-lines.jsonl:4", "invalid JSON at column 117: unterminated string")
            ]),
        .rejectedFile(
            "invalid-trailing-comma.json", "invalid JSON at line 1, column 32: unexpected '}', expected a member name"),
        .rejectedFile(
            "invalid-single-quotes.json", "invalid JSON at line 1, column 2: unexpected ''', expected a member name"),
        .rejectedFile("invalid-nan.json", "invalid JSON at line 1, column 36: unexpected 'N', expected a value"),
        // Two values one after another are a stream of two documents (report-semantics §1).
        CorpusCase(file: "invalid-two-objects.json", documents: 2, runs: 2, outcomes: Outcomes(2, 2)),
        .rejectedFile("invalid-bad-escape.json", #"invalid JSON at line 1, column 13: invalid escape '\x'"#),
        .rejectedFile("invalid-short-unicode-escape.json", #"invalid JSON at line 1, column 16: invalid \u escape"#),
        .rejectedFile("invalid-number.json", "invalid JSON at line 1, column 37: unexpected '1', expected ',' or '}'"),
        .rejectedFile("invalid-literal.json", "invalid JSON at line 1, column 36: invalid literal, expected 'true'"),
        CorpusCase(
            file: "array-with-bad-elements.json", documents: 7, runs: 2, outcomes: Outcomes(2, 2),
            rejected: [
                ("array-with-bad-elements.json[1]", "expected a JSON object, found a number"),
                ("array-with-bad-elements.json[2]", "expected a JSON object, found a string"),
                ("array-with-bad-elements.json[3]", "expected a JSON object, found null"),
                ("array-with-bad-elements.json[4]", "expected a JSON object, found an array"),
                ("array-with-bad-elements.json[5]", notAStageDocument)
            ]),
        .rejectedFile(
            "array-truncated.json", "invalid JSON at line 1, column 1026: unexpected end of input inside an object")
    ]

    static let emptyCases: [CorpusCase] = [
        .rejectedFile("empty.json", "empty file"),
        .rejectedFile("whitespace-only.json", "empty file"),
        .rejectedFile("bom-only.json", "empty file"),
        CorpusCase(file: "empty.jsonl", documents: 0, runs: 0),
        CorpusCase(file: "blank-lines-only.jsonl", documents: 0, runs: 0),
        CorpusCase(file: "empty-array.json", documents: 0, runs: 0),
        .rejectedFile("empty-object.json", notAStageDocument)
    ]

    /// Bytes that are not UTF-8 inside a string or a key are replaced by U+FFFD and the run is
    /// kept (noted `invalid-utf8`); outside strings they break the JSON.
    static let utf8Cases: [CorpusCase] = [
        CorpusCase(file: "utf8-in-string.json", documents: 1, runs: 1),
        CorpusCase(file: "utf8-in-key.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        .rejectedFile(
            "utf8-outside-strings.json",
            "invalid JSON at line 1, column 16: unexpected byte 0xfe, expected a member name"),
        CorpusCase(file: "utf8-overlong.json", documents: 1, runs: 1),
        CorpusCase(file: "utf8-surrogate.json", documents: 1, runs: 1),
        CorpusCase(file: "utf8-truncated-sequence.json", documents: 1, runs: 1),
        CorpusCase(file: "utf8-above-unicode.json", documents: 1, runs: 1),
        CorpusCase(file: "utf8-latin1.jsonl", documents: 3, runs: 3, outcomes: Outcomes(3, 3))
    ]

    static let bomAndLineEndsCases: [CorpusCase] = [
        CorpusCase(file: "bom.json", documents: 1, runs: 1, outcomes: two),
        CorpusCase(file: "bom.jsonl", documents: 2, runs: 2, outcomes: Outcomes(2, 2)),
        CorpusCase(file: "bom-array.json", documents: 2, runs: 2, outcomes: Outcomes(2, 2)),
        // Only a mark at the very start of a file is skipped (report-semantics §1); one in the
        // middle of JSON Lines (`cat a.jsonl b.jsonl`) rejects its line, with the byte named.
        CorpusCase(
            file: "bom-mid-file.jsonl", documents: 2, runs: 1, outcomes: two,
            rejected: [("bom-mid-file.jsonl:2", "invalid JSON at column 1: unexpected byte 0xef, expected a value")]),
        .rejectedFile("bom-twice.json", "invalid JSON at line 1, column 1: unexpected byte 0xef, expected a value"),
        // CRLF, blank and whitespace-only lines are skipped but still counted as lines: the
        // broken line is the sixth line of the file.
        CorpusCase(
            file: "crlf-blank-lines.jsonl", documents: 4, runs: 3, outcomes: Outcomes(3, 3),
            rejected: [("crlf-blank-lines.jsonl:6", "invalid JSON at column 2: unexpected 'b', expected a member name")]
        ),
        CorpusCase(file: "crlf.json", documents: 1, runs: 1, outcomes: two),
        // A lone CR is not a line end: two objects on one line.
        CorpusCase(
            file: "cr-only.jsonl", documents: 1, runs: 0,
            rejected: [("cr-only.jsonl:1", "invalid JSON at column 515: trailing content after the JSON value")])
    ]

    static let valuesAndTypesCases: [CorpusCase] = [
        CorpusCase(file: "numbers-beyond-64-bits.json", documents: 1, runs: 1, outcomes: two),
        .rejectedFile("commit-as-big-number.json", "commit: expected a string, found a number"),
        CorpusCase(file: "duplicate-keys.json", documents: 1, runs: 1, outcomes: Outcomes(0, 0, 1)),
        .rejectedFile(
            "duplicate-member-last-is-wrong-type.json",
            "host_status: expected an object or a key/value list, found a number"),
        CorpusCase(file: "duplicate-key-value-list.json", documents: 1, runs: 1, outcomes: Outcomes(0, 0, 0, 1)),
        CorpusCase(file: "escaped-control-characters.json", documents: 1, runs: 1, outcomes: Outcomes(0, 1)),
        .rejectedFile(
            "raw-nul-in-string.json",
            "invalid JSON at line 1, column 13: control character 0x0 inside a string (must be escaped)"),
        .rejectedFile(
            "raw-nul-in-key.json",
            "invalid JSON at line 1, column 21: control character 0x0 inside a string (must be escaped)"),
        .rejectedFile(
            "raw-nul-outside-strings.json",
            "invalid JSON at line 1, column 15: unexpected byte 0x0, expected a member name"),
        // A raw TAB and a raw 0x1F reject their lines; a raw DEL (0x7F) is allowed by RFC 8259.
        CorpusCase(
            file: "raw-control-characters.jsonl", documents: 4, runs: 2, outcomes: Outcomes(2, 2),
            rejected: [
                (
                    "raw-control-characters.jsonl:2",
                    "invalid JSON at column 15: control character 0x9 inside a string (must be escaped)"
                ),
                (
                    "raw-control-characters.jsonl:3",
                    "invalid JSON at column 15: control character 0x1f inside a string (must be escaped)"
                )
            ]),
        .rejectedFile(
            "raw-newline-in-string.json",
            "invalid JSON at line 2, column 17: control character 0xa inside a string (must be escaped)"),
        .rejectedFile("type-top-level-number.json", "expected a JSON object, found a number"),
        .rejectedFile("type-top-level-string.json", "expected a JSON object, found a string"),
        .rejectedFile("type-top-level-null.json", "expected a JSON object, found null"),
        .rejectedFile("type-top-level-bool.json", "expected a JSON object, found a boolean"),
        .rejectedFile("type-result-string.json", "result: expected an object, found a string"),
        .rejectedFile("type-result-array-rest.json", "value.result: expected an object, found an array"),
        CorpusCase(file: "type-result-null.json", documents: 1, runs: 1, withoutResult: 1),
        .rejectedFile("type-value-number.json", notAStageDocument),
        .rejectedFile("type-commit-missing.json", "result.commit: missing"),
        .rejectedFile("type-commit-null.json", "commit: expected a string, found null"),
        .rejectedFile(
            "type-host-info-string.json", "result.host_info: expected an object or a key/value list, found a string"),
        .rejectedFile(
            "type-host-status-number.json", "host_status: expected an object or a key/value list, found a number"),
        CorpusCase(file: "type-host-status-null.json", documents: 1, runs: 1, outcomes: two),
        .rejectedFile("type-list-object.json", "failed_hosts: expected an array, found an object"),
        .rejectedFile("type-list-string.json", "successful_hosts: expected an array, found a string"),
        CorpusCase(file: "type-list-elements.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        // host-1 "OK" (not an object) → from the lists: succeeded; host-3 null, in skipped_hosts →
        // skipped; host-2 and host-4 in no list → in progress.
        CorpusCase(file: "type-status-entry.json", documents: 1, runs: 1, outcomes: Outcomes(1, 0, 0, 1, 2)),
        CorpusCase(file: "type-status-value.json", documents: 1, runs: 1, outcomes: Outcomes(0, 0, 0, 0, 0, 4)),
        CorpusCase(file: "type-notifications.json", documents: 1, runs: 1, outcomes: Outcomes(0, 3, 1, 1)),
        CorpusCase(file: "type-times.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        CorpusCase(file: "type-host-info-entry.json", documents: 1, runs: 1, outcomes: Outcomes(0, 2)),
        CorpusCase(file: "type-annotations.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        CorpusCase(file: "type-target.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        // `operation` present and not "stage$task" (here not even a string): another operation.
        CorpusCase(file: "type-operation-number.json", documents: 1, runs: 0, otherOperations: 1),
        CorpusCase(file: "type-key-value-entries.json", documents: 1, runs: 1, outcomes: Outcomes(1)),
        CorpusCase(file: "unknown-enums.json", documents: 1, runs: 1, outcomes: Outcomes(0, 0, 0, 1, 0, 3)),
        CorpusCase(file: "dates.json", documents: 1, runs: 1, outcomes: Outcomes(6, 1)),
        CorpusCase(file: "dates-epoch-sentinel.json", documents: 1, runs: 1, outcomes: Outcomes(3)),
        CorpusCase(file: "path-like-ids.jsonl", documents: 4, runs: 4, outcomes: Outcomes(0, 56))
    ]

    static let all = truncatedAndInvalidCases + emptyCases + utf8Cases + bomAndLineEndsCases + valuesAndTypesCases

    @Test("Truncated and invalid JSON", arguments: truncatedAndInvalidCases)
    func truncatedAndInvalid(_ c: CorpusCase) throws { try check(c) }

    @Test("Empty files and documents", arguments: emptyCases)
    func emptyInputs(_ c: CorpusCase) throws { try check(c) }

    @Test("Invalid UTF-8: in a string, in a key, outside strings", arguments: utf8Cases)
    func invalidUTF8(_ c: CorpusCase) throws { try check(c) }

    @Test("Byte-order marks, CRLF and blank lines", arguments: bomAndLineEndsCases)
    func bomAndLineEnds(_ c: CorpusCase) throws { try check(c) }

    @Test(
        "Numbers, duplicate keys, control characters, wrong types, unknown enums, dates, ids",
        arguments: valuesAndTypesCases)
    func valuesAndTypes(_ c: CorpusCase) throws { try check(c) }

    @Test("Every file of Corpus/ is covered by a case here")
    func corpusIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: HostilePaths.corpus.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
        let covered = Set(Self.all.map(\.file))
        #expect(Set(files).subtracting(covered).sorted() == [])
        #expect(covered.subtracting(files).sorted() == [])
    }

    /// The case next to the neighbours; then the same run with --strict: exit 2 exactly when
    /// something was rejected, and the same summary.json bytes written first.
    func check(_ c: CorpusCase) throws {
        let run = try Neighbours.run([c.file: try c.data], label: "corpus")
        expectCounts(
            run, documents: c.documents, runs: c.runs, outcomes: c.outcomes, rejected: c.rejectedDocuments,
            withoutResult: c.withoutResult, otherOperations: c.otherOperations)
        #expect(run.summary?.files == Neighbours.files + 1)

        let strict = try ProcessRunner.run(
            ["report", "in", "--out", "strict-out", "--format", "json", "--now", Docs.now, "--strict"],
            currentDirectory: run.scratch.path)
        #expect(strict.exitCode == (c.rejected.isEmpty ? 0 : 2), "\(strict)")
        #expect(
            try run.scratch.read("strict-out/summary.json") == run.scratch.read("out/summary.json"),
            "--strict must write the same reports before exiting")
    }
}
