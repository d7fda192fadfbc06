#!/usr/bin/env bash
# Benchmarks plansearch on this machine and prints a summary (docs/benchmarks.md explains the
# method and holds the reference numbers).
#
#   bench/run.sh [LAWS_DIR] [OUT_DIR]
#
# LAWS_DIR  a folder of documents to index (default ../shared/bench/laws beside the repo)
# OUT_DIR   where indexes, raw results and summary.md go (default /tmp/plansearch-bench)
#
# Steps (BENCH_STEPS, default all, in this order):
#   index    build the laws index BENCH_RUNS times: MB/s, peak RSS, CPU use, index size; check the
#            progress bar on a TTY (script -qc)
#   queries  in-process query latency on the laws index (crates/index/benches/queries.rs)
#   server   `plansearch serve` + wrk, 32 connections, BENCH_WRK_SECONDS, laws and seeds indexes;
#            then one connection, one request at a time (bench/serial.py): p50/p99 per class
#   cold     fresh-process `plansearch search 无废城市` on the seeds index (hyperfine) + breakdown
#   growth   seeds → national reports → laws → laws ×BENCH_REPLICAS (copied into /tmp, then deleted)
#   peers    SQLite FTS5 (trigram) and ripgrep on the same passages and literal queries
#   profile  perf profiles of indexing, queries and cold start
#
# Knobs (environment): BENCH_STEPS, BENCH_RUNS (3), BENCH_EXTRA_RUNS (2: re-runs allowed when other
# processes disturbed a run), BENCH_ROUNDS (5), BENCH_WRK_SECONDS (30), BENCH_WRK_RUNS (3),
# BENCH_COLD_RUNS (30), BENCH_SERIAL_RUNS (3), BENCH_SERIAL_ROUNDS (5), BENCH_REPLICAS (10), BENCH_QUIET_PCT (15: wait until other processes use
# less than this % of all cores…), BENCH_QUIET_WAIT (…for at most this many seconds, 120),
# PLANSEARCH_BIN / PLANSEARCH_QUERY_BENCH (use these binaries, skip building), SEEDS_DIR,
# REPORTS_DIR. Every loop is bounded; servers listen on 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/bench"
T="$B/tools.py"
LAWS="${1:-$ROOT/../shared/bench/laws}"
OUT="${2:-${TMPDIR:-/tmp}/plansearch-bench}"
SEEDS="${SEEDS_DIR:-$ROOT/seeds}"
REPORTS="${REPORTS_DIR:-$ROOT/../shared/corpus/national-work-reports}"
STEPS="${BENCH_STEPS:-index queries server cold growth peers profile}"
RUNS="${BENCH_RUNS:-3}"
EXTRA_RUNS="${BENCH_EXTRA_RUNS:-2}"
ROUNDS="${BENCH_ROUNDS:-5}"
WRK_SECS="${BENCH_WRK_SECONDS:-30}"
WRK_RUNS="${BENCH_WRK_RUNS:-3}"
COLD_RUNS="${BENCH_COLD_RUNS:-30}"
SERIAL_RUNS="${BENCH_SERIAL_RUNS:-3}"
SERIAL_ROUNDS="${BENCH_SERIAL_ROUNDS:-5}"
REPLICAS="${BENCH_REPLICAS:-10}"
QUIET_PCT="${BENCH_QUIET_PCT:-15}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-120}"
COLD_QUERY="无废城市"

