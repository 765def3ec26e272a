/* Unit tests: the public ingest API over the SQLite store — idempotence,
** exact copies, rejected lines, the schema version, allocation failures. */
#include "testutil.h"

#include "tidings.h"
#include "store/store.h"
#include "util/alloc.h"

#include <jansson.h>
#include <sqlite3.h>

static int ndiag;
static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg) {
  (void)ctx; (void)origin; (void)line; (void)offset; (void)msg;
  ndiag++;
}

static td *open_fresh(const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  unlink(path);
  td *db = NULL;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  return db;
}

static long long stat_of(td *db, const char *key) {
  char *s;
  assert_int_equal(td_stats_json(db, &s), TD_OK);
  json_t *doc = json_loads(s, 0, NULL);
  td_free(s);
  long long v = json_integer_value(json_object_get(doc, key));
  json_decref(doc);
  return v;
}

static const char FEED[] =
    "{\"id\":\"1\",\"url\":\"https://a.test/1\",\"source\":\"A\",\"title\":\"Dam opens\","
    "\"date\":\"2031-05-02\",\"text\":\"The dam opened on Friday.\\n\\nIt holds water.\"}\n"
    "{\"id\":\"2\",\"url\":\"https://b.test/1\",\"source\":\"B\",\"title\":\"Dam opens at last\","
    "\"date\":\"2031-05-03\",\"text\":\"The dam opened on Friday.\\n\\nIt holds water.\"}\n"
    "{\"id\":\"3\",\"url\":\"https://c.test/9\",\"source\":\"C\",\"title\":\"Other\","
    "\"text\":\"Something else happened.\"}\n";

static void idempotent_and_copies(void **state) {
  (void)state;
  td *db = open_fresh("idem.db");
  td_ingest_opts o = {0};
  td_ingest_counts n = {0};
  assert_int_equal(td_ingest_buffer(db, FEED, strlen(FEED), "feed.jsonl", &o, &n), TD_OK);
  assert_int_equal(n.read, 3);
  assert_int_equal(n.added, 3);
  assert_int_equal(n.copies, 1);
  td_ingest_counts m = {0};
  assert_int_equal(td_ingest_buffer(db, FEED, strlen(FEED), "feed.jsonl", &o, &m), TD_OK);
  assert_int_equal(m.added, 0);
  assert_int_equal(m.duplicate, 3);
  assert_int_equal(stat_of(db, "articles"), 3);
  assert_int_equal(stat_of(db, "copies"), 1);
  assert_int_equal(stat_of(db, "sources"), 3);
  char *s;
  assert_int_equal(td_article_json(db, "https://b.test/1", &s), TD_OK);
  json_t *a = json_loads(s, 0, NULL);
  td_free(s);
  assert_string_equal(json_string_value(json_object_get(a, "title")), "Dam opens at last");
  assert_int_equal(json_integer_value(json_object_get(a, "copy_of")), 1);
  assert_string_equal(json_string_value(json_object_get(a, "text")),
                      "The dam opened on Friday.\n\nIt holds water.");
  json_decref(a);
  assert_int_equal(td_article_json(db, "999", &s), TD_ENOTFOUND);
  assert_non_null(strstr(td_errmsg(db), "999"));
  td_close(db);
}

static void bad_line_keeps_the_rest(void **state) {
  (void)state;
  td *db = open_fresh("bad.db");
  const char *in = "{\"url\":\"u1\",\"text\":\"One.\"}\n"
                   "{\"url\":\"u2\",\"text\":\"Two.\"\n"
                   "{\"url\":\"u3\",\"text\":\"Bad \\udc00 surrogate.\"}\n"
                   "{\"url\":\"u4\",\"text\":\"Four.\",\"date\":\"not a date\"}\n";
  td_ingest_opts o = {0};
  o.on_diag = on_diag;
  ndiag = 0;
  td_ingest_counts n = {0};
  assert_int_equal(td_ingest_buffer(db, in, strlen(in), "mixed.jsonl", &o, &n), TD_EINPUT);
  assert_int_equal(n.added, 2);
  assert_int_equal(n.rejected, 2);
  assert_int_equal(ndiag, 3); /* two rejections and the unreadable date */
  assert_int_equal(stat_of(db, "articles"), 2);
  td_close(db);
}

