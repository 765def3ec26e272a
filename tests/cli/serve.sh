#!/usr/bin/env bash
# CLI tests: `tidings search` and `tidings serve` on the real binary — the API's
# routes, shapes, status codes and content types, and the security cases of
# issue 7: oversized bodies, malformed JSON, path traversal, missing and wrong
# tokens, queries full of FTS5 syntax, 1,000 concurrent connections; after
# each the server must still answer. Also: the embedded web page is fresh, and
# on ../shared/seeds "naval facility" finds the story of 000-002 first.
set -u
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB="$TMP/s.db"
TOKEN=0123456789abcdef-test-token
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT

# start_server DB ARGS...: starts `tidings serve` on a free port, sets $URL and $SPID.
start_server() {
  local db=$1; shift
  : >"$TMP/serve.out"
  "$T" --db "$db" serve --listen 127.0.0.1:0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  SPID=$!; PIDS+=("$SPID")
  for _ in $(seq 1 100); do
    grep -q '^listening on' "$TMP/serve.out" 2>/dev/null && break
    sleep 0.1
  done
  URL=$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$TMP/serve.out")
}
# req NAME WANT_STATUS CURL_ARGS...: one request, its status checked; body in $TMP/body.
req() {
  local name=$1 want=$2; shift 2
  local got
  got=$(curl -s -o "$TMP/body" -w '%{http_code}' --max-time 20 "$@")
  if [ "$got" = "$want" ]; then ok "$name"; else not_ok "$name" "status $got, want $want: $(head -c 200 "$TMP/body")"; fi
}
alive() { req "still serving after: $1" 200 "$URL/api/stats"; }
is_json_error() { # the last body is {"error":..., "status":N}
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d["error"], str) and d["status"] == int(sys.argv[2])' "$TMP/body" "$2" 2>/dev/null
  then ok "$1 is a JSON error"; else not_ok "$1 is a JSON error" "$(head -c 200 "$TMP/body")"; fi
}

check "embedded web page is up to date (tools/embed.sh --check)" "$ROOT/tools/embed.sh" --check

# --- a small store of our own
cat >"$TMP/feed.jsonl" <<'EOF'
{"url":"https://gazette.example/1","source":"Harbour Gazette","title":"Ferry service resumes after storm","date":"2031-02-03","text":"The ferry to the islands sailed again on Monday after the storm. The harbour master said the piers were safe.\n\n\"We checked every pier twice,\" said Tomas Brekke, the harbour master. Passengers queued from dawn."}
{"url":"https://courier.example/1","source":"Northern Courier","title":"Islanders cheer first ferry since storm","date":"2031-02-03","text":"Islanders cheered as the first ferry since the storm arrived on Monday. The harbour master said repairs to the piers were finished.\n\n\"Every pier was checked twice,\" Mr Brekke said."}
{"url":"https://courier.example/2","source":"Northern Courier","title":"Council approves new library","date":"2031-05-09","text":"The council approved plans for a new library beside the market square, with a reading room for children."}
EOF
"$T" --db "$DB" ingest "$TMP/feed.jsonl" -q >/dev/null 2>&1
expect_eq "ingest the test feed" $? 0

