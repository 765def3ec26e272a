/*
** jsonl.c — JSON Lines articles, one object per line (jansson).
**
** Fields (DESIGN.md): id, url, source, title, date, text or html; the
** names news crawlers write are accepted too: maintext, date_publish,
** source_domain, headline, description, language, authors. A line that is
** not a JSON object, or has neither text nor html, is rejected with its line
** number and byte offset; the lines around it are read as usual.
*/
#include "read/read.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The first of `names` that is a non-empty string in obj, or NULL. */
static const char *field(json_t *obj, const char *const *names, size_t *len) {
  for (; *names; names++) {
    json_t *v = json_object_get(obj, *names);
    if (json_is_string(v) && json_string_length(v) > 0) {
      *len = json_string_length(v);
      return json_string_value(v);
    }
  }
  return NULL;
}

static int set_field(char **dst, json_t *obj, const char *const *names) {
  size_t len = 0;
  const char *v = field(obj, names, &len);
  return v ? td_article_set(dst, v, len) : 0;
}

/* Authors as one byline: a string, or an array of strings joined by ", ". */
static int set_byline(td_article *a, json_t *obj) {
  static const char *const names[] = {"byline", "author", "authors", NULL};
  for (const char *const *n = names; *n; n++) {
    json_t *v = json_object_get(obj, *n);
    if (json_is_string(v) && json_string_length(v))
      return td_article_set(&a->byline, json_string_value(v), json_string_length(v));
    if (json_is_array(v) && json_array_size(v)) {
      td_buf b = TD_BUF_INIT;
      size_t i;
      json_t *e;
      json_array_foreach(v, i, e) {
        if (!json_is_string(e)) continue;
        if ((b.len && td_buf_puts(&b, ", ")) || td_buf_puts(&b, json_string_value(e))) {
          td_buf_release(&b);
          return -1;
        }
      }
      int rc = b.len ? td_article_set(&a->byline, b.ptr, b.len) : 0;
      td_buf_release(&b);
      return rc;
    }
  }
  return 0;
}

/* Dates may be strings, or numbers of seconds since the epoch. */
static int set_date(td_article *a, json_t *obj) {
  static const char *const names[] = {"date", "date_publish", "published", "pubdate",
                                      "datePublished", "date_modify", "date_download", NULL};
  for (const char *const *n = names; *n; n++) {
    json_t *v = json_object_get(obj, *n);
    if (json_is_string(v) && json_string_length(v))
      return td_article_set(&a->date, json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
      long long t = json_integer_value(v);
      if (t > 1000000000000LL) t /= 1000; /* milliseconds */
      char tmp[32];
      snprintf(tmp, sizeof tmp, "%lld", t);
      time_t tt = (time_t)t;
      struct tm tmv;
      if (gmtime_r(&tt, &tmv) && strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%SZ", &tmv))
        return td_article_set(&a->date, tmp, strlen(tmp));
    }
  }
  return 0;
}

int td_read_jsonl_line(const char *buf, size_t len, const char *origin, long line,
                       long long offset, td_sink *sink) {
  size_t i = 0;
  if (line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')) i++;
  if (i == len) return TD_OK; /* blank line */
  json_error_t err;
  json_t *obj = json_loadb(buf + i, len - i, 0, &err);
  if (!obj) {
    td_sink_diagf(sink, origin, line, offset + (long long)i + (err.position > 0 ? err.position : 0),
                  1, "invalid JSON at column %d: %s", err.column, err.text);
    return TD_OK;
  }
  if (!json_is_object(obj)) {
    td_sink_diagf(sink, origin, line, offset, 1, "not a JSON object");
    json_decref(obj);
    return TD_OK;
  }
  static const char *const url_names[] = {"url", "link", "canonical_url", NULL};
  static const char *const source_names[] = {"source", "source_domain", "site_name", "outlet",
                                             "publisher", NULL};
  static const char *const title_names[] = {"title", "headline", NULL};
  static const char *const text_names[] = {"text", "maintext", "body", "content", NULL};
  static const char *const html_names[] = {"html", "raw_html", NULL};
  static const char *const lang_names[] = {"language", "lang", NULL};
  td_article a;
  td_article_init(&a);
  a.origin = origin;
  a.line = line;
  a.offset = offset;
  int rc = TD_OK;
  if (set_field(&a.url, obj, url_names) || set_field(&a.source, obj, source_names) ||
      set_field(&a.title, obj, title_names) || set_field(&a.text, obj, text_names) ||
      set_field(&a.lang, obj, lang_names) || set_byline(&a, obj) || set_date(&a, obj)) {
    rc = TD_ENOMEM;
    goto out;
  }
  if (!a.text && set_field(&a.html, obj, html_names)) {
    rc = TD_ENOMEM;
    goto out;
  }
  if (!a.text && !a.html) {
    td_sink_diagf(sink, origin, line, offset, 1, "no \"text\" or \"html\" field");
    goto out;
  }
  if (!a.url) { /* name it by its id, else by its place in the input */
    json_t *id = json_object_get(obj, "id");
    td_buf b = TD_BUF_INIT;
    int e;
    if (json_is_string(id))
      e = td_buf_printf(&b, "%s#%s", origin, json_string_value(id));
    else if (json_is_integer(id))
      e = td_buf_printf(&b, "%s#%lld", origin, (long long)json_integer_value(id));
    else
      e = td_buf_printf(&b, "%s:%ld", origin, line);
    if (e || td_article_set(&a.url, b.ptr, b.len)) rc = TD_ENOMEM;
    td_buf_release(&b);
    if (rc) goto out;
  }
  rc = sink->article(sink->ctx, &a);
out:
  td_article_release(&a);
  json_decref(obj);
  return rc;
}

int td_read_jsonl(const char *buf, size_t len, const char *origin, td_sink *sink) {
  size_t pos = 0;
  long line = 1;
  while (pos < len) {
    const char *nl = memchr(buf + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - buf) : len;
    size_t n = end - pos;
    if (n && buf[end - 1] == '\r') n--;
    int rc;
    if (n > TD_READ_MAX_DOC)
      td_sink_diagf(sink, origin, line, (long long)pos, 1, "line longer than %zu MB; skipped",
                    TD_READ_MAX_DOC >> 20);
    else if ((rc = td_read_jsonl_line(buf + pos, n, origin, line, (long long)pos, sink)))
      return rc;
    pos = end + 1;
    line++;
  }
  return TD_OK;
}
