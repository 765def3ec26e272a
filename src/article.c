/*
** article.c — lifecycle of td_article (see article.h).
*/
#include "article.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>

void td_article_init(td_article *a) {
  memset(a, 0, sizeof *a);
  a->offset = -1;
}

void td_article_release(td_article *a) {
  td_free(a->url);
  td_free(a->source);
  td_free(a->title);
  td_free(a->date);
  td_free(a->byline);
  td_free(a->lang);
  td_free(a->text);
  td_free(a->html);
  for (size_t i = 0; i < a->nremoved; i++) {
    td_free(a->removed[i].text);
    td_free(a->removed[i].reason);
  }
  td_free(a->removed);
  td_article_init(a);
}

int td_article_add_removed(td_article *a, const char *text, size_t len, const char *reason) {
  if (a->nremoved == a->aremoved) {
    size_t n = a->aremoved ? a->aremoved * 2 : 4;
    td_removed *r = td_realloc(a->removed, n * sizeof *r);
    if (!r) return -1;
    a->removed = r;
    a->aremoved = n;
  }
  char *t = td_strndup(text, len);
  char *why = td_strdup(reason);
  if (!t || !why) {
    td_free(t);
    td_free(why);
    return -1;
  }
  a->removed[a->nremoved].text = t;
  a->removed[a->nremoved].reason = why;
  a->nremoved++;
  return 0;
}

int td_article_set(char **field, const char *s, size_t len) {
  char *d = NULL;
  if (s && !(d = td_strndup(s, len))) return -1;
  td_free(*field);
  *field = d;
  return 0;
}

const char *td_article_site(const td_article *a, char *buf, size_t cap) {
  return td_site_of(a->source, a->url, buf, cap);
}

const char *td_site_of(const char *source, const char *url, char *buf, size_t cap) {
  if (source && *source) return source;
  const char *u = url ? strstr(url, "://") : NULL;
  if (!u || !cap) return NULL;
  u += 3;
  size_t n = strcspn(u, "/?#");
  if (!n || n >= cap) return NULL;
  memcpy(buf, u, n);
  buf[n] = '\0';
  return buf;
}
