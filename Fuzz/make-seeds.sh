#!/usr/bin/env bash
# Rebuilds the fuzzer's seed corpus, Fuzz/Corpus/, from the shared fixture fleet and the
# hostile-input corpus. Each seed is one mode byte then a file (see DocumentFuzzer.swift):
#   0x00  read as a .json file          0x01  read as JSON Lines
#   0x10  .json with a 512-byte limit   0x11  JSON Lines with a 512-byte limit
# Usage: Fuzz/make-seeds.sh   (from anywhere; rewrites Fuzz/Corpus/seed-*)
set -euo pipefail
cd "$(dirname "$0")/.."
out=Fuzz/Corpus
mkdir -p "$out"
rm -f "$out"/seed-*
seed() { # MODE-BYTE NAME FILE
  { printf "\\x$1"; cat "$3"; } > "$out/seed-$2"
}
while IFS= read -r f; do
  name=$(echo "${f#Tests/Fixtures/shared-fleet/}" | tr '/' '_')
  seed 00 "fleet_$name" "$f"
done < <(find Tests/Fixtures/shared-fleet -type f -name '*.json' | sort)
# The fleet as JSON Lines (one compact document per line), whole and with a small limit.
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
find Tests/Fixtures/shared-fleet -type f -name '*.json' | sort | head -4 |
  while IFS= read -r f; do python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")))' "$f"; done > "$lines"
seed 01 fleet-lines.jsonl "$lines"
seed 11 fleet-lines-limit512.jsonl "$lines"
for f in Tests/HostileInputTests/Corpus/*.json Tests/HostileInputTests/Corpus/*.jsonl; do
  name=$(basename "$f")
  case "$name" in
    *.jsonl) seed 01 "$name" "$f" ;;
    *) seed 00 "$name" "$f" ;;
  esac
done
seed 10 limit512-truncated-lines.json Tests/HostileInputTests/Corpus/truncated-lines.jsonl
# The forms real payloads come in: task lists, concatenated values, UTF-16, bad UTF-8 in a
# string, values a serializer flattened, the operation's spellings.
for f in Tests/Reference/cases/payload-forms/input/*; do
  name=$(basename "$f")
  case "$name" in
    *.jsonl) seed 01 "forms_$name" "$f" ;;
    *) seed 00 "forms_$name" "$f" ;;
  esac
done
echo "$(ls "$out" | wc -l) seeds in $out"