# --- tidings search
"$T" --db "$DB" search ferry --json >"$TMP/s.json"; expect_eq "search exits 0" $? 0
expect_eq "search groups the two ferry reports" "$(jget "$TMP/s.json" 'sorted(a["id"] for r in d["results"] for a in r["articles"])')" "[1, 2]"
expect_eq "snippet_html marks the match" "$(jget "$TMP/s.json" '"<mark>ferry</mark>" in d["results"][0]["articles"][0]["snippet_html"].lower()')" "True"
"$T" --db "$DB" search 'harbour -cheered' --json >"$TMP/s.json"
expect_eq "-word excludes" "$(jget "$TMP/s.json" '[a["id"] for r in d["results"] for a in r["articles"]]')" "[1]"
"$T" --db "$DB" search 'source:"northern courier" from:2031-05' --json >"$TMP/s.json"
expect_eq "filters only: source and date" "$(jget "$TMP/s.json" '[a["id"] for r in d["results"] for a in r["articles"]]')" "[3]"
"$T" --db "$DB" search 'entity:brekke' --json >"$TMP/s.json"
expect_eq "entity: a surname finds the full name's articles" "$(jget "$TMP/s.json" 'sorted(a["id"] for r in d["results"] for a in r["articles"])')" "[1, 2]"
"$T" --db "$DB" search 'library entity:brekke' --json >"$TMP/s.json"
expect_eq "entity: and a word no such article has" "$(jget "$TMP/s.json" 'd["results"]')" "[]"
"$T" --db "$DB" search 'librar*' --json >"$TMP/s.json"
expect_eq "prefix finds a stemmed word" "$(jget "$TMP/s.json" '[a["id"] for r in d["results"] for a in r["articles"]]')" "[3]"
"$T" --db "$DB" search 'NEAR(ferry storm) title:x ^piers {text}: "AND OR' >"$TMP/out" 2>"$TMP/err"
expect_eq "FTS5 syntax in a query is just words (exit 0)" $? 0
"$T" --db "$DB" search -- '-ferry' >/dev/null 2>"$TMP/err"
expect_eq "only negated words is a usage error" $? 1
"$T" --db "$DB" search 'from:yesterday ferry' >/dev/null 2>&1
expect_eq "a bad date is a usage error" $? 1
"$T" --db "$DB" search "$(printf 'x%.0s' $(seq 1 3000))" >/dev/null 2>&1
expect_eq "an overlong query is a usage error" $? 1

