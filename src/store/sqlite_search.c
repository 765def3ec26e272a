/*
** sqlite_search.c — full-text search over the SQLite store (store/index
** stage).
**
** The index is the FTS5 table articles_fts (migration 2), an external-content
** table over articles(title, text) kept in sync by triggers, tokenized with
** unicode61 (diacritics removed) under the Porter stemmer, so "facilities"
** finds "facility". Hits are ranked by BM25 with the title weighted above the
** body. The MATCH expression comes from search/query.c and, like every
** filter, is bound as a parameter: the SQL text below is all static.
** A query with filters only (no words) lists matching articles newest first.
** Each hit carries its story from the place stage's table place_articles.
*/
#include "store/sqlite_int.h"
#include "util/alloc.h"

#include <sqlite3.h>
#include <string.h>

/* Title hits weigh four times body hits. snippet() marks matches with the
** control characters \x02 and \x03, which clean text never holds, so the API
** can turn them into whatever markup its reader needs. */
static const char SQL_SEARCH[] =
    "SELECT a.id, a.url, a.source, a.title, a.date, -bm25(articles_fts, 4.0, 1.0),\n"
    "  snippet(articles_fts, 1, char(2), char(3), '…', 28), p.story\n"
    "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid\n"
    "  LEFT JOIN place_articles p ON p.article = a.id\n"
    "WHERE articles_fts MATCH ?1\n"
    "  AND (?7 IS NULL OR p.story = ?7)\n"
    "  AND (?2 IS NULL OR a.source = ?2 COLLATE NOCASE)\n"
    "  AND (?3 IS NULL OR a.date >= ?3)\n"
    "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4)\n"
    "ORDER BY bm25(articles_fts, 4.0, 1.0), a.id\n"
    "LIMIT ?5 OFFSET ?6";

static const char SQL_FILTER[] =
    "SELECT a.id, a.url, a.source, a.title, a.date, 0.0,\n"
    "  substr(a.text, 1, 200) || CASE WHEN length(a.text) > 200 THEN '…' ELSE '' END, p.story\n"
    "FROM articles a LEFT JOIN place_articles p ON p.article = a.id\n"
    "WHERE (?2 IS NULL OR a.source = ?2 COLLATE NOCASE)\n"
    "  AND (?7 IS NULL OR p.story = ?7)\n"
    "  AND (?3 IS NULL OR a.date >= ?3)\n"
    "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4)\n"
    "ORDER BY a.date DESC, a.id DESC\n"
    "LIMIT ?5 OFFSET ?6";

/* The story's title: its first headline in time order (undated last), as
** the place stage titles a story (api/stories.c). */
static const char SQL_STORY_TITLE[] =
    "SELECT a.title FROM place_articles p JOIN articles a ON a.id = p.article\n"
    "WHERE p.story = ?1 AND a.title IS NOT NULL AND a.title <> ''\n"
    "ORDER BY a.date IS NULL, a.date, a.id LIMIT 1";

int td_sqlite_story_title(td_store *st, int64_t story, char **title) {
  *title = NULL;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_STORY_TITLE);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, story);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW) {
    if (!(*title = td_strdup((const char *)sqlite3_column_text(s, 0)))) status = TD_ENOMEM;
  } else if (rc != SQLITE_DONE) {
    status = td_sqlite_fail(st, rc, "reading a story title");
  }
  sqlite3_reset(s);
  return status;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

int td_sqlite_search(td_store *st, const td_store_search *q, td_store_hit_fn fn, void *ctx) {
  if (q->entity) {
    /* Entities belong to the extract stage; until this store keeps them
    ** the filter cannot be answered. */
    td_free(st->msg);
    st->msg = td_strdup("entity: filters need entities, which this store does not keep yet");
    return TD_EUSAGE;
  }
  sqlite3_stmt *s = td_sqlite_stmt(st, q->match ? SQL_SEARCH : SQL_FILTER);
  if (!s) {
    /* A store made before the index existed and opened read-only since. */
    if (strstr(sqlite3_errmsg(st->db), "no such table")) {
      td_free(st->msg);
      st->msg = td_strdup("this store has no search index yet: open it once for writing "
                          "(tidings ingest, or tidings serve) to add one");
      return TD_EUSAGE;
    }
    return TD_EINTERNAL;
  }
  if (q->match) sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
  td_sqlite_bind_text(s, 2, q->source);
  td_sqlite_bind_text(s, 3, q->from);
  td_sqlite_bind_text(s, 4, q->to);
  sqlite3_bind_int64(s, 5, q->limit > 0 ? q->limit : 100);
  sqlite3_bind_int64(s, 6, q->offset > 0 ? q->offset : 0);
  if (q->story) sqlite3_bind_int64(s, 7, q->story);
  int rc, status = TD_OK;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    td_store_hit h = {
        .id = sqlite3_column_int64(s, 0),
        .url = col(s, 1),
        .source = col(s, 2),
        .title = col(s, 3),
        .date = col(s, 4),
        .score = sqlite3_column_double(s, 5),
        .snippet = col(s, 6),
        .story = sqlite3_column_int64(s, 7), /* 0 for NULL: not placed */
    };
    if (fn(ctx, &h)) break;
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) status = td_sqlite_fail(st, rc, "searching");
  sqlite3_reset(s);
  return status;
}
