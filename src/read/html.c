/*
** html.c — the HTML reader: one page, one article.
**
** The page's bytes go into the article as `html`, untouched; the clean stage
** converts the charset, extracts the main text and fills the metadata (the
** canonical URL replaces the file path as `url` when the page has one). The
** reader only checks that the buffer can be a page at all.
*/
#include "read/read.h"
#include "util/alloc.h"

#include <string.h>

int td_read_html(const char *buf, size_t len, const char *origin, td_sink *sink) {
  if (len > TD_READ_MAX_DOC) {
    td_sink_diagf(sink, origin, 0, 0, 1, "the page is %zu MB, more than the %zu MB a page may be",
                  len >> 20, TD_READ_MAX_DOC >> 20);
    return TD_OK;
  }
  size_t i = 0;
  while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')) i++;
  if (i == len) {
    td_sink_diagf(sink, origin, 0, 0, 1, "empty page");
    return TD_OK;
  }
  if (memchr(buf, '<', len < 65536 ? len : 65536) == NULL) {
    td_sink_diagf(sink, origin, 0, 0, 1, "no markup in the first 64 KB: not an HTML page");
    return TD_OK;
  }
  td_article a;
  td_article_init(&a);
  a.origin = origin;
  a.offset = 0;
  /* `html` is a C string: NUL bytes inside a page are dropped (browsers
  ** ignore them too) rather than cutting the page short. */
  char *h = td_malloc(len + 1);
  if (!h) return TD_ENOMEM;
  size_t n = 0;
  for (size_t k = 0; k < len; k++)
    if (buf[k]) h[n++] = buf[k];
  h[n] = '\0';
  a.html = h;
  int rc = sink->article(sink->ctx, &a);
  td_article_release(&a);
  return rc;
}
