/*
** sqlite_place.c — the place stage's state in the SQLite store: document
** frequencies, story vectors, the candidate postings, per-article
** fingerprints and copy links, and the explanations (see place/place.h for
** the contract, sqlite.c's migration 2 for the tables).
**
** Postings are never trimmed on disk; the queries read only the most recent
** TD_PLACE_POSTING (stories) or `cap` (copies) rows of a key through an index
** ordered by recency, so their cost stays flat however long a key's history
** is. In a large store new postings wait in small pending tables and move
** into the large ones in key order (see "pending postings" below), so that
** writing them costs no more per article there than in a small store.
** Vectors and signatures are blobs in the host's byte order (a store is
** used on the machine that made it; both are rebuilt by re-ingesting).
**
** Document frequencies are counted in memory for the length of a
** transaction and written at its commit (see "document frequencies" below):
** reading and bumping them one statement per key was a fifth of an ingest.
**
** Merged stories (story_merge, migration 8): a story of one article that
** went into another is deleted from `stories`, its articles move to the
** story it went into, and its id is kept in story_alias. Its old postings
** stay where they are (finding them would mean scanning every key) and are
** resolved when read, as the in-memory backend does; so are story_get and
** members, so every read of the old id gives the story it went into. A
** new story's id is above every id ever given, alias or not, so an alias
** never names a second story (SQLite would reuse a deleted largest rowid).
** Only a story of one article is merged and the story it goes into has two
** or more from then on, so an alias never points at another alias.
*/
#include "place/place.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char SQL_DF_GET[] = "SELECT df FROM place_df WHERE key=?";
static const char SQL_NDOCS_GET[] = "SELECT value FROM place_meta WHERE name='ndocs'";
static const char SQL_NDOCS_ADD[] =
    "INSERT INTO place_meta(name, value) VALUES('ndocs', 1) "
    "ON CONFLICT(name) DO UPDATE SET value=value+1";
/* A key's story postings: its pending ones (td_sqlite_post_merge), whose
** seq are above every moved one's, then the moved ones those do not
** shadow (sp_story_postings). Each row gives the story as posted and as it
** is now (an alias read as the story it went into). */
static const char SQL_SPOST_GET_PENDING[] =
    "SELECT p.story, coalesce(a.target, p.story) FROM story_post_pending p LEFT JOIN "
    "story_alias a ON a.id=p.story WHERE p.key=?1 ORDER BY p.seq DESC LIMIT ?2";
static const char SQL_SPOST_GET[] =
    "SELECT p.story, coalesce(a.target, p.story) FROM story_post p LEFT JOIN story_alias a "
    "ON a.id=p.story WHERE p.key=?1 ORDER BY p.seq DESC LIMIT ?2";
#define SPOST_NEXT(k)                                                                         \
  "max((SELECT coalesce(max(seq), 0) FROM story_post WHERE key=" k "), "                    \
  "(SELECT coalesce(max(seq), 0) FROM story_post_pending WHERE key=" k ")) + 1"
static const char SQL_SPOST_ADD[] =
    "INSERT INTO story_post_pending(key, story, seq) VALUES(?1, ?2, " SPOST_NEXT("?1") ") "
    "ON CONFLICT(key, story) DO UPDATE SET seq=excluded.seq";
static const char SQL_SPOST_ADD_DIRECT[] =
    "INSERT INTO story_post(key, story, seq) VALUES(?1, ?2, "
    "(SELECT coalesce(max(seq), 0) + 1 FROM story_post WHERE key=?1)) "
    "ON CONFLICT(key, story) DO UPDATE SET seq=excluded.seq";
static const char SQL_STORY_GET[] =
    "SELECT thread, first, narticles, ndated, dmin, dmax, dsum, terms, names, id FROM stories "
    "WHERE id=coalesce((SELECT target FROM story_alias WHERE id=?1), ?1)";
static const char SQL_STORY_NEW[] =
    "INSERT INTO stories(id, thread, first, narticles, ndated, dmin, dmax, dsum, terms, names) "
    "VALUES(max(coalesce((SELECT max(id) FROM stories), 0), "
    "coalesce((SELECT max(id) FROM story_alias), 0)) + 1, ?1,?2,?3,?4,?5,?6,?7,?8,?9)";
static const char SQL_STORY_RESOLVE[] =
    "SELECT coalesce((SELECT target FROM story_alias WHERE id=?1), ?1)";
static const char SQL_MERGE_ARTS[] = "UPDATE place_articles SET story=?2 WHERE story=?1";
static const char SQL_MERGE_DROP[] = "DELETE FROM stories WHERE id=?1";
static const char SQL_MERGE_ALIAS[] = "INSERT INTO story_alias(id, target) VALUES(?1, ?2)";
static const char SQL_STORY_SET[] =
    "UPDATE stories SET thread=?, first=?, narticles=?, ndated=?, dmin=?, dmax=?, dsum=?, "
    "terms=?, names=? WHERE id=?";
static const char SQL_STORY_THREAD[] = "UPDATE stories SET thread=id WHERE id=?";
static const char SQL_CPOST_GET[] =
    "SELECT article FROM copy_post WHERE key=? ORDER BY article DESC LIMIT ?";
static const char SQL_CPOST_GET_PENDING[] =
    "SELECT article FROM copy_post_pending WHERE key=? ORDER BY article DESC LIMIT ?";
static const char SQL_CPOST_ADD[] =
    "INSERT OR IGNORE INTO copy_post_pending(key, article) VALUES(?, ?)";
static const char SQL_CPOST_ADD_DIRECT[] = "INSERT OR IGNORE INTO copy_post(key, article) VALUES(?, ?)";
static const char SQL_ART_GET[] =
    "SELECT story, copy_of, day, nshingles, minhash, sent FROM place_articles WHERE article=?";
