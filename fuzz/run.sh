#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, in-process (one core; the machine is shared), with seed
# corpora made from the repository's documents, and prints executions, coverage and crashes.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      default: 60 s, every target
#
# Needs `cargo install cargo-fuzz`. On a stable toolchain RUSTC_BOOTSTRAP=1 lets cargo-fuzz use
# the nightly flags it needs. Set SANITIZER=none if AddressSanitizer is unavailable.
# FUZZ_ARGS adds libFuzzer options, e.g. FUZZ_ARGS="-fork=1 -ignore_crashes=1" to go on past a
# known crash. Crashes land in fuzz/artifacts/TARGET/; logs in fuzz/logs/TARGET.log.
# Reproduce one: cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
secs="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(decode passages formats query)
export RUSTC_BOOTSTRAP=1
sanitizer="${SANITIZER:-address}"

seed() {
    local t="$1" dir="corpus/$1"
    mkdir -p "$dir"
    case "$t" in
        decode | passages)
            # Pieces of the seed documents (≈4 KiB each, cut on line ends), in UTF-8 and GBK.
            for f in ../seeds/*.txt; do
                split -C 4096 -d "$f" "$dir/$(basename "$f" .txt)-"
            done
            if [ "$t" = decode ] && command -v iconv >/dev/null; then
                iconv -f UTF-8 -t GBK "$dir/000_1a100416ab643aa2-00" >"$dir/gbk-00" 2>/dev/null || true
            fi
            ;;
        formats)
            # The two 300 KB PDFs would slow every execution down to a few per second.
            cp ../tests/fixtures/formats/*.{docx,html} ../tests/fixtures/formats/{figure,scanned}.pdf "$dir/"
            head -c 4096 ../seeds/000_1a100416ab643aa2.txt >"$dir/text"
            ;;
        query)
            grep -o '^q = ".*"' ../tests/fixtures/queries.toml | sed 's/^q = "//; s/"$//' | nl -ba -w1 -s' ' |
                while read -r n q; do printf '%s' "$q" >"$dir/judged-$n"; done
            printf '%s' '无废城市 "十四五期间" -养老 数字经济 OR 数字化 sector:生态环境篇 year:2016..2025' >"$dir/all"
            printf '%s' '“无废城市” keyword:"加快 发展" department:教育局 doc:yk-2021-work-report' >"$dir/quoted"
            printf '%s' 'year:..2020 未来社区 -田川 「五金」' >"$dir/range"
            ;;
    esac
}

# Longest input per target: whole DOCX/PDF fixtures for formats, short strings for queries.
max_len() {
    case "$1" in
        formats) echo 65536 ;;
        query) echo 512 ;;
        *) echo 16384 ;;
    esac
}

mkdir -p logs
for t in "${targets[@]}"; do
    [ -d "corpus/$t" ] || seed "$t"
    echo "==> $t for ${secs}s"
    cargo fuzz run --sanitizer "$sanitizer" "$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -print_final_stats=1 ${FUZZ_ARGS:-} >"logs/$t.log" 2>&1 || echo "    (exit $?: see fuzz/logs/$t.log)"
    grep -E '^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "logs/$t.log" | sed 's/^/    /' || true
    grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' "logs/$t.log" | tail -1 | sed 's/^/    final /' || true
    crashes=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
    echo "    artifacts (crashes, timeouts, OOMs): $crashes"
done
