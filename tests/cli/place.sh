#!/usr/bin/env bash
# CLI tests of copies, stories, threads and explain (issue 3): our own
# fictional articles, then the real seeds (skipped without ../shared).
set -u
. "$(dirname "$0")/lib.sh"
DB="$TMP/place.db"
mkdir -p "$TMP/in"
cat >"$TMP/in/a.jsonl" <<'J'
{"url":"https://courier.example/crane","source":"Merrow Courier","title":"Crane collapses onto barge at Port Merrow","date":"2023-09-12","text":"The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane collapsed onto a grain barge. Nobody was hurt, said Ilse Varga, a spokeswoman for the authority.\n\nInspectors from the Merrow safety board sealed off the crane while engineers examined its cables. The barge, the Saltmarsh Lady, carried barley for the valley breweries.\n\nTraders warned that a long closure of the quay would delay autumn grain shipments from Port Merrow."}
{"url":"https://gazette.example/quay","source":"Valley Gazette","title":"Port Merrow quay shut after crane falls","date":"2023-09-13","text":"A dockside crane toppled onto the grain barge Saltmarsh Lady at Port Merrow on Tuesday, forcing the harbour authority to shut the northern quay. Spokeswoman Ilse Varga said no one was injured.\n\nEngineers and inspectors of the Merrow safety board are examining the crane cables, and barley traders fear delays to grain shipments if the quay stays shut."}
{"url":"https://reprint.example/crane","source":"Coast Daily","title":"What we know about the Merrow crane","date":"2023-09-13","text":"The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane collapsed onto a grain barge. Nobody was hurt, said Ilse Varga, a spokeswoman for the authority.\n\nInspectors from the Merrow safety board sealed off the crane while engineers examined its cables. The barge, the Saltmarsh Lady, carried barley for the valley breweries."}
{"url":"https://gazette.example/fire","source":"Valley Gazette","title":"Fire at Hollins vineyard","date":"2023-09-14","text":"Firefighters in Colbrook spent the night fighting a blaze at the Hollins vineyard that destroyed two barns and the pressing house. Owner Tomas Hollin said the harvest had been saved.\n\nThe Colbrook fire brigade said the fire started in a tractor shed. Police ruled out arson and the vineyard will reopen its shop next week."}
J
check "ingest fictional articles" "$T" --db "$DB" ingest "$TMP/in/a.jsonl"
"$T" --db "$DB" stories --json >"$TMP/s.json"
expect_eq "two stories" "$(jget "$TMP/s.json" 'len(d["stories"])')" "2"
expect_eq "crane story: 3 articles" "$(jget "$TMP/s.json" 'd["stories"][0]["size"]')" "3"
expect_eq "crane story: 2 independent sources (the reprint does not count)" \
  "$(jget "$TMP/s.json" 'd["stories"][0]["sources"]')" "2"
expect_eq "crane story dates" "$(jget "$TMP/s.json" 'd["stories"][0]["first_date"]+" "+d["stories"][0]["last_date"]')" "2023-09-12 2023-09-13"
"$T" --db "$DB" dups --json >"$TMP/d.json"
expect_eq "one copy group, original 1, copy 3" \
  "$(jget "$TMP/d.json" '[(g["original"], [c["article"] for c in g["copies"]]) for g in d["groups"]]')" "[(1, [3])]"
"$T" --db "$DB" story 1 --json >"$TMP/one.json"
expect_eq "story 1 --json" "$(jget "$TMP/one.json" '[a["id"] for a in d["articles"]]')" "[1, 2, 3]"
"$T" --db "$DB" explain 2 --json >"$TMP/e.json"
expect_eq "explain 2: joined story 1" "$(jget "$TMP/e.json" 'd["decision"]+" "+str(d["story"])')" "joined 1"
expect_eq "explain 2: shared names decided" \
  "$(jget "$TMP/e.json" '"merrow" in [n["text"] for n in d["candidates"][0]["shared_names"]]')" "True"
