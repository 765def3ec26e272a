#!/usr/bin/env bash
# bench/bench_synth.sh — the synthesis report of a generated 200-article story
# (summary, consensus, unique, conflicts) beside reading the same 200 articles
# from the store, in one run (a section of bench/run.sh; see bench/bench_synth.c).
# BENCH_SYNTH_N sets the story size (default 200).
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
CC=${CC:-cc}
BIN=build/bench/bin
if [ ! -f "$B/libtidings.a" ]; then
  echo "skipped: $B/libtidings.a is not built (run: make B=$B)"
  exit 0
fi
mkdir -p "$BIN" build/bench || exit 3
PKGS="sqlite3 libxml-2.0 libutf8proc jansson libmicrohttpd zlib libxxhash"
if [ ! -x "$BIN/bench_synth" ] || [ bench/bench_synth.c -nt "$BIN/bench_synth" ] ||
  [ "$B/libtidings.a" -nt "$BIN/bench_synth" ]; then
  # shellcheck disable=SC2046
  $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iinclude -o "$BIN/bench_synth" \
    bench/bench_synth.c "$B/libtidings.a" $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread ||
    { echo "error: cannot build bench/bench_synth.c"; exit 3; }
fi
DB=build/bench/synth.db
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN/bench_synth" "$DB" -n "${BENCH_SYNTH_N:-200}"