static void defaults_and_normalisation(void **state) {
  (void)state;
  td *db = open_fresh("defaults.db");
  /* "e" + combining acute (NFD) is stored as NFC "é". */
  const char *in = "Caf\x65\xcc\x81 opens   today\n\n\n\n  Body   text here.  \n";
  td_ingest_opts o = {0};
  o.source = "Harbour Gazette";
  o.date = "2031-06-01";
  td_ingest_counts n = {0};
  assert_int_equal(td_ingest_buffer(db, in, strlen(in), "cafe.txt", &o, &n), TD_OK);
  char *s;
  assert_int_equal(td_article_json(db, "cafe.txt", &s), TD_OK);
  json_t *a = json_loads(s, 0, NULL);
  td_free(s);
  assert_string_equal(json_string_value(json_object_get(a, "title")), "Caf\xc3\xa9 opens today");
  assert_string_equal(json_string_value(json_object_get(a, "source")), "Harbour Gazette");
  assert_string_equal(json_string_value(json_object_get(a, "date")), "2031-06-01");
  assert_string_equal(json_string_value(json_object_get(a, "text")), "Body text here.");
  json_decref(a);
  o.date = "June-ish";
  assert_int_equal(td_ingest_buffer(db, in, strlen(in), "x.txt", &o, &n), TD_EUSAGE);
  td_close(db);
}

static void schema_and_bad_store(void **state) {
  (void)state;
  assert_true(td_store_sqlite_schema_version() >= 1);
  const char *p = tu_write("notadb.db", "this is not sqlite, just text long enough to matter...",
                           54);
  td *db = NULL;
  int rc = td_open(p, NULL, &db);
  assert_int_not_equal(rc, TD_OK);
  assert_non_null(strstr(td_errmsg(db), "notadb.db"));
  td_close(db);
  td_close(NULL);
}

/* A store written by the first schema version is migrated on open, even by
** a read-only reader, and keeps its articles. */
static void migrates_old_store(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof path, "%s/v1.db", tu_tmpdir());
  unlink(path);
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(raw,
                   "PRAGMA user_version=1;"
                   "CREATE TABLE articles(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,"
                   " ext_id TEXT, source TEXT, title TEXT, date TEXT, byline TEXT, lang TEXT,"
                   " text TEXT NOT NULL, text_hash INTEGER NOT NULL,"
                   " copy_of INTEGER REFERENCES articles(id),"
                   " added_at INTEGER NOT NULL DEFAULT (unixepoch()));"
                   "CREATE INDEX articles_text_hash ON articles(text_hash);"
                   "CREATE INDEX articles_source ON articles(source);"
                   "CREATE TABLE removed(article INTEGER NOT NULL REFERENCES articles(id),"
                   " seq INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL,"
                   " PRIMARY KEY(article, seq)) WITHOUT ROWID;"
                   "INSERT INTO articles(url, title, text, text_hash)"
                   " VALUES('old://1', 'Old', 'An old article.', 1);",
                   NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close(raw);
  td *db = NULL;
  td_open_opts o = {0};
  o.readonly = 1;
  assert_int_equal(td_open(path, &o, &db), TD_OK);
  assert_int_equal(stat_of(db, "articles"), 1);
  char *s;
  assert_int_equal(td_article_json(db, "old://1", &s), TD_OK);
  td_free(s);
  td_close(db);
}

/* Fail each allocation in turn during an ingest: every run must end with a
** status, no crash, no leak (ASan), and a store that still opens. */
static void allocation_failures(void **state) {
  (void)state;
  for (long k = 0; k < 400; k += 3) {
    td *db = open_fresh("oom.db");
    td_ingest_opts o = {0};
    td_ingest_counts n = {0};
    td_alloc_fail_after(k);
    int rc = td_ingest_buffer(db, FEED, strlen(FEED), "feed.jsonl", &o, &n);
    char *s = NULL;
    int rc2 = td_stats_json(db, &s);
    td_alloc_fail_after(-1);
    td_free(s);
    assert_true(rc == TD_OK || rc == TD_ENOMEM || rc == TD_EINPUT || rc == TD_EINTERNAL);
    (void)rc2;
    td_close(db);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(idempotent_and_copies),
      cmocka_unit_test(bad_line_keeps_the_rest),
      cmocka_unit_test(defaults_and_normalisation),
      cmocka_unit_test(schema_and_bad_store),
      cmocka_unit_test(migrates_old_store),
      cmocka_unit_test(allocation_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