# --- the server: routes, shapes, types
start_server "$DB" --token "$TOKEN" --rate 0
[ -n "$URL" ] && ok "serve prints its address" || not_ok "serve prints its address" "$(cat "$TMP/serve.err")"
req "GET / serves the page" 200 "$URL/"
ct=$(curl -s -o /dev/null -w '%{content_type}' "$URL/"); expect_eq "page is HTML" "$ct" "text/html; charset=utf-8"
req "GET /app.js" 200 "$URL/app.js"
req "GET /style.css" 200 "$URL/style.css"
req "GET /api/stats" 200 "$URL/api/stats"
ct=$(curl -s -o /dev/null -w '%{content_type}' "$URL/api/stats"); expect_eq "API is JSON" "$ct" "application/json; charset=utf-8"
expect_eq "stats counts 3 articles" "$(jget "$TMP/body" 'd["articles"]')" "3"
req "GET /api/articles?limit=2&offset=1" 200 "$URL/api/articles?limit=2&offset=1"
expect_eq "articles paging" "$(jget "$TMP/body" '[a["id"] for a in d["articles"]]')" "[2, 3]"
req "GET /api/articles/1" 200 "$URL/api/articles/1"
expect_eq "article shape as the CLI's" "$(jget "$TMP/body" 'sorted(k for k in d if k in ("id","url","source","title","date","text","removed"))')" "['date', 'id', 'removed', 'source', 'text', 'title', 'url']"
"$T" --db "$DB" article 1 --json >"$TMP/cli.json"
expect_eq "article as the CLI prints it" "$(jget "$TMP/body" 'd')" "$(jget "$TMP/cli.json" 'd')"
req "GET /api/articles/999 is 404" 404 "$URL/api/articles/999"; is_json_error "404" 404
req "GET /api/articles/abc is 400" 400 "$URL/api/articles/abc"; is_json_error "400" 400
req "GET /api/search?q=ferry" 200 "$URL/api/search?q=ferry"
"$T" --db "$DB" search ferry --json >"$TMP/cli.json"
expect_eq "search as the CLI prints it" "$(jget "$TMP/body" 'd["results"]')" "$(jget "$TMP/cli.json" 'd["results"]')"
req "GET /api/search without q is 400" 400 "$URL/api/search"
req "GET /api/search?limit=abc is 400" 400 "$URL/api/search?q=ferry&limit=abc"
req "GET /api/stories" 200 "$URL/api/stories?limit=1"
expect_eq "stories paging: one of all" "$(jget "$TMP/body" '(len(d["stories"]), d["total"] >= 1)')" "(1, True)"
sid=$(jget "$TMP/body" 'd["stories"][0]["id"]')
cp "$TMP/body" "$TMP/page1.json"
req "GET /api/stories (all, newest first)" 200 "$URL/api/stories"
expect_eq "stories: the first page starts the list" "$(jget "$TMP/page1.json" 'd["stories"]')" "$(jget "$TMP/body" 'd["stories"][:1]')"
expect_eq "stories: newest first" "$(jget "$TMP/body" '[s["last_date"] for s in d["stories"]] == sorted((s["last_date"] for s in d["stories"]), reverse=True)')" "True"
"$T" --db "$DB" stories --json >"$TMP/cli.json"
expect_eq "stories: each as the CLI prints it" "$(jget "$TMP/body" 'sorted(d["stories"], key=lambda s: s["id"])')" "$(jget "$TMP/cli.json" 'sorted(d["stories"], key=lambda s: s["id"])')"
cp "$TMP/body" "$TMP/all.json"
req "GET /api/stories?offset=1&limit=1" 200 "$URL/api/stories?offset=1&limit=1"
expect_eq "stories paging: the second" "$(jget "$TMP/body" '(d["stories"], d["offset"], d["limit"])')" "$(jget "$TMP/all.json" '(d["stories"][1:2], 1, 1)')"
req "GET /api/stories?limit=-1 is 400" 400 "$URL/api/stories?limit=-1"
req "GET /api/stories/ID" 200 "$URL/api/stories/$sid"
"$T" --db "$DB" story "$sid" --json >"$TMP/cli.json"
expect_eq "story as the CLI prints it" "$(jget "$TMP/body" 'd')" "$(jget "$TMP/cli.json" 'd')"
# quotes and entities: the CLI's documents, paged as the other lists
req "GET /api/quotes" 200 "$URL/api/quotes"
"$T" --db "$DB" quotes --json >"$TMP/cli.json"
expect_eq "quotes as the CLI prints them" "$(jget "$TMP/body" 'd["quotes"]')" "$(jget "$TMP/cli.json" 'd["quotes"]')"
expect_eq "quotes: total, offset, limit" "$(jget "$TMP/body" '(d["total"], d["offset"], d["limit"])')" "($(jget "$TMP/cli.json" 'len(d["quotes"])'), 0, 100)"
expect_eq "the test feed has quotes by Tomas Brekke" "$(jget "$TMP/body" 'sum(1 for q in d["quotes"] if q["speaker"] and "Brekke" in q["speaker"]) >= 2')" "True"
req "GET /api/quotes?limit=1&offset=1" 200 "$URL/api/quotes?limit=1&offset=1"
expect_eq "quotes paging" "$(jget "$TMP/body" 'd["quotes"]')" "$(jget "$TMP/cli.json" 'd["quotes"][1:2]')"
req "GET /api/quotes?story=ID" 200 "$URL/api/quotes?story=$sid"
"$T" --db "$DB" quotes --story "$sid" --json >"$TMP/cli.json"
expect_eq "quotes of a story as the CLI prints them" "$(jget "$TMP/body" 'd["quotes"]')" "$(jget "$TMP/cli.json" 'd["quotes"]')"
expect_eq "quotes of a story are all of it" "$(jget "$TMP/body" 'all(q["story"] == '"$sid"' for q in d["quotes"])')" "True"
req "GET /api/quotes?speaker=brekke" 200 "$URL/api/quotes?speaker=brekke"
"$T" --db "$DB" quotes --speaker brekke --json >"$TMP/cli.json"
expect_eq "quotes by a speaker as the CLI prints them" "$(jget "$TMP/body" 'd["quotes"]')" "$(jget "$TMP/cli.json" 'd["quotes"]')"
expect_eq "quotes by a speaker: only theirs" "$(jget "$TMP/body" '(len(d["quotes"]) >= 1, all("Brekke" in q["speaker"] for q in d["quotes"]))')" "(True, True)"
req "GET /api/quotes?speaker=nobody-at-all" 200 "$URL/api/quotes?speaker=nobody-at-all"
expect_eq "quotes by an unknown speaker: none" "$(jget "$TMP/body" '(d["quotes"], d["total"])')" "([], 0)"
req "GET /api/quotes?story=abc is 400" 400 "$URL/api/quotes?story=abc"; is_json_error "quotes story=abc" 400
req "GET /api/quotes?story=0 is 400" 400 "$URL/api/quotes?story=0"
req "GET /api/quotes?story=-1 is 400" 400 "$URL/api/quotes?story=-1"
req "GET /api/quotes?story=99999 is 404" 404 "$URL/api/quotes?story=99999"; is_json_error "quotes of no story" 404
req "GET /api/quotes?limit=5000 is 400" 400 "$URL/api/quotes?limit=5000"
req "GET /api/entities" 200 "$URL/api/entities"
ct=$(curl -s -o /dev/null -w '%{content_type}' "$URL/api/entities"); expect_eq "entities are JSON" "$ct" "application/json; charset=utf-8"
"$T" --db "$DB" entities --json >"$TMP/cli.json"
expect_eq "entities as the CLI prints them" "$(jget "$TMP/body" 'd["entities"]')" "$(jget "$TMP/cli.json" 'd["entities"][:100]')"
expect_eq "entities: Tomas Brekke is one of them" "$(jget "$TMP/body" '"Tomas Brekke" in [e["name"] for e in d["entities"]]')" "True"
req "GET /api/entities?story=ID&limit=2" 200 "$URL/api/entities?story=$sid&limit=2"
"$T" --db "$DB" entities --story "$sid" --json >"$TMP/cli.json"
expect_eq "entities of a story, paged" "$(jget "$TMP/body" '(d["entities"], d["total"])')" "$(jget "$TMP/cli.json" '(d["entities"][:2], len(d["entities"]))')"
req "GET /api/entities?limit=2&offset=1" 200 "$URL/api/entities?limit=2&offset=1"
"$T" --db "$DB" entities --json >"$TMP/cli.json"
expect_eq "entities of the store, paged, with the total" "$(jget "$TMP/body" '(d["entities"], d["total"], d["offset"], d["limit"])')" "$(jget "$TMP/cli.json" '(d["entities"][1:3], len(d["entities"]), 1, 2)')"
req "GET /api/quotes?offset=99999 is an empty page" 200 "$URL/api/quotes?offset=99999"
expect_eq "quotes past the end: none, with the total" "$(jget "$TMP/body" '(d["quotes"], d["total"] > 0)')" "([], True)"
req "GET /api/entities?story=99999 is 404" 404 "$URL/api/entities?story=99999"
req "GET /api/entities?story=x is 400" 400 "$URL/api/entities?story=x"
# search by name over HTTP: entity:NAME
req "GET /api/search?q=entity:Brekke" 200 -G --data-urlencode 'q=entity:Brekke' "$URL/api/search"
expect_eq "entity: finds the articles naming Tomas Brekke" "$(jget "$TMP/body" 'sorted(a["id"] for r in d["results"] for a in r["articles"])')" "[1, 2]"
req "GET /api/search?q=ferry entity:\"tomas brekke\" source:..." 200 -G --data-urlencode 'q=ferry entity:"tomas brekke" source:"harbour gazette"' "$URL/api/search"
expect_eq "entity: with words and a source" "$(jget "$TMP/body" '[a["id"] for r in d["results"] for a in r["articles"]]')" "[1]"
req "GET /api/nothing is 404" 404 "$URL/api/nothing"
req "DELETE is 405" 405 -X DELETE "$URL/api/stats"; is_json_error "405" 405

