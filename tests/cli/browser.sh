#!/usr/bin/env bash
# The browser test of the web page (tests/browser/web.test.mjs) as TAP lines
# for tests/run.sh: builds a store from the example corpus with
# examples/ingest.sh (the way examples/README.md says), starts `tidings serve` on a free port, and drives
# Debian's chromium through the page with playwright-core. Screenshots land in
# build/screenshots/. Skipped, with the reason, only when chromium is not
# installed (setup.sh installs it, and node and playwright-core).
set -u
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  skip "browser test" "no chromium at $CHROMIUM (setup.sh installs Debian's chromium)"
  finish; exit
fi
if ! command -v node >/dev/null; then
  not_ok "browser test" "node is not installed (setup.sh installs nodejs)"; finish; exit
fi
if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
  (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    { not_ok "browser test" "playwright-core is missing and npm ci failed in tests/browser"; finish; exit; }
fi

DB="$TMP/ex.db"
# The example corpus with its outlets and dates, as examples/README.md says
# (its answer key numbers the articles in this order).
TIDINGS_DB="$DB" "$ROOT/examples/ingest.sh" "$T" >/dev/null 2>&1 ||
  { not_ok "ingest the example corpus (examples/ingest.sh)"; finish; exit; }

"$T" --db "$DB" serve --listen 127.0.0.1:0 --rate 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 100); do grep -q '^listening on' "$TMP/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$TMP/serve.out")
if [ -z "$URL" ]; then not_ok "server starts for the browser test" "$(cat "$TMP/serve.err")"; finish; exit; fi

mkdir -p "$ROOT/build/screenshots"
# The node test prints its own TAP lines; renumber them after ours.
SCREENSHOTS="$ROOT/build/screenshots" CHROMIUM="$CHROMIUM" \
  timeout 300 node "$ROOT/tests/browser/web.test.mjs" "$URL" >"$TMP/tap" 2>"$TMP/err"
rc=$?
while IFS= read -r line; do
  case $line in
    "ok "*" # SKIP "*) name=${line#ok * - }; skip "${name%% # SKIP *}" "${name#* # SKIP }" ;;
    "ok "*) ok "${line#ok * - }" ;;
    "not ok "*) not_ok "${line#not ok * - }" ;;
    "#"*) echo "$line" ;;
  esac
done <"$TMP/tap"
[ $rc -ne 0 ] && ! grep -q '^not ok' "$TMP/tap" && not_ok "browser test ran" "exit $rc: $(tail -3 "$TMP/err")"
echo "# screenshots in build/screenshots/"
finish
