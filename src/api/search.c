/*
** search.c — the search document of the public API (td_search_json).
**
** A user's query goes through search/query.c (words, phrases, prefixes,
** operators and filters → a safe FTS5 expression), the store ranks articles
** with BM25, and the hits are grouped by story: a story scores as its best
** article, and stories come best first. An article that belongs to no story
** stands alone as a result whose "story" is null. Articles are ranked
** without snippets first; only those of the page of stories returned get
** one, in a second query (a snippet costs more than ranking an article).
*/
#include "api/api.h"
#include "api/stories.h"
#include "search/query.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <jansson.h>
#include <string.h>

#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 200
#define SEARCH_MAX_HITS 2000 /* articles ranked per query before grouping */

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* The snippet without its match markers, and as HTML with <mark> around each
** match (everything else escaped), for the web page. */
static int snippet_forms(const char *s, char **plain, char **html) {
  td_buf p = TD_BUF_INIT, h = TD_BUF_INIT;
  int err = 0;
  for (; s && *s && !err; s++) {
    switch (*s) {
    case '\x02': err = td_buf_puts(&h, "<mark>"); break;
    case '\x03': err = td_buf_puts(&h, "</mark>"); break;
    case '&': err = td_buf_puts(&h, "&amp;") || td_buf_putc(&p, *s); break;
    case '<': err = td_buf_puts(&h, "&lt;") || td_buf_putc(&p, *s); break;
    case '>': err = td_buf_puts(&h, "&gt;") || td_buf_putc(&p, *s); break;
    case '"': err = td_buf_puts(&h, "&quot;") || td_buf_putc(&p, *s); break;
    case '\'': err = td_buf_puts(&h, "&#39;") || td_buf_putc(&p, *s); break;
    default: err = td_buf_putc(&h, *s) || td_buf_putc(&p, *s);
    }
  }
  *plain = err ? NULL : td_buf_detach(&p);
  *html = err ? NULL : td_buf_detach(&h);
  td_buf_release(&p);
  td_buf_release(&h);
  if (!*plain || !*html) {
    td_free(*plain);
    td_free(*html);
    return -1;
  }
  return 0;
}

typedef struct collect {
  json_t *groups;    /* array of result objects, in order of their best hit */
  json_t *byStory;   /* story id (as text) → index into groups */
  json_t *byArticle; /* article id (as text) → its object, for the snippets */
  int oom;
} collect;

typedef struct hit_ctx {
  td *db;
  collect *c;
} hit_ctx;

static int on_hit(void *vctx, const td_store_hit *h) {
  hit_ctx *hc = vctx;
  collect *c = hc->c;
  char *plain = NULL, *html = NULL;
  if (snippet_forms(h->snippet, &plain, &html)) {
    c->oom = 1;
    return 1;
  }
  json_t *art = json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:f}", "id", (json_int_t)h->id,
                          "url", str_or_null(h->url), "source", str_or_null(h->source), "title",
                          str_or_null(h->title), "date", str_or_null(h->date), "snippet", plain,
                          "snippet_html", html, "score", h->score);
  td_free(plain);
  td_free(html);
  if (!art) {
    c->oom = 1;
    return 1;
  }
  int64_t story = h->story;
  json_t *group = NULL;
  char key[32];
  if (story) {
    snprintf(key, sizeof key, "%lld", (long long)story);
    json_t *idx = json_object_get(c->byStory, key);
    if (idx) group = json_array_get(c->groups, (size_t)json_integer_value(idx));
  }
  if (!group) {
    char *title = NULL;
    /* the story list's title (a store failure leaves the hit's title) */
    int trc = story ? td_story_title(hc->db, story, &title) : TD_OK;
    if (trc == TD_ENOMEM) {
      json_decref(art);
      c->oom = 1;
      return 1;
    }
    group = json_pack("{s:o, s:o, s:f, s:[]}", "story", story ? json_integer(story) : json_null(),
                      "title", str_or_null(title ? title : h->title), "score", h->score,
                      "articles");
    td_free(title);
    if (!group || (story && json_object_set_new(c->byStory, key,
                                                json_integer((json_int_t)json_array_size(c->groups))))) {
      json_decref(group);
      json_decref(art);
      c->oom = 1;
      return 1;
    }
    json_array_append_new(c->groups, group);
  }
  char akey[32];
  snprintf(akey, sizeof akey, "%lld", (long long)h->id);
  if (json_array_append_new(json_object_get(group, "articles"), art) ||
      json_object_set(c->byArticle, akey, art)) {
    c->oom = 1;
    return 1;
  }
  return 0;
}

