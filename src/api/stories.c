/*
** stories.c — copies, stories and threads in the public API: placing each
** stored article during ingest (td_place_stored, called by ingest.c), and
** the JSON documents of DESIGN.md for `dups`, `stories`, `story ID` (its
** story part), `threads` and `explain`.
**
** The documents are built from the store's place functions (members in
** story and time order, copies by original), so a listing is one pass over
** one query. A story's `sources` counts independent outlets: the distinct
** outlets (source, else the URL's host) among its articles that are not
** copies — a wire story republished by ten sites is one source.
**
** A story of one article may have gone into another (place.h,
** merge_singletons); its id stays an alias. `story ID` of an alias gives the
** story it went into, with that story's own id and "merged_from": the id
** asked for, and `explain` of an article placed in such a story gives the
** story the article is in now, with "merged_from": the story it was placed
** in first. Lists never show merged stories: they have no members left.
*/
#include "api/quotes.h" /* issue 5 */
#include "api/stories.h"
#include "api/synth.h"
#include "extract/lexicon.h"
#include "place/place.h"
#include "util/alloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const td_place_backend *place_of(td *db) { return db->vt->place; }

int td_place_stored(td *db, const td_article *a) {
  const td_place_backend *be = place_of(db);
  if (!be) return TD_OK; /* a backend without place keeps articles only */
  td_placer *pl = td_placer_new(be, db->st, NULL);
  if (!pl) return TD_ENOMEM;
  char host[256];
  td_place_input in = {a->id, a->title, a->text ? a->text : "", a->text ? strlen(a->text) : 0,
                       a->date, a->lang, td_article_site(a, host, sizeof host)};
  td_place_result r;
  int rc = td_place_article(pl, &in, &r);
  td_placer_free(pl);
  return rc;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* ----------------------------------------------------- story documents */

/* The outlet an article speaks for: its source, else its URL's host, else
** itself (an unknown outlet is counted once per article). */
static char *outlet_of(const td_place_member *m) {
  char host[256];
  const char *site = td_site_of(m->source, m->url, host, sizeof host);
  if (site) return td_strdup(site);
  char buf[32];
  snprintf(buf, sizeof buf, "#%lld", (long long)m->article);
  return td_strdup(buf);
}

/* One story being built from its member rows. */
typedef struct story_doc {
  int64_t id, thread;
  json_t *articles;
  json_t *outlets; /* object used as a set of independent outlets */
  const char *title_src;
  char *title, *first_date, *last_date;
  int title_stamp; /* the title is a time stamp, no headline */
  long long copies;
} story_doc;

typedef struct stories_ctx {
  td *db;
  json_t *out; /* array of story objects */
  story_doc cur;
  int oom;
  int rc; /* a store failure while finishing a story */
  int want_articles;
} stories_ctx;

static void doc_reset(story_doc *d) {
  json_decref(d->articles);
  json_decref(d->outlets);
  td_free(d->title);
  td_free(d->first_date);
  td_free(d->last_date);
  memset(d, 0, sizeof *d);
}

static int title_or_lead(td *db, int64_t story, char **title, int stamp);

/* The story object, or NULL (c->rc set on a store failure, else out of
** memory); titled by title_or_lead. */
static json_t *doc_finish(stories_ctx *c) {
  story_doc *d = &c->cur;
  int rc = title_or_lead(c->db, d->id, &d->title, d->title_stamp);
  if (rc) {
    c->rc = rc;
    doc_reset(d);
    return NULL;
  }
  json_t *o = json_pack("{s:I, s:o, s:I, s:o, s:o, s:I, s:I, s:I, s:O}", "id", (json_int_t)d->id,
                        "title", str_or_null(d->title), "sources",
                        (json_int_t)json_object_size(d->outlets), "first_date",
                        str_or_null(d->first_date), "last_date", str_or_null(d->last_date),
                        "thread", (json_int_t)d->thread, "size",
                        (json_int_t)json_array_size(d->articles), "copies",
                        (json_int_t)d->copies, "articles", d->articles);
  doc_reset(d);
  return o;
}

/* Is the title a time stamp rather than a headline: fewer than two words
** of three letters or more besides month and weekday names and the words
** of stamps ("Posted", "Updated", "PM", "GMT")? A byte of a non-ASCII
** script counts as a letter, so a headline in any script is a headline. */
static int stamp_title(const char *t) {
  static const char *const stamp[] = {"posted", "updated", "published", "last", "modified",
                                      "gmt", "utc", "edt", "est", "pdt", "pst", "bst", "cet"};
  int words = 0;
  for (const char *p = t; *p && words < 2;) {
    const unsigned char c = (unsigned char)*p;
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80) {
      p++;
      continue;
    }
    const char *w = p;
    while (*p && ((((unsigned char)*p | 0x20) >= 'a' && ((unsigned char)*p | 0x20) <= 'z') ||
                  (unsigned char)*p >= 0x80))
      p++;
    size_t n = (size_t)(p - w);
    if (n < 3 || td_lex_month(w, n) || td_lex_weekday(w, n) >= 0) continue;
    int s = 0;
    for (size_t k = 0; k < sizeof stamp / sizeof *stamp && !s; k++)
      s = strlen(stamp[k]) == n && !strncasecmp(w, stamp[k], n);
    if (!s) words++;
  }
  return words < 2;
}

