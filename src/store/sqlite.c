/*
** sqlite.c — the embedded default store: one SQLite file in WAL mode.
**
** The schema is versioned with PRAGMA user_version and grown only by the
** migrations below, applied in order inside one transaction when a store is
** opened; a migration is never edited once released, only followed by
** another. Writers take the lock with BEGIN IMMEDIATE and wait up to the busy
** timeout for another process's ingest to finish, so two ingests into one
** store queue up instead of corrupting it. A kill -9 loses at most the
** batch in flight: WAL rolls it back on the next open.
*/
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>


/* Migrations: migrations[i] takes the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 1: articles and what cleaning removed from them */
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  url TEXT NOT NULL UNIQUE,\n"
    "  ext_id TEXT,\n"
    "  source TEXT,\n"
    "  title TEXT,\n"
    "  date TEXT,\n"
    "  byline TEXT,\n"
    "  lang TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  text_hash INTEGER NOT NULL,\n"
    "  copy_of INTEGER REFERENCES articles(id),\n"
    "  added_at INTEGER NOT NULL DEFAULT (unixepoch())\n"
    ");\n"
    "CREATE INDEX articles_text_hash ON articles(text_hash);\n"
    "CREATE INDEX articles_source ON articles(source);\n"
    "CREATE TABLE removed(\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  PRIMARY KEY(article, seq)\n"
    ") WITHOUT ROWID;\n",
    /* 2: search (issue 7): the FTS5 index over titles and texts, kept in sync
    ** by triggers, built for the articles already stored */
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',\n"
    "  content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN\n"
    "  INSERT INTO articles_fts(rowid, title, text) VALUES(new.id, new.title, new.text);\n"
    "END;\n"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN\n"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)\n"
    "    VALUES('delete', old.id, old.title, old.text);\n"
    "END;\n"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN\n"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)\n"
    "    VALUES('delete', old.id, old.title, old.text);\n"
    "  INSERT INTO articles_fts(rowid, title, text) VALUES(new.id, new.title, new.text);\n"
    "END;\n"
    "INSERT INTO articles_fts(articles_fts) VALUES('rebuild');\n",
    /* 3: place (issue 3): stories, their candidate postings, document
    ** frequencies, per-article fingerprints and copy links, explanations */
    "CREATE TABLE stories(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  thread INTEGER NOT NULL,\n"
    "  first INTEGER NOT NULL,\n"
    "  narticles INTEGER NOT NULL,\n"
    "  ndated INTEGER NOT NULL,\n"
    "  dmin INTEGER, dmax INTEGER, dsum REAL,\n"
    "  terms BLOB NOT NULL,\n"
    "  names BLOB NOT NULL\n"
    ");\n"
    "CREATE INDEX stories_thread ON stories(thread);\n"
    "CREATE TABLE story_post(key INTEGER NOT NULL, story INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, story)) WITHOUT ROWID;\n"
    "CREATE INDEX story_post_seq ON story_post(key, seq);\n"
    "CREATE TABLE copy_post(key INTEGER NOT NULL, article INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, article)) WITHOUT ROWID;\n"
    "CREATE TABLE place_df(key INTEGER PRIMARY KEY, df INTEGER NOT NULL);\n"
    "CREATE TABLE place_meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);\n"
    "CREATE TABLE place_articles(\n"
    "  article INTEGER PRIMARY KEY REFERENCES articles(id),\n"
    "  story INTEGER NOT NULL REFERENCES stories(id),\n"
    "  copy_of INTEGER REFERENCES articles(id),\n"
    "  similarity REAL, containment REAL,\n"
    "  day INTEGER,\n"
    "  nshingles INTEGER NOT NULL,\n"
    "  minhash BLOB NOT NULL,\n"
    "  sent BLOB NOT NULL\n"
    ");\n"
    "CREATE INDEX place_articles_story ON place_articles(story);\n"
    "CREATE INDEX place_articles_copy ON place_articles(copy_of);\n"
    "CREATE TABLE place_explain(article INTEGER PRIMARY KEY REFERENCES articles(id), json TEXT NOT NULL);\n",
    /* 4: extract (issue 5, store/sqlite_extract.c): each article's quotes
    ** (byte spans into its text; stmt joins the parts of one statement, grp
    ** the same statement across articles), names and dates */
    "CREATE TABLE quotes(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  byte_start INTEGER NOT NULL,\n"
    "  byte_end INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  speaker TEXT,\n"
    "  speaker_kind TEXT,\n"
    "  cue TEXT,\n"
    "  kind TEXT NOT NULL,\n"
    "  stmt INTEGER NOT NULL,\n"
    "  grp INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX quotes_article ON quotes(article, byte_start);\n"
    "CREATE INDEX quotes_grp ON quotes(grp);\n"
    "CREATE TABLE entities(\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  aliases TEXT NOT NULL,\n"
    "  roles TEXT NOT NULL,\n"
    "  mentions INTEGER NOT NULL,\n"
    "  PRIMARY KEY(article, seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX entities_name ON entities(name COLLATE NOCASE);\n"
    "CREATE TABLE dates(\n"
    "  article INTEGER NOT NULL REFERENCES articles(id),\n"
    "  byte_start INTEGER NOT NULL,\n"
    "  byte_end INTEGER NOT NULL,\n"
    "  year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL,\n"
    "  prec TEXT NOT NULL,\n"
    "  relative INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX dates_article ON dates(article);\n",
    /* 5: clean (issue 4, store/sqlite_clean.c): per outlet (a hash of its
    ** name), how many articles carried each folded line; hash 0 counts the
    ** outlet's articles. Lines in enough of them are its boilerplate. */
    "CREATE TABLE clean_lines(\n"
    "  source INTEGER NOT NULL,\n"
    "  hash INTEGER NOT NULL,\n"
    "  articles INTEGER NOT NULL,\n"
    "  PRIMARY KEY(source, hash)\n"
    ") WITHOUT ROWID;\n",
    /* 6: the story list a page at a time (issue 7, sqlite_place.c's
    ** story_page): stories by their latest article day, undated last, so a
    ** page is read from the index instead of sorting every story */
    "CREATE INDEX stories_recent ON stories(ndated > 0, dmax, id);\n",
    /* 7: new articles enter the full-text index when their transaction
    ** commits (st_commit), not by a trigger per article: FTS5 writes its
    ** pending index out at every savepoint, and ingest takes one per article */
    "DROP TRIGGER articles_fts_ai;\n",
    /* 8: merged stories (issue 3, sqlite_place.c's story_merge): a story of
    ** one article that went into another leaves `stories` (so lists, pages
    ** and counts never show it) and its id stays here, naming the story it
    ** went into; every read of a story id resolves it. New story ids stay
    ** above every alias, so an id a user has seen never names another story */
    "CREATE TABLE story_alias(id INTEGER PRIMARY KEY, target INTEGER NOT NULL);\n",
    /* 9: postings are written to small tables and moved into story_post and
    ** copy_post in key order once those have grown (issue 3, sqlite_place.c's
    ** td_sqlite_post_merge): a batch of articles posted straight into a large
    ** table dirtied most of its pages, as its keys are hashes */
    "CREATE TABLE story_post_pending(key INTEGER NOT NULL, story INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL, PRIMARY KEY(key, story)) WITHOUT ROWID;\n"
    "CREATE INDEX story_post_pending_seq ON story_post_pending(key, seq);\n"
    "CREATE TABLE copy_post_pending(key INTEGER NOT NULL, article INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, article)) WITHOUT ROWID;\n",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int td_store_sqlite_schema_version(void) { return NMIGRATIONS; }

