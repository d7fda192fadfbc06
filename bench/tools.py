#!/usr/bin/env python3
"""Helpers of bench/run.sh (no third-party packages).

    tools.py timev FILE                    /usr/bin/time -v output -> JSON (wall, user, sys, max RSS)
    tools.py cpu                           one line: busy and total CPU ticks of the machine (/proc/stat)
    tools.py others BEFORE AFTER OWN_S     CPU seconds used by other processes between two `cpu` lines
    tools.py busy [SECONDS]                % of all cores busy over a short sample (nothing of ours running)
    tools.py replicate SRC DST N           N copies of SRC's tree under DST, file names made distinct
    tools.py progress TYPESCRIPT           checks a `script` capture of `plansearch index` for the progress bar
    tools.py benchexe CARGO_JSON           the executable of a `cargo bench --no-run --message-format=json`
    tools.py perfsum PERF_REPORT.txt       `perf report --stdio --sort comm,dso,sym` -> time per stage
    tools.py freeport                      a free TCP port on 127.0.0.1
    tools.py summary OUT_DIR               reads every result under OUT_DIR, prints the summary table,
                                           writes OUT_DIR/summary.json and OUT_DIR/summary.md
"""
import glob
import json
import os
import re
import shutil
import socket
import statistics
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- measurements

