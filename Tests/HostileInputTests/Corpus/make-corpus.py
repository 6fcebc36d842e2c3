#!/usr/bin/env python3
"""Writes the hostile-input corpus of issue 7 into this directory, byte for byte.

Usage: python3 Tests/HostileInputTests/Corpus/make-corpus.py Tests/HostileInputTests/Corpus
The expected result of every file is in ../BadInputCorpusTests.swift (update both together).
"""
import json, os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def good(commit, cluster="domain-h1", vcenter="vc-hostile", day="2026-11-05"):
    """A bare StageResult: host-1 succeeded, host-2 failed. 2 outcomes."""
    return {"vcenter": vcenter, "cluster": cluster, "commit": commit,
            "host_info": {"host-1": {"name": "esx1"}, "host-2": {"name": "esx2"}},
            "host_status": {
                "host-1": {"status": "OK", "start_time": f"{day}T01:00:00.000Z", "end_time": f"{day}T01:05:00.000Z"},
                "host-2": {"status": "ERROR", "start_time": f"{day}T01:00:00.000Z", "end_time": f"{day}T01:02:00.000Z",
                           "notifications": {"errors": [{"id": "hostile.err", "message": {"default_message": "boom"}}]}}},
            "successful_hosts": ["host-1"], "failed_hosts": ["host-2"], "skipped_hosts": []}

def j(o, indent=None):
    return json.dumps(o, indent=indent, separators=None if indent else (",", ":")).encode()

