#!/usr/bin/env python3
"""Writes a waiver file of N waivers for a fleet, for Scripts/benchmark.sh (issue 19).

Usage: make-waivers.py SUMMARY_JSON N [--seed S] > waivers.yaml

SUMMARY_JSON is the fleet's summary.json made without waivers: the waivers use its real
vCenters, clusters (ids and names), hosts (ids and names of hosts that failed), notification
ids and commits, so that they match what a hand-written file would (some waive, some expire,
some match nothing). Half of them are globs, half exact values, over every key; every seventh
has expired (judged at the benchmark's --now, 2026-12-31). Deterministic for a given seed.
"""

import argparse
import json
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    with open(args.summary, encoding="utf-8") as f:
        s = json.load(f)
    rng = random.Random(args.seed)
    clusters = s["clusters"] or [{"vcenter": "vc01", "id": "domain-c1", "name": "c1"}]
    hosts = s["host_nights"] + s["flaky_hosts"] or [{"vcenter": "vc01", "cluster": "domain-c1", "host": "host-1",
                                                    "name": "esx-01"}]
    reasons = [r["id"] for r in s["failure_reasons"] + s["run_failure_reasons"]] or ["(unspecified)"]
    commits = sorted({c["commit"] for c in s["commits"]}) or ["1"]

    def q(text):
        return json.dumps(text, ensure_ascii=False)

    lines = ["waivers:"]
    for i in range(args.count):
        h = rng.choice(hosts)
        c = rng.choice(clusters)
        reason = rng.choice(reasons)
        kind = (i // 2) % 5
        if i % 2 == 0:  # exact values
            match = [
                {"host": h["name"]},
                {"host": h["host"], "reason": reason},
                {"cluster": c["name"]},
                {"reason": reason, "commit": rng.choice(commits)},
                {"vcenter": c["vcenter"], "cluster": c["id"]},
            ][kind]
        else:  # globs, each about as wide as a hand-written one: a host, a rack, a family of clusters
            short = h["name"].split(".")[0]
            digits = c["id"].rsplit("c", 1)[-1]
            match = [
                {"host": h["name"][: max(1, len(h["name"]) // 2)] + "*"},
                {"host": short[:-1] + "?.*"},
                {"reason": "*." + reason.split(".")[-1], "cluster": "domain-c" + digits[:-1] + "?"},
                {"vcenter": c["vcenter"].split(".")[0] + ".*", "commit": rng.choice(commits), "reason": "*Depot*"},
                {"cluster": c["name"][:-1] + "*"},
            ][kind]
        expires = "2026-11-30" if i % 7 == 3 else "2027-%02d-15" % (1 + i % 6)
        lines.append("  - match: {" + ", ".join("%s: %s" % (k, q(v)) for k, v in match.items()) + "}")
        lines.append("    owner: owner-%d" % (i % 13))
        lines.append("    ticket: OPS-%d" % (1000 + i))
        lines.append("    justification: benchmark waiver %d" % i)
        lines.append("    expires: %s" % expires)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
