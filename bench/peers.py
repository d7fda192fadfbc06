#!/usr/bin/env python3
"""Peers of plansearch for the same passages and literal queries.

    bench/peers.py csv EXPORT.jsonl OUT.csv         passages (plansearch export) -> CSV id,doc,text
    bench/peers.py fts DB LITERALS.tsv [ROUNDS]     time queries on an SQLite FTS5 trigram table
    bench/peers.py rg DIR LITERALS.tsv [ROUNDS]     time ripgrep scans of the source folder

LITERALS.tsv comes from bench/mix.py: class, query, then the literal strings to find.
`fts` runs, per query, the count of matching passages and the top 10 (bm25) with a snippet,
in-process through Python's sqlite3 module (the same SQLite library as the sqlite3 CLI), after
one warm-up round; wall and thread CPU time are both reported. FTS5's trigram tokenizer indexes
only strings of 3 or more characters, so 1- and 2-character literals are matched with instr()
over every row: the trigram index cannot answer them (and in SQLite 3.40 a LIKE under 3
characters returns no rows at all). `rg` runs `rg -F -c LITERAL DIR` in a fresh process per
query (two-term queries: files holding the first term, then counts of the second in them); its
CPU time is the children's user+sys (both of rg's threads). Prints one JSON object.
"""
import csv
import json
import math
import resource
import sqlite3
import subprocess
import sys
import time


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = math.ceil(p / 100 * len(sorted_values))
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


def stats(values):
    v = sorted(values)
    return {
        "n": len(v),
        "p50_ms": pct(v, 50),
        "p90_ms": pct(v, 90),
        "p99_ms": pct(v, 99),
        "max_ms": v[-1] if v else float("nan"),
        "mean_ms": sum(v) / len(v) if v else float("nan"),
    }


def load_literals(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3:
                rows.append((cols[0], cols[1], cols[2:]))
    return rows


def cmd_csv(export, out):
    n = 0
    with open(export, encoding="utf-8") as f, open(out, "w", encoding="utf-8", newline="") as g:
        w = csv.writer(g)
        w.writerow(["id", "doc", "text"])
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            w.writerow([r["id"], r["doc"], r["text"]])
            n += 1
    print(json.dumps({"passages": n}))


def fts_statements(lits):
    """SQL for count and top 10 of passages holding every literal."""
    long = [l for l in lits if len(l) >= 3]
    short = [l for l in lits if len(l) < 3]
    where, params = [], []
    if long:
        where.append("p MATCH ?")
        params.append(" AND ".join('"' + l.replace('"', '""') + '"' for l in long))
    for l in short:
        # SQLite 3.40's trigram LIKE returns no rows for patterns under 3 characters; instr() is
        # the full scan FTS5 would do anyway.
        where.append("instr(text, ?) > 0")
        params.append(l)
    w = " AND ".join(where)
    count = f"SELECT count(*) FROM p WHERE {w}"
    if long:
        top = f"SELECT id, snippet(p, 2, '<mark>', '</mark>', '…', 16) FROM p WHERE {w} ORDER BY rank LIMIT 10"
    else:
        top = f"SELECT id, substr(text, 1, 64) FROM p WHERE {w} LIMIT 10"
    return count, top, params, ("match" if long and not short else "scan" if not long else "match+scan")


def cmd_fts(db, literals, rounds):
    con = sqlite3.connect(db)
    rows = load_literals(literals)
    by_class, all_t, all_cpu, cpu_class, counts, how = {}, [], [], {}, {}, {}
    for r in range(rounds + 1):
        for cls, q, lits in rows:
            count_sql, top_sql, params, kind = fts_statements(lits)
            c = time.thread_time()
            t = time.perf_counter()
            n = con.execute(count_sql, params).fetchone()[0]
            con.execute(top_sql, params).fetchall()
            ms = (time.perf_counter() - t) * 1000
            cpu = (time.thread_time() - c) * 1000
            counts[q] = n
            how[q] = kind
            if r == 0:
                continue  # warm-up
            all_t.append(ms)
            all_cpu.append(cpu)
            by_class.setdefault(cls, []).append(ms)
            cpu_class.setdefault(cls, []).append(cpu)
            by_class.setdefault("fts:" + kind, []).append(ms)
    report({"peer": "sqlite-fts5-trigram", "sqlite": sqlite3.sqlite_version}, rows, rounds,
           all_t, all_cpu, by_class, cpu_class, {"counts": counts, "how": how})


def report(who, rows, rounds, all_t, all_cpu, by_class, cpu_class, extra):
    """Prints one peer's latency summary as a JSON line (the format tools.py reads)."""
    print(json.dumps({
        **who,
        "queries": len(rows),
        "rounds": rounds,
        "all": stats(all_t),
        "all_cpu": stats(all_cpu),
        "classes": {k: stats(v) for k, v in sorted(by_class.items())},
        "classes_cpu": {k: stats(v) for k, v in sorted(cpu_class.items())},
        **extra,
    }, ensure_ascii=False))


def rg_once(folder, lits):
    if len(lits) == 1:
        out = subprocess.run(["rg", "-F", "-c", "--no-messages", "--", lits[0], folder],
                             stdout=subprocess.PIPE, check=False).stdout
        return sum(int(l.rsplit(b":", 1)[1]) for l in out.splitlines() if b":" in l)
    files = subprocess.run(["rg", "-F", "-l", "-0", "--no-messages", "--", lits[0], folder],
                           stdout=subprocess.PIPE, check=False).stdout.split(b"\0")
    files = [f for f in files if f]
    total = 0
    for lit in lits[1:]:
        if not files:
            break
        out = subprocess.run(["rg", "-F", "-c", "--no-messages", "--", lit] + [f.decode() for f in files],
                             stdout=subprocess.PIPE, check=False).stdout
        total = sum(int(l.rsplit(b":", 1)[1]) for l in out.splitlines() if b":" in l)
    return total


def cmd_rg(folder, literals, rounds):
    rows = load_literals(literals)
    by_class, all_t, all_cpu, cpu_class, counts = {}, [], [], {}, {}
    for r in range(rounds + 1):
        for cls, q, lits in rows:
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            counts[q] = rg_once(folder, lits)
            ms = (time.perf_counter() - t) * 1000
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (u1.ru_utime + u1.ru_stime - u0.ru_utime - u0.ru_stime) * 1000
            if r == 0:
                continue
            all_t.append(ms)
            all_cpu.append(cpu)
            by_class.setdefault(cls, []).append(ms)
            cpu_class.setdefault(cls, []).append(cpu)
    version = subprocess.run(["rg", "--version"], stdout=subprocess.PIPE, text=True).stdout.split("\n")[0]
    report({"peer": "ripgrep", "version": version}, rows, rounds, all_t, all_cpu, by_class, cpu_class,
           {"counts_matching_lines": counts})


def main():
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == "csv":
        cmd_csv(a[1], a[2])
    elif len(a) >= 3 and a[0] == "fts":
        cmd_fts(a[1], a[2], int(a[3]) if len(a) > 3 else 3)
    elif len(a) >= 3 and a[0] == "rg":
        cmd_rg(a[1], a[2], int(a[3]) if len(a) > 3 else 3)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
