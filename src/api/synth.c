/*
** synth.c — synthesis in the public API: `tidings summarize PATH...` (the
** given files read, cleaned and summarised as one story, nothing stored),
** the report of stored articles by id, and the synthesis fields of the
** story document (td_synth_story_add, called from api/stories.c).
**
** Summarize runs the first stages exactly as ingest does — the readers
** (read/read.h) into a sink of our own, UTF-8 checked and NFC, then
** td_clean_article — and keeps the articles in memory. Articles with the
** same clean text are copies of the first (a file given twice is one voice).
** Everything else is the synthesise stage's report builder (synth/synth.h).
*/
#include "api/synth.h"
#include "article.h"
#include "clean/clean.h"
#include "read/read.h"
#include "synth/synth.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/isodate.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

static void *json_alloc(size_t n) { return td_malloc(n); }
static void json_release(void *p) { td_free(p); }

static void fill_opts(td_synth_opts *so, const td_summarize_opts *o) {
  memset(so, 0, sizeof *so);
  if (!o) return;
  so->length.sentences = o->sentences;
  so->length.words = o->words;
  so->max_unique = o->max_unique;
}

/* ------------------------------------------------------------ summarize */

typedef struct kept {
  td_article a;
  uint64_t hash;
} kept;

typedef struct collect {
  const td_summarize_opts *opts;
  char date[21];
  kept *v;
  size_t n, alloc;
  long long rejected;
  int fatal;
} collect;

static void say(collect *c, const td_article *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(collect *c, const td_article *a, const char *fmt, ...) {
  if (!c->opts || !c->opts->on_diag) return;
  td_buf b = TD_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  int rc = td_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  c->opts->on_diag(c->opts->ctx, a->origin, a->line, a->offset, rc == 0 ? b.ptr : fmt);
  td_buf_release(&b);
}

static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  collect *c = ctx;
  if (rejected) c->rejected++;
  if (c->opts && c->opts->on_diag) c->opts->on_diag(c->opts->ctx, origin, line, offset, msg);
}

static int nfc_field(char **f) {
  if (!*f) return 0;
  size_t len = strlen(*f), outlen;
  if (!td_utf8_valid(*f, len, NULL)) return 1;
  char *n = td_utf8_nfc(*f, len, &outlen);
  if (!n) return -1;
  td_free(*f);
  *f = n;
  return 0;
}

static int on_article(void *ctx, td_article *a) {
  collect *c = ctx;
  const td_summarize_opts *o = c->opts;
  if (c->n >= TD_SUMMARIZE_MAX_ARTICLES) {
    c->rejected++;
    say(c, a, "more than %d articles: the rest are left out", TD_SUMMARIZE_MAX_ARTICLES);
    return TD_OK;
  }
  if ((!a->source && o && o->source && td_article_set(&a->source, o->source, strlen(o->source))) ||
      (!a->date && c->date[0] && td_article_set(&a->date, c->date, strlen(c->date))) ||
      (!a->url && a->origin && td_article_set(&a->url, a->origin, strlen(a->origin))))
    return c->fatal = TD_ENOMEM;
  if (a->date) {
    char norm[21];
    if (td_isodate_parse(a->date, strlen(a->date), norm) == 0) {
      if (td_article_set(&a->date, norm, strlen(norm))) return c->fatal = TD_ENOMEM;
    } else {
      say(c, a, "unreadable date \"%.40s\" ignored", a->date);
      td_article_set(&a->date, NULL, 0);
    }
  }
  char **fields[] = {&a->text, &a->title, &a->source, &a->url};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    int rc = nfc_field(fields[i]);
    if (rc < 0) return c->fatal = TD_ENOMEM;
    if (rc > 0) {
      c->rejected++;
      say(c, a, "invalid UTF-8: article left out");
      return TD_OK;
    }
  }
  const char *why = NULL;
  int rc = td_clean_article(a, &why);
  if (rc == TD_ENOMEM) return c->fatal = TD_ENOMEM;
  if (rc || !a->text || !td_utf8_valid(a->text, strlen(a->text), NULL)) {
    c->rejected++;
    say(c, a, "%s", why ? why : "nothing usable in the article");
    return TD_OK;
  }
  if (c->n == c->alloc) {
    size_t na = c->alloc ? c->alloc * 2 : 16;
    kept *nv = td_realloc(c->v, na * sizeof *nv);
    if (!nv) return c->fatal = TD_ENOMEM;
    c->v = nv;
    c->alloc = na;
  }
  /* Take the article over: the reader releases what we leave in `a`. */
  kept *k = &c->v[c->n++];
  k->a = *a;
  k->a.origin = NULL;
  k->hash = XXH3_64bits(a->text, strlen(a->text));
  td_article_init(a);
  return TD_OK;
}

