#!/bin/sh
# tools/eval/clustering.sh — `make eval` section for the place stage
# (tools/eval/clustering.c): story clustering on ECB+ (B-cubed P/R/F1 and the
# number of stories, online, in file order and two shuffled orders, with the
# B-cubed F1 between orders), threads against ECB+'s gold topics beside the
# stories unlinked, ablations, and a plain TF-IDF cosine
# average-linkage baseline whose threshold is picked on NeuS (and, for
# reference only, the best threshold on ECB+'s answers); then copies made
# from ECB+'s real articles (recall, false copies) and LSH against exact
# Jaccard. Needs ../shared (or $TIDINGS_SHARED).
set -u
cd "$(dirname "$0")/../.." || exit 3
B=${B:-build}
SHARED=${TIDINGS_SHARED:-../shared}
ECB=$SHARED/eval/clustering/ecbplus
if [ ! -d "$ECB" ]; then echo "skipped: $ECB not found"; exit 0; fi
[ -f "$B/libtidings.a" ] || make -s B="$B" "$B/libtidings.a" || exit 3
mkdir -p build/eval
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags jansson libxxhash) \
  tools/eval/clustering.c "$B/libtidings.a" \
  $(pkg-config --libs sqlite3 libxml-2.0 libutf8proc jansson libmicrohttpd zlib libxxhash) \
  -lstemmer -lm -lpthread -o build/eval/clustering || exit 3
DEV=""
[ -d "$SHARED/eval/summaries/neus" ] && DEV="--dev $SHARED/eval/summaries/neus"
# shellcheck disable=SC2086
build/eval/clustering $DEV --copies "$ECB"