static const char SQL_MATCH_URL[] = "SELECT id, text_hash FROM articles WHERE url=?";
static const char SQL_MATCH_HASH[] = "SELECT id FROM articles WHERE text_hash=? ORDER BY id LIMIT 1";
static const char SQL_INSERT[] = "INSERT INTO articles(url, source, title, date, byline, lang, text, text_hash, copy_of) VALUES(?,?,?,?,?,?,?,?,?)";
static const char SQL_INSERT_REMOVED[] = "INSERT INTO removed(article, seq, text, reason) VALUES(?,?,?,?)";
static const char SQL_GET[] = "SELECT url, source, title, date, byline, lang, text FROM articles WHERE id=?";
static const char SQL_GET_REMOVED[] = "SELECT text, reason FROM removed WHERE article=? ORDER BY seq";
static const char SQL_BY_URL[] = "SELECT id FROM articles WHERE url=?";
static const char SQL_COPY_OF[] = "SELECT copy_of FROM articles WHERE id=?";
static const char SQL_LIST[] = "SELECT id, url, source, title, date FROM articles ORDER BY id LIMIT ? OFFSET ?";

static int set_msg(td_store *st, int status, const char *what) {
  td_free(st->msg);
  td_buf b = TD_BUF_INIT;
  if (td_buf_printf(&b, "%s: %s", what, st->db ? sqlite3_errmsg(st->db) : "no database") == 0)
    st->msg = td_buf_detach(&b);
  else
    st->msg = NULL;
  return status;
}