# --- security: traversal
for p in '/../../../../etc/passwd' '/..%2f..%2f..%2fetc%2fpasswd' '/%2e%2e/%2e%2e/etc/passwd' \
         '/api/articles/../../../etc/passwd' '/web/../README.md' '/index.html/..' \
         '/.git/config' '//etc/passwd'; do
  code=$(curl -s --path-as-is -o "$TMP/body" -w '%{http_code}' "$URL$p")
  if { [ "$code" = 404 ] || [ "$code" = 400 ]; } && ! grep -q 'root:' "$TMP/body"; then ok "traversal $p refused ($code)"
  else not_ok "traversal $p refused" "status $code"; fi
done
code=$(curl -s --path-as-is -o "$TMP/body" -w '%{http_code}' "$URL/api/articles/1%00/../../etc/passwd")
if ! grep -q 'root:' "$TMP/body" && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/body" 2>/dev/null; then
  ok "a NUL in the path reaches no file ($code)"; else not_ok "a NUL in the path reaches no file" "status $code"; fi
alive "traversal attempts"

# --- security: FTS5 syntax and hostile queries over HTTP
for q in 'NEAR(a b, 2)' '"unterminated' 'title:ferry' '^ferry' '{title text}: ferry' '*' 'ferry AND' \
         'OR OR OR' '(((((((((ferry' ')))' 'a"b' '; DROP TABLE articles; --' "' OR 1=1 --" '\\' '%00'; do
  code=$(curl -s -G -o "$TMP/body" -w '%{http_code}' --data-urlencode "q=$q" "$URL/api/search")
  if [ "$code" = 200 ] || { [ "$code" = 400 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))["error"]' "$TMP/body" 2>/dev/null; }; then
    ok "query '$q' answered ($code)"
  else not_ok "query '$q' answered" "status $code: $(head -c 200 "$TMP/body")"; fi
