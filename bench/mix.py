#!/usr/bin/env python3
"""Builds the benchmark query mix for one index.

    bench/mix.py QUERIES.txt FACETS.json OUT_DIR

QUERIES.txt: `class<TAB>query` lines (bench/queries.txt). FACETS.json: the output of
`plansearch facets --json --index DIR`. Each base query becomes four requests: plain, with a
sector filter, with a department filter and with a year filter, the filter values rotating over
the five most frequent values of the index (so every filter matches something where the corpus
has such tags; a corpus without years gets the range 2000..2025).

Writes to OUT_DIR:
  mix.tsv          class, q, sector, department, year   (the Rust bench, crates/index/benches/queries.rs)
  mix-literal.tsv  the unfiltered phrase/term/char/two queries only (same format), for the peers
  literals.tsv     class, q, then the literal strings a peer must find (one per required term)
  urls.txt         /api/search?... paths of mix.tsv, URL-encoded (wrk, bench/wrk-search.lua)
  urls.tsv         class<TAB>path, the same requests with their class (bench/serial.py)
"""
import json
import os
import sys
import urllib.parse


def top(values, n=5):
    values = sorted(values, key=lambda v: (-v.get("count", 0), v.get("value", "")))
    return [v["value"] for v in values[:n] if v.get("value") and v.get("value") != "-"]


def literals(cls, q):
    if cls not in ("phrase", "term", "char", "two", "common"):
        return None
    parts = [p.strip('"“”') for p in q.split()]
    return [p for p in parts if p]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    queries_path, facets_path, out = sys.argv[1:]
    base = []
    with open(queries_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cls, q = line.split("\t", 1)
            base.append((cls.strip(), q.strip()))
    with open(facets_path, encoding="utf-8") as f:
        facets = json.load(f)
    sectors = top(facets.get("sector", []))
    departments = top(facets.get("department", []))
    years = top(facets.get("year", [])) or ["2000..2025"]

    rows = []
    for i, (cls, q) in enumerate(base):
        rows.append((cls, q, "", "", ""))
    for i, (cls, q) in enumerate(base):
        if sectors:
            rows.append((cls + "+sector", q, sectors[i % len(sectors)], "", ""))
    for i, (cls, q) in enumerate(base):
        if departments:
            rows.append((cls + "+department", q, "", departments[i % len(departments)], ""))
    for i, (cls, q) in enumerate(base):
        rows.append((cls + "+year", q, "", "", years[i % len(years)]))

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "mix.tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(out, "mix-literal.tsv"), "w", encoding="utf-8") as f, open(
        os.path.join(out, "literals.tsv"), "w", encoding="utf-8"
    ) as g:
        for cls, q in base:
            lits = literals(cls, q)
            if lits:
                f.write("\t".join((cls, q, "", "", "")) + "\n")
                g.write("\t".join([cls, q] + lits) + "\n")
    with open(os.path.join(out, "urls.txt"), "w", encoding="utf-8") as f, open(
        os.path.join(out, "urls.tsv"), "w", encoding="utf-8"
    ) as g:
        for cls, q, sector, dep, year in rows:
            params = [("q", q), ("limit", "10")]
            for k, v in (("sector", sector), ("department", dep), ("year", year)):
                if v:
                    params.append((k, v))
            path = "/api/search?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
            f.write(path + "\n")
            g.write(f"{cls}\t{path}\n")
    print(
        f"{len(rows)} queries ({len(base)} base; sectors {sectors[:3]}…, departments {departments[:3]}…, years {years[:3]}…)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
