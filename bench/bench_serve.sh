#!/usr/bin/env bash
# bench/bench_serve.sh — HTTP load on `tidings serve` with wrk: GET /api/stories
# and GET /api/search on a store of BENCH_N (default 100,000) generated
# articles (bench/gencorpus.c, the corpus bench_ingest.sh uses), beside the
# baseline of a static file (/style.css) from the same server in the same run:
# requests/s, p50/p99 latency, errors (socket errors and non-2xx), and the
# server's resident memory before and after (steady = no growth).
# BENCH_SERVE_SECS sets each run's length (default 10), BENCH_SERVE_CONNS the
# connections (default 64).
set -u
cd "$(dirname "$0")/.." || exit 3
B=${B:-build}
TIDINGS=${TIDINGS:-$B/tidings}
N=${BENCH_N:-100000}
SEED=${BENCH_SEED:-20240304}
SECS=${BENCH_SERVE_SECS:-10}
CONNS=${BENCH_SERVE_CONNS:-64}
W=build/bench
BIN=$W/bin
command -v wrk >/dev/null || { echo "skipped: wrk is not installed (setup.sh installs it)"; exit 0; }
[ -x "$TIDINGS" ] || { echo "skipped: $TIDINGS is not built"; exit 0; }
mkdir -p "$BIN" || exit 3
if [ ! -x "$BIN/gencorpus" ] || [ bench/gencorpus.c -nt "$BIN/gencorpus" ]; then
  ${CC:-cc} -std=c11 -O2 -o "$BIN/gencorpus" bench/gencorpus.c || exit 3
fi
corpus=$W/corpus-$N-$SEED.jsonl
if [ ! -s "$corpus" ] || [ "$BIN/gencorpus" -nt "$corpus" ]; then
  "$BIN/gencorpus" "$N" "$SEED" >"$corpus.tmp" && mv "$corpus.tmp" "$corpus" || exit 3
fi
db=$W/serve-$N.db
# The store is data: rebuilt when the corpus changes (a newer tidings migrates it).
if [ ! -s "$db" ] || [ "$corpus" -nt "$db" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  echo "building the store: $N articles (once; kept in $db)"
  start=$(date +%s)
  "$TIDINGS" --db "$db" ingest "$corpus" -q >/dev/null 2>&1 || { echo "error: ingest failed"; exit 3; }
  echo "  ingested in $(( $(date +%s) - start )) s"
fi
"$TIDINGS" --db "$db" stats

out=$W/serve.out
"$TIDINGS" --db "$db" serve --listen 127.0.0.1:0 --rate 0 --threads "$(nproc)" >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q '^listening on' "$out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$out")
[ -n "$url" ] || { echo "error: the server did not start: $(cat "$out")"; exit 3; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

# Two words from the middle of the corpus, so the query is neither rare nor empty.
words=$(sed -n "$((N / 2))p" "$corpus" | python3 -c 'import json,sys; t=json.loads(sys.stdin.read()).get("title","news"); w=[x for x in t.split() if x.isalpha() and len(x)>3]; print(" ".join(w[:2]) or "news")')
q=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$words")
echo "search query: \"$words\"; $CONNS connections, ${SECS}s each, $(nproc) server threads"

rss0=$(rss)
printf '%-34s %10s %9s %9s %8s %8s\n' endpoint "req/s" "p50 ms" "p99 ms" errors ratio
base=""
for path in "/style.css" "/api/search?q=$q" "/api/stories?limit=20" "/api/articles/$((N / 3))"; do
  curl -s -o /dev/null --max-time 60 "$url/api/stats" # the previous run's queue drained
  wrk -t4 -c"$CONNS" -d"${SECS}s" --latency --timeout 10s "$url$path" >"$W/wrk.out" 2>&1
  rps=$(awk '/^Requests\/sec/ {print $2}' "$W/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$W/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$W/wrk.out")
  errs=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' "$W/wrk.out")
  ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.0f", v*1000; else print "?" }'; }
  [ -z "$base" ] && base=$rps
  ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "?" }')
  printf '%-34.34s %10s %9s %9s %8s %8s\n' "$path" "$rps" "$(ms "$p50")" "$(ms "$p99")" "$errs" "$ratio"
done
rss1=$(rss)
echo "server RSS: ${rss0} kB before, ${rss1} kB after (ratio = req/s against /style.css)"
