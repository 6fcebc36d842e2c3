#!/usr/bin/env python3
"""Independent generator of synthetic vLCM stage-result fleets (Python 3 standard library only).

Written from the written contract only (the vSphere wire forms; docs/report-semantics.md:
what a document is, identity, duplicates, outcomes) and this project's docs/summary-json.md. It
shares nothing with `stage-report sample` (Sources/StageSample), so a fleet it writes is a second
reading of the docs, used by check_tool.sh to compare the tool with reference_summary.py.

Usage:
  generate_fleet.py OUT_DIR [--seed N] [--vcenters N] [--clusters N] [--hosts N] [--nights N]
                    [--layout files|jsonl|mixed] [--default-vcenter NAME]

  --vcenters N    vCenters in the fleet
  --clusters N    clusters per vCenter
  --hosts N       mean hosts per cluster (each cluster draws between 0.6 N and 1.4 N)
  --nights N      nights (one nightly stage run per cluster, plus retries/duplicates)
  --layout        files: <vcenter>/<cluster>/<date>.json (one document, or a JSON array)
                  jsonl: <vcenter>/<date>.jsonl (every document of that night, one per line)
                  mixed: per vCenter (switching once mid-window) one of files, .jsonl, .ndjson,
                         or one <vcenter>/<date>.json array per night; plus a non-input .log file
  --default-vcenter NAME  name the first vCenter NAME and leave its `vcenter` annotation out of
                  about half of its documents (as a collector configured with that default
                  would); pass the same name as --vcenter to the report.

The same arguments give byte-identical output. Output is streamed (one cluster-night in memory).
A line on standard error gives files, documents, bytes and seconds.

What the fleet contains (rates are per document, run or host, roughly):
  * wire forms: `/api` CIS task info with the StageResult in `result` (maps as JSON objects);
    legacy `/rest` `{"value": {...}}` with maps (host_info, host_status, message params) as
    `[{"key", "value"}]` lists and `@class` in errors; bare StageResults annotated with
    `vcenter`/`cluster` (+ `cluster_name` in some vCenters). Each vCenter has a main form and
    uses the others now and then; a few documents mix both map encodings.
  * every host status: OK, ERROR, SKIPPED, TIMED_OUT, RUNNING, RETRY_PENDING (snapshots of
    running stages), unknown strings (CANCELED, PENDING, NOT_STAGED), a missing, null or
    non-string `status`, and a `host_status` entry that is not an object.
  * notifications in the model's shapes: info/warnings/errors omitted, empty or populated;
    `type` missing (disconnected host), `resolution`, `originator`, `retriable`, `params` (both
    map encodings, `s`/`i`/`dt`/`l` params), message ids differing from notification ids; the
    1970 sentinel in notification times; reasons from errors, warnings-only, info-only, none.
  * list quirks: hosts only in the lists (no host_status, with or without host_info), hosts in
    several lists, lists that disagree with the status (skipped hosts with errors listed as
    failed, ...), host_status keys missing from host_info, host_info-only hosts, vSAN witness.
  * times: `.sssZ`, no fraction, 1/2/6/9 fraction digits, numeric offsets (+01:00, -05:00,
    +05:30, +05:45, +00:00, ...) so that local nights and UTC days differ; the 1970 unset
    sentinel as a host end or task start; missing end times (running hosts, some finished
    ones); end before start; unparseable host time strings (invalid-time) and numeric times.
  * identity: cluster from `target.id`, from the `cluster` annotation (tasks without target,
    `target.id` ""), none at all (unknown-cluster); cluster and host ids that repeat across
    vCenters; a cluster renamed mid-window; non-ASCII cluster and host names; commits that
    go from one digit to two ("9" then "10").
  * unknown extra members everywhere (task `_links`, result `stage_spec`, host `stage_details`,
    host_info `build`), `last_update_time`, task-level notifications, big int64 params.
  * wrong types deeper down: `notifications` that is a string or a list, `errors` that is an
    object, a non-object first error, aggregate `status` a string, key/value entries that are
    not {key: string, value}, host-list members that are not strings, null members.
  * task variants: SUCCEEDED/FAILED (with `error` and a result), RUNNING (partial result, no
    aggregate status, no end), BLOCKED; other operations (scan$task, apply$task with a
    StageResult-like result, check_compliance$task), a task without `operation`.
  * Revision 2 runs (report-semantics §1–§3, §6), in both /api and /rest forms:
    - tasks without result, each a run: FAILED with `error` and no `result` (depot unreachable:
      error_type ERROR or NOT_FOUND, message id com.vmware.vcIntegrity.lifecycle.DepotUnreachable,
      `@class` in /rest, sometimes a task-level plugin.Failed error notification), either a
      retry later that night or, on about 0.6 % of cluster-nights, instead of the night's run;
      FAILED at submit (NOT_ALLOWED_IN_CURRENT_STATE); PENDING (no start); RUNNING polled with
      exclude_result (the same start as the night's run, so the same run as the document with
      a result; some without start_time); SUCCEEDED polled with exclude_result (the same run,
      a later last_update_time, or a later run of that night); `"result": null`;
    - FAILED tasks whose stage status is ERROR (and TIMED_OUT stage statuses), with the task
      `error` carrying a message, no message, or no `error` at all;
    - cluster-level error notifications in result.status.notifications or (vLCM fills one or
      the other) result.notifications, or none (then the reason is the task error's, or
      "(unspecified)"/"(timed out)");
    - cluster-level failures and timeouts (about 1 % of cluster-nights) with `host_status`
      empty or partial: the hosts not reached only in host_info (host-without-status);
    - host warnings on OK and SKIPPED hosts (low space in /locker,
      com.vmware.vcIntegrity.lifecycle.EsxImage.LockerLowSpace; sometimes the same id twice on
      a host, or beside an info notification), cluster-level warnings in the stage status and
      task-level warnings in the task's `notifications`;
    - documents whose collector left out the `vcenter` annotation (about 0.3 %:
      vcenter-missing, when no --vcenter default is given).
  * duplicates of a run (same vCenter, cluster, commit, start): an earlier RUNNING poll and the
    final one (different last_update_time/end), the same run saved in both /api and /rest form
    (start rendered with a different offset), a bare copy; a second (retry) run the same night.
  * files: pretty (indent 1, 2, 4, tab) and compact JSON, \\u-escaped or raw UTF-8, CRLF, UTF-8
    BOM, no final newline; JSON arrays of documents; JSON Lines with blank lines, CRLF line
    ends, a BOM, no final newline.
  * a few rejected documents: bare StageResult without commit, task result without commit or
    with a numeric commit, host_status a string, a host list an object, vCenter error bodies
    (/api and /rest) saved instead of a task, a task id string, truncated JSON (file and
    line), a log line in JSON Lines, an empty .json file, Latin-1 (invalid UTF-8) bytes.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
FIRST_NIGHT = dt.date(2026, 9, 24)
SENTINEL = "1970-01-01T00:00:00.000Z"
UNSET = object()      # a HostRun field with no quirk
OMIT = "<omit>"       # a quirk: leave the member out

SITES = [  # (site, UTC offset in minutes of the vCenter's local clock)
    ("ams", 60), ("nyc", -300), ("sin", 480), ("fra", 120), ("bom", 330), ("sao", -180),
    ("tyo", 540), ("ktm", 345), ("syd", 600), ("lon", 0), ("chi", -360), ("jnb", 120),
]
CLUSTER_NAMES = ["Prod-A", "Prod-B", "VDI", "Edge Zürich", "Compute São Paulo", "東京 Compute",
                 "Mgmt", "DMZ", "Batch", "Dev/Test", "Kraków Edge", "GPU", "Backup", "Core",
                 "Łódź Lab", "Data", "Archive", "Web", "Søndre Storage", "Databases"]
UNICODE_HOSTS = ["esx-zürich-{n:02d}.example.ch", "esx{n:02d}.東京.example.jp",
                 "esx-{n:02d}.kraków.example.pl", "ёsx-{n:02d}.example.ru",
                 "esx-{n:02d}-søndre.example.no", "esx-{n:02d}.münchen.example.de"]

SVC = "com.vmware.esx.settings.clusters.software"
LCM = "com.vmware.vcIntegrity.lifecycle."
USERS = ["Administrator@VSPHERE.LOCAL", "svc-lcm@VSPHERE.LOCAL", "CORP\\nightly-stage"]


# --------------------------------------------------------------------------------------------
# Logical values, rendered per document (map encoding, time style)

class Map(dict):
    """A model map (host_info, host_status, params): a JSON object or a key/value list."""

    def __init__(self, label, items=(), bad=None):
        super().__init__(items)
        self.label = label
        self.bad = bad  # malformed key/value entries, written only in the list encoding


class T:
    """A DateTime (milliseconds since the epoch), rendered in the document's time style."""
    __slots__ = ("ms",)

    def __init__(self, ms):
        self.ms = ms


