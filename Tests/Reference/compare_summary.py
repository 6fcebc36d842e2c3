#!/usr/bin/env python3
"""Compare the reference summary with the Swift tool's summary.

Usage: python3 compare_summary.py REFERENCE.json TOOL.json
Exit 0 when they agree, 1 when they differ (2 on unreadable input). Every difference is printed
on one line with its JSON path, then a final line `N passed, M failed` (N, M count checks).

What is compared, and how (schema_version 2, report-semantics Revision 2):
  * exactly: schema_version; inputs.{files, documents, runs, duplicates, rejected,
    without_result, other_operations}; totals.{vcenters, clusters, hosts, runs}; every OUTCOMES
    object (totals.outcomes included, an object since version 2) and every RUN_STATUSES object
    (totals, clusters, commits, days; each must also sum to its `runs`); ids, names, commits,
    dates; window and latest_run times (as instants); latest_run.{commit (null when none),
    status, stage_status, task_status, reason}; runs/hosts counts; the order of clusters,
    commits, days, skip_reasons, failure_reasons, run_failure_reasons and warnings (by their
    keys); reason count/hosts; run_failure_reasons runs/clusters; warnings count/runs/hosts;
    runs_without_hosts as an ordered list (vcenter, cluster, name, commit, start as an
    instant, status, stage_status, task_status, reason, compared entry by entry); the set of flaky and
    failing hosts and their counts, streak, latest_outcome; data_quality kinds and counts;
    rejected sources as a multiset.
  * rates (success_rate everywhere): within 1e-6 absolute; null must match null.
  * durations: count and histogram (bounds and counts) exactly; min_s/max_s exactly at
    millisecond resolution; mean_s within 1e-3 s; p50/p90/p95/p99 within 1 % relative (the tool
    reports histogram midpoints).
  * compared only when BOTH sides have the member (project extras, not in the contract's list):
    reason message/resolution, latest_run.message, run_failure_reasons/warnings message,
    runs_without_hosts message, flaky/failing host name, failing
    latest_run_start/latest_reason.

Skipped on purpose (free text, environment-dependent or not numbers of the contract):
  title, generated_at, inputs.bytes, data_quality[].examples, rejected[].reason, gates, and any
  other member that is not listed above (whichever side has it).
"""

import collections
import datetime as _dt
import json
import re
import sys

MISSING = object()
OUTCOME_KEYS = ("succeeded", "failed", "timed_out", "skipped", "in_progress", "unknown")
RATE_TOL = 1e-6 + 1e-12
MEAN_TOL = 1e-3 + 1e-9
PCT_REL = 0.01


