#!/usr/bin/env bash
# CLI tests for `tidings summarize`: the planted conflicts of
# tests/fixtures/synth/ (bridge, mine) found, paraphrases not reported,
# lengths, text output (within 80 columns),
# usage errors, and the seeds story (000-002) when ../shared is present.
set -u
. "$(dirname "$0")/lib.sh"
FX="$(cd "$(dirname "$0")/../fixtures/synth" && pwd)"

"$T" summarize "$FX/bridge.jsonl" --json >"$TMP/b.json" 2>"$TMP/err"
expect_eq "summarize fixture exits 0" $? 0
expect_eq "five planted conflicts" "$(jget "$TMP/b.json" 'len(d["conflicts"])')" "5"
expect_eq "conflict kinds" "$(jget "$TMP/b.json" '",".join(sorted(c["kind"] for c in d["conflicts"]))')" \
  "age,date,number,place,title"
expect_eq "death toll values" \
  "$(jget "$TMP/b.json" '[sorted(v["value"] for v in c["values"]) for c in d["conflicts"] if c["what"]=="death toll"][0]')" \
  "['12 people', 'At least 15 people']"
expect_eq "summary: 5 sentences by default" "$(jget "$TMP/b.json" 'len(d["summary"])')" "5"
expect_eq "summary support is URLs" \
  "$(jget "$TMP/b.json" 'all(s.startswith("https://") for x in d["summary"] for s in x["support"])')" "True"

"$T" summarize "$FX/paraphrase.jsonl" --json >"$TMP/p.json" 2>"$TMP/err"
expect_eq "paraphrases: no conflict" "$(jget "$TMP/p.json" 'len(d["conflicts"])')" "0"
"$T" summarize "$FX/paraphrase2.jsonl" --json >"$TMP/p2.json" 2>"$TMP/err"
expect_eq "rounded figures, press secretary/spokesman, shot/killed: no conflict" \
  "$(jget "$TMP/p2.json" 'len(d["conflicts"])')" "0"

"$T" summarize "$FX/mine.jsonl" --json >"$TMP/m.json" 2>"$TMP/err"
expect_eq "second fixture: three planted conflicts" \
  "$(jget "$TMP/m.json" '",".join(sorted(c["kind"] for c in d["conflicts"]))')" "age,date,number"
expect_eq "second fixture: the toll named far from its number is still the toll" \
  "$(jget "$TMP/m.json" '[len(v["articles"]) for c in d["conflicts"] if c["what"]=="death toll" for v in c["values"] if v["value"]=="23 miners"]')" "[2]"
expect_eq "second fixture: 'said on Monday' dates the statement, not the blast" \
  "$(jget "$TMP/m.json" 'sorted(v["value"] for c in d["conflicts"] if c["kind"]=="date" for v in c["values"])')" \
  "['June 15 (2026-06-15)', 'Sunday (2026-06-14)']"
# Part against whole and different amounts: a town's toll inside a national
# one, "new aid" against a budget, "press secretary" against "spokeswoman"
# are no disputes; two tolls for the one town are.
"$T" summarize "$FX/partwhole.jsonl" --json >"$TMP/pw.json" 2>"$TMP/err"
expect_eq "part/whole fixture: only the planted conflict" \
  "$(jget "$TMP/pw.json" '[(c["what"], sorted(v["value"] for v in c["values"])) for c in d["conflicts"]]')" \
  "[('death toll', ['12 people', '9 people'])]"
COLUMNS=80 "$T" summarize "$FX/mine.jsonl" >"$TMP/m.txt" 2>"$TMP/err"
long=$(awk 'length($0) > 80' "$TMP/m.txt" | head -3)
[ -z "$long" ] && ok "text output fits 80 columns" || not_ok "text output fits 80 columns" "$long"

"$T" summarize "$FX/bridge.jsonl" --sentences 2 --json >"$TMP/s2.json"
expect_eq "--sentences 2" "$(jget "$TMP/s2.json" 'len(d["summary"])')" "2"
"$T" summarize "$FX/bridge.jsonl" --words 30 --json >"$TMP/w.json"
w=$(jget "$TMP/w.json" 'sum(len(x["text"].split()) for x in d["summary"])')
[ "$w" -le 30 ] && [ "$w" -gt 0 ] && ok "--words 30 keeps to 30 words ($w)" || not_ok "--words 30" "$w words"

"$T" summarize "$FX/bridge.jsonl" >"$TMP/t.txt" 2>"$TMP/err"
grep -q '^WHERE THEY DISAGREE (5)' "$TMP/t.txt" && ok "text output lists the conflicts" \
  || not_ok "text output lists the conflicts" "$(head -c 300 "$TMP/t.txt")"

"$T" summarize >/dev/null 2>&1
expect_eq "no PATH: usage error" $? 1
"$T" summarize "$FX/bridge.jsonl" --sentences 2 --words 10 >/dev/null 2>&1
expect_eq "--sentences with --words: usage error" $? 1
"$T" summarize "$TMP/does-not-exist" >/dev/null 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "missing file: error ($rc)" || not_ok "missing file: error" "exit 0"

if [ -d "$SHARED/seeds" ]; then
  "$T" summarize "$SHARED"/seeds/00[012]_*.txt --json >"$TMP/seeds.json" 2>"$TMP/err"
  expect_eq "seeds 000-002 summarize exits 0" $? 0
  expect_eq "seeds: bases kept is consensus of 3" \
    "$(jget "$TMP/seeds.json" 'any("naval facility" in c["text"] and c["sources"]==3 for c in d["consensus"])')" "True"
  expect_eq "seeds: withdrawal order is consensus of 3" \
    "$(jget "$TMP/seeds.json" 'any("withdraw" in c["text"] and c["sources"]==3 for c in d["consensus"])')" "True"
  expect_eq "seeds: messages to other leaders are consensus" \
    "$(jget "$TMP/seeds.json" 'any("heads of state" in c["text"] and c["sources"]>=2 for c in d["consensus"])')" "True"
  expect_eq "seeds: 002's Sochi talks are unique to it" \
    "$(jget "$TMP/seeds.json" 'any("Sochi" in u["text"] and u["article"].endswith("002_e77057349d16fe55.txt") for u in d["unique"])')" "True"
  expect_eq "seeds: 000's collusion background is unique to it" \
    "$(jget "$TMP/seeds.json" 'any("collusion" in u["text"] and u["article"].endswith("000_c29f869564501e89.txt") for u in d["unique"])')" "True"
else
  skip "seeds summarize" "no $SHARED/seeds in this clone"
fi
finish
