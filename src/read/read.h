/*
** read.h — the first stage: turning input bytes into td_articles.
**
** Each format has a parser that takes a byte buffer and its length (never
** trusting a terminator) and hands every article it finds to a td_sink.
** td_read_path walks files and directories, picks the format, and streams:
** JSON Lines and WARC are read record by record, so a corpus is never held in
** memory whole. Problems are reported through sink->diag with the origin,
** line and byte offset; one bad record never stops the others.
*/
#ifndef TD_READ_H
#define TD_READ_H

#include <stddef.h>

#include "article.h"
#include "tidings.h"

typedef struct td_sink {
  /* Called for each article. The sink may take strings out of it (setting the
  ** field to NULL); the reader releases the rest afterwards. Return 0 to go
  ** on, or a TD_E* status to stop reading altogether (a fatal store error). */
  int (*article)(void *ctx, td_article *a);
  /* A diagnostic. `rejected` is 1 when an article or record was dropped
  ** because of it, 0 for a warning (e.g. bytes repaired). */
  void (*diag)(void *ctx, const char *origin, long line, long long offset, const char *msg,
               int rejected);
  void *ctx;
  long long bytes; /* input bytes consumed so far, kept by the readers */
} td_sink;

/* Formatted diagnostic helper for the readers. */
void td_sink_diagf(td_sink *s, const char *origin, long line, long long offset, int rejected,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Guess the format from a file name (may be NULL) and its first bytes. */
td_format td_read_detect(const char *name, const char *head, size_t len);

/* Largest single input a whole-buffer reader accepts, and the longest JSON
** line; larger ones are rejected with a diagnostic. */
#define TD_READ_MAX_DOC ((size_t)32 << 20)

/* Parsers over a whole buffer. Each returns TD_OK, or the status a sink
** returned to stop. Bad data is reported through the sink, not returned. */
int td_read_text(const char *buf, size_t len, const char *origin, td_sink *sink);
int td_read_jsonl(const char *buf, size_t len, const char *origin, td_sink *sink);
/* One line of JSON Lines (without its newline); `line` and `offset` place it. */
int td_read_jsonl_line(const char *buf, size_t len, const char *origin, long line,
                       long long offset, td_sink *sink);
int td_read_html(const char *buf, size_t len, const char *origin, td_sink *sink);
int td_read_warc(const char *buf, size_t len, const char *origin, td_sink *sink);
/* Stream a .warc or .warc.gz file record by record (bounded memory). */
int td_read_warc_fd(int fd, const char *origin, td_sink *sink);
int td_read_rss(const char *buf, size_t len, const char *origin, td_sink *sink);

/* Parse a whole buffer in format `fmt` (TD_FMT_AUTO detects it). */
int td_read_buffer(const char *buf, size_t len, const char *origin, td_format fmt, td_sink *sink);

/* Read a file, a directory (recursively, in name order) or "-" (stdin). */
int td_read_path(const char *path, td_format fmt, td_sink *sink);

#endif