static const char SQL_ART_PUT[] =
    "INSERT OR REPLACE INTO place_articles(article, story, copy_of, similarity, containment, day, "
    "nshingles, minhash, sent) VALUES(?,?,?,?,?,?,?,?,?)";
static const char SQL_REROOT_GROUP[] = "UPDATE place_articles SET copy_of=?2 WHERE copy_of=?1";
static const char SQL_REROOT_FROM[] =
    "UPDATE place_articles SET copy_of=?2, similarity=?3, containment=?4 WHERE article=?1";
static const char SQL_COPY_GROUP[] =
    "SELECT article FROM place_articles WHERE copy_of=? ORDER BY article LIMIT ?";
static const char SQL_EXPLAIN_PUT[] = "INSERT OR REPLACE INTO place_explain(article, json) VALUES(?, ?)";
static const char SQL_EXPLAIN_GET[] = "SELECT json FROM place_explain WHERE article=?";
#define MEMBER_COLS                                                                               \
  "SELECT p.article, p.story, s.thread, p.copy_of, p.similarity, p.containment, a.url, "       \
  "a.source, a.title, a.date FROM place_articles p JOIN stories s ON s.id=p.story "            \
  "JOIN articles a ON a.id=p.article "
static const char SQL_MEMBERS_ALL[] =
    MEMBER_COLS "ORDER BY p.story, a.date IS NULL, a.date, p.article";
static const char SQL_MEMBERS_ONE[] = MEMBER_COLS
    "WHERE p.story=coalesce((SELECT target FROM story_alias WHERE id=?1), ?1) "
    "ORDER BY a.date IS NULL, a.date, p.article";
static const char SQL_COPIES[] =
    MEMBER_COLS "WHERE p.copy_of IS NOT NULL ORDER BY p.copy_of, p.article";

static int step_done(td_store *st, sqlite3_stmt *s, const char *what) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, what);
}

/* Many keys in one statement: a JSON array of the keys (as signed 64-bit
** integers, as they are stored) read by json_each, so that an article's
** hundreds of document-frequency updates and its postings cost one
** statement each rather than one per key. NULL on OOM (td_free). */
static char *keys_json(const uint64_t *keys, size_t n) {
  char *t = td_malloc(n * 21 + 3), *p = t;
  if (!t) return NULL;
  *p++ = '[';
  for (size_t i = 0; i < n; i++) {
    if (i) *p++ = ',';
    /* by hand: snprintf costs more than the statement saves */
    int64_t v = (int64_t)keys[i];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char d[20];
    int k = 0;
    do {
      d[k++] = (char)('0' + u % 10);
      u /= 10;
    } while (u);
    if (v < 0) *p++ = '-';
    while (k) *p++ = d[--k];
  }
  *p++ = ']';
  *p = '\0';
  return t;
}

static const char SQL_DF_ADD_MANY[] =
    "INSERT INTO place_df(key, df) SELECT value, 1 FROM json_each(?1) WHERE true "
    "ON CONFLICT(key) DO UPDATE SET df=df+1";
static const char SQL_SPOST_ADD_MANY[] =
    "INSERT INTO story_post_pending(key, story, seq) SELECT j.value, ?2, " SPOST_NEXT("j.value")
    " FROM json_each(?1) j WHERE true ON CONFLICT(key, story) DO UPDATE SET seq=excluded.seq";
static const char SQL_SPOST_ADD_MANY_DIRECT[] =
    "INSERT INTO story_post(key, story, seq) SELECT j.value, ?2, "
    "(SELECT coalesce(max(seq), 0) + 1 FROM story_post WHERE key=j.value) "
    "FROM json_each(?1) j WHERE true ON CONFLICT(key, story) DO UPDATE SET seq=excluded.seq";
static const char SQL_CPOST_ADD_MANY[] =
    "INSERT OR IGNORE INTO copy_post_pending(key, article) SELECT value, ?2 FROM json_each(?1)";
static const char SQL_CPOST_ADD_MANY_DIRECT[] =
    "INSERT OR IGNORE INTO copy_post(key, article) SELECT value, ?2 FROM json_each(?1)";

/* Run a write of many keys (?1) with an id (?2, when id > 0). */
static int keys_write(td_store *st, const char *sql, const uint64_t *keys, size_t n, int64_t id,
                      const char *what) {
  if (!n) return TD_OK;
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  if (!s) return TD_EINTERNAL;
  char *j = keys_json(keys, n);
  if (!j) return TD_ENOMEM;
  sqlite3_bind_text(s, 1, j, -1, SQLITE_STATIC);
  if (id > 0) sqlite3_bind_int64(s, 2, id);
  int rc = step_done(st, s, what);
  sqlite3_clear_bindings(s);
  td_free(j);
  return rc;
}

/* ------------------------------------------------ document frequencies
**
** Each article reads the document frequency of its few hundred keys and of
** its candidate stories' heaviest terms, and adds one to its own keys: a
** thousand statements an article, most of them on the same common words.
** Inside a transaction (an ingest batch) the counts are kept here instead:
** each key is read from the table once, counted up in memory, and written
** once when the transaction commits (td_sqlite_df_flush). The counts of the
** article in flight are kept apart from the batch's, because its savepoint
** may be rolled back (td_sqlite_df_savepoint_end). Nothing outlives the
** transaction: between two, another writer may change the table. Outside a
** transaction every call goes to the table, as before. */
typedef struct df_slot {
  uint64_t key;
  uint32_t base;       /* the table's count at the start of the transaction */
  int32_t batch, art;  /* added by the batch's finished articles, by the one in flight */
  unsigned char used, known, in_art, in_dirty;
} df_slot;

typedef struct df_keys {
  uint64_t *v;
  size_t n, alloc;
} df_keys;

