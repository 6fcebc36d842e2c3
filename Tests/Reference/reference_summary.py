#!/usr/bin/env python3
"""Independent reference implementation of the stage-report JSON summary.

Written from the written contract only (Revision 2 of 2026-12-07, schema_version 2):
  * report-semantics.md (documents, identity, duplicates, outcomes, run status and reason,
    rates, warnings, ...) and the vSphere stage model (vsphere-stage-model.md)
  * the vSphere Automation API's wire forms of the inputs
  * docs/summary-json.md   (this project: JSON shape and decisions where the contract is silent)

Plain Python 3.11, standard library only. It does not share code or data with the Swift tool.

Usage:
  python3 reference_summary.py [--vcenter NAME] [--cluster ID]
                               [--clusters [VCENTER=]INVENTORY.json]... [--generated-at ISO8601]
                               [VCENTER=]INPUT... > summary.json
  python3 reference_summary.py --self-test      # runs the hand-checked cases in ./cases

Decisions taken where neither the contract nor summary-json.md says (also listed in README.md):
  * Directory walks pick up files ending in .json, .jsonl, .ndjson (case-insensitive); a file
    named explicitly on the command line is read whatever its name (as JSON Lines when it ends in
    .jsonl/.ndjson, else as JSON). Standard input `-` is read as one JSON text when it parses as
    one, else as JSON Lines. A path reached twice (same resulting path string) is read once.
  * `[index]` in a source is 0-based (JSON array index); `:line` is 1-based physical line.
  * A JSON Lines line holding only spaces/tabs counts as blank.
  * NaN/Infinity literals (accepted by Python's json) are treated as broken JSON (not JSON).
  * The `/rest` form is recognised only when `value` is an object that is itself a task info
    (has one of result/service/operation/target); `{"value": <bare StageResult>}` is rejected.
  * A task info whose `operation` is present and not `stage$task` is an other operation even when
    it has no `result`. A member whose value is JSON null counts as absent everywhere (so
    `"result": null` is a task without result).
  * A `result` that is present but not an object is rejected (the StageResult has the wrong type).
  * `host_info` / `host_status` must be an object or a list; the three host lists must be
    arrays. Anything else rejects the document. Missing (or null) maps and lists are empty.
    Inside them, what has the wrong type is "deeper down" and counts as absent (§1): a list
    entry that is not `{key: string, value}` and a list member that is not a string are
    skipped. In key/value lists a repeated key: last wins.
  * A `host_status` value that is not an object counts as absent, so the host lists decide the
    outcome; the key still counts as a host_status key (for status-without-host-info).
  * Commits sort numerically when their ids are decimal numbers (summary-json.md).
  * Empty strings count as absent for identity annotations (`vcenter`, `cluster`,
    `cluster_name`, `target.id`) and the inventory.
  * Times must carry `Z` or a numeric offset (±hh:mm or ±hhmm); fractions beyond milliseconds are
    truncated to milliseconds. An unparseable task/aggregate time counts as absent, silently
    (`invalid-time` notes are for host times only, and only for strings).
  * Duplicate run key (vCenter, cluster, commit, run start) compares starts as instants (ms); two
    runs without any start time and the same vCenter/cluster/commit are duplicates too (this also
    keeps the canonical run order total).
  * Duplicate tie-break: `last_update_time` decides only when both have one and they differ; then
    run end likewise; then "finished" (task `status` SUCCEEDED or FAILED; for a bare StageResult
    or a task without status: aggregate `result.status.status` present and not RUNNING /
    RETRY_PENDING); then first in input order. Applied as a left fold in input order.
  * The first notification for a reason is the first element, in errors→warnings→info order,
    that is an object with a string `id`; others are ignored.
  * Flaky/failing host `name`: host_info name in the latest run (canonical order) of that host
    that has one, else the host id.
  * Reason `hosts` counts distinct (vCenter, cluster id, host id).

Revision 2 decisions where the contract leaves a choice (also in README.md):
  * Tasks without result: identity (vCenter, cluster, start); a start missing on both sides
    matches, as for resulted runs, so a PENDING task without start is the same run as a resulted
    document of that cluster without start (which is kept). All documents without result are
    counted in inputs.without_result, duplicates included; a flattened `result` string is a
    missing result (and a flattened-by-serializer note on the run).
  * Run status reads `result.status.status` only when it is a string inside an object
    `result.status`; a string `result.status` (wrong type) leaves the task status to decide.
  * Run notifications: elements without a string `id` are skipped (as for hosts), in
    `error.messages` too. Flattened run-level parts (the three Notifications objects, their
    `warnings`/`errors` lists, the task `error` and its `messages`) are noted on every run.
  * A failed or timed-out host without an error/warning notification, whether it has a status
    entry or only a place in `failed_hosts`, takes the run reason only when that reason is a
    notification id; a host known only from host_info (no status, no list) in a failed or
    timed-out run takes the run reason whatever it is, `(timed out)` and `(unspecified)`
    included, and its message. A `host_status` entry that is not an object counts as no status.
  * Host warnings are read only for succeeded and skipped outcomes; a skipped host's first
    warning can also be its skip reason. `warnings[].runs` counts a run once per id.
  * runs_without_hosts[].name is the run's own cluster display name (§1: its `cluster_name`
    annotation, else the inventory, else the cluster id), not the cluster's latest name.
  * Labels: an argument NAME=PATH that does not exist as a path is PATH labelled NAME; a file
    reached twice keeps the first argument's label. An unlabelled inventory's entry with its
    own `vcenter` member names that vCenter's cluster only.
  * A member identifies a task info only with its model's type (`result` object, or a
    flattened string standing for it; `service`/`operation` string; `target` object; string
    `status` with boolean `cancelable`).
"""

import argparse
import datetime as _dt
import json
import math
import os
import re
import sys

# --------------------------------------------------------------------------------------------
# Constants

