/*
** sqlite_int.h — internals of the SQLite store shared by its files.
**
** The SQLite backend is split by area: sqlite.c (open, migrations,
** transactions, articles) and one sqlite_<area>.c per stage that keeps
** tables of its own (place, extract, clean ...). They share the
** connection and a statement cache keyed by the SQL text's address, so each
** file writes its statements as static strings and never manages their
** lifetime.
*/
#ifndef TD_SQLITE_INT_H
#define TD_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"

#define TD_SQLITE_STMT_CACHE 128

typedef struct td_sqlite_df td_sqlite_df;

struct td_store {
  sqlite3 *db;
  char *msg;
  int in_tx;
  int in_savepoint; /* an article's savepoint is open */
  int lock_fd; /* the database file, for the whole-ingest writer lock; -1 if none */
  int64_t fts_from; /* first article stored in this transaction, to index at commit; 0 = none */
  struct {
    const char *sql; /* the static string the statement was made from */
    sqlite3_stmt *stmt;
  } cache[TD_SQLITE_STMT_CACHE];
  int ncache;
  td_sqlite_df *df; /* the place stage's document frequencies in a transaction */
  int post_pending; /* postings go through the pending tables (1) or straight to
                    ** theirs (0) in this transaction; -1 not known yet */
};

/* The prepared statement for the static string `sql`, reset and with its
** bindings cleared; NULL on error (message set). Borrowed: do not finalize. */
sqlite3_stmt *td_sqlite_stmt(td_store *st, const char *sql);

/* Record an SQLite error (rc) while doing `what`; returns the TD_E* status. */
int td_sqlite_fail(td_store *st, int rc, const char *what);

/* Bind a string or NULL. */
void td_sqlite_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Full-text search, the vtab's `search` (sqlite_search.c). */
int td_sqlite_search(td_store *st, const td_store_search *q, td_store_hit_fn fn, void *ctx);
int td_sqlite_story_lead(td_store *st, int64_t story, char **lead);

/* The place stage's document-frequency counts of the transaction in flight
** (sqlite_place.c): written at commit (flush, before COMMIT), forgotten on
** rollback (drop); an article's own counts join the batch's when its
** savepoint is released (keep = 1) or are forgotten when it is rolled back
** to (keep = 0). */
int td_sqlite_df_flush(td_store *st);
void td_sqlite_df_drop(td_store *st);
int td_sqlite_df_savepoint_end(td_store *st, int keep);
void td_sqlite_df_free(td_store *st);

/* Move the pending postings into story_post and copy_post, in key order,
** once they are many (or always, force = 1); in the transaction, before
** COMMIT (sqlite_place.c). */
int td_sqlite_post_merge(td_store *st, int force);

/* The story list's pages, the vtab's `story_page` (sqlite_place.c). */
int td_sqlite_story_page(td_store *st, long long offset, long long limit, int64_t *ids, size_t *n,
                         long long *total);

#endif
