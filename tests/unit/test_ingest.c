/* Unit tests: the public ingest API over the SQLite store — idempotence,
** exact copies, rejected lines, the schema version, allocation failures. */
#include "testutil.h"

#include "tidings.h"
#include "store/store.h"
#include "util/alloc.h"

#include <jansson.h>

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
      cmocka_unit_test(allocation_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