static void collect_release(collect *c) {
  for (size_t i = 0; i < c->n; i++) td_article_release(&c->v[i].a);
  td_free(c->v);
}

static int set_err(char **errmsg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int set_err(char **errmsg, const char *fmt, ...) {
  if (!errmsg) return 0;
  td_buf b = TD_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  td_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  *errmsg = td_buf_detach(&b);
  return 0;
}

static int summarize_collected(collect *c, const td_summarize_opts *opts, char **json_out,
                               char **errmsg) {
  if (c->n == 0) {
    set_err(errmsg, "no usable article in the input");
    return TD_EINPUT;
  }
  td_synth_doc *docs = td_calloc(c->n, sizeof *docs);
  if (!docs) return TD_ENOMEM;
  for (size_t i = 0; i < c->n; i++) {
    const td_article *a = &c->v[i].a;
    docs[i] = (td_synth_doc){(int64_t)i + 1, a->url, a->source, a->date, a->text,
                             strlen(a->text), 0, a->title};
    for (size_t j = 0; j < i; j++)
      if (c->v[j].hash == c->v[i].hash && !strcmp(c->v[j].a.text, a->text)) {
        docs[i].copy_of = docs[j].copy_of ? docs[j].copy_of : (int64_t)j + 1;
        break;
      }
  }
  td_synth_opts so;
  fill_opts(&so, opts);
  td_synth_report *r = NULL;
  int rc = td_synth_report_new(docs, c->n, &so, &r);
  json_t *doc = NULL, *arts = NULL;
  if (!rc) {
    arts = json_array();
    for (size_t i = 0; arts && i < c->n; i++) {
      const td_article *a = &c->v[i].a;
      json_t *o = json_pack("{s:s?, s:s?, s:s?, s:s?}", "url", a->url, "source", a->source,
                            "title", a->title, "date", a->date);
      if (o && docs[i].copy_of)
        json_object_set_new(o, "copy_of",
                            json_string(c->v[docs[i].copy_of - 1].a.url
                                            ? c->v[docs[i].copy_of - 1].a.url
                                            : ""));
      if (!o || json_array_append_new(arts, o)) {
        json_decref(arts);
        arts = NULL;
      }
    }
    doc = arts ? json_pack("{s:o}", "articles", arts) : NULL;
    if (!doc || td_synth_report_json(r, 1, doc)) rc = TD_ENOMEM;
  }
  if (!rc) {
    *json_out = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
    if (!*json_out) rc = TD_ENOMEM;
  }
  if (rc == TD_ENOMEM) set_err(errmsg, "out of memory");
  json_decref(doc);
  td_synth_report_free(r);
  td_free(docs);
  return rc;
}

static int summarize_setup(collect *c, const td_summarize_opts *opts, char **errmsg) {
  memset(c, 0, sizeof *c);
  c->opts = opts;
  json_set_alloc_funcs(json_alloc, json_release);
  if (opts && opts->date && td_isodate_parse(opts->date, strlen(opts->date), c->date)) {
    set_err(errmsg, "--date: \"%s\" is not a date (use YYYY-MM-DD)", opts->date);
    return TD_EUSAGE;
  }
  if (opts && (opts->sentences < 0 || opts->words < 0)) {
    set_err(errmsg, "the summary length must be positive");
    return TD_EUSAGE;
  }
  return TD_OK;
}

int td_summarize_paths(const char *const *paths, size_t npaths, const td_summarize_opts *opts,
                       char **json_out, char **errmsg) {
  *json_out = NULL;
  if (errmsg) *errmsg = NULL;
  collect c;
  int rc = summarize_setup(&c, opts, errmsg);
  if (rc) return rc;
  if (!npaths) {
    set_err(errmsg, "no input given");
    return TD_EUSAGE;
  }
  td_sink sink = {on_article, on_diag, &c, 0};
  td_format fmt = opts ? opts->format : TD_FMT_AUTO;
  for (size_t i = 0; i < npaths && !rc; i++) {
    rc = td_read_path(paths[i], fmt, &sink);
    if (c.fatal) rc = c.fatal;
    if (rc && rc != TD_ENOMEM) set_err(errmsg, "cannot read %s", paths[i]);
  }
  if (!rc) rc = summarize_collected(&c, opts, json_out, errmsg);
  else if (rc == TD_ENOMEM && errmsg && !*errmsg) set_err(errmsg, "out of memory");
  if (!rc && c.rejected) rc = TD_EINPUT; /* summary made; some input was left out */
  collect_release(&c);
  return rc;
}

int td_summarize_buffer(const char *buf, size_t len, const char *origin,
                        const td_summarize_opts *opts, char **json_out, char **errmsg) {
  *json_out = NULL;
  if (errmsg) *errmsg = NULL;
  collect c;
  int rc = summarize_setup(&c, opts, errmsg);
  if (rc) return rc;
  td_sink sink = {on_article, on_diag, &c, 0};
  rc = td_read_buffer(buf, len, origin ? origin : "-", opts ? opts->format : TD_FMT_AUTO, &sink);
  if (c.fatal) rc = c.fatal;
  if (!rc) rc = summarize_collected(&c, opts, json_out, errmsg);
  else set_err(errmsg, rc == TD_ENOMEM ? "out of memory" : "cannot read the input");
  if (!rc && c.rejected) rc = TD_EINPUT;
  collect_release(&c);
  return rc;
}

/* --------------------------------------------------- stored articles */

/* Report of stored articles ids[0..n) (copy_of[i] or 0) onto `obj`. */
static int report_stored(td *db, const int64_t *ids, const int64_t *copy_of, size_t n,
                         const td_summarize_opts *opts, json_t *obj) {
  if (n > TD_SUMMARIZE_MAX_ARTICLES) n = TD_SUMMARIZE_MAX_ARTICLES; /* the first, in time order */
  td_article *arts = td_calloc(n ? n : 1, sizeof *arts);
  td_synth_doc *docs = td_calloc(n ? n : 1, sizeof *docs);
  int rc = TD_OK;
  if (!arts || !docs) rc = td_fail(db, TD_ENOMEM, "out of memory");
  size_t k = 0;
  for (size_t i = 0; !rc && i < n; i++) {
    td_article_init(&arts[k]);
    int src = db->vt->article_get(db->st, ids[i], &arts[k]);
    if (src == TD_ENOTFOUND) {
      td_article_release(&arts[k]);
      continue;
    }
    if (src) {
      td_article_release(&arts[k]);
      rc = td_fail_store(db, src);
      break;
    }
    int64_t orig = copy_of ? copy_of[i] : 0;
    if (!copy_of && db->vt->article_copy_of) db->vt->article_copy_of(db->st, ids[i], &orig);
    const td_article *a = &arts[k];
    docs[k] = (td_synth_doc){ids[i], a->url, a->source, a->date, a->text ? a->text : "",
                             a->text ? strlen(a->text) : 0, orig, a->title};
    k++;
  }
  if (!rc) {
    td_synth_opts so;
    fill_opts(&so, opts);
    td_synth_report *r = NULL;
    if (td_synth_report_new(docs, k, &so, &r) || td_synth_report_json(r, 0, obj))
      rc = td_fail(db, TD_ENOMEM, "out of memory building the story report");
    td_synth_report_free(r);
  }
  for (size_t i = 0; arts && i < k; i++) td_article_release(&arts[i]);
  td_free(arts);
  td_free(docs);
  return rc;
}

int td_synth_json(td *db, const int64_t *ids, size_t n, const td_summarize_opts *opts,
                  char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  if (opts && (opts->sentences < 0 || opts->words < 0))
    return td_fail(db, TD_EUSAGE, "the summary length must be positive");
  json_t *obj = json_object();
  if (!obj) return td_fail(db, TD_ENOMEM, "out of memory");
  int rc = report_stored(db, ids, NULL, n, opts, obj);
  if (rc) {
    json_decref(obj);
    return rc;
  }
  return td_emit_json(db, obj, json_out);
}

int td_synth_story_add(td *db, json_t *story) {
  json_t *arts = json_object_get(story, "articles");
  size_t n = json_array_size(arts);
  int64_t *ids = td_malloc((n ? n : 1) * sizeof *ids);
  int64_t *cp = td_malloc((n ? n : 1) * sizeof *cp);
  if (!ids || !cp) {
    td_free(ids);
    td_free(cp);
    return td_fail(db, TD_ENOMEM, "out of memory");
  }
  size_t i, k = 0;
  json_t *a;
  json_array_foreach(arts, i, a) {
    json_t *id = json_object_get(a, "id"), *c = json_object_get(a, "copy_of");
    if (!json_is_integer(id)) continue;
    ids[k] = json_integer_value(id);
    cp[k] = json_is_integer(c) ? json_integer_value(c) : 0;
    k++;
  }
  int rc = report_stored(db, ids, cp, k, NULL, story);
  td_free(ids);
  td_free(cp);
  return rc;
}