OUTCOME_KEYS = ("succeeded", "failed", "timed_out", "skipped", "in_progress", "unknown")
DURATION_OUTCOMES = ("succeeded", "failed", "timed_out")
STATUS_TO_OUTCOME = {
    "OK": "succeeded",
    "ERROR": "failed",
    "TIMED_OUT": "timed_out",
    "SKIPPED": "skipped",
    "RUNNING": "in_progress",
    "RETRY_PENDING": "in_progress",
}
LIST_FOR_OUTCOME = {
    "succeeded": "successful_hosts",
    "failed": "failed_hosts",
    "timed_out": "failed_hosts",
    "skipped": "skipped_hosts",
}
HOST_LISTS = ("successful_hosts", "failed_hosts", "skipped_hosts")
HISTOGRAM_BOUNDS = (30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200)
TASK_KEYS = ("result", "service", "operation", "target")
JSON_LINES_EXT = (".jsonl", ".ndjson")
DIR_EXT = (".json",) + JSON_LINES_EXT
BOM = b"\xef\xbb\xbf"


class Rejected(Exception):
    """A document that the contract says to reject (message = one-line reason)."""


# --------------------------------------------------------------------------------------------
# Small helpers

def present(obj, key):
    """Value of a member, or None when missing or JSON null."""
    if isinstance(obj, dict):
        return obj.get(key)
    return None


def nonempty_str(v):
    return v if isinstance(v, str) and v != "" else None


_TIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})$"
)


def known_time(s):
    """A parsed time, except the `1970-01-01T00:00:00Z` "unset" sentinel, which counts as absent
    (summary-json.md)."""
    t = parse_time(s)
    return None if t == 0 else t


def parse_time(s):
    """ISO 8601 date-time with `Z` or numeric offset → integer milliseconds since epoch, or None."""
    if not isinstance(s, str):
        return None
    m = _TIME_RE.match(s)
    if not m:
        return None
    y, mo, d, h, mi, se, frac, off = m.groups()
    try:
        base = _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se),
                            tzinfo=_dt.timezone.utc)
    except ValueError:
        return None
    ms = 0
    if frac:
        ms = int((frac + "000")[:3])
    if off in ("Z", "z"):
        off_min = 0
    else:
        sign = 1 if off[0] == "+" else -1
        digits = off[1:].replace(":", "")
        oh, om = int(digits[:2]), int(digits[2:])
        if oh > 23 or om > 59:
            return None
        off_min = sign * (oh * 60 + om)
    epoch = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
    secs = (base - epoch) // _dt.timedelta(seconds=1)
    return (secs - off_min * 60) * 1000 + ms


def fmt_time(ms):
    if ms is None:
        return None
    secs, rem = divmod(ms, 1000)
    t = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(seconds=secs)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % rem


def utc_date(ms):
    secs = ms // 1000
    t = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(seconds=secs)
    return t.strftime("%Y-%m-%d")


def rate(o):
    den = o["succeeded"] + o["failed"] + o["timed_out"]
    if den == 0:
        return None
    return round(o["succeeded"] / den, 6)


def new_outcomes():
    return {k: 0 for k in OUTCOME_KEYS}


def _reject_constant(name):
    raise ValueError("non-JSON literal %s" % name)


def loads_strict(text):
    return json.loads(text, parse_constant=_reject_constant)


# --------------------------------------------------------------------------------------------
# Reading inputs

def split_label(arg):
    """`NAME=PATH` → (NAME, PATH): an input (or inventory) labelled with its vCenter
    (report-semantics §1). An argument that exists as a path, or has no `=`, or an empty NAME,
    is a plain path."""
    if arg != "-" and not os.path.exists(arg) and "=" in arg:
        label, path = arg.split("=", 1)
        if label:
            return label, path
    return None, arg


def collect_files(inputs):
    """→ sorted list of (path, mode, label) where mode is 'json', 'jsonl' or 'stdin' and label
    the vCenter the input was labelled with (or None). A file reached twice is read once, with
    the label of the first argument (in command-line order) that reached it."""
    files = {}
    for raw in inputs:
        label, arg = split_label(raw)
        if arg == "-":
            files.setdefault("-", ("stdin", label))
        elif os.path.isdir(arg):
            for root, dirs, names in os.walk(arg):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(DIR_EXT):
                        full = os.path.join(root, n)
                        files.setdefault(full, ("jsonl" if n.lower().endswith(JSON_LINES_EXT)
                                                else "json", label))
        else:
            files.setdefault(arg, ("jsonl" if arg.lower().endswith(JSON_LINES_EXT) else "json",
                                   label))

    def key(p):
        return (0, b"") if p == "-" else (1, p.encode("utf-8", "surrogateescape"))

    return [(p,) + files[p] for p in sorted(files, key=key)]


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WHITESPACE = " \t\r\n"


def _has_bad_bytes(v):
    """Whether a decoded value holds a string (member names too) with bytes that were not UTF-8
    (surrogateescape turned each into a lone surrogate U+DC80..U+DCFF)."""
    if isinstance(v, str):
        return any("\udc80" <= ch <= "\udcff" for ch in v)
    if isinstance(v, list):
        return any(_has_bad_bytes(e) for e in v)
    if isinstance(v, dict):
        return any(_has_bad_bytes(k) or _has_bad_bytes(e) for k, e in v.items())
    return False


def _repair(v):
    """Each sequence that is not UTF-8 becomes U+FFFD (maximal subparts, errors='replace')."""
    if isinstance(v, str):
        return v.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(v, list):
        return [_repair(e) for e in v]
    if isinstance(v, dict):
        return {_repair(k): _repair(e) for k, e in v.items()}
    return v


def _has_repair(v):
    """Whether a repaired value holds U+FFFD where a bad sequence was (a task of a repaired list)."""
    if isinstance(v, str):
        return "\ufffd" in v
    if isinstance(v, list):
        return any(_has_repair(e) for e in v)
    if isinstance(v, dict):
        return any(_has_repair(k) or _has_repair(e) for k, e in v.items())
    return False


def _document(path, pos, value):
    """(path, position, value, error, repaired) for a parsed value."""
    bad = _has_bad_bytes(value)
    return (path, pos, _repair(value) if bad else value, None, bad)


def _decode(data):
    """Bytes → text: UTF-16 with a byte-order mark is transcoded; a UTF-8 byte-order mark is
    dropped; bytes that are not UTF-8 are kept as lone surrogates, to be repaired inside strings
    and to break the JSON outside them."""
    if data[:2] in UTF16_BOMS:
        data = data.decode("utf-16", "replace").encode("utf-8")
    if data.startswith(BOM):
        data = data[len(BOM):]
    return data.decode("utf-8", "surrogateescape")