struct td_sqlite_df {
  df_slot *slot;
  size_t cap, n;     /* cap a power of two, n used */
  df_keys art, dirty; /* keys counted by the article in flight, by the batch */
  int have_ndocs;
  uint64_t ndocs_base;
  int64_t ndocs_batch, ndocs_art;
};

static int keys_push(df_keys *k, uint64_t key) {
  if (k->n == k->alloc) {
    size_t na = k->alloc ? k->alloc * 2 : 1024;
    uint64_t *v = td_realloc(k->v, na * sizeof *v);
    if (!v) return TD_ENOMEM;
    k->v = v;
    k->alloc = na;
  }
  k->v[k->n++] = key;
  return TD_OK;
}

/* Put key on the list k once: *listed says whether it is there already. */
static int list_once(df_keys *k, unsigned char *listed, uint64_t key) {
  if (*listed) return TD_OK;
  int rc = keys_push(k, key);
  *listed = rc == TD_OK;
  return rc;
}

static size_t slot_at(const td_sqlite_df *c, uint64_t key) {
  uint64_t h = key * 0x9E3779B97F4A7C15ull; /* keys are hashes already; spread them anyway */
  size_t i = (size_t)(h >> 20) & (c->cap - 1);
  while (c->slot[i].used && c->slot[i].key != key) i = (i + 1) & (c->cap - 1);
  return i;
}

/* The slot of key, made (unknown base, nothing added) when absent; NULL on OOM. */
static df_slot *slot_get(td_sqlite_df *c, uint64_t key) {
  if ((c->n + 1) * 4 > c->cap * 3) { /* keep the table at most 3/4 full */
    size_t ncap = c->cap ? c->cap * 2 : 4096;
    df_slot *ns = td_calloc(ncap, sizeof *ns);
    if (!ns) return NULL;
    df_slot *old = c->slot;
    size_t ocap = c->cap;
    c->slot = ns;
    c->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
      if (old[i].used) c->slot[slot_at(c, old[i].key)] = old[i];
    td_free(old);
  }
  df_slot *e = &c->slot[slot_at(c, key)];
  if (!e->used) {
    *e = (df_slot){.key = key, .used = 1};
    c->n++;
  }
  return e;
}

/* Forget every count (the transaction ended); the memory is kept. */
static void df_reset(td_sqlite_df *c) {
  if (c->slot) memset(c->slot, 0, c->cap * sizeof *c->slot);
  c->n = c->art.n = c->dirty.n = 0;
  c->have_ndocs = 0;
  c->ndocs_batch = c->ndocs_art = 0;
}

void td_sqlite_df_free(td_store *st) {
  td_sqlite_df *c = st->df;
  if (!c) return;
  td_free(c->slot);
  td_free(c->art.v);
  td_free(c->dirty.v);
  td_free(c);
  st->df = NULL;
}

void td_sqlite_df_drop(td_store *st) {
  if (st->df) df_reset(st->df);
}

/* The article's savepoint ended: its counts join the batch's (kept), or are
** forgotten (rolled back). */
int td_sqlite_df_savepoint_end(td_store *st, int keep) {
  td_sqlite_df *c = st->df;
  if (!c) return TD_OK;
  int rc = TD_OK;
  for (size_t i = 0; i < c->art.n; i++) {
    df_slot *e = &c->slot[slot_at(c, c->art.v[i])];
    if (keep) {
      e->batch += e->art;
      if (rc == TD_OK) rc = list_once(&c->dirty, &e->in_dirty, e->key);
    }
    e->art = 0;
    e->in_art = 0;
  }
  if (keep) c->ndocs_batch += c->ndocs_art;
  c->ndocs_art = 0;
  c->art.n = 0;
  return rc;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static const char SQL_DF_ADD_ONE[] =
    "INSERT INTO place_df(key, df) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET df=df+?2";
static const char SQL_NDOCS_ADD_N[] =
    "INSERT INTO place_meta(name, value) VALUES('ndocs', ?1) "
    "ON CONFLICT(name) DO UPDATE SET value=value+?1";

int td_sqlite_df_flush(td_store *st) {
  td_sqlite_df *c = st->df;
  if (!c) return TD_OK;
  int rc = td_sqlite_df_savepoint_end(st, 1); /* an article outside a savepoint counts */
  if (rc) return rc;
  /* in key order, so the table's pages are visited in order */
  if (c->dirty.n) qsort(c->dirty.v, c->dirty.n, sizeof *c->dirty.v, cmp_u64);
  sqlite3_stmt *s = c->dirty.n ? td_sqlite_stmt(st, SQL_DF_ADD_ONE) : NULL;
  if (c->dirty.n && !s) return TD_EINTERNAL;
  for (size_t i = 0; i < c->dirty.n && rc == TD_OK; i++) {
    const df_slot *e = &c->slot[slot_at(c, c->dirty.v[i])];
    if (!e->batch) continue;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)e->key);
    sqlite3_bind_int64(s, 2, e->batch);
    rc = step_done(st, s, "counting terms");
  }
  if (rc == TD_OK && c->ndocs_batch) {
    if (!(s = td_sqlite_stmt(st, SQL_NDOCS_ADD_N))) return TD_EINTERNAL;
    sqlite3_bind_int64(s, 1, c->ndocs_batch);
    rc = step_done(st, s, "counting documents");
  }
  df_reset(c);
  return rc;
}

static int df_cache(td_store *st, td_sqlite_df **out) {
  *out = NULL;
  if (!st->in_tx) return TD_OK;
  if (!st->df && !(st->df = td_calloc(1, sizeof *st->df))) return TD_ENOMEM;
  *out = st->df;
  return TD_OK;
}

static int ndocs_read(td_store *st, uint64_t *ndocs) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_NDOCS_GET);
  if (!s) return TD_EINTERNAL;
  int rc = sqlite3_step(s);
  *ndocs = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "reading counts");
}

