/*
** clean.c — the clean stage's entry point (see clean.h).
**
** An article with `html` first goes through main-text extraction
** (extract_html.c), which also fills the metadata the reader left unset.
** Then every article, text or HTML, is tidied (lines trimmed, spaces
** collapsed, paragraphs separated by exactly one blank line) and its
** boilerplate sentences removed (boilerplate.c), each removal recorded.
*/
#include "clean/clean.h"
#include "clean/clean_int.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <string.h>

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Tidy s into a fresh string: trim each line, collapse runs of blanks inside
** a line, keep single newlines inside a paragraph, one blank line between
** paragraphs, none at either end. */
static char *tidy(const char *s, size_t len) {
  td_buf b = TD_BUF_INIT;
  size_t i = 0;
  int pending_par = 0, pending_nl = 0;
  while (i < len) {
    size_t e = i;
    while (e < len && s[e] != '\n') e++;
    size_t a = i, z = e;
    while (a < z && is_space((unsigned char)s[a])) a++;
    while (z > a && is_space((unsigned char)s[z - 1])) z--;
    if (a == z) {
      if (b.len) pending_par = 1;
    } else {
      if (b.len && pending_par) {
        if (td_buf_append(&b, "\n\n", 2)) goto oom;
      } else if (b.len && pending_nl) {
        if (td_buf_putc(&b, '\n')) goto oom;
      }
      pending_par = 0;
      for (size_t k = a; k < z; k++) {
        unsigned char c = (unsigned char)s[k];
        if (is_space(c)) {
          if (k > a && is_space((unsigned char)s[k - 1])) continue;
          c = ' ';
        }
        if (td_buf_putc(&b, (char)c)) goto oom;
      }
      pending_nl = 1;
    }
    i = e + 1;
  }
  return td_buf_detach(&b);
oom:
  td_buf_release(&b);
  return NULL;
}

int td_clean_article(td_article *a, const char **why) { return td_clean_article_ctx(a, NULL, why); }

int td_clean_article_ctx(td_article *a, const td_clean_ctx *ctx, const char **why) {
  *why = NULL;
  if (a->html) {
    int rc = td_clean_html(a, why);
    if (rc) return rc;
  }
  if (!a->text) {
    *why = "no article text";
    return TD_EINPUT;
  }
  char *t = tidy(a->text, strlen(a->text));
  if (!t) return TD_ENOMEM;
  td_free(a->text);
  a->text = t;
  if (td_clean_boilerplate(a, ctx)) return TD_ENOMEM;
  if (a->title) {
    char *h = tidy(a->title, strlen(a->title));
    if (!h) return TD_ENOMEM;
    for (char *p = h; *p; p++)
      if (*p == '\n') *p = ' ';
    td_free(a->title);
    a->title = h;
  }
  if (a->byline) {
    char *h = tidy(a->byline, strlen(a->byline));
    if (!h) return TD_ENOMEM;
    for (char *p = h; *p; p++)
      if (*p == '\n') *p = ' ';
    td_free(a->byline);
    a->byline = h;
  }
  if (!*a->text) {
    *why = "the article has no body text";
    return TD_EINPUT;
  }
  return TD_OK;
}