def _looks_like_json_lines(text):
    starts = 0
    for line in text.split("\n"):
        if line.strip("\r") == "":
            continue
        if not line.startswith("{"):
            return False
        starts += 1
        if starts == 2:
            return True
    return False


def _concatenated(path, text):
    """A stream of JSON values one after another; each value's source is its starting line.
    Where it breaks, the rest of the stream is one rejected document."""
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in WHITESPACE:
            i += 1
        if i >= n:
            return
        pos = ":%d" % (text.count("\n", 0, i) + 1)
        try:
            value, end = decoder.raw_decode(text, i)
        except (ValueError, RecursionError) as e:
            yield (path, pos, None, "invalid JSON: %s; the rest of the stream is not read"
                   % str(e).splitlines()[0], False)
            return
        if isinstance(value, list):
            for v in value:
                yield _document(path, pos, v)
        else:
            yield _document(path, pos, value)
        i = end


def documents_of_file(path, mode, data):
    """Yield (path, position, value, error, repaired) for each document of a file; error is a
    reason string; position is '', ':line' or '[index]'."""
    text = _decode(data)
    if mode == "stdin":
        try:
            loads_strict(text)
            mode = "json"
        except (ValueError, RecursionError):
            mode = "jsonl" if _looks_like_json_lines(text) else "json"
    if mode == "json":
        if text.strip(WHITESPACE) == "":
            yield (path, "", None, "empty .json file", False)
            return
        try:
            value = loads_strict(text)
        except (ValueError, RecursionError) as e:
            try:
                json.JSONDecoder(parse_constant=_reject_constant).raw_decode(text, len(text) - len(text.lstrip(WHITESPACE)))
                concatenated = True
            except (ValueError, RecursionError):
                concatenated = False
            if concatenated:
                yield from _concatenated(path, text)
            else:
                yield (path, "", None, "invalid JSON: %s" % str(e).splitlines()[0], False)
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                yield _document(path, "[%d]" % i, v)
        else:
            yield _document(path, "", value)
        return
    # JSON Lines
    for n, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip(" \t") == "":
            continue
        try:
            value = loads_strict(line)
        except (ValueError, RecursionError) as e:
            yield (path, ":%d" % n, None, "invalid JSON: %s" % str(e).splitlines()[0], False)
            continue
        yield _document(path, ":%d" % n, value)


def _is_task_info(v):
    """A CIS task info (report-semantics §1): a member identifies the kind only with its model's
    type: `result` an object, `service` or `operation` a string, `target` an object, or `status`
    a string together with a boolean `cancelable`. (A `package.json` with a string `target` is no
    task.) A flattened `result` string counts as the object it stood for."""
    if not isinstance(v, dict):
        return False
    res = v.get("result")
    return (isinstance(res, dict) or flattened(res)
            or isinstance(v.get("service"), str) or isinstance(v.get("operation"), str)
            or isinstance(v.get("target"), dict)
            or (isinstance(v.get("status"), str) and isinstance(v.get("cancelable"), bool)))


def task_list(doc):
    """The tasks of a task list, [(task id, task info, own annotations)], or None: an object keyed
    by task id (/api), or {"value": [{"key": id, "value": task info}]} (/rest). Annotation
    members may stand beside the tasks of an /api list."""
    if not isinstance(doc, dict) or _is_task_info(doc) or _is_task_info(doc.get("value")):
        return None
    if isinstance(doc.get("value"), list):
        tasks = []
        for e in doc["value"]:
            if not (isinstance(e, dict) and isinstance(e.get("key"), str) and _is_task_info(e.get("value"))):
                return None
            tasks.append((e["key"], e["value"], e))
        return tasks or None
    tasks = []
    for k, v in doc.items():
        if _is_task_info(v):
            tasks.append((k, v, v))
        elif not (k in ANNOTATIONS and isinstance(v, str)):
            return None
    return tasks or None


ANNOTATIONS = ("vcenter", "cluster", "cluster_name")


def with_list_annotations(task, own, listing):
    """The task as a document whose annotations are its own, else the list's."""
    doc = dict(task)
    for a in ANNOTATIONS:
        doc[a] = nonempty_str(own.get(a)) or nonempty_str(listing.get(a))
    return doc


# --------------------------------------------------------------------------------------------
# Model decoding

def commit_sort_key(k):
    """(vcenter, cluster, commit): commits that are plain decimal numbers sort numerically and
    before any other commit id, which sort by code point (summary-json.md)."""
    v, c, commit = k
    if commit.isdigit() and commit.isascii():
        return (v, c, 0, len(commit.lstrip("0")), commit.lstrip("0"), commit)
    return (v, c, 1, 0, "", commit)


def decode_map(v, field):
    """JSON object or list of {"key","value"} → dict; None → {}; else Rejected."""
    if v is None:
        return {}
    if isinstance(v, dict):
        return dict(v)
    if isinstance(v, list):
        out = {}
        for i, e in enumerate(v):
            # A malformed entry is "wrong type deeper down": skipped, never a rejection.
            if not isinstance(e, dict) or not isinstance(e.get("key"), str) or "value" not in e:
                continue
            out[e["key"]] = e.get("value")
        return out
    raise Rejected("%s is neither an object nor a key/value list" % field)


def decode_host_list(v, field):
    if v is None:
        return []
    if not isinstance(v, list):
        raise Rejected("%s is not an array" % field)
    # Members that are not strings are "wrong type deeper down": skipped.
    return [e for e in v if isinstance(e, str)]


def flattened(v):
    """A string PowerShell's ConvertTo-Json writes for an object or list below its -Depth."""
    if not isinstance(v, str):
        return False
    return (v.startswith("@{") and v.endswith("}")) or v == "System.Collections.Hashtable" \
        or (v.startswith("System.") and v.endswith("[]"))


