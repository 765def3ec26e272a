#!/usr/bin/env bash
# bench/bench_place.sh — placement (copies, stories, threads) throughput at
# 10k, 100k and 1M generated articles with the candidate index, the rate per
# tenth of the stream (flat = cost per article does not grow with the store)
# and memory per article, beside the brute-force baseline (every story scored
# for every article) on the smallest size. See bench/bench_place.c.
# BENCH_PLACE_SIZES overrides the sizes (default "10000 100000 1000000").
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
CC=${CC:-cc}
BIN=$B/bench/bin # per build dir, so two builds never share a binary
if [ ! -f "$B/libtidings.a" ]; then
  echo "skipped: $B/libtidings.a is not built (run: make B=$B)"
  exit 0
fi
mkdir -p "$BIN" || exit 3
if [ ! -x "$BIN/bench_place" ] || [ bench/bench_place.c -nt "$BIN/bench_place" ] ||
  [ "$B/libtidings.a" -nt "$BIN/bench_place" ]; then
  # shellcheck disable=SC2046
  $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iinclude -Isrc -o "$BIN/bench_place" \
    bench/bench_place.c "$B/libtidings.a" \
    $(pkg-config --libs sqlite3 libxml-2.0 libutf8proc jansson libmicrohttpd zlib libxxhash) \
    -lstemmer -lm -lpthread || { echo "error: cannot build bench/bench_place.c"; exit 3; }
fi
sizes=${BENCH_PLACE_SIZES:-10000 100000 1000000}
first=""
for n in $sizes; do
  "$BIN/bench_place" "$n" || exit 3
  [ -z "$first" ] && first=$n
done
"$BIN/bench_place" "$first" --brute || exit 3