/* Map an SQLite result code to a tidings status. */
static int status_of(int rc) {
  switch (rc & 0xff) {
  case SQLITE_OK:
  case SQLITE_DONE:
  case SQLITE_ROW: return TD_OK;
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return TD_EBUSY;
  case SQLITE_NOMEM: return TD_ENOMEM;
  case SQLITE_IOERR:
  case SQLITE_CANTOPEN:
  case SQLITE_FULL:
  case SQLITE_READONLY:
  case SQLITE_PERM: return TD_EIO;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB: return TD_EINTERNAL;
  default: return TD_EINTERNAL;
  }
}

int td_sqlite_fail(td_store *st, int rc, const char *what) { return set_msg(st, status_of(rc), what); }
#define fail td_sqlite_fail

sqlite3_stmt *td_sqlite_stmt(td_store *st, const char *sql) {
  for (int i = 0; i < st->ncache; i++) {
    if (st->cache[i].sql == sql) {
      sqlite3_stmt *s = st->cache[i].stmt;
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
      return s;
    }
  }
  if (st->ncache == TD_SQLITE_STMT_CACHE) {
    td_free(st->msg);
    st->msg = td_strdup("internal: statement cache full");
    return NULL;
  }
  sqlite3_stmt *s;
  int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
  if (rc != SQLITE_OK) {
    fail(st, rc, "preparing a statement");
    return NULL;
  }
  st->cache[st->ncache].sql = sql;
  st->cache[st->ncache].stmt = s;
  st->ncache++;
  return s;
}

static int exec(td_store *st, const char *sql, const char *what) {
  int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK ? TD_OK : fail(st, rc, what);
}

/* Put the store in WAL mode (persistent: a no-op once done). Switching a
** new file takes an exclusive lock, and SQLite answers a second process
** that switches the same new file at the same moment (two ingests
** starting together) with SQLITE_BUSY at once, without its busy handler;
** so the switch is tried again until the busy timeout has passed. */
static int enable_wal(td_store *st, int timeout_ms) {
  int rc, waited = 0;
  while ((rc = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL)) != SQLITE_OK &&
         (rc & 0xff) == SQLITE_BUSY && waited < timeout_ms) {
    sqlite3_sleep(20);
    waited += 20;
  }
  return rc == SQLITE_OK ? TD_OK : fail(st, rc, "enabling WAL");
}

/* The writer lock is flock() on a second descriptor of the database file.
** flock locks are separate from the POSIX locks SQLite takes, and the
** descriptor stays open until after SQLite has closed the file (closing any
** descriptor of a file drops the process's POSIX locks on it). The kernel
** drops the lock when the process dies, so a kill -9 never leaves it held. */
static int st_writer_lock(td_store *st, int wait) {
  if (st->lock_fd < 0) return TD_OK;
  while (flock(st->lock_fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) {
      td_free(st->msg);
      st->msg = td_strdup("another ingest is writing to this store");
      return TD_EBUSY;
    }
    td_free(st->msg);
    st->msg = td_strdup("cannot lock the store for writing");
    return TD_EIO;
  }
  return TD_OK;
}

static void st_writer_unlock(td_store *st) {
  if (st->lock_fd >= 0) flock(st->lock_fd, LOCK_UN);
}

/* PRAGMA user_version, or -1 when it cannot be read. */
static int schema_version(td_store *st) {
  sqlite3_stmt *s;
  int version = -1;
  if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) return -1;
  if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  return version;
}

static int migrate(td_store *st) {
  sqlite3_stmt *s;
  int version = 0, rc;
  if ((rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL)) != SQLITE_OK)
    return fail(st, rc, "reading the schema version");
  if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  if (version == NMIGRATIONS) return TD_OK;
  if (version > NMIGRATIONS) {
    td_free(st->msg);
    td_buf b = TD_BUF_INIT;
    td_buf_printf(&b, "the store has schema version %d, newer than this tidings knows (%d)",
                  version, NMIGRATIONS);
    st->msg = td_buf_detach(&b);
    return TD_EUSAGE;
  }
  /* Migrate under the writer lock too: another process may be migrating or
  ** ingesting, and an ingest's back-to-back batches could starve a plain
  ** busy wait for the SQLite write lock. */
  if (st->lock_fd >= 0 && (rc = st_writer_lock(st, 1))) return rc;
  if ((rc = exec(st, "BEGIN IMMEDIATE", "locking the store for migration"))) {
    st_writer_unlock(st);
    return rc;
  }
  /* Another process may have migrated while we waited for the lock. */
  if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
    if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
  }
  for (int v = version; v < NMIGRATIONS; v++) {
    if ((rc = exec(st, migrations[v], "migrating the store"))) {
      sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
      st_writer_unlock(st);
      return rc;
    }
  }
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA user_version=%d", NMIGRATIONS);
  if ((rc = exec(st, sql, "migrating the store")) || (rc = exec(st, "COMMIT", "migrating"))) {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st_writer_unlock(st);
    return rc;
  }
  st_writer_unlock(st);
  return TD_OK;
}


