/*
** text.c — plain-text articles: the first non-empty line is the headline,
** the rest is the body, paragraphs separated by blank lines (the seeds'
** format). One buffer is one article; its URL is the path it came from.
*/
#include "read/read.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include <string.h>

/* A headline longer than this is not a headline: the file is probably not
** an article in this format. */
#define MAX_HEADLINE 2000

int td_read_text(const char *buf, size_t len, const char *origin, td_sink *sink) {
  size_t i = 0, bad;
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
  const char *nul = memchr(buf, '\0', len);
  if (nul) {
    td_sink_diagf(sink, origin, 0, (long long)(nul - buf), 1,
                  "binary data (a NUL byte at offset %zu); not a text article",
                  (size_t)(nul - buf));
    return TD_OK;
  }
  if (!td_utf8_valid(buf + i, len - i, &bad)) {
    long line = 1;
    for (size_t k = 0; k < i + bad; k++) line += buf[k] == '\n';
    td_sink_diagf(sink, origin, line, (long long)(i + bad), 1,
                  "invalid UTF-8 at byte offset %zu; convert the file to UTF-8", i + bad);
    return TD_OK;
  }
  /* Skip blank lines to the headline. */
  long line = 1;
  for (;;) {
    size_t k = i;
    while (k < len && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r')) k++;
    if (k < len && buf[k] == '\n') {
      i = k + 1;
      line++;
      continue;
    }
    if (k == len) i = len;
    break;
  }
  if (i >= len) {
    td_sink_diagf(sink, origin, 0, 0, 1, "empty: no headline and no text");
    return TD_OK;
  }
  const char *nl = memchr(buf + i, '\n', len - i);
  size_t hend = nl ? (size_t)(nl - buf) : len;
  if (hend - i > MAX_HEADLINE) {
    td_sink_diagf(sink, origin, line, (long long)i, 1,
                  "the first line is %zu bytes, too long for a headline; not a text article",
                  hend - i);
    return TD_OK;
  }
  td_article a;
  td_article_init(&a);
  a.origin = origin;
  a.line = line;
  a.offset = (long long)i;
  size_t body = nl ? hend + 1 : len;
  int rc = TD_OK;
  if (td_article_set(&a.title, buf + i, hend - i) ||
      td_article_set(&a.text, buf + body, len - body)) {
    rc = TD_ENOMEM;
  } else {
    rc = sink->article(sink->ctx, &a);
  }
  td_article_release(&a);
  return rc;
}
