/*
** ingest.c — the pipeline driver: read → clean → normalise → (fingerprint,
** extract, place) → store, one article at a time.
**
** Readers stream articles into on_article. Each article is checked and
** normalised, then stored inside a per-article savepoint of the current batch
** transaction: an article that fails is undone alone and reported, and the
** batch goes on. A batch commits every `batch_size` articles, so a kill -9
** loses at most the batch in flight and the next ingest simply re-reads it
** (re-ingesting an article that is already stored changes nothing).
*/
#include "api/api.h"
#include "api/quotes.h"
#include "api/stories.h"
#include "clean/clean.h"
#include "read/read.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/isodate.h"

#include <stdarg.h>
#include <string.h>
#include <xxhash.h>

typedef struct ingest {
  td *db;
  const td_ingest_opts *opts;
  td_ingest_counts *counts;   /* the caller's running totals */
  td_ingest_counts run;       /* this call's own counts */
  int batch_size, in_batch, fatal, locked;
  struct td_extract *ex;      /* extract (issue 5): shared by the ingest's articles */
  char default_date[21];
} ingest;

static void diag(ingest *ig, const char *origin, long line, long long offset, const char *msg) {
  if (ig->opts && ig->opts->on_diag) ig->opts->on_diag(ig->opts->ctx, origin, line, offset, msg);
}

static void diagf(ingest *ig, const td_article *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void diagf(ingest *ig, const td_article *a, const char *fmt, ...) {
  td_buf b = TD_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  int rc = td_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  diag(ig, a->origin, a->line, a->offset, rc == 0 ? b.ptr : "(out of memory)");
  td_buf_release(&b);
}

/* Sink callback for reader diagnostics. */
static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  ingest *ig = ctx;
  if (rejected) {
    ig->run.rejected++;
    ig->counts->rejected++;
  }
  diag(ig, origin, line, offset, msg);
}

static int commit_batch(ingest *ig) {
  if (!ig->in_batch) return TD_OK;
  ig->in_batch = 0;
  int rc = ig->db->vt->commit(ig->db->st);
  if (rc) {
    ig->db->vt->rollback(ig->db->st);
    return td_fail_store(ig->db, rc);
  }
  return TD_OK;
}

/* Make `*field` valid NFC UTF-8; returns 0, -1 on OOM, or 1 with *bad set
** when the text is not UTF-8. */
static int normalise_field(char **field, size_t *bad) {
  if (!*field) return 0;
  size_t len = strlen(*field), outlen;
  if (!td_utf8_valid(*field, len, bad)) return 1;
  char *n = td_utf8_nfc(*field, len, &outlen);
  if (!n) return -1;
  td_free(*field);
  *field = n;
  return 0;
}

static void reject(ingest *ig, const td_article *a, const char *why) {
  ig->run.rejected++;
  ig->counts->rejected++;
  diagf(ig, a, "%s", why);
}

/* Check and normalise one article in place. 0 = ready to store, 1 = rejected
** (reported), or a fatal TD_E* status. */
static int prepare(ingest *ig, td_article *a) {
  const td_ingest_opts *o = ig->opts;
  if (!a->source && o && o->source && td_article_set(&a->source, o->source, strlen(o->source)))
    return TD_ENOMEM;
  if (!a->date && ig->default_date[0] &&
      td_article_set(&a->date, ig->default_date, strlen(ig->default_date)))
    return TD_ENOMEM;
  if (!a->url && a->origin && td_article_set(&a->url, a->origin, strlen(a->origin)))
    return TD_ENOMEM;
  if (!a->url) {
    reject(ig, a, "the article has no URL or origin");
    return 1;
  }
  if (a->date) {
    char norm[21];
    if (td_isodate_parse(a->date, strlen(a->date), norm) == 0) {
      if (td_article_set(&a->date, norm, strlen(norm))) return TD_ENOMEM;
    } else {
      diagf(ig, a, "unreadable date \"%.40s\" ignored", a->date);
      td_article_set(&a->date, NULL, 0);
    }
  }
  size_t bad = 0;
  char **fields[] = {&a->text, &a->html, &a->title, &a->source, &a->byline, &a->url};
  static const char *const names[] = {"text", "html", "title", "source", "byline", "url"};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    if (fields[i] == &a->html) continue; /* the HTML reader deals with charsets */
    int rc = normalise_field(fields[i], &bad);
    if (rc < 0) return TD_ENOMEM;
    if (rc > 0) {
      td_buf b = TD_BUF_INIT;
      td_buf_printf(&b, "invalid UTF-8 in the %s at byte %zu of it", names[i], bad);
      reject(ig, a, b.ptr ? b.ptr : "invalid UTF-8");
      td_buf_release(&b);
      return 1;
    }
  }
  const char *why = NULL;
  td_clean_ctx cc = {.lines_seen = ig->db->vt->clean ? ig->db->vt->clean->lines_seen : NULL,
                     .st = ig->db->st}; /* the outlet-boilerplate memory (issue 4) */
  int rc = td_clean_article_ctx(a, &cc, &why);
  if (rc == TD_ENOMEM) return TD_ENOMEM;
  if (rc) {
    reject(ig, a, why ? why : "nothing usable in the article");
    return 1;
  }
  /* Cleaning may have produced text from HTML: check what it made. */
  if (a->text && !td_utf8_valid(a->text, strlen(a->text), &bad)) {
    reject(ig, a, "the cleaned text is not valid UTF-8");
    return 1;
  }
  return 0;
}

