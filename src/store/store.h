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

/* Full-text search (search stage, store/sqlite_search.c). `match` is an
** FTS5 expression made by search/query.c, bound as a parameter; NULL lists
** the articles that pass the filters, newest first. Filters are NULL / 0 when
** unused. */
typedef struct td_store_search {
  const char *match;
  const char *source, *from, *to, *entity;
  int64_t story;
  long long offset, limit; /* limit 0 = 100 */
} td_store_search;

/* One hit; strings are borrowed for the callback only. `snippet` marks each
** matched token with \x02 before and \x03 after it. `score` is higher for
** a better match (BM25, sign flipped). */
typedef struct td_store_hit {
  int64_t id;
  int64_t story; /* the story the article is in, 0 when none */
  const char *url, *source, *title, *date, *snippet;
  double score;
} td_store_hit;
typedef int (*td_store_hit_fn)(void *ctx, const td_store_hit *h);

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
  /* Search (issue 7): hits best first; return non-zero from fn to stop. */
  int (*search)(td_store *st, const td_store_search *q, td_store_hit_fn fn, void *ctx);
  /* A story's title for search results (NULL when it has none; td_free). */
  int (*story_title)(td_store *st, int64_t story, char **title);
  /* Place (issue 3): the state of copies, stories and threads, as the
  ** place stage's table of functions (place/place.h) called with the
  ** td_store as ctx. */
  const struct td_place_backend *place;
} td_store_vtab;

/* The SQLite store's place functions (store/sqlite_place.c). */
extern const struct td_place_backend td_sqlite_place;

extern const td_store_vtab td_store_sqlite;

/* Current schema version of the SQLite store (see its migrations). */
int td_store_sqlite_schema_version(void);

#endif