static int keep_date(char **slot, const char *date, int later) {
  if (!date) return 0;
  if (*slot && (later ? strcmp(date, *slot) <= 0 : strcmp(date, *slot) >= 0)) return 0;
  char *d = td_strdup(date);
  if (!d) return -1;
  td_free(*slot);
  *slot = d;
  return 0;
}

/* Members come in time order: the first headline is the story's title,
** unless it is only a time stamp ("Posted 11/27/2005 7:21 AM", a page's
** dateline taken for its headline) and a later member has a headline.
** title_take offers the next member's title t; TD_OK or TD_ENOMEM. */
static int title_take(char **title, int *stamp, const char *t) {
  if (!t || !*t || (*title && !(*stamp && !stamp_title(t)))) return TD_OK;
  td_free(*title);
  if (!(*title = td_strdup(t))) return TD_ENOMEM;
  *stamp = stamp_title(t);
  return TD_OK;
}

/* A story none of whose articles has a headline (text files and feeds
** without titles; only time stamps) is titled by the lead of its first
** article, as a reader would name it. */
static int title_or_lead(td *db, int64_t story, char **title, int stamp) {
  if ((*title && !stamp) || !db->vt->story_lead) return TD_OK;
  char *lead = NULL;
  int rc = db->vt->story_lead(db->st, story, &lead);
  if (!rc && lead) {
    td_free(*title);
    *title = lead;
  }
  return rc;
}

static int on_member(void *arg, const td_place_member *m) {
  stories_ctx *c = arg;
  story_doc *d = &c->cur;
  if (d->id && d->id != m->story) {
    json_t *o = doc_finish(c);
    if (!o && c->rc) return 1;
    if (!o || json_array_append_new(c->out, o)) return c->oom = 1;
  }
  if (!d->id) {
    d->id = m->story;
    d->thread = m->thread;
    d->articles = json_array();
    d->outlets = json_object();
    if (!d->articles || !d->outlets) return c->oom = 1;
  }
  json_t *a = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)m->article, "url",
                        str_or_null(m->url), "source", str_or_null(m->source), "title",
                        str_or_null(m->title), "date", str_or_null(m->date), "copy_of",
                        m->copy_of ? json_integer(m->copy_of) : json_null());
  if (!a || json_array_append_new(d->articles, a)) return c->oom = 1;
  if (m->copy_of) {
    d->copies++;
  } else {
    char *o = outlet_of(m);
    if (!o || json_object_set_new(d->outlets, o, json_true())) {
      td_free(o);
      return c->oom = 1;
    }
    td_free(o);
  }
  if (title_take(&d->title, &d->title_stamp, m->title)) return c->oom = 1;
  if (keep_date(&d->first_date, m->date, 0) || keep_date(&d->last_date, m->date, 1))
    return c->oom = 1;
  return 0;
}

/* The title alone: the members' titles up to the first headline. */
typedef struct title_ctx {
  char *title;
  int stamp, oom;
} title_ctx;

static int on_title(void *arg, const td_place_member *m) {
  title_ctx *t = arg;
  if (title_take(&t->title, &t->stamp, m->title)) return t->oom = 1;
  return t->title && !t->stamp; /* a headline: later members cannot change it */
}

int td_story_title(td *db, int64_t story, char **title) {
  *title = NULL;
  const td_place_backend *be = place_of(db);
  if (!be || !be->members) return td_fail(db, TD_EINTERNAL, "this store keeps no stories");
  title_ctx t = {NULL, 0, 0};
  int rc = be->members(db->st, story, on_title, &t);
  if (!rc && t.oom) rc = TD_ENOMEM;
  if (!rc) rc = title_or_lead(db, story, &t.title, t.stamp);
  if (rc) {
    td_free(t.title);
    return rc == TD_ENOMEM ? td_fail(db, rc, "out of memory") : td_fail_store(db, rc);
  }
  *title = t.title;
  return TD_OK;
}