def w(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

# --- truncated and invalid JSON
g = j(good("t1"))
w("truncated-mid-string.json", g[:g.index(b'"esx2"') + 3])
pretty = j(good("t2"), indent=1)
cut = pretty.index(b'"host_status"')
w("truncated-mid-object.json", pretty[:cut])                       # ends after ",\n "
w("truncated-lines.jsonl", j(good("tl1")) + b"\n" + j(good("tl2"))[:57] + b"\n" + j(good("tl3")) + b"\n" + j(good("tl4"))[:120])
w("invalid-trailing-comma.json", b'{"commit":"1","host_status":{},}')
w("invalid-single-quotes.json", b"{'commit': '1', 'host_status': {}}")
w("invalid-nan.json", b'{"commit":"1","host_status":{},"x":NaN}')
w("invalid-two-objects.json", j(good("two1")) + b"\n" + j(good("two2")) + b"\n")
w("invalid-bad-escape.json", b'{"commit":"1\\x","host_status":{}}')
w("invalid-short-unicode-escape.json", b'{"commit":"\\u12G4","host_status":{}}')
w("invalid-number.json", b'{"commit":"1","host_status":{},"n":01}')
w("invalid-literal.json", b'{"commit":"1","host_status":{},"b":tru}')
w("array-with-bad-elements.json", b"[" + j(good("arr0")) + b',1,"x",null,[],{},' + j(good("arr6")) + b"]")
w("array-truncated.json", b"[" + j(good("at0")) + b"," + j(good("at1"))[:-1])

# --- empty
w("empty.json", b"")
w("whitespace-only.json", b" \r\n\t\n")
w("empty.jsonl", b"")
w("blank-lines-only.jsonl", b"\n\r\n  \n\t\r\n")
w("bom-only.json", b"\xef\xbb\xbf")
w("empty-array.json", b"[]")
w("empty-object.json", b"{}")

# --- invalid UTF-8
w("utf8-in-string.json", b'{"vcenter":"vc-\xff","commit":"u1","host_status":{}}')
w("utf8-in-key.json", b'{"commit":"u2","host_status":{"host-\xc3\x28":{"status":"OK"}}}')
w("utf8-outside-strings.json", b'{"commit":"u3",\xfe"host_status":{}}')
w("utf8-overlong.json", b'{"commit":"u4\xc0\xaf","host_status":{}}')
w("utf8-surrogate.json", b'{"commit":"u5\xed\xa0\x80","host_status":{}}')
w("utf8-truncated-sequence.json", b'{"commit":"u6\xe2\x82","host_status":{}}')
w("utf8-above-unicode.json", b'{"commit":"u7\xf4\x90\x80\x80","host_status":{}}')
w("utf8-latin1.jsonl", j(good("l1")) + b"\n" + j(good("l2")).replace(b"esx1", b"esx-caf\xe9") + b"\n" + j(good("l3")) + b"\n")

# --- byte-order mark
w("bom.json", b"\xef\xbb\xbf" + j(good("bom1")))
w("bom.jsonl", b"\xef\xbb\xbf" + j(good("bom2")) + b"\n" + j(good("bom3")) + b"\n")
w("bom-array.json", b"\xef\xbb\xbf[" + j(good("bom4")) + b"," + j(good("bom5")) + b"]")
w("bom-mid-file.jsonl", j(good("bm1")) + b"\n\xef\xbb\xbf" + j(good("bm2")) + b"\n")
w("bom-twice.json", b"\xef\xbb\xbf\xef\xbb\xbf" + j(good("bom6")))

# --- CRLF and blank lines in JSON Lines
w("crlf-blank-lines.jsonl", b"\r\n" + j(good("cr1")) + b"\r\n\r\n   \r\n" + j(good("cr2")) + b"\r\n{broken\r\n\n\t\n" + j(good("cr3")))
w("crlf.json", j(good("cr4"), indent=2).replace(b"\n", b"\r\n") + b"\r\n")
w("cr-only.jsonl", j(good("cro1")) + b"\r" + j(good("cro2")) + b"\r")

# --- numbers beyond 64 bits
d = good("n1")
big = (b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"n1",'
       b'"u64_plus_one":18446744073709551616,"i64_minus_one":-9223372036854775809,'
       b'"huge":123456789012345678901234567890123456789012345678901234567890,'
       b'"tiny":1e-99999,"inf":1e400,"neg_zero":-0,"frac":0.' + b"1" * 400 + b','
       b'"progress":{"total":99999999999999999999999,"completed":-99999999999999999999999},')
w("numbers-beyond-64-bits.json", big + j(d)[1:].replace(b'"vcenter":"vc-hostile","cluster":"domain-h1","commit":"n1",', b""))
w("commit-as-big-number.json", b'{"commit":123456789012345678901234567890,"host_status":{}}')

# --- duplicate keys
w("duplicate-keys.json",
  b'{"vcenter":"vc-first","vcenter":"vc-hostile","cluster":"domain-h1","commit":"dup-first","commit":"dup-last",'
  b'"host_status":{"host-1":{"status":"OK"},"host-1":{"status":"ERROR","status":"TIMED_OUT"}},'
  b'"failed_hosts":["host-1","host-1"]}')
w("duplicate-member-last-is-wrong-type.json",
  b'{"cluster":"domain-h1","commit":"dup2","host_status":{"host-1":{"status":"OK"}},"host_status":7}')
w("duplicate-key-value-list.json",
  b'{"value":{"operation":"stage$task","target":{"type":"ClusterComputeResource","id":"domain-h1"},"result":{"commit":"dup3",'
  b'"host_status":[{"key":"host-1","value":{"status":"OK"}},{"key":"host-1","value":{"status":"SKIPPED"}}]}}}')

# --- NUL and control characters
w("escaped-control-characters.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-\\u0000nul","commit":"esc\\u0000\\u0001",'
  b'"host_info":{"host-\\u0000-1":{"name":"esx\\u0007bell\\u001b[31mred"}},'
  b'"host_status":{"host-\\u0000-1":{"status":"ERROR","notifications":{"errors":[{"id":"id\\u0000nul","message":{"default_message":"line1\\nline2\\u0000\\u001f"}}]}}}}')
w("raw-nul-in-string.json", b'{"commit":"c\x00","host_status":{}}')
w("raw-nul-in-key.json", b'{"commit":"c","host_\x00status":{}}')
w("raw-nul-outside-strings.json", b'{"commit":"c",\x00"host_status":{}}')
w("raw-control-characters.jsonl",
  j(good("rc1")) + b"\n"
  + b'{"commit":"rc2\tTAB","host_status":{}}' + b"\n"
  + b'{"commit":"rc3\x1fUS","host_status":{}}' + b"\n"
  + j(good("rc4\x7fDEL")).replace(b"\\u007f", b"\x7f") + b"\n")
w("raw-newline-in-string.json", b'{\n "commit": "line\nbreak",\n "host_status": {}\n}\n')

# --- wrong JSON types at every level
w("type-top-level-number.json", b"42")
w("type-top-level-string.json", b'"stage result"')
w("type-top-level-null.json", b"null")
w("type-top-level-bool.json", b"true")
w("type-result-string.json", b'{"operation":"stage$task","target":{"id":"domain-h1"},"result":"done"}')
w("type-result-array-rest.json", b'{"value":{"operation":"stage$task","result":[]}}')
w("type-result-null.json", b'{"operation":"stage$task","status":"RUNNING","result":null}')
w("type-value-number.json", b'{"value":3}')
w("type-commit-missing.json", b'{"operation":"stage$task","result":{"host_status":{}}}')
w("type-commit-null.json", b'{"commit":null,"host_status":{}}')
w("type-host-info-string.json", b'{"service":"x","result":{"commit":"ty1","host_info":"esx1"}}')
w("type-host-status-number.json", b'{"commit":"ty2","host_status":5}')
w("type-host-status-null.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty3","host_status":null,"successful_hosts":["host-1"],"failed_hosts":["host-2"]}')
w("type-list-object.json", b'{"commit":"ty4","host_status":{},"failed_hosts":{}}')
w("type-list-string.json", b'{"commit":"ty5","host_status":{},"successful_hosts":"host-1"}')
w("type-list-elements.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty6","host_status":{},"successful_hosts":[1,null,"host-1",{},["host-2"],true]}')
w("type-status-entry.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty7","host_status":{"host-1":"OK","host-2":[1],"host-3":null,"host-4":7},'
  b'"successful_hosts":["host-1"],"skipped_hosts":["host-3"]}')
w("type-status-value.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty8","host_status":{"host-1":{"status":5},"host-2":{"status":null},'
  b'"host-3":{"status":["OK"]},"host-4":{"status":{"value":"OK"}}}}')
w("type-notifications.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty9","host_status":{'
  b'"host-1":{"status":"ERROR","notifications":"broken"},'
  b'"host-2":{"status":"ERROR","notifications":{"errors":{"id":"not.a.list"}}},'
  b'"host-3":{"status":"ERROR","notifications":{"errors":[1,"a",null,{"id":5},{"id":"real.id","message":"not an object"}]}},'
  b'"host-4":{"status":"SKIPPED","notifications":{"info":[{"id":"skip.id","message":{"default_message":5}}]}},'
  b'"host-5":{"status":"TIMED_OUT","notifications":[{"id":"array.not.object"}]}}}')
w("type-times.json",
  b'{"operation":"stage$task","target":{"id":"domain-h1"},"start_time":5,"end_time":{},"last_update_time":[],'
  b'"result":{"commit":"ty10","status":{"start_time":true,"end_time":null},'
  b'"host_status":{"host-1":{"status":"OK","start_time":12345,"end_time":true}}}}')
w("type-host-info-entry.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty11","host_info":{"host-1":"esx-as-string","host-2":{"name":7}},'
  b'"host_status":{"host-1":{"status":"ERROR"},"host-2":{"status":"ERROR"}}}')
w("type-annotations.json",
  b'{"vcenter":5,"cluster":[],"cluster_name":{},"commit":"ty12","host_status":{"host-1":{"status":"OK"}}}')
w("type-target.json",
  b'{"operation":"stage$task","target":"domain-h9","cluster":"domain-h1","vcenter":"vc-hostile","result":{"commit":"ty13","host_status":{"host-1":{"status":"OK"}}}}')
w("type-operation-number.json", b'{"operation":5,"result":{"commit":"ty14","host_status":{}}}')
w("type-key-value-entries.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"ty15","host_status":[5,{"key":1,"value":{"status":"OK"}},{"key":"host-1"},'
  b'{"value":{"status":"OK"}},"host-3",{"key":"host-2","value":{"status":"OK"}}]}')

# --- unknown enum values
w("unknown-enums.json",
  b'{"operation":"stage$task","status":"PAUSED_BY_ALIENS","target":{"type":"NewKindOfThing","id":"domain-h1"},"vcenter":"vc-hostile",'
  b'"result":{"commit":"en1","status":{"status":"MAYBE"},"host_status":{'
  b'"host-1":{"status":"EXPLODED"},"host-2":{"status":"ok"},"host-3":{"status":""},'
  b'"host-4":{"status":"SKIPPED","notifications":{"info":[{"id":"new.kind","type":"CRITICAL"}]}}}}}')

# --- dates
w("dates.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-dates","commit":"dt1","host_status":{'
  b'"host-1":{"status":"OK","start_time":"yesterday","end_time":"2026-11-06T01:05:00Z"},'
  b'"host-2":{"status":"OK","start_time":"2026-11-06T03:00:00+02:00","end_time":"2026-11-06T01:10:00Z"},'
  b'"host-3":{"status":"ERROR","start_time":"2026-11-06T01:30:00Z","end_time":"2026-11-06T01:00:00Z"},'
  b'"host-4":{"status":"OK","start_time":"2026-02-30T00:00:00Z","end_time":"2026-11-06T01:00:00Z"},'
  b'"host-5":{"status":"OK","start_time":"2026-11-06T01:00:00","end_time":"2026-11-06T01:00:00Z"},'
  b'"host-6":{"status":"OK","start_time":"2026-11-06T01:00:00.123456789Z","end_time":"2026-11-06T01:00:01Z"},'
  b'"host-7":{"status":"OK","start_time":"2026-11-06T01:00:00-0130","end_time":"2026-11-06T02:31:00Z"}}}')
w("dates-epoch-sentinel.json",
  b'{"vcenter":"vc-hostile","cluster":"domain-epoch","commit":"ep1","host_status":{'
  b'"host-1":{"status":"OK","start_time":"1970-01-01T00:00:00.000Z","end_time":"2026-11-07T01:05:00.000Z"},'
  b'"host-2":{"status":"OK","start_time":"2026-11-07T01:00:00.000Z","end_time":"1970-01-01T00:00:00.000Z"},'
  b'"host-3":{"status":"OK","start_time":"2026-11-07T01:00:00.000Z","end_time":"2026-11-07T01:01:00.000Z",'
  b'"notifications":{"info":[{"id":"sentinel.time","time":"1970-01-01T00:00:00.000Z"}]}}}}')

# --- identities that look like paths or device names
ids = ["../../x", "a/b", "CON", "", "NUL.txt", "..", ".", "/etc/passwd", "C:\\x", "x\\..\\y", "~root", "$(touch pwned)", "<b>", "\u202eevil"]
lines = []
for n, cid in enumerate(["../../x", "a/b", "CON", ""]):
    vc = ["../../x", "a/b", "CON", ""][n]
    hs = {h: {"status": "ERROR", "notifications": {"errors": [{"id": h or "(empty)", "message": {"default_message": h}}]}} for h in ids}
    lines.append(j({"vcenter": vc, "cluster": cid, "commit": cid or "empty", "host_status": hs,
                    "host_info": {h: {"name": h} for h in ids}}))
w("path-like-ids.jsonl", b"\n".join(lines) + b"\n")
print("corpus written to", out)
