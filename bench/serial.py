#!/usr/bin/env python3
"""Latency through the server as one user sees it: one keep-alive connection, one request at a
time, every request of the mix in turn.

    bench/serial.py URLS.tsv HOST:PORT [--rounds 5] [--warmup 1] [--runs 3]

URLS.tsv: `class<TAB>/api/search?...` lines (written by bench/mix.py). Each run sends every
request `warmup` times unmeasured, then `rounds` times measured; a request's time runs from
sending it to having read the whole response body. Prints a table to stderr and one JSON object
to stdout: per run and as the median over runs, the p50/p90/p99/max in ms of every class
(`common`, `common+sector`, …), of every base class with its filtered variants (`common*`) and
of the whole mix (`all`), plus the non-200 answers seen (there should be none).
"""
import argparse
import http.client
import json
import statistics
import sys
import time


def pct(sorted_values, p):
    """Nearest-rank percentile of sorted values (the same rule as crates/index/benches/queries.rs)."""
    if not sorted_values:
        return None
    rank = max(1, min(len(sorted_values), -(-len(sorted_values) * p // 100)))
    return sorted_values[int(rank) - 1]


def stats(values):
    v = sorted(values)
    return {"n": len(v), "p50_ms": pct(v, 50), "p90_ms": pct(v, 90), "p99_ms": pct(v, 99), "max_ms": v[-1] if v else None}


def one_run(conn, urls, rounds, warmup, errors):
    for _ in range(warmup):
        for _, path in urls:
            conn.request("GET", path)
            conn.getresponse().read()
    times = {}
    for _ in range(rounds):
        for cls, path in urls:
            t0 = time.perf_counter_ns()
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            ms = (time.perf_counter_ns() - t0) / 1e6
            if r.status != 200:
                errors[f"{r.status} {path}"] = errors.get(f"{r.status} {path}", 0) + 1
                continue
            for key in (cls, cls.split("+")[0] + "*", "all"):
                times.setdefault(key, []).append(ms)
    return {k: stats(v) for k, v in times.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("urls")
    ap.add_argument("addr")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    urls = []
    with open(a.urls, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                cls, path = line.split("\t", 1)
                urls.append((cls, path))
    if not urls:
        sys.exit(f"{a.urls}: no requests")
    host, _, port = a.addr.rpartition(":")
    conn = http.client.HTTPConnection(host or "127.0.0.1", int(port), timeout=30)
    errors = {}
    runs = [one_run(conn, urls, a.rounds, a.warmup, errors) for _ in range(a.runs)]
    conn.close()
    keys = sorted(runs[0], key=lambda k: (k == "all", not k.endswith("*"), k))
    median = {
        k: {s: statistics.median(r[k][s] for r in runs) for s in ("p50_ms", "p90_ms", "p99_ms", "max_ms")}
        for k in keys
    }
    for k in keys:
        median[k]["n_per_run"] = runs[0][k]["n"]
    print(f"{'class':<20} {'n/run':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}  (median of {a.runs} runs)", file=sys.stderr)
    for k in keys:
        m = median[k]
        print(f"{k:<20} {m['n_per_run']:>6} {m['p50_ms']:>8.2f} {m['p90_ms']:>8.2f} {m['p99_ms']:>8.2f} {m['max_ms']:>8.2f}", file=sys.stderr)
    if errors:
        print(f"non-200 answers: {errors}", file=sys.stderr)
    print(json.dumps({"mode": "serial", "requests": len(urls), "rounds": a.rounds, "warmup": a.warmup,
                      "runs": a.runs, "median": median, "per_run": runs, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main()
