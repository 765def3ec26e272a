#!/usr/bin/env bash
# CLI tests for `tidings story ID` as a reader sees it: the example corpus
# ingested as examples/README.md says (sources and dates for the text files),
# then the flood story (A) and the Seltra accord story (B) in text and JSON —
# heading, summary with [outlet] markers, consensus with supporters, unique
# material, the conflicts the README plants (death toll seven/nine, the
# accord's start date), and the timeline in time order with dated events;
# then the seeds story (000-002) when ../shared is present.
set -u
. "$(dirname "$0")/lib.sh"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
EX="$ROOT/examples"
DB="$TMP/x.db"

"$T" --db "$DB" ingest "$EX/feed.jsonl" >/dev/null 2>&1
for f in "$EX"/text/*/*.txt; do
  case $f in
    */harbour-gazette/*) s="The Harbour Gazette" ;;
    */valdoria-today/*) s="Valdoria Today" ;;
    */northern-courier/*) s="Northern Courier" ;;
    */lantern-post/*) s="Lantern Post" ;;
  esac
  "$T" --db "$DB" ingest "$f" --source "$s" --date "$(basename "$f" | cut -c1-10)" >/dev/null 2>&1
done
"$T" --db "$DB" stories --json >"$TMP/stories.json" 2>"$TMP/err"
expect_eq "examples ingested into stories" $? 0
# A page whose "headline" is its time stamp: the story takes the next
# member's headline instead (tidings takes the first headline otherwise).
cat >"$TMP/stamp.jsonl" <<'JSONL'
{"url":"https://quay.example/1","source":"Quay Post","title":"Posted 4/7/2031 8:10 AM","date":"2031-04-07","text":"The passenger ferry Marisol capsized off Olvan harbour early on Monday with 140 people on board, the harbour master said.\n\nCoastguard boats pulled 96 survivors from the cold water before noon, and relatives gathered at the ferry terminal."}
{"url":"https://tide.example/2","source":"Tide Daily","title":"Ferry Marisol capsizes off Olvan harbour","date":"2031-04-07","text":"The ferry Marisol turned over off Olvan harbour on Monday morning with 140 people aboard, harbour master Ilse Brandvik said.\n\nCoastguard crews pulled 96 survivors from the water before noon while relatives waited at the terminal."}
JSONL
"$T" --db "$TMP/stamp.db" ingest "$TMP/stamp.jsonl" >/dev/null 2>&1
"$T" --db "$TMP/stamp.db" stories --json >"$TMP/stamp.json"
expect_eq "a time stamp is no story title" "$(jget "$TMP/stamp.json" '[s["title"] for s in d["stories"] if s["size"]==2]')" "['Ferry Marisol capsizes off Olvan harbour']"
"$T" --db "$TMP/stamp.db" search Marisol --json >"$TMP/stamp_search.json"
expect_eq "a time stamp is no story title in search results either" \
  "$(jget "$TMP/stamp_search.json" '[r["title"] for r in d["results"]]')" "['Ferry Marisol capsizes off Olvan harbour']"
# Articles without headlines (a feed or JSONL without titles; a time stamp
# for a title): the story is titled by its first article's lead sentence.
cat >"$TMP/nohead.jsonl" <<'JSONL'
{"url":"https://quay.example/7","source":"Quay Post","date":"2031-05-02","text":"Striking dockers in Olvan voted on Friday to end a nine-day walkout that had stranded forty cargo ships in the bay.\n\nThe union said members would return for the night shift."}
{"url":"https://tide.example/8","source":"Tide Daily","title":"Updated 5/9/2031 6:02 PM","date":"2031-05-09","text":"A rockfall closed the mountain railway above Brenna for the second time this spring, the operator said.\n\nNo one was hurt."}
JSONL
"$T" --db "$TMP/nohead.db" ingest "$TMP/nohead.jsonl" >/dev/null 2>&1
"$T" --db "$TMP/nohead.db" stories --json >"$TMP/nohead.json"
expect_eq "no headline: the lead titles the story" \
  "$(jget "$TMP/nohead.json" 'sorted(s["title"] for s in d["stories"])')" \
  "['A rockfall closed the mountain railway above Brenna for the second time this spring, the operator said.', 'Striking dockers in Olvan voted on Friday to end a nine-day walkout that had stranded forty cargo ships in the bay.']"
"$T" --db "$TMP/nohead.db" search dockers --json >"$TMP/nohead_search.json"
expect_eq "no headline: search shows the lead as the story title" \
  "$(jget "$TMP/nohead_search.json" '[r["title"] for r in d["results"]]')" \
  "['Striking dockers in Olvan voted on Friday to end a nine-day walkout that had stranded forty cargo ships in the bay.']"
# The story holding article N.
story_of() {
  jget "$TMP/stories.json" "[s['id'] for s in d['stories'] if any(a['id']==$1 for a in s['articles'])][0]"
}
A=$(story_of 1)
B=$(story_of 5)

"$T" --db "$DB" story "$A" >"$TMP/a.txt" 2>"$TMP/err"
expect_eq "story A text exits 0" $? 0
expect_eq "heading: headline first" "$(head -1 "$TMP/a.txt")" \
  "Floods kill seven in Port Ilmen as river Ilm bursts its banks"
grep -q "2024-03-04 to 2024-03-08 | 5 articles from 4 independent sources (1 copy)" "$TMP/a.txt" &&
  ok "heading: dates, articles, independent sources, copies" ||
  not_ok "heading: dates, articles, independent sources, copies" "$(sed -n 2p "$TMP/a.txt")"
for sec in "SUMMARY" "WHAT THE OUTLETS AGREE ON" "WHAT ONLY ONE OUTLET SAYS" "WHERE THEY DISAGREE" "TIMELINE"; do
  grep -q "^$sec" "$TMP/a.txt" && ok "section: $sec" || not_ok "section: $sec" "missing"
done
sed -n '/^SUMMARY/,/^WHAT THE/p' "$TMP/a.txt" | grep -q '\[.*Meridian Wire.*\]' &&
  ok "summary sentences carry [outlet] markers" || not_ok "summary sentences carry [outlet] markers"
grep -q "PORT ILMEN" "$TMP/a.txt" && not_ok "datelines are left out of quoted sentences" "$(grep "PORT ILMEN" "$TMP/a.txt")" ||
  ok "datelines are left out of quoted sentences"
grep -q -- "-- [0-9]* sources: " "$TMP/a.txt" && ok "consensus lists its supporters" ||
  not_ok "consensus lists its supporters"
grep -q "Northern Courier (copy)" "$TMP/a.txt" && ok "a copy is marked as no voice of its own" ||
  not_ok "a copy is marked as no voice of its own"
conf=$(sed -n '/^WHERE THEY DISAGREE/,/^TIMELINE/p' "$TMP/a.txt")
echo "$conf" | grep -q '"Nine people" *The Harbour Gazette' && echo "$conf" | grep -q 'vs "seven people"' &&
  ok "death toll: nine (Gazette) vs seven, side by side" ||
  not_ok "death toll: nine (Gazette) vs seven, side by side" "$conf"
echo "$conf" | grep -q 'six of the dead' && not_ok "a part of the toll is not a toll" "$conf" ||
  ok "a part of the toll is not a toll"
echo "$conf" | grep -q 'crowns' && not_ok "40-million-crown fund is 40 million crowns" "$conf" ||
  ok "40-million-crown fund is 40 million crowns"

"$T" --db "$DB" story "$A" --json >"$TMP/a.json"
expect_eq "timeline: every article" \
  "$(jget "$TMP/a.json" 'sorted(t["article"] for t in d["timeline"] if t["kind"]=="article")==sorted(a["id"] for a in d["articles"])')" "True"
expect_eq "timeline: in time order" \
  "$(jget "$TMP/a.json" '[t["date"] for t in d["timeline"] if t["date"]]==sorted(t["date"] for t in d["timeline"] if t["date"])')" "True"
expect_eq "timeline: 'early on Monday' is 2024-03-04" \
  "$(jget "$TMP/a.json" 'any(t["kind"]=="event" and t["date"]=="2024-03-04" and "early on Monday" in t["text"] for t in d["timeline"])')" "True"
expect_eq "timeline: 'on Thursday' in the Lantern Post is 2024-03-07" \
  "$(jget "$TMP/a.json" 'any(t["kind"]=="event" and t["date"]=="2024-03-07" and t["article"]==4 for t in d["timeline"])')" "True"
expect_eq "timeline: a future weekday is the coming one (released by Friday)" \
  "$(jget "$TMP/a.json" '[t["date"] for t in d["timeline"] if t["kind"]=="event" and "released by Friday" in t["text"]]')" "['2024-03-08']"
expect_eq "no date conflict from a future weekday" \
  "$(jget "$TMP/a.json" 'len([c for c in d["conflicts"] if c["kind"]=="date"])')" "0"

"$T" --db "$DB" story "$B" >"$TMP/b.txt" 2>"$TMP/err"
expect_eq "story B text exits 0" $? 0
sed -n '/^WHERE THEY DISAGREE/,/^TIMELINE/p' "$TMP/b.txt" | grep -q '1 January 2025.*Meridian Wire' &&
  sed -n '/^WHERE THEY DISAGREE/,/^TIMELINE/p' "$TMP/b.txt" | grep -q 'vs "1 July 2025.*Lantern Post' &&
  ok "accord start: 1 January (Meridian Wire) vs 1 July (Lantern Post)" ||
  not_ok "accord start: 1 January (Meridian Wire) vs 1 July (Lantern Post)" "$(cat "$TMP/b.txt")"

"$T" --db "$DB" story 999 >/dev/null 2>&1
expect_eq "no such story: exit 2" $? 2

if [ -d "$SHARED/seeds" ]; then
  SD="$TMP/s.db"
  for f in "$SHARED"/seeds/00[012]_*.txt; do "$T" --db "$SD" ingest "$f" >/dev/null 2>&1; done
  "$T" --db "$SD" stories --json >"$TMP/ss.json"
  S=$(jget "$TMP/ss.json" 'max(d["stories"], key=lambda s: len(s["articles"]))["id"]')
  expect_eq "seeds 000-002 form one story" \
    "$(jget "$TMP/ss.json" 'max(len(s["articles"]) for s in d["stories"])')" "3"
  "$T" --db "$SD" story "$S" >"$TMP/s.txt" 2>"$TMP/err"
  expect_eq "seeds story text exits 0" $? 0
  sed -n '/^WHAT THE OUTLETS AGREE ON/,/^WHAT ONLY/p' "$TMP/s.txt" | grep -q 'naval facility' &&
    ok "seeds: the bases kept are consensus" || not_ok "seeds: the bases kept are consensus"
  sed -n '/^WHAT ONLY/,/^WHERE/p' "$TMP/s.txt" | grep -q 'Sochi' &&
    ok "seeds: the later peace talks are one outlet's own" ||
    not_ok "seeds: the later peace talks are one outlet's own"
  "$T" --db "$SD" story "$S" --json >"$TMP/s.json"
  # The facts all three report, each with its supporters (article ids).
  expect_eq "seeds: bases kept and withdrawal order, supported by all three" \
    "$(jget "$TMP/s.json" 'any("naval facility" in c["text"] and "withdraw" in c["text"] and c["sources"]==3 and len(c["support"])==3 for c in d["consensus"])')" "True"
  expect_eq "seeds: messages to other leaders are consensus" \
    "$(jget "$TMP/s.json" 'any("heads of state" in c["text"] and c["sources"]>=2 for c in d["consensus"])')" "True"
  expect_eq "seeds: the message to Assad is consensus of three" \
    "$(jget "$TMP/s.json" 'any("territorial integrity" in c["text"] and c["sources"]==3 for c in d["consensus"])')" "True"
  expect_eq "seeds: 000's political background (collusion) is unique to it" \
    "$(jget "$TMP/s.json" 'sorted({u["article"] for u in d["unique"] if "collusion" in u["text"]}) == [a["id"] for a in d["articles"] if a["url"].endswith("000_c29f869564501e89.txt")]')" "True"
  expect_eq "seeds: 002's Sochi talks are unique to it" \
    "$(jget "$TMP/s.json" 'sorted({u["article"] for u in d["unique"] if "Sochi" in u["text"]}) == [a["id"] for a in d["articles"] if a["url"].endswith("002_e77057349d16fe55.txt")]')" "True"
  expect_eq "seeds: no conflict between the three" "$(jget "$TMP/s.json" 'len(d["conflicts"])')" "0"
  expect_eq "seeds: timeline lists the three articles" \
    "$(jget "$TMP/s.json" 'len([t for t in d["timeline"] if t["kind"]=="article"])')" "3"
else
  skip "seeds story" "no $SHARED/seeds in this clone"
fi
finish
