#!/usr/bin/env bash
# examples/ingest.sh — ingest the example corpus with its metadata: the JSON
# Lines feed carries its own; a plain-text file carries none, so its outlet
# comes from its directory and its date from the start of its file name.
# Usage: examples/ingest.sh [TIDINGS_BINARY] (the store is --db / $TIDINGS_DB).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
T=${1:-$here/../build/tidings}
rc=0
"$T" ingest "$here/feed.jsonl" || rc=$?
for f in "$here"/text/*/*.txt; do
  case $f in
    */harbour-gazette/*)  s="The Harbour Gazette" ;;
    */valdoria-today/*)   s="Valdoria Today" ;;
    */northern-courier/*) s="Northern Courier" ;;
    */lantern-post/*)     s="Lantern Post" ;;
    *)                    s="" ;;
  esac
  "$T" ingest "$f" --source "$s" --date "$(basename "$f" | cut -c1-10)" >/dev/null || rc=$?
done
exit $rc