/* One statement per key: a batch through json_each costs as much here (the
** join steps the VDBE per key all the same). */
static int df_read(td_store *st, sqlite3_stmt *s, uint64_t key, uint32_t *df) {
  sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
  int rc = sqlite3_step(s);
  *df = rc == SQLITE_ROW ? (uint32_t)sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "reading counts");
}

static int sp_df_get(void *ctx, const uint64_t *keys, size_t n, uint32_t *df, uint64_t *ndocs) {
  td_store *st = ctx;
  td_sqlite_df *c;
  int rc = df_cache(st, &c);
  if (rc) return rc;
  if (!c) {
    if ((rc = ndocs_read(st, ndocs))) return rc;
    sqlite3_stmt *s = td_sqlite_stmt(st, SQL_DF_GET);
    if (!s) return TD_EINTERNAL;
    for (size_t i = 0; i < n; i++)
      if ((rc = df_read(st, s, keys[i], &df[i]))) return rc;
    return TD_OK;
  }
  if (!c->have_ndocs) {
    if ((rc = ndocs_read(st, &c->ndocs_base))) return rc;
    c->have_ndocs = 1;
  }
  *ndocs = (uint64_t)((int64_t)c->ndocs_base + c->ndocs_batch + c->ndocs_art);
  sqlite3_stmt *s = NULL;
  for (size_t i = 0; i < n; i++) {
    df_slot *e = slot_get(c, keys[i]);
    if (!e) return TD_ENOMEM;
    if (!e->known) {
      if (!s && !(s = td_sqlite_stmt(st, SQL_DF_GET))) return TD_EINTERNAL;
      if ((rc = df_read(st, s, keys[i], &e->base))) return rc;
      e->known = 1;
    }
    df[i] = (uint32_t)((int64_t)e->base + e->batch + e->art);
  }
  return TD_OK;
}

static int sp_df_add(void *ctx, const uint64_t *keys, size_t n) {
  td_store *st = ctx;
  td_sqlite_df *c;
  int rc = df_cache(st, &c);
  if (rc) return rc;
  if (!c) {
    if ((rc = keys_write(st, SQL_DF_ADD_MANY, keys, n, 0, "counting terms"))) return rc;
    sqlite3_stmt *s = td_sqlite_stmt(st, SQL_NDOCS_ADD);
    if (!s) return TD_EINTERNAL;
    return step_done(st, s, "counting documents");
  }
  /* Outside a savepoint the counts go straight to the batch's. */
  for (size_t i = 0; i < n; i++) {
    df_slot *e = slot_get(c, keys[i]);
    if (!e) return TD_ENOMEM;
    if (st->in_savepoint) {
      e->art++;
      rc = list_once(&c->art, &e->in_art, e->key);
    } else {
      e->batch++;
      rc = list_once(&c->dirty, &e->in_dirty, e->key);
    }
    if (rc) return rc;
  }
  if (st->in_savepoint)
    c->ndocs_art++;
  else
    c->ndocs_batch++;
  return TD_OK;
}

/* Pending postings. An article posts some fifty fingerprint keys (band
** keys and sentence hashes) and its story some fifteen terms and names,
** all hashes, so a batch of articles posted straight into copy_post and
** story_post touched most of their pages once they were large, and the
** batch's dirty pages outgrew the page cache (a 2,000-article ingest into a
** store of 98,000 made 70,000 page writes for copy_post alone). Postings go
** to the *_pending tables instead, which stay small, and are read from both
** tables; once a pending table holds about a sixteenth as many rows as its
** table is estimated to (per article placed: four copy postings, one story
** posting; at least 2^15, at most 2^20 rows), its rows move into the table
** in key order, so that each page is written once for many articles: the
** write cost per article stays flat as the store grows, as in a
** log-structured merge. The move changes no reader's answer.
**
** A small store's tables stay in the page cache, where the pending tables
** would only add a second read to every lookup: below PENDING_FROM
** articles placed, and while both pending tables are empty, a transaction
** posts straight into the tables and reads only them (pending_mode). It
** holds the write lock (BEGIN IMMEDIATE), so nothing pending appears
** meanwhile; outside a transaction the pending tables are always used. */
#define PENDING_FROM (1 << 15)
#define PENDING_CHUNK 2048
static const struct {
  const char *count, *move, *clear;
  int64_t per_article;
} pending[] = {
    {"SELECT count(*) FROM (SELECT 1 FROM copy_post_pending LIMIT ?1)",
     "INSERT OR IGNORE INTO copy_post(key, article) SELECT key, article FROM copy_post_pending "
     "ORDER BY key, article LIMIT ?1",
     "DELETE FROM copy_post_pending WHERE (key, article) IN (SELECT key, article FROM "
     "copy_post_pending ORDER BY key, article LIMIT ?1)",
     4},
    {"SELECT count(*) FROM (SELECT 1 FROM story_post_pending LIMIT ?1)",
     "INSERT INTO story_post(key, story, seq) SELECT key, story, seq FROM story_post_pending "
     "WHERE true ORDER BY key, story LIMIT ?1 ON CONFLICT(key, story) DO UPDATE SET "
     "seq=excluded.seq",
     "DELETE FROM story_post_pending WHERE (key, story) IN (SELECT key, story FROM "
     "story_post_pending ORDER BY key, story LIMIT ?1)",
     1},
};
static const char SQL_PLACED[] = "SELECT coalesce(max(article), 0) FROM place_articles";
static const char SQL_PENDING_ANY[] =
    "SELECT EXISTS(SELECT 1 FROM story_post_pending) OR EXISTS(SELECT 1 FROM copy_post_pending)";