static void st_close(td_store *st) {
  if (!st) return;
  td_sqlite_df_free(st);
  for (int i = 0; i < st->ncache; i++) sqlite3_finalize(st->cache[i].stmt);
  if (st->db) {
    if (st->in_tx) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close_v2(st->db);
  }
  if (st->lock_fd >= 0) close(st->lock_fd);
  td_free(st->msg);
  td_free(st);
}

static int st_open(const char *path, const td_open_opts *opts, td_store **out, char **errmsg) {
  *out = NULL;
  *errmsg = NULL;
  td_store *st = td_calloc(1, sizeof *st);
  if (!st) return TD_ENOMEM;
  st->lock_fd = -1;
  st->post_pending = -1;
  int ro = opts && opts->readonly;
  int flags = ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  int status = TD_OK;
  if (rc != SQLITE_OK) {
    status = fail(st, rc, path);
    goto out;
  }
  sqlite3_extended_result_codes(st->db, 1);
  sqlite3_busy_timeout(st->db, opts && opts->busy_timeout_ms ? opts->busy_timeout_ms : 5000);
  /* Refuse files that are not SQLite databases before writing anything. */
  if ((status = exec(st, "SELECT count(*) FROM sqlite_master", path))) goto out;
  if (ro && schema_version(st) < NMIGRATIONS) {
    /* A store written by an older tidings: migrate it once, even for a
    ** reader, rather than fail on tables it does not have yet. */
    sqlite3_close_v2(st->db);
    st->db = NULL;
    rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
      status = fail(st, rc, "opening an older store to migrate it");
      goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, opts && opts->busy_timeout_ms ? opts->busy_timeout_ms : 5000);
    ro = 0;
  }
  if (!ro) {
    if ((status = enable_wal(st, opts && opts->busy_timeout_ms ? opts->busy_timeout_ms : 5000)))
      goto out;
    if ((status = exec(st, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192; PRAGMA secure_delete=OFF", "pragmas")))
      goto out;
    if (strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0 && *path)
      st->lock_fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if ((status = migrate(st))) goto out;
  }
out:
  if (status) {
    *errmsg = st->msg ? st->msg : td_strdup(td_strerror(status));
    st->msg = NULL;
    st_close(st);
    return status;
  }
  *out = st;
  return TD_OK;
}

static const char *st_errmsg(td_store *st) { return st && st->msg ? st->msg : ""; }

static int st_begin(td_store *st) {
  int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_BUSY) {
      td_free(st->msg);
      st->msg = td_strdup("the store is locked by another writer (another ingest?); try again");
      return TD_EBUSY;
    }
    return fail(st, rc, "starting a transaction");
  }
  st->in_tx = 1;
  st->post_pending = -1;
  return TD_OK;
}

static const char SQL_FTS_INDEX[] =
    "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles "
    "WHERE id >= ?";

static int st_commit(td_store *st) {
  int drc = td_sqlite_df_flush(st); /* the place stage's counts, kept in memory until now */
  if (!drc) drc = td_sqlite_post_merge(st, 0); /* and its pending postings, when grown */
  if (drc) return drc;
  if (st->fts_from) { /* the articles this transaction stored join the index */
    sqlite3_stmt *s = td_sqlite_stmt(st, SQL_FTS_INDEX);
    if (!s) return TD_EINTERNAL;
    sqlite3_bind_int64(s, 1, st->fts_from);
    int frc = sqlite3_step(s);
    sqlite3_reset(s);
    if (frc != SQLITE_DONE) return fail(st, frc, "indexing the new articles");
    st->fts_from = 0;
  }
  int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return fail(st, rc, "committing");
  st->in_tx = st->in_savepoint = 0;
  st->post_pending = -1;
  return TD_OK;
}

