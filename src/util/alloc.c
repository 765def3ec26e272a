/*
** alloc.c — hookable allocation (see alloc.h).
*/
#include "util/alloc.h"
#include "tidings.h"

#include <stdlib.h>
#include <string.h>

static long fail_countdown = -1; /* < 0: never fail */
static long alloc_count;

static int should_fail(void) {
  alloc_count++;
  if (fail_countdown < 0) return 0;
  if (fail_countdown == 0) return 1;
  fail_countdown--;
  return 0;
}

long td_alloc_fail_after(long n) {
  long made = alloc_count;
  alloc_count = 0;
  fail_countdown = n;
  return made;
}

void *td_malloc(size_t n) {
  if (should_fail()) return NULL;
  return malloc(n ? n : 1);
}

void *td_calloc(size_t n, size_t size) {
  if (should_fail()) return NULL;
  return calloc(n ? n : 1, size ? size : 1);
}

void *td_realloc(void *p, size_t n) {
  if (should_fail()) return NULL;
  return realloc(p, n ? n : 1);
}

void td_free(void *p) { free(p); }

char *td_strndup(const char *s, size_t n) {
  if (!s) return NULL;
  char *d = td_malloc(n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *td_strdup(const char *s) { return s ? td_strndup(s, strlen(s)) : NULL; }
