#!/usr/bin/env python3
"""Independent check of stage-report's JUnit output with real JUnit clients.

Usage: check_junit.py JUNIT SUMMARY_JSON [--html-dir DIR]

JUNIT is a junit.xml file or a directory (every *.xml below it, as with --junit-split
cluster). SUMMARY_JSON is the summary.json written in the same report run.

Checks, each counted as passed or failed:
  * junitparser (what EnricoMi's GitHub action uses) reads every file; each suite's
    tests/failures/errors/skipped attributes equal junitparser's own recount
    (update_statistics), and no case has more than one result;
  * xunitparser reads each suite as a standalone <testsuite> document (it ignores suites
    below a <testsuites> root, and asserts the root's counts against what it parsed);
    its counts equal the suite's attributes;
  * the totals over all files equal the summary's outcomes: tests = all outcomes,
    failures = failed, errors = timed_out + unknown, skipped = skipped + in_progress;
    with waivers (summary "waivers" present), a waived failure is a skipped case: failures
    and errors less the waived ones (totals.after_waivers, runs_without_hosts[].waived_by),
    skipped plus them;
  * junit2html renders every file to HTML, and the HTML names every failing case.

Prints each failure, then "N passed, M failed"; exits 1 when M > 0, 2 on a usage error.
Needs: pip install junitparser xunitparser junit2html
"""

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import junitparser
import xunitparser


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok


def junit_files(path):
    if os.path.isdir(path):
        found = []
        for root, _dirs, files in os.walk(path):
            found.extend(os.path.join(root, f) for f in files if f.endswith(".xml"))
        return sorted(found)
    return [path]


def suite_counts_junitparser(suite):
    """(tests, failures, errors, skipped) as written, and as junitparser recounts them."""
    written = (suite.tests, suite.failures, suite.errors, suite.skipped)
    suite.update_statistics()
    recounted = (suite.tests, suite.failures, suite.errors, suite.skipped)
    return written, recounted


def check_junitparser(path, checker):
    """Returns the written counts of every suite in the file, in file order."""
    xml = junitparser.JUnitXml.fromfile(path)
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    counts = []
    for index, suite in enumerate(suites):
        written, recounted = suite_counts_junitparser(suite)
        checker.check(written == recounted,
                      "%s suite %d (%s): junitparser recounts %s, file says %s"
                      % (path, index, suite.name, recounted, written))
        for case in suite:
            checker.check(len(case.result) <= 1,
                          "%s suite %d: case %r has %d results" % (path, index, case.name, len(case.result)))
        counts.append(written)
    return counts


def check_xunitparser(path, expected, checker):
    """Parses each <testsuite> on its own, so xunitparser's root assertions apply to it."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    checker.check(len(suites) == len(expected),
                  "%s: xunitparser sees %d suites, junitparser %d" % (path, len(suites), len(expected)))
    with tempfile.TemporaryDirectory() as scratch:
        for index, (suite, want) in enumerate(zip(suites, expected)):
            single = os.path.join(scratch, "suite-%d.xml" % index)
            ET.ElementTree(suite).write(single, encoding="UTF-8", xml_declaration=True)
            try:
                with open(single, "rb") as f:
                    ts, tr = xunitparser.parse(f)
            except (AssertionError, KeyError, ValueError) as e:
                checker.check(False, "%s suite %d: xunitparser rejects it: %r" % (path, index, e))
                continue
            got = (tr.testsRun, len(tr.failures), len(tr.errors), len(tr.skipped))
            checker.check(got == tuple(want),
                          "%s suite %d: xunitparser counts %s, file says %s" % (path, index, got, tuple(want)))


def check_junit2html(path, html_dir, checker):
    out = os.path.join(html_dir, os.path.basename(path) + ".html")
    run = subprocess.run([sys.executable, "-m", "junit2htmlreport", path, out],
                         capture_output=True, text=True)
    if not checker.check(run.returncode == 0 and os.path.exists(out),
                         "%s: junit2html failed (%d): %s" % (path, run.returncode, run.stderr.strip()[-500:])):
        return
    with open(out, encoding="utf-8") as f:
        # Jinja escapes with numeric references (&#34; &#39;): compare unescaped text.
        page = html.unescape(f.read())
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            # junit2html shows U+FFFD (our replacement for forbidden characters) as "?".
            name = case.get("name", "").replace("\ufffd", "?")
            checker.check(name in page,
                          "%s: junit2html page does not name failing case %r" % (path, name))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("junit", help="junit.xml, or a directory of JUnit files")
    parser.add_argument("summary", help="summary.json of the same report run")
    parser.add_argument("--html-dir", help="where junit2html writes (default: a temporary directory)")
    args = parser.parse_args(argv)

    files = junit_files(args.junit)
    with open(args.summary, encoding="utf-8") as f:
        summary = json.load(f)
    outcomes = summary["totals"]["outcomes"]
    # A run without host outcomes is one test case of its own, mapped by its run status as a
    # host outcome of the same name is.
    hostless = {k: 0 for k in outcomes}
    waived_hostless = {k: 0 for k in outcomes}
    for run in summary["runs_without_hosts"]:
        hostless[run["status"]] += 1
        if run.get("waived_by") is not None:
            waived_hostless[run["status"]] += 1
    # Waived failures are written as skipped cases (docs/waivers.md); the summary counts them
    # as what they are, and says how many were waived.
    after = summary["totals"].get("after_waivers", {})
    waived_failed = after.get("waived_failed", 0) + waived_hostless["failed"]
    waived_timed_out = after.get("waived_timed_out", 0) + waived_hostless["timed_out"]

    checker = Checker()
    total = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as scratch:
        html_dir = args.html_dir or scratch
        os.makedirs(html_dir, exist_ok=True)
        for path in files:
            try:
                counts = check_junitparser(path, checker)
            except Exception as e:  # any parser crash is a finding, not a checker bug
                checker.check(False, "%s: junitparser cannot read it: %r" % (path, e))
                continue
            for c in counts:
                total = [t + int(v or 0) for t, v in zip(total, c)]
            check_xunitparser(path, counts, checker)
            check_junit2html(path, html_dir, checker)

    expected = [
        sum(outcomes.values()) + sum(hostless.values()),
        outcomes["failed"] + hostless["failed"] - waived_failed,
        outcomes["timed_out"] + outcomes["unknown"] + hostless["timed_out"] + hostless["unknown"] - waived_timed_out,
        outcomes["skipped"] + outcomes["in_progress"] + hostless["skipped"] + hostless["in_progress"]
        + waived_failed + waived_timed_out,
    ]
    for label, got, want in zip(["tests", "failures", "errors", "skipped"], total, expected):
        checker.check(got == want, "total %s: JUnit files have %d, summary has %d" % (label, got, want))

    print("%d passed, %d failed (%d files)" % (checker.passed, checker.failed, len(files)))
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