/* Store a prepared article inside a savepoint. 0, 1 (not stored, reported) or fatal. */
static int store(ingest *ig, td_article *a) {
  td *db = ig->db;
  const td_store_vtab *vt = db->vt;
  uint64_t hash = XXH3_64bits(a->text, strlen(a->text));
  td_store_match m;
  int rc;
  if (!ig->in_batch) {
    if ((rc = vt->begin(db->st))) return td_fail_store(db, rc);
    ig->in_batch = 1;
  }
  if ((rc = vt->article_match(db->st, a->url, hash, &m))) return td_fail_store(db, rc);
  if (m.same_url) {
    ig->run.duplicate++;
    ig->counts->duplicate++;
    if (m.same_url_hash != hash)
      diagf(ig, a, "%s is already stored (article %lld) with another text; kept the stored one",
            a->url, (long long)m.same_url);
    return 1;
  }
  if ((rc = vt->savepoint(db->st))) return td_fail_store(db, rc);
  rc = vt->article_insert(db->st, a, hash, m.same_text);
  /* place: copies, stories and threads are decided here, inside the savepoint;
  ** then extract (issue 5): quotes, names and dates, grouped with the story's.
  ** One call, so that the article's names are extracted once for both. */
  if (rc == TD_OK && !ig->ex && !(ig->ex = td_extract_new())) rc = TD_ENOMEM;
  if (rc == TD_OK) rc = td_place_extract_stored(db, ig->ex, a);
  if (rc) {
    int fatal = rc == TD_ENOMEM || rc == TD_EIO || rc == TD_EBUSY || rc == TD_EINTERNAL;
    const char *msg = vt->errmsg(db->st);
    if (vt->rollback_to(db->st) || fatal) return td_fail_store(db, rc);
    reject(ig, a, msg);
    return 1;
  }
  if ((rc = vt->release(db->st))) return td_fail_store(db, rc);
  ig->run.added++;
  ig->counts->added++;
  if (m.same_text) {
    ig->run.copies++;
    ig->counts->copies++;
  }
  return 0;
}

static int on_article(void *ctx, td_article *a) {
  ingest *ig = ctx;
  ig->run.read++;
  ig->counts->read++;
  int rc = prepare(ig, a);
  if (rc == 0) rc = store(ig, a);
  if (rc > 1) { /* fatal: undo the batch in flight */
    if (ig->in_batch) {
      ig->db->vt->rollback(ig->db->st);
      ig->in_batch = 0;
    }
    ig->fatal = rc;
    return rc;
  }
  if (ig->in_batch && ig->run.read % ig->batch_size == 0) {
    if ((rc = commit_batch(ig))) {
      ig->fatal = rc;
      return rc;
    }
  }
  if (ig->opts && ig->opts->on_progress && ig->run.read % 1000 == 0)
    ig->opts->on_progress(ig->opts->ctx, ig->counts);
  return TD_OK;
}

static int ingest_setup(td *db, ingest *ig, const td_ingest_opts *opts, td_ingest_counts *counts) {
  memset(ig, 0, sizeof *ig);
  ig->db = db;
  ig->opts = opts;
  ig->counts = counts;
  ig->batch_size = opts && opts->batch_size > 0 ? opts->batch_size : 512;
  td_clear_error(db);
  if (opts && opts->date && td_isodate_parse(opts->date, strlen(opts->date), ig->default_date))
    return td_fail(db, TD_EUSAGE, "--date: \"%s\" is not a date (use YYYY-MM-DD)", opts->date);
  /* One ingest at a time per store: wait for another to finish. */
  int rc = db->vt->writer_lock(db->st, 0);
  if (rc == TD_EBUSY) {
    diag(ig, "", 0, -1, "waiting for another ingest into this store to finish");
    rc = db->vt->writer_lock(db->st, 1);
  }
  if (rc) return td_fail_store(db, rc);
  ig->locked = 1;
  return TD_OK;
}

static int ingest_finish(ingest *ig, int rc, td_sink *sink) {
  ig->counts->bytes += sink->bytes;
  td_extract_free(ig->ex); /* extract (issue 5) */
  ig->ex = NULL;
  if (rc == TD_OK && ig->fatal == 0) rc = commit_batch(ig);
  else if (ig->in_batch) {
    ig->db->vt->rollback(ig->db->st);
    ig->in_batch = 0;
  }
  if (ig->fatal) rc = ig->fatal;
  if (ig->locked) ig->db->vt->writer_unlock(ig->db->st);
  if (rc == TD_OK && ig->run.rejected)
    rc = td_fail(ig->db, TD_EINPUT, "%lld article(s) or record(s) rejected", ig->run.rejected);
  if (ig->opts && ig->opts->on_progress) ig->opts->on_progress(ig->opts->ctx, ig->counts);
  return rc;
}

int td_ingest_path(td *db, const char *path, const td_ingest_opts *opts,
                   td_ingest_counts *counts) {
  ingest ig;
  int rc = ingest_setup(db, &ig, opts, counts);
  if (rc) return rc;
  td_sink sink = {on_article, on_diag, &ig, 0};
  rc = td_read_path(path, opts ? opts->format : TD_FMT_AUTO, &sink);
  return ingest_finish(&ig, rc, &sink);
}

int td_ingest_buffer(td *db, const char *buf, size_t len, const char *origin,
                     const td_ingest_opts *opts, td_ingest_counts *counts) {
  ingest ig;
  int rc = ingest_setup(db, &ig, opts, counts);
  if (rc) return rc;
  td_sink sink = {on_article, on_diag, &ig, 0};
  rc = td_read_buffer(buf, len, origin, opts ? opts->format : TD_FMT_AUTO, &sink);
  return ingest_finish(&ig, rc, &sink);
}
