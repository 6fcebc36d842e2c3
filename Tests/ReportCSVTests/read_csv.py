#!/usr/bin/env python3
"""Reads CSV files with Python's standard csv module (RFC 4180 dialect, strict) and prints them
as JSON: {"file name": [[cell, ...], ...]}, header row first. An independent consumer for the
tests of ReportCSV; it fails (exit 1) on a record the module finds malformed."""
import csv
import io
import json
import os
import sys

out = {}
for path in sys.argv[1:]:
    # newline="" as the csv module requires: line breaks inside quoted cells stay as written.
    with open(path, newline="", encoding="utf-8", errors="strict") as f:
        data = f.read()
    if data.startswith("\ufeff"):
        sys.exit(f"{path}: starts with a byte-order mark")
    rows = list(csv.reader(io.StringIO(data, newline=""), dialect="excel", strict=True))
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        sys.exit(f"{path}: rows of different widths {sorted(widths)}")
    out[os.path.basename(path)] = rows
json.dump(out, sys.stdout, ensure_ascii=False)