static int64_t one_int(td_store *st, const char *sql, int64_t arg, int *rc) {
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  if (!s) {
    *rc = TD_EINTERNAL;
    return 0;
  }
  if (arg) sqlite3_bind_int64(s, 1, arg);
  int64_t v = 0;
  int src = sqlite3_step(s);
  if (src == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  else
    *rc = td_sqlite_fail(st, src, "counting postings");
  sqlite3_reset(s);
  return v;
}

/* 1: this call posts to and reads the pending tables, 0: it does not (see
** above); decided once per transaction. */
static int pending_mode(td_store *st, int *rc) {
  if (!st->in_tx) return 1;
  if (st->post_pending < 0) {
    int r = TD_OK;
    st->post_pending = one_int(st, SQL_PLACED, 0, &r) >= PENDING_FROM ||
                       one_int(st, SQL_PENDING_ANY, 0, &r) != 0;
    if (r) {
      st->post_pending = -1;
      *rc = r;
      return 1;
    }
  }
  return st->post_pending;
}

static int ids_query(td_store *st, const char *sql, uint64_t key, int64_t *ids, size_t cap,
                     size_t *n) {
  *n = 0;
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)cap);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < cap) ids[(*n)++] = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "reading postings");
}

/* The pending postings first, then the moved ones of stories not among
** them: the top cap of each table hold the top cap of both. */
static int sp_story_postings(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  td_store *st = ctx;
  int64_t stack[TD_PLACE_POSTING];
  int64_t *posted = cap <= TD_PLACE_POSTING ? stack : td_malloc(cap * sizeof *posted);
  size_t npending = 0;
  int status = posted ? TD_OK : TD_ENOMEM;
  int moved = status ? 0 : !pending_mode(st, &status);
  *n = 0;
  for (; moved < 2 && *n < cap && !status; moved++) {
    sqlite3_stmt *s = td_sqlite_stmt(st, moved ? SQL_SPOST_GET : SQL_SPOST_GET_PENDING);
    if (!s) {
      status = TD_EINTERNAL;
      break;
    }
    sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)cap);
    int rc = SQLITE_DONE;
    while (*n < cap && (rc = sqlite3_step(s)) == SQLITE_ROW) {
      int64_t story = sqlite3_column_int64(s, 0);
      size_t i = 0;
      if (moved)
        while (i < npending && posted[i] != story) i++;
      else
        posted[npending++] = story;
      if (!moved || i == npending) ids[(*n)++] = sqlite3_column_int64(s, 1);
    }
    if (*n == cap) rc = SQLITE_DONE;
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) status = td_sqlite_fail(st, rc, "reading postings");
  }
  if (posted != stack) td_free(posted);
  return status;
}

/* One posting (key, id) through the statement sql. */
static int post_one(td_store *st, const char *sql, uint64_t key, int64_t id, const char *what) {
  sqlite3_stmt *s = td_sqlite_stmt(st, sql);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
  sqlite3_bind_int64(s, 2, id);
  return step_done(st, s, what);
}

static int sp_story_post(void *ctx, uint64_t key, int64_t story) {
  int rc = TD_OK, pend = pending_mode(ctx, &rc);
  return rc ? rc : post_one(ctx, pend ? SQL_SPOST_ADD : SQL_SPOST_ADD_DIRECT, key, story,
                            "posting a story");
}

/* A vector blob: n keys (8 bytes) then n weights (4 bytes). */
static int vec_from_blob(const void *blob, int bytes, td_place_vec *v) {
  *v = (td_place_vec){0};
  uint32_t n = bytes > 0 ? (uint32_t)((size_t)bytes / 12) : 0;
  v->key = td_malloc((n ? n : 1) * sizeof *v->key);
  v->w = td_malloc((n ? n : 1) * sizeof *v->w);
  if (!v->key || !v->w) return TD_ENOMEM;
  if (n) {
    memcpy(v->key, blob, n * sizeof *v->key);
    memcpy(v->w, (const char *)blob + n * sizeof *v->key, n * sizeof *v->w);
  }
  v->n = n;
  return TD_OK;
}

static void *vec_to_blob(const td_place_vec *v, int *bytes) {
  size_t n = v->n;
  char *b = td_malloc(n ? n * 12 : 1);
  if (!b) return NULL;
  if (n) {
    memcpy(b, v->key, n * 8);
    memcpy(b + n * 8, v->w, n * 4);
  }
  *bytes = (int)(n * 12);
  return b;
}

static int sp_story_get(void *ctx, int64_t id, td_place_story *out) {
  td_store *st = ctx;
  memset(out, 0, sizeof *out);
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_STORY_GET);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW) {
    out->id = sqlite3_column_int64(s, 9); /* the story it went into, for an alias */
    out->thread = sqlite3_column_int64(s, 0);
    out->first = sqlite3_column_int64(s, 1);
    out->narticles = (uint32_t)sqlite3_column_int64(s, 2);
    out->ndated = (uint32_t)sqlite3_column_int64(s, 3);
    out->dmin = sqlite3_column_int64(s, 4);
    out->dmax = sqlite3_column_int64(s, 5);
    out->dsum = sqlite3_column_double(s, 6);
    if (vec_from_blob(sqlite3_column_blob(s, 7), sqlite3_column_bytes(s, 7), &out->terms) ||
        vec_from_blob(sqlite3_column_blob(s, 8), sqlite3_column_bytes(s, 8), &out->names))
      status = TD_ENOMEM;
  } else if (rc == SQLITE_DONE) {
    status = TD_ENOTFOUND;
  } else {
    status = td_sqlite_fail(st, rc, "reading a story");
  }
  sqlite3_reset(s);
  if (status) td_place_story_release(out);
  return status;
}

