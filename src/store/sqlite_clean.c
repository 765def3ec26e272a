/*
** sqlite_clean.c — the clean stage's memory in the SQLite store (issue 4).
**
** One table, made by its migration in sqlite.c: `clean_lines` counts, per
** outlet, the articles that carried each folded line (its hash from
** clean/boilerplate.c); the row with hash 0 counts the outlet's articles.
** The clean stage asks for the counts of a new article's lines and counts
** the article in, in one call during ingest, so a line becomes the outlet's
** learned boilerplate once enough earlier articles carried it. An article
** whose URL is already stored is not counted again: ingesting the same
** crawl twice teaches nothing. Outlets are keyed by a hash of their name
** folded to lower case, so the table holds numbers only.
*/
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/alloc.h"

#include <sqlite3.h>
#include <string.h>
#include <xxhash.h>

static const char SQL_URL_STORED[] = "SELECT 1 FROM articles WHERE url=?";
static const char SQL_LINE_GET[] = "SELECT articles FROM clean_lines WHERE source=? AND hash=?";
static const char SQL_LINE_ADD[] =
    "INSERT INTO clean_lines(source, hash, articles) VALUES(?1, ?2, 1) "
    "ON CONFLICT(source, hash) DO UPDATE SET articles=articles+1";

/* The outlet's key: its name in lower case (ASCII), hashed. */
static int64_t source_key(const char *s) {
  char f[512];
  size_t n = 0;
  for (; *s && n < sizeof f; s++) f[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
  return (int64_t)XXH3_64bits(f, n);
}

static int lines_seen(td_store *st, const char *source, const char *url, const uint64_t *hashes,
                      size_t n, long long *counts) {
  sqlite3_stmt *q = td_sqlite_stmt(st, SQL_URL_STORED);
  if (!q) return TD_EINTERNAL;
  td_sqlite_bind_text(q, 1, url);
  int rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return td_sqlite_fail(st, rc, "looking up a URL");
  int fresh = rc == SQLITE_DONE;
  int64_t src = source_key(source);
  for (size_t i = 0; i < n; i++) {
    sqlite3_stmt *g = td_sqlite_stmt(st, SQL_LINE_GET);
    if (!g) return TD_EINTERNAL;
    sqlite3_bind_int64(g, 1, src);
    sqlite3_bind_int64(g, 2, (int64_t)hashes[i]);
    rc = sqlite3_step(g);
    counts[i] = rc == SQLITE_ROW ? sqlite3_column_int64(g, 0) : 0;
    sqlite3_reset(g);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return td_sqlite_fail(st, rc, "reading line counts");
    if (!fresh) continue;
    sqlite3_stmt *u = td_sqlite_stmt(st, SQL_LINE_ADD);
    if (!u) return TD_EINTERNAL;
    sqlite3_bind_int64(u, 1, src);
    sqlite3_bind_int64(u, 2, (int64_t)hashes[i]);
    rc = sqlite3_step(u);
    sqlite3_reset(u);
    if (rc != SQLITE_DONE) return td_sqlite_fail(st, rc, "counting an outlet's lines");
  }
  return TD_OK;
}

const td_store_clean td_sqlite_clean = {
    .lines_seen = lines_seen,
};
