/*
** buf.c — owned growable buffer with a hard cap (see buf.h).
*/
#include "util/buf.h"
#include "util/alloc.h"
#include "tidings.h"

#include <stdio.h>
#include <string.h>

void td_buf_init(td_buf *b, size_t cap) {
  b->ptr = NULL;
  b->len = b->alloc = 0;
  b->cap = cap;
}

void td_buf_release(td_buf *b) {
  td_free(b->ptr);
  b->ptr = NULL;
  b->len = b->alloc = 0;
}

void td_buf_clear(td_buf *b) {
  b->len = 0;
  if (b->ptr) b->ptr[0] = '\0';
}

static int grow(td_buf *b, size_t need) {
  size_t cap = b->cap ? b->cap : TD_BUF_DEFAULT_CAP;
  if (need > cap || need < b->len) return -1;
  if (need + 1 <= b->alloc) return 0;
  size_t n = b->alloc ? b->alloc : 64;
  while (n < need + 1) n = n * 2 > n ? n * 2 : need + 1;
  if (n > cap + 1) n = cap + 1;
  char *p = td_realloc(b->ptr, n);
  if (!p) return -1;
  b->ptr = p;
  b->alloc = n;
  return 0;
}

int td_buf_append(td_buf *b, const void *p, size_t n) {
  if (grow(b, b->len + n)) return -1;
  if (n) memcpy(b->ptr + b->len, p, n);
  b->len += n;
  b->ptr[b->len] = '\0';
  return 0;
}

int td_buf_puts(td_buf *b, const char *s) { return td_buf_append(b, s, strlen(s)); }
int td_buf_putc(td_buf *b, char c) { return td_buf_append(b, &c, 1); }

int td_buf_vprintf(td_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap2);
  va_end(ap2);
  if (n < 0) return -1;
  if ((size_t)n < sizeof small) return td_buf_append(b, small, (size_t)n);
  if (grow(b, b->len + (size_t)n)) return -1;
  vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return 0;
}

int td_buf_printf(td_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = td_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

char *td_buf_detach(td_buf *b) {
  if (!b->ptr && grow(b, 0)) return NULL;
  char *p = b->ptr;
  p[b->len] = '\0';
  b->ptr = NULL;
  b->len = b->alloc = 0;
  return p;
}
