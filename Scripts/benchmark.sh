#!/usr/bin/env bash
# Fleet-scale benchmark (issue 6). Not a test: it prints numbers, it asserts nothing.
#
#   Scripts/benchmark.sh            # 100 MB and 1 GB fleets, both layouts
#   Scripts/benchmark.sh --quick    # 100 MB only
#   BENCH_REPEAT=5 Scripts/benchmark.sh   # medians of 5 runs instead of 3
#   BENCH_WAIVERS=500 Scripts/benchmark.sh --quick   # each report with a file of 500 waivers
#
# BENCH_WAIVERS=N gives every measured report `--waivers FILE`: N waivers (half globs) written
# by Scripts/make-waivers.py from the fleet's own names, through an untimed report of the fleet
# first. Run it with and without over the same BENCH_DIR to compare (issue 19: within 10 %).
#
# For each fleet it runs the release binary end to end with all four outputs and prints MB/s,
# host outcomes per second, wall time and peak RSS (GNU time), then the time orjson takes to
# only parse the same files, and the ratio. The 1 GB fleet is the 100 MB estate over ten times
# as many nights: the input grows tenfold while the number of distinct hosts stays the same
# (the report grows too: a longer window has more commits and more flaky hosts to list).
# 10x100MB-jsonl is the 100 MB JSON Lines fleet ten times over: ten times the input, the same
# report. Generating a 1 GB tree of files right after deleting another one can be slow on ext4
# (the kernel, not the generator): set BENCH_DIR to reuse fleets. The Python reference
# implementation (Tests/Reference, json + statistics in plain Python) is timed on the 100 MB
# fleets as the "script a user would otherwise write".
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
repeat=${BENCH_REPEAT:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/stage-report-bench.XXXXXX)}
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
command -v /usr/bin/time > /dev/null || { echo "needs GNU time: apt-get install time"; exit 2; }
python3 -c 'import orjson' 2> /dev/null || python3 -m pip install -q orjson

# The binary measured is the one to ship: the Swift runtime linked in (`--static-swift-stdlib`,
# README "Performance"). Its own build directory keeps the tests' release build untouched. The
# dynamically linked `.build/release` binary is 1-5 % slower end to end (loading the Swift
# libraries alone takes 4 ms) and 6-8 MB larger in RSS; BENCH_BIN measures any other binary.
if [ -n "${BENCH_BIN:-}" ]; then
  bin=$BENCH_BIN
else
  swift build -c release --product stage-report --static-swift-stdlib --scratch-path .build/static > /dev/null
  bin=.build/static/release/stage-report
fi

# 500 clusters of about 20 hosts in 10 vCenters; 17 nights ≈ 100 MB, 170 nights ≈ 1 GB (file layout).
sizes=("100MB:--vcenters 10 --clusters 50 --hosts 20 --nights 17")
[ "$quick" = "--quick" ] || sizes+=("1GB:--vcenters 10 --clusters 50 --hosts 20 --nights 170")

# Dated, with the command and the binary, so that a pasted result says where it came from
# (docs/performance.md keeps them).
if [ -n "${BENCH_BIN:-}" ]; then built="BENCH_BIN=$bin"; else built="$bin built from $(git rev-parse --short HEAD 2> /dev/null || echo '?')"; fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ)  BENCH_REPEAT=$repeat ${BENCH_WAIVERS:+BENCH_WAIVERS=$BENCH_WAIVERS }Scripts/benchmark.sh ${quick}  ($built, $(nproc) cores)"
printf "%-15s %8s %9s %10s %12s %8s %9s %10s %7s %9s\n" fleet MB docs outcomes "outcomes/s" "wall s" "MB/s" "RSS MB" "orjson" "ratio"

# Peak RSS (kB) and what the report lists, by fleet name, for the memory lines at the end.
declare -A peak_kb listed

