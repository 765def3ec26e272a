/* libFuzzer target: the whole ingest pipeline (detect → read → clean →
** normalise → store) on arbitrary bytes, into an in-memory store. The first
** byte picks the format so every reader is reached. */
#include "tidings.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  static td *db;
  if (!db && td_open(":memory:", NULL, &db) != TD_OK) abort();
  td_ingest_opts o = {0};
  o.format = (td_format)(data[0] % 6);
  td_ingest_counts n = {0};
  int rc = td_ingest_buffer(db, (const char *)data + 1, size - 1, "fuzz", &o, &n);
  if (rc != TD_OK && rc != TD_EINPUT) abort(); /* bad input is never a crash or a fatal error */
  char *s = NULL;
  if (td_stats_json(db, &s) != TD_OK) abort();
  td_free(s);
  return 0;
}
