/*
** buf.h — the two string kinds of tidings.
**
** td_slice is a borrowed {ptr,len} view (tokens, spans into an article's
** text; offsets are bytes). td_buf is the one owned, growable byte buffer,
** always NUL-terminated, with a hard cap so no input can make it grow
** without bound (curl's dynbuf).
*/
#ifndef TD_BUF_H
#define TD_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct td_slice {
  const char *ptr;
  size_t len;
} td_slice;

#define TD_BUF_DEFAULT_CAP ((size_t)256 << 20) /* 256 MB */

typedef struct td_buf {
  char *ptr;  /* NUL-terminated when non-NULL */
  size_t len;
  size_t alloc;
  size_t cap; /* hard limit on len; 0 means TD_BUF_DEFAULT_CAP */
} td_buf;

#define TD_BUF_INIT {NULL, 0, 0, 0}

void td_buf_init(td_buf *b, size_t cap);
void td_buf_release(td_buf *b);          /* frees; b is then empty */
void td_buf_clear(td_buf *b);            /* len = 0, keeps memory */
/* The append functions return 0, or -1 when out of memory or over the cap
** (the buffer is then unchanged). */
int td_buf_append(td_buf *b, const void *p, size_t n);
int td_buf_puts(td_buf *b, const char *s);
int td_buf_putc(td_buf *b, char c);
int td_buf_printf(td_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int td_buf_vprintf(td_buf *b, const char *fmt, va_list ap);
/* Give away the contents (caller frees with td_free); b becomes empty.
** Returns "" (allocated) for an empty buffer, NULL on OOM. */
char *td_buf_detach(td_buf *b);

#endif