/* All stories (story = 0) or one, as an array of story objects. */
int td_story_objects(td *db, int64_t story, json_t **out) {
  *out = NULL;
  const td_place_backend *be = place_of(db);
  if (!be || !be->members) return td_fail(db, TD_EINTERNAL, "this store keeps no stories");
  stories_ctx c;
  memset(&c, 0, sizeof c);
  c.db = db;
  c.out = json_array();
  if (!c.out) return td_fail(db, TD_ENOMEM, "out of memory");
  int rc = be->members(db->st, story, on_member, &c);
  if (!rc && !c.oom && c.cur.id) {
    json_t *o = doc_finish(&c);
    if (!o && !c.rc) c.oom = 1;
    if (o && json_array_append_new(c.out, o)) c.oom = 1;
  }
  doc_reset(&c.cur);
  if (!rc) rc = c.rc;
  if (rc || c.oom) {
    json_decref(c.out);
    return rc ? td_fail_store(db, rc) : td_fail(db, TD_ENOMEM, "out of memory");
  }
  *out = c.out;
  return TD_OK;
}

int td_stories_json(td *db, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  json_t *arr;
  int rc = td_story_objects(db, 0, &arr);
  if (rc) return rc;
  return td_emit_json(db, json_pack("{s:o}", "stories", arr), json_out);
}

static int parse_id(td *db, const char *s, const char *what, int64_t *id) {
  char *end;
  errno = 0;
  long long v = s ? strtoll(s, &end, 10) : 0;
  if (!s || errno || *end || v <= 0)
    return td_fail(db, TD_EUSAGE, "\"%s\" is not a %s id (a positive number)", s ? s : "",
                   what);
  *id = v;
  return TD_OK;
}

int td_story_json(td *db, const char *id, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  int64_t sid = 0;
  int rc = parse_id(db, id, "story", &sid);
  if (rc) return rc;
  json_t *arr;
  if ((rc = td_story_objects(db, sid, &arr))) return rc;
  if (json_array_size(arr) == 0) {
    json_decref(arr);
    return td_fail(db, TD_ENOTFOUND, "no story %lld", (long long)sid);
  }
  json_t *doc = json_incref(json_array_get(arr, 0));
  json_decref(arr);
  /* members() resolves an alias: the story read may be the one sid went into */
  int64_t got = (int64_t)json_integer_value(json_object_get(doc, "id"));
  if (got != sid) {
    if (json_object_set_new(doc, "merged_from", json_integer(sid))) {
      json_decref(doc);
      return td_fail(db, TD_ENOMEM, "out of memory");
    }
    sid = got;
  }
  /* Synthesis (issue 6, api/synth.c): summary, consensus, unique, conflicts, timeline. */
  if ((rc = td_synth_story_add(db, doc))) {
    json_decref(doc);
    return rc;
  }
  /* Who said what (issue 5, api/quotes.c): quotes grouped, names merged. */
  if ((rc = td_quotes_story_add(db, sid, doc))) {
    json_decref(doc);
    return rc;
  }
  return td_emit_json(db, doc, json_out);
}

int td_threads_json(td *db, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  json_t *stories;
  int rc = td_story_objects(db, 0, &stories);
  if (rc) return rc;
  /* Group stories by thread, threads in order of their first story. */
  json_t *threads = json_array(), *by_id = json_object();
  size_t i;
  json_t *s;
  int oom = !threads || !by_id;
  json_array_foreach(stories, i, s) {
    if (oom) break;
    json_int_t tid = json_integer_value(json_object_get(s, "thread"));
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)tid);
    json_t *t = json_object_get(by_id, key);
    if (!t) {
      t = json_pack("{s:I, s:O, s:[]}", "id", tid, "title", json_object_get(s, "title"),
                    "stories");
      if (!t || json_array_append_new(threads, t) || json_object_set(by_id, key, t)) {
        oom = 1;
        break;
      }
    }
    json_t *brief = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(s, "id"),
                              "title", json_object_get(s, "title"), "first_date",
                              json_object_get(s, "first_date"), "last_date",
                              json_object_get(s, "last_date"), "size",
                              json_object_get(s, "size"), "sources",
                              json_object_get(s, "sources"));
    if (!brief || json_array_append_new(json_object_get(t, "stories"), brief)) oom = 1;
  }
  json_decref(stories);
  json_decref(by_id);
  if (oom) {
    json_decref(threads);
    return td_fail(db, TD_ENOMEM, "out of memory");
  }
  return td_emit_json(db, json_pack("{s:o}", "threads", threads), json_out);
}