static int st_rollback(td_store *st) {
  td_sqlite_df_drop(st);
  st->in_tx = st->in_savepoint = 0;
  st->post_pending = -1;
  st->fts_from = 0;
  int rc = sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc == SQLITE_OK ? TD_OK : fail(st, rc, "rolling back");
}

static int st_savepoint(td_store *st) {
  int rc = exec(st, "SAVEPOINT article", "savepoint");
  if (!rc) st->in_savepoint = 1;
  return rc;
}

static int st_release(td_store *st) {
  int rc = exec(st, "RELEASE article", "savepoint");
  if (rc) return rc;
  st->in_savepoint = 0;
  return td_sqlite_df_savepoint_end(st, 1);
}

static int st_rollback_to(td_store *st) {
  td_sqlite_df_savepoint_end(st, 0); /* cannot fail when forgetting */
  st->in_savepoint = 0;
  int rc = exec(st, "ROLLBACK TO article", "savepoint");
  return rc ? rc : exec(st, "RELEASE article", "savepoint");
}

void td_sqlite_bind_text(sqlite3_stmt *s, int i, const char *v) {
  if (v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(s, i);
}

static int st_article_match(td_store *st, const char *url, uint64_t hash, td_store_match *m) {
  memset(m, 0, sizeof *m);
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_MATCH_URL);
  if (!s) return TD_EINTERNAL;
  td_sqlite_bind_text(s, 1, url);
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    m->same_url = sqlite3_column_int64(s, 0);
    m->same_url_hash = (uint64_t)sqlite3_column_int64(s, 1);
  }
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(st, rc, "looking up a URL");
  s = td_sqlite_stmt(st, SQL_MATCH_HASH);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, (sqlite3_int64)hash);
  rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) m->same_text = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(st, rc, "looking up a text");
  return TD_OK;
}

static int st_article_insert(td_store *st, td_article *a, uint64_t hash, int64_t copy_of) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_INSERT);
  if (!s) return TD_EINTERNAL;
  td_sqlite_bind_text(s, 1, a->url);
  td_sqlite_bind_text(s, 2, a->source);
  td_sqlite_bind_text(s, 3, a->title);
  td_sqlite_bind_text(s, 4, a->date);
  td_sqlite_bind_text(s, 5, a->byline);
  td_sqlite_bind_text(s, 6, a->lang);
  td_sqlite_bind_text(s, 7, a->text ? a->text : "");
  sqlite3_bind_int64(s, 8, (sqlite3_int64)hash);
  if (copy_of)
    sqlite3_bind_int64(s, 9, copy_of);
  else
    sqlite3_bind_null(s, 9);
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE) return fail(st, rc, "storing an article");
  a->id = sqlite3_last_insert_rowid(st->db);
  if (!st->fts_from || a->id < st->fts_from) st->fts_from = a->id;
  s = td_sqlite_stmt(st, SQL_INSERT_REMOVED);
  if (!s) return TD_EINTERNAL;
  for (size_t i = 0; i < a->nremoved; i++) {
    sqlite3_bind_int64(s, 1, a->id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    td_sqlite_bind_text(s, 3, a->removed[i].text);
    td_sqlite_bind_text(s, 4, a->removed[i].reason);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return fail(st, rc, "storing removed lines");
  }
  return TD_OK;
}

/* Copy column i of s into *field (NULL stays NULL). */
static int column_dup(sqlite3_stmt *s, int i, char **field) {
  const unsigned char *v = sqlite3_column_text(s, i);
  if (!v) return 0;
  return td_article_set(field, (const char *)v, (size_t)sqlite3_column_bytes(s, i));
}

static int st_article_get(td_store *st, int64_t id, td_article *a) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_GET);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW) {
    a->id = id;
    if (column_dup(s, 0, &a->url) || column_dup(s, 1, &a->source) ||
        column_dup(s, 2, &a->title) || column_dup(s, 3, &a->date) ||
        column_dup(s, 4, &a->byline) || column_dup(s, 5, &a->lang) || column_dup(s, 6, &a->text))
      status = TD_ENOMEM;
  } else if (rc == SQLITE_DONE) {
    status = TD_ENOTFOUND;
  } else {
    status = fail(st, rc, "reading an article");
  }
  sqlite3_reset(s);
  if (status) return status;
  s = td_sqlite_stmt(st, SQL_GET_REMOVED);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (td_article_add_removed(a, (const char *)sqlite3_column_text(s, 0),
                               (size_t)sqlite3_column_bytes(s, 0),
                               (const char *)sqlite3_column_text(s, 1))) {
      status = TD_ENOMEM;
      break;
    }
  }
  if (!status && rc != SQLITE_DONE) status = fail(st, rc, "reading removed lines");
  sqlite3_reset(s);
  return status;
}

