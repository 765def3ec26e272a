/*
** testutil.h — what the unit tests share: cmocka, temporary files, and
** where ../shared is (NULL when this clone has none, so tests can skip).
*/
#ifndef TD_TESTUTIL_H
#define TD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* $TIDINGS_SHARED, else ../shared from the repo root, when it has seeds/. */
static inline const char *tu_shared(void) {
  static char path[4096];
  const char *env = getenv("TIDINGS_SHARED");
  snprintf(path, sizeof path, "%s", env && *env ? env : "../shared");
  char probe[4200];
  snprintf(probe, sizeof probe, "%s/seeds", path);
  return access(probe, R_OK) == 0 ? path : NULL;
}

/* A fresh temporary directory path (created) for this test run. */
static inline const char *tu_tmpdir(void) {
  static char dir[64];
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/tidings-test-XXXXXX");
    if (!mkdtemp(dir)) abort();
  }
  return dir;
}

/* Write `len` bytes to tmpdir/name and return the path (static buffer). */
static inline const char *tu_write(const char *name, const void *data, size_t len) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (len && fwrite(data, 1, len, f) != len) abort();
  fclose(f);
  return path;
}

#endif