die() { echo "bench: $*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
want() { [[ " $STEPS " == *" $1 "* ]]; }

[[ -d "$LAWS" ]] || die "no folder $LAWS (usage: bench/run.sh [LAWS_DIR] [OUT_DIR])"
LAWS="$(cd "$LAWS" && pwd)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
echo "# $(date -u +%FT%TZ) bench/run.sh $* (steps: $STEPS)" >> "$OUT/load.log"

# ------------------------------------------------------------------ tools
declare -A PKG=([cargo]="rustup (https://rustup.rs)" [python3]="python3" [/usr/bin/time]="time" [curl]="curl"
  [wrk]="wrk" [sqlite3]="sqlite3" [rg]="ripgrep" [script]="bsdutils" [hyperfine]="hyperfine"
  [perf]="linux-perf" [strace]="strace")
have() { command -v "$1" >/dev/null 2>&1; }
missing=()
for tool in python3 /usr/bin/time curl; do
  have "$tool" || missing+=("$tool")
done
[[ -n "${PLANSEARCH_BIN:-}" ]] || have cargo || missing+=(cargo)
if ((${#missing[@]})); then
  for m in "${missing[@]}"; do echo "missing: $m — install: apt-get install -y ${PKG[$m]}" >&2; done
  die "required tools are missing"
fi
skip_step() { # step tool...
  local step=$1 t
  shift
  for t in "$@"; do
    if ! have "$t"; then
      echo "bench: step '$step' skipped: $t is missing (apt-get install -y ${PKG[$t]})" >&2
      STEPS="${STEPS//$step/}"
      return
    fi
  done
}
want server && skip_step server wrk
want peers && skip_step peers sqlite3 rg
want profile && { have perf && perf record -q -o /dev/null true >/dev/null 2>&1 || {
  echo "bench: step 'profile' skipped: perf is missing or not allowed (apt-get install -y linux-perf; sysctl kernel.perf_event_paranoid=1)" >&2
  STEPS="${STEPS//profile/}"; }; }
have script || echo "bench: no 'script' (apt-get install -y bsdutils): the progress bar is not checked" >&2
have hyperfine || echo "bench: no hyperfine (apt-get install -y hyperfine): cold start timed with a shell loop" >&2

# ------------------------------------------------------------------ machine, build
{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel: $(uname -r)"
  echo "rustc: $(rustc --version 2>/dev/null || echo '?')"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed files)"
  echo "laws: $LAWS"
} | tee "$OUT/machine.txt" >&2

if [[ -n "${PLANSEARCH_BIN:-}" ]]; then
  BIN="$PLANSEARCH_BIN"
else
  say "cargo build --release"
  (cd "$ROOT" && cargo build --release)
  BIN="$ROOT/target/release/plansearch"
fi
[[ -x "$BIN" ]] || die "no binary at $BIN"
QBIN="${PLANSEARCH_QUERY_BENCH:-}"
if [[ -z "$QBIN" ]] && { want queries || want growth || want peers || want cold || want profile; }; then
  say "cargo bench --no-run (crates/index/benches/queries.rs)"
  (cd "$ROOT" && cargo bench -p plansearch-index --bench queries --no-run --message-format=json-render-diagnostics) > "$OUT/bench-build.json"
  QBIN="$(python3 "$T" benchexe "$OUT/bench-build.json")"
fi
echo "binary: $BIN; query bench: ${QBIN:-none}" | tee -a "$OUT/machine.txt" >&2

# ------------------------------------------------------------------ helpers
SERVER_PID=""
REPLICA_DIR=""
SUB=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [[ -n "$REPLICA_DIR" && -d "$REPLICA_DIR" ]]; then rm -rf "$REPLICA_DIR"; fi
  if [[ -n "$SUB" && -d "$SUB" ]]; then rm -rf "$SUB"; fi
}
trap cleanup EXIT

# Waits (bounded) until other processes leave the cores alone; logs the load either way.
wait_quiet() {
  local label=$1 waited=0 b
  while :; do
    b=$(python3 "$T" busy 1)
    ((b <= QUIET_PCT || waited >= QUIET_WAIT)) && break
    sleep 4
    waited=$((waited + 5))
  done
  printf '%s %-34s load1=%s others_busy=%s%% waited=%ss\n' "$(date +%T)" "$label" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$b" "$waited" >> "$OUT/load.log"
}

# timed BASE CMD...: runs CMD under /usr/bin/time -v; BASE.time, BASE.json (stdout), BASE.err,
# BASE.cpu (CPU seconds other processes used meanwhile).
timed() {
  local base=$1 c0 c1 own
  shift
  c0=$(python3 "$T" cpu)
  if ! /usr/bin/time -v -o "$base.time" "$@" > "$base.json" 2> "$base.err"; then
    tail -5 "$base.err" >&2
    die "failed: $*"
  fi
  c1=$(python3 "$T" cpu)
  own=$(python3 "$T" own "$base.time")
  python3 "$T" others "$c0" "$c1" "$own" > "$base.cpu"
}

# disturbed BASE LIMIT: true when other processes used more than LIMIT cores during BASE.
disturbed() {
  python3 "$T" disturbed "$1.cpu" "$2"
}

# index_runs DIR INPUT...: builds DIR/idx until RUNS undisturbed runs (at most RUNS+EXTRA_RUNS).
index_runs() {
  local d=$1 n=0 good=0 runs=${INDEX_RUNS:-$RUNS}
  shift
  mkdir -p "$d"
  rm -f "$d"/run-*
  while ((good < runs && n < runs + EXTRA_RUNS)); do
    n=$((n + 1))
    rm -rf "$d/idx"
    wait_quiet "index $(basename "$d") #$n"
    timed "$d/run-$n" "$BIN" index "$@" --index "$d/idx" --json
    if disturbed "$d/run-$n" 0.35; then
      echo "  run $n disturbed by other processes ($(cat "$d/run-$n.cpu")); another run" >&2
    else
      good=$((good + 1))
    fi
    python3 "$T" runline "$d/run-$n.time" "$d/run-$n.json" >&2
  done
  python3 "$T" sizejson "$d/idx" "$d/run-$n.json" > "$d/size.json"
  echo "  index $(cat "$d/size.json")" >&2
}

# make_mix IDX DIR: the query mix for that index (bench/mix.py) in DIR.
make_mix() {
  "$BIN" facets --json --index "$1" > "$2/facets.json"
  python3 "$B/mix.py" "$B/queries.txt" "$2/facets.json" "$2/mix"
}

# query_runs IDX DIR ROUNDS RUNS: DIR/run-N.json from the in-process bench.
query_runs() {
  local idx=$1 d=$2 rounds=$3 runs=$4 n=0 good=0
  mkdir -p "$d"
  rm -f "$d"/run-*
  [[ -f "$d/mix/mix.tsv" ]] || make_mix "$idx" "$d"
  while ((good < runs && n < runs + EXTRA_RUNS)); do
    n=$((n + 1))
    wait_quiet "queries $(basename "$d") #$n"
    timed "$d/run-$n" "$QBIN" --index "$idx" --mix "$d/mix/mix.tsv" --rounds "$rounds" --warmup 1
    tail -1 "$d/run-$n.err" >&2
    if disturbed "$d/run-$n" 0.8; then echo "  run $n disturbed; another run" >&2; else good=$((good + 1)); fi
  done
}

# last_run DIR DEST: copies DIR's last query run (the undisturbed one, or the last try) to DEST.
last_run() {
  cp "$(ls "$1"/run-*.json | sort -V | tail -1)" "$2"
}

# ------------------------------------------------------------------ index (laws)
LAWS_IDX="$OUT/index/laws/idx"
if want index; then
  say "index $LAWS ($RUNS runs)"
  index_runs "$OUT/index/laws" "$LAWS"
  if have script; then
    rm -rf "$OUT/index/tty-idx"
    wait_quiet "index on a TTY"
    # A terminal 120 columns wide, as a person would have; the capture keeps every frame.
    script -qec "stty cols 120 rows 40 2>/dev/null; $(printf '%q ' /usr/bin/time -v -o "$OUT/index/tty.time" "$BIN" index "$LAWS" --index "$OUT/index/tty-idx")" \
      "$OUT/index/progress.typescript" < /dev/null > /dev/null || true
    python3 "$T" progress "$OUT/index/progress.typescript" > "$OUT/index/progress.json"
    echo "  progress bar: $(cat "$OUT/index/progress.json")" >&2
    rm -rf "$OUT/index/tty-idx"
  fi
elif [[ ! -f "$LAWS_IDX/manifest.json" ]] && { want queries || want server || want peers || want profile; }; then
  say "index $LAWS (once, for the other steps)"
  INDEX_RUNS=1 index_runs "$OUT/index/laws" "$LAWS"
fi

# The seeds index (server, cold start, growth).
SEEDS_IDX="$OUT/growth/seeds/idx"
if { want server || want cold; } && ! want growth && [[ ! -f "$SEEDS_IDX/manifest.json" ]]; then
  INDEX_RUNS=1 index_runs "$OUT/growth/seeds" "$SEEDS"
fi

# ------------------------------------------------------------------ queries (laws)
if want queries; then
  say "queries on the laws index: ~200 queries × $ROUNDS rounds × $RUNS runs"
  query_runs "$LAWS_IDX" "$OUT/queries/laws" "$ROUNDS" "$RUNS"
fi

# ------------------------------------------------------------------ growth
if want growth; then
  say "growth: seeds → national reports → laws → laws ×$REPLICAS"
  INDEX_RUNS=$RUNS index_runs "$OUT/growth/seeds" "$SEEDS"
  query_runs "$OUT/growth/seeds/idx" "$OUT/growth/seeds/q" 3 1
  last_run "$OUT/growth/seeds/q" "$OUT/growth/seeds/queries.json"
  if [[ -d "$REPORTS" ]]; then
    index_runs "$OUT/growth/reports" "$REPORTS"
    query_runs "$OUT/growth/reports/idx" "$OUT/growth/reports/q" 3 1
    last_run "$OUT/growth/reports/q" "$OUT/growth/reports/queries.json"
  else
    echo "  no $REPORTS: skipped" >&2
  fi
  mkdir -p "$OUT/growth/laws"
  if [[ -f "$OUT/index/laws/size.json" ]]; then
    cp "$OUT/index/laws"/run-* "$OUT/index/laws/size.json" "$OUT/growth/laws/"
  else
    index_runs "$OUT/growth/laws" "$LAWS"
    LAWS_IDX="$OUT/growth/laws/idx"
  fi
  query_runs "$LAWS_IDX" "$OUT/growth/laws/q" 3 1
  last_run "$OUT/growth/laws/q" "$OUT/growth/laws/queries.json"

  laws_kb=$(du -sk "$LAWS" | cut -f1)
  need_kb=$((laws_kb * REPLICAS * 4))
  free_kb=$(df -Pk /tmp | awk 'NR==2 {print $4}')
  df -h /tmp >&2
  if ((free_kb < need_kb)); then
    echo "  laws ×$REPLICAS skipped: /tmp has $((free_kb / 1024)) MB free, needs ~$((need_kb / 1024)) MB" >&2
  else
    REPLICA_DIR="$(mktemp -d /tmp/plansearch-laws-x$REPLICAS.XXXXXX)"
    python3 "$T" replicate "$LAWS" "$REPLICA_DIR" "$REPLICAS" >&2
    INDEX_RUNS=${BENCH_BIG_RUNS:-1} index_runs "$OUT/growth/laws-x10" "$REPLICA_DIR"
    df -h /tmp >&2
    query_runs "$OUT/growth/laws-x10/idx" "$OUT/growth/laws-x10/q" 3 1
    last_run "$OUT/growth/laws-x10/q" "$OUT/growth/laws-x10/queries.json"
    rm -rf "$REPLICA_DIR" "$OUT/growth/laws-x10/idx"
    REPLICA_DIR=""
  fi
fi

# ------------------------------------------------------------------ server
server_bench() { # NAME IDX
  local name=$1 idx=$2 d="$OUT/server/$1" port n
  mkdir -p "$d"
  rm -f "$d"/run-*
  make_mix "$idx" "$d"
  port=$(python3 "$T" freeport)
  "$BIN" serve --addr "127.0.0.1:$port" --index "$idx" > "$d/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" > "$d/healthz.json" 2>/dev/null && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null || die "server on $idx did not start ($d/server.log)"
  curl -fsS -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port$(head -1 "$d/mix/urls.txt")" > "$d/first-status.txt"
  BENCH_URLS="$d/mix/urls.txt" timeout 60 wrk -t2 -c32 -d5s -s "$B/wrk-search.lua" "http://127.0.0.1:$port" > "$d/warmup.wrk.txt"
  for n in $(seq 1 "$WRK_RUNS"); do
    wait_quiet "wrk $name #$n"
    s0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    c0=$(python3 "$T" cpu)
    BENCH_URLS="$d/mix/urls.txt" timeout $((WRK_SECS + 60)) /usr/bin/time -v -o "$d/run-$n.wrk.time" \
      wrk -t2 -c32 -d"${WRK_SECS}s" --timeout 5s --latency -s "$B/wrk-search.lua" "http://127.0.0.1:$port" > "$d/run-$n.wrk.txt"
    c1=$(python3 "$T" cpu)
    s1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    # CPU of the server and of wrk; what other processes took meanwhile.
    python3 "$T" others "$c0" "$c1" "$(python3 -c 'import os,sys; print((int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf("SC_CLK_TCK") + float(sys.argv[3]))' \
      "$s0" "$s1" "$(python3 "$T" own "$d/run-$n.wrk.time")")" > "$d/run-$n.cpu"
    python3 -c 'import os,sys; print("{\"server_cpu_s\": %.3f}" % ((int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf("SC_CLK_TCK")))' "$s0" "$s1" > "$d/run-$n.srvcpu.json"
    grep -E 'Requests/sec|WRK_JSON' "$d/run-$n.wrk.txt" | sed 's/^/  /' >&2
  done
  # One user: one keep-alive connection, one request at a time, p50/p99 per query class.
  wait_quiet "serial $name"
  python3 "$B/serial.py" "$d/mix/urls.tsv" "127.0.0.1:$port" --rounds "$SERIAL_ROUNDS" --runs "$SERIAL_RUNS" > "$d/serial.json"
  awk '/VmHWM/ {printf "{\"max_rss_mb\": %.1f}\n", $2/1024}' "/proc/$SERVER_PID/status" > "$d/rss.json"
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
if want server; then
  say "server: wrk -t2 -c32 -d${WRK_SECS}s × $WRK_RUNS on laws and seeds"
  server_bench laws "$LAWS_IDX"
  server_bench seeds "$SEEDS_IDX"
fi

# ------------------------------------------------------------------ cold start
if want cold; then
  say "cold start: $BIN search $COLD_QUERY --index $SEEDS_IDX"
  mkdir -p "$OUT/cold"
  rm -f "$OUT/cold"/*
  wait_quiet "cold start"
  search_cmd="$(printf '%q ' "$BIN" search "$COLD_QUERY" --index "$SEEDS_IDX")"
  if have hyperfine; then
    hyperfine -N --warmup 3 --runs "$COLD_RUNS" --export-json "$OUT/cold/hyperfine.json" \
      "$search_cmd" "$(printf '%q' "$BIN") --version" >&2
  else
    for _ in $(seq 1 "$COLD_RUNS"); do
      t0=$(date +%s%N); "$BIN" search "$COLD_QUERY" --index "$SEEDS_IDX" > /dev/null; t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000))
    done | python3 -c 'import sys,json,statistics; v=[int(l)/1000 for l in sys.stdin]; print(json.dumps({"search_median_ms": statistics.median(v), "search_runs": len(v)}))' > "$OUT/cold/loop.json"
  fi
  # Where the time goes, in-process: Engine::open, first searches, then the full dictionary load.
  for n in $(seq 1 10); do
    "$QBIN" --cold --index "$SEEDS_IDX" --query "$COLD_QUERY" > "$OUT/cold/harness-$n.json"
  done
  tail -1 "$OUT/cold/harness-10.json" >&2
  if have strace; then
    strace -f -c -o "$OUT/cold/strace.txt" "$BIN" search "$COLD_QUERY" --index "$SEEDS_IDX" > /dev/null
    head -12 "$OUT/cold/strace.txt" >&2
  fi
fi

# ------------------------------------------------------------------ peers
if want peers; then
  say "peers: SQLite FTS5 (trigram) and ripgrep, same passages and literal queries"
  P="$OUT/peers"
  mkdir -p "$P"
  rm -f "$P"/fts-build-* "$P"/plansearch-literal-*
  [[ -f "$OUT/queries/laws/mix/literals.tsv" ]] || { mkdir -p "$OUT/queries/laws"; make_mix "$LAWS_IDX" "$OUT/queries/laws"; }
  MIX="$OUT/queries/laws/mix"
  "$BIN" export --index "$LAWS_IDX" > "$P/export.jsonl"
  python3 "$B/peers.py" csv "$P/export.jsonl" "$P/passages.csv" > "$P/csv.json"
  cat > "$P/build.sql" <<'SQL'
CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, doc UNINDEXED, text, tokenize='trigram');
.mode csv
.import --skip 1 passages.csv p
INSERT INTO p(p) VALUES('optimize');
SQL
  for n in $(seq 1 "$RUNS"); do
    rm -f "$P/fts.db"
    wait_quiet "fts5 build #$n"
    (cd "$P" && /usr/bin/time -v -o "fts-build-$n.time" sqlite3 fts.db < build.sql)
    echo "  fts5 build: $(python3 "$T" timev "$P/fts-build-$n.time")" >&2
  done
  python3 "$T" textbytes "$P/export.jsonl" "$P/fts.db" > "$P/sizes.json"
  wait_quiet "fts5 queries"
  python3 "$B/peers.py" fts "$P/fts.db" "$MIX/literals.tsv" 5 > "$P/fts-queries.json"
  wait_quiet "rg queries"
  python3 "$B/peers.py" rg "$LAWS" "$MIX/literals.tsv" 3 > "$P/rg-queries.json"
  for n in $(seq 1 "$RUNS"); do
    wait_quiet "plansearch literal #$n"
    "$QBIN" --index "$LAWS_IDX" --mix "$MIX/mix-literal.tsv" --rounds "$ROUNDS" --warmup 1 > "$P/plansearch-literal-$n.json"
  done
  rm -f "$P/passages.csv"
fi

# ------------------------------------------------------------------ profile
if want profile; then
  say "profile (perf)"
  R="$OUT/profile"
  mkdir -p "$R"
  rm -rf "$R"/*
  # Indexing the laws: flat profile by thread and symbol (every sample, no call graph).
  wait_quiet "perf index"
  perf record -q -F 499 -o "$R/index.data" -- "$BIN" index "$LAWS" --index "$R/idx" > /dev/null 2>&1
  perf report -i "$R/index.data" --stdio --no-children --sort comm,dso,sym --percent-limit 0.05 > "$R/index-flat.txt" 2>/dev/null
  python3 "$T" perfsum "$R/index-flat.txt" > "$R/index-stages.json"
  # A part of the laws with call graphs, for inclusive time per function.
  SUB="$(mktemp -d /tmp/plansearch-subset.XXXXXX)"
  mapfile -d '' files < <(find "$LAWS" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.markdown' -o -name '*.text' \) -print0 | sort -z)
  for f in "${files[@]:0:400}"; do
    cp "$f" "$SUB/$(printf '%s' "${f#"$LAWS"/}" | tr '/' '_')"
  done
  perf record -q -F 299 --call-graph dwarf,32768 -o "$R/index-cg.data" -- "$BIN" index "$SUB" --index "$R/idx-sub" > /dev/null 2>&1 ||
    echo "  perf of indexing a subset failed" >&2
  perf report -i "$R/index-cg.data" --stdio --children --sort sym -g none --percent-limit 0.5 > "$R/index-children.txt" 2>/dev/null
  rm -rf "$SUB" "$R/idx-sub" "$R/idx"
  SUB=""
  # Queries on the laws index.
  MIX="$OUT/queries/laws/mix"
  [[ -f "$MIX/mix.tsv" ]] || { mkdir -p "$OUT/queries/laws"; make_mix "$LAWS_IDX" "$OUT/queries/laws"; }
  wait_quiet "perf queries"
  perf record -q -F 999 --call-graph dwarf,16384 -o "$R/query.data" -- "$QBIN" --index "$LAWS_IDX" --mix "$MIX/mix.tsv" --rounds 2 --warmup 0 > /dev/null 2>&1
  perf report -i "$R/query.data" --stdio --no-children --sort dso,sym --percent-limit 0.3 > "$R/query-flat.txt" 2>/dev/null
  perf report -i "$R/query.data" --stdio --children --sort sym -g none --percent-limit 0.5 > "$R/query-children.txt" 2>/dev/null
  # Cold start on the seeds index.
  if [[ -f "$SEEDS_IDX/manifest.json" ]]; then
    perf record -q -F 4999 --call-graph dwarf,16384 -o "$R/cold.data" -- sh -c \
      "for i in 1 2 3 4 5; do $(printf '%q ' "$BIN" search "$COLD_QUERY" --index "$SEEDS_IDX") > /dev/null; done" > /dev/null 2>&1
    perf report -i "$R/cold.data" --stdio --children --sort sym -g none --percent-limit 1 > "$R/cold-children.txt" 2>/dev/null
  fi
  rm -f "$R"/*.data
  echo "  profiles in $R (index-stages.json, *-children.txt, *-flat.txt)" >&2
fi

# ------------------------------------------------------------------ summary
say "summary ($OUT/summary.md; load during each measurement in $OUT/load.log)"
python3 "$T" summary "$OUT"
