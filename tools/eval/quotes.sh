#!/bin/sh
# tools/eval/quotes.sh — `make eval` section for the extract stage's quotes
# (tools/eval/quotes.c, tools/eval/paraphrase.c):
#   - PolNeAR train+dev: direct-quote spans P/R/F1 exact and at 50% overlap,
#     speaker accuracy on the quotes found;
#   - MSRP: td_quote_similar's threshold picked on the first half of the pairs,
#     accuracy and F1 on the second half, and at the library's TD_QUOTE_SAME;
#   - the seeds: every quote with its speaker, and the groups of one statement
#     quoted by several outlets.
# Needs ../shared (or $TIDINGS_SHARED).
set -u
cd "$(dirname "$0")/../.." || exit 3
B=${B:-build}
SHARED=${TIDINGS_SHARED:-../shared}
if [ ! -d "$SHARED/eval/quotes/polnear" ]; then echo "skipped: $SHARED/eval/quotes/polnear not found"; exit 0; fi
[ -f "$B/libtidings.a" ] || make -s B="$B" "$B/libtidings.a" || exit 3
mkdir -p build/eval
LIBS="$B/libtidings.a $(pkg-config --libs sqlite3 libxml-2.0 libutf8proc jansson libmicrohttpd zlib libxxhash) -lstemmer -lm -lpthread"
for t in quotes paraphrase; do
  # shellcheck disable=SC2086
  ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags jansson) \
    tools/eval/$t.c $LIBS -o build/eval/$t || exit 3
done
echo "-- PolNeAR (train: developed on; dev: held out; spans without marks, interrupted parts joined; see tools/eval/quotes.c)"
build/eval/quotes polnear "$SHARED/eval/quotes/polnear" || exit 1
if [ -d "$SHARED/eval/paraphrase/msrp" ]; then
  echo "-- MSRP (td_quote_sig_similar)"
  build/eval/paraphrase "$SHARED/eval/paraphrase/msrp" || exit 1
else
  echo "-- MSRP: skipped ($SHARED/eval/paraphrase/msrp not found)"
fi
if [ -d "$SHARED/seeds" ]; then
  echo "-- seeds: quotes (kind, speaker, cue, speaker phrase)"
  build/eval/quotes show "$SHARED"/seeds/*.txt || exit 1
  echo "-- seeds: one statement across outlets"
  build/eval/quotes group "$SHARED"/seeds/*.txt || exit 1
fi
