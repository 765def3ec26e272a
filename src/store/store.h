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
  /* Making a snippet of a ranked article costs more than ranking it, so a
  ** caller ranks first without them (no_snippet: hits carry snippet NULL),
  ** then asks again for the snippets of the articles it keeps: `ids` is then
  ** a JSON array of their ids, and only they are returned. */
  int no_snippet;
  const char *ids;
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

/* ---- extract (issue 5): quotes, names and dates of each article
** (store/sqlite_extract.c). Strings are borrowed for the call or the
** callback only. */
typedef struct td_store_quote {
  int64_t id;      /* set by quote_insert                                   */
  int64_t article;
  int64_t stmt;    /* id of the first part of its statement; 0 on insert =
                      the quote's own id                                    */
  int64_t group;   /* the same statement across articles; 0 on insert = own id */
  int64_t story;   /* read side: the article's story, 0 when not placed     */
  size_t start, end; /* bytes of the quoted words in the article's text     */
  const char *text, *speaker, *cue, *kind;
  const char *speaker_kind; /* entity kind of the speaker ("person", "org"
                               ...), NULL for an unresolved description    */
  const char *url, *source, *date; /* read side: the article's               */
} td_store_quote;
typedef int (*td_store_quote_fn)(void *ctx, const td_store_quote *q);

typedef struct td_store_entity {
  int64_t article;
  int seq;       /* its place in the article's set                */
  int64_t story; /* read side, 0 when not placed                  */
  const char *name, *kind;
  const char *aliases, *roles; /* JSON arrays of strings            */
  long long mentions;
} td_store_entity;
typedef int (*td_store_entity_fn)(void *ctx, const td_store_entity *e);

typedef struct td_store_date {
  size_t start, end;
  int year, month, day; /* month and day 0 when unknown */
  const char *prec;     /* "day", "week", "month", "year" */
  int relative;
} td_store_date;

/* The extract stage's part of a store, as place's: a table of functions
** called with the td_store. */
typedef struct td_store_extract {
  /* Store a quote; sets q->id, and stmt / group to it when they are 0. */
  int (*quote_insert)(td_store *st, td_store_quote *q);
  /* Quotes of the other articles of `article`'s story, the most recently
  ** added articles first (then in text order), at most `limit` rows;
  ** without the read side fields. */
  int (*quote_peers)(td_store *st, int64_t article, long long limit, td_store_quote_fn fn,
                     void *ctx);
  /* Merge group `from` into group `to` (a new article showed they are one
  ** statement). */
  int (*quote_regroup)(td_store *st, int64_t from, int64_t to);
  /* Quotes of one story (story > 0) or all, with the read side fields: by
  ** story, then article date (undated last), article id, start. */
  int (*quote_list)(td_store *st, int64_t story, td_store_quote_fn fn, void *ctx);
  int (*entity_insert)(td_store *st, const td_store_entity *e);
  /* Names of one story's articles (story > 0) or all, by story, article. */
  int (*entity_list)(td_store *st, int64_t story, td_store_entity_fn fn, void *ctx);
  int (*date_insert)(td_store *st, int64_t article, const td_store_date *d);
} td_store_extract;

/* ---- clean (issue 4, store/sqlite_clean.c): what an outlet repeats. */
typedef struct td_store_clean {
  /* The clean stage's td_clean_ctx.lines_seen (clean/clean.h): counts[i] =
  ** earlier articles of `source` with line hash hashes[i] (hashes[0] = 0:
  ** all its articles), then this article is counted in unless `url` is
  ** stored already. */
  int (*lines_seen)(td_store *st, const char *source, const char *url, const uint64_t *hashes,
                    size_t n, long long *counts);
} td_store_clean;

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
  /* The writer lock an ingest holds from start to end, so two ingests into
  ** one store run one after the other instead of interleaving batches.
  ** With wait = 0 it returns TD_EBUSY at once when another holds it. */
  int (*writer_lock)(td_store *st, int wait);
  void (*writer_unlock)(td_store *st);
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
  /* The first sentence of the story's earliest article (text/sentence.h
  ** td_sentence_lead): its title when no article has a headline. NULL when
  ** the story has no text; td_free. */
  int (*story_lead)(td_store *st, int64_t story, char **lead);
  /* A page of the story list (issue 7, td_stories_page_json): at most
  ** `limit` story ids into ids[] (*n of them) from `offset`, the story with
  ** the latest article date first (undated stories last), then the newer
  ** story; *total counts every story. NULL in a store that keeps none. */
  int (*story_page)(td_store *st, long long offset, long long limit, int64_t *ids, size_t *n,
                    long long *total);
  /* Place (issue 3): the state of copies, stories and threads, as the
  ** place stage's table of functions (place/place.h) called with the
  ** td_store as ctx. */
  const struct td_place_backend *place;

  /* Extract (issue 5): quotes, names and dates; NULL in a store that keeps
  ** none of them. */
  const struct td_store_extract *extract;

  /* Clean (issue 4): the outlet-boilerplate memory; NULL in a store that
  ** keeps none. */
  const struct td_store_clean *clean;
} td_store_vtab;

/* The SQLite store's place functions (store/sqlite_place.c). */
extern const struct td_place_backend td_sqlite_place;
/* The SQLite store's extract functions (store/sqlite_extract.c, issue 5). */
extern const td_store_extract td_sqlite_extract;
/* The SQLite store's clean functions (store/sqlite_clean.c, issue 4). */
extern const td_store_clean td_sqlite_clean;

extern const td_store_vtab td_store_sqlite;

/* Current schema version of the SQLite store (see its migrations). */
int td_store_sqlite_schema_version(void);

#endif