def classify(doc):
    """→ ('run', task, result) | ('without_result',) | ('other',); raises Rejected."""
    if not isinstance(doc, dict):
        raise Rejected("not a JSON object")
    task = None
    if _is_task_info(doc):
        task = doc
    elif _is_task_info(doc.get("value")):
        task = doc["value"]
    elif "commit" in doc and "host_status" in doc:
        return ("run", None, doc)
    else:
        raise Rejected("object is neither a task info, a /rest task info nor a StageResult")
    op = present(task, "operation")
    if op is not None and not (isinstance(op, str) and op.lower() in ("stage$task", "stage")):
        return ("other",)
    result = present(task, "result")
    if result is None or flattened(result):
        # Revision 2: still a run (§1, §3), with no commit and no hosts; counted in
        # inputs.without_result too.
        return ("without_result", task, None, flattened(result))
    if not isinstance(result, dict):
        raise Rejected("result is not an object")
    return ("run", task, result)


def notification_lists(st):
    notes = present(st, "notifications")
    return notifications_object(notes)


def notifications_object(notes):
    """A Notifications object → {errors, warnings, info}: lists of notification objects with a
    string `id` (others are wrong types deeper down, ignored)."""
    if not isinstance(notes, dict):
        return {}
    out = {}
    for k in ("errors", "warnings", "info"):
        v = notes.get(k)
        out[k] = [n for n in v if isinstance(n, dict) and isinstance(n.get("id"), str)] \
            if isinstance(v, list) else []
    return out


def first_notification(st, kinds):
    lists = notification_lists(st)
    for k in kinds:
        if lists.get(k):
            return lists[k][0]
    return None


def default_message(n, key):
    m = present(n, key)
    dm = present(m, "default_message")
    return dm if isinstance(dm, str) else None


def first_warning_ids(warnings):
    """Distinct warning ids of a list, first occurrence first, with that notification."""
    seen = {}
    for n in warnings:
        if n["id"] not in seen:
            seen[n["id"]] = n
    return seen


STAGE_TO_RUN_STATUS = dict(STATUS_TO_OUTCOME)
TASK_TO_RUN_STATUS = {"SUCCEEDED": "succeeded", "FAILED": "failed", "PENDING": "in_progress",
                      "RUNNING": "in_progress", "BLOCKED": "in_progress"}
RUN_STATUS_KEYS = OUTCOME_KEYS
PLACEHOLDER_REASONS = ("(timed out)", "(unspecified)")


class Run:
    pass


