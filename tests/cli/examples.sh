#!/usr/bin/env bash
# tests/cli/examples.sh — the real tidings binary on the example corpus.
#
# Ingests examples/ (feed.jsonl, then each plain-text file with the --source
# and --date that examples/README.md gives it) into a fresh store in a temp
# directory, and checks what examples/README.md promises: the summary line,
# the counts of `stats --json`, that a second ingest adds nothing, the fields
# of `article --json` for a JSONL article, a crawler-style line and a text
# file, boilerplate kept out of the text, the copy containing its original,
# a directory walk that skips README.md, stdin, and an exact copy under
# another URL. Prints TAP (`ok N - name` / `not ok N - name`), exits 1 when
# anything failed.
#
# Environment: TIDINGS (the binary) or B (its build dir, default build); run
# from anywhere. Needs jq to read the JSON.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
B=${B:-build}
BIN=${TIDINGS:-$B/tidings}
case $BIN in /*) ;; *) BIN=$root/$BIN ;; esac
EX=examples

if [ ! -x "$BIN" ]; then
  echo "Bail out! $BIN is not built"
  exit 1
fi
if ! command -v jq >/dev/null 2>&1; then
  echo "Bail out! jq is needed to read tidings' JSON (apt-get install jq)"
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-examples.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
DB=$tmp/x.db

n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/#   /'; done
}

# t DB ARGS...: run tidings; stdout in $tmp/out, stderr in $tmp/err, status in RC.
t() {
  local db=$1
  shift
  "$BIN" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
  RC=$?
}
# The summary line, wherever the CLI printed it.
summary() { cat "$tmp/out" "$tmp/err" | grep -m1 'read [0-9]'; }
# num KEY: the number after KEY in the summary line ("read 11, new 11, ...").
num() { summary | grep -o "$1 [0-9]*" | head -1 | awk '{print $2}'; }
# expect_counts NAME READ NEW DUP REJ: check the last run's summary line.
expect_counts() {
  local got
  got="$(num read)/$(num new)/$(num duplicate)/$(num rejected)"
  if [ "$RC" -eq 0 ] && [ "$got" = "$2/$3/$4/$5" ]; then
    pass "$1"
  else
    fail "$1" "expected exit 0 and read $2, new $3, duplicate $4, rejected $5" \
      "got exit $RC: $(summary)" "stderr: $(head -3 "$tmp/err")"
  fi
}
# jcheck NAME FILTER: jq -e FILTER on the last stdout must be true.
jcheck() {
  if jq -e "$2" "$tmp/out" >/dev/null 2>&1; then
    pass "$1"
  else
    fail "$1" "jq -e '$2' is false on: $(head -c 400 "$tmp/out")"
  fi
}

source_of() {
  case $1 in
  */harbour-gazette/*) echo "The Harbour Gazette" ;;
  */valdoria-today/*) echo "Valdoria Today" ;;
  */northern-courier/*) echo "Northern Courier" ;;
  */lantern-post/*) echo "Lantern Post" ;;
  *) echo "unknown" ;;
  esac
}

# ---------------------------------------------------------------- ingest
t "$DB" ingest $EX/feed.jsonl
expect_counts "ingest feed.jsonl: read 11, new 11, duplicate 0, rejected 0" 11 11 0 0
if [ -s "$tmp/out" ] || [ -s "$tmp/err" ]; then
  lines=$(cat "$tmp/out" "$tmp/err" | wc -l)
  if [ "$lines" -eq 1 ]; then pass "ingest prints one summary line and nothing else"; else
    fail "ingest prints one summary line and nothing else" "got $lines lines"
  fi
else
  fail "ingest prints one summary line and nothing else" "it printed nothing"
fi

bad=""
count=0
for f in "$EX"/text/*/*.txt; do
  count=$((count + 1))
  t "$DB" ingest "$f" --source "$(source_of "$f")" --date "$(basename "$f" | cut -c1-10)"
  [ "$RC" -eq 0 ] && [ "$(num new)" = 1 ] || bad="$bad $f(exit $RC: $(summary))"
done
if [ -z "$bad" ] && [ "$count" -eq 6 ]; then
  pass "ingest each of the 6 text files with --source and --date: new 1 each"
else
  fail "ingest each of the 6 text files with --source and --date: new 1 each" "files: $count" "$bad"
fi

t "$DB" stats --json
jcheck "stats --json has every field, as numbers" \
  '[.articles,.copies,.stories,.threads,.sources,.quotes,.entities] | all(type == "number")'
jcheck "stats --json: 17 articles" '.articles == 17'
jcheck "stats --json: 6 sources (5 outlets, one named by its domain)" '.sources == 6'

# ------------------------------------------------------------- idempotent
t "$DB" ingest $EX/feed.jsonl $EX/text
expect_counts "re-ingest feed.jsonl and text/: read 17, new 0, duplicate 17" 17 0 17 0
t "$DB" stats --json
jcheck "stats --json after re-ingest: still 17 articles, 0 copies" '.articles == 17 and .copies == 0'

# ---------------------------------------------------------------- article
t "$DB" article 1 --json
jcheck "article 1 --json: id, url, source, title, date of feed line 1" '
  .id == 1
  and .url == "https://meridianwire.example/2024/03/04/floods-kill-seven-in-port-ilmen"
  and .source == "Meridian Wire"
  and .title == "Floods kill seven in Port Ilmen as river Ilm bursts its banks"
  and .date == "2024-03-04"'
