#!/usr/bin/env python3
"""Reads a ctrf-report.json the way independent CTRF consumers do, and prints what they saw.

Usage: check_ctrf.py CTRF_JSON SCHEMA_JSON

1. jsonschema (Draft 7, as the schema declares) validates the document against the published
   CTRF schema, which forbids members it does not define (additionalProperties false).
2. otr-ctrf-bridge, a CTRF reader, parses it (parse_ctrf) and its command line converts it to
   Open Test Reporting XML (`otr-ctrf ctrf2otr`), which is read back with ElementTree.

Prints one JSON object: the statuses the reader counted, the OTR results, the document's own
summary counts and every test as [name, status, message, suite, rawStatus]. Exits 1 with the
error on stderr when the schema or a reader rejects the document.
"""
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter

import jsonschema
from otr_ctrf_bridge.ctrf import parse_ctrf


def main() -> int:
    path, schema_path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    except jsonschema.ValidationError as e:
        print(f"schema: {e.message} at {list(e.absolute_path)}", file=sys.stderr)
        return 1
    models = parse_ctrf(doc)
    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/events.xml"
        cli = [sys.executable, "-m", "otr_ctrf_bridge.cli", "ctrf2otr", path, "-o", out]
        done = subprocess.run(cli, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"otr-ctrf: {done.stderr}", file=sys.stderr)
            return 1
        root = ET.parse(out).getroot()
    otr = Counter(r.get("status") for r in root.iter("{https://schemas.opentest4j.org/reporting/core/0.2.0}result"))
    summary = doc["results"]["summary"]
    print(json.dumps({
        "statuses": dict(Counter(m.status for m in models)),
        "tests": len(models),
        "otr": dict(otr),
        "summary": {k: summary[k] for k in ("tests", "passed", "failed", "skipped", "pending", "other")},
        "cases": [[m.name, m.status, m.message, m.suite, m.raw_status] for m in models],
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