# the day both report ("on Tuesday", resolved from each publication date) is a
# detail, listed apart from the names
expect_eq "explain 2: shared details, not names: the weekday and the day" \
  "$(jget "$TMP/e.json" '[sorted(x for x in ("Tuesday", "2023-09-12") if x in [n["text"] for n in d["candidates"][0][k]]) for k in ("shared_details", "shared_names")]')" \
  "[['2023-09-12', 'Tuesday'], []]"
"$T" --db "$DB" explain https://reprint.example/crane --json >"$TMP/e3.json"
expect_eq "explain by URL: a copy" "$(jget "$TMP/e3.json" 'd["decision"]')" "copy"
check "threads" "$T" --db "$DB" threads
check "explain text" "$T" --db "$DB" explain 4
# why a new story is in its thread: the nearest candidate's thread score
"$T" --db "$DB" explain 4 --json >"$TMP/e4.json"
expect_eq "explain 4: a thread of its own, the crane story below the thread threshold" \
  "$(jget "$TMP/e4.json" '(d["new_thread"], d["thread_via"], d["thread_score"] < d["thread_threshold"])')" \
  "(True, 1, True)"
"$T" --db "$DB" explain 4 >"$TMP/e4.txt"
expect_eq "explain 4 text: says the thread and the best candidate's score" \
  "$(grep -c 'a thread of its own: the nearest, story 1' "$TMP/e4.txt") $(grep -c 'best score 0.000' "$TMP/e4.txt")" "1 0"
"$T" --db "$DB" story 99 >/dev/null 2>&1
expect_eq "story 99: exit 2 (not found)" $? 2
"$T" --db "$DB" story abc >/dev/null 2>&1
expect_eq "story abc: usage error" $? 1
"$T" --db "$DB" stats --json >"$TMP/st.json"
expect_eq "stats: 2 stories" "$(jget "$TMP/st.json" 'd["stories"]')" "2"
expect_eq "every copy's containment is at least its similarity" \
  "$(jget "$TMP/d.json" 'all(c["containment"] >= c["similarity"] for g in d["groups"] for c in g["copies"])')" "True"
# a short wire item reprinted with a changed word: a copy by Jaccard alone
# (too short to measure containment), shown with containment >= similarity
cat >"$TMP/in/short.jsonl" <<'J'
{"url":"https://wire.example/brief","source":"Wire","title":"Brief","date":"2023-09-15","text":"The Colbrook council voted on Friday to rebuild the old river bridge before winter."}
{"url":"https://paper.example/brief","source":"Paper","title":"Brief","date":"2023-09-15","text":"The Colbrook council voted on Friday to rebuild the old river bridge before the winter."}
J
"$T" --db "$TMP/short.db" ingest "$TMP/in/short.jsonl" >/dev/null 2>&1
"$T" --db "$TMP/short.db" dups --json >"$TMP/ds.json"
expect_eq "a short reprint: a copy, containment >= similarity > 0" \
  "$(jget "$TMP/ds.json" '[(c["containment"] >= c["similarity"] > 0) for g in d["groups"] for c in g["copies"]]')" "[True]"
# re-ingest changes nothing
"$T" --db "$DB" ingest "$TMP/in/a.jsonl" >/dev/null 2>&1
"$T" --db "$DB" stories --json >"$TMP/s2.json"
expect_eq "re-ingest: same stories" "$(cmp -s "$TMP/s.json" "$TMP/s2.json" && echo same)" "same"

if [ ! -d "$SHARED/seeds" ]; then
  skip "seeds stories" "no $SHARED/seeds in this clone"
  finish; exit
