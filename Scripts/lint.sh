#!/usr/bin/env bash
# The formatter's check (swift format ships with the toolchain; its settings are in .swift-format):
# every Swift file of the project must be as `swift format format` would write it. .ci/run runs it;
# `Scripts/lint.sh --fix` rewrites the files in place.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift Fuzz/Package.swift Fuzz/Sources/DocumentFuzzer)
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --recursive "${paths[@]}"
else
  swift format lint --strict --recursive "${paths[@]}"
  echo "lint: every Swift file is formatted (.swift-format)"
fi