/* The second pass: the snippet of an article kept for the page. */
static int on_snippet(void *vctx, const td_store_hit *h) {
  collect *c = vctx;
  char key[32];
  snprintf(key, sizeof key, "%lld", (long long)h->id);
  json_t *art = json_object_get(c->byArticle, key);
  if (!art) return 0;
  char *plain = NULL, *html = NULL;
  if (snippet_forms(h->snippet, &plain, &html) ||
      json_object_set_new(art, "snippet", json_string(plain)) ||
      json_object_set_new(art, "snippet_html", json_string(html)))
    c->oom = 1;
  td_free(plain);
  td_free(html);
  return c->oom;
}

/* Ids of the articles of groups [from, to) as a JSON array (td_free), and
** their number in *n; NULL when out of memory. */
static char *page_ids(json_t *groups, size_t from, size_t to, long long *n) {
  json_t *ids = json_array();
  *n = 0;
  for (size_t i = from; ids && i < to && i < json_array_size(groups); i++) {
    size_t j;
    json_t *a;
    json_array_foreach(json_object_get(json_array_get(groups, i), "articles"), j, a) {
      if (json_array_append(ids, json_object_get(a, "id"))) {
        json_decref(ids);
        return NULL;
      }
      (*n)++;
    }
  }
  char *s = ids ? json_dumps(ids, JSON_COMPACT) : NULL;
  json_decref(ids);
  return s;
}

int td_search_json(td *db, const char *query, long long offset, long long limit, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  if (!query) return td_fail(db, TD_EUSAGE, "no query given");
  if (offset < 0) offset = 0;
  if (limit <= 0) limit = SEARCH_DEFAULT_LIMIT;
  if (limit > SEARCH_MAX_LIMIT) limit = SEARCH_MAX_LIMIT;
  td_query q;
  const char *err;
  int rc = td_query_parse(query, strlen(query), &q, &err);
  if (rc) {
    td_query_release(&q);
    return rc == TD_EUSAGE ? td_fail(db, rc, "%s", err) : td_fail(db, rc, "out of memory");
  }
  /* story:ID of a story that went into another means the story it went into. */
  if (q.story > 0 && (rc = td_story_resolve(db, &q.story))) {
    td_query_release(&q);
    return rc;
  }
  /* Rank enough articles to fill the requested page of stories: a story
  ** usually holds several of the hits. */
  long long want = (offset + limit) * 8;
  td_store_search sq = {.match = q.match,
                        .source = q.source,
                        .from = q.from,
                        .to = q.to,
                        .entity = q.entity,
                        .story = q.story,
                        .limit = want < SEARCH_MAX_HITS ? want : SEARCH_MAX_HITS};
  /* With words, rank without snippets, then make the snippets of the page's
  ** articles only: most ranked articles are in stories past the page. */
  sq.no_snippet = q.match != NULL;
  collect c = {json_array(), json_object(), json_object(), 0};
  hit_ctx hc = {db, &c};
  if (!c.groups || !c.byStory || !c.byArticle) c.oom = 1;
  rc = c.oom ? TD_ENOMEM : db->vt->search(db->st, &sq, on_hit, &hc);
  if (!rc && c.oom) rc = TD_ENOMEM;
  if (!rc && sq.no_snippet && (size_t)offset < json_array_size(c.groups)) {
    long long n;
    char *ids = page_ids(c.groups, (size_t)offset, (size_t)(offset + limit), &n);
    td_store_search snip = sq;
    snip.no_snippet = 0;
    snip.ids = ids;
    snip.offset = 0;
    snip.limit = n;
    rc = !ids ? TD_ENOMEM : db->vt->search(db->st, &snip, on_snippet, &c);
    if (!rc && c.oom) rc = TD_ENOMEM;
    td_free(ids);
  }
  json_t *doc = NULL;
  if (!rc) {
    json_t *page = json_array();
    size_t n = json_array_size(c.groups);
    for (size_t i = (size_t)offset; page && i < n && i < (size_t)(offset + limit); i++)
      json_array_append(page, json_array_get(c.groups, i));
    doc = json_pack("{s:{s:s, s:o, s:o, s:o, s:o, s:o, s:o}, s:I, s:I, s:o}", "query", "text",
                    query, "match", str_or_null(q.match), "source", str_or_null(q.source), "from",
                    str_or_null(q.from), "to", str_or_null(q.to), "entity",
                    str_or_null(q.entity), "story", q.story ? json_integer(q.story) : json_null(),
                    "offset", (json_int_t)offset, "limit", (json_int_t)limit, "results",
                    page ? page : json_array());
    if (!doc) rc = TD_ENOMEM;
  }
  json_decref(c.groups);
  json_decref(c.byStory);
  json_decref(c.byArticle);
  td_query_release(&q);
  if (rc == TD_ENOMEM) return td_fail(db, rc, "out of memory");
  if (rc) return td_fail_store(db, rc);
  return td_emit_json(db, doc, json_out);
}
