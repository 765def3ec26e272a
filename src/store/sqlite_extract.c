/*
** sqlite_extract.c — the extract stage's tables in the SQLite store (issue 5).
**
** Three tables, made by migration 4 in sqlite.c: `quotes` (one row per quoted
** span, byte offsets into the article's clean text; `stmt` is the id of the
** first part of the statement a part belongs to, `grp` the id that the same
** statement carries across articles), `entities` (each article's names with
** their aliases and roles as JSON arrays, and mention counts) and `dates`.
** Rows are written inside the per-article savepoint of the ingest, so an
** article that fails takes its quotes, names and dates with it. The read
** side joins place_articles to answer per story; merging speakers and names
** across a story is the API's work (api/quotes.c), not SQL's.
*/
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/alloc.h"

#include <sqlite3.h>
#include <string.h>

static const char SQL_QUOTE_INSERT[] =
    "INSERT INTO quotes(article, byte_start, byte_end, text, speaker, speaker_kind, cue, kind, "
    "stmt, grp) VALUES(?,?,?,?,?,?,?,?,?,?)";
static const char SQL_QUOTE_SELF[] =
    "UPDATE quotes SET stmt=CASE stmt WHEN 0 THEN id ELSE stmt END, "
    "grp=CASE grp WHEN 0 THEN id ELSE grp END WHERE id=?";
#define PEER_COLS                                                                                 \
  "SELECT q.id, q.article, q.stmt, q.grp, q.byte_start, q.byte_end, q.text, q.speaker, "         \
  "q.speaker_kind, q.cue, q.kind "
static const char SQL_QUOTE_PEERS[] =
    PEER_COLS "FROM place_articles me JOIN place_articles p ON p.story=me.story "
              "AND p.article<>me.article JOIN quotes q ON q.article=p.article "
              "WHERE me.article=?1 ORDER BY p.article DESC, q.byte_start LIMIT ?2";
#define LIST_COLS PEER_COLS ", coalesce(p.story, 0), a.url, a.source, a.date "
static const char SQL_QUOTE_LIST_ALL[] =
    LIST_COLS "FROM quotes q JOIN articles a ON a.id=q.article "
              "LEFT JOIN place_articles p ON p.article=q.article "
              "ORDER BY p.story, a.date IS NULL, a.date, q.article, q.byte_start";
static const char SQL_QUOTE_LIST_ONE[] =
    LIST_COLS "FROM place_articles p JOIN quotes q ON q.article=p.article "
              "JOIN articles a ON a.id=q.article WHERE p.story=?1 "
              "ORDER BY a.date IS NULL, a.date, q.article, q.byte_start";
static const char SQL_QUOTE_REGROUP[] = "UPDATE quotes SET grp=?2 WHERE grp=?1";
static const char SQL_ENTITY_INSERT[] =
    "INSERT INTO entities(article, seq, name, kind, aliases, roles, mentions) "
    "VALUES(?,?,?,?,?,?,?)";
static const char SQL_ENTITY_LIST_ALL[] =
    "SELECT e.article, coalesce(p.story, 0), e.name, e.kind, e.aliases, e.roles, e.mentions "
    "FROM entities e LEFT JOIN place_articles p ON p.article=e.article "
    "ORDER BY p.story, e.article, e.seq";
static const char SQL_ENTITY_LIST_ONE[] =
    "SELECT e.article, p.story, e.name, e.kind, e.aliases, e.roles, e.mentions "
    "FROM place_articles p JOIN entities e ON e.article=p.article WHERE p.story=?1 "
    "ORDER BY e.article, e.seq";
static const char SQL_DATE_INSERT[] =
    "INSERT INTO dates(article, byte_start, byte_end, year, month, day, prec, relative) "
    "VALUES(?,?,?,?,?,?,?,?)";

/* A statement that cannot be prepared on a store made before migration 4
** and opened read-only since: say what to do instead of "no such table". */
static sqlite3_stmt *stmt_or_explain(td_store *st, const char *sql, int *status) {
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  *status = TD_OK;
  if (s) return s;
  if (strstr(sqlite3_errmsg(st->db), "no such table")) {
    td_free(st->msg);
    st->msg = td_strdup("this store has no quotes or names yet: open it once for writing "
                        "(tidings ingest, or tidings serve) to add them");
    *status = TD_EUSAGE;
  } else {
    *status = TD_EINTERNAL;
  }
  return NULL;
}

static int step_done(td_store *st, sqlite3_stmt *s, const char *what) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, what);
}

