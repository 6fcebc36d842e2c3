#!/usr/bin/env bash
# The history's benchmark (issue 18). Not a test: it prints numbers, it asserts nothing.
#
#   Scripts/benchmark-history.sh          # the 100 MB fleet, then 365 nights of the same estate
#   Scripts/benchmark-history.sh --quick  # the 100 MB fleet only
#
# 1. Recording: the 100 MB fleet of Scripts/benchmark.sh (files layout) reported without a
#    history, and with `--history` into a new file (record every run, read the window back,
#    report); medians of BENCH_REPEAT runs (default 3), taking turns. Issue 18 asks for at most
#    +50 %.
# 2. Reading: the same estate over 365 nights (JSON Lines layout, about 2 GB), reported from the
#    raw files (with --changes, which a report from a history always has), and from a history
#    holding the same 365 nights with `--window 365` (the same reports but the inputs' counts). Issue 18 asks for at least 3x faster, peak RSS as flat.
# Wall time from the clock, peak RSS from GNU time. BENCH_DIR keeps the fleets between runs;
# BENCH_BIN measures another binary (default: the static release build, as benchmark.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
repeat=${BENCH_REPEAT:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/stage-report-bench-history.XXXXXX)}
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
command -v /usr/bin/time > /dev/null || { echo "needs GNU time: apt-get install time"; exit 2; }
if [ -n "${BENCH_BIN:-}" ]; then
  bin=$BENCH_BIN
else
  swift build -c release --product stage-report --static-swift-stdlib --scratch-path .build/static > /dev/null
  bin=.build/static/release/stage-report
fi
now=(--now 2027-12-31T00:00:00Z)
echo "# $(date -u +%Y-%m-%dT%H:%MZ)  BENCH_REPEAT=$repeat Scripts/benchmark-history.sh ${quick}  ($bin, $(nproc) cores)"

# run NAME ARGS…: one timed run; prints "wall_seconds rss_kb".
run() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/time" "$bin" "$@" > /dev/null 2> "$work/run.log" || { cat "$work/run.log"; exit 1; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(cat "$work/time")"
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)] / 1000}'; }

fleet=$work/100MB-files
[ -d "$fleet" ] || $bin sample --out "$fleet" --vcenters 10 --clusters 50 --hosts 20 --nights 17 2> /dev/null
plain=() recorded=() plain_rss=0 recorded_rss=0
for _ in $(seq "$repeat"); do
  rm -rf "$work/out" "$work/h.db"
  read -r ms kb <<< "$(run report "$fleet" --out "$work/out" "${now[@]}")"
  plain+=("$ms"); [ "$kb" -gt "$plain_rss" ] && plain_rss=$kb
  rm -rf "$work/out"
  read -r ms kb <<< "$(run report "$fleet" --history "$work/h.db" --out "$work/out" "${now[@]}")"
  recorded+=("$ms"); [ "$kb" -gt "$recorded_rss" ] && recorded_rss=$kb
done
p=$(printf "%s\n" "${plain[@]}" | median)
r=$(printf "%s\n" "${recorded[@]}" | median)
echo "100MB-files ($(du -sbL "$fleet" | awk '{printf "%.1f MB", $1 / 1e6}'), history $(du -b "$work/h.db" | awk '{printf "%.1f MB", $1 / 1e6}')):"
awk -v p="$p" -v r="$r" -v pr="$plain_rss" -v rr="$recorded_rss" 'BEGIN {
  printf "  report, no history:        %7.3f s  %6.1f MB RSS\n", p, pr / 1024
  printf "  report --history (record): %7.3f s  %6.1f MB RSS  (%+.0f %%)\n", r, rr / 1024, (r / p - 1) * 100 }'

[ "$quick" = "--quick" ] && exit 0

# 365 nights of the same estate; the history is filled by one invocation (the same runs as
# night by night, HistoryCLITests shows), then both reports are timed once each.
fleet=$work/365-nights-jsonl
[ -d "$fleet" ] || $bin sample --out "$fleet" --vcenters 10 --clusters 50 --hosts 20 --nights 365 --layout jsonl 2> /dev/null
history=$work/365.db
if [ ! -f "$history" ]; then
  read -r ms kb <<< "$(run report "$fleet" --history "$history" --history-keep 400 "${now[@]}")"
  echo "365 nights: recorded in one invocation in $(awk -v m="$ms" 'BEGIN {printf "%.1f", m / 1000}') s, $((kb / 1024)) MB RSS"
fi
rm -rf "$work/out-raw" "$work/out-history"
# --changes: a report from a history always says what changed, so the raw report does too.
read -r raw_ms raw_kb <<< "$(run report "$fleet" --changes --out "$work/out-raw" "${now[@]}")"
read -r his_ms his_kb <<< "$(run report --history "$history" --window 365 --out "$work/out-history" "${now[@]}")"
echo "365 nights ($(du -sbL "$fleet" | awk '{printf "%.0f MB", $1 / 1e6}') raw, history $(du -b "$history" | awk '{printf "%.0f MB", $1 / 1e6}')):"
awk -v a="$raw_ms" -v b="$his_ms" -v ar="$raw_kb" -v br="$his_kb" 'BEGIN {
  printf "  from the raw files:        %7.3f s  %6.1f MB RSS\n", a / 1000, ar / 1024
  printf "  from the history:          %7.3f s  %6.1f MB RSS  (%.1fx faster)\n", b / 1000, br / 1024, a / b }'
