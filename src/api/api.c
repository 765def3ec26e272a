/*
** api.c — opening and closing a store, errors, formats: the public API's
** plumbing. Every public entry point reports failure through td_fail, which
** keeps the message on the handle for td_errmsg.
*/
#include "api/api.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <jansson.h>
#include <stdarg.h>
#include <string.h>

int td_fail(td *db, int status, const char *fmt, ...) {
  if (!db) return status;
  td_buf b = TD_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  int rc = td_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  td_free(db->msg);
  db->msg = rc == 0 ? td_buf_detach(&b) : NULL;
  td_buf_release(&b);
  return status;
}

int td_fail_store(td *db, int status) {
  const char *m = db->vt->errmsg(db->st);
  return td_fail(db, status, "%s", *m ? m : td_strerror(status));
}

void td_clear_error(td *db) {
  td_free(db->msg);
  db->msg = NULL;
}

const char *td_errmsg(const td *db) { return db && db->msg ? db->msg : ""; }

const char *td_strerror(int status) {
  switch (status) {
  case TD_OK: return "ok";
  case TD_EUSAGE: return "usage error";
  case TD_EINPUT: return "bad input";
  case TD_ENOTFOUND: return "not found";
  case TD_ENOMEM: return "out of memory";
  case TD_EIO: return "input/output error";
  case TD_EBUSY: return "the store is busy";
  case TD_EINTERNAL: return "internal error";
  default: return "unknown error";
  }
}

static const char *const format_names[] = {"auto", "text", "jsonl", "html", "warc", "rss"};

int td_format_parse(const char *name, td_format *fmt) {
  for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
    if (name && strcmp(name, format_names[i]) == 0) {
      *fmt = (td_format)i;
      return TD_OK;
    }
  }
  if (name && strcmp(name, "json") == 0) {
    *fmt = TD_FMT_JSONL;
    return TD_OK;
  }
  return TD_EUSAGE;
}

const char *td_format_name(td_format fmt) {
  return (unsigned)fmt < sizeof format_names / sizeof format_names[0] ? format_names[fmt] : "?";
}

/* Library-wide one-time set-up: jansson allocates through our wrapper. */
static void *json_alloc(size_t n) { return td_malloc(n); }
static void json_release(void *p) { td_free(p); }

int td_open(const char *path, const td_open_opts *opts, td **out) {
  *out = NULL;
  if (!path || !*path) return TD_EUSAGE;
  json_set_alloc_funcs(json_alloc, json_release);
  td *db = td_calloc(1, sizeof *db);
  if (!db) return TD_ENOMEM;
  db->vt = &td_store_sqlite;
  char *msg = NULL;
  int rc = db->vt->open(path, opts, &db->st, &msg);
  if (rc) {
    td_fail(db, rc, "cannot open the store %s: %s", path, msg ? msg : td_strerror(rc));
    td_free(msg);
    *out = db; /* carries the message; the caller closes it */
    return rc;
  }
  *out = db;
  return TD_OK;
}

void td_close(td *db) {
  if (!db) return;
  if (db->st) db->vt->close(db->st);
  td_free(db->msg);
  td_free(db);
}

int td_emit_json(td *db, json_t *v, char **out) {
  *out = NULL;
  if (!v) return td_fail(db, TD_ENOMEM, "out of memory building JSON");
  /* 15 digits: a score rounded to 0.275 reads 0.275, not 0.27500000000000002 */
  char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
  json_decref(v);
  if (!s) return td_fail(db, TD_ENOMEM, "out of memory writing JSON");
  *out = s; /* allocated through json_alloc → td_malloc, so td_free frees it */
  return TD_OK;
}
