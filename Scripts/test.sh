#!/usr/bin/env bash
# The project's test command (README "The two commands"; .ci/run calls it).
#  1. swift test in debug, then in release (a libxml2 buffer bug once showed only in release);
#  2. the tool against the independent Python reference implementation (Tests/Reference);
#  3. the generated Reports/ are up to date (also a swift test; repeated here in release).
# Tests that need an external tool (Scripts/setup.sh installs them all) print one line
# `SKIPPED (tool missing): …` when it is missing; the run ends with a count of those lines.
# With STAGE_REPORT_REQUIRE_TOOLS=1 (set by .ci/run) a missing tool fails its tests instead.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d "${TMPDIR:-/tmp}/stage-report-test.XXXXXX")
echo "== logs in $logs"

# What was skipped for want of a tool, per configuration and tool; printed however the run ends.
skip_report() {
  local found=0 log
  for log in "$logs"/*.log; do
    [ -f "$log" ] || continue
    grep -q '^SKIPPED (tool missing): ' "$log" || continue
    found=1
    echo "== skipped because a tool is missing, in $(basename "$log" .log) (Scripts/setup.sh installs them):"
    grep '^SKIPPED (tool missing): ' "$log" | sed 's/^SKIPPED (tool missing): //; s/ — .*//' | sort | uniq -c |
      while read -r count tool; do echo "   $count skipped (a test, or a check within one): $tool missing"; done
  done
  local total
  total=$(cat "$logs"/*.log 2> /dev/null | grep -c '^SKIPPED (tool missing): ' || true)
  echo "== $total skipped for a missing tool$([ "$found" = 1 ] && echo "; STAGE_REPORT_REQUIRE_TOOLS=1 makes them failures")"
}
trap skip_report EXIT

run_tests() { # configuration, swift test arguments…
  local name=$1; shift
  echo "== swift test ($name)"
  swift test "$@" 2>&1 | tee "$logs/$name.log" | grep -vE '^(\[|Build|Compiling|Write|Linking|Planning)' ||
    { tail -50 "$logs/$name.log"; exit 1; }
}

run_tests debug
run_tests release -c release

echo "== stage-report vs the independent reference implementation"
swift build -c release --product stage-report > /dev/null
Tests/Reference/check_tool.sh .build/release/stage-report
