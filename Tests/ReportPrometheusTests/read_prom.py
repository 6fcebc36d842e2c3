#!/usr/bin/env python3
"""Parses a Prometheus text file with the official Python client's parser
(prometheus_client.parser.text_string_to_metric_families) and prints the families as JSON:
[{"name", "type", "help", "samples": [{"name", "labels", "value", "timestamp"}]}].
An independent consumer for the tests of ReportPrometheus."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
families = []
for family in text_string_to_metric_families(text):
    families.append({
        "name": family.name,
        "type": family.type,
        "help": family.documentation,
        "samples": [
            {"name": s.name, "labels": s.labels, "value": s.value, "timestamp": s.timestamp}
            for s in family.samples
        ],
    })
json.dump(families, sys.stdout, ensure_ascii=False, allow_nan=False)
