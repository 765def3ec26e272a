#!/usr/bin/env bash
# CLI tests: `tidings ingest`, `article`, `stats`, and every kind of bad input
# the foundation issue lists, on the real binary.
set -u
. "$(dirname "$0")/lib.sh"
DB="$TMP/t.db"

# --- help, version, usage errors
check "--help lists commands" sh -c "'$T' --help | grep -q ingest"
check "ingest --help shows an example" sh -c "'$T' ingest --help | grep -q example"
check "--version" sh -c "'$T' --version | grep -q '^tidings '"
"$T" --db "$DB" nosuchcommand 2>/dev/null; expect_eq "unknown command exits 1" $? 1
"$T" --db "$DB" ingest 2>/dev/null; expect_eq "ingest without paths exits 1" $? 1
"$T" --db "$DB" ingest --format nope x 2>/dev/null; expect_eq "unknown format exits 1" $? 1

# --- a good file, then again
mkdir -p "$TMP/in"
printf 'Harbour bridge reopens\n\nThe bridge reopened on Monday, the council said.\n\nTraffic was light.\n' >"$TMP/in/a.txt"
"$T" --db "$DB" ingest "$TMP/in/a.txt" --source "Harbour Gazette" --date 2031-04-07 >"$TMP/out" 2>"$TMP/err"
expect_eq "ingest a text file exits 0" $? 0
expect_eq "summary line" "$(cat "$TMP/out")" "ingest: read 1, new 1 (0 exact copies), duplicate 0, rejected 0"
"$T" --db "$DB" ingest "$TMP/in/a.txt" >"$TMP/out" 2>&1
expect_eq "re-ingest adds nothing" "$(cat "$TMP/out")" "ingest: read 1, new 0 (0 exact copies), duplicate 1, rejected 0"
cp "$TMP/in/a.txt" "$TMP/in/copy.txt"
"$T" --db "$DB" ingest "$TMP/in/copy.txt" >"$TMP/out" 2>&1
expect_eq "same text under another path is an exact copy" "$(cat "$TMP/out")" "ingest: read 1, new 1 (1 exact copies), duplicate 0, rejected 0"
"$T" --db "$DB" article 1 --json >"$TMP/a.json"
expect_eq "article --json title" "$(jget "$TMP/a.json" 'd["title"]')" "Harbour bridge reopens"
expect_eq "article --json source from --source" "$(jget "$TMP/a.json" 'd["source"]')" "Harbour Gazette"
expect_eq "article --json date from --date" "$(jget "$TMP/a.json" 'd["date"]')" "2031-04-07"
expect_eq "article --json has removed[]" "$(jget "$TMP/a.json" 'type(d["removed"]).__name__')" "list"
"$T" --db "$DB" article "$TMP/in/a.txt" --json >"$TMP/b.json"
expect_eq "article by URL (path)" "$(jget "$TMP/b.json" 'd["id"]')" "1"
"$T" --db "$DB" article 99 >/dev/null 2>"$TMP/err"; expect_eq "missing article exits 2" $? 2
"$T" --db "$DB" stats --json >"$TMP/s.json"
expect_eq "stats --json articles" "$(jget "$TMP/s.json" 'd["articles"]')" "2"
expect_eq "stats --json copies" "$(jget "$TMP/s.json" 'd["copies"]')" "1"
expect_eq "stats has every DESIGN key" "$(jget "$TMP/s.json" 'sorted(d)==sorted(["articles","copies","stories","threads","sources","quotes","entities"])')" "True"

# --- bad input: each gets a clear error naming the file, the rest is stored, exit 2
B="$TMP/bad"; mkdir -p "$B"
printf 'Good headline\n\nGood body sentence.\n' >"$B/1-good.txt"
printf 'Latin headline\n\nCaf\xe9 au lait.\n' >"$B/2-latin1.txt"
: >"$B/3-empty.txt"
head -c 3000 /dev/urandom >"$B/4-binary.txt"; printf '\0' >>"$B/4-binary.txt"
{ printf '{"url":"j1","text":"First line ok."}\n{"url":"j2","text": broken\n{"url":"j3","text":"Third line ok."}\n'; } >"$B/5-mixed.jsonl"
python3 -c "
import sys
with open(sys.argv[1],'w') as f:
    f.write('{\"url\":\"big\",\"text\":\"' + 'x'*(50*1024*1024) + '\"}\n')
    f.write('{\"url\":\"after-big\",\"text\":\"Still read after the big line.\"}\n')