static int sp_story_put(void *ctx, td_place_story *p) {
  td_store *st = ctx;
  int tb, nb;
  void *terms = vec_to_blob(&p->terms, &tb), *names = vec_to_blob(&p->names, &nb);
  sqlite3_stmt *s = terms && names ? td_sqlite_stmt(st, p->id ? SQL_STORY_SET : SQL_STORY_NEW)
                                   : NULL;
  if (!s) {
    td_free(terms);
    td_free(names);
    return terms && names ? TD_EINTERNAL : TD_ENOMEM;
  }
  sqlite3_bind_int64(s, 1, p->thread);
  sqlite3_bind_int64(s, 2, p->first);
  sqlite3_bind_int64(s, 3, p->narticles);
  sqlite3_bind_int64(s, 4, p->ndated);
  sqlite3_bind_int64(s, 5, p->dmin);
  sqlite3_bind_int64(s, 6, p->dmax);
  sqlite3_bind_double(s, 7, p->dsum);
  sqlite3_bind_blob(s, 8, terms, tb, SQLITE_STATIC);
  sqlite3_bind_blob(s, 9, names, nb, SQLITE_STATIC);
  if (p->id) sqlite3_bind_int64(s, 10, p->id);
  int rc = step_done(st, s, "storing a story");
  td_free(terms);
  td_free(names);
  if (rc || p->id) return rc;
  p->id = sqlite3_last_insert_rowid(st->db);
  if (!p->thread) {
    if (!(s = td_sqlite_stmt(st, SQL_STORY_THREAD))) return TD_EINTERNAL;
    sqlite3_bind_int64(s, 1, p->id);
    if ((rc = step_done(st, s, "storing a thread"))) return rc;
    p->thread = p->id;
  }
  return TD_OK;
}

/* The story id `id` stands for now (itself unless merged). */
static int story_resolve(td_store *st, int64_t id, int64_t *out) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_STORY_RESOLVE);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : id;
  sqlite3_reset(s);
  return rc == SQLITE_ROW ? TD_OK : td_sqlite_fail(st, rc, "reading a story id");
}

/* Story `from` (one article) has gone into `into`; place/ stores into's new
** sums with story_put. Its articles follow it, its row goes (lists, pages
** and counts read `stories`), and its id becomes an alias. */
static int sp_story_merge(void *ctx, int64_t from, int64_t into) {
  td_store *st = ctx;
  int rc = story_resolve(st, into, &into);
  if (rc) return rc;
  if (from < 1 || into < 1 || into == from) {
    td_free(st->msg);
    st->msg = td_strdup("internal: a story cannot be merged into itself");
    return TD_EINTERNAL;
  }
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_MERGE_ARTS);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, into);
  if ((rc = step_done(st, s, "merging a story"))) return rc;
  if (!(s = td_sqlite_stmt(st, SQL_MERGE_DROP))) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, from);
  if ((rc = step_done(st, s, "merging a story"))) return rc;
  if (sqlite3_changes(st->db) != 1) { /* not a live story: an alias already, or none */
    td_free(st->msg);
    st->msg = td_strdup("internal: the story to merge does not exist");
    return TD_EINTERNAL;
  }
  if (!(s = td_sqlite_stmt(st, SQL_MERGE_ALIAS))) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, into);
  return step_done(st, s, "merging a story");
}

static int sp_story_post_many(void *ctx, const uint64_t *keys, size_t n, int64_t story) {
  int rc = TD_OK, pend = pending_mode(ctx, &rc);
  return rc ? rc : keys_write(ctx, pend ? SQL_SPOST_ADD_MANY : SQL_SPOST_ADD_MANY_DIRECT, keys, n,
                              story, "posting a story");
}

static int sp_copy_post_many(void *ctx, const uint64_t *keys, size_t n, int64_t article) {
  int rc = TD_OK, pend = pending_mode(ctx, &rc);
  return rc ? rc : keys_write(ctx, pend ? SQL_CPOST_ADD_MANY : SQL_CPOST_ADD_MANY_DIRECT, keys, n,
                              article, "posting a fingerprint");
}

/* The most recent of both tables' postings (td_sqlite_post_merge): two
** lists in descending article order merged, an article in both once. */
static int sp_copy_postings(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  int64_t stack[2 * TD_PLACE_COPY_CANDIDATES];
  int64_t *p = cap <= TD_PLACE_COPY_CANDIDATES ? stack : td_malloc(2 * cap * sizeof *p);
  if (!p) return TD_ENOMEM;
  int64_t *m = p + cap;
  size_t np = 0, nm = 0, i = 0, j = 0;
  int rc = TD_OK;
  if (pending_mode(ctx, &rc)) rc = ids_query(ctx, SQL_CPOST_GET_PENDING, key, p, cap, &np);
  if (!rc) rc = ids_query(ctx, SQL_CPOST_GET, key, m, cap, &nm);
  *n = 0;
  while (!rc && *n < cap && (i < np || j < nm)) {
    if (j == nm || (i < np && p[i] > m[j]))
      ids[(*n)++] = p[i++];
    else {
      if (i < np && p[i] == m[j]) i++;
      ids[(*n)++] = m[j++];
    }
  }
  if (p != stack) td_free(p);
  return rc;
}

static int sp_copy_post(void *ctx, uint64_t key, int64_t article) {
  int rc = TD_OK, pend = pending_mode(ctx, &rc);
  return rc ? rc : post_one(ctx, pend ? SQL_CPOST_ADD : SQL_CPOST_ADD_DIRECT, key, article,
                            "posting a fingerprint");
}

