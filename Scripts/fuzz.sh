#!/usr/bin/env bash
# Fuzzes document decoding and classification (issue 7): libFuzzer + AddressSanitizer on
# DocumentProbe, the in-memory form of the path every input file takes. The fuzz target lives
# in its own package, Fuzz/ (see Fuzz/Package.swift and Fuzz/Sources/DocumentFuzzer).
#
#   Scripts/fuzz.sh                      # 60 seconds
#   FUZZ_SECONDS=600 Scripts/fuzz.sh     # longer
#   Scripts/fuzz.sh Fuzz/crashes/crash-…  # replay inputs (no fuzzing)
#
# Exit status: 0 no crash; 1 the fuzzer found a crash, a hang (-timeout) or a broken invariant
# (the input is in Fuzz/crashes/); 2 the build failed.
#
# The committed seeds (Fuzz/Corpus/) are copied to a temporary working corpus, so a run never
# changes them. Every crash found becomes a regression fixture: copy it to
# Tests/HostileInputTests/Corpus/fuzz-<what>.bin, where ProbeTests replays it (same input
# layout: first byte = mode), and fix the source.
#
# Why the flags: SWIFT_BACKTRACE=enable=no, or the Swift
# runtime's crash handler swallows the trap and libFuzzer writes no crash file; a separate
# --scratch-path per sanitizer set, or an incremental rebuild can lose the coverage counters;
# --product, because --sanitize=fuzzer builds every executable with -parse-as-library.
# -Xswiftc -sanitize=fuzzer,address: SwiftPM passes --sanitize=fuzzer --sanitize=address to
# swiftc as two flags, and when compiling the Swift driver keeps only the last -sanitize=
# (address): the code gets no coverage counters and libFuzzer fuzzes blind ("no interesting
# inputs… Is the code instrumented for coverage?"). The combined flag, which comes last, gives
# both. The run below fails if libFuzzer still reports no coverage.
set -uo pipefail
cd "$(dirname "$0")/../Fuzz"

seconds=${FUZZ_SECONDS:-60}
scratch=.build-fuzz
binary=$scratch/release/DocumentFuzzer
mkdir -p "$scratch"

echo "== building DocumentFuzzer (release, fuzzer + address sanitizers)"
if ! swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
    --scratch-path "$scratch" --product DocumentFuzzer \
    > "$scratch/build.log" 2>&1; then
  grep -E "error" "$scratch/build.log" | head -20
  echo "fuzz.sh: build failed (full log: Fuzz/$scratch/build.log)" >&2
  exit 2
fi

export SWIFT_BACKTRACE=enable=no
mkdir -p crashes

if [ "$#" -gt 0 ]; then
  echo "== replaying $*"
  args=()
  for f in "$@"; do args+=("$(cd "$OLDPWD" && realpath "$f")"); done
  exec "$binary" "${args[@]}"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stage-report-fuzz-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp Corpus/* "$work/"

echo "== fuzzing for ${seconds}s from $(ls Corpus | wc -l) seeds"
# -timeout: an input that takes longer is a hang (reported like a crash).
# -rss_limit_mb: an input that makes it use more memory is reported too.
# -max_len: inputs may grow well past the seeds (deep nesting, long strings).
# -dict: JSON syntax and the member names and values of stage documents.
# (The full output, with the recommended dictionary, is in Fuzz/.build-fuzz/last-run.log.)
"$binary" "$work" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=65536 \
  -dict=stage.dict \
  -artifact_prefix=crashes/ \
  -print_final_stats=1 \
  2>&1 | tee "$scratch/last-run.log" | grep -vE '^(#[0-9]+.*(NEW|REDUCE|pulse)|"|###### |	NEW_FUNC)' 
status=${PIPESTATUS[0]}

if grep -q "Is the code instrumented for coverage" "$scratch/last-run.log"; then
  echo "fuzz.sh: the fuzz target has no coverage instrumentation; the run proves nothing" >&2
  exit 2
fi

if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer stopped with status $status; inputs in Fuzz/crashes/:" >&2
  ls -l crashes/ >&2
  exit 1
fi
echo "fuzz.sh: no crash in ${seconds}s"
