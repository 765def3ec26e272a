/*
** store.h — the store interface (store/index stage).
**
** Stages never talk to SQLite directly: they call through a table of
** functions, as SQLite's VFS or FTS5's tokenizer API, so a second backend
** (PostgreSQL for the distributed engine) plugs in without touching them.
** The embedded default is td_store_sqlite (store/sqlite.c).
**
** Every function returns TD_OK or a TD_E* status and leaves a message for
** errmsg(). Strings handed out are owned by the caller (td_free).
*/
#ifndef TD_STORE_H
#define TD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "tidings.h"

typedef struct td_store td_store; /* a backend's own state, opaque here */

typedef struct td_store_stats {
  long long articles, copies, stories, threads, sources, quotes, entities;
} td_store_stats;

/* What the store already holds that matches an incoming article. */
typedef struct td_store_match {
  int64_t same_url;        /* article with this URL, or 0              */
  uint64_t same_url_hash;  /* its text hash (valid when same_url != 0) */
  int64_t same_text;       /* earliest article with this text hash, or 0 */
} td_store_match;

/* Called once per listed article; return non-zero to stop. */
typedef int (*td_store_article_fn)(void *ctx, const td_article *a);

typedef struct td_store_vtab {
  const char *name;
  int (*open)(const char *path, const td_open_opts *opts, td_store **out, char **errmsg);
  void (*close)(td_store *st);
  const char *(*errmsg)(td_store *st);

  /* Transactions: begin takes the write lock (waiting up to the busy
  ** timeout, then TD_EBUSY); everything until commit is atomic. */
  int (*begin)(td_store *st);
  int (*commit)(td_store *st);
  int (*rollback)(td_store *st);
  /* Per-article savepoints inside a transaction, so one article that fails
  ** to store is undone alone and the batch goes on. */
  int (*savepoint)(td_store *st);
  int (*release)(td_store *st);
  int (*rollback_to)(td_store *st);

  int (*article_match)(td_store *st, const char *url, uint64_t text_hash, td_store_match *m);
  /* Store `a` (its id is set); copy_of is the original's id or 0. */
  int (*article_insert)(td_store *st, td_article *a, uint64_t text_hash, int64_t copy_of);
  /* Fill `a` (td_article_init'ed by the caller) from the store. */
  int (*article_get)(td_store *st, int64_t id, td_article *a);
  int (*article_by_url)(td_store *st, const char *url, int64_t *id);
  int (*article_copy_of)(td_store *st, int64_t id, int64_t *original);
  /* Articles in id order without text or removed lines. */
  int (*article_list)(td_store *st, long long offset, long long limit, td_store_article_fn fn,
                      void *ctx);
  int (*stats)(td_store *st, td_store_stats *out);
} td_store_vtab;

extern const td_store_vtab td_store_sqlite;

/* Current schema version of the SQLite store (see its migrations). */
int td_store_sqlite_schema_version(void);

#endif