int td_sqlite_post_merge(td_store *st, int force) {
  int rc = TD_OK;
  if (!force && st->post_pending == 0) return TD_OK; /* nothing went to them */
  int64_t placed = force ? 0 : one_int(st, SQL_PLACED, 0, &rc);
  for (size_t i = 0; i < sizeof pending / sizeof *pending && !rc; i++) {
    if (!force) {
      int64_t limit = placed * pending[i].per_article;
      if (limit < (1 << 15)) limit = 1 << 15;
      if (limit > (1 << 20)) limit = 1 << 20;
      int64_t n = one_int(st, pending[i].count, limit, &rc);
      if (rc || n < limit) continue;
    }
    /* PENDING_CHUNK rows a statement: SQLite keeps what one statement
    ** changed (its statement journal, in memory here) until it ends, and a
    ** chunk in key order changes few pages */
    int moved;
    do {
      sqlite3_stmt *s = td_sqlite_stmt(st, pending[i].move);
      if (!s) return TD_EINTERNAL;
      sqlite3_bind_int(s, 1, PENDING_CHUNK);
      if ((rc = step_done(st, s, "moving postings"))) return rc;
      if (!(s = td_sqlite_stmt(st, pending[i].clear))) return TD_EINTERNAL;
      sqlite3_bind_int(s, 1, PENDING_CHUNK);
      if ((rc = step_done(st, s, "moving postings"))) return rc;
      moved = sqlite3_changes(st->db);
    } while (moved == PENDING_CHUNK);
  }
  return rc;
}

static int sp_art_get(void *ctx, int64_t id, td_place_art *a) {
  td_store *st = ctx;
  memset(a, 0, sizeof *a);
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_ART_GET);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW) {
    a->id = id;
    a->story = sqlite3_column_int64(s, 0);
    a->copy_of = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 1);
    a->day = sqlite3_column_type(s, 2) == SQLITE_NULL ? TD_PLACE_NODATE : sqlite3_column_int64(s, 2);
    a->nshingles = (uint32_t)sqlite3_column_int64(s, 3);
    const void *mh = sqlite3_column_blob(s, 4);
    if (mh && sqlite3_column_bytes(s, 4) == (int)sizeof a->minhash)
      memcpy(a->minhash, mh, sizeof a->minhash);
    int sb = sqlite3_column_bytes(s, 5);
    a->nsent = (uint32_t)(sb > 0 ? (size_t)sb / 8 : 0);
    a->sent = td_malloc(a->nsent ? a->nsent * 8 : 1);
    if (!a->sent)
      status = TD_ENOMEM;
    else if (a->nsent)
      memcpy(a->sent, sqlite3_column_blob(s, 5), a->nsent * 8);
  } else if (rc == SQLITE_DONE) {
    status = TD_ENOTFOUND;
  } else {
    status = td_sqlite_fail(st, rc, "reading a fingerprint");
  }
  sqlite3_reset(s);
  return status;
}

static int sp_art_put(void *ctx, const td_place_art *a, double sim, double cont) {
  td_store *st = ctx;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_ART_PUT);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, a->id);
  sqlite3_bind_int64(s, 2, a->story);
  if (a->copy_of) {
    sqlite3_bind_int64(s, 3, a->copy_of);
    sqlite3_bind_double(s, 4, sim);
    sqlite3_bind_double(s, 5, cont);
  }
  if (a->day != TD_PLACE_NODATE) sqlite3_bind_int64(s, 6, a->day);
  sqlite3_bind_int64(s, 7, a->nshingles);
  sqlite3_bind_blob(s, 8, a->minhash, (int)sizeof a->minhash, SQLITE_STATIC);
  sqlite3_bind_blob(s, 9, a->sent ? (const void *)a->sent : "", (int)(a->nsent * 8),
                    SQLITE_STATIC);
  return step_done(st, s, "storing a placement");
}

static int sp_art_reroot(void *ctx, int64_t from, int64_t to, double sim, double cont) {
  td_store *st = ctx;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_REROOT_GROUP);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  int rc = step_done(st, s, "regrouping copies");
  if (rc) return rc;
  if (!(s = td_sqlite_stmt(st, SQL_REROOT_FROM))) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  sqlite3_bind_double(s, 3, sim);
  sqlite3_bind_double(s, 4, cont);
  return step_done(st, s, "regrouping copies");
}

static int sp_copy_group(void *ctx, int64_t root, int64_t *ids, size_t cap, size_t *n) {
  return ids_query(ctx, SQL_COPY_GROUP, (uint64_t)root, ids, cap, n);
}

/* Explanations are kept deflated: one is written for every article, its
** candidates repeat the same keys and shared words, and it is read only by
** `tidings explain`. The blob is "Z1", the text's length (4 bytes, little
** endian), then the zlib stream; a TEXT value (a store written before) is
** the JSON itself. */
#define EXPLAIN_MAGIC "Z1"

static int sp_explain_put(void *ctx, int64_t article, const char *json) {
  td_store *st = ctx;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_EXPLAIN_PUT);
  if (!s) return TD_EINTERNAL;
  size_t n = strlen(json);
  uLongf zn = compressBound((uLong)n);
  unsigned char *z = n <= 0xffffffffu ? td_malloc(6 + zn) : NULL;
  if (!z) return TD_ENOMEM;
  memcpy(z, EXPLAIN_MAGIC, 2);
  for (int i = 0; i < 4; i++) z[2 + i] = (unsigned char)(n >> (8 * i));
  /* A small window and hash (8 KB, memLevel 6): an explanation is a few
  ** KB, and compress2's defaults set up 256 KB of state for each one. */
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  int zrc = deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 13, 6, Z_DEFAULT_STRATEGY);
  if (zrc == Z_OK) {
    zs.next_in = (Bytef *)json;
    zs.avail_in = (uInt)n;
    zs.next_out = z + 6;
    zs.avail_out = (uInt)zn;
    zrc = deflate(&zs, Z_FINISH) == Z_STREAM_END ? Z_OK : Z_BUF_ERROR;
    zn = zs.total_out;
    deflateEnd(&zs);
  }
  if (zrc != Z_OK) {
    td_free(z);
    return TD_ENOMEM;
  }
  sqlite3_bind_int64(s, 1, article);
  sqlite3_bind_blob(s, 2, z, (int)(6 + zn), SQLITE_STATIC);
  int rc = step_done(st, s, "storing an explanation");
  td_free(z);
  return rc;
}