static int st_article_by_url(td_store *st, const char *url, int64_t *id) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_BY_URL);
  if (!s) return TD_EINTERNAL;
  td_sqlite_bind_text(s, 1, url);
  int rc = sqlite3_step(s), status = TD_OK;
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64(s, 0);
  else if (rc == SQLITE_DONE)
    status = TD_ENOTFOUND;
  else
    status = fail(st, rc, "looking up a URL");
  sqlite3_reset(s);
  return status;
}

static int st_article_copy_of(td_store *st, int64_t id, int64_t *original) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_COPY_OF);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s), status = TD_OK;
  *original = 0;
  if (rc == SQLITE_ROW)
    *original = sqlite3_column_int64(s, 0);
  else if (rc == SQLITE_DONE)
    status = TD_ENOTFOUND;
  else
    status = fail(st, rc, "reading an article");
  sqlite3_reset(s);
  return status;
}

static int st_article_list(td_store *st, long long offset, long long limit,
                           td_store_article_fn fn, void *ctx) {
  sqlite3_stmt *s = td_sqlite_stmt(st, SQL_LIST);
  if (!s) return TD_EINTERNAL;
  sqlite3_bind_int64(s, 1, limit > 0 ? limit : -1);
  sqlite3_bind_int64(s, 2, offset > 0 ? offset : 0);
  int rc, status = TD_OK;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    td_article a;
    td_article_init(&a);
    a.id = sqlite3_column_int64(s, 0);
    if (column_dup(s, 1, &a.url) || column_dup(s, 2, &a.source) || column_dup(s, 3, &a.title) ||
        column_dup(s, 4, &a.date))
      status = TD_ENOMEM;
    int stop = status ? 1 : fn(ctx, &a);
    td_article_release(&a);
    if (stop) break;
  }
  if (!status && rc != SQLITE_ROW && rc != SQLITE_DONE) status = fail(st, rc, "listing articles");
  sqlite3_reset(s);
  return status;
}

static int count(td_store *st, const char *sql, long long *out) {
  sqlite3_stmt *s;
  *out = 0;
  int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
  if (rc != SQLITE_OK) return fail(st, rc, "counting");
  rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) *out = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK : fail(st, rc, "counting");
}

static int st_stats(td_store *st, td_store_stats *o) {
  memset(o, 0, sizeof *o);
  int rc;
  if ((rc = count(st, "SELECT count(*) FROM articles", &o->articles)) ||
      (rc = count(st, "SELECT count(*) FROM articles WHERE copy_of IS NOT NULL", &o->copies)) ||
      (rc = count(st, "SELECT count(DISTINCT source) FROM articles", &o->sources)) ||
      (rc = count(st, "SELECT count(*) FROM stories", &o->stories)) ||
      (rc = count(st, "SELECT count(DISTINCT thread) FROM stories", &o->threads)) ||
      /* extract (issue 5): quotes, and distinct names across articles */
      (rc = count(st, "SELECT count(*) FROM quotes", &o->quotes)) ||
      (rc = count(st, "SELECT count(DISTINCT name COLLATE NOCASE) FROM entities", &o->entities)))
    return rc;
  return TD_OK;
}

const td_store_vtab td_store_sqlite = {
    .name = "sqlite",
    .open = st_open,
    .close = st_close,
    .errmsg = st_errmsg,
    .begin = st_begin,
    .commit = st_commit,
    .rollback = st_rollback,
    .writer_lock = st_writer_lock,
    .writer_unlock = st_writer_unlock,
    .savepoint = st_savepoint,
    .release = st_release,
    .rollback_to = st_rollback_to,
    .article_match = st_article_match,
    .article_insert = st_article_insert,
    .article_get = st_article_get,
    .article_by_url = st_article_by_url,
    .article_copy_of = st_article_copy_of,
    .article_list = st_article_list,
    .stats = st_stats,
    .place = &td_sqlite_place,
    .extract = &td_sqlite_extract, /* issue 5 */
    .clean = &td_sqlite_clean, /* issue 4 */
    .search = td_sqlite_search,
    .story_lead = td_sqlite_story_lead,
    .story_page = td_sqlite_story_page,
};
