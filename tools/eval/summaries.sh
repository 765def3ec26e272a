#!/bin/sh
# tools/eval/summaries.sh — `make eval` section for the synthesise stage's
# summary on NeuS (../shared/eval/summaries/neus): ROUGE-1/2/L F1 of tidings'
# multi-source summary against the reference, beside the lead and centroid
# baselines computed in the same run on the same sentences (see
# tools/eval/summaries.c for the scorer's tokenisation and stemming).
# Every system gets 3 sentences (lead-3 is the usual NeuS baseline), then a
# budget of 77 words (whole sentences; the references' mean) so the systems
# are also compared at about equal length; set SUMMARY_LEN="--words 60" (or
# another budget) for one run at that budget only,
# SUMMARY_PART=even or odd to score every other cluster only (a dev/test
# split: design on one half, report the other). Without SUMMARY_LEN, the
# systems are also compared at 5 sentences and at 50, 100 and 130 words.
# After each run, a paired
# bootstrap (clusters resampled with replacement, 2000 times, fixed seed)
# gives the 95% interval of tidings' mean ROUGE minus each baseline's
# (BOOTSTRAP=0 to skip; needs python3).
set -u
cd "$(dirname "$0")/../.." || exit 3
B=${B:-build}
SHARED=${TIDINGS_SHARED:-../shared}
NEUS=$SHARED/eval/summaries/neus
OUT=build/eval/summaries
if [ ! -f "$NEUS/gold.jsonl" ]; then echo "skipped: $NEUS not found"; exit 0; fi
mkdir -p "$OUT"
# Paired bootstrap over the clusters of one --out file: is tidings' lead
# over a baseline more than the luck of which clusters were drawn?
bootstrap() {
  [ "${BOOTSTRAP:-1}" = 0 ] && return 0
  command -v python3 >/dev/null 2>&1 || { echo "bootstrap: skipped (no python3)"; return 0; }
  python3 - "$1" <<'PY'
import json, random, sys
f = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    f.setdefault(r["cluster"], {})[r["system"]] = r["f"]
ids = [c for c in f if "tidings" in f[c]]
rng = random.Random(20240601)
draws = [[rng.randrange(len(ids)) for _ in ids] for _ in range(2000)]
for base in ("lead", "centroid"):
    out = []
    for x, name in enumerate(("R1", "R2", "RL")):
        d = [f[c]["tidings"][x] - f[c][base][x] for c in ids]
        means = sorted(sum(d[i] for i in dr) / len(d) for dr in draws)
        out.append("%s %+.4f [%+.4f, %+.4f]" % (name, sum(d) / len(d), means[49], means[1949]))
    print("bootstrap tidings - %-8s %s" % (base, "  ".join(out)))
PY
}
[ -f "$B/libtidings.a" ] || make -s B="$B" "$B/libtidings.a" || exit 3
PKGS="sqlite3 libxml-2.0 libutf8proc jansson zlib libxxhash"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
  tools/eval/summaries.c "$B/libtidings.a" $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread \
  -o "$OUT/summaries" || exit 3
"$OUT/summaries" --selftest || exit 3
# shellcheck disable=SC2086
"$OUT/summaries" "$NEUS/articles.jsonl" "$NEUS/gold.jsonl" ${SUMMARY_LEN:---sentences 3} \
  ${SUMMARY_PART:+--part $SUMMARY_PART} --out "$OUT/neus${SUMMARY_PART:+-$SUMMARY_PART}.jsonl" || exit 3
echo "(per-cluster summaries and scores: $OUT/neus${SUMMARY_PART:+-$SUMMARY_PART}.jsonl)"
bootstrap "$OUT/neus${SUMMARY_PART:+-$SUMMARY_PART}.jsonl"
# Equal length: ROUGE F1 moves with summary length, and three sentences give
# each system a different number of words, so score once more with every
# system under one word budget, about the references' mean length.
if [ -z "${SUMMARY_LEN:-}" ]; then
  echo
  "$OUT/summaries" "$NEUS/articles.jsonl" "$NEUS/gold.jsonl" --words 77 \
    ${SUMMARY_PART:+--part $SUMMARY_PART} --out "$OUT/neus-words${SUMMARY_PART:+-$SUMMARY_PART}.jsonl" ||
    exit 3
  bootstrap "$OUT/neus-words${SUMMARY_PART:+-$SUMMARY_PART}.jsonl"
  # And at tidings' default length, 5 sentences (every system 5 sentences).
  echo "== every system 5 sentences (tidings' default)"
  "$OUT/summaries" "$NEUS/articles.jsonl" "$NEUS/gold.jsonl" --sentences 5 \
    ${SUMMARY_PART:+--part $SUMMARY_PART} --out "$OUT/neus-5${SUMMARY_PART:+-$SUMMARY_PART}.jsonl" ||
    exit 3
  bootstrap "$OUT/neus-5${SUMMARY_PART:+-$SUMMARY_PART}.jsonl"
  # Other equal budgets: is the margin over the baselines a matter of the
  # one length picked? (Lead stops at its article's end, under the longer
  # budgets: NeuS articles are snippets of about 76 words.)
  for w in 50 100 130; do
    echo "== every system at most $w words"
    "$OUT/summaries" "$NEUS/articles.jsonl" "$NEUS/gold.jsonl" --words $w \
      ${SUMMARY_PART:+--part $SUMMARY_PART} --out "$OUT/neus-w$w${SUMMARY_PART:+-$SUMMARY_PART}.jsonl" \
      | grep -E '^(tidings|lead|centroid) ' || exit 3
    bootstrap "$OUT/neus-w$w${SUMMARY_PART:+-$SUMMARY_PART}.jsonl"
  done
fi
