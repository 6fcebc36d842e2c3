#!/usr/bin/env python3
"""Parse-only baseline for the benchmark: read every .json/.jsonl file under DIR and parse each
document with orjson (one object per .json file, one per line in .jsonl), keeping nothing.
Prints the seconds taken (wall clock, read + parse)."""
import os
import sys
import time

import orjson


def main(root):
    files = []
    for dirpath, _, names in os.walk(root):
        files += [os.path.join(dirpath, n) for n in names if n.endswith((".json", ".jsonl"))]
    files.sort()
    start = time.perf_counter()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if path.endswith(".jsonl"):
            for line in data.splitlines():
                if line.strip():
                    orjson.loads(line)
        else:
            orjson.loads(data)
    print("%.3f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main(sys.argv[1])