" "$B/6-50mb.jsonl"
printf 'Unreadable\n\nbody\n' >"$B/7-noperm.txt"; chmod 000 "$B/7-noperm.txt"
cp "$DB" "$TMP/before.db"
"$T" --db "$DB" ingest "$B" "$TMP/does-not-exist" >"$TMP/out" 2>"$TMP/err"
expect_eq "a batch with bad input exits 2" $? 2
grep -q "2-latin1.txt:3: invalid UTF-8 at byte offset" "$TMP/err" && ok "invalid UTF-8 names file, line and offset" || not_ok "invalid UTF-8 names file, line and offset" "$(cat "$TMP/err")"
grep -q "3-empty.txt.*empty" "$TMP/err" && ok "empty file reported" || not_ok "empty file reported"
grep -q "4-binary.txt.*byte" "$TMP/err" && ok "binary file reported with offset" || not_ok "binary file reported with offset"
grep -q "5-mixed.jsonl:2: invalid JSON" "$TMP/err" && ok "malformed JSON line named by line" || not_ok "malformed JSON line named by line"
grep -q "6-50mb.jsonl:1: line longer than" "$TMP/err" && ok "50 MB line rejected by line" || not_ok "50 MB line rejected by line"
if [ "$(id -u)" -eq 0 ]; then skip "unreadable file reported" "root can read any file"
else grep -q "7-noperm.txt: cannot open" "$TMP/err" && ok "unreadable file reported" || not_ok "unreadable file reported"; fi
grep -q "does-not-exist: cannot open" "$TMP/err" && ok "missing path reported" || not_ok "missing path reported"
"$T" --db "$DB" stats --json >"$TMP/s2.json"
want=$(( 2 + 1 + 2 + 1 )); [ "$(id -u)" -eq 0 ] && want=$((want + 1))
expect_eq "the good articles of the batch are stored" "$(jget "$TMP/s2.json" 'd["articles"]')" "$want"
"$T" --db "$DB" article 1 --json >"$TMP/a2.json"
expect_eq "nothing already stored changed" "$(jget "$TMP/a2.json" 'd')" "$(jget "$TMP/a.json" 'd')"
chmod 600 "$B/7-noperm.txt"

# --- stdin, JSON summary
printf '{"url":"s1","title":"From stdin","text":"Body from stdin."}\n' | "$T" --db "$DB" ingest - --json >"$TMP/o.json"
expect_eq "stdin JSON Lines" "$(jget "$TMP/o.json" 'd["new"]')" "1"
printf 'Stdin headline\n\nStdin body.\n' | "$T" --db "$DB" ingest - >/dev/null 2>&1
expect_eq "stdin plain text" $? 0

# --- a non-database file as the store
echo "plain words, not a database at all......................................" >"$TMP/notdb"
"$T" --db "$TMP/notdb" stats >/dev/null 2>"$TMP/err"
rc=$?; [ $rc -eq 3 ] && grep -q notdb "$TMP/err" && ok "a non-database store is a clear error" || not_ok "a non-database store is a clear error" "rc=$rc $(cat "$TMP/err")"

# --- kill -9 during a long ingest leaves a store the next ingest continues
python3 -c "
import json,sys
with open(sys.argv[1],'w') as f:
    for i in range(40000):
        f.write(json.dumps({'url':'k%d'%i,'title':'Item %d'%i,'text':'Sentence number %d about the harbour works. '%i*20})+'\n')
" "$TMP/kill.jsonl"
K="$TMP/kill.db"
"$T" --db "$K" ingest "$TMP/kill.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do sleep 0.05; [ -s "$K-wal" ] && break; done
sleep 0.3; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$T" --db "$K" stats --json >"$TMP/k1.json" 2>"$TMP/err"
expect_eq "store opens after kill -9" $? 0
check "integrity check after kill -9" sh -c "sqlite3 '$K' 'PRAGMA integrity_check' | grep -qx ok"
"$T" --db "$K" ingest "$TMP/kill.jsonl" >/dev/null 2>&1
"$T" --db "$K" stats --json >"$TMP/k2.json"
expect_eq "the next ingest completes the corpus" "$(jget "$TMP/k2.json" 'd["articles"]')" "40000"

# --- two ingests at once: the second waits, nothing is corrupted
C="$TMP/conc.db"
"$T" --db "$C" ingest "$TMP/kill.jsonl" >/dev/null 2>&1 & p1=$!
"$T" --db "$C" ingest "$TMP/in/a.txt" "$TMP/kill.jsonl" >/dev/null 2>&1 & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
expect_eq "two concurrent ingests both succeed" "$r1 $r2" "0 0"
"$T" --db "$C" stats --json >"$TMP/c.json"
expect_eq "concurrent ingests store each article once" "$(jget "$TMP/c.json" 'd["articles"]')" "40001"

finish
