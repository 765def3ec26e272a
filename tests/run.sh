#!/usr/bin/env bash
# tests/run.sh — run every test: the cmocka unit binaries in $B/tests/ and the
# CLI tests in tests/cli/*.sh against the real binary $B/tidings.
# Prints each suite's output, then one closing line "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
B=${B:-build/san}
export TIDINGS="$PWD/$B/tidings"
export TIDINGS_SHARED=${TIDINGS_SHARED:-$(cd .. && pwd)/shared}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0 fail=0 skip=0 failed_suites=()
log=$(mktemp); trap 'rm -f "$log"' EXIT

if [ ! -d "$TIDINGS_SHARED/seeds" ]; then
  echo "note: $TIDINGS_SHARED not found: tests on real articles (seeds, eval) are skipped"
fi

for t in "$B"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1; rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
  s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0})); skip=$((skip + ${s:-0}))
  if [ $rc -ne 0 ]; then
    [ -z "$f" ] && fail=$((fail + 1))
    failed_suites+=("$name")
  fi
done

for t in tests/cli/*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t")
  echo "== $name"
  bash "$t" >"$log" 2>&1; rc=$?
  cat "$log"
  p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log"); s=$(grep -c '^ok .*# SKIP' "$log")
  pass=$((pass + p - s)); fail=$((fail + f)); skip=$((skip + s))
  if [ $rc -ne 0 ]; then
    [ "$f" -eq 0 ] && fail=$((fail + 1))
    failed_suites+=("$name")
  fi
done

if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "failed suites: ${failed_suites[*]}"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ ${#failed_suites[@]} -eq 0 ]
