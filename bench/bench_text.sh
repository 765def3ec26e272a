#!/usr/bin/env bash
# bench/bench_text.sh — throughput of the normalise stage (UTF-8 validation,
# repair, NFC, fold, tokens, sentences, stems) beside a byte loop over the same
# text, in one run (a section of bench/run.sh; see bench/bench_text.c).
#
# Input: the seed articles ($TIDINGS_SHARED/seeds, default ../shared/seeds)
# when present, else the example corpus's plain-text articles, repeated to
# BENCH_TEXT_MB megabytes (default 8).
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
CC=${CC:-cc}
MB=${BENCH_TEXT_MB:-8}
BIN=build/bench/bin
SHARED=${TIDINGS_SHARED:-../shared}

if [ ! -f "$B/libtidings.a" ]; then
  echo "skipped: $B/libtidings.a is not built (run: make B=$B)"
  exit 0
fi
mkdir -p "$BIN" || exit 3
if [ ! -x "$BIN/bench_text" ] || [ bench/bench_text.c -nt "$BIN/bench_text" ] ||
  [ "$B/libtidings.a" -nt "$BIN/bench_text" ]; then
  # shellcheck disable=SC2046
  $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iinclude -Isrc -o "$BIN/bench_text" \
    bench/bench_text.c "$B/libtidings.a" $(pkg-config --libs libutf8proc) -lstemmer ||
    { echo "error: cannot build bench/bench_text.c"; exit 3; }
fi

shopt -s nullglob
inputs=("$SHARED"/seeds/*.txt)
what="the seeds in $SHARED/seeds"
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(examples/text/*.txt examples/text/*/*.txt)
  what="examples/text"
fi
if [ ${#inputs[@]} -eq 0 ]; then
  echo "skipped: no plain-text articles (neither $SHARED/seeds nor examples/text)"
  exit 0
fi
echo "text: $what, repeated to $MB MB; best of 3; 'x baseline' = time / byte loop's time"
"$BIN/bench_text" -m "$MB" "${inputs[@]}"
