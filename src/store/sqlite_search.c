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
** Snippets cost more than ranking (FTS5 tokenizes the text again), so the
** API ranks without them (SQL_RANK) and then asks for the snippets of the
** articles it shows only (SQL_SEARCH restricted to their ids).
** A query with filters only (no words) lists matching articles newest first.
** Each hit carries its story from the place stage's table place_articles.
**
** entity:NAME keeps the articles that mention NAME: one of their names (the
** extract stage's table `entities`, migration 4), or one of its aliases,
** is NAME or ends with it as whole words ("Vask" finds "Irena Vask"), case
** ignored (ASCII, as the NOCASE index). With words, each ranked article is
** checked through the entities primary key; with filters only, the entities
** table drives the query: its NOCASE name index, plus one pass in which a
** LIKE on the name and the JSON text of the aliases cuts the rows down
** before json_each reads the candidates exactly.
*/
#include "store/sqlite_int.h"
#include "text/sentence.h"
#include "util/alloc.h"

#include <sqlite3.h>
#include <string.h>

/* Whether entities row `e` names ?8: its name or an alias is ?8, or ends with
** it after a space (?10 is the LIKE pattern "% NAME", wildcards escaped). */
#define ENTITY_NAMED                                                                              \
  "(e.name = ?8 COLLATE NOCASE OR e.name LIKE ?10 ESCAPE '\\'\n"                               \
  "  OR EXISTS (SELECT 1 FROM json_each(e.aliases) j\n"                                          \
  "    WHERE j.value = ?8 COLLATE NOCASE OR j.value LIKE ?10 ESCAPE '\\'))"

/* The articles that MATCH ?1 and pass the filters, best first; ?11, when
** set, is a JSON array of the only article ids wanted. Title hits weigh four
** times body hits. */
#define SEARCH_FROM_WHERE                                                                         \
  "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid\n"                             \
  "  LEFT JOIN place_articles p ON p.article = a.id\n"                                           \
  "WHERE articles_fts MATCH ?1\n"                                                                \
  "  AND (?11 IS NULL OR articles_fts.rowid IN (SELECT value FROM json_each(?11)))\n"            \
  "  AND (?7 IS NULL OR p.story = ?7)\n"                                                         \
  "  AND (?2 IS NULL OR a.source = ?2 COLLATE NOCASE)\n"                                         \
  "  AND (?3 IS NULL OR a.date >= ?3)\n"                                                         \
  "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4)\n"                                 \
  "  AND (?8 IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.article = a.id\n"              \
  "    AND " ENTITY_NAMED "))\n"                                                               \
  "ORDER BY bm25(articles_fts, 4.0, 1.0), a.id\n"                                              \
  "LIMIT ?5 OFFSET ?6"

/* Ranking alone, without snippets. */
static const char SQL_RANK[] =
    "SELECT a.id, a.url, a.source, a.title, a.date, -bm25(articles_fts, 4.0, 1.0), NULL, p.story\n"
    SEARCH_FROM_WHERE;

/* With snippets: snippet() marks matches with the control characters \x02
** and \x03, which clean text never holds, so the API can turn them into
** whatever markup its reader needs. */
static const char SQL_SEARCH[] =
    "SELECT a.id, a.url, a.source, a.title, a.date, -bm25(articles_fts, 4.0, 1.0),\n"
    "  snippet(articles_fts, 1, char(2), char(3), '…', 28), p.story\n" SEARCH_FROM_WHERE;

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

/* Filters only, with entity:NAME (?8): the articles come from the entities
** table. ?9 is the LIKE pattern "%NAME%" (wildcards escaped) that the name or
** the JSON text of the aliases of a row naming NAME must match, so that
** json_each parses only the few arrays that can. */
static const char SQL_ENTITY_FILTER[] =
    "WITH named(article) AS (\n"
    "  SELECT article FROM entities WHERE name = ?8 COLLATE NOCASE\n"
    "  UNION\n"
    "  SELECT e.article FROM entities e\n"
    "  WHERE (e.name LIKE ?9 ESCAPE '\\' OR e.aliases LIKE ?9 ESCAPE '\\') AND " ENTITY_NAMED ")\n"
    "SELECT a.id, a.url, a.source, a.title, a.date, 0.0,\n"
    "  substr(a.text, 1, 200) || CASE WHEN length(a.text) > 200 THEN '…' ELSE '' END, p.story\n"
    "FROM named JOIN articles a ON a.id = named.article\n"
    "  LEFT JOIN place_articles p ON p.article = a.id\n"
    "WHERE (?2 IS NULL OR a.source = ?2 COLLATE NOCASE)\n"
    "  AND (?7 IS NULL OR p.story = ?7)\n"
    "  AND (?3 IS NULL OR a.date >= ?3)\n"
    "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4)\n"
    "ORDER BY a.date DESC, a.id DESC\n"
    "LIMIT ?5 OFFSET ?6";

/* The text of the story's first article in time order (undated last), as
** the place stage orders a story's articles (api/stories.c). */
static const char SQL_STORY_LEAD[] =
    "SELECT a.text FROM place_articles p JOIN articles a ON a.id = p.article\n"
    "WHERE p.story = ?1 AND a.text <> ''\n"
    "ORDER BY a.date IS NULL, a.date, a.id LIMIT 1";

/* A title of a few words more than a headline's: enough to tell the story. */
#define TD_LEAD_TITLE_MAX 120

int td_sqlite_story_lead(td_store *st, int64_t story, char **lead) {
  *lead = NULL;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_STORY_LEAD);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, story);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW)
    status = td_sentence_lead((const char *)sqlite3_column_text(s, 0),
                              (size_t)sqlite3_column_bytes(s, 0), TD_LEAD_TITLE_MAX, lead);
  else if (rc != SQLITE_DONE)
    status = td_sqlite_fail(st, rc, "reading a story's lead");
  sqlite3_reset(s);
  return status;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* A LIKE pattern (td_free; NULL when out of memory): `lead`, then `name`