done
req "invalid UTF-8 query is 400" 400 "$URL/api/search?q=%ff%fe"
alive "hostile queries"
req "articles table intact" 200 "$URL/api/stats"; expect_eq "still 3 articles" "$(jget "$TMP/body" 'd["articles"]')" "3"

# --- security: ingest over HTTP needs the token
NDJ='Content-Type: application/x-ndjson'
printf '%s\n' '{"url":"https://gazette.example/9","source":"Harbour Gazette","title":"Lighthouse keeper retires","date":"2031-06-01","text":"The last keeper of the north lighthouse retired on Friday after forty years."}' >"$TMP/one.jsonl"
req "POST without a token is 401" 401 -X POST -H "$NDJ" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"; is_json_error "401" 401
req "POST with a wrong token is 401" 401 -X POST -H "$NDJ" -H "Authorization: Bearer nottherighttokenatall" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
req "POST with a token prefix is 401" 401 -X POST -H "$NDJ" -H "Authorization: Bearer ${TOKEN%?}" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
req "POST with Basic auth is 401" 401 -X POST -H "$NDJ" -H "Authorization: Basic $TOKEN" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
req "POST as a form is 415" 415 -X POST -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
req "POST elsewhere is 405" 405 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/one.jsonl" "$URL/api/stats"
req "POST with the token ingests" 200 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
expect_eq "one added" "$(jget "$TMP/body" 'd["added"]')" "1"
req "POST the same again: duplicate" 200 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
expect_eq "one duplicate" "$(jget "$TMP/body" 'd["duplicate"]')" "1"
req "new article is searchable at once" 200 "$URL/api/search?q=lighthouse"
expect_eq "found the posted article" "$(jget "$TMP/body" 'len(d["results"])')" "1"

# --- security: malformed JSON and oversized bodies
printf '{"url": "x", "title": \n{{{{\n[1,2\n' >"$TMP/bad.jsonl"
req "malformed JSON Lines is 400" 400 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/bad.jsonl" "$URL/api/articles"
is_json_error "malformed JSON" 400
expect_eq "each bad line reported" "$(jget "$TMP/body" 'd["rejected"] >= 1 and len(d["errors"]) >= 1')" "True"
req "empty body is 400" 400 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary '' "$URL/api/articles"
kill "$SPID"; wait "$SPID" 2>/dev/null
start_server "$DB" --token "$TOKEN" --rate 0 --max-body 100000
head -c 300000 /dev/zero | tr '\0' 'a' >"$TMP/big"
req "oversized body (Content-Length) is 413" 413 -X POST -H "$NDJ" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/big" "$URL/api/articles"
is_json_error "413" 413
alive "an oversized body"
req "oversized chunked body is 413" 413 -X POST -H "$NDJ" -H "Transfer-Encoding: chunked" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/big" "$URL/api/articles"
alive "an oversized chunked body"
head -c 3000000 /dev/zero | tr '\0' 'a' >"$TMP/huge"
curl -s -o /dev/null -X POST -H "$NDJ" -H "Transfer-Encoding: chunked" -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/huge" "$URL/api/articles"
alive "an endless chunked body (its connection dropped)"
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Long: $long" "$URL/api/stats")
if [ "$code" -ge 400 ] && [ "$code" -lt 500 ]; then ok "a 100 kB header is refused ($code)"; else not_ok "a 100 kB header is refused" "status $code"; fi
alive "a huge header"

