#!/usr/bin/env bash
# bench/bench_extract.sh — articles per second of the extract stage (entities,
# quotes, dates) beside tokenising alone, on a generated corpus, in one run
# (a section of bench/run.sh; see bench/bench_extract.c). BENCH_EXTRACT_N
# articles (default 5000) of bench/gencorpus.c's deterministic corpus.
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
CC=${CC:-cc}
N=${BENCH_EXTRACT_N:-5000}
BIN=build/bench/bin
if [ ! -f "$B/libtidings.a" ]; then
  echo "skipped: $B/libtidings.a is not built (run: make B=$B)"
  exit 0
fi
mkdir -p "$BIN" build/bench || exit 3
if [ ! -x "$BIN/gencorpus_x" ] || [ bench/gencorpus.c -nt "$BIN/gencorpus_x" ]; then
  $CC -std=c11 -D_GNU_SOURCE -O2 -o "$BIN/gencorpus_x" bench/gencorpus.c ||
    { echo "error: cannot build bench/gencorpus.c"; exit 3; }
fi
if [ ! -x "$BIN/bench_extract" ] || [ bench/bench_extract.c -nt "$BIN/bench_extract" ] ||
  [ "$B/libtidings.a" -nt "$BIN/bench_extract" ]; then
  # shellcheck disable=SC2046
  $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iinclude -Isrc -o "$BIN/bench_extract" \
    bench/bench_extract.c "$B/libtidings.a" $(pkg-config --cflags --libs jansson libutf8proc) \
    -lstemmer -lm || { echo "error: cannot build bench/bench_extract.c"; exit 3; }
fi
corpus=build/bench/extract-$N.jsonl
if [ ! -s "$corpus" ] || [ "$BIN/gencorpus_x" -nt "$corpus" ]; then
  "$BIN/gencorpus_x" "$N" 1 >"$corpus" || { echo "error: gencorpus failed"; exit 3; }
fi
"$BIN/bench_extract" "$corpus" "$N"
