#!/usr/bin/env bash
# Runs stage-report and the independent Python reference over the same inputs and compares
# every number of the two summaries (compare_summary.py). Usage:
#   Tests/Reference/check_tool.sh path/to/stage-report [extra input dirs...]
# Inputs: every case under Tests/Reference/cases, the shared fleet fixture, a sample fleet from the
# tool's own generator in both layouts, three fleets from the independent generator
# generate_fleet.py (files, jsonl and mixed layouts, a few thousand runs each; FLEET_SEED=N
# shifts their seeds), and any directories given. Prints `N passed, M failed` per input and a
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
    echo "$name: differs"; echo "$line" | tail -20; failed=$((failed+1)); return
  fi
  passed=$((passed+1))
}

for d in "$here"/cases/*/; do
  name=$(basename "$d")
  # options and inputs of the case (expected.json: vcenter, cluster, clusters (a path or a list,
  # each maybe VCENTER=FILE), inputs (default ["input"], each maybe VCENTER=PATH)), run in $d
  args=()
  while IFS= read -r -d '' a; do args+=("$a"); done < <(python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))
out = []
for opt in ("vcenter", "cluster", "clusters"):
    v = e.get(opt)
    for x in ([v] if isinstance(v, str) else v or []):
        out += ["--" + opt, x]
out += e.get("inputs", ["input"])
sys.stdout.write("".join(a + "\0" for a in out))' "$d/expected.json")
  pushd "$d" > /dev/null; compare "case-$name" "${args[@]}"; popd > /dev/null
done
compare shared-fleet "$here/../Fixtures/shared-fleet"
"$tool" sample --out "$work/sample-files" --vcenters 2 --clusters 4 --hosts 12 --nights 10 --seed 7 2> /dev/null
"$tool" sample --out "$work/sample-jsonl" --vcenters 2 --clusters 4 --hosts 12 --nights 10 --seed 7 --layout jsonl 2> /dev/null
compare sample-files "$work/sample-files"
compare sample-jsonl "$work/sample-jsonl"
rm -rf "$work/sample-files" "$work/sample-jsonl"

# Fleets written by the independent generator (from the docs, not from Sources/StageSample).
gen() { python3 "$here/generate_fleet.py" "$@" 2> "$work/gen.err" || { cat "$work/gen.err"; return 1; }; }
seed=${FLEET_SEED:-0}
gen "$work/gen-files" --layout files --seed $((seed + 1)) --vcenters 5 --clusters 12 --hosts 12 --nights 70
compare gen-files "$work/gen-files"; rm -rf "$work/gen-files"
gen "$work/gen-jsonl" --layout jsonl --seed $((seed + 2)) --vcenters 6 --clusters 12 --hosts 14 --nights 60
compare gen-jsonl "$work/gen-jsonl"; rm -rf "$work/gen-jsonl"
# mixed: documents of the first vCenter often lack the `vcenter` annotation (--vcenter default)
dv=vc00.default.example.com
gen "$work/gen-mixed" --layout mixed --seed $((seed + 3)) --vcenters 6 --clusters 10 --hosts 12 --nights 70 --default-vcenter $dv
compare gen-mixed --vcenter $dv "$work/gen-mixed"; rm -rf "$work/gen-mixed"
# the generator itself: the same arguments must give byte-identical fleets
gen "$work/det-a" --layout mixed --seed 5 --vcenters 2 --clusters 3 --hosts 6 --nights 12
gen "$work/det-b" --layout mixed --seed 5 --vcenters 2 --clusters 3 --hosts 6 --nights 12
if diff -r "$work/det-a" "$work/det-b" > /dev/null; then
  echo "gen-deterministic: identical"; passed=$((passed+1))
else
  echo "gen-deterministic: generate_fleet.py wrote different fleets for the same arguments"; failed=$((failed+1))
fi
for extra in "$@"; do compare "extra-$(basename "$extra")" "$extra"; done
echo "reference: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