# --- 1,000 concurrent connections: each answered (200, or 503/429 when full), then still serving.
# A thousand connections need a thousand descriptors in the server: raise the
# limit for it (root may; `tidings serve` then takes the hard limit). Below
# that, serve caps its connections to what it has and says so on stderr.
kill "$SPID"; wait "$SPID" 2>/dev/null
ulimit -Hn 8192 2>/dev/null; ulimit -n "$(ulimit -Hn)" 2>/dev/null
start_server "$DB" --token "$TOKEN" --rate 0
python3 - "$URL" >"$TMP/conc" 2>&1 <<'PY'
import socket, sys, threading, collections
host, port = sys.argv[1].split("//")[1].split(":")
port = int(port)
socks, counts, lock = [], collections.Counter(), threading.Lock()
for i in range(1000):
    s = socket.create_connection((host, port), timeout=60)
    socks.append(s)
for s in socks:  # every connection open at once, then each sends a request
    s.sendall(b"GET /api/search?q=ferry HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
def read(s):
    data = b""
    try:
        while True:
            b = s.recv(65536)
            if not b: break
            data += b
    except Exception as e:
        data = b"ERR " + type(e).__name__.encode()
    code = data.split(b" ")[1].decode() if data.startswith(b"HTTP/1.1 ") else \
        (data[:40].decode("latin-1") if data else "EOF")
    with lock: counts[code] += 1
    s.close()
ts = [threading.Thread(target=read, args=(s,)) for s in socks]
for t in ts: t.start()
for t in ts: t.join()
print(dict(counts))
bad = sum(v for k, v in counts.items() if k not in ("200", "429", "503"))
sys.exit(1 if bad or counts["200"] == 0 else 0)
PY
if [ $? -eq 0 ]; then ok "1,000 concurrent connections answered: $(cat "$TMP/conc")"; else not_ok "1,000 concurrent connections answered" "$(tail -3 "$TMP/conc"); open files: $(ulimit -n); somaxconn: $(cat /proc/sys/net/core/somaxconn 2>/dev/null); $(cat "$TMP/serve.err")"; fi
alive "1,000 concurrent connections"
kill "$SPID"; wait "$SPID" 2>/dev/null

# --- rate limit: a burst from one address gets 429, as JSON
start_server "$DB" --rate 1
req "POST is 403 when the server has no token" 403 -X POST -H "$NDJ" --data-binary @"$TMP/one.jsonl" "$URL/api/articles"
codes=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{http_code}\n' "$URL/api/stats"; done | sort | uniq -c | tr -s ' ' | tr '\n' ';')
case "$codes" in *429*) ok "rate limit answers 429 ($codes)";; *) not_ok "rate limit answers 429" "$codes";; esac
kill "$SPID"; wait "$SPID" 2>/dev/null

# --- bad options
"$T" --db "$DB" serve --listen nonsense >/dev/null 2>&1; expect_eq "serve --listen nonsense exits 1" $? 1
"$T" --db "$DB" serve --token short >/dev/null 2>&1; expect_eq "serve with a short token exits 1" $? 1

# --- the seeds: "naval facility" finds the story of 000-002 first
if [ -d "$SHARED/seeds" ]; then
  "$T" --db "$TMP/seeds.db" ingest "$SHARED/seeds" -q >/dev/null 2>&1
  "$T" --db "$TMP/seeds.db" search 'naval facility' --json >"$TMP/s.json"
  first=$(jget "$TMP/s.json" '[a["url"].rsplit("/",1)[-1][:3] for a in d["results"][0]["articles"]]')
  case "$first" in
    *000*|*001*|*002*) ok "seeds: 'naval facility' first result is the story of 000-002 ($first)";;
    *) not_ok "seeds: 'naval facility' first result is the story of 000-002" "$first";;
  esac
  story=$(jget "$TMP/s.json" 'd["results"][0]["story"]')
  "$T" --db "$TMP/seeds.db" article "$SHARED/seeds/000_c29f869564501e89.txt" --json >"$TMP/a.json"
  "$T" --db "$TMP/seeds.db" search "story:$story" --json >"$TMP/s2.json"
  expect_eq "seeds: that story holds 000" "$(jget "$TMP/s2.json" "$(jget "$TMP/a.json" 'd["id"]') in [a['id'] for r in d['results'] for a in r['articles']]")" "True"
else
  skip "seeds: naval facility" "no $SHARED/seeds in this clone"
fi
finish
