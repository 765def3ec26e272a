#!/usr/bin/env bash
# bench/bench_serve.sh — HTTP load on `tidings serve` with wrk (a section of
# bench/run.sh): GET /api/stories and GET /api/search on a store of BENCH_N
# (default 100,000) generated articles (bench/gencorpus.c, the corpus
# bench_ingest.sh uses), beside the baseline of a static file (/style.css)
# from the same server in the same run. For each endpoint: requests/s, p50
# and p99 latency, errors (socket errors, timeouts and non-2xx answers), and
# the ratio of its requests/s to the static file's. The whole set runs twice;
# the server's resident memory is sampled before, between and after the two
# runs: steady memory means the second run adds (almost) nothing.
#
# The store takes a long time to build (every article is cleaned, extracted
# and placed: some 100 articles/s here), so it is built once into
# build/bench/serve-N.db (through a temporary name, so an interrupted build
# is never taken for a store) and reused while the corpus is unchanged.
# BENCH_SERVE_SECS sets each run's length (default 10), BENCH_SERVE_CONNS the
# connections (default 64). Exits 1 when any request failed.
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
  ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$BIN/gencorpus" bench/gencorpus.c || exit 3
fi
corpus=$W/corpus-$N-$SEED.jsonl
if [ ! -s "$corpus" ] || [ "$BIN/gencorpus" -nt "$corpus" ]; then
  "$BIN/gencorpus" "$N" "$SEED" >"$corpus.tmp" && mv "$corpus.tmp" "$corpus" || exit 3
fi
db=$W/serve-$N.db
# The store is data: rebuilt only when the corpus changes (a newer tidings
# migrates it when it opens it).
if [ ! -s "$db" ] || [ "$corpus" -nt "$db" ]; then
  tmp=$W/serve-$N.building.db
  rm -f "$tmp" "$tmp-wal" "$tmp-shm"
  echo "building the store: $N articles, once (kept in $db; this takes a while)"
  start=$(date +%s)
  if ! "$TIDINGS" --db "$tmp" ingest "$corpus" -q >/dev/null 2>"$W/serve-build.err"; then
    echo "error: ingest failed: $(tail -3 "$W/serve-build.err")"
    exit 3
  fi
  secs=$(( $(date +%s) - start ))
  echo "  ingested in ${secs} s ($(( N / (secs > 0 ? secs : 1) )) articles/s)"
  rm -f "$db" "$db-wal" "$db-shm"
  mv "$tmp" "$db" || exit 3
  [ -e "$tmp-wal" ] && mv "$tmp-wal" "$db-wal"
  rm -f "$tmp-shm"
fi
"$TIDINGS" --db "$db" stats

out=$W/serve.out
"$TIDINGS" --db "$db" serve --listen 127.0.0.1:0 --rate 0 --threads "$(nproc)" >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 1200); do grep -q '^listening on' "$out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$out")
[ -n "$url" ] || { echo "error: the server did not start: $(cat "$out")"; exit 3; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

# Two words from the title of an article in the middle of the corpus, so the
# query is neither rare nor empty; and a name from that article.
mid=$(sed -n "$((N / 2))p" "$corpus")
words=$(printf '%s' "$mid" | python3 -c 'import json,sys; t=json.loads(sys.stdin.read()).get("title","news"); w=[x for x in t.split() if x.isalpha() and len(x)>3]; print(" ".join(w[:2]) or "news")')
name=$("$TIDINGS" --db "$db" entities --story "$("$TIDINGS" --db "$db" explain "$((N / 2))" --json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("story") or 1)')" --json 2>/dev/null |
  python3 -c 'import json,sys; e=json.load(sys.stdin)["entities"]; e=[x["name"] for x in e if x["kind"]=="person"] or [x["name"] for x in e]; print(e[0] if e else "")' 2>/dev/null)
enc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
total=$("$TIDINGS" --db "$db" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"])')
deep=$(( total > 40 ? total / 2 : 0 ))
paths=("/style.css" "/api/stories?limit=20" "/api/stories?limit=20&offset=$deep" "/api/search?q=$(enc "$words")")
[ -n "$name" ] && paths+=("/api/search?q=$(enc "entity:\"$name\" $words")")
paths+=("/api/articles/$((N / 3))")
echo "search: \"$words\"$([ -n "$name" ] && echo "; with a name: entity:\"$name\""); $CONNS connections, ${SECS}s per endpoint, $(nproc) server threads, wrk -t2"

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.0f", v*1000; else print "?" }'; }
allerrs=0
rss0=$(rss)
samples=("$rss0")
for run in 1 2; do
  echo "run $run:"
  printf '  %-44s %9s %9s %9s %7s %7s\n' endpoint "req/s" "p50 ms" "p99 ms" errors ratio
  base=""
  for path in "${paths[@]}"; do
    curl -s -o /dev/null --max-time 60 "$url/api/stats" # the previous run's queue drained
    wrk -t2 -c"$CONNS" -d"${SECS}s" --latency --timeout 10s "$url$path" >"$W/wrk.out" 2>&1
    rps=$(awk '/^Requests\/sec/ {print $2}' "$W/wrk.out")
    p50=$(awk '$1=="50%" {print $2}' "$W/wrk.out")
    p99=$(awk '$1=="99%" {print $2}' "$W/wrk.out")
    errs=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' "$W/wrk.out")
    allerrs=$((allerrs + errs))
    [ -z "$base" ] && base=$rps
    ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "?" }')
    label=$path
    [ ${#label} -gt 44 ] && label="${label:0:41}..."
    printf '  %-44s %9s %9s %9s %7s %7s\n' "$label" "${rps:-?}" "$(ms "$p50")" "$(ms "$p99")" "$errs" "$ratio"
  done
  samples+=("$(rss)")
done
echo "server RSS: ${samples[0]} kB at start, ${samples[1]} kB after run 1, ${samples[2]} kB after run 2" \
  "(run 2 added $(( samples[2] - samples[1] )) kB)"
echo "errors: $allerrs (ratio = req/s against /style.css in the same run)"
[ "$allerrs" -eq 0 ]
