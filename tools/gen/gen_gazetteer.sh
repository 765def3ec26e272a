#!/bin/sh
# Regenerate src/extract/gazetteer_table.c (run from the repository root).
# Needs the Debian packages iso-codes and tzdata, and libjansson-dev.
set -e
out=${TMPDIR:-/tmp}/gen_gazetteer.$$
cc -std=c11 -O2 tools/gen/gen_gazetteer.c $(pkg-config --cflags --libs jansson) -o "$out"
"$out" /usr/share/iso-codes/json /usr/share/zoneinfo/zone1970.tab tools/gen/gazetteer.txt \
  > src/extract/gazetteer_table.c
rm -f "$out"
