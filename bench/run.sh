#!/usr/bin/env bash
# bench/run.sh — `make bench`: every benchmark, each beside a baseline measured
# in the same run (STYLE.md: figures are ratios against a baseline, never
# absolute times compared across runs or machines).
#
# A simple sequence of sections. Each prints its own header and figures; a
# section whose prerequisites are missing says "skipped: why" and exits 0, and
# a section that fails is reported without stopping the ones after it. To add a
# benchmark, write bench/bench_<name>.sh and add one `section` line below.
#
# Environment: B (build dir, default build), TIDINGS (the binary, default
# $B/tidings), BENCH_N (articles in the largest generated corpus, default 100000).
# Generated inputs and stores go to build/bench/ and are never committed.
set -u
cd "$(dirname "$0")/.." || exit 3
export B=${B:-build}
export TIDINGS=${TIDINGS:-$B/tidings}
mkdir -p build/bench

failed=()
section() { # section NAME COMMAND [ARG...]
  local name=$1 rc
  shift
  printf '\n=== %s ===\n' "$name"
  "$@"
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "($name: failed with status $rc)"
    failed+=("$name")
  fi
}

machine() {
  echo "cpus:     $(nproc)"
  echo "cpu:      $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "memory:   $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel:   $(uname -sr)"
  echo "compiler: $(${CC:-cc} --version 2>/dev/null | head -1)"
  echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  if [ -x "$TIDINGS" ]; then
    echo "tidings:  $TIDINGS ($("$TIDINGS" --version 2>/dev/null | head -1))"
  else
    echo "tidings:  $TIDINGS is not built"
  fi
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (another job on the machine skews every figure)"
}

section machine machine
section "ingest (JSON Lines) vs reading the same bytes" bench/bench_ingest.sh
section "text (normalise stage) vs a byte loop" bench/bench_text.sh
section "HTML and WARC.gz ingest (read + clean) vs libxml2 parsing and gzip decoding" bench/bench_html.sh
section "placement (copies, stories, threads) vs brute force" bench/bench_place.sh
section "HTTP API under load (wrk): stories, search vs a static file" bench/bench_serve.sh
section "extract (entities, quotes, dates) vs tokenising" bench/bench_extract.sh
section "synthesis: report of a 200-article story vs reading it from the store" bench/bench_synth.sh
# More sections go here, one line each.

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}"
  exit 1
fi
echo "bench: done"
