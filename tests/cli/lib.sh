# tests/cli/lib.sh — TAP helpers shared by the CLI tests (sourced, not run).
# Each test prints "ok N - name" or "not ok N - name"; the file exits 1 if any failed.
T=${TIDINGS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/tidings}
SHARED=${TIDINGS_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared}
TMP=$(mktemp -d /tmp/tidings-cli-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
n=0 failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; [ $# -gt 1 ] && echo "#   $2"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then ok "$name"; else not_ok "$name" "$(head -c 400 "$TMP/err")"; fi
}
expect_eq() { # expect_eq NAME GOT WANT
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', want '$3'"; fi
}
jget() { # jget FILE EXPR: a value from a JSON document via python3
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
finish() { echo "1..$n"; [ "$failures" -eq 0 ]; }
