#!/bin/sh
# tools/eval/run.sh — `make eval`: every evaluation on ../shared/eval, one
# section each, each printing its own header. A section whose data or tools
# are missing says "skipped: why"; a failing section is reported and the
# others still run. To add one: write tools/eval/<name>.sh, add a line below.
cd "$(dirname "$0")/../.." || exit 3
failed=""
section() { # section NAME COMMAND [ARG...]
  name=$1
  shift
  printf '\n=== %s ===\n' "$name"
  "$@" || { echo "($name: failed with status $?)"; failed="$failed $name"; }
}

section "extraction: main text, metadata, dates (clean stage)" tools/eval/extraction.sh
section "clustering: stories (B-cubed), order robustness, copies, LSH (place stage)" tools/eval/clustering.sh
section "quotes: PolNeAR spans and speakers, MSRP variants, seeds (extract stage)" tools/eval/quotes.sh
section "summaries: multi-source summary vs lead and centroid on NeuS (synthesise stage)" tools/eval/summaries.sh

echo
if [ -n "$failed" ]; then
  echo "eval: failed:$failed"
  exit 1
fi
echo "eval: done"