fi
SDB="$TMP/seeds.db"
"$T" --db "$SDB" ingest "$SHARED/seeds" >/dev/null 2>&1
"$T" --db "$SDB" stories --json >"$TMP/ss.json"
story_of() { jget "$TMP/ss.json" "[s['id'] for s in d['stories'] for a in s['articles'] if '/$1' in a['url']][0]"; }
s0=$(story_of 000_); s1=$(story_of 001_); s2=$(story_of 002_); s3=$(story_of 003_); s4=$(story_of 004_)
expect_eq "seeds 000, 001, 002: one story" "$s1 $s2" "$s0 $s0"
# 003 (Putin's State of the Nation address, "on Thursday") and 004 (his New
# Year greetings to Erdogan, another year, "On Thursday") share most of their
# words and names with the New Year telegram to Trump (000-002, "on
# Saturday"); negative evidence keeps them apart (place.c: disagree()):
# weekdays that never meet in undated reports, a headline person the story
# does not name.
expect_eq "seeds 003: a story of its own" "$([ "$s3" != "$s0" ] && [ "$s3" != "$s4" ] && echo own)" "own"
expect_eq "seeds 004: a story of its own" "$([ "$s4" != "$s0" ] && [ "$s4" != "$s3" ] && echo own)" "own"
"$T" --db "$SDB" explain "$(jget "$TMP/ss.json" "[a['id'] for s in d['stories'] for a in s['articles'] if '/003_' in a['url']][0]")" --json >"$TMP/e003.json"
expect_eq "explain 003: the telegram story disagrees on weekdays" \
  "$(jget "$TMP/e003.json" '[c.get("disagree") for c in d["candidates"] if c["story"] == '"$s0"']')" "['weekdays']"
"$T" --db "$SDB" explain "$(jget "$TMP/ss.json" "[a['id'] for s in d['stories'] for a in s['articles'] if '/003_' in a['url']][0]")" >"$TMP/e003.txt"
expect_eq "explain 003: a story of its own in the telegram story's thread" \
  "$(jget "$TMP/e003.json" '(d["decision"], d["new_thread"], d["thread_via"] == '"$s0"', d["thread_score"] >= d["thread_threshold"])')" \
  "('new story', False, True, True)"
expect_eq "explain 003 text: says the veto" "$(grep -c 'vetoed: one side or both undated, and the weekdays they name never meet' "$TMP/e003.txt")" "1"
expect_eq "explain 003: the weekdays each side names" \
  "$(jget "$TMP/e003.json" '[c.get("weekdays") for c in d["candidates"] if c["story"] == '"$s0"']')" \
  "[{'article': ['Thursday'], 'story': ['Saturday']}]"
expect_eq "explain 003 text: names the weekdays" "$(grep -c '(article: Thursday; story: Saturday)' "$TMP/e003.txt")" "1"
"$T" --db "$SDB" explain "$(jget "$TMP/ss.json" "[a['id'] for s in d['stories'] for a in s['articles'] if '/004_' in a['url']][0]")" --json >"$TMP/e004.json"
expect_eq "explain 004: every candidate disagrees (Erdogan in the headline)" \
  "$(jget "$TMP/e004.json" 'sorted(set(c.get("disagree") for c in d["candidates"]))')" "['headline']"
"$T" --db "$SDB" explain "$(jget "$TMP/ss.json" "[a['id'] for s in d['stories'] for a in s['articles'] if '/004_' in a['url']][0]")" >"$TMP/e004.txt"
expect_eq "explain 004: the person the veto holds against" \
  "$(jget "$TMP/e004.json" 'sorted(set(c.get("person") for c in d["candidates"]))')" "['erdogan']"
expect_eq "explain 004 text: says the veto, and no headline mark passes for a shared name" \
  "$(grep -c 'vetoed: the headline names erdogan, whom the story never names' "$TMP/e004.txt") $(grep -c '(headline)' "$TMP/e004.txt")" "2 0"
# Ingest order must not matter: the seeds in reverse order give the same stories.
mkdir -p "$TMP/rev"
k=0
for f in $(ls "$SHARED/seeds"/*.txt | sort -r); do
  cp "$f" "$TMP/rev/r${k}_$(basename "$f")"; k=$((k + 1))
done
RDB="$TMP/rev.db"
"$T" --db "$RDB" ingest "$TMP/rev" >/dev/null 2>&1
"$T" --db "$RDB" stories --json >"$TMP/rs.json"
expect_eq "seeds in reverse order: the same three stories" \
  "$(jget "$TMP/rs.json" 'sorted(sorted(a["url"].split("/")[-1].split("_")[1] for a in s["articles"]) for s in d["stories"])')" \
  "[['000', '001', '002'], ['003'], ['004']]"
finish
