#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run calls it).
#  1. swift test in debug, then in release (a libxml2 buffer bug once showed only in release);
#  2. the tool against the independent Python reference implementation (Tests/Reference);
#  3. the generated Reports/ are up to date (also a swift test; repeated here in release).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift test (debug)"
swift test 2>&1 | tee /tmp/stage-report-test-debug.log | grep -vE '^(\[|Build|Compiling|Write|Linking|Planning)' || { tail -50 /tmp/stage-report-test-debug.log; exit 1; }

echo "== swift test -c release"
swift test -c release 2>&1 | tee /tmp/stage-report-test-release.log | grep -vE '^(\[|Build|Compiling|Write|Linking|Planning)' || { tail -50 /tmp/stage-report-test-release.log; exit 1; }

echo "== stage-report vs the independent reference implementation"
swift build -c release --product stage-report > /dev/null
Tests/Reference/check_tool.sh .build/release/stage-report
