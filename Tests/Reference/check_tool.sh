#!/usr/bin/env bash
# Runs stage-report and the independent Python reference over the same inputs and compares
# every number of the two summaries (compare_summary.py). Usage:
#   Tests/Reference/check_tool.sh path/to/stage-report [extra input dirs...]
# Inputs: every case under Tests/Reference/cases, the shared fleet fixture, a generated sample
# fleet in both layouts, and any directories given. Prints `N passed, M failed` per input and a
# total line; exits 1 on any difference.
set -euo pipefail
tool=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passed=0; failed=0

compare() { # name, then args for both tools
  local name=$1; shift
  python3 "$here/reference_summary.py" "$@" > "$work/$name.ref.json"
  set +e
  "$tool" report "$@" --out "$work/$name.out" --format json --now 2026-01-01T00:00:00Z > /dev/null 2> "$work/$name.err"
  local rc=$?
  set -e
  if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then echo "$name: stage-report exited $rc"; cat "$work/$name.err"; failed=$((failed+1)); return; fi
  local line
  if line=$(python3 "$here/compare_summary.py" "$work/$name.ref.json" "$work/$name.out/summary.json"); then
    echo "$name: $(echo "$line" | tail -1)"
  else
    echo "$line" | tail -20; failed=$((failed+1)); return
  fi
  passed=$((passed+1))
}

for d in "$here"/cases/*/; do
  name=$(basename "$d")
  args=()
  for opt in vcenter cluster clusters; do
    v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2],''))" "$d/expected.json" "$opt")
    [ -n "$v" ] && { [ "$opt" = clusters ] && v="$d/$v"; args+=("--$opt" "$v"); }
  done
  pushd "$d" > /dev/null; compare "case-$name" "${args[@]}" input; popd > /dev/null
done
compare shared-fleet "$here/../Fixtures/shared-fleet"
"$tool" sample --out "$work/sample-files" --vcenters 2 --clusters 4 --hosts 12 --nights 10 --seed 7 2> /dev/null
"$tool" sample --out "$work/sample-jsonl" --vcenters 2 --clusters 4 --hosts 12 --nights 10 --seed 7 --layout jsonl 2> /dev/null
compare sample-files "$work/sample-files"
compare sample-jsonl "$work/sample-jsonl"
for extra in "$@"; do compare "extra-$(basename "$extra")" "$extra"; done
echo "reference: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