def build_run(doc, task, result, source, order, opts, inventory, flat_result=False, label=None):
    flat = []  # parts a serializer wrote as strings: absent, and one note for the run
    if flat_result:
        flat.append("result")
    if result is not None:
        commit = result.get("commit")
        if commit is None:
            raise Rejected("commit is missing")
        if not isinstance(commit, str):
            raise Rejected("commit is not a string")
    else:
        commit = None  # a task without result (Revision 2: a run, with no commit)
        result = {}

    def part(field, decode):
        v = result.get(field)
        if flattened(v):
            flat.append(field)
            v = None
        return decode(v, field)

    host_info = part("host_info", decode_map)
    host_status = part("host_status", decode_map)
    lists = {f: part(f, decode_host_list) for f in HOST_LISTS}

    r = Run()
    r.source = source
    r.order = order
    r.commit = commit
    r.notes = []  # (kind, example)

    # Identity
    # vCenter: annotation, else the input's label, else the command-line default (§1)
    r.vcenter = nonempty_str(doc.get("vcenter")) or label or opts.vcenter or ""
    if r.vcenter == "":
        r.notes.append(("vcenter-missing", "%s: vCenter not known" % source))
    target_id = nonempty_str(present(present(task, "target"), "id")) if task else None
    cluster = target_id or nonempty_str(doc.get("cluster")) or opts.cluster
    if not cluster:
        cluster = "unknown"
        r.notes.append(("unknown-cluster", "%s: cluster id not found" % source))
    r.cluster = cluster
    r.cluster_name_annotation = nonempty_str(doc.get("cluster_name"))
    r.cluster_name_inventory = inventory.get(r.vcenter, cluster)
    r.task_status = present(task, "status") if task else None
    if not isinstance(r.task_status, str):
        r.task_status = None
    r.last_update = known_time(present(task, "last_update_time")) if task else None
    agg = present(result, "status")
    if flattened(agg):
        flat.append("status")
    agg = agg if isinstance(agg, dict) else None

    # Run status (§3): the stage status, else the task status, else in progress.
    st_raw = present(agg, "status")
    r.stage_status = st_raw if isinstance(st_raw, str) else None
    if r.stage_status is not None:
        r.status = STAGE_TO_RUN_STATUS.get(r.stage_status, "unknown")
    elif r.task_status is not None:
        r.status = TASK_TO_RUN_STATUS.get(r.task_status, "unknown")
    else:
        r.status = "in_progress"

    # Run notifications (§3), in this order: result.status.notifications,
    # result.notifications, the task's notifications, then the task's error.messages (errors).
    sources = [("status.notifications", present(agg, "notifications")),
               ("notifications", result.get("notifications")),
               ("task notifications", present(task, "notifications") if task else None)]
    run_lists = []
    for label, v in sources:
        if flattened(v):
            flat.append(label)
            v = None
        elif isinstance(v, dict):
            for k in ("warnings", "errors"):
                if flattened(v.get(k)):
                    flat.append("%s.%s" % (label, k))
        run_lists.append(notifications_object(v))
    err = present(task, "error") if task else None
    if flattened(err):
        flat.append("error")
        err = None
    msgs = present(err, "messages")
    if flattened(msgs):
        flat.append("error.messages")
        msgs = None
    error_msgs = [{"id": m["id"], "message": m} for m in msgs
                  if isinstance(m, dict) and isinstance(m.get("id"), str)] \
        if isinstance(msgs, list) else []
    run_errors = [n for lst in run_lists for n in lst.get("errors", [])] + error_msgs
    r.warnings = {}  # id → notification, the run's own warnings (first occurrence)
    for lst in run_lists:
        for wid, n in first_warning_ids(lst.get("warnings", [])).items():
            r.warnings.setdefault(wid, n)
    r.reason = r.reason_note = None
    r.real_reason = False
    if r.status in ("failed", "timed_out"):
        if run_errors:
            r.reason, r.reason_note, r.real_reason = run_errors[0]["id"], run_errors[0], True
        else:
            r.reason = "(timed out)" if r.status == "timed_out" else "(unspecified)"

    # Hosts
    hosts = set(host_info) | set(host_status)
    for f in HOST_LISTS:
        hosts.update(lists[f])
    r.hosts = []
    host_starts, host_ends = [], []
    for h in sorted(hosts):
        hi = host_info.get(h)
        if flattened(hi):
            flat.append("host_info.%s" % h)
        if flattened(host_status.get(h)):
            flat.append("host_status.%s" % h)
        name = present(hi, "name")
        name = nonempty_str(name)  # empty counts as absent (docs/summary-json.md)
        o = {"host": h, "name": name, "warnings": {}}
        in_lists = [f for f in HOST_LISTS if h in lists[f]]
        start = end = None
        st = None
        without_status = False
        if h in host_status and h not in host_info:
            r.notes.append(("status-without-host-info",
                            "%s: %s in host_status, not in host_info" % (source, h)))
        # An entry that is not an object counts as absent: the lists decide.
        if isinstance(host_status.get(h), dict):
            st = host_status[h]
            status = st.get("status")
            outcome = STATUS_TO_OUTCOME.get(status, "unknown") if isinstance(status, str) \
                else "unknown"
            for fld in ("start_time", "end_time"):
                raw = st.get(fld)
                if isinstance(raw, str):
                    t = parse_time(raw)
                    if t is None:
                        r.notes.append(("invalid-time", "%s: %s %s %r" % (source, h, fld, raw)))
                    elif t == 0:
                        pass  # the "unset" sentinel: absent, and not an invalid time
                    elif fld == "start_time":
                        start = t
                    else:
                        end = t
            if outcome in LIST_FOR_OUTCOME and in_lists and LIST_FOR_OUTCOME[outcome] not in in_lists:
                r.notes.append(("list-disagrees-with-status",
                                "%s: %s is %s but in %s" % (source, h, outcome,
                                                            " and ".join(in_lists))))
        else:
            if "failed_hosts" in in_lists:
                outcome = "failed"
            elif "skipped_hosts" in in_lists:
                outcome = "skipped"
            elif "successful_hosts" in in_lists:
                outcome = "succeeded"
            else:
                # Known only from host_info (§2): by the run status.
                without_status = True
                if r.status == "in_progress":
                    outcome = "in_progress"
                elif r.status in ("failed", "timed_out"):
                    outcome = "failed"
                else:
                    outcome = "unknown"
                if outcome != "in_progress":
                    r.notes.append(("host-without-status",
                                    "%s: %s has no status and is in no list (run %s)"
                                    % (source, h, r.status)))
        if len(in_lists) > 1:
            r.notes.append(("host-in-several-lists",
                            "%s: %s in %s" % (source, h, " and ".join(in_lists))))
        if start is not None:
            host_starts.append(start)
        if end is not None:
            host_ends.append(end)
        o["outcome"] = outcome
        o["start"], o["end"] = start, end
        o["duration_ms"] = (end - start) if (outcome in DURATION_OUTCOMES and start is not None
                                            and end is not None and end >= start) else None
        # Notifications are checked for flattening where they are read: for a skipped, failed
        # or timed-out host, in the lists its reason looks in; for a succeeded or skipped host,
        # its warnings (§6).
        if st is not None and outcome in ("succeeded", "skipped", "failed", "timed_out"):
            given = st.get("notifications")
            kinds = {"skipped": ("errors", "warnings", "info"), "succeeded": (),
                     "failed": ("errors", "warnings"),
                     "timed_out": ("errors", "warnings")}[outcome]
            if flattened(given):
                flat.append("host_status.%s.notifications" % h)
            elif isinstance(given, dict):
                # Up to the list that gives the reason, as the reason is looked for.
                for k in kinds:
                    v = given.get(k)
                    if flattened(v):
                        flat.append("host_status.%s.notifications" % h)
                    elif isinstance(v, list) and any(isinstance(n, dict) and isinstance(n.get("id"), str) for n in v):
                        break
                if outcome in ("succeeded", "skipped") and flattened(given.get("warnings")):
                    flat.append("host_status.%s.notifications" % h)
        if outcome in ("succeeded", "skipped"):
            o["warnings"] = first_warning_ids(notification_lists(st).get("warnings", []))
        o["reason"] = None
        if outcome == "skipped":
            n = first_notification(st, ("errors", "warnings", "info"))
            o["reason"] = n["id"] if n else "(unspecified)"
            o["reason_note"] = n
        elif outcome in ("failed", "timed_out"):
            n = first_notification(st, ("errors", "warnings"))
            if n:
                o["reason"] = n["id"]
                o["reason_note"] = n
            elif without_status or r.real_reason:
                # A host without status takes the run's reason, whatever it is (§2); a failed
                # host without notification takes it only when it is a real notification id.
                o["reason"], o["reason_note"] = r.reason, r.reason_note
            else:
                o["reason"] = "(timed out)" if outcome == "timed_out" else "(unspecified)"
                o["reason_note"] = None
        r.hosts.append(o)

    # Run start / end
    r.start = known_time(present(task, "start_time")) if task else None
    if r.start is None:
        r.start = known_time(present(agg, "start_time"))
    if r.start is None and host_starts:
        r.start = min(host_starts)
    r.end = known_time(present(task, "end_time")) if task else None
    if r.end is None:
        r.end = known_time(present(agg, "end_time"))
    if r.end is None and host_ends:
        r.end = max(host_ends)

    if flat:
        r.notes.append(("flattened-by-serializer", "%s: %s is a string a serializer wrote" % (source, flat[0])))
    if r.task_status is not None:
        r.finished = r.task_status in ("SUCCEEDED", "FAILED")
    else:
        s = present(agg, "status")
        r.finished = isinstance(s, str) and s not in ("RUNNING", "RETRY_PENDING")
    return r


def better(a, b):
    """True when duplicate `a` (later in input order) should replace the kept `b`."""
    if a.last_update is not None and b.last_update is not None and a.last_update != b.last_update:
        return a.last_update > b.last_update
    if a.end is not None and b.end is not None and a.end != b.end:
        return a.end > b.end
    if a.finished != b.finished:
        return a.finished
    return False