/* The JSON of a stored explanation, deflated or not (td_free); NULL with
** *status set when it cannot be read. */
static char *explain_text(td_store *st, sqlite3_stmt *s, int *status) {
  const unsigned char *v = sqlite3_column_blob(s, 0);
  size_t bytes = (size_t)sqlite3_column_bytes(s, 0);
  if (sqlite3_column_type(s, 0) != SQLITE_BLOB || bytes < 6 || memcmp(v, EXPLAIN_MAGIC, 2)) {
    char *t = td_strndup((const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
    if (!t) *status = TD_ENOMEM;
    return t;
  }
  uLongf n = 0;
  for (int i = 0; i < 4; i++) n |= (uLongf)v[2 + i] << (8 * i);
  char *t = td_malloc((size_t)n + 1);
  if (!t) {
    *status = TD_ENOMEM;
    return NULL;
  }
  uLongf got = n;
  if (uncompress((Bytef *)t, &got, v + 6, (uLong)(bytes - 6)) != Z_OK || got != n) {
    td_free(t);
    td_free(st->msg);
    st->msg = td_strdup("a stored explanation is damaged");
    *status = TD_EINTERNAL;
    return NULL;
  }
  t[n] = '\0';
  return t;
}

static int sp_explain_get(void *ctx, int64_t article, char **json) {
  td_store *st = ctx;
  *json = NULL;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_EXPLAIN_GET);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, article);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW) {
    *json = explain_text(st, s, &status);
  } else if (rc == SQLITE_DONE) {
    status = TD_ENOTFOUND;
  } else {
    status = td_sqlite_fail(st, rc, "reading an explanation");
  }
  sqlite3_reset(s);
  return status;
}

static int member_rows(td_store *st, sqlite3_stmt *s, td_place_member_fn fn, void *arg) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    td_place_member m;
    m.article = sqlite3_column_int64(s, 0);
    m.story = sqlite3_column_int64(s, 1);
    m.thread = sqlite3_column_int64(s, 2);
    m.copy_of = sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3);
    m.similarity = sqlite3_column_double(s, 4);
    m.containment = sqlite3_column_double(s, 5);
    m.url = (const char *)sqlite3_column_text(s, 6);
    m.source = (const char *)sqlite3_column_text(s, 7);
    m.title = (const char *)sqlite3_column_text(s, 8);
    m.date = (const char *)sqlite3_column_text(s, 9);
    if (fn(arg, &m)) {
      sqlite3_reset(s);
      return TD_OK;
    }
  }
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "listing stories");
}

static int sp_members(void *ctx, int64_t story, td_place_member_fn fn, void *arg) {
  td_store *st = ctx;
  sqlite3_stmt *s = td_sqlite_stmt(st, story > 0 ? SQL_MEMBERS_ONE : SQL_MEMBERS_ALL);
  if (!s) return TD_EINTERNAL;
  if (story > 0) sqlite3_bind_int64(s, 1, story);
  return member_rows(st, s, fn, arg);
}

static int sp_copies(void *ctx, td_place_member_fn fn, void *arg) {
  td_store *st = ctx;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_COPIES);
  if (!s) return TD_EINTERNAL;
  return member_rows(st, s, fn, arg);
}

const td_place_backend td_sqlite_place = {
    .df_get = sp_df_get,
    .df_add = sp_df_add,
    .story_postings = sp_story_postings,
    .story_post = sp_story_post,
    .story_get = sp_story_get,
    .story_put = sp_story_put,
    .copy_postings = sp_copy_postings,
    .copy_post = sp_copy_post,
    .story_post_many = sp_story_post_many,
    .copy_post_many = sp_copy_post_many,
    .art_get = sp_art_get,
    .art_put = sp_art_put,
    .art_reroot = sp_art_reroot,
    .explain_put = sp_explain_put,
    .members = sp_members,
    .copies = sp_copies,
    .explain_get = sp_explain_get,
    .story_merge = sp_story_merge,
    .copy_group = sp_copy_group,
};

/* ------------------------------------------------ the story list's pages
** (issue 7: td_stories_page_json, the vtab's story_page). The story list is
** read newest first, a page at a time, so that a server never builds the
** whole list for one page. The stories table keeps each story's latest
** article day (dmax, valid when ndated > 0), and the index stories_recent
** (migration 6) holds this order: a page is read from the index, without
** sorting every story. The ORDER BY repeats the index's expression as it is
** written there, so that SQLite uses it. */
static const char SQL_STORY_PAGE[] =
    "SELECT id FROM stories ORDER BY ndated > 0 DESC, dmax DESC, id DESC LIMIT ?1 OFFSET ?2";
static const char SQL_STORY_COUNT[] = "SELECT count(*) FROM stories";

int td_sqlite_story_page(td_store *st, long long offset, long long limit, int64_t *ids, size_t *n,
                         long long *total) {
  *n = 0;
  *total = 0;
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_STORY_COUNT);
  if (!s) return TD_EINTERNAL;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) *total = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  if (rc != SQLITE_ROW) return td_sqlite_fail(st, rc, "counting stories");
  if (limit <= 0 || offset >= *total) return TD_OK;
  if (!(s = td_sqlite_stmt(st, SQL_STORY_PAGE))) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, limit);
  sqlite3_bind_int64(s, 2, offset > 0 ? offset : 0);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < (size_t)limit)
    ids[(*n)++] = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : td_sqlite_fail(st, rc, "listing stories");
}
