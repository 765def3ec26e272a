#!/usr/bin/env bash
# CLI tests on the real articles in ../shared/seeds (skipped when this clone
# has no ../shared): five articles, their headlines, and re-ingest adds 0.
set -u
. "$(dirname "$0")/lib.sh"
if [ ! -d "$SHARED/seeds" ]; then
  skip "seeds ingest" "no $SHARED/seeds in this clone"
  finish; exit
fi
DB="$TMP/seeds.db"
"$T" --db "$DB" ingest "$SHARED/seeds" >"$TMP/out" 2>"$TMP/err"
expect_eq "seeds ingest exits 0" $? 0
expect_eq "seeds: 5 new" "$(cat "$TMP/out")" "ingest: read 5, new 5 (0 exact copies), duplicate 0, rejected 0"
"$T" --db "$DB" ingest "$SHARED/seeds" >"$TMP/out" 2>&1
expect_eq "seeds: re-ingest adds 0" "$(cat "$TMP/out")" "ingest: read 5, new 0 (0 exact copies), duplicate 5, rejected 0"
i=0
for f in "$SHARED"/seeds/*.txt; do
  i=$((i + 1))
  want=$(grep -m1 -v '^[[:space:]]*$' "$f" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
  "$T" --db "$DB" article "$f" --json >"$TMP/a.json"
  expect_eq "seed $(basename "$f") headline" "$(jget "$TMP/a.json" 'd["title"]')" "$want"
  body_words=$(tail -n +2 "$f" | wc -w)
  got_words=$(jget "$TMP/a.json" 'len(d["text"].split()) + sum(len(r["text"].split()) for r in d["removed"])')
  [ "$got_words" -ge "$body_words" ] && ok "seed $(basename "$f") keeps every word (text + removed)" \
    || not_ok "seed $(basename "$f") keeps every word (text + removed)" "$got_words < $body_words"
done
"$T" --db "$DB" stats --json >"$TMP/s.json"
expect_eq "seeds: 5 articles stored" "$(jget "$TMP/s.json" 'd["articles"]')" "5"
finish