def canonical_key(r):
    """(start, missing last), vCenter, cluster id, commit (none first), byte order."""
    return (r.start is None, r.start if r.start is not None else 0,
            r.vcenter.encode("utf-8", "surrogatepass"), r.cluster.encode("utf-8", "surrogatepass"),
            r.commit is not None, (r.commit or "").encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------------------------
# Statistics

def durations_of(values_ms, with_by_outcome=None):
    vals = sorted(values_ms)
    n = len(vals)
    hist = [{"le_s": b, "count": 0} for b in HISTOGRAM_BOUNDS] + [{"le_s": None, "count": 0}]
    for v in vals:
        for i, b in enumerate(HISTOGRAM_BOUNDS):
            if v <= b * 1000:
                hist[i]["count"] += 1
                break
        else:
            hist[-1]["count"] += 1

    def pct(x):
        rank = (x * n + 99) // 100  # ceil(x/100 * n), exact integers
        return vals[max(rank, 1) - 1] / 1000.0

    d = {
        "count": n,
        "min_s": vals[0] / 1000.0 if n else None,
        "mean_s": round(sum(vals) / n / 1000.0, 3) if n else None,
        "p50_s": pct(50) if n else None,
        "p90_s": pct(90) if n else None,
        "p95_s": pct(95) if n else None,
        "p99_s": pct(99) if n else None,
        "max_s": vals[-1] / 1000.0 if n else None,
        "histogram": hist,
    }
    if with_by_outcome is not None:
        d["by_outcome"] = {k: durations_of(with_by_outcome[k]) for k in DURATION_OUTCOMES}
    return d


# --------------------------------------------------------------------------------------------
# Summary

class Inventory:
    """Cluster names per vCenter (report-semantics §1): `--clusters vc01=FILE` names the clusters
    of vCenter vc01; a FILE without a label names clusters in every vCenter (an entry of such a
    file with its own `vcenter` member belongs to that vCenter). Lookup: the run's vCenter's
    inventory, else the unlabelled one."""

    def __init__(self, specs):
        self.by_vc = {None: {}}
        if isinstance(specs, str):
            specs = [specs]
        for spec in specs or []:
            label, path = split_label(spec)
            with open(path, "rb") as f:
                data = f.read()
            if data.startswith(BOM):
                data = data[len(BOM):]
            v = loads_strict(data.decode("utf-8"))
            if isinstance(v, dict) and isinstance(v.get("value"), list):
                v = v["value"]
            if not isinstance(v, list):
                continue
            for e in v:
                c, n = nonempty_str(present(e, "cluster")), nonempty_str(present(e, "name"))
                if c and n:
                    vc = label or nonempty_str(present(e, "vcenter"))
                    self.by_vc.setdefault(vc, {})[c] = n

    def get(self, vcenter, cluster):
        return self.by_vc.get(vcenter, {}).get(cluster) or self.by_vc[None].get(cluster)


def summarize(inputs, vcenter=None, cluster=None, clusters_file=None, generated_at=None,
              stdin_bytes=None):
    class Opts:
        pass
    opts = Opts()
    opts.vcenter, opts.cluster = vcenter or None, cluster or None
    inventory = Inventory(clusters_file)

    counts = {"files": 0, "documents": 0, "runs": 0, "duplicates": 0, "rejected": 0,
              "without_result": 0, "other_operations": 0, "bytes": 0}
    rejected = []
    candidates = []  # runs in input order
    order = 0
    for path, mode, label in collect_files(inputs):
        if path == "-":
            data = stdin_bytes if stdin_bytes is not None else sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                counts["documents"] += 1
                rejected.append({"source": path, "reason": "cannot read: %s" % e.strerror})
                continue
        counts["files"] += 1
        counts["bytes"] += len(data)
        for dpath, pos, value, err, repaired in documents_of_file(path, mode, data):
            listed = task_list(value) if err is None else None
            if listed is None:
                units = [(dpath + pos, value)]
            else:
                units = [("%s[%s]%s" % (dpath, tid, pos), with_list_annotations(task, own, value))
                         for tid, task, own in listed]
            for source, doc in units:
                counts["documents"] += 1
                order += 1
                if err is not None:
                    rejected.append({"source": source, "reason": err})
                    continue
                try:
                    kind = classify(doc)
                    if kind[0] == "other":
                        counts["other_operations"] += 1
                    else:
                        if kind[0] == "without_result":
                            counts["without_result"] += 1
                        run = build_run(doc, kind[1], kind[2], source, order, opts, inventory,
                                        flat_result=kind[0] == "without_result" and kind[3],
                                        label=label)
                        if repaired and _has_repair(doc):
                            run.notes.append(("invalid-utf8", "%s: bytes that are not UTF-8" % source))
                        candidates.append(run)
                except Rejected as e:
                    rejected.append({"source": source, "reason": str(e)})
    counts["rejected"] = len(rejected)

    # Duplicates: fold in input order. Runs with a result by (vCenter, cluster, commit, start);
    # tasks without result (no commit) by (vCenter, cluster, start), and such a task is the
    # same run as a resulted document of the same vCenter, cluster and start, which is kept.
    kept = {}
    for r in candidates:
        if r.commit is None:
            continue
        k = (r.vcenter, r.cluster, r.commit, r.start)
        if k not in kept:
            kept[k] = r
        else:
            counts["duplicates"] += 1
            if better(r, kept[k]):
                kept[k] = r
    resulted = {(r.vcenter, r.cluster, r.start) for r in kept.values()}
    for r in candidates:
        if r.commit is not None:
            continue
        k3 = (r.vcenter, r.cluster, r.start)
        if k3 in resulted:
            counts["duplicates"] += 1
            continue
        k = (r.vcenter, r.cluster, None, r.start)
        if k not in kept:
            kept[k] = r
        else:
            counts["duplicates"] += 1
            if better(r, kept[k]):
                kept[k] = r
    runs = sorted(kept.values(), key=canonical_key)
    counts["runs"] = len(runs)

    # Aggregations.
    total_out = new_outcomes()
    total_rs = new_outcomes()
    all_d, by_out_d = [], {k: [] for k in DURATION_OUTCOMES}
    clusters, commits, days, hosts = {}, {}, {}, {}
    reasons = {"skip": {}, "failure": {}}
    run_reasons = {}
    warnings = {}
    vcenters = set()
    starts = [r.start for r in runs if r.start is not None]
    for r in runs:  # canonical order
        vcenters.add(r.vcenter)
        total_rs[r.status] += 1
        ck = (r.vcenter, r.cluster)
        c = clusters.setdefault(ck, {"runs": 0, "run_statuses": new_outcomes(), "hosts": set(),
                                     "outcomes": new_outcomes(), "durations": [], "latest": None,
                                     "name": None})
        c["runs"] += 1
        c["run_statuses"][r.status] += 1
        c["latest"] = r
        if r.cluster_name_annotation:
            c["name"] = r.cluster_name_annotation
        m = None
        if r.commit is not None:
            mk = (r.vcenter, r.cluster, r.commit)
            m = commits.setdefault(mk, {"runs": 0, "run_statuses": new_outcomes(),
                                        "outcomes": new_outcomes()})
            m["runs"] += 1
            m["run_statuses"][r.status] += 1
        d = None
        if r.start is not None:
            d = days.setdefault(utc_date(r.start), {"runs": 0, "run_statuses": new_outcomes(),
                                                    "outcomes": new_outcomes()})
            d["runs"] += 1
            d["run_statuses"][r.status] += 1
        if r.reason is not None:
            e = run_reasons.setdefault(r.reason, {"runs": 0, "clusters": set(), "sample": None})
            e["runs"] += 1
            e["clusters"].add(ck)
            e["sample"] = r  # canonical order: the last one is the latest
        # Warnings (§6): the run's own, then its succeeded/skipped hosts'.
        run_warned = {}
        for wid, n in r.warnings.items():
            run_warned.setdefault(wid, ("run", n))
        r.outcomes = new_outcomes()
        for o in r.hosts:
            oc = o["outcome"]
            r.outcomes[oc] += 1
            total_out[oc] += 1
            c["outcomes"][oc] += 1
            c["hosts"].add(o["host"])
            if m is not None:
                m["outcomes"][oc] += 1
            if d is not None:
                d["outcomes"][oc] += 1
            if o["duration_ms"] is not None:
                all_d.append(o["duration_ms"])
                by_out_d[oc].append(o["duration_ms"])
                c["durations"].append(o["duration_ms"])
            hk = (r.vcenter, r.cluster, o["host"])
            h = hosts.setdefault(hk, {"outcomes": [], "name": None})
            h["outcomes"].append((oc, r, o))
            if o["name"] is not None:
                h["name"] = o["name"]
            for wid, n in o["warnings"].items():
                w = warnings.setdefault(wid, {"count": 0, "runs": 0, "hosts": set(), "sample": None})
                w["count"] += 1
                w["hosts"].add(hk)
                prev = run_warned.get(wid)
                if prev is None or prev[0] == "run":  # first host by id beats the run's own
                    run_warned[wid] = ("host", n)
            if o["reason"] is not None:
                table = reasons["skip" if oc == "skipped" else "failure"]
                e = table.setdefault(o["reason"], {"count": 0, "hosts": set(), "sample": None})
                e["count"] += 1
                e["hosts"].add(hk)
                # Latest run (canonical) that has the reason, first host by id: runs are
                # visited in canonical order and hosts by id, so keep the first host per run.
                if e["sample"] is None or e["sample"][0] is not r:
                    e["sample"] = (r, o)
        for wid, (_, n) in run_warned.items():
            w = warnings.setdefault(wid, {"count": 0, "runs": 0, "hosts": set(), "sample": None})
            w["runs"] += 1
            w["sample"] = n  # canonical order: the latest run's

    out = {"schema_version": 2, "title": "Stage report"}
    out["generated_at"] = generated_at
    out["inputs"] = counts
    out["window"] = {"first_run_start": fmt_time(min(starts)) if starts else None,
                     "last_run_start": fmt_time(max(starts)) if starts else None}
    out["totals"] = {"vcenters": len(vcenters), "clusters": len(clusters), "hosts": len(hosts),
                     "runs": len(runs), "run_statuses": total_rs, "outcomes": total_out,
                     "success_rate": rate(total_out)}
    out["durations"] = durations_of(all_d, by_out_d)

    def cluster_name(ck):
        c = clusters[ck]
        return c["name"] or inventory.get(ck[0], ck[1]) or ck[1]

    def reason_message(r):
        return default_message(r.reason_note, "message") if r.reason_note else None

    cl = []
    for ck in sorted(clusters):
        c = clusters[ck]
        lr = c["latest"]
        cl.append({
            "vcenter": ck[0], "id": ck[1],
            "name": cluster_name(ck),
            "runs": c["runs"], "run_statuses": c["run_statuses"], "hosts": len(c["hosts"]),
            "outcomes": c["outcomes"],
            "success_rate": rate(c["outcomes"]), "durations": durations_of(c["durations"]),
            "latest_run": {"start": fmt_time(lr.start), "end": fmt_time(lr.end),
                           "commit": lr.commit, "status": lr.status,
                           "stage_status": lr.stage_status, "task_status": lr.task_status,
                           "reason": lr.reason, "message": reason_message(lr),
                           "outcomes": lr.outcomes, "success_rate": rate(lr.outcomes)},
        })
    out["clusters"] = cl
    out["commits"] = [{"vcenter": k[0], "cluster": k[1], "commit": k[2], "runs": v["runs"],
                       "run_statuses": v["run_statuses"],
                       "outcomes": v["outcomes"], "success_rate": rate(v["outcomes"])}
                      for k, v in sorted(commits.items(), key=lambda kv: commit_sort_key(kv[0]))]
    out["days"] = [{"date": k, "runs": v["runs"], "run_statuses": v["run_statuses"],
                    "outcomes": v["outcomes"],
                    "success_rate": rate(v["outcomes"])} for k, v in sorted(days.items())]

    def reason_list(table):
        items = sorted(table.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
        res = []
        for rid, e in items:
            n = e["sample"][1].get("reason_note")
            res.append({"id": rid, "count": e["count"], "hosts": len(e["hosts"]),
                        "message": default_message(n, "message") if n else None,
                        "resolution": default_message(n, "resolution") if n else None})
        return res
    out["skip_reasons"] = reason_list(reasons["skip"])
    out["failure_reasons"] = reason_list(reasons["failure"])
    out["run_failure_reasons"] = [
        {"id": rid, "runs": e["runs"], "clusters": len(e["clusters"]),
         "message": reason_message(e["sample"])}
        for rid, e in sorted(run_reasons.items(),
                             key=lambda kv: (-kv[1]["runs"], kv[0].encode("utf-8", "surrogatepass")))]
    out["warnings"] = [
        {"id": wid, "count": w["count"], "runs": w["runs"], "hosts": len(w["hosts"]),
         "message": default_message(w["sample"], "message")}
        for wid, w in sorted(warnings.items(), key=lambda kv: (-kv[1]["count"], kv[0]))]
    out["runs_without_hosts"] = [
        {"vcenter": r.vcenter, "cluster": r.cluster,
         "name": r.cluster_name_annotation or r.cluster_name_inventory or r.cluster,
         "commit": r.commit, "start": fmt_time(r.start), "status": r.status,
         "stage_status": r.stage_status, "task_status": r.task_status,
         "reason": r.reason, "message": reason_message(r)}
        for r in runs if not r.hosts]

    flaky, failing = [], []
    for hk, h in hosts.items():
        seq = [x[0] for x in h["outcomes"]]
        name = h["name"] or hk[2]
        s = seq.count("succeeded")
        f = seq.count("failed") + seq.count("timed_out")
        if s >= 1 and f >= 1:
            flaky.append({"vcenter": hk[0], "cluster": hk[1], "host": hk[2], "name": name,
                          "outcomes": len(seq), "succeeded": s, "failed": f})
        if seq and seq[-1] in ("failed", "timed_out"):
            streak = 0
            for x in reversed(seq):
                if x not in ("failed", "timed_out"):
                    break
                streak += 1
            _, lr, lo = h["outcomes"][-1]
            failing.append({"vcenter": hk[0], "cluster": hk[1], "host": hk[2], "name": name,
                            "streak": streak, "latest_outcome": seq[-1],
                            "latest_run_start": fmt_time(lr.start),
                            "latest_reason": lo["reason"]})
    flaky.sort(key=lambda x: (-x["failed"], x["vcenter"], x["cluster"], x["host"]))
    failing.sort(key=lambda x: (-x["streak"], x["vcenter"], x["cluster"], x["host"]))
    out["flaky_hosts"] = flaky
    out["failing_hosts"] = failing

    dq = {}
    for r in sorted(runs, key=lambda r: r.order):  # examples in input order
        for kind, ex in r.notes:
            e = dq.setdefault(kind, {"kind": kind, "count": 0, "examples": []})
            e["count"] += 1
            if len(e["examples"]) < 5:
                e["examples"].append(ex)
    out["data_quality"] = [dq[k] for k in sorted(dq)]
    out["rejected"] = rejected
    return out


# --------------------------------------------------------------------------------------------
# Self-test: hand-worked expectations in cases/<name>/expected.json

def lookup(doc, path):
    """Tiny path language: a.b[0].c, list[key=value].member, list[*].member (→ list)."""
    tokens = re.findall(r"[^.\[\]]+|\[[^\]]*\]", path)
    cur = [doc]
    multi = False
    for t in tokens:
        nxt = []
        for c in cur:
            if t.startswith("["):
                sel = t[1:-1]
                if sel == "*":
                    nxt.extend(c)
                    multi = True
                elif "=" in sel:
                    k, v = sel.split("=", 1)
                    found = [e for e in c if isinstance(e, dict) and str(e.get(k)) == v]
                    if not found:
                        raise KeyError(path)
                    nxt.append(found[0])
                else:
                    nxt.append(c[int(sel)])
            else:
                if t == "length":
                    nxt.append(len(c))
                else:
                    nxt.append(c[t])
        cur = nxt
    return cur if multi else cur[0]


def self_test():
    here = os.path.dirname(os.path.abspath(__file__))
    cases_dir = os.path.join(here, "cases")
    passed = failed = 0
    cwd = os.getcwd()
    for name in sorted(os.listdir(cases_dir)):
        case = os.path.join(cases_dir, name)
        exp_path = os.path.join(case, "expected.json")
        if not os.path.isfile(exp_path):
            continue
        with open(exp_path, encoding="utf-8") as f:
            exp = json.load(f)
        os.chdir(case)
        try:
            summary = summarize(exp.get("inputs", ["input"]), vcenter=exp.get("vcenter"),
                                cluster=exp.get("cluster"), clusters_file=exp.get("clusters"))
            # Round-trip through JSON text, as the CLI writes it.
            summary = json.loads(json.dumps(summary))
        except Exception as e:  # noqa: BLE001 - a crash fails the whole case
            print("FAIL %s: crashed: %r" % (name, e))
            failed += 1
            continue
        finally:
            os.chdir(cwd)
        for path, want in exp["expect"].items():
            try:
                got = lookup(summary, path)
            except (KeyError, IndexError, TypeError):
                got = "<missing>"
            if isinstance(want, list) and isinstance(got, list) and path.endswith("[*].source"):
                ok = sorted(got) == sorted(want)
            elif isinstance(want, float) and isinstance(got, (int, float)):
                ok = math.isclose(want, got, abs_tol=1e-6)
            else:
                ok = got == want
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s: %s: expected %s, got %s" % (name, path, json.dumps(want),
                                                          json.dumps(got)))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


# --------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description="Reference stage-report summary (Python).")
    ap.add_argument("--vcenter", help="default vCenter for documents without annotation")
    ap.add_argument("--cluster", help="default cluster id for documents without one")
    ap.add_argument("--clusters", action="append",
                    help="cluster inventory JSON (GET /api/vcenter/cluster), optionally labelled "
                         "with its vCenter as NAME=FILE; repeatable")
    ap.add_argument("--generated-at", help="value of generated_at (ISO 8601)")
    ap.add_argument("--self-test", action="store_true", help="run the cases in ./cases")
    ap.add_argument("inputs", nargs="*")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if not a.inputs:
        ap.error("no INPUT given")
    gen = a.generated_at
    if gen is None and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        gen = fmt_time(int(os.environ["SOURCE_DATE_EPOCH"]) * 1000)
    if gen is None:
        now = _dt.datetime.now(_dt.timezone.utc)
        gen = fmt_time(int(now.timestamp() * 1000))
    summary = summarize(a.inputs, a.vcenter, a.cluster, a.clusters, gen)
    try:
        text = json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape: keep it escaped
        text = json.dumps(summary, indent=2, ensure_ascii=True).encode("utf-8")
    sys.stdout.buffer.write(text + b"\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