jcheck "article 1 --json: text starts with the dateline, keeps paragraphs, no edge space" '
  (.text | startswith("PORT ILMEN, Valdoria (Meridian Wire) — At least seven people"))
  and (.text | contains("\n\n"))
  and (.text | test("^\\s|\\s$") | not)
  and (.text | endswith("along the Old Docks, has been finished."))'
jcheck "article 1 --json: removed is an empty array" '.removed == []'

t "$DB" article https://valdoriatoday.example/national/2025/03/12/flood-returns-to-port-ilmen --json
jcheck "article by URL, crawler fields: source_domain, date_publish, title, maintext" '
  .id == 11
  and .source == "valdoriatoday.example"
  and (.date | startswith("2025-03-12"))
  and .title == "Flood returns to Port Ilmen as barrier gap lets the river in"
  and (.text | startswith("PORT ILMEN – Port Ilmen was flooded"))
  and (.text | contains("“The spring rains have come.”"))'

nc=$EX/text/northern-courier/2024-03-04-deadly-flood-swamps-port-ilmen.txt
t "$DB" article "$nc" --json
jcheck "article by path (text file): headline, --source, --date, url is the path" "
  .url == \"$nc\"
  and .title == \"Deadly flood swamps Port Ilmen: seven dead, thousands flee\"
  and .source == \"Northern Courier\"
  and .date == \"2024-03-04\""
jcheck "text file: the headline is not repeated in the body; the body starts after it" '
  (.text | contains("Deadly flood swamps") | not)
  and (.text | contains("PORT ILMEN, Valdoria (Meridian Wire) — At least seven"))'
cp "$tmp/out" "$tmp/copy.json"
jcheck "text file: newsletter, byline and comment lines removed, each with a reason" '
  (.text | contains("Sign up for the Courier") | not)
  and (.text | contains("Join the conversation") | not)
  and (.text | test("^By Meridian Wire"; "m") | not)
  and ([.removed[].text] | any(startswith("Sign up for the Courier")))
  and ([.removed[].text] | any(startswith("Join the conversation")))
  and (.removed | all(.reason | type == "string" and length > 0))'

t "$DB" article 1 --json
if jq -e --slurpfile c "$tmp/copy.json" '$c[0].text | contains($orig)' --arg orig "$(jq -r .text "$tmp/out")" \
  -n >/dev/null 2>&1; then
  pass "the Northern Courier copy (15) contains Meridian Wire's article (1) whole"
else
  fail "the Northern Courier copy (15) contains Meridian Wire's article (1) whole"
fi

t "$DB" article 4 --json
jcheck "Lantern Post (4): donation appeal and comment line removed, with their text" '
  (.text | contains("please consider a donation") | not)
  and (.text | contains("Join the conversation") | not)
  and ([.removed[].text] | any(contains("please consider a donation")))
  and ([.removed[].text] | any(startswith("Join the conversation")))'
jcheck "Lantern Post (4): the whole appeal paragraph goes, the text starts at the dateline" '
  (.text | startswith("PORT ILMEN — Four days after"))
  and (.text | endswith("whose act the wall was.\""))'

t "$DB" article 2 --json
jcheck "Harbour Gazette (2): photo caption removed" '
  (.text | contains("Photo: A rescue boat") | not)
  and ([.removed[].text] | any(startswith("Photo: A rescue boat")))'

t "$DB" article 14 --json
jcheck "Lantern Post (14): a sentence naming the outlet is reporting, not boilerplate" '
  .url == "examples/text/lantern-post/2024-09-20-tervane-director-detained.txt"
  and (.text | contains("The Lantern Post has not seen the inspection records."))'

t "$DB" article 7 --json
jcheck "article 7: curly quotes in the title and text kept as written" '
  (.title | startswith("“No line on a map can cut a river”"))
  and (.text | contains("“We are not two countries divided by a border"))'

t "$DB" article 9999 --json
if [ "$RC" -eq 2 ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/err" ]; then
  pass "article 9999: exit 2, a message on stderr, nothing on stdout"
else
  fail "article 9999: exit 2, a message on stderr, nothing on stdout" "exit $RC, stdout $(wc -c <"$tmp/out") bytes"
fi

# ------------------------------------------------- other ways in, fresh stores
t "$tmp/dir.db" ingest $EX/
expect_counts "ingest examples/ (a directory): read 17, README.md is not an article" 17 17 0 0

t "$tmp/dir.db" article $EX/text/valdoria-today/2024-09-18-drosk-fire-questions-over-warehouse.txt --json
jcheck "ingest examples/: text files keep their path as url and their headline" '
  .title == "Drosk fire: one dead, questions over what was stored in warehouse"'

"$BIN" --db "$tmp/stdin.db" ingest - <$EX/feed.jsonl >"$tmp/out" 2>"$tmp/err"
RC=$?
expect_counts "ingest - (feed.jsonl on stdin): read 11, new 11" 11 11 0 0

head -1 $EX/feed.jsonl |
  jq -c '.url = "https://mirror.example/wire/port-ilmen-floods" | .source = "Mirror" | .id = "mirror-1"' |
  "$BIN" --db "$tmp/stdin.db" ingest - >"$tmp/out" 2>"$tmp/err"
RC=$?
expect_counts "article 1's text under another URL: stored as new" 1 1 0 0
t "$tmp/stdin.db" stats --json
jcheck "... and counted as an exact copy" '.articles == 12 and .copies == 1'

echo "1..$n"
if [ "$failed" -gt 0 ]; then
  echo "# $failed of $n failed"
  exit 1
fi
echo "# all $n passed"
exit 0