def timev(path):
    text = open(path, encoding="utf-8", errors="replace").read()

    def grab(label):
        m = re.search(r"^\s*" + re.escape(label) + r":\s*(.+)$", text, re.M)
        return m.group(1).strip() if m else None

    wall = grab("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    if wall:
        for part in wall.split(":"):
            secs = secs * 60 + float(part)
    user = float(grab("User time (seconds)") or 0)
    sys_ = float(grab("System time (seconds)") or 0)
    rss_kb = int(grab("Maximum resident set size (kbytes)") or 0)
    status = int(grab("Exit status") or 0)
    return {
        "wall_s": secs,
        "user_s": user,
        "sys_s": sys_,
        "cpu_cores": (user + sys_) / secs if secs else 0.0,
        "max_rss_mb": rss_kb / 1024,
        "exit": status,
    }


def cpu_line():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    total = sum(v[:8])
    return total - idle, total


def busy(seconds=1.0):
    b0, t0 = cpu_line()
    time.sleep(seconds)
    b1, t1 = cpu_line()
    return 100.0 * (b1 - b0) / max(1, t1 - t0)


def replicate(src, dst, n):
    files = total = 0
    for k in range(1, n + 1):
        for root, _dirs, names in os.walk(src):
            rel = os.path.relpath(root, src)
            out = os.path.join(dst, f"copy{k:02d}", rel)
            os.makedirs(out, exist_ok=True)
            for name in names:
                stem, ext = os.path.splitext(name)
                target = os.path.join(out, f"{stem}~r{k:02d}{ext}")
                shutil.copyfile(os.path.join(root, name), target)
                files += 1
                total += os.path.getsize(target)
    print(json.dumps({"files": files, "bytes": total}))


def progress(path):
    raw = open(path, "rb").read().decode("utf-8", errors="replace")
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)
    frames = [f.strip() for f in re.split(r"[\r\n]", plain) if f.strip()]
    bar = [f for f in frames if "ETA" in f]
    sample = bar[len(bar) // 2] if bar else ""
    out = {
        "frames_with_eta": len(bar),
        "has_eta": bool(bar),
        "has_bytes": bool(re.search(r"\d+(\.\d+)?\s*[KMG]i?B\s*/\s*\d+(\.\d+)?\s*[KMG]i?B", sample)),
        "has_files": bool(re.search(r"\d+\s*/\s*\d+\s*(files|个文件|文件)", sample)) or bool(re.search(r"\b\d+/\d+\b", sample)),
        "sample": sample,
        "last": frames[-1] if frames else "",
    }
    out["ok"] = out["has_eta"] and out["has_bytes"] and out["has_files"]
    print(json.dumps(out, ensure_ascii=False))


def benchexe(path):
    exe = None
    for line in open(path, encoding="utf-8", errors="replace"):
        try:
            m = json.loads(line)
        except ValueError:
            continue
        if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "queries" and m.get("executable"):
            exe = m["executable"]
    if not exe:
        sys.exit("no bench executable in " + path)
    print(exe)


# Stages of indexing and searching, by symbol (first match wins).
STAGES = [
    ("jieba (word segmentation)", r"jieba_rs|cedarwood|regex|aho_corasick"),
    ("folding/normalize", r"plansearch_text::normalize|unicode_normalization|plansearch_index::analysis::(fold|char_tokens)"),
    ("char/word tokenizers (plansearch)", r"plansearch_index::analysis"),
    ("commitments", r"plansearch_text::commitments"),
    ("departments", r"plansearch_text::departments"),
    ("layout repair (clean)", r"plansearch_text::clean"),
    ("structure/split", r"plansearch_text::(structure|split|passages)"),
    ("decode/extract", r"plansearch_text::decode|plansearch_formats|encoding_rs|blake3"),
    ("record JSON", r"serde_json|serde::"),
    ("tantivy postings/segments", r"tantivy"),
    ("fst/columnar/compression", r"tantivy_fst|tantivy_sstable|columnar|bitpacker|zstd|lz4"),
    ("search (plansearch engine)", r"plansearch_index::(engine|highlight|query)"),
    ("memory/alloc/copy", r"malloc|free|realloc|memcpy|memmove|memset|alloc::|_int_|cfree|__libc"),
    ("kernel", r"\[k\]|^0x|kernel"),
]


def perfsum(path):
    rows = []
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+(\S+)\s+(.*)$", line)
        if not m or line.lstrip().startswith("#"):
            continue
        pct, comm, dso, sym = float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()
        rows.append((pct, comm, dso, sym))
    by_stage, by_comm = {}, {}
    for pct, comm, dso, sym in rows:
        stage = "other"
        key = sym + " " + dso
        for name, pat in STAGES:
            if re.search(pat, key):
                stage = name
                break
        if stage == "other" and "[k]" in sym:
            stage = "kernel"
        by_stage[stage] = by_stage.get(stage, 0) + pct
        c = re.sub(r"\d+$", "N", comm)
        by_comm[c] = by_comm.get(c, 0) + pct
    top = sorted(rows, reverse=True)[:25]
    print(json.dumps({
        "by_stage_pct": dict(sorted(by_stage.items(), key=lambda kv: -kv[1])),
        "by_thread_pct": dict(sorted(by_comm.items(), key=lambda kv: -kv[1])),
        "top_symbols": [{"pct": p, "thread": c, "sym": s[:140]} for p, c, _d, s in top],
    }, ensure_ascii=False, indent=1))


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


# ---------------------------------------------------------------- summary

def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
        # Several tools print other lines first; take the last JSON object.
        for line in reversed(text.splitlines()):
            line = line.strip()
            if line.startswith("WRK_JSON "):
                return json.loads(line[len("WRK_JSON "):])
            if line.startswith("{") and line.endswith("}"):
                return json.loads(line)
        return json.loads(text)
    except (OSError, ValueError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def runs(pattern):
    """Runs of one measurement: their time -v, report JSON and disturbance, undisturbed first."""
    out = []
    for t in sorted(glob.glob(pattern + "/run-*.time")):
        base = t[: -len(".time")]
        r = timev(t)
        rep = load_json(base + ".json") or {}
        r["bytes"] = rep.get("bytes")
        r["passages"] = rep.get("passages")
        r["documents"] = rep.get("documents")
        dist = load_json(base + ".cpu") or {}
        r["others_cores"] = dist.get("others_cores")
        r["load1"] = dist.get("load1")
        out.append(r)
    return out


def clean(rs, limit=0.35):
    """Runs where other processes used less than `limit` of a core on average; all if none."""
    ok = [r for r in rs if r.get("others_cores") is None or r["others_cores"] < limit]
    return (ok or rs), len(rs) - len(ok)


def du(path):
    total = 0
    for root, _d, names in os.walk(path):
        for n in names:
            try:
                total += os.path.getsize(os.path.join(root, n))
            except OSError:
                pass
    return total


def fmt(v, nd=1, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.{nd}f}{unit}"
    return f"{v}{unit}"


def summary(out):
    S = {}
    lines = []
    targets = []

    def target(name, value, limit, unit, better="<=", nd=1):
        if value is None:
            status = "not measured"
        elif better == "<=":
            status = "met" if value <= limit else "NOT met"
        else:
            status = "met" if value >= limit else "NOT met"
        targets.append((name, fmt(value, nd, unit), f"{better} {limit}{unit}", status))

    # Indexing the laws.
    rs = runs(os.path.join(out, "index/laws"))
    if rs:
        good, disturbed = clean(rs)
        mb = (good[0].get("bytes") or 0) / 1e6
        wall = med([r["wall_s"] for r in good])
        rss = med([r["max_rss_mb"] for r in good])
        cores = med([r["cpu_cores"] for r in good])
        size = load_json(os.path.join(out, "index/laws/size.json")) or {}
        cpu_s = med([r["user_s"] + r["sys_s"] for r in good])
        S["index_laws"] = {
            "runs": len(rs), "disturbed_runs": disturbed, "source_mb": mb, "wall_s": wall,
            "cpu_s": cpu_s, "cpu_s_per_mb": cpu_s / mb if mb else None,
            "mb_per_s_if_2_free_cores": mb / (cpu_s / 2) if cpu_s else None,
            "others_cores": med([r.get("others_cores") for r in good]),
            "mb_per_s": mb / wall if wall else None, "max_rss_mb": rss, "cpu_cores": cores,
            "index_mb": size.get("index_bytes", 0) / 1e6, "index_ratio": size.get("ratio"),
            "passages": good[0].get("passages"), "documents": good[0].get("documents"),
            "all_walls": [r["wall_s"] for r in rs],
        }
        s = S["index_laws"]
        target("index throughput (MB/s of source)", s["mb_per_s"], 20, " MB/s", ">=")
        target("index peak memory (max RSS)", s["max_rss_mb"], 1536, " MB", "<=", 0)
        target("index size / text size", s["index_ratio"], 2.0, "×", "<=", 2)
    prog = load_json(os.path.join(out, "index/progress.json"))
    if prog:
        S["progress_bar"] = prog

    # In-process queries.
    qs = [load_json(p) for p in sorted(glob.glob(os.path.join(out, "queries/laws/run-*.json")))]
    qs = [q for q in qs if q]
    if qs:
        S["queries_laws"] = {
            "runs": len(qs), "queries": qs[0]["queries"], "rounds": qs[0]["rounds"],
            "p50_ms": med([q["all"]["p50_ms"] for q in qs]), "p99_ms": med([q["all"]["p99_ms"] for q in qs]),
            "max_ms": med([q["all"]["max_ms"] for q in qs]), "qps_single_thread": med([q["qps_single_thread"] for q in qs]),
            "cpu_p50_ms": med([q.get("all_cpu", {}).get("p50_ms") for q in qs]),
            "cpu_p99_ms": med([q.get("all_cpu", {}).get("p99_ms") for q in qs]),
            "classes_cpu": qs[len(qs) // 2].get("classes_cpu"),
            "errors": qs[-1]["errors"], "classes": qs[len(qs) // 2]["classes"], "slowest": qs[len(qs) // 2]["slowest"],
        }
        target("query p50 (in-process, laws)", S["queries_laws"]["p50_ms"], 2, " ms", "<=", 2)
        target("query p99 (in-process, laws)", S["queries_laws"]["p99_ms"], 10, " ms", "<=", 2)
        target("query p50, CPU time (laws)", S["queries_laws"]["cpu_p50_ms"], 2, " ms", "<=", 2)
        target("query p99, CPU time (laws)", S["queries_laws"]["cpu_p99_ms"], 10, " ms", "<=", 2)

    # Server.
    for name in ("laws", "seeds"):
        files = sorted(glob.glob(os.path.join(out, f"server/{name}/run-*.wrk.txt")))
        ws = [load_json(p) for p in files]
        cpu = [load_json(p.replace(".wrk.txt", ".srvcpu.json")) for p in files]
        dist = [load_json(p.replace(".wrk.txt", ".cpu")) for p in files]
        wt = [timev(p.replace(".wrk.txt", ".wrk.time")) if os.path.exists(p.replace(".wrk.txt", ".wrk.time")) else None for p in files]
        ws = [w for w in ws if w]
        if ws:
            per_req = [c["server_cpu_s"] * 1000 / w["requests"] for c, w in zip(cpu, ws) if c and w and w["requests"]]
            wrk_req = [t["user_s"] * 1000 / w["requests"] + t["sys_s"] * 1000 / w["requests"] for t, w in zip(wt, ws) if t and w and w["requests"]]
            errs = sum(sum(w["errors"].values()) for w in ws)
            S[f"server_{name}"] = {
                "runs": len(ws), "rps": med([w["rps"] for w in ws]), "p50_ms": med([w["p50_ms"] for w in ws]),
                "p99_ms": med([w["p99_ms"] for w in ws]), "max_ms": med([w["max_ms"] for w in ws]),
                "requests": sum(w["requests"] for w in ws), "errors": errs,
                "server_rss_mb": (load_json(os.path.join(out, f"server/{name}/rss.json")) or {}).get("max_rss_mb"),
                "server_cpu_ms_per_request": med(per_req), "wrk_cpu_ms_per_request": med(wrk_req),
                "others_cores": med([d.get("others_cores") for d in dist if d]),
            }
            s = S[f"server_{name}"]
            if s["server_cpu_ms_per_request"]:
                # Two free cores shared by the server and wrk, as in the measurement.
                s["rps_if_2_free_cores"] = 2000 / (s["server_cpu_ms_per_request"] + (s["wrk_cpu_ms_per_request"] or 0))
            target(f"server p99, {name} (wrk 32 conns)", S[f"server_{name}"]["p99_ms"], 20, " ms", "<=", 2)
            target(f"server errors, {name}", errs, 0, "", "<=", 0)
        serial = load_json(os.path.join(out, f"server/{name}/serial.json"))
        if serial:
            S[f"serial_{name}"] = serial
            if name == "laws":
                m = serial["median"]
                target("laws, one connection: common class p50", (m.get("common*") or {}).get("p50_ms"), 4, " ms", "<=", 2)
                target("laws, one connection: common class p99", (m.get("common*") or {}).get("p99_ms"), 15, " ms", "<=", 2)
                target("laws, one connection: whole mix p99", m["all"]["p99_ms"], 10, " ms", "<=", 2)

    # Cold start.
    hf = load_json(os.path.join(out, "cold/hyperfine.json"))
    if hf and hf.get("results"):
        res = {r["command"]: r for r in hf["results"]}
        search = [r for c, r in res.items() if " search " in c]
        version = [r for c, r in res.items() if c.endswith("--version")]
        S["cold"] = {
            "search_median_ms": search[0]["median"] * 1000 if search else None,
            "search_runs": len(search[0]["times"]) if search else 0,
            "version_median_ms": version[0]["median"] * 1000 if version else None,
        }
    loop = load_json(os.path.join(out, "cold/loop.json"))
    if loop and "cold" not in S:
        S["cold"] = loop
    hs = [load_json(p) for p in sorted(glob.glob(os.path.join(out, "cold/harness-*.json")))]
    hs = [h for h in hs if h]
    if hs:
        S.setdefault("cold", {})["breakdown_ms"] = {
            k: med([h[k] for h in hs if k in h])
            for k in ("engine_open_ms", "first_search_ms", "second_search_ms", "total_ms",
                      "full_dictionary_load_ms", "search_with_full_dictionary_ms")
            if any(k in h for h in hs)
        }
    if "cold" in S:
        target("cold start `search 无废城市` (seeds)", S["cold"].get("search_median_ms"), 50, " ms", "<=", 1)

    # Growth.
    growth = []
    for name in ("seeds", "reports", "laws", "laws-x10"):
        d = os.path.join(out, "growth", name)
        rs = runs(d)
        if not rs:
            continue
        good, disturbed = clean(rs)
        size = load_json(os.path.join(d, "size.json")) or {}
        q = load_json(os.path.join(d, "queries.json")) or {}
        mb = (good[0].get("bytes") or 0) / 1e6
        wall = med([r["wall_s"] for r in good])
        growth.append({
            "corpus": name, "source_mb": mb, "documents": good[0].get("documents"), "passages": good[0].get("passages"),
            "wall_s": wall, "mb_per_s": mb / wall if wall else None, "max_rss_mb": med([r["max_rss_mb"] for r in good]),
            "cpu_cores": med([r["cpu_cores"] for r in good]), "index_mb": size.get("index_bytes", 0) / 1e6,
            "cpu_s_per_mb": med([(r["user_s"] + r["sys_s"]) / mb for r in good]) if mb else None,
            "q_cpu_p50_ms": q.get("all_cpu", {}).get("p50_ms"), "q_cpu_p99_ms": q.get("all_cpu", {}).get("p99_ms"),
            "index_ratio": size.get("ratio"), "q_p50_ms": q.get("all", {}).get("p50_ms"),
            "q_p99_ms": q.get("all", {}).get("p99_ms"), "runs": len(rs), "disturbed_runs": disturbed,
        })
    if growth:
        S["growth"] = growth

    # Peers.
    p = os.path.join(out, "peers")
    fts_runs = [timev(t) for t in sorted(glob.glob(p + "/fts-build-*.time"))]
    fts_q = load_json(p + "/fts-queries.json")
    rg_q = load_json(p + "/rg-queries.json")
    ps_q = [load_json(x) for x in sorted(glob.glob(p + "/plansearch-literal-*.json"))]
    ps_q = [x for x in ps_q if x]
    sizes = load_json(p + "/sizes.json") or {}
    if fts_runs or fts_q or rg_q:
        S["peers"] = {
            "fts_build_s": med([r["wall_s"] for r in fts_runs]), "fts_build_rss_mb": med([r["max_rss_mb"] for r in fts_runs]),
            "fts_db_mb": sizes.get("fts_db_bytes", 0) / 1e6, "passages_text_mb": sizes.get("passages_text_bytes", 0) / 1e6,
            "fts_p50_ms": (fts_q or {}).get("all", {}).get("p50_ms"), "fts_p99_ms": (fts_q or {}).get("all", {}).get("p99_ms"),
            "fts_classes": (fts_q or {}).get("classes"),
            "rg_p50_ms": (rg_q or {}).get("all", {}).get("p50_ms"), "rg_p99_ms": (rg_q or {}).get("all", {}).get("p99_ms"),
            "rg_classes": (rg_q or {}).get("classes"),
            "fts_cpu_p50_ms": (fts_q or {}).get("all_cpu", {}).get("p50_ms"),
            "rg_cpu_p50_ms": (rg_q or {}).get("all_cpu", {}).get("p50_ms"),
            "plansearch_cpu_p50_ms": med([x.get("all_cpu", {}).get("p50_ms") for x in ps_q]) if ps_q else None,
            "fts_classes_cpu": (fts_q or {}).get("classes_cpu"),
            "rg_classes_cpu": (rg_q or {}).get("classes_cpu"),
            "plansearch_classes_cpu": ps_q[len(ps_q) // 2].get("classes_cpu") if ps_q else None,
            "plansearch_p50_ms": med([x["all"]["p50_ms"] for x in ps_q]) if ps_q else None,
            "plansearch_p99_ms": med([x["all"]["p99_ms"] for x in ps_q]) if ps_q else None,
            "plansearch_classes": ps_q[len(ps_q) // 2]["classes"] if ps_q else None,
        }

    # Print.
    lines.append("| measurement | value | target | status |")
    lines.append("|---|---|---|---|")
    for t in targets:
        lines.append("| " + " | ".join(t) + " |")
    if "index_laws" in S:
        s = S["index_laws"]
        lines.append("")
        lines.append(f"laws: {s['documents']} documents, {s['passages']} passages, {fmt(s['source_mb'])} MB source; "
                     f"median wall {fmt(s['wall_s'], 2)} s over {s['runs']} runs ({s['disturbed_runs']} disturbed, walls {[round(w, 2) for w in s['all_walls']]}); "
                     f"CPU {fmt(s['cpu_cores'], 2)} cores busy of 2 (other processes: {fmt(s['others_cores'], 2)} cores); index {fmt(s['index_mb'])} MB; "
                     f"{fmt(s['cpu_s_per_mb'], 3)} CPU s per MB, i.e. at most {fmt(s['mb_per_s_if_2_free_cores'])} MB/s on 2 free cores")
    if "progress_bar" in S:
        lines.append(f"progress bar on a TTY: {'ok' if S['progress_bar']['ok'] else 'MISSING PARTS'} — `{S['progress_bar']['sample']}`")
    if "queries_laws" in S:
        q = S["queries_laws"]
        lines.append(f"queries: {q['queries']} × {q['rounds']} rounds × {q['runs']} runs; max {fmt(q['max_ms'], 2)} ms; "
                     f"{fmt(q['qps_single_thread'], 0)} queries/s on one thread; errors: {len(q['errors'])}")
        cc = q.get("classes_cpu") or {}
        for cls, st in q["classes"].items():
            c = cc.get(cls, {})
            lines.append(f"  {cls:<20} wall p50 {st['p50_ms']:8.3f} ms  p99 {st['p99_ms']:8.3f} ms   CPU p50 {fmt(c.get('p50_ms'), 3)} ms  p99 {fmt(c.get('p99_ms'), 3)} ms")
    for name in ("laws", "seeds"):
        if f"server_{name}" in S:
            s = S[f"server_{name}"]
            lines.append(f"server {name}: {fmt(s['rps'], 0)} req/s, p50 {fmt(s['p50_ms'], 2)} ms, p99 {fmt(s['p99_ms'], 2)} ms, "
                         f"max {fmt(s['max_ms'], 1)} ms, {s['requests']} requests, {s['errors']} errors, server RSS {fmt(s['server_rss_mb'], 0)} MB; "
                         f"server CPU {fmt(s['server_cpu_ms_per_request'], 2)} ms/request, wrk {fmt(s['wrk_cpu_ms_per_request'], 2)} ms/request, "
                         f"other processes {fmt(s['others_cores'], 2)} cores -> at most {fmt(s.get('rps_if_2_free_cores'), 0)} req/s on 2 free cores")
    for name in ("laws", "seeds"):
        if f"serial_{name}" in S:
            sr = S[f"serial_{name}"]
            lines.append(f"server {name}, one connection ({sr['requests']} requests × {sr['rounds']} rounds × {sr['runs']} runs, medians; "
                         f"non-200: {len(sr['errors'])}):")
            for cls, st in sr["median"].items():
                if cls.endswith("*") or cls == "all":
                    lines.append(f"  {cls:<20} p50 {st['p50_ms']:8.2f} ms  p90 {st['p90_ms']:8.2f} ms  p99 {st['p99_ms']:8.2f} ms  max {st['max_ms']:8.2f} ms")
    if "cold" in S:
        lines.append(f"cold start: {json.dumps(S['cold'])}")
    if "growth" in S:
        lines.append("")
        lines.append("| corpus | source MB | docs | passages | index s | MB/s | CPU s/MB | peak RSS MB | index MB | index/text | query p50 ms | p99 ms | query CPU p50 ms | CPU p99 ms |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for g in S["growth"]:
            lines.append(f"| {g['corpus']} | {fmt(g['source_mb'], 2)} | {g['documents']} | {g['passages']} | {fmt(g['wall_s'], 2)} | "
                         f"{fmt(g['mb_per_s'])} | {fmt(g['cpu_s_per_mb'], 3)} | {fmt(g['max_rss_mb'], 0)} | {fmt(g['index_mb'])} | "
                         f"{fmt(g['index_ratio'], 2)} | {fmt(g['q_p50_ms'], 3)} | {fmt(g['q_p99_ms'], 3)} | {fmt(g['q_cpu_p50_ms'], 3)} | {fmt(g['q_cpu_p99_ms'], 3)} |")
    if "peers" in S:
        pe = S["peers"]
        il = S.get("index_laws", {})
        lines.append("")
        lines.append("| laws | plansearch | SQLite FTS5 trigram | ripgrep (no index) |")
        lines.append("|---|---|---|---|")
        lines.append(f"| build s | {fmt(il.get('wall_s'), 2)} | {fmt(pe['fts_build_s'], 2)} | 0 |")
        lines.append(f"| build peak RSS MB | {fmt(il.get('max_rss_mb'), 0)} | {fmt(pe['fts_build_rss_mb'], 0)} | — |")
        lines.append(f"| index MB | {fmt(il.get('index_mb'))} | {fmt(pe['fts_db_mb'])} | 0 |")
        lines.append(f"| literal query p50 ms | {fmt(pe['plansearch_p50_ms'], 3)} | {fmt(pe['fts_p50_ms'], 3)} | {fmt(pe['rg_p50_ms'], 1)} |")
        lines.append(f"| literal query p99 ms | {fmt(pe['plansearch_p99_ms'], 3)} | {fmt(pe['fts_p99_ms'], 3)} | {fmt(pe['rg_p99_ms'], 1)} |")
        lines.append(f"| literal query CPU p50 ms | {fmt(pe['plansearch_cpu_p50_ms'], 3)} | {fmt(pe['fts_cpu_p50_ms'], 3)} | {fmt(pe['rg_cpu_p50_ms'], 1)} |")
        for cls in ("phrase", "term", "char", "two"):
            a = (pe.get("plansearch_classes") or {}).get(cls, {})
            b = (pe.get("fts_classes") or {}).get(cls, {})
            c = (pe.get("rg_classes") or {}).get(cls, {})
            lines.append(f"| {cls} p50 ms | {fmt(a.get('p50_ms'), 3)} | {fmt(b.get('p50_ms'), 3)} | {fmt(c.get('p50_ms'), 1)} |")
            a = (pe.get("plansearch_classes_cpu") or {}).get(cls, {})
            b = (pe.get("fts_classes_cpu") or {}).get(cls, {})
            c = (pe.get("rg_classes_cpu") or {}).get(cls, {})
            lines.append(f"| {cls} CPU p50 ms | {fmt(a.get('p50_ms'), 3)} | {fmt(b.get('p50_ms'), 3)} | {fmt(c.get('p50_ms'), 1)} |")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(S, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "summary.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd = a[0]
    if cmd == "timev":
        print(json.dumps(timev(a[1])))
    elif cmd == "cpu":
        print(*cpu_line())
    elif cmd == "others":
        b0, t0 = map(int, a[1].split())
        b1, t1 = map(int, a[2].split())
        own = float(a[3])
        wall = (t1 - t0) / HZ / os.cpu_count()
        used = (b1 - b0) / HZ
        load1 = float(open("/proc/loadavg").read().split()[0])
        print(json.dumps({"busy_s": used, "own_s": own, "others_s": max(0.0, used - own),
                          "others_cores": max(0.0, used - own) / wall if wall else None, "load1": load1}))
    elif cmd == "busy":
        print(f"{busy(float(a[1]) if len(a) > 1 else 1.0):.0f}")
    elif cmd == "replicate":
        replicate(a[1], a[2], int(a[3]))
    elif cmd == "progress":
        progress(a[1])
    elif cmd == "benchexe":
        benchexe(a[1])
    elif cmd == "perfsum":
        perfsum(a[1])
    elif cmd == "freeport":
        freeport()
    elif cmd == "du":
        print(du(a[1]))
    elif cmd == "own":
        t = timev(a[1])
        print(t["user_s"] + t["sys_s"])
    elif cmd == "runline":
        t, r = timev(a[1]), load_json(a[2]) or {}
        mb = (r.get("bytes") or 0) / 1e6
        print(f"  run: {t['wall_s']:.2f} s, {mb / t['wall_s'] if t['wall_s'] else 0:.1f} MB/s, "
              f"{t['cpu_cores']:.2f} cores busy, max RSS {t['max_rss_mb']:.0f} MB")
    elif cmd == "sizejson":
        i = du(a[1])
        t = int((load_json(a[2]) or {}).get("bytes") or 0)
        print(json.dumps({"index_bytes": i, "text_bytes": t, "ratio": i / t if t else None}))
    elif cmd == "disturbed":
        d = load_json(a[1]) or {}
        sys.exit(0 if (d.get("others_cores") or 0) > float(a[2]) else 1)
    elif cmd == "textbytes":
        n = 0
        with open(a[1], encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    n += len(json.loads(line)["text"].encode())
        print(json.dumps({"fts_db_bytes": os.path.getsize(a[2]), "passages_text_bytes": n}))
    elif cmd == "summary":
        summary(a[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
