#!/usr/bin/env bash
# Load and abuse test of `plansearch serve`, on loopback only and bounded in time.
#
#   bench/load/run.sh            # 64 connections for 60 s after a 120 s warm-up
#   DURATION=30 CONNECTIONS=32 bench/load/run.sh
#
# Builds the seeds index into a temporary folder, starts target/release/plansearch serve on
# 127.0.0.1:$PORT, warms it up, then runs wrk with requests.lua (about 40 request paths: good
# searches, filters, bad quotes, huge limits, bad offsets, %FF encodings, over-long queries,
# unknown routes, path traversal, unknown passages, a POST). Reports requests/s, statuses, 5xx,
# socket errors and the server's resident memory (VmRSS) after the warm-up and at the end, and
# stops the server. Exit status 1 if there was any 5xx, any socket error, or RSS grew over 10%.
# Needs wrk (apt-get install -y wrk) and curl. Logs in target/load/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PORT="${PORT:-18473}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-120}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
BIN="${BIN:-target/release/plansearch}"
out="target/load"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -x "$BIN" ] || cargo build --release --bin plansearch

index="$(mktemp -d)/index"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    rm -rf "$(dirname "$index")"
}
trap cleanup EXIT

"$BIN" index seeds --index "$index" >"$out/index.log" 2>&1
"$BIN" serve --addr "127.0.0.1:$PORT" --index "$index" >"$out/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$out/server.log" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }
passage_id=$(curl -fsS "$base/api/search?q=%E6%97%A0%E5%BA%9F%E5%9F%8E%E5%B8%82&limit=1" |
    grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
export PASSAGE_ID="$passage_id"
rss_cold=$(rss_kb)

echo "==> warm-up: ${WARMUP}s, $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/load/requests.lua "$base" >"$out/warmup.log" 2>&1
sleep 1
rss_start=$(rss_kb)

echo "==> load: ${DURATION}s, $CONNECTIONS connections, $THREADS wrk threads"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/load/requests.lua "$base" \
    | tee "$out/wrk.log"
sleep 1
rss_end=$(rss_kb)
alive=yes
kill -0 "$server" 2>/dev/null || alive=no
health=$(curl -fsS "$base/healthz" 2>/dev/null || echo "no answer")

requests=$(awk '/^REQUESTS/ {print $2}' "$out/wrk.log")
duration_us=$(awk '/^REQUESTS/ {print $4}' "$out/wrk.log")
fivexx=$(awk '/^STATUS 5/ {n += $3} END {print n + 0}' "$out/wrk.log")
errors=$(grep '^ERRORS' "$out/wrk.log")
socket_errors=$(echo "$errors" | grep -o -E '(connect|read|write|timeout)=[0-9]+' | cut -d= -f2 | paste -sd+ | bc)
rps=$(echo "scale=1; $requests * 1000000 / $duration_us" | bc)
growth=$(echo "scale=1; ($rss_end - $rss_start) * 100 / $rss_start" | bc)
panics=$(grep -c -i 'panicked' "$out/server.log" || true)

echo
echo "requests:        $requests in $(echo "scale=1; $duration_us / 1000000" | bc) s ($rps req/s)"
echo "statuses:        $(awk '/^STATUS/ {printf "%s×%s ", $2, $3}' "$out/wrk.log")"
echo "5xx:             $fivexx"
echo "socket errors:   $socket_errors ($errors)"
echo "RSS:             cold ${rss_cold} kB, after warm-up ${rss_start} kB, end ${rss_end} kB (${growth}%)"
echo "server panics:   $panics; alive after the run: $alive; /healthz: $health"

fail=0
[ "$fivexx" -eq 0 ] || { echo "FAIL: $fivexx responses were 5xx" >&2; fail=1; }
[ "$socket_errors" -eq 0 ] || { echo "FAIL: $socket_errors socket errors" >&2; fail=1; }
[ "$(echo "$growth <= 10" | bc)" -eq 1 ] || { echo "FAIL: RSS grew ${growth}%" >&2; fail=1; }
[ "$alive" = yes ] || { echo "FAIL: the server died" >&2; fail=1; }
[ "$panics" -eq 0 ] || { echo "FAIL: the server log shows panics" >&2; fail=1; }
exit "$fail"