# One row: the release binary end to end against orjson's parse-only time, on fleet $2.
measure() {
  local name=$1 fleet=$2
  local bytes out walls=() rss=0 parses=() wall parse docs ndocs outcomes r t0 t1
  bytes=$(du -sb "$fleet" | cut -f1)
  out="$work/out-$name"
  local waivers=()
  if [ -n "${BENCH_WAIVERS:-}" ]; then
    local file="$work/waivers-$BENCH_WAIVERS-$name.yaml"
    if [ ! -f "$file" ]; then
      $bin report "$fleet" --out "$work/prep-$name" --format json --now 2026-12-31T00:00:00Z > /dev/null 2>&1 || true
      python3 Scripts/make-waivers.py "$work/prep-$name/summary.json" "$BENCH_WAIVERS" > "$file"
    fi
    waivers=(--waivers "$file")
  fi
  # Each side runs $repeat times, taking turns, and the medians are compared: on a shared
  # machine one run of either can be off by 10 %. Wall time is read from the clock in
  # nanoseconds (GNU time's is in hundredths); peak RSS is the largest of the runs.
  for _ in $(seq "$repeat"); do
    # Each run writes into an empty directory, as a CI job does. Replacing the reports of the
    # run before would add the kernel's time to free them (renaming over a 33 MB junit.xml on
    # tmpfs takes 5 ms), which is not the tool's work.
    rm -rf "$out"
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" $bin report "$fleet" --out "$out" --now 2026-12-31T00:00:00Z "${waivers[@]}" \
      > /dev/null 2> "$work/run.log" || true
    t1=$(date +%s%N)
    walls+=("$(( (t1 - t0) / 1000 ))")
    r=$(cat "$work/time"); [ "$r" -gt "$rss" ] && rss=$r
    parses+=("$(python3 Scripts/orjson_parse.py "$fleet")")
  done
  wall=$(printf "%s\n" "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)] / 1e6}')
  parse=$(printf "%s\n" "${parses[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  docs=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); o = s['totals']['outcomes']; print(s['inputs']['documents'], sum(o.values()) if isinstance(o, dict) else o)" "$out/summary.json")
  read -r ndocs outcomes <<< "$docs"
  peak_kb[$name]=$rss
  listed[$name]=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('{:,} hosts, {:,} commits, {:,} flaky hosts, {:,} host-nights'.format(s['totals']['hosts'], len(s['commits']), len(s['flaky_hosts']), sum(len(h['nights']) for h in s['host_nights'])))" "$out/summary.json")
  python3 - "$name" "$bytes" "$ndocs" "$outcomes" "$wall" "$rss" "$parse" <<'PY'
import sys
n, b, d, o, w, r, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
w = max(w, 0.01)
print("%-15s %8.1f %9d %10d %12.0f %8.3f %9.1f %10.1f %7.3f %8.2fx" % (n, b / 1e6, d, o, o / w, w, b / 1e6 / w, r / 1024, p, w / p))
PY
}

for entry in "${sizes[@]}"; do
  name=${entry%%:*}; spec=${entry#*:}
  for layout in files jsonl; do
    fleet="$work/$name-$layout"
    [ -d "$fleet" ] || $bin sample --out "$fleet" $spec --layout "$layout" 2> "$work/gen.log"
    measure "$name-$layout" "$fleet"
  done
done

# Ten copies of the 100 MB JSON Lines fleet: ten times the input, the same estate (every run
# past the first copy is a duplicate), so the same report. Memory that depends on the input's
# size rather than on what it describes shows here. Copies, not links: a file reached twice
# through links is read once.
if [ "$quick" != "--quick" ]; then
  fleet="$work/10x100MB-jsonl"
  if [ ! -d "$fleet" ]; then
    mkdir -p "$fleet"
    for i in 0 1 2 3 4 5 6 7 8 9; do cp -r "$work/100MB-jsonl" "$fleet/copy$i"; done
  fi
  measure "10x100MB-jsonl" "$fleet"

  # Ten times the hosts instead: 5,000 clusters over the same 17 nights, about 1 GB. What
  # memory each distinct host needs shows here.
  fleet="$work/1GB-hosts-jsonl"
  [ -d "$fleet" ] || $bin sample --out "$fleet" --vcenters 10 --clusters 500 --hosts 20 --nights 17 --layout jsonl 2> "$work/gen.log"
  measure "1GB-hosts-jsonl" "$fleet"
fi

# Memory as the input grows tenfold: each fleet's peak RSS against the 100 MB fleet of its
# layout, with what its report lists (the summary holds every commit and flaky host, and up to
# a month of nights for each host that failed in it) and, for the fleet of ten times the
# hosts, per extra host.
if [ "$quick" != "--quick" ]; then
  echo
  echo "Peak RSS against the 100 MB fleet of the same layout, and what each report lists:"
  for name in 100MB-files 1GB-files 100MB-jsonl 1GB-jsonl 10x100MB-jsonl 1GB-hosts-jsonl; do
    base=100MB-${name##*-}
    if [ "$name" = "$base" ]; then delta="    base"
    else delta=$(awk -v a="${peak_kb[$name]}" -v b="${peak_kb[$base]}" 'BEGIN {printf "%+5.1f MB", (a - b) / 1024}'); fi
    printf "  %-15s %s  (%s)\n" "$name" "$delta" "${listed[$name]}"
  done
fi

echo
echo "Python baseline (Tests/Reference/reference_summary.py: json + statistics, no rendering) on the 100 MB fleets:"
for layout in files jsonl; do
  /usr/bin/time -f "%e %M" -o "$work/time" python3 Tests/Reference/reference_summary.py "$work/100MB-$layout" > /dev/null
  read -r wall rss < "$work/time"
  echo "  100MB-$layout: ${wall} s, $((rss / 1024)) MB"
done

# The same estate written by the independent generator (Tests/Reference/generate_fleet.py: every
# wire form and quirk of vsphere-stage-model.md, written from the docs alone): end-to-end time,
# and the summary compared number by number with the slow path (the Python reference).
echo
echo "Independent generator, 100 MB estate: stage-report (all four outputs) vs the Python reference"
for layout in files jsonl mixed; do
  fleet="$work/gen-100MB-$layout"
  [ -d "$fleet" ] || python3 Tests/Reference/generate_fleet.py "$fleet" --vcenters 10 --clusters 50 --hosts 20 --nights 17 --layout "$layout" --seed 11 > /dev/null
  out="$work/out-gen-$layout"
  /usr/bin/time -f "%e %M" -o "$work/time" $bin report "$fleet" --out "$out" --now 2026-12-31T00:00:00Z > /dev/null 2> "$work/run.log" || true
  read -r wall rss < "$work/time"
  /usr/bin/time -f "%e %M" -o "$work/time-ref" python3 Tests/Reference/reference_summary.py "$fleet" > "$work/ref-$layout.json"
  read -r rwall rrss < "$work/time-ref"
  verdict=$(python3 Tests/Reference/compare_summary.py "$work/ref-$layout.json" "$out/summary.json" | tail -1)
  printf "  gen-%-6s %6.1f MB: %5.2f s, %4d MB RSS; reference %5.2f s, %4d MB; summaries: %s\n" \
    "$layout" "$(du -sbL "$fleet" | cut -f1 | awk '{print $1 / 1e6}')" "$wall" "$((rss / 1024))" "$rwall" "$((rrss / 1024))" "$verdict"
done
