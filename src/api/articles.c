/*
** articles.c — the article and stats documents of the public API.
*/
#include "api/api.h"
#include "util/alloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string, or null for a missing field. */
static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Resolve "42" or a URL to an article id. */
static int resolve(td *db, const char *id_or_url, int64_t *id) {
  if (!id_or_url || !*id_or_url) return td_fail(db, TD_EUSAGE, "no article id or URL given");
  char *end;
  errno = 0;
  long long v = strtoll(id_or_url, &end, 10);
  if (!errno && *end == '\0' && v > 0) {
    *id = v;
    return TD_OK;
  }
  int rc = db->vt->article_by_url(db->st, id_or_url, id);
  if (rc == TD_ENOTFOUND) return td_fail(db, rc, "no article with id or URL \"%s\"", id_or_url);
  return rc ? td_fail_store(db, rc) : TD_OK;
}

int td_article_json(td *db, const char *id_or_url, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  int64_t id;
  int rc = resolve(db, id_or_url, &id);
  if (rc) return rc;
  td_article a;
  td_article_init(&a);
  rc = db->vt->article_get(db->st, id, &a);
  if (rc) {
    td_article_release(&a);
    if (rc == TD_ENOTFOUND) return td_fail(db, rc, "no article %lld", (long long)id);
    return td_fail_store(db, rc);
  }
  int64_t orig = 0;
  db->vt->article_copy_of(db->st, id, &orig);
  json_t *removed = json_array();
  for (size_t i = 0; removed && i < a.nremoved; i++)
    json_array_append_new(removed, json_pack("{s:s, s:s}", "text", a.removed[i].text, "reason",
                                             a.removed[i].reason));
  json_t *doc = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)id,
                          "url", str_or_null(a.url), "source", str_or_null(a.source), "title",
                          str_or_null(a.title), "date", str_or_null(a.date), "byline",
                          str_or_null(a.byline), "copy_of", orig ? json_integer(orig) : json_null(),
                          "text", str_or_null(a.text), "removed", removed ? removed : json_array());
  td_article_release(&a);
  return td_emit_json(db, doc, json_out);
}

static int list_one(void *ctx, const td_article *a) {
  json_t *arr = ctx;
  return json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o, s:o}", "id",
                                              (json_int_t)a->id, "url", str_or_null(a->url),
                                              "source", str_or_null(a->source), "title",
                                              str_or_null(a->title), "date",
                                              str_or_null(a->date)));
}

int td_articles_json(td *db, long long offset, long long limit, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  json_t *arr = json_array();
  if (!arr) return td_fail(db, TD_ENOMEM, "out of memory");
  int rc = db->vt->article_list(db->st, offset, limit, list_one, arr);
  if (rc) {
    json_decref(arr);
    return td_fail_store(db, rc);
  }
  return td_emit_json(db, json_pack("{s:o}", "articles", arr), json_out);
}

int td_stats_json(td *db, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  td_store_stats s;
  int rc = db->vt->stats(db->st, &s);
  if (rc) return td_fail_store(db, rc);
  json_t *doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "articles",
                          (json_int_t)s.articles, "copies", (json_int_t)s.copies, "stories",
                          (json_int_t)s.stories, "threads", (json_int_t)s.threads, "sources",
                          (json_int_t)s.sources, "quotes", (json_int_t)s.quotes, "entities",
                          (json_int_t)s.entities);
  return td_emit_json(db, doc, json_out);
}