** with LIKE's wildcards and the escape escaped by \, then `trail`. For
** ?9 (matched against JSON text too) a name that JSON would escape, holding
** a quote, a backslash or a control character, gives "%" instead: rare, and
** then the exact test alone decides. */
static char *like_pattern(const char *lead, const char *name, const char *trail, int json) {
  size_t n = strlen(name);
  for (size_t i = 0; json && i < n; i++)
    if (name[i] == '"' || name[i] == '\\' || (unsigned char)name[i] < 0x20) return td_strdup("%");
  char *p = td_malloc(strlen(lead) + 2 * n + strlen(trail) + 1), *w = p;
  if (!p) return NULL;
  w = stpcpy(w, lead);
  for (size_t i = 0; i < n; i++) {
    if (name[i] == '%' || name[i] == '_' || name[i] == '\\') *w++ = '\\';
    *w++ = name[i];
  }
  strcpy(w, trail);
  return p;
}

int td_sqlite_search(td_store *st, const td_store_search *q, td_store_hit_fn fn, void *ctx) {
  const char *sql = q->match ? (q->no_snippet ? SQL_RANK : SQL_SEARCH)
                             : q->entity ? SQL_ENTITY_FILTER : SQL_FILTER;
  char *within = NULL, *suffix = NULL;
  if (q->entity) {
    within = like_pattern("%", q->entity, "%", 1);
    suffix = like_pattern("% ", q->entity, "", 0);
    if (!within || !suffix) {
      td_free(within);
      td_free(suffix);
      return TD_ENOMEM;
    }
  }
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  if (!s) {
    td_free(within);
    td_free(suffix);
    /* A store made before the index (or the entities) existed, and opened
    ** read-only since. */
    if (strstr(sqlite3_errmsg(st->db), "no such table")) {
      td_free(st->msg);
      st->msg = td_strdup("this store has no search index or names yet: open it once for "
                          "writing (tidings ingest, or tidings serve) to add them");
      return TD_EUSAGE;
    }
    return TD_EINTERNAL;
  }
  if (q->match) sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
  td_sqlite_bind_text(s, 8, q->entity);
  if (q->entity && !q->match) sqlite3_bind_text(s, 9, within, -1, SQLITE_TRANSIENT);
  if (q->entity) sqlite3_bind_text(s, 10, suffix, -1, SQLITE_TRANSIENT);
  if (q->match && q->ids) sqlite3_bind_text(s, 11, q->ids, -1, SQLITE_TRANSIENT);
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
  td_free(within);
  td_free(suffix);
  return status;
}
