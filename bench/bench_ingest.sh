#!/usr/bin/env bash
# bench/bench_ingest.sh — ingest throughput and peak memory, beside the cost of
# simply reading the same bytes, in one run (a section of bench/run.sh).
#
# Generates a deterministic JSON Lines corpus (bench/gencorpus.c: BENCH_N
# articles, default 100,000, 2-5 KB each, many interleaved stories) into
# build/bench/, and for its first 10k, 30k and all BENCH_N lines times:
#   cat FILE > /dev/null          the shell's way of reading the bytes
#   readloop FILE                 a C read() loop that touches every byte
#   tidings --db X ingest FILE    a fresh store each time
# It prints articles/s, MB/s, the ratio of ingest time to the read loop's, and
# peak RSS (wait4's rusage, via bench/runstat.c: no GNU time needed). Ingest
# streams, so peak RSS must stay about the same from 10k to 100k articles.
# Baselines are the best of three runs from a warm page cache; ingest runs once
# from a warm cache too, so the ratio compares like with like.
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
TIDINGS=${TIDINGS:-$B/tidings}
N=${BENCH_N:-100000}
SEED=${BENCH_SEED:-20240304}
CC=${CC:-cc}
W=build/bench
BIN=$W/bin

if [ ! -x "$TIDINGS" ]; then
  echo "skipped: $TIDINGS is not built (run: make B=$B)"
  exit 0
fi
mkdir -p "$BIN" || exit 3
for t in gencorpus readloop runstat; do
  if [ ! -x "$BIN/$t" ] || [ "bench/$t.c" -nt "$BIN/$t" ]; then
    $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$BIN/$t" "bench/$t.c" ||
      { echo "error: cannot build bench/$t.c"; exit 3; }
  fi
done

corpus=$W/corpus-$N-$SEED.jsonl
if [ ! -s "$corpus" ] || [ "$BIN/gencorpus" -nt "$corpus" ]; then
  echo "generating $N articles (seed $SEED) into $corpus ..."
  if ! "$BIN/gencorpus" "$N" "$SEED" >"$corpus.tmp"; then
    echo "error: gencorpus failed"
    rm -f "$corpus.tmp"
    exit 3
  fi
  mv "$corpus.tmp" "$corpus" || exit 3
fi

sizes=()
for k in 10000 30000; do [ "$k" -lt "$N" ] && sizes+=("$k"); done
sizes+=("$N")

stat_file=$W/runstat.out
# best_of3 CMD...: the fastest of three runs; sets WALL (s).
best_of3() {
  local w best=
  for _ in 1 2 3; do
    "$BIN/runstat" "$stat_file" "$@" >/dev/null || return 1
    w=$(cut -d' ' -f1 "$stat_file")
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$w; fi
  done
  WALL=$best
}
# summary field from "ingest: read N, new N, duplicate N, rejected N"
field() { grep -o "$1 [0-9]*" "$2" | tail -1 | awk '{print $2}'; }

rows=()
status=0
for k in "${sizes[@]}"; do
  f=$corpus
  if [ "$k" -lt "$N" ]; then
    f=$W/corpus-$N-$SEED.head$k.jsonl
    if [ ! -s "$f" ] || [ "$corpus" -nt "$f" ]; then head -n "$k" "$corpus" >"$f"; fi
  fi
  bytes=$(stat -c %s "$f")
  cat "$f" >/dev/null # warm the page cache for everyone below
  best_of3 cat "$f" || { echo "error: cat $f failed"; exit 3; }
  cat_s=$WALL
  best_of3 "$BIN/readloop" "$f" || { echo "error: readloop $f failed"; exit 3; }
  read_s=$WALL

  db=$W/ingest-$k.db
  rm -f "$db" "$db-wal" "$db-shm"
  log=$W/ingest-$k.log
  "$BIN/runstat" "$stat_file" "$TIDINGS" --db "$db" ingest "$f" >"$log" 2>&1
  rc=$?
  read -r ing_s ing_user ing_sys rss_kb _ <"$stat_file"
  summary=$(grep -m1 'read [0-9]' "$log")
  echo "$k articles, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'): ${summary:-no summary line} (exit $rc)"
  if [ "$rc" -ne 0 ] || [ "$(field new "$log")" != "$k" ]; then
    echo "  error: expected exit 0 and new $k; the log is $log:"
    head -5 "$log" | sed 's/^/    /'
    status=1
  fi
  db_mb=$(du -cm "$db" "$db-wal" 2>/dev/null | tail -1 | cut -f1)
  rows+=("$k $bytes $cat_s $read_s $ing_s $ing_user $ing_sys $rss_kb $db_mb")
  rm -f "$db" "$db-wal" "$db-shm"
done

echo
printf '%9s %8s %10s %10s %9s %10s %8s %7s %8s %9s %7s\n' \
  articles MB "cat MB/s" "read MB/s" "ingest s" articles/s "MB/s" ratio "cpu s" "peak RSS" "db MB"
for r in "${rows[@]}"; do
  # shellcheck disable=SC2086
  set -- $r
  awk -v k="$1" -v b="$2" -v c="$3" -v rd="$4" -v s="$5" -v u="$6" -v sy="$7" -v rss="$8" -v db="$9" 'BEGIN {
    mb = b / 1e6
    printf "%9d %8.1f %10.0f %10.0f %9.2f %10.0f %8.1f %6.0fx %8.2f %7.1f MB %7d\n",
      k, mb, mb / c, mb / rd, s, k / s, mb / s, s / rd, u + sy, rss / 1024, db
  }'
done
first=${rows[0]}
last=${rows[${#rows[@]}-1]}
awk -v a="$(echo "$first" | cut -d' ' -f8)" -v b="$(echo "$last" | cut -d' ' -f8)" \
  -v ka="$(echo "$first" | cut -d' ' -f1)" -v kb="$(echo "$last" | cut -d' ' -f1)" 'BEGIN {
  printf "\npeak RSS from %d to %d articles: %.1f MB -> %.1f MB (x%.2f for x%.0f the input)\n",
    ka, kb, a / 1024, b / 1024, b / a, kb / ka
}'
echo "ratio = ingest time / read-loop time over the same bytes; MB = 10^6 bytes."
exit $status