static int se_quote_insert(td_store *st, td_store_quote *q) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_QUOTE_INSERT, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, q->article);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)q->start);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)q->end);
  td_sqlite_bind_text(s, 4, q->text ? q->text : "");
  td_sqlite_bind_text(s, 5, q->speaker);
  td_sqlite_bind_text(s, 6, q->speaker_kind);
  td_sqlite_bind_text(s, 7, q->cue);
  td_sqlite_bind_text(s, 8, q->kind ? q->kind : "direct");
  sqlite3_bind_int64(s, 9, q->stmt);
  sqlite3_bind_int64(s, 10, q->group);
  if ((status = step_done(st, s, "storing a quote"))) return status;
  q->id = sqlite3_last_insert_rowid(st->db);
  if (q->stmt && q->group) return TD_OK;
  /* The first part of a statement, or one that starts a group, names it. */
  if (!(s = td_sqlite_stmt(st, SQL_QUOTE_SELF))) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, q->id);
  if ((status = step_done(st, s, "storing a quote"))) return status;
  if (!q->stmt) q->stmt = q->id;
  if (!q->group) q->group = q->id;
  return TD_OK;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* Fill the columns common to PEER_COLS and LIST_COLS. */
static void quote_row(sqlite3_stmt *s, td_store_quote *q, int list) {
  memset(q, 0, sizeof *q);
  q->id = sqlite3_column_int64(s, 0);
  q->article = sqlite3_column_int64(s, 1);
  q->stmt = sqlite3_column_int64(s, 2);
  q->group = sqlite3_column_int64(s, 3);
  q->start = (size_t)sqlite3_column_int64(s, 4);
  q->end = (size_t)sqlite3_column_int64(s, 5);
  q->text = col(s, 6);
  q->speaker = col(s, 7);
  q->speaker_kind = col(s, 8);
  q->cue = col(s, 9);
  q->kind = col(s, 10);
  if (!list) return;
  q->story = sqlite3_column_int64(s, 11);
  q->url = col(s, 12);
  q->source = col(s, 13);
  q->date = col(s, 14);
}

static int quote_rows(td_store *st, sqlite3_stmt *s, int list, td_store_quote_fn fn, void *ctx) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    td_store_quote q;
    quote_row(s, &q, list);
    if (fn(ctx, &q)) {
      sqlite3_reset(s);
      return TD_OK;
    }
  }
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "reading quotes");
}

static int se_quote_peers(td_store *st, int64_t article, long long limit, td_store_quote_fn fn,
                          void *ctx) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_QUOTE_PEERS, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, article);
  sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
  return quote_rows(st, s, 0, fn, ctx);
}

static int se_quote_list(td_store *st, int64_t story, td_store_quote_fn fn, void *ctx) {
  int status;
  sqlite3_stmt *s =
      stmt_or_explain(st, story > 0 ? SQL_QUOTE_LIST_ONE : SQL_QUOTE_LIST_ALL, &status);
  if (!s) return status;
  if (story > 0) sqlite3_bind_int64(s, 1, story);
  return quote_rows(st, s, 1, fn, ctx);
}

static int se_quote_regroup(td_store *st, int64_t from, int64_t to) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_QUOTE_REGROUP, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  return step_done(st, s, "regrouping quotes");
}

static int se_entity_insert(td_store *st, const td_store_entity *e) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_ENTITY_INSERT, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, e->article);
  sqlite3_bind_int(s, 2, e->seq);
  td_sqlite_bind_text(s, 3, e->name ? e->name : "");
  td_sqlite_bind_text(s, 4, e->kind ? e->kind : "other");
  td_sqlite_bind_text(s, 5, e->aliases ? e->aliases : "[]");
  td_sqlite_bind_text(s, 6, e->roles ? e->roles : "[]");
  sqlite3_bind_int64(s, 7, e->mentions);
  return step_done(st, s, "storing a name");
}

static int se_entity_list(td_store *st, int64_t story, td_store_entity_fn fn, void *ctx) {
  int status;
  sqlite3_stmt *s =
      stmt_or_explain(st, story > 0 ? SQL_ENTITY_LIST_ONE : SQL_ENTITY_LIST_ALL, &status);
  if (!s) return status;
  if (story > 0) sqlite3_bind_int64(s, 1, story);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    td_store_entity e = {
        .article = sqlite3_column_int64(s, 0),
        .story = sqlite3_column_int64(s, 1),
        .name = col(s, 2),
        .kind = col(s, 3),
        .aliases = col(s, 4),
        .roles = col(s, 5),
        .mentions = sqlite3_column_int64(s, 6),
    };
    if (fn(ctx, &e)) {
      sqlite3_reset(s);
      return TD_OK;
    }
  }
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "reading names");
}

static int se_date_insert(td_store *st, int64_t article, const td_store_date *d) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_DATE_INSERT, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, article);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)d->start);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)d->end);
  sqlite3_bind_int(s, 4, d->year);
  sqlite3_bind_int(s, 5, d->month);
  sqlite3_bind_int(s, 6, d->day);
  td_sqlite_bind_text(s, 7, d->prec ? d->prec : "day");
  sqlite3_bind_int(s, 8, d->relative);
  return step_done(st, s, "storing a date");
}

