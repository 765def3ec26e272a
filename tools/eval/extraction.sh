#!/bin/sh
# tools/eval/extraction.sh — `make eval` section for the clean stage:
#   1. main text (word 4-gram shingle P/R/F1, averaged per page) on the
#      Dragnet pages (human gold) and the Readability test pages (gold =
#      Readability's own output: for regressions and metadata only);
#   2. Mozilla Readability (npm @mozilla/readability + linkedom, node) on the
#      same Dragnet pages, side by side: F1 and pages/s;
#   3. plain libxml2 parsing of the same pages: the floor under our time;
#   4. publication dates on MediaCloud (share of pages right to the day).
# Dragnet is also scored by halves (half 0 tuned on, half 1 held out), and
# every speed is the best of three runs (Readability: two).
# Needs ../shared (or $TIDINGS_SHARED) and $B/libtidings.a; prints
# "skipped: why" for what is missing.
set -u
cd "$(dirname "$0")/../.." || exit 3
B=${B:-build}
SHARED=${TIDINGS_SHARED:-../shared}
EX=$SHARED/eval/extraction
OUT=build/eval/extraction
mkdir -p "$OUT"
if [ ! -d "$EX/dragnet" ]; then echo "skipped: $EX/dragnet not found"; exit 0; fi
[ -f "$B/libtidings.a" ] || make -s B="$B" "$B/libtidings.a" || exit 3
PKGS="sqlite3 libxml-2.0 libutf8proc jansson zlib libxxhash"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
  tools/eval/extraction.c "$B/libtidings.a" $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread \
  -o "$OUT/extraction" || exit 3

rate() { # rate TIMINGFILE -> "N pages/s, M MB/s"
  awk '{printf "%.0f pages/s, %.1f MB/s (%d pages, %.2f s)", $2 / $4, $6 / 1048576 / $4, $2, $4}' "$1"
}
secs() { awk '{print $4}' "$1"; }
# faster TIMEFILE CMD...: run CMD (output discarded) and keep in TIMEFILE the
# faster of its timing line and TIMEFILE's. The machine is shared: each
# speed is the best of a few runs, so the ratios compare like with like.
faster() {
  f=$1; shift
  "$@" >/dev/null 2>"$f.try" || return 0
  if [ ! -s "$f" ] || awk -v a="$(secs "$f.try")" -v b="$(secs "$f")" 'BEGIN{exit !(a < b)}'; then
    mv "$f.try" "$f"
  else
    rm -f "$f.try"
  fi
}

for set in dragnet readability; do
  echo "--- $set: main text$( [ $set = readability ] && echo ', title, byline, date (gold = Readability output)')"
  "$OUT/extraction" "$EX/$set" >"$OUT/$set.tidings.jsonl" 2>"$OUT/$set.tidings.time" || exit 3
  for i in 1 2; do faster "$OUT/$set.tidings.time" "$OUT/extraction" "$EX/$set"; done
  python3 tools/eval/extraction_score.py "$EX/$set/gold.jsonl" "$OUT/$set.tidings.jsonl" \
    --name tidings $( [ $set = readability ] && echo --meta)
  echo "tidings      $(rate "$OUT/$set.tidings.time")"
  if [ $set = dragnet ]; then # tuned on half 0, half 1 held out
    for h in 0 1; do
      python3 tools/eval/extraction_score.py "$EX/$set/gold.jsonl" "$OUT/$set.tidings.jsonl" \
        --name "tidings/h$h" --half $h
    done
  fi
done

echo "--- dragnet: side by side with Mozilla Readability and the libxml2 floor (best of 3 runs; Readability 2)"
"$OUT/extraction" "$EX/dragnet" --parse-only >/dev/null 2>"$OUT/dragnet.libxml2.time" || exit 3
for i in 1 2; do faster "$OUT/dragnet.libxml2.time" "$OUT/extraction" "$EX/dragnet" --parse-only; done
RD=tools/eval/readability
if command -v node >/dev/null 2>&1 && { [ -d "$RD/node_modules/@mozilla/readability" ] ||
     (cd "$RD" && npm install --no-audit --no-fund >/dev/null 2>&1); }; then
  node "$RD/run.mjs" "$EX/dragnet" >"$OUT/dragnet.readability.jsonl" 2>"$OUT/dragnet.readability.time"
  faster "$OUT/dragnet.readability.time" node "$RD/run.mjs" "$EX/dragnet"
  python3 tools/eval/extraction_score.py "$EX/dragnet/gold.jsonl" "$OUT/dragnet.readability.jsonl" \
    --name readability
  for h in 0 1; do
    python3 tools/eval/extraction_score.py "$EX/dragnet/gold.jsonl" "$OUT/dragnet.readability.jsonl" \
      --name "readab./h$h" --half $h
  done
  echo "readability  $(rate "$OUT/dragnet.readability.time")"
  RT=$(secs "$OUT/dragnet.readability.time")
else
  echo "readability  skipped: node or npm @mozilla/readability + linkedom not available"
  RT=
fi
echo "libxml2      $(rate "$OUT/dragnet.libxml2.time") (htmlReadMemory only)"
TT=$(secs "$OUT/dragnet.tidings.time")
LT=$(secs "$OUT/dragnet.libxml2.time")
awk -v t="$TT" -v l="$LT" -v r="$RT" 'BEGIN {
  printf "ratios       tidings time / libxml2 parse time = %.2f", t / l;
  if (r != "") printf "; tidings speed / Readability speed = %.1fx", r / t;
  printf "\n" }'

DT=$SHARED/eval/dates/mediacloud
if [ -d "$DT" ]; then
  echo "--- mediacloud: publication dates"
  "$OUT/extraction" "$DT" >"$OUT/mediacloud.tidings.jsonl" 2>"$OUT/mediacloud.time" || exit 3
  python3 tools/eval/extraction_score.py "$DT/gold.jsonl" "$OUT/mediacloud.tidings.jsonl" \
    --name tidings --only-meta
else
  echo "--- mediacloud: skipped: $DT not found"
fi
