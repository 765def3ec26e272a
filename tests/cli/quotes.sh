#!/usr/bin/env bash
# CLI tests of who said what (issue 5): `tidings quotes` and `tidings
# entities` on our own fictional articles, on examples/ (its README names a
# statement worded differently by four outlets, and another by two), and on
# the real seeds (skipped without ../shared).
set -u
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# offsets DB: every quote's text is text[start:end] (UTF-8 bytes) of its article
offsets_ok() {
  python3 - "$T" "$1" <<'P'
import json, subprocess, sys
T, db = sys.argv[1], sys.argv[2]
q = json.loads(subprocess.check_output([T, "--db", db, "quotes", "--json"]))["quotes"]
texts, bad = {}, []
for x in q:
    a = x["article"]
    if a not in texts:
        texts[a] = json.loads(subprocess.check_output([T, "--db", db, "article", str(a), "--json"]))["text"].encode()
    if texts[a][x["start"]:x["end"]].decode() != x["text"]:
        bad.append(x)
print(len(q), len(bad))
sys.exit(1 if bad or not q else 0)
P
}
# group_of FILE ARTICLE NEEDLE: the group of the quote of ARTICLE containing NEEDLE
group_of() { jget "$1" "[q['group'] for q in d['quotes'] if q['article']==$2 and '''$3''' in q['text']][0]"; }

# --- our own articles
DB="$TMP/q.db"
cat >"$TMP/bridge.jsonl" <<'J'
{"url":"https://post.example/bridge","source":"Norrvik Post","date":"2031-04-02","title":"Mayor Lena Okafor opens Brightwater bridge","text":"Mayor Lena Okafor opened the Brightwater bridge in Norrvik on Tuesday after six years of work.\n\n\"This bridge belongs to every family in Norrvik, and nobody will pay a toll to cross it,\" Okafor said at the ceremony. \"It took six years,\" she added.\n\nThe Norrvik Transport Board said the bridge had cost 84 million crowns. \"We finished on time and under budget,\" said Piet Halloran, the board's chief engineer."}
{"url":"https://courier.example/toll-free","source":"Valley Courier","date":"2031-04-03","title":"Brightwater bridge opens in Norrvik, toll-free","text":"The Brightwater bridge in Norrvik opened on Tuesday, six years after work on it began.\n\n“The bridge is for all Norrvik families, and no one will ever be charged a toll to use it,” Mayor Okafor told reporters at the Brightwater bridge.\n\nThe 84-million-crown bridge was finished “on time and under budget”, said Piet Halloran, chief engineer of the Norrvik Transport Board."}
J
check "ingest fictional articles" "$T" --db "$DB" ingest "$TMP/bridge.jsonl"
"$T" --db "$DB" quotes --json >"$TMP/q.json"
expect_eq "quotes --json: 5 quotes" "$(jget "$TMP/q.json" 'len(d["quotes"])')" "5"
expect_eq "quotes have the DESIGN fields" \
  "$(jget "$TMP/q.json" 'all(set(["article","url","start","end","text","speaker","cue","group"]) <= set(q) for q in d["quotes"])')" "True"
check "text[start:end] is the quote (bytes of the clean text)" offsets_ok "$DB"
expect_eq "the mayor's statement in two wordings: one group" \
  "$(group_of "$TMP/q.json" 2 'for all Norrvik')" "$(group_of "$TMP/q.json" 1 'belongs to every family')"
expect_eq "another statement: another group" \
  "$(jget "$TMP/q.json" 'len(set(q["group"] for q in d["quotes"] if q["article"]==1))')" "3"
expect_eq "'Mayor Okafor' reported as Lena Okafor" \
  "$(jget "$TMP/q.json" '[q["speaker"] for q in d["quotes"] if q["article"]==2 and "Norrvik" in q["text"]][0]')" "Lena Okafor"
"$T" --db "$DB" quotes --speaker okafor --json >"$TMP/qs.json"
expect_eq "--speaker okafor (surname, any case): her 3 quotes" \
  "$(jget "$TMP/qs.json" 'sorted(set(q["speaker"] for q in d["quotes"])), len(d["quotes"])')" "(['Lena Okafor'], 3)"
"$T" --db "$DB" quotes --speaker 'PIET HALLORAN' --json >"$TMP/qh.json"
expect_eq "--speaker 'PIET HALLORAN': his words in both reports, one group" \
  "$(jget "$TMP/qh.json" 'len(d["quotes"]), len(set(q["group"] for q in d["quotes"]))')" "(2, 1)"
"$T" --db "$DB" quotes --story 1 >"$TMP/qt.txt"
expect_eq "text output shows the speaker and both outlets" \
  "$(grep -c 'Lena Okafor\|Norrvik Post\|Valley Courier' "$TMP/qt.txt" | awk '{print ($1>=3)}')" "1"
"$T" --db "$DB" entities --json >"$TMP/e.json"
expect_eq "entities: Lena Okafor, a person, also 'Okafor', in 2 articles" \
  "$(jget "$TMP/e.json" '[(e["kind"], "Okafor" in e["aliases"], e["articles"]) for e in d["entities"] if e["name"]=="Lena Okafor"]')" \
  "[('person', True, 2)]"
check "entities text" "$T" --db "$DB" entities --story 1
"$T" --db "$DB" story 1 --json >"$TMP/s.json"
expect_eq "story document: quotes with variants, earliest outlet first" \
  "$(jget "$TMP/s.json" '[[v["article"] for v in q["variants"]] for q in d["quotes"] if "every family" in q["text"]]')" "[[1, 2]]"