class Style:
    """How one document is written: map encoding and time format."""

    def __init__(self, rng, kv, frac, offset, kv_only=None):
        self.rng = rng
        self.kv = kv            # maps as key/value lists
        self.kv_only = kv_only  # when set: only maps with these labels as lists (mixed doc)
        self.frac = frac        # "ms", "s", "us", "ns", "cs", "2"
        self.offset = offset    # minutes; None = "Z"

    def time(self, ms):
        off = self.offset or 0
        secs, rem = divmod(ms + off * 60000, 1000)
        base = (EPOCH + dt.timedelta(seconds=secs)).strftime("%Y-%m-%dT%H:%M:%S")
        f = self.frac
        if f == "ms":
            frac = ".%03d" % rem
        elif f == "s":
            frac = ""
        elif f == "us":
            frac = ".%03d%03d" % (rem, self.rng.randrange(1000))
        elif f == "ns":
            frac = ".%03d%06d" % (rem, self.rng.randrange(1000000))
        elif f == "cs":
            frac = ".%d" % (rem // 100)
        else:
            frac = ".%02d" % (rem // 10)
        if self.offset is None:
            zone = "Z"
        elif self.offset == 0:
            zone = "+00:00"
        else:
            sign = "+" if off > 0 else "-"
            zone = "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)
        return base + frac + zone

    def use_kv(self, m):
        if self.kv_only is not None:
            return m.label in self.kv_only
        return self.kv


def render(o, st):
    if isinstance(o, Map):
        if st.use_kv(o):
            out = [{"key": k, "value": render(v, st)} for k, v in o.items()]
            if o.bad:
                for pos, entry in o.bad:
                    out.insert(min(pos, len(out)), entry)
            return out
        return {k: render(v, st) for k, v in o.items()}
    if isinstance(o, dict):
        return {k: render(v, st) for k, v in o.items()}
    if isinstance(o, list):
        return [render(v, st) for v in o]
    if isinstance(o, T):
        return st.time(o.ms)
    return o


# --------------------------------------------------------------------------------------------
# Messages and notifications (shapes of vsphere-stage-model.md §6, §7)

def lmsg(mid, text, args=(), params=None, localized=True):
    m = {"id": mid, "default_message": text, "args": list(args)}
    if params is not None:
        m["params"] = params
    if localized:
        m["localized"] = text
    return m


def note(nid, text, args, t, ntype=None, resolution=None, params=None, originator=None,
         retriable=None, msg_id=None):
    n = {}
    if ntype is not None:
        n["type"] = ntype
    n["id"] = nid
    n["time"] = t
    n["message"] = lmsg(msg_id or nid, text, args, params)
    if resolution is not None:
        n["resolution"] = resolution
    if originator is not None:
        n["originator"] = originator
    if retriable is not None:
        n["retriable"] = retriable
    return n


def progress(done):
    text = "Current progress for task created by VMware vSphere Lifecycle Manager"
    return {"total": 100, "completed": done, "message": lmsg(LCM + "Task.Progress", text)}


DESCRIPTION = lmsg(LCM + "Task.Description", "Task created by VMware vSphere Lifecycle Manager")


# --------------------------------------------------------------------------------------------
# Fleet

class Host:
    pass


class Cluster:
    pass


class VCenter:
    pass


def ms_of_date(d):
    return (dt.datetime(d.year, d.month, d.day, tzinfo=UTC) - EPOCH) // dt.timedelta(milliseconds=1)


def build_fleet(a):
    rng = random.Random("fleet:%d" % a.seed)
    vcs = []
    sites = SITES[:]
    rng.shuffle(sites)
    for vi in range(a.vcenters):
        v = VCenter()
        site, tz = sites[vi % len(sites)]
        v.index = vi
        v.name = "vc%02d.%s.example.com" % (vi + 1, site)
        if vi == 0 and a.default_vcenter:
            v.name = a.default_vcenter
        v.tz = tz
        v.form = ["api", "rest", "bare", "api", "api", "rest"][(vi + a.seed) % 6]
        v.frac = rng.choice(["ms", "ms", "ms", "s", "us", "ms"])
        v.render_offset = rng.random() < 0.3  # writes times in local time with an offset
        v.cluster_names = vi % 2 == 0 or rng.random() < 0.3  # collector adds cluster_name
        v.annotate_cluster = vi % 3 == 1 or rng.random() < 0.2  # collector adds `cluster` to tasks
        v.layouts = [rng.choice(["files", "jsonl", "ndjson", "array"]) for _ in range(2)]
        v.switch_night = rng.randrange(1, max(2, a.nights))
        v.clusters = []
        cnum = 7
        hnum = 8
        for ci in range(a.clusters):
            c = Cluster()
            cnum += rng.choice([1, 1, 1, 2, 3, 7])
            c.vc = v
            c.id = "domain-c%d" % cnum
            c.name = CLUSTER_NAMES[(ci + vi) % len(CLUSTER_NAMES)]
            if ci >= len(CLUSTER_NAMES):
                c.name += " %d" % (ci // len(CLUSTER_NAMES) + 1)
            c.rename_night = a.nights // 2 if rng.random() < 0.1 else None
            c.slot = rng.randrange(45, 200)  # local minutes after midnight
            c.commit = rng.randrange(1, 8)
            c.bump = rng.choice([0.5, 0.7, 0.85, 1.0])
            c.vsan_witness = rng.random() < 0.1
            c.hosts = []
            nh = max(1, int(round(a.hosts * (0.6 + 0.8 * rng.random()))))
            style = rng.random()
            for hi in range(nh):
                h = Host()
                hnum += rng.choice([1, 1, 1, 2, 4])
                h.id = "host-%d" % hnum
                r = rng.random()
                if style < 0.15:
                    h.name = "10.%d.%d.%d" % (vi + 10, ci + 1, hi + 11)
                elif r < 0.08:
                    h.name = rng.choice(UNICODE_HOSTS).format(n=hi + 1)
                else:
                    h.name = "esx%02d.%s.%s.example.com" % (hi + 1, c.id, site)
                p = rng.random()
                h.profile = ("flaky" if p < 0.08 else "slow" if p < 0.13 else
                             "fragile" if p < 0.16 else "healthy")
                h.witness = c.vsan_witness and hi == nh - 1
                h.renamed = None  # (night, new name): re-added under its FQDN
                if h.name.startswith("10.") and rng.random() < 0.2:
                    h.renamed = (rng.randrange(a.nights), "esx%02d.%s.example.com" % (hi + 1, c.id))
                h.staged = None
                h.down_until = -1
                h.broken_until = -1
                c.hosts.append(h)
            c.rng = random.Random("%d:%s:%s" % (a.seed, v.name, c.id))
            v.clusters.append(c)
        vcs.append(v)
    return vcs


# --------------------------------------------------------------------------------------------
# One run: the logical result, per host

class HostRun:
    __slots__ = ("h", "status", "start", "end", "notes", "progress", "lists", "in_info",
                 "in_status", "extra", "raw_status", "raw_start", "raw_end", "entry")

    def __init__(self, h):
        self.h = h
        self.notes = {}
        self.progress = None
        self.lists = []
        self.in_info = True
        self.in_status = True
        self.extra = None
        self.raw_status = UNSET  # UNSET, OMIT, or the value to write (None → null)
        self.raw_start = UNSET
        self.raw_end = UNSET
        self.entry = UNSET       # a host_status entry that is not an object


class Run:
    pass


def duration_s(rng, kind, profile):
    if kind == "OK":
        d = rng.lognormvariate(6.1, 0.45)  # median ~7.5 min
        if profile == "slow":
            d *= rng.uniform(2.5, 6)
    elif kind == "ERROR":
        d = rng.choice([rng.uniform(20, 120), rng.lognormvariate(6.0, 0.7)])
    elif kind == "TIMED_OUT":
        d = rng.uniform(3600, 9000)
    else:  # SKIPPED
        d = rng.uniform(0.05, 6)
    return int(d * 1000)


def failure_note(rng, hr, kind, t, host_name, cl_id):
    """Notifications of a failed / timed-out host (ERROR, TIMED_OUT)."""
    r = rng.random()
    if kind == "TIMED_OUT":
        if r < 0.7:
            return {"errors": [note(LCM + "StageTask.Host.Timeout",
                                    "Staging timed out on host %s." % host_name, [host_name], t,
                                    "ERROR", retriable=True)]}
        if r < 0.85:
            return {}
        return {"warnings": [note(LCM + "StageTask.Host.SlowDownload",
                                  "Download of the image to host %s is slow." % host_name,
                                  [host_name], t, "WARNING")]}
    if hr.h.broken_until >= 0 or r < 0.3:
        free = rng.randrange(10 ** 8, 9 * 10 ** 9)
        params = Map("params", {"host": {"s": host_name},
                                "free": {"i": free if rng.random() < 0.9 else 9007199254740993},
                                "checked": {"dt": t}})
        return {"errors": [note(LCM + "StageTask.Host.InsufficientSpace",
                                "Not enough space on the bootbank of %s to stage the image." % host_name,
                                [host_name], t, "ERROR", params=params, retriable=False,
                                resolution=lmsg(LCM + "StageTask.Host.InsufficientSpace.Resolution",
                                                "Free up space on host %s and retry." % host_name,
                                                [host_name]))]}
    if r < 0.55:
        url = "https://depot.%s.example.com/vum/repository/hostupdate/vmw-ESXi-8.0.3" % cl_id
        err = "<urlopen error [Errno -2] Name or service not known>"
        return {"errors": [note(LCM + "EsxImage.DepotConnectErrorV2",
                                "Cannot download VIB from %s. Error: %s" % (url, err), [url, err],
                                t, "ERROR", retriable=True)]}
    if r < 0.7:
        orig = "ext[com.vmware.vcIntegrity/8.0.3.24364488/network_group/network_pre]"
        nid = "com.vmware.esx.network.host.validate.vmknics.failed"
        return {"info": [note(nid.replace("failed", "start"), "Validating VMkernel NICs.", [], t,
                              "INFO", originator=orig, msg_id=orig + nid.replace("failed", "start"))],
                "errors": [note(nid, "VMkernel NIC validation failed on %s." % host_name,
                                [host_name], t, "ERROR", originator=orig, msg_id=orig + nid)]}
    if r < 0.8:
        return {"warnings": [note(LCM + "StageTask.Host.SlowDownload",
                                  "Download of the image to host %s is slow \U0001f422." % host_name,
                                  [host_name], t, "WARNING")], "errors": []}
    if r < 0.9:  # info only: the failure reason is "(unspecified)"
        return {"info": [note(LCM + "HostScan.RebootImpact", "The host will be rebooted.", [], t,
                              "INFO")], "warnings": [], "errors": []}
    return {}


def skip_note(rng, hr, reason, t, host_name):
    if reason == "down":
        return {"errors": [note(LCM + "host.disconnected",
                                "Host %s is disconnected. Connect the host and retry." % host_name,
                                [host_name], t,
                                resolution=lmsg(LCM + "host.disconnected.GenericResolution",
                                                "Reconnect the host '%s' and try again." % host_name,
                                                [host_name]))]}
    if reason == "witness":
        return {"info": [note(LCM + "StageTask.Host.VsanWitness",
                              "Host %s is a vSAN witness and is not staged." % host_name,
                              [host_name], t, "INFO")]}
    if reason == "depot":
        url = "https://depot.example.com/vum/repository"
        return {"errors": [note(LCM + "EsxImage.DepotConnectErrorV2",
                                "Cannot download VIB from %s." % url, [url], t)]}
    r = rng.random()
    if r < 0.6:
        notes = {"info": [note(LCM + "StageTask.Host.AlreadyStaged",
                               "The image is already staged on host %s." % host_name, [host_name],
                               t, "INFO")]}
        if rng.random() < 0.06:  # staged, but /locker is nearly full (its skip reason, too)
            notes["warnings"] = [low_space(rng, t, host_name)]
        return notes
    if r < 0.75:
        return {"warnings": [note(LCM + "StageTask.Host.MaintenanceMode",
                                  "Host %s is in maintenance mode." % host_name, [host_name], t,
                                  "WARNING")], "info": []}
    if r < 0.9:
        return {}
    return {"info": [], "warnings": [], "errors": []}


LOW_SPACE = LCM + "EsxImage.LockerLowSpace"


def low_space(rng, t, host_name):
    """A warning on a host that did not fail: low space in /locker (report-semantics §6)."""
    free = rng.randrange(40, 400)
    return note(LOW_SPACE, "Low space in /locker on host %s: %d MB free." % (host_name, free),
                [host_name, str(free)], t, "WARNING" if rng.random() < 0.8 else None)


def ok_notes(rng, t, host_name=None):
    if host_name is not None and rng.random() < 0.04:
        w = [low_space(rng, t, host_name)]
        if rng.random() < 0.08:  # the same id twice on one host (one outcome, counted once)
            w.append(low_space(rng, t, host_name))
        notes = {"warnings": w}
        if rng.random() < 0.5:
            notes["info"] = [note(LCM + "HostScan.QuickBoot.Supported", "Quick Boot is supported.",
                                  [], t, "INFO")]
        return notes
    r = rng.random()
    if r < 0.2:
        return {"info": [note(LCM + "HostScan.QuickBoot.Supported", "Quick Boot is supported.",
                              [], t, "INFO")]}
    if r < 0.25:
        return {"info": [note(LCM + "lccm.nonCompliance.inHook", "Solution is in a hook.", [],
                              SENTINEL, "INFO")]}  # the 1970 sentinel, as observed
    if r < 0.4:
        return {"info": [], "warnings": [], "errors": []}
    return {}


def make_run(cl, night, start_ms, commit, event):
    rng = cl.rng
    r = Run()
    r.cl = cl
    r.night = night
    r.commit = commit
    r.start = start_ms
    r.hosts = []
    for h in cl.hosts:
        hr = HostRun(h)
        if h.renamed is not None and night >= h.renamed[0]:
            h.name = h.renamed[1]
        name = h.name
        hs = start_ms + rng.randrange(150, 4000)
        # decide the outcome
        if h.witness:
            kind, why = "SKIPPED", "witness"
        elif h.down_until >= night:
            kind, why = "SKIPPED", "down"
        elif rng.random() < 0.004:
            h.down_until = night + rng.randrange(0, 4)
            kind, why = "SKIPPED", "down"
        elif event == "depot":
            kind, why = ("SKIPPED", "depot") if rng.random() < 0.5 else ("ERROR", None)
        elif h.broken_until >= night:
            kind, why = "ERROR", None
        elif h.staged == commit and rng.random() < 0.7:
            kind, why = "SKIPPED", "staged"
        else:
            p = rng.random()
            pe, pt = {"healthy": (0.02, 0.003), "flaky": (0.25, 0.06), "slow": (0.04, 0.08),
                      "fragile": (0.08, 0.01)}[h.profile]
            if h.profile == "fragile" and rng.random() < 0.05:
                h.broken_until = night + rng.randrange(1, 8)
                kind = "ERROR"
            elif p < pe:
                kind = "ERROR"
            elif p < pe + pt:
                kind = "TIMED_OUT"
            elif p < pe + pt + 0.01:
                kind = "SKIPPED"
            else:
                kind = "OK"
            why = "other" if kind == "SKIPPED" else None
        he = hs + duration_s(rng, kind, h.profile)
        hr.status, hr.start, hr.end = kind, hs, he
        t = T(he - rng.randrange(0, 40))
        if kind == "OK":
            hr.notes = ok_notes(rng, t, name)
            h.staged = commit
            hr.lists = ["successful_hosts"]
            if rng.random() < 0.25:
                hr.progress = progress(100)
        elif kind == "SKIPPED":
            hr.notes = skip_note(rng, hr, why, t, name)
            hr.lists = ["skipped_hosts"]
        else:
            hr.notes = failure_note(rng, hr, kind, t, name, cl.id)
            hr.lists = ["failed_hosts"]
            if kind == "ERROR" and rng.random() < 0.2:
                hr.progress = progress(rng.randrange(5, 95))
        r.hosts.append(hr)
    ends = [hr.end for hr in r.hosts]
    r.end = max(ends) + rng.randrange(20, 600) if ends else start_ms + 1500
    kinds = {hr.status for hr in r.hosts}
    r.cluster_note = None   # where the cluster-level error goes: "status", "result" or None
    r.error_kind = rng.choice(["message"] * 7 + ["none", "empty", "message"])
    r.task_warning = rng.random() < 0.03
    if event in ("cluster-fail", "cluster-timeout"):
        # The stage stopped at cluster level: host_status empty (or, for a timeout, partial),
        # the hosts that were not reached only in host_info (report-semantics §2).
        reached = 0 if event == "cluster-fail" and rng.random() < 0.6 else \
            rng.randrange(0, max(1, len(r.hosts)))
        for hr in r.hosts[reached:]:
            hr.in_status = False
            hr.lists = []
        r.agg = "ERROR" if event == "cluster-fail" else "TIMED_OUT"
        r.task_status = "FAILED"
        r.cluster_note = rng.choice(["status", "result", "result", None]) \
            if event == "cluster-fail" else rng.choice(["status", None, None])
        r.cluster_event = event
    elif kinds & {"ERROR", "TIMED_OUT"}:
        r.agg = "ERROR" if "ERROR" in kinds else "TIMED_OUT"
        r.task_status = "FAILED" if rng.random() < 0.7 else "SUCCEEDED"
    elif kinds == {"SKIPPED"}:
        r.agg = "SKIPPED"
        r.task_status = "SUCCEEDED" if event == "depot" or rng.random() < 0.8 else "FAILED"
    else:
        r.agg = "OK"
        r.task_status = "SUCCEEDED"
    if event not in ("cluster-fail", "cluster-timeout"):
        r.cluster_event = None
        if r.agg == "ERROR":
            r.cluster_note = rng.choice(["status"] * 6 + ["result"] * 2 + [None] * 2)
    r.last_update = r.end + rng.randrange(3, 80)
    r.snapshot = None
    return r


def apply_host_quirks(rng, r):
    """Data-quality cases of report-semantics §2 and wrong types deeper down (§1)."""
    for hr in r.hosts:
        q = rng.random()
        if q < 0.004:  # host in several lists
            other = rng.choice([l for l in ("successful_hosts", "failed_hosts", "skipped_hosts")
                                if l not in hr.lists])
            hr.lists = hr.lists + [other]
        elif q < 0.012:  # list disagrees with status (skipped hosts with errors listed as failed)
            if hr.status == "SKIPPED":
                hr.lists = ["failed_hosts"]
            elif hr.status in ("ERROR", "TIMED_OUT"):
                hr.lists = ["skipped_hosts"]
            else:
                hr.lists = [rng.choice(["failed_hosts", "skipped_hosts"])]
        elif q < 0.016:  # only in the lists (no host_status entry)
            hr.in_status = False
            if rng.random() < 0.3:
                hr.in_info = False
        elif q < 0.020:  # host_status key missing from host_info
            hr.in_info = False
        elif q < 0.022:  # known host, no status, no list (added during the run)
            hr.in_status = False
            hr.lists = []
        elif q < 0.025:  # unknown enum string (kept, outcome unknown)
            hr.raw_status = rng.choice(["CANCELED", "PENDING", "NOT_STAGED"])
        elif q < 0.026:
            hr.raw_status = OMIT
        elif q < 0.027:
            hr.raw_status = rng.choice([None, 3, {"value": "OK"}])
        elif q < 0.028:  # entry of the wrong type: counts as absent, the lists decide
            hr.entry = rng.choice(["OK", None, ["OK"]])
        elif q < 0.030:  # unparseable host time
            bad = rng.choice(["N/A", "", "10/05/2026 01:02:03", "2026-02-30T01:00:00.000Z",
                              "2026-13-01T00:00:00Z", "yesterday"])
            if rng.random() < 0.5:
                hr.raw_start = bad
            else:
                hr.raw_end = bad
        elif q < 0.031:  # a time of the wrong type: absent, no invalid-time note
            if rng.random() < 0.5:
                hr.raw_end = hr.end // 1000
            else:
                hr.raw_start = None
        elif q < 0.033:  # the unset sentinel as end
            hr.raw_end = SENTINEL
        elif q < 0.036:  # no end time on a finished host
            hr.raw_end = OMIT
        elif q < 0.038:  # end before start (clock skew)
            hr.start, hr.end = hr.end, hr.start
        elif q < 0.040:  # notifications of the wrong type
            hr.notes = rng.choice(["", "none", [], 0])
        elif q < 0.041 and isinstance(hr.notes, dict) and hr.notes.get("errors"):
            hr.notes = dict(hr.notes)
            hr.notes["errors"] = ["host.disconnected"] + hr.notes["errors"]  # non-object first
        elif q < 0.042 and isinstance(hr.notes, dict):
            hr.notes = dict(hr.notes)
            hr.notes["errors"] = {"id": LCM + "StageTask.Host.Failed"}  # errors not an array
        if rng.random() < 0.01:
            hr.extra = {"stage_details": {"image_size_mb": rng.randrange(300, 900),
                                          "payloads": ["esx-base", "vsan"]}}


def snapshot_of(rng, r, cut):
    """The same run polled while RUNNING at `cut`: finished hosts keep their status, running
    ones are RUNNING (some RETRY_PENDING), unstarted ones have no host_status entry yet."""
    s = Run()
    s.__dict__.update(r.__dict__)
    s.snapshot = cut
    s.last_update = cut
    s.end = None
    s.agg = None
    s.task_status = "RUNNING" if rng.random() < 0.95 else "BLOCKED"
    hosts = []
    for hr in r.hosts:
        n = HostRun(hr.h)
        n.in_info = hr.in_info
        if hr.start > cut:
            n.in_status = False
            n.status = None
            n.start = n.end = None
        elif hr.end > cut and hr.end >= hr.start:
            n.status = "RETRY_PENDING" if hr.status == "ERROR" and rng.random() < 0.4 else "RUNNING"
            n.start, n.end = hr.start, None
            if rng.random() < 0.2:
                n.raw_end = SENTINEL
            n.progress = progress(min(99, max(1, (cut - hr.start) * 100 // max(1, hr.end - hr.start))))
            n.notes = {} if rng.random() < 0.5 else {"info": [], "warnings": [], "errors": []}
        else:
            n.status, n.start, n.end, n.notes = hr.status, hr.start, hr.end, hr.notes
            n.lists, n.progress, n.raw_status, n.raw_start, n.raw_end, n.entry, n.in_status = (
                hr.lists, hr.progress, hr.raw_status, hr.raw_start, hr.raw_end, hr.entry,
                hr.in_status)
        hosts.append(n)
    s.hosts = hosts
    return s


# --------------------------------------------------------------------------------------------
# Documents

def result_of(rng, r, quirks):
    cl = r.cl
    info, status = Map("host_info"), Map("host_status")
    lists = {"successful_hosts": [], "failed_hosts": [], "skipped_hosts": []}
    for hr in r.hosts:
        h = hr.h
        if hr.in_info:
            hi = {"name": h.name}
            if h.witness:
                hi["is_vsan_witness"] = True
            q = rng.random() if quirks else 1.0
            if q < 0.003:  # empty name: absent (summary-json.md), the host id is shown
                hi = {"name": ""}
            elif q < 0.006:
                hi = rng.choice([{"name": 42}, {}, {"name": h.name, "build": "24280767"}])
            info[h.id] = hi
        if hr.in_status:
            if hr.entry is not UNSET:
                status[h.id] = hr.entry
            else:
                st = {}
                if hr.raw_status is UNSET:
                    st["status"] = hr.status
                elif hr.raw_status is not OMIT:
                    st["status"] = hr.raw_status
                if hr.progress is not None and hr.status not in ("SKIPPED", "TIMED_OUT"):
                    st["progress"] = hr.progress
                if hr.raw_start is not UNSET:
                    if hr.raw_start is not OMIT:
                        st["start_time"] = hr.raw_start
                elif hr.start is not None:
                    st["start_time"] = T(hr.start)
                if hr.raw_end is not UNSET:
                    if hr.raw_end is not OMIT:
                        st["end_time"] = hr.raw_end
                elif hr.end is not None:
                    st["end_time"] = T(hr.end)
                st["notifications"] = hr.notes
                if hr.extra:
                    st.update(hr.extra)
                status[h.id] = st
        for l in hr.lists:
            lists[l].append(h.id)
    for l in lists.values():
        rng.shuffle(l)  # sets: order not meaningful
    if quirks and rng.random() < 0.004:
        l = rng.choice(list(lists))
        lists[l].insert(rng.randrange(len(lists[l]) + 1), rng.choice([12, None, {"id": "host-1"}]))
    if quirks and rng.random() < 0.006:
        victim = rng.choice([info, status])
        victim.bad = [(rng.randrange(len(victim) + 1),
                       rng.choice([{"key": 7, "value": {"name": "esx-bad"}},
                                   {"key": "host-99999"}, "host-99998",
                                   {"k": "host-99997", "v": {}}]))]
    res = {}
    cluster_errors = None
    if r.agg is not None and r.cluster_note is not None:
        ev = getattr(r, "cluster_event", None)
        if ev == "cluster-fail":
            url = "https://depot.%s.example.com/vum/repository" % cl.id
            cluster_errors = [note(LCM + rng.choice(["DepotUnreachable", "depotContent.ValidationError"]),
                                   "Cannot reach the depot %s: connection refused." % url, [url],
                                   T(r.end - 2), rng.choice(["ERROR", None]), retriable=True)]
        elif ev == "cluster-timeout" or r.agg == "TIMED_OUT":
            cluster_errors = [note(LCM + "StageTask.Summary.TimedOut",
                                   "Staging timed out on cluster %s." % cl.id, [cl.id],
                                   T(r.end - 2), "ERROR")]
        else:
            nf = sum(1 for hr in r.hosts if hr.status in ("ERROR", "TIMED_OUT"))
            cluster_errors = [note(LCM + "StageTask.Summary.Failed",
                                   "Staging failed on %d of %d hosts." % (nf, len(r.hosts)),
                                   [str(nf), str(len(r.hosts))], T(r.end - 2), "ERROR")]
    if r.agg is not None:
        agg_notes = {}
        if cluster_errors is not None and r.cluster_note == "status":
            agg_notes = {"errors": cluster_errors}
        agg = {"status": r.agg, "start_time": T(r.start + rng.randrange(0, 3)),
               "end_time": T(r.end - rng.randrange(0, 3)), "notifications": agg_notes}
        if rng.random() < 0.02:  # a cluster-level warning beside it
            agg_notes.setdefault("warnings", []).append(
                note(LCM + "StageTask.Summary.HostsInMaintenance",
                     "Some hosts of cluster %s are in maintenance mode." % cl.id, [cl.id],
                     T(r.end - 3), "WARNING"))
        res["status"] = agg if not (quirks and rng.random() < 0.003) else r.agg
    order = ["commit", "host_info", "host_status", "successful_hosts", "failed_hosts",
             "skipped_hosts"]
    if rng.random() < 0.3:
        rng.shuffle(order)
    vals = {"commit": r.commit, "host_info": info, "host_status": status}
    vals.update(lists)
    for k in order:
        res[k] = vals[k]
    if cluster_errors is not None and r.cluster_note == "result":
        # vLCM fills either result.status.notifications or result.notifications (model §3)
        res["notifications"] = {"info": [], "warnings": [], "errors": cluster_errors}
    elif r.agg is not None and rng.random() < 0.1:
        res["notifications"] = {"info": [note(LCM + "StageTask.Summary.Completed",
                                              "Stage completed.", [], T(r.end), "INFO")]}
    if quirks and rng.random() < 0.02:
        res["stage_spec"] = {"commit": r.commit, "hosts": []}
    return res


def task_of(rng, r, result, rest, vc):
    cl = r.cl
    t = {"description": DESCRIPTION, "service": SVC}
    if rng.random() >= 0.002:
        t["operation"] = "stage$task"  # (a collector that drops it: still a stage, §1)
    t["parent"] = ""
    if not (vc.annotate_cluster and rng.random() < 0.3):  # else the `cluster` annotation
        t["target"] = {"type": "ClusterComputeResource", "id": cl.id}
    t["status"] = r.task_status
    t["cancelable"] = r.task_status in ("RUNNING", "BLOCKED")
    if r.task_status == "FAILED" and r.error_kind != "none":  # else described in `result`
        msgs = [] if r.error_kind == "empty" else \
            [lmsg(LCM + "StageTask.Failed", "Staging failed on one or more hosts.")]
        err = {"error_type": "ERROR", "messages": msgs}
        if rest:
            err = {"@class": "com.vmware.vapi.std.errors.error", **err}
        t["error"] = err
    q = rng.random()
    if q < 0.002:
        t["start_time"] = SENTINEL  # unset: the run start comes from result.status
    elif q >= 0.004:
        t["start_time"] = T(r.start)
    if r.end is not None and r.task_status in ("SUCCEEDED", "FAILED"):
        t["end_time"] = T(r.end + rng.randrange(5, 40))
    t["last_update_time"] = T(r.last_update if r.snapshot is None else r.snapshot)
    t["user"] = rng.choice(USERS)
    if r.snapshot is None:
        done = 100 if r.task_status == "SUCCEEDED" or rng.random() < 0.6 else rng.randrange(20, 99)
    else:
        done = rng.randrange(1, 99)
    t["progress"] = progress(done)
    tn = rng.random()
    orig = "ext[com.vmware.vcIntegrity/8.0.3.24364488/network_group/network_pre]"
    if tn < 0.3:
        t["notifications"] = {"info": [], "warnings": [], "errors": []}
    elif tn < 0.5:
        t["notifications"] = {"info": [
            note(LCM + "plugin.Started", "Plugin network_pre started.", [], T(r.start + 5),
                 "INFO", originator=orig, msg_id=orig + LCM + "plugin.Started"),
            note(LCM + "plugin.Completed", "Plugin network_pre completed.", [],
                 T(r.start + 900), "INFO", originator=orig)]}
    if r.task_warning:  # a task-level warning (a run's own notification, §3)
        t.setdefault("notifications", {"info": [], "warnings": [], "errors": []})
        t["notifications"]["warnings"] = [
            note(LCM + "StageTask.Warning.DepotSlow", "The depot of cluster %s answered slowly." % cl.id,
                 [cl.id], T(r.start + 60), "WARNING")]
    if rng.random() < 0.01:
        t["_links"] = {"self": "/api/cis/tasks/%s" % task_id(rng)}
    t["result"] = result
    return t


def task_id(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-%s-%s-%s:%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:], SVC)


def annotate(doc, r, vc, a, bare, first=False, drop_cluster=False):
    cl = r.cl
    ann = {}
    if not (a.default_vcenter and vc.index == 0 and r.cl.rng.random() < 0.5) \
            and r.cl.rng.random() >= 0.003:  # else a collector that forgot it: vcenter-missing
        ann["vcenter"] = vc.name
    if bare and not drop_cluster or (not bare and vc.annotate_cluster):
        ann["cluster"] = cl.id
    if vc.cluster_names:
        name = cl.name
        if cl.rename_night is not None and r.night >= cl.rename_night:
            name = cl.name + " (renamed)"
        ann["cluster_name"] = name
    if first:
        return {**ann, **doc}
    doc.update(ann)
    return doc


def style_for(rng, vc, kv, frac=None):
    f = frac or vc.frac
    if rng.random() < 0.05 and frac is None:
        f = rng.choice(["ms", "s", "us", "ns", "cs", "2"])
    off = vc.tz if vc.render_offset else None
    if rng.random() < 0.03:
        off = rng.choice([0, 60, -300, 330, 345, -570])
    return Style(rng, kv, f, off)


def document(rng, r, form, vc, a, st=None, quirks=True):
    """One wire-form document of a run → (json value, Style)."""
    if st is None:
        st = style_for(rng, vc, form == "rest")
        if form == "bare" and rng.random() < 0.05:  # a collector that converted only one map
            st.kv_only = {rng.choice(["host_info", "host_status", "params"])}
    res = result_of(rng, r, quirks)
    first = rng.random() < 0.5
    if form == "bare":
        doc = annotate(render(res, st), r, vc, a, True, first, drop_cluster=quirks and rng.random() < 0.002)
    else:
        task = task_of(rng, r, res, form == "rest", vc)
        if form == "api" and "target" in task and quirks and rng.random() < 0.003:
            task["target"] = {"type": "ClusterComputeResource", "id": ""}  # then the annotation
            body = annotate(render(task, st), r, vc, a, False, first)
            body["cluster"] = r.cl.id
            return body, st
        body = render(task, st)
        doc = {"value": body} if form == "rest" else body
        doc = annotate(doc, r, vc, a, False, first)
    return doc, st


def other_operation(rng, r, vc, a):
    cl = r.cl
    op = rng.choice(["scan$task", "apply$task", "check_compliance$task", "scan$task"])
    svc = SVC if op != "check_compliance$task" else "com.vmware.esx.settings.clusters.configuration"
    st = style_for(rng, vc, vc.form == "rest")
    t = {"description": DESCRIPTION, "service": svc, "operation": op, "parent": "",
         "target": {"type": "ClusterComputeResource", "id": cl.id},
         "status": "SUCCEEDED", "cancelable": False, "start_time": T(r.start - 3600000),
         "end_time": T(r.start - 3000000), "user": USERS[0], "progress": progress(100)}
    if op == "apply$task":  # a StageResult-like result: still not a stage (§1)
        t["result"] = result_of(rng, r, False)
    elif op == "scan$task":
        t["result"] = {"status": "NON_COMPLIANT", "scan_time": T(r.start - 3000000),
                       "commit": r.commit, "hosts": Map("hosts", {hr.h.id: {"status": "COMPLIANT"}
                                                                    for hr in r.hosts[:3]})}
    if rng.random() < 0.2:
        t.pop("result", None)
    body = render(t, st)
    doc = {"value": body} if vc.form == "rest" else body
    return annotate(doc, r, vc, a, False)


def without_result(rng, r, vc, a, kind=None):
    """A stage task info without `result` (a run of its own, or the same run as the night's
    document with a result when it has the same start; report-semantics §1, §3)."""
    cl = r.cl
    rest = vc.form == "rest"
    st = style_for(rng, vc, rest)
    t = {"description": DESCRIPTION, "service": SVC, "operation": "stage$task", "parent": "",
         "target": {"type": "ClusterComputeResource", "id": cl.id}}
    k = rng.random() if kind is None else -1.0

    def failed(start, error_type, mid, text, args, cls):
        err = {"error_type": error_type, "messages": [lmsg(mid, text, args)]}
        if rest:
            err["@class"] = "com.vmware.vapi.std.errors." + cls
        t.update({"status": "FAILED", "cancelable": False, "error": err,
                  "start_time": T(start), "end_time": T(start + rng.randrange(300, 9000)),
                  "last_update_time": T(start + 9500), "progress": progress(0)})

    if kind == "depot-now" or 0.55 <= k < 0.75:
        # depot unreachable: failed before any host result was saved (the night's run itself,
        # or a retry an hour and a half later)
        start = r.start if kind == "depot-now" else r.start + 5400000
        url = "https://depot.%s.example.com/vum/repository/hostupdate" % cl.id
        nf = rng.random() < 0.4
        failed(start, "NOT_FOUND" if nf else "ERROR", LCM + "DepotUnreachable",
               "Cannot reach the depot %s." % url, [url], "not_found" if nf else "error")
        if rng.random() < 0.3:
            t["notifications"] = {"info": [], "warnings": [], "errors": [
                note(LCM + "plugin.Failed", "Plugin depot_check failed.", [], T(start + 200),
                     "ERROR")]}
    elif k < 0.25:  # saved while PENDING: no progress, result, times (union rule)
        t.update({"status": "PENDING", "cancelable": True})
    elif k < 0.35:  # polled with exclude_result=true while RUNNING: the same start as the run
        t.update({"status": "RUNNING", "cancelable": True, "start_time": T(r.start),
                  "last_update_time": T(r.start + rng.randrange(1000, 60000)),
                  "progress": progress(rng.randrange(1, 40))})
        if rng.random() < 0.3:  # a RUNNING task saved without its start
            del t["start_time"]
    elif k < 0.45:  # polled with exclude_result=true after it finished: the same run
        t.update({"status": "SUCCEEDED", "cancelable": False, "start_time": T(r.start),
                  "end_time": T(r.end + 10), "last_update_time": T(r.end + 3600000),
                  "progress": progress(100)})
    elif k < 0.55:  # polled with exclude_result=true, a later run of the same night
        t.update({"status": "SUCCEEDED", "cancelable": False, "start_time": T(r.start + 7200000),
                  "end_time": T(r.start + 7900000), "progress": progress(100)})
    elif k < 0.9:  # (0.75 ≤ k) failed at submit: another operation was running
        failed(r.start + 5400000, "NOT_ALLOWED_IN_CURRENT_STATE",
               LCM + "StageTask.ConcurrentOperation",
               "Another operation is in progress on cluster %s." % cl.id, [cl.id],
               "not_allowed_in_current_state")
    else:
        t.update({"status": "SUCCEEDED", "cancelable": False, "start_time": T(r.start + 7200000),
                  "result": None})
    if rng.random() < 0.03:  # a task-level warning
        t.setdefault("notifications", {"info": [], "warnings": [], "errors": []})["warnings"] = [
            note(LCM + "StageTask.Warning.DepotSlow", "The depot of cluster %s answered slowly." % cl.id,
                 [cl.id], T(r.start + 60), "WARNING")]
    body = render(t, st)
    doc = {"value": body} if rest else body
    return annotate(doc, r, vc, a, False)


def rejected_item(rng, r, vc, a):
    """A document the contract rejects (report-semantics §1)."""
    k = rng.choice(["no-commit-bare", "no-commit-task", "commit-number", "host_status-string",
                    "list-object", "error-api", "error-rest", "task-id", "truncated", "garbage",
                    "empty", "latin1"])
    if k in ("no-commit-bare", "no-commit-task", "commit-number", "host_status-string",
             "list-object"):
        form = "bare" if k == "no-commit-bare" else vc.form if vc.form != "bare" else "api"
        doc, _ = document(rng, r, form, vc, a, quirks=False)
        res = doc if form == "bare" else doc["value"]["result"] if form == "rest" else doc["result"]
        if k in ("no-commit-bare", "no-commit-task"):
            del res["commit"]
        elif k == "commit-number":
            res["commit"] = int(r.commit)
        elif k == "host_status-string":
            res["host_status"] = "unavailable"
        else:
            res["failed_hosts"] = {"host-1": True}
        return ("obj", doc)
    if k == "error-api":
        return ("obj", {"error_type": "UNAUTHENTICATED", "messages": [
            lmsg("vapi.method.authentication.required", "Authentication required.")]})
    if k == "error-rest":
        return ("obj", {"type": "com.vmware.vapi.std.errors.unauthenticated", "value": {
            "messages": [lmsg("vapi.method.authentication.required", "Authentication required.")]}})
    if k == "task-id":  # the POST response (a JSON string) saved instead of the task
        return ("obj", task_id(rng))
    if k == "latin1":
        doc, _ = document(rng, r, vc.form, vc, a, quirks=False)
        doc["vcenter"] = vc.name
        doc["collector"] = "Zürich-1"
        return ("latin1", doc)
    if k == "truncated":
        doc, _ = document(rng, r, vc.form, vc, a, quirks=False)
        return ("truncated", doc)
    return (k, None)


# --------------------------------------------------------------------------------------------
# A cluster's night → items

def night_items(a, vc, cl, night, date):
    """Items for one cluster and one night: ("obj", doc) or raw kinds for broken inputs."""
    rng = cl.rng
    if night > 0 and rng.random() < 0.005:
        return []  # the collector missed this night
    if night > 0 and rng.random() < cl.bump:
        cl.commit += 1 if rng.random() < 0.95 else 2
    local_start = ms_of_date(date) + (cl.slot + rng.randrange(0, 6)) * 60000 + rng.randrange(60000)
    start = local_start - vc.tz * 60000
    ev = rng.random()
    event = "depot" if ev < 0.015 else "cluster-fail" if ev < 0.021 else \
        "cluster-timeout" if ev < 0.025 else None
    if rng.random() < 0.006:
        # the stage task failed outright (depot unreachable): no result, no host (§3)
        r0 = make_run(cl, night, start, str(cl.commit), None)
        return [("obj", without_result(rng, r0, vc, a, kind="depot-now"))]
    runs = [make_run(cl, night, start, str(cl.commit), event)]
    if any(hr.status in ("ERROR", "TIMED_OUT") for hr in runs[0].hosts) and rng.random() < 0.06:
        runs.append(make_run(cl, night, runs[0].end + rng.randrange(600000, 7200000),
                             str(cl.commit), None))  # an operator retried the same night
    items = []
    for i, r in enumerate(runs):
        apply_host_quirks(rng, r)
        last = night == a.nights - 1 and i == len(runs) - 1
        form = vc.form
        if rng.random() < 0.12:
            form = rng.choice([f for f in ("api", "rest", "bare") if f != vc.form])
        cut = r.start + int((r.end - r.start) * rng.uniform(0.1, 0.9))
        if rng.random() < 0.05:
            cut = r.start + 100  # polled before any host started (a bare copy has no start)
        if last and rng.random() < 0.3:  # collected while the stage was still running
            s = snapshot_of(rng, r, cut)
            items.append(("obj", document(rng, s, form, vc, a)[0]))
            continue
        if rng.random() < 0.04:  # polled twice: an earlier RUNNING poll is kept too
            s = snapshot_of(rng, r, cut)
            items.append(("obj", document(rng, s, form, vc, a)[0]))
        doc, st = document(rng, r, form, vc, a)
        items.append(("obj", doc))
        if form != "bare" and rng.random() < 0.02:  # saved in both forms (collector migration)
            other = "rest" if form == "api" else "api"
            # offsets are whole minutes, so another offset keeps every instant (and fraction)
            st2 = Style(rng, other == "rest", st.frac, vc.tz if st.offset is None else None)
            items.append(("obj", document(rng, r, other, vc, a, st=st2)[0]))
        if rng.random() < 0.008:  # a bare copy exported by another tool
            st3 = Style(rng, rng.random() < 0.5, st.frac, st.offset)
            items.append(("obj", document(rng, r, "bare", vc, a, st=st3)[0]))
    r0 = runs[0]
    if rng.random() < 0.02:
        items.append(("obj", other_operation(rng, r0, vc, a)))
    if rng.random() < 0.02:
        items.append(("obj", without_result(rng, r0, vc, a)))
    if rng.random() < 0.012:
        items.append(rejected_item(rng, r0, vc, a))
    return items


# --------------------------------------------------------------------------------------------
# Writing

class Stats:
    files = 0
    documents = 0
    bytes = 0


def dumps(v, rng, pretty):
    ascii_ = rng.random() < 0.3
    if pretty:
        return json.dumps(v, ensure_ascii=ascii_, indent=rng.choice([1, 2, 2, 4, "\t"]))
    if rng.random() < 0.5:
        return json.dumps(v, ensure_ascii=ascii_, separators=(",", ":"))
    return json.dumps(v, ensure_ascii=ascii_)


def encode_item(kind, v, rng, pretty):
    """→ bytes of one document (without line end), for a file or a JSON Lines line."""
    if kind == "obj":
        return dumps(v, rng, pretty).encode("utf-8")
    if kind == "truncated":
        text = dumps(v, rng, pretty).encode("utf-8")
        return text[: int(len(text) * rng.uniform(0.2, 0.95))]
    if kind == "latin1":
        return json.dumps(v, ensure_ascii=False).encode("latin-1", "replace")
    if kind == "garbage":
        return rng.choice([b"WARNING: certificate verify failed for vc01; retrying",
                           b"<html><body><h1>503 Service Unavailable</h1></body></html>",
                           b"{\"value\": "])
    return b""  # empty


def write_file(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    Stats.files += 1
    Stats.bytes += len(data)


def file_bytes(rng, items):
    """A .json file with one document or an array of them."""
    pretty = rng.random() < 0.6
    if len(items) == 1:
        data = encode_item(items[0][0], items[0][1], rng, pretty)
    else:
        parts = [encode_item(k, v, rng, pretty) for k, v in items]
        sep = b",\n" if pretty else b","
        data = b"[" + (b"\n" if pretty else b"") + sep.join(parts) + (b"\n" if pretty else b"") + b"]"
    if pretty and rng.random() < 0.1:
        data = data.replace(b"\n", b"\r\n")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.8 and items[0][0] != "empty":
        data += b"\n"
    return data


def write_files(out, vc, cl, date, items, rng):
    """files layout: <vc>/<cluster>/<date>.json; several documents → one array or more files."""
    base = os.path.join(out, vc.name, cl.id, date.isoformat())
    plain = [it for it in items if it[0] in ("obj", "latin1")]
    broken = [it for it in items if it[0] not in ("obj", "latin1")]
    if plain:
        objs = [it for it in plain if it[0] == "obj"]
        latin = [it for it in plain if it[0] == "latin1"]
        if objs and (len(objs) == 1 or rng.random() < 0.5):
            write_file(base + ".json", file_bytes(rng, objs))
            Stats.documents += len(objs)
        else:
            for i, it in enumerate(objs):
                write_file(base + (".json" if i == 0 else "-%d.json" % (i + 1)), file_bytes(rng, [it]))
                Stats.documents += 1
        for it in latin:
            write_file(base + "-latin1.json", file_bytes(rng, [it]))
            Stats.documents += 1
    for i, it in enumerate(broken):
        write_file(base + "-broken%d.json" % (i + 1), file_bytes(rng, [it]))
        Stats.documents += 1


class LinesFile:
    """A JSON Lines file written line by line."""

    def __init__(self, path, rng):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.f = open(path, "wb")
        self.rng = rng
        self.eol = b"\r\n" if rng.random() < 0.15 else b"\n"
        self.first = True
        if rng.random() < 0.1:
            self.f.write(b"\xef\xbb\xbf")
            Stats.bytes += 3
        Stats.files += 1

    def add(self, kind, v):
        rng = self.rng
        if not self.first:
            self.f.write(self.eol)
            Stats.bytes += len(self.eol)
        self.first = False
        if rng.random() < 0.03:  # blank lines (also the empty file → an empty line)
            self.f.write(self.eol)
            Stats.bytes += len(self.eol)
        if kind == "empty":
            return True
        data = encode_item(kind, v, rng, False)
        self.f.write(data)
        Stats.bytes += len(data)
        Stats.documents += 1
        return True

    def close(self):
        if not self.first and self.rng.random() < 0.85:
            self.f.write(self.eol)
            Stats.bytes += len(self.eol)
        self.f.close()


class ArrayFile:
    """One .json file holding a JSON array of every document of a vCenter's night."""

    def __init__(self, path, rng):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.f = open(path, "wb")
        self.rng = rng
        self.pretty = rng.random() < 0.5
        self.n = 0
        self.f.write(b"[")
        Stats.bytes += 1
        Stats.files += 1

    def add(self, kind, v):
        if kind != "obj":  # broken inputs cannot sit inside a valid array
            return False
        data = (b"," if self.n else b"") + (b"\n" if self.pretty else b"") + \
            encode_item(kind, v, self.rng, self.pretty)
        self.f.write(data)
        Stats.bytes += len(data)
        Stats.documents += 1
        self.n += 1
        return True

    def close(self):
        data = (b"\n" if self.pretty else b"") + b"]\n"
        self.f.write(data)
        Stats.bytes += len(data)
        self.f.close()


def generate(a):
    vcs = build_fleet(a)
    out = a.out
    os.makedirs(out, exist_ok=True)
    for night in range(a.nights):
        date = FIRST_NIGHT + dt.timedelta(days=night)
        for vc in vcs:
            lrng = random.Random("%d:layout:%s:%d" % (a.seed, vc.name, night))
            layout = a.layout
            if layout == "mixed":
                layout = vc.layouts[0 if night < vc.switch_night else 1]
            sink = None
            if layout in ("jsonl", "ndjson"):
                ext = ".jsonl" if layout == "jsonl" else ".ndjson"
                sink = LinesFile(os.path.join(out, vc.name, date.isoformat() + ext), lrng)
            elif layout == "array":
                sink = ArrayFile(os.path.join(out, vc.name, "nightly", date.isoformat() + ".json"),
                                 lrng)
            for cl in vc.clusters:
                items = night_items(a, vc, cl, night, date)
                if sink is None:
                    if items:
                        write_files(out, vc, cl, date, items, lrng)
                    continue
                for kind, v in items:
                    if not sink.add(kind, v):
                        # an array cannot hold a broken document: it goes to its own file
                        base = os.path.join(out, vc.name, "nightly", "%s-%s-broken.json"
                                            % (date.isoformat(), cl.id))
                        write_file(base, file_bytes(lrng, [(kind, v)]))
                        Stats.documents += 1
            if sink is not None:
                sink.close()
    if a.layout == "mixed":  # not an input: directories are searched for .json/.jsonl/.ndjson
        for vc in vcs:
            write_file(os.path.join(out, vc.name, "collector.log"),
                       ("collected %d nights from %s\n" % (a.nights, vc.name)).encode())
            Stats.files -= 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vcenters", type=int, default=2)
    ap.add_argument("--clusters", type=int, default=4)
    ap.add_argument("--hosts", type=int, default=8)
    ap.add_argument("--nights", type=int, default=14)
    ap.add_argument("--layout", choices=["files", "jsonl", "mixed"], default="files")
    ap.add_argument("--default-vcenter", default=None)
    a = ap.parse_args(argv)
    if min(a.vcenters, a.clusters, a.hosts, a.nights) < 1:
        ap.error("--vcenters, --clusters, --hosts and --nights must be at least 1")
    t0 = time.monotonic()
    generate(a)
    print("generate_fleet: %d files, %d documents, %d bytes in %.1f s"
          % (Stats.files, Stats.documents, Stats.bytes, time.monotonic() - t0), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
