#!/usr/bin/env bash
# Growth from one corpus to the same corpus ×N, with SQLite FTS5 (trigram) in the same run:
# for the laws and for the laws copied N times, index (wall, CPU, peak RSS, size), serve and
# measure one connection per class (bench/serial.py), build the FTS5 peer from the same passages
# and run the same literal queries on it (bench/peers.py fts); for the largest corpus, also
# check the OpenSearch and Quickwit exports (every line JSON, one document per passage).
#
#   bench/scale.sh [LAWS_DIR] [OUT_DIR]
#
# Knobs: SCALE_REPLICAS (10), SCALE_SERIAL_RUNS (2), SCALE_SERIAL_ROUNDS (3), SCALE_FTS_ROUNDS
# (laws 3, the copies 1), SCALE_PEERS (1; 0 skips FTS5), PLANSEARCH_BIN (skip building).
# Results: OUT_DIR/{laws,laws-xN}/{index.time,size.txt,serial.json,fts-*.json,export.json} and
# OUT_DIR/summary.txt. The copies are deleted at the end; servers listen on 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/bench"
LAWS="$(cd "${1:-$ROOT/../shared/bench/laws}" && pwd)"
OUT="${2:-${TMPDIR:-/tmp}/plansearch-scale}"
N="${SCALE_REPLICAS:-10}"
RUNS="${SCALE_SERIAL_RUNS:-2}"
ROUNDS="${SCALE_SERIAL_ROUNDS:-3}"
PEERS="${SCALE_PEERS:-1}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
if [[ -z "${PLANSEARCH_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build --release -q)
  PLANSEARCH_BIN="$ROOT/target/release/plansearch"
fi
BIN="$PLANSEARCH_BIN"
COPIES=""
SERVER=""
cleanup() {
  [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true
  [[ -n "$COPIES" ]] && rm -rf "$COPIES"
}
trap cleanup EXIT

# measure NAME DIR FTS_ROUNDS: everything for one corpus.
measure() {
  local name=$1 dir=$2 fts_rounds=$3 d="$OUT/$1" port=$((7900 + RANDOM % 90))
  mkdir -p "$d"
  rm -rf "$d/idx"
  echo "== $name: index ($(uptime))" >&2
  /usr/bin/time -v -o "$d/index.time" "$BIN" index "$dir" --index "$d/idx" > "$d/index.out"
  echo "text $(du -sb "$dir" --apparent-size -L | cut -f1) index $(du -sb "$d/idx" | cut -f1)" > "$d/size.txt"
  "$BIN" facets --json --index "$d/idx" > "$d/facets.json"
  python3 "$B/mix.py" "$B/queries.txt" "$d/facets.json" "$d/mix" >&2
  echo "== $name: serve + one connection ($(uptime))" >&2
  "$BIN" serve --index "$d/idx" --addr "127.0.0.1:$port" > "$d/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
    sleep 0.2
  done
  python3 "$B/serial.py" "$d/mix/urls.tsv" "127.0.0.1:$port" --rounds "$ROUNDS" --runs "$RUNS" > "$d/serial.json" 2> "$d/serial.txt"
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  if [[ "$PEERS" == 1 ]]; then
    echo "== $name: FTS5 peer ($(uptime))" >&2
    "$BIN" export --index "$d/idx" > "$d/export.jsonl"
    python3 "$B/peers.py" csv "$d/export.jsonl" "$d/passages.csv" > /dev/null
    rm -f "$d/fts.db"
    (cd "$d" && /usr/bin/time -v -o fts-build.time sqlite3 fts.db <<'SQL'
CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, doc UNINDEXED, text, tokenize='trigram');
.mode csv
.import --skip 1 passages.csv p
INSERT INTO p(p) VALUES('optimize');
SQL
    )
    echo "fts5 $(du -sb "$d/fts.db" | cut -f1)" >> "$d/size.txt"
    python3 "$B/peers.py" fts "$d/fts.db" "$d/mix/literals.tsv" "$fts_rounds" > "$d/fts-queries.json"
    rm -f "$d/passages.csv" "$d/export.jsonl" "$d/fts.db"
  fi
}

# exports NAME: the OpenSearch and Quickwit exports of NAME's index, checked line by line.
exports() {
  local d="$OUT/$1"
  echo "== $1: exports ($(uptime))" >&2
  local passages
  passages=$(grep -o '[0-9]* passages' "$d/index.out" | grep -o '[0-9]*')
  {
    for format in opensearch quickwit; do
      /usr/bin/time -f "%e %M" -o "$d/export-$format.time" "$BIN" export --format "$format" --index "$d/idx" |
        python3 -c '
import json, sys
lines = docs = 0
for line in sys.stdin:
    obj = json.loads(line)
    lines += 1
    docs += 0 if ("index" in obj and len(obj) == 1) else 1
print(json.dumps({"format": sys.argv[1], "lines": lines, "documents": docs}))
' "$format"
      echo "{\"format\": \"$format\", \"seconds_rss_kb\": \"$(cat "$d/export-$format.time")\"}"
    done
    echo "{\"passages\": $passages}"
  } > "$d/export.json"
}

measure laws "$LAWS" 3
COPIES="$(mktemp -d "/tmp/plansearch-laws-x$N.XXXXXX")"
python3 "$B/tools.py" replicate "$LAWS" "$COPIES" "$N" >&2
measure "laws-x$N" "$COPIES" 1
exports "laws-x$N"
rm -rf "$COPIES"
COPIES=""

{
  for name in laws "laws-x$N"; do
    d="$OUT/$name"
    echo "## $name"
    cat "$d/size.txt"
    grep -E "Elapsed|User time|System time|Maximum resident" "$d/index.time" | sed 's/^\s*/index: /'
    [[ -f "$d/fts-build.time" ]] && grep -E "Elapsed|Maximum resident" "$d/fts-build.time" | sed 's/^\s*/fts5 build: /'
    grep -E "^(common|common\*|all|phrase\*|term\*|char\*|two\*|syntax\*) " "$d/serial.txt" || true
    [[ -f "$d/fts-queries.json" ]] && python3 - "$d/fts-queries.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k, v in sorted(d["classes"].items()):
    print("fts5 %s: p50 %.2f ms p99 %.2f ms" % (k, v["p50_ms"], v["p99_ms"]))
print("fts5 all: p50 %.2f ms p99 %.2f ms" % (d["all"]["p50_ms"], d["all"]["p99_ms"]))
PY
    [[ -f "$d/export.json" ]] && cat "$d/export.json"
  done
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