class Comparer:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, path, msg):
        self.failed += 1
        print("%s: %s" % (path, msg))

    # -- primitives -------------------------------------------------------------------------
    def present(self, path, ref, tool):
        """Both sides must have the member; returns False (after recording) when not."""
        if ref is MISSING and tool is MISSING:
            self.fail(path, "missing on both sides")
            return False
        if ref is MISSING:
            self.fail(path, "missing in reference")
            return False
        if tool is MISSING:
            self.fail(path, "missing in tool (reference %s)" % show(ref))
            return False
        return True

    def exact(self, path, ref, tool):
        if not self.present(path, ref, tool):
            return
        if ref == tool and type(ref) is type(tool) or (is_num(ref) and is_num(tool) and ref == tool):
            self.ok()
        else:
            self.fail(path, "reference %s, tool %s" % (show(ref), show(tool)))

    def exact_if_both(self, path, ref, tool):
        if ref is MISSING or tool is MISSING:
            return
        self.exact(path, ref, tool)

    def rate(self, path, ref, tool):
        if not self.present(path, ref, tool):
            return
        if ref is None or tool is None:
            if ref is None and tool is None:
                self.ok()
            else:
                self.fail(path, "reference %s, tool %s" % (show(ref), show(tool)))
            return
        if is_num(ref) and is_num(tool) and abs(ref - tool) <= RATE_TOL:
            self.ok()
        else:
            self.fail(path, "reference %s, tool %s (tolerance 1e-6)" % (show(ref), show(tool)))

    def time(self, path, ref, tool):
        if not self.present(path, ref, tool):
            return
        r, t = parse_time(ref), parse_time(tool)
        if ref is None and tool is None:
            self.ok()
        elif r is not None and r == t:
            self.ok()
        else:
            self.fail(path, "reference %s, tool %s" % (show(ref), show(tool)))

    def seconds_exact(self, path, ref, tool):
        if not self.present(path, ref, tool):
            return
        if ref is None or tool is None:
            good = ref is None and tool is None
        else:
            good = is_num(ref) and is_num(tool) and round(ref * 1000) == round(tool * 1000)
        if good:
            self.ok()
        else:
            self.fail(path, "reference %s, tool %s" % (show(ref), show(tool)))

    def seconds_tol(self, path, ref, tool, rel=None, abs_=None):
        if not self.present(path, ref, tool):
            return
        if ref is None or tool is None:
            good = ref is None and tool is None
        elif not (is_num(ref) and is_num(tool)):
            good = False
        elif rel is not None:
            good = abs(ref - tool) <= max(rel * abs(ref), 5e-4)
        else:
            good = abs(ref - tool) <= abs_
        if good:
            self.ok()
        else:
            tol = "1% relative" if rel is not None else "%g s" % abs_
            self.fail(path, "reference %s, tool %s (tolerance %s)" % (show(ref), show(tool), tol))

    # -- composites -------------------------------------------------------------------------
    def outcomes(self, path, ref, tool):
        if not self.present(path, ref, tool):
            return
        if not isinstance(ref, dict) or not isinstance(tool, dict):
            self.fail(path, "not an object")
            return
        for k in OUTCOME_KEYS:
            self.exact("%s.%s" % (path, k), ref.get(k, MISSING), tool.get(k, MISSING))

    def run_statuses(self, path, ref, tool, runs_ref=MISSING):
        """RUN_STATUSES: all six kinds exactly; and on the reference side, that they sum to
        `runs` (a broken reference must not pass unnoticed)."""
        if not self.present(path, ref, tool):
            return
        if not isinstance(ref, dict) or not isinstance(tool, dict):
            self.fail(path, "not an object")
            return
        for k in OUTCOME_KEYS:
            self.exact("%s.%s" % (path, k), ref.get(k, MISSING), tool.get(k, MISSING))
        if is_num(runs_ref):
            for side, d in (("reference", ref), ("tool", tool)):
                total = sum(v for v in d.values() if is_num(v))
                if total == runs_ref:
                    self.ok()
                else:
                    self.fail(path, "%s run statuses sum to %s, runs is %s" % (side, total, runs_ref))

    def durations(self, path, ref, tool, by_outcome=False):
        if not self.present(path, ref, tool):
            return
        if not isinstance(ref, dict) or not isinstance(tool, dict):
            self.fail(path, "not an object")
            return
        g = lambda d, k: d.get(k, MISSING)  # noqa: E731
        self.exact(path + ".count", g(ref, "count"), g(tool, "count"))
        self.seconds_exact(path + ".min_s", g(ref, "min_s"), g(tool, "min_s"))
        self.seconds_exact(path + ".max_s", g(ref, "max_s"), g(tool, "max_s"))
        self.seconds_tol(path + ".mean_s", g(ref, "mean_s"), g(tool, "mean_s"), abs_=MEAN_TOL)
        for p in ("p50_s", "p90_s", "p95_s", "p99_s"):
            self.seconds_tol("%s.%s" % (path, p), g(ref, p), g(tool, p), rel=PCT_REL)
        rh, th = g(ref, "histogram"), g(tool, "histogram")
        hp = path + ".histogram"
        if self.present(hp, rh, th):
            if not isinstance(rh, list) or not isinstance(th, list):
                self.fail(hp, "not a list")
            elif len(rh) != len(th):
                self.fail(hp, "reference %d buckets, tool %d" % (len(rh), len(th)))
            else:
                self.ok()
                for i, (rb, tb) in enumerate(zip(rh, th)):
                    rb = rb if isinstance(rb, dict) else {}
                    tb = tb if isinstance(tb, dict) else {}
                    self.exact("%s[%d].le_s" % (hp, i), rb.get("le_s", MISSING), tb.get("le_s", MISSING))
                    self.exact("%s[%d].count" % (hp, i), rb.get("count", MISSING), tb.get("count", MISSING))
        if by_outcome:
            rb, tb = g(ref, "by_outcome"), g(tool, "by_outcome")
            bp = path + ".by_outcome"
            if self.present(bp, rb, tb):
                for k in ("succeeded", "failed", "timed_out"):
                    self.durations("%s.%s" % (bp, k), rb.get(k, MISSING), tb.get(k, MISSING))

    def keyed_list(self, path, ref, tool, keys, ordered, compare_item):
        """Lists of objects identified by `keys`: membership, optional order, then items."""
        if not self.present(path, ref, tool):
            return
        if not isinstance(ref, list) or not isinstance(tool, list):
            self.fail(path, "not a list")
            return

        def key_of(e):
            return tuple(e.get(k) if isinstance(e, dict) else None for k in keys)

        rmap = collections.OrderedDict((key_of(e), e) for e in ref)
        tmap = collections.OrderedDict((key_of(e), e) for e in tool)
        if len(tmap) != len(tool):
            self.fail(path, "tool lists a key more than once")
        label = lambda k: ",".join("%s=%s" % (n, v) for n, v in zip(keys, k))  # noqa: E731
        for k in rmap:
            if k in tmap:
                self.ok()
            else:
                self.fail("%s[%s]" % (path, label(k)), "missing in tool")
        for k in tmap:
            if k not in rmap:
                self.fail("%s[%s]" % (path, label(k)), "only in tool")
        if ordered:
            rorder = [k for k in rmap if k in tmap]
            torder = [k for k in tmap if k in rmap]
            if rorder == torder:
                self.ok()
            else:
                self.fail(path, "order differs: reference [%s], tool [%s]" % (
                    "; ".join(label(k) for k in rorder), "; ".join(label(k) for k in torder)))
        for k, r in rmap.items():
            if k in tmap:
                compare_item("%s[%s]" % (path, label(k)), r, tmap[k])


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def show(v):
    if v is MISSING:
        return "<missing>"
    return json.dumps(v, ensure_ascii=False)


_TIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$")


def parse_time(s):
    if not isinstance(s, str):
        return None
    m = _TIME_RE.match(s)
    if not m:
        return None
    y, mo, d, h, mi, se, frac, off = m.groups()
    try:
        t = _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se),
                         tzinfo=_dt.timezone.utc)
    except ValueError:
        return None
    ms = int(frac[:3].ljust(3, "0")) if frac else 0
    off_min = 0
    if off != "Z":
        digits = off[1:].replace(":", "")
        off_min = (1 if off[0] == "+" else -1) * (int(digits[:2]) * 60 + int(digits[2:]))
    secs = int((t - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)).total_seconds())
    return (secs - off_min * 60) * 1000 + ms


def get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return MISSING
        d = d[p]
    return d


def compare(ref, tool):
    c = Comparer()
    c.exact("$.schema_version", get(ref, "schema_version"), get(tool, "schema_version"))

    for k in ("files", "documents", "runs", "duplicates", "rejected", "without_result",
              "other_operations"):
        c.exact("$.inputs." + k, get(ref, "inputs", k), get(tool, "inputs", k))

    for k in ("first_run_start", "last_run_start"):
        c.time("$.window." + k, get(ref, "window", k), get(tool, "window", k))

    for k in ("vcenters", "clusters", "hosts", "runs"):
        c.exact("$.totals." + k, get(ref, "totals", k), get(tool, "totals", k))
    c.run_statuses("$.totals.run_statuses", get(ref, "totals", "run_statuses"),
                   get(tool, "totals", "run_statuses"), get(ref, "totals", "runs"))
    c.outcomes("$.totals.outcomes", get(ref, "totals", "outcomes"), get(tool, "totals", "outcomes"))
    c.rate("$.totals.success_rate", get(ref, "totals", "success_rate"),
           get(tool, "totals", "success_rate"))
    if get(tool, "outcomes") is not MISSING:  # the version 1 top-level member is gone
        c.fail("$.outcomes", "present in tool (schema version 1 member; version 2 has totals.outcomes)")
    c.durations("$.durations", get(ref, "durations"), get(tool, "durations"), by_outcome=True)

    def cluster_item(p, r, t):
        c.exact(p + ".name", get(r, "name"), get(t, "name"))
        c.exact(p + ".runs", get(r, "runs"), get(t, "runs"))
        c.run_statuses(p + ".run_statuses", get(r, "run_statuses"), get(t, "run_statuses"),
                       get(r, "runs"))
        c.exact(p + ".hosts", get(r, "hosts"), get(t, "hosts"))
        c.outcomes(p + ".outcomes", get(r, "outcomes"), get(t, "outcomes"))
        c.rate(p + ".success_rate", get(r, "success_rate"), get(t, "success_rate"))
        c.durations(p + ".durations", get(r, "durations"), get(t, "durations"))
        lp, lr, lt = p + ".latest_run", get(r, "latest_run"), get(t, "latest_run")
        if c.present(lp, lr, lt):
            c.time(lp + ".start", get(lr, "start"), get(lt, "start"))
            c.time(lp + ".end", get(lr, "end"), get(lt, "end"))
            for k in ("commit", "status", "stage_status", "task_status", "reason"):
                c.exact(lp + "." + k, get(lr, k), get(lt, k))
            c.exact_if_both(lp + ".message", get(lr, "message"), get(lt, "message"))
            c.outcomes(lp + ".outcomes", get(lr, "outcomes"), get(lt, "outcomes"))
            c.rate(lp + ".success_rate", get(lr, "success_rate"), get(lt, "success_rate"))

    c.keyed_list("$.clusters", get(ref, "clusters"), get(tool, "clusters"),
                 ("vcenter", "id"), True, cluster_item)

    def group_item(p, r, t):
        c.exact(p + ".runs", get(r, "runs"), get(t, "runs"))
        c.run_statuses(p + ".run_statuses", get(r, "run_statuses"), get(t, "run_statuses"),
                       get(r, "runs"))
        c.outcomes(p + ".outcomes", get(r, "outcomes"), get(t, "outcomes"))
        c.rate(p + ".success_rate", get(r, "success_rate"), get(t, "success_rate"))

    c.keyed_list("$.commits", get(ref, "commits"), get(tool, "commits"),
                 ("vcenter", "cluster", "commit"), True, group_item)
    c.keyed_list("$.days", get(ref, "days"), get(tool, "days"), ("date",), True, group_item)

    def reason_item(p, r, t):
        c.exact(p + ".count", get(r, "count"), get(t, "count"))
        c.exact(p + ".hosts", get(r, "hosts"), get(t, "hosts"))
        c.exact_if_both(p + ".message", get(r, "message"), get(t, "message"))
        c.exact_if_both(p + ".resolution", get(r, "resolution"), get(t, "resolution"))

    for name in ("skip_reasons", "failure_reasons"):
        c.keyed_list("$." + name, get(ref, name), get(tool, name), ("id",), True, reason_item)

    def run_reason_item(p, r, t):
        c.exact(p + ".runs", get(r, "runs"), get(t, "runs"))
        c.exact(p + ".clusters", get(r, "clusters"), get(t, "clusters"))
        c.exact_if_both(p + ".message", get(r, "message"), get(t, "message"))

    c.keyed_list("$.run_failure_reasons", get(ref, "run_failure_reasons"),
                 get(tool, "run_failure_reasons"), ("id",), True, run_reason_item)

    def warning_item(p, r, t):
        for k in ("count", "runs", "hosts"):
            c.exact(p + "." + k, get(r, k), get(t, k))
        c.exact_if_both(p + ".message", get(r, "message"), get(t, "message"))

    c.keyed_list("$.warnings", get(ref, "warnings"), get(tool, "warnings"), ("id",), True,
                 warning_item)

    # Runs without hosts: an ordered list (canonical run order) in which the same cluster
    # may appear more than once, so entries are compared by position.
    rw, tw = get(ref, "runs_without_hosts"), get(tool, "runs_without_hosts")
    wp = "$.runs_without_hosts"
    if c.present(wp, rw, tw):
        if not isinstance(rw, list) or not isinstance(tw, list):
            c.fail(wp, "not a list")
        else:
            if len(rw) == len(tw):
                c.ok()
            else:
                c.fail(wp, "reference %d runs, tool %d" % (len(rw), len(tw)))
            for i, (r, t) in enumerate(zip(rw, tw)):
                ip = "%s[%d]" % (wp, i)
                for k in ("vcenter", "cluster", "commit", "status", "stage_status",
                          "task_status", "reason"):
                    c.exact(ip + "." + k, get(r, k), get(t, k))
                c.time(ip + ".start", get(r, "start"), get(t, "start"))
                c.exact(ip + ".name", get(r, "name"), get(t, "name"))
                c.exact_if_both(ip + ".message", get(r, "message"), get(t, "message"))
            for i in range(min(len(rw), len(tw)), max(len(rw), len(tw))):
                side = "tool" if i < len(rw) else "reference"
                e = (rw if i < len(rw) else tw)[i]
                c.fail("%s[%d]" % (wp, i), "missing in %s (%s)" % (side, show(e)))

    def flaky_item(p, r, t):
        c.exact_if_both(p + ".name", get(r, "name"), get(t, "name"))
        for k in ("outcomes", "succeeded", "failed"):
            c.exact(p + "." + k, get(r, k), get(t, k))

    def failing_item(p, r, t):
        c.exact_if_both(p + ".name", get(r, "name"), get(t, "name"))
        c.exact(p + ".streak", get(r, "streak"), get(t, "streak"))
        c.exact(p + ".latest_outcome", get(r, "latest_outcome"), get(t, "latest_outcome"))
        rs, ts = get(r, "latest_run_start"), get(t, "latest_run_start")
        if rs is not MISSING and ts is not MISSING:
            c.time(p + ".latest_run_start", rs, ts)
        c.exact_if_both(p + ".latest_reason", get(r, "latest_reason"), get(t, "latest_reason"))

    host_key = ("vcenter", "cluster", "host")
    c.keyed_list("$.flaky_hosts", get(ref, "flaky_hosts"), get(tool, "flaky_hosts"),
                 host_key, False, flaky_item)
    c.keyed_list("$.failing_hosts", get(ref, "failing_hosts"), get(tool, "failing_hosts"),
                 host_key, False, failing_item)

    c.keyed_list("$.data_quality", get(ref, "data_quality"), get(tool, "data_quality"),
                 ("kind",), False,
                 lambda p, r, t: c.exact(p + ".count", get(r, "count"), get(t, "count")))

    rr, tr = get(ref, "rejected"), get(tool, "rejected")
    if c.present("$.rejected", rr, tr):
        if not isinstance(rr, list) or not isinstance(tr, list):
            c.fail("$.rejected", "not a list")
        else:
            rs = collections.Counter(get(e, "source") for e in rr)
            ts = collections.Counter(get(e, "source") for e in tr)
            for s in sorted(set(rs) | set(ts), key=lambda s: str(s)):
                if rs[s] == ts[s]:
                    c.ok()
                else:
                    c.fail("$.rejected[source=%s]" % (s if s is not MISSING else "<missing>"),
                           "reference %d time(s), tool %d time(s)" % (rs[s], ts[s]))
    return c


def main(argv):
    if len(argv) != 3:
        print("usage: compare_summary.py REFERENCE.json TOOL.json", file=sys.stderr)
        return 2
    docs = []
    for p in argv[1:]:
        try:
            with open(p, encoding="utf-8") as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print("%s: cannot read: %s" % (p, e), file=sys.stderr)
            return 2
    c = compare(docs[0], docs[1])
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