expect_eq "story document: entities" "$(jget "$TMP/s.json" '"Lena Okafor" in [e["name"] for e in d["entities"]]')" "True"
"$T" --db "$DB" stats --json >"$TMP/st.json"
expect_eq "stats: quotes" "$(jget "$TMP/st.json" 'd["quotes"]')" "5"
"$T" --db "$DB" ingest "$TMP/bridge.jsonl" >/dev/null 2>&1
"$T" --db "$DB" quotes --json >"$TMP/q2.json"
expect_eq "re-ingest changes nothing" "$(cmp -s "$TMP/q.json" "$TMP/q2.json" && echo same)" "same"
"$T" --db "$DB" quotes --story 99 >/dev/null 2>&1
expect_eq "quotes --story 99: exit 2 (not found)" $? 2
"$T" --db "$DB" quotes --story x >/dev/null 2>&1
expect_eq "quotes --story x: usage error" $? 1
"$T" --db "$DB" entities extra >/dev/null 2>&1
expect_eq "entities extra: usage error" $? 1

# --- examples/, ingested as its README says (sources and dates for the text files)
EDB="$TMP/ex.db"
"$T" --db "$EDB" ingest -q "$ROOT/examples/feed.jsonl" >/dev/null 2>&1
for f in "$ROOT"/examples/text/*/*.txt; do
  case $f in
    */harbour-gazette/*) s="The Harbour Gazette" ;;
    */valdoria-today/*) s="Valdoria Today" ;;
    */northern-courier/*) s="Northern Courier" ;;
    */lantern-post/*) s="Lantern Post" ;;
  esac
  "$T" --db "$EDB" ingest -q "$f" --source "$s" --date "$(basename "$f" | cut -c1-10)" >/dev/null 2>&1
done
"$T" --db "$EDB" quotes --json >"$TMP/eq.json"
check "examples: text[start:end] is the quote" offsets_ok "$EDB"
expect_eq "examples: every article has quotes" "$(jget "$TMP/eq.json" 'len(set(q["article"] for q in d["quotes"]))')" "17"
# README: Solvey's words at the signing in four wordings (5, 6, 7, 8) are one quote
g5=$(group_of "$TMP/eq.json" 5 'share a river')
expect_eq "examples: Solvey in 5, 6, 7 and 8 is one group" \
  "$(group_of "$TMP/eq.json" 6 'joined by one river') $(group_of "$TMP/eq.json" 7 'two countries joined') $(group_of "$TMP/eq.json" 8 'joined by one river')" \
  "$g5 $g5 $g5"
# README: Malvane's promise, worded by Meridian Wire (1) and Valdoria Today (3)
expect_eq "examples: Malvane in 1 and 3 is one group" \
  "$(group_of "$TMP/eq.json" 3 'face this on their own')" "$(group_of "$TMP/eq.json" 1 'left to face this alone')"
expect_eq "examples: the Valdorian Union's words are not Solvey's" \
  "$(jget "$TMP/eq.json" '[q["group"] for q in d["quotes"] if "surrender" in q["text"]][0] != '"$g5")" "True"
expect_eq "examples: speakers Malvane, Vask, Solvey, Brezic, Tervane Chemicals" \
  "$(jget "$TMP/eq.json" 'sorted({"Teodor Malvane","Irena Vask","Marek Solvey","Halina Brezic","Tervane Chemicals"} - set(q["speaker"] for q in d["quotes"]))')" "[]"
"$T" --db "$EDB" entities --json >"$TMP/ee.json"
expect_eq "examples: Emil Radu and Irina Radu stay two people" \
  "$(jget "$TMP/ee.json" 'sorted(e["name"] for e in d["entities"] if e["name"].endswith("Radu"))')" "['Emil Radu', 'Irina Radu']"

# --- the seeds
if [ ! -d "$SHARED/seeds" ]; then
  skip "seeds: quotes and speakers" "no $SHARED/seeds in this clone"
  finish; exit
fi
SDB="$TMP/seeds.db"
"$T" --db "$SDB" ingest "$SHARED/seeds" >/dev/null 2>&1
"$T" --db "$SDB" quotes --json >"$TMP/sq.json"
check "seeds: text[start:end] is the quote" offsets_ok "$SDB"
expect_eq "seeds: every direct quote has a speaker" \
  "$(jget "$TMP/sq.json" '[q["text"][:40] for q in d["quotes"] if q["kind"] in ("direct","colon","continued") and not q["speaker"]]')" "[]"
expect_eq "seeds: Putin, Trump, Lavrov and the Kremlin speak" \
  "$(jget "$TMP/sq.json" 'sorted({"Vladimir Putin","Donald Trump","Sergei Lavrov","Kremlin"} - set(q["speaker"] for q in d["quotes"]))')" "[]"
url_of() { jget "$TMP/sq.json" "[q['article'] for q in d['quotes'] if '/$1' in q['url']][0]"; }
a0=$(url_of 000_); a1=$(url_of 001_); a2=$(url_of 002_)
t0=$(group_of "$TMP/sq.json" "$a0" 'strategic stab')
expect_eq "seeds: the telegram's sentence in 000, 001, 002 (three wordings) is one group" \
  "$(group_of "$TMP/sq.json" "$a1" 'strategic stab') $(group_of "$TMP/sq.json" "$a2" 'strategic stab')" "$t0 $t0"
expect_eq "seeds: the telegram's speaker is Vladimir Putin in all three" \
  "$(jget "$TMP/sq.json" 'sorted(set(q["speaker"] for q in d["quotes"] if q["group"]=='"$t0"'))')" "['Vladimir Putin']"
"$T" --db "$SDB" quotes --speaker putin --json >"$TMP/sp.json"
expect_eq "seeds: --speaker putin finds only Putin" \
  "$(jget "$TMP/sp.json" 'sorted(set(q["speaker"] for q in d["quotes"])), len(d["quotes"]) > 20')" "(['Vladimir Putin'], True)"
finish