/* ---- paged whole-store reads (declared in api/quotes.h until the store's
** table of functions carries them). The whole-store lists read only one page:
** quotes newest article first through the quotes_article index (the sort is
** per article), names aggregated in SQL by ASCII-folded name instead of the
** API's in-memory merge, which is a story-level tool. */

/* ?1 = the wanted speaker (NULL = any): the stored speaker by name, by
** surname, or any form (name or alias) of a stored name spelt ?1. The forms
** are found once through entities_name, not per quote. */
#define SPEAKER_MATCH                                                                              \
  "(?1 IS NULL OR q.speaker = ?1 COLLATE NOCASE "                                                  \
  "OR lower(substr(q.speaker, -length(?1) - 1)) = lower(' ' || ?1) "                               \
  "OR q.speaker COLLATE NOCASE IN (SELECT j.value FROM entities e, json_each(e.aliases) j "        \
  "WHERE e.name = ?1 COLLATE NOCASE))"
static const char SQL_QUOTE_PAGE[] =
    LIST_COLS "FROM quotes q JOIN articles a ON a.id=q.article "
              "LEFT JOIN place_articles p ON p.article=q.article WHERE " SPEAKER_MATCH
              " ORDER BY q.article DESC, q.byte_start LIMIT ?2 OFFSET ?3";
static const char SQL_QUOTE_COUNT[] = "SELECT count(*) FROM quotes q WHERE " SPEAKER_MATCH;
/* The name of a group is its most mentioned form (SQLite's bare column
** beside the one max()); the window count is the number of groups. */
static const char SQL_ENTITY_PAGE[] =
    "SELECT name, kind, m, a, al, count(*) OVER () FROM ("
    "SELECT e.name AS name, e.kind AS kind, sum(e.mentions) AS m, "
    "count(DISTINCT e.article) AS a, json_group_array(DISTINCT e.name) AS al, max(e.mentions) "
    "FROM entities e GROUP BY lower(e.name)) "
    "ORDER BY m DESC, a DESC, name LIMIT ?1 OFFSET ?2";
static const char SQL_ENTITY_COUNT[] = "SELECT count(DISTINCT lower(name)) FROM entities";

static int count_of(td_store *st, sqlite3_stmt *s, long long *total) {
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) *total = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  return rc == SQLITE_ROW ? TD_OK : td_sqlite_fail(st, rc, "counting");
}

int td_sqlite_quote_page(td_store *st, const char *speaker, long long offset, long long limit,
                         long long *total, td_store_quote_fn fn, void *ctx) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_QUOTE_COUNT, &status);
  if (!s) return status;
  td_sqlite_bind_text(s, 1, speaker);
  if ((status = count_of(st, s, total))) return status;
  if (!(s = stmt_or_explain(st, SQL_QUOTE_PAGE, &status))) return status;
  td_sqlite_bind_text(s, 1, speaker);
  sqlite3_bind_int64(s, 2, limit);
  sqlite3_bind_int64(s, 3, offset);
  return quote_rows(st, s, 1, fn, ctx);
}

int td_sqlite_entity_page(td_store *st, long long offset, long long limit, long long *total,
                          td_store_entity_fn fn, void *ctx) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, SQL_ENTITY_PAGE, &status);
  if (!s) return status;
  sqlite3_bind_int64(s, 1, limit);
  sqlite3_bind_int64(s, 2, offset);
  int rc, any = 0;
  *total = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    any = 1;
    *total = sqlite3_column_int64(s, 5);
    /* article = how many articles name it; aliases = every form seen. */
    td_store_entity e = {
        .article = sqlite3_column_int64(s, 3),
        .name = col(s, 0),
        .kind = col(s, 1),
        .aliases = col(s, 4),
        .mentions = sqlite3_column_int64(s, 2),
    };
    if (fn(ctx, &e)) break;
  }
  sqlite3_reset(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return td_sqlite_fail(st, rc, "reading names");
  if (any) return TD_OK;
  /* An empty page (offset past the end) still says how many there are. */
  if (!(s = stmt_or_explain(st, SQL_ENTITY_COUNT, &status))) return status;
  return count_of(st, s, total);
}

static const char SQL_QUOTE_ROWS[] = "SELECT count(*) FROM quotes";
static const char SQL_ENTITY_ROWS[] = "SELECT count(*) FROM entities";

int td_sqlite_extract_rows(td_store *st, int entities, long long *n) {
  int status;
  sqlite3_stmt *s = stmt_or_explain(st, entities ? SQL_ENTITY_ROWS : SQL_QUOTE_ROWS, &status);
  if (!s) return status;
  return count_of(st, s, n);
}

const td_store_extract td_sqlite_extract = {
    .quote_insert = se_quote_insert,
    .quote_peers = se_quote_peers,
    .quote_regroup = se_quote_regroup,
    .quote_list = se_quote_list,
    .entity_insert = se_entity_insert,
    .entity_list = se_entity_list,
    .date_insert = se_date_insert,
};
