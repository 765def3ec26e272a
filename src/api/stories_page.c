/*
** stories_page.c — the story list a page at a time (td_stories_page_json,
** issue 7), for the web page and GET /api/stories.
**
** td_stories_json (api/stories.c) reads every story with every article, in
** id order: right for a tool that wants the lot, far too much for a reader
** who looks at the newest twenty. Here the store picks the page's story ids
** in reading order (the vtab's story_page: newest latest article first),
** and each story is read alone through the place backend's members(), so a
** page costs the same however large the store is. Each story object is built
** as api/stories.c builds it (same fields, same order, same `sources` rule);
** tests/unit/test_stories_page.c holds the two to the same output.
*/
#include "api/api.h"
#include "place/place.h"
#include "util/alloc.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define PAGE_DEFAULT 100
#define PAGE_MAX 1000

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* The outlet an article speaks for: its source, else its URL's host, else
** itself; as api/stories.c counts `sources`. */
static char *outlet_of(const td_place_member *m) {
  if (m->source && *m->source) return td_strdup(m->source);
  const char *u = m->url ? strstr(m->url, "://") : NULL;
  if (u) {
    u += 3;
    size_t n = strcspn(u, "/?#");
    if (n) return td_strndup(u, n);
  }
  char buf[32];
  snprintf(buf, sizeof buf, "#%lld", (long long)m->article);
  return td_strdup(buf);
}

/* One story being read from its member rows (time order). */
typedef struct page_story {
  int64_t id, thread;
  json_t *articles;
  json_t *outlets; /* object used as a set of independent outlets */
  char *title, *first_date, *last_date;
  long long copies;
  int oom;
} page_story;

static int keep_date(char **slot, const char *date, int later) {
  if (!date) return 0;
  if (*slot && (later ? strcmp(date, *slot) <= 0 : strcmp(date, *slot) >= 0)) return 0;
  char *d = td_strdup(date);
  if (!d) return -1;
  td_free(*slot);
  *slot = d;
  return 0;
}

static int on_member(void *arg, const td_place_member *m) {
  page_story *d = arg;
  if (!d->id) {
    d->id = m->story;
    d->thread = m->thread;
  }
  json_t *a = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)m->article, "url",
                        str_or_null(m->url), "source", str_or_null(m->source), "title",
                        str_or_null(m->title), "date", str_or_null(m->date), "copy_of",
                        m->copy_of ? json_integer(m->copy_of) : json_null());
  if (!a || json_array_append_new(d->articles, a)) return d->oom = 1;
  if (m->copy_of) {
    d->copies++;
  } else {
    char *o = outlet_of(m);
    int bad = !o || json_object_set_new(d->outlets, o, json_true());
    td_free(o);
    if (bad) return d->oom = 1;
  }
  /* The first headline in time order is the story's title. */
  if (!d->title && m->title && *m->title && !(d->title = td_strdup(m->title))) return d->oom = 1;
  if (keep_date(&d->first_date, m->date, 0) || keep_date(&d->last_date, m->date, 1))
    return d->oom = 1;
  return 0;
}

/* Story `id` as td_stories_json shows it, in *out; NULL (and TD_OK) for a
** story with no members, which the list leaves out as td_stories_json does. */
static int story_object(td *db, const td_place_backend *be, int64_t id, json_t **out) {
  *out = NULL;
  page_story d;
  memset(&d, 0, sizeof d);
  d.articles = json_array();
  d.outlets = json_object();
  int rc = d.articles && d.outlets ? be->members(db->st, id, on_member, &d) : TD_OK;
  if (!rc && !d.oom && d.id) {
    *out = json_pack("{s:I, s:o, s:I, s:o, s:o, s:I, s:I, s:I, s:O}", "id", (json_int_t)d.id,
                     "title", str_or_null(d.title), "sources",
                     (json_int_t)json_object_size(d.outlets), "first_date",
                     str_or_null(d.first_date), "last_date", str_or_null(d.last_date), "thread",
                     (json_int_t)d.thread, "size", (json_int_t)json_array_size(d.articles),
                     "copies", (json_int_t)d.copies, "articles", d.articles);
    if (!*out) d.oom = 1;
  }
  if (!rc && (!d.articles || !d.outlets)) d.oom = 1;
  json_decref(d.articles);
  json_decref(d.outlets);
  td_free(d.title);
  td_free(d.first_date);
  td_free(d.last_date);
  if (rc) return td_fail_store(db, rc);
  return d.oom ? td_fail(db, TD_ENOMEM, "out of memory") : TD_OK;
}

int td_stories_page_json(td *db, long long offset, long long limit, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  if (offset < 0 || limit < 0)
    return td_fail(db, TD_EUSAGE, "offset and limit are whole numbers, not negative");
  if (limit == 0) limit = PAGE_DEFAULT;
  if (limit > PAGE_MAX) limit = PAGE_MAX;
  const td_place_backend *be = db->vt->place;
  if (!db->vt->story_page || !be || !be->members)
    return td_fail(db, TD_EINTERNAL, "this store keeps no stories");
  int64_t *ids = td_malloc((size_t)limit * sizeof *ids);
  if (!ids) return td_fail(db, TD_ENOMEM, "out of memory");
  size_t n = 0;
  long long total = 0;
  int rc = db->vt->story_page(db->st, offset, limit, ids, &n, &total);
  if (rc) {
    td_free(ids);
    return td_fail_store(db, rc);
  }
  json_t *page = json_array();
  if (!page) rc = td_fail(db, TD_ENOMEM, "out of memory");
  for (size_t i = 0; !rc && i < n; i++) {
    json_t *o;
    if ((rc = story_object(db, be, ids[i], &o))) break;
    if (o && json_array_append_new(page, o)) rc = td_fail(db, TD_ENOMEM, "out of memory");
  }
  td_free(ids);
  if (rc) {
    json_decref(page);
    return rc;
  }
  return td_emit_json(db,
                      json_pack("{s:o, s:I, s:I, s:I}", "stories", page, "total",
                                (json_int_t)total, "offset", (json_int_t)offset, "limit",
                                (json_int_t)limit),
                      json_out);
}
