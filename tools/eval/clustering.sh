#!/bin/sh
# tools/eval/clustering.sh — `make eval` section for the place stage
# (tools/eval/clustering.c): story clustering on ECB+ (B-cubed P/R/F1 and the
# number of stories, online, in file order and two shuffled orders, with the
# B-cubed F1 between orders), threads against ECB+'s gold topics beside the
# stories unlinked, ablations, and a plain TF-IDF cosine
# average-linkage baseline whose threshold is picked on NeuS (and, for
# reference only, the best threshold on ECB+'s answers); then copies made
# from ECB+'s real articles (recall, false copies) and LSH against exact
# Jaccard; then the stories and threads of a store filled by the CLI
# (tools/eval/clustering_product.py). Needs ../shared (or $TIDINGS_SHARED).
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

# The same stories as a user gets them: ECB+ ingested into a fresh SQLite
# store by the CLI, in file order, read back with `stories --json`.
echo
echo "through the product (tidings ingest, tidings stories --json; SQLite store):"
[ -x "$B/tidings" ] || make -s B="$B" "$B/tidings" || exit 3
DB=build/eval/ecbplus-product.db
rm -f "$DB" "$DB-wal" "$DB-shm"
"$B/tidings" --db "$DB" ingest "$ECB/articles.jsonl" 2>&1 | tail -1
"$B/tidings" --db "$DB" stories --json > build/eval/ecbplus-product.json || exit 3
python3 tools/eval/clustering_product.py "$ECB/articles.jsonl" "$ECB/gold.jsonl" \
  build/eval/ecbplus-product.json
