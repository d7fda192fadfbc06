#!/usr/bin/env python3
"""Latency of similar-passage requests (GET /api/passages/{id}/similar) on one index.

    bench/similar.py INDEX_DIR [N] [PLANSEARCH_BIN]

Samples N passages (default 300) of the index at random with a fixed seed (from `plansearch
export`), starts `plansearch serve` on 127.0.0.1, warms up with 30 requests, then asks for the
similar passages of each sampled passage once, over one connection at a time. Prints the
engine's own time (`took_ms`: candidates from the index, exact verification, records) and the
wall time of each request as p50 / p90 / p99 / max, and how many requests found any hit.
With SIMILAR_DUMP=FILE it also writes each sampled passage's hits (id and share, one JSON line
per passage), so two builds' answers can be compared with `diff`.
"""
import os
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

index = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/plansearch"

ids = []
with subprocess.Popen([binary, "export", "--index", index], stdout=subprocess.PIPE, text=True) as p:
    for line in p.stdout:
        ids.append(json.loads(line)["id"])
random.Random(14).shuffle(ids)
sample = ids[:n]

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([binary, "serve", "--index", index, "--addr", f"127.0.0.1:{port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            break
        except OSError:
            time.sleep(0.1)

    def get(pid):
        url = f"{base}/api/passages/{urllib.parse.quote(pid, safe='')}/similar"
        t = time.perf_counter()
        body = json.loads(urllib.request.urlopen(url, timeout=30).read())
        return body, (time.perf_counter() - t) * 1000

    for pid in ids[n:n + 30]:
        get(pid)
    took, wall, found, answers = [], [], 0, []
    for pid in sample:
        body, ms = get(pid)
        took.append(body["took_ms"])
        wall.append(ms)
        found += bool(body["hits"])
        answers.append({"id": pid, "hits": [[h["id"], round(h["share"], 4)] for h in body["hits"]]})
    if os.environ.get("SIMILAR_DUMP"):
        with open(os.environ["SIMILAR_DUMP"], "w") as f:
            for a in answers:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")

    def q(v, p):
        v = sorted(v)
        return v[min(len(v) - 1, int(p * len(v)))]

    for name, v in (("took_ms", took), ("wall_ms", wall)):
        print(f"{name}: p50 {statistics.median(v):.2f}  p90 {q(v, 0.9):.2f}  p99 {q(v, 0.99):.2f}  max {max(v):.2f}")
    print(f"{len(sample)} passages of {len(ids)}, {found} with at least one similar passage")
finally:
    server.terminate()
    server.wait(timeout=10)
