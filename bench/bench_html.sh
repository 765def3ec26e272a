#!/bin/sh
# bench/bench_html.sh — HTML and WARC.gz ingest (read + clean) on the Dragnet
# pages, beside plain libxml2 parsing and plain gzip decoding of the same bytes.
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
SHARED=${TIDINGS_SHARED:-../shared}
DIR=$SHARED/eval/extraction/dragnet
[ -d "$DIR" ] || { echo "skipped: $DIR not found"; exit 0; }
[ -f "$B/libtidings.a" ] || make -s B="$B" "$B/libtidings.a" || exit 3
PKGS="sqlite3 libxml-2.0 libutf8proc jansson zlib libxxhash"
mkdir -p build/bench
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags $PKGS) bench/bench_html.c \
  "$B/libtidings.a" $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread -o build/bench/bench_html || exit 3
show() { # lines "NAME pages N seconds S bytes B" -> rates and the ratio of line 1 to line 2
  awk '{ n[NR] = $1; t[NR] = $5; printf "%-14s %6.0f pages/s %7.1f MB/s (%d pages, %.2f s)\n", $1, $3 / $5, $7 / 1048576 / $5, $3, $5 }
       END { printf "ratio          %s time / %s time = %.2f\n", n[1], n[2], t[1] / t[2] }'
}
build/bench/bench_html html "$DIR" | show
[ -f build/bench/dragnet.warc.gz ] || build/bench/bench_html mkwarc "$DIR" build/bench/dragnet.warc.gz
build/bench/bench_html warc build/bench/dragnet.warc.gz | show