/* ------------------------------------------------------------- copies */

typedef struct dups_ctx {
  json_t *groups, *cur;
  int64_t original;
  int oom;
} dups_ctx;

static int on_copy(void *arg, const td_place_member *m) {
  dups_ctx *c = arg;
  if (!c->cur || c->original != m->copy_of) {
    c->original = m->copy_of;
    c->cur = json_pack("{s:I, s:[]}", "original", (json_int_t)m->copy_of, "copies");
    if (!c->cur || json_array_append_new(c->groups, c->cur)) return c->oom = 1;
  }
  json_t *o = json_pack("{s:I, s:f, s:f, s:o, s:o}", "article", (json_int_t)m->article,
                        "similarity", m->similarity, "containment", m->containment, "url",
                        str_or_null(m->url), "source", str_or_null(m->source));
  if (!o || json_array_append_new(json_object_get(c->cur, "copies"), o)) return c->oom = 1;
  return 0;
}

int td_dups_json(td *db, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  const td_place_backend *be = place_of(db);
  if (!be || !be->copies) return td_fail(db, TD_EINTERNAL, "this store keeps no copies");
  dups_ctx c = {json_array(), NULL, 0, 0};
  if (!c.groups) return td_fail(db, TD_ENOMEM, "out of memory");
  int rc = be->copies(db->st, on_copy, &c);
  if (rc || c.oom) {
    json_decref(c.groups);
    return rc ? td_fail_store(db, rc) : td_fail(db, TD_ENOMEM, "out of memory");
  }
  return td_emit_json(db, json_pack("{s:o}", "groups", c.groups), json_out);
}

int td_story_resolve(td *db, int64_t *story) {
  const td_place_backend *be = db->vt->place;
  if (!be || !be->story_merge || !be->story_get || *story <= 0) return TD_OK;
  td_place_story ps;
  int rc = be->story_get(db->st, *story, &ps);
  if (rc == TD_ENOTFOUND) return TD_OK;
  if (rc) return td_fail_store(db, rc);
  *story = ps.id;
  td_place_story_release(&ps);
  return TD_OK;
}

/* ------------------------------------------------------------ explain */

/* The explanation was written when the article was placed; when its story
** has since gone into another, "story" and "thread" become the story it is
** in now and "merged_from" keeps the one it was placed in. */
static int explain_current(td *db, const td_place_backend *be, json_t *doc) {
  json_t *js = json_object_get(doc, "story");
  if (!be->story_merge || !be->story_get || !json_is_integer(js)) return TD_OK;
  int64_t placed = (int64_t)json_integer_value(js);
  td_place_story ps;
  int rc = be->story_get(db->st, placed, &ps);
  if (rc == TD_ENOTFOUND) return TD_OK;
  if (rc) return td_fail_store(db, rc);
  int64_t now = ps.id, thread = ps.thread;
  td_place_story_release(&ps);
  if (now == placed) return TD_OK;
  if (json_object_set_new(doc, "merged_from", json_integer(placed)) ||
      json_object_set_new(doc, "story", json_integer(now)) ||
      json_object_set_new(doc, "thread", json_integer(thread)))
    return td_fail(db, TD_ENOMEM, "out of memory");
  return TD_OK;
}

int td_explain_json(td *db, const char *id_or_url, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  const td_place_backend *be = place_of(db);
  if (!be || !be->explain_get) return td_fail(db, TD_EINTERNAL, "this store keeps no placements");
  if (!id_or_url || !*id_or_url) return td_fail(db, TD_EUSAGE, "no article id or URL given");
  int64_t id;
  char *end;
  errno = 0;
  long long v = strtoll(id_or_url, &end, 10);
  int rc;
  if (!errno && *end == '\0' && v > 0) {
    id = v;
  } else if ((rc = db->vt->article_by_url(db->st, id_or_url, &id))) {
    if (rc == TD_ENOTFOUND) return td_fail(db, rc, "no article with id or URL \"%s\"", id_or_url);
    return td_fail_store(db, rc);
  }
  char *s = NULL;
  rc = be->explain_get(db->st, id, &s);
  if (rc == TD_ENOTFOUND) return td_fail(db, rc, "article %lld has not been placed", (long long)id);
  if (rc) return td_fail_store(db, rc);
  json_t *doc = json_loads(s, 0, NULL);
  td_free(s);
  if (!doc) return td_fail(db, TD_EINTERNAL, "the stored explanation of %lld is not JSON", (long long)id);
  if ((rc = explain_current(db, be, doc))) {
    json_decref(doc);
    return rc;
  }
  return td_emit_json(db, doc, json_out);
}
