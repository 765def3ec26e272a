/*
** test_search.c — the query parser (search/query.c) and td_search_json:
** what a query becomes, that every expression it makes is valid FTS5 (run
** against a real FTS5 table), filters, errors, grouping, and on the seeds that
** "naval facility" ranks the articles of 000-002 first.
*/
#include "testutil.h"

#include "search/query.h"
#include "tidings.h"

#include <jansson.h>
#include <sqlite3.h>

static char *parse_ok(const char *q) {
  td_query p;
  const char *err = NULL;
  int rc = td_query_parse(q, strlen(q), &p, &err);
  if (rc) fail_msg("parse of <%s> failed: %s", q, err ? err : "?");
  char *m = p.match ? strdup(p.match) : NULL;
  td_query_release(&p);
  return m;
}

static int parse_err(const char *q) {
  td_query p;
  const char *err = NULL;
  int rc = td_query_parse(q, strlen(q), &p, &err);
  td_query_release(&p);
  if (rc == TD_EUSAGE) assert_non_null(err);
  return rc;
}

static void test_words_phrases_operators(void **state) {
  char *m;
  m = parse_ok("naval facility");
  assert_string_equal(m, "(\"naval\" AND \"facility\")");
  free(m);
  m = parse_ok("\"air base\" OR tartous");
  assert_string_equal(m, "(\"air base\" OR \"tartous\")");
  free(m);
  m = parse_ok("putin -trump NOT erdogan");
  assert_string_equal(m, "(\"putin\" NOT \"trump\" NOT \"erdogan\")");
  free(m);
  m = parse_ok("(a OR b) c");
  assert_string_equal(m, "((\"a\" OR \"b\") AND \"c\")");
  free(m);
  m = parse_ok("cooperat*");
  assert_string_equal(m, "(\"cooperat\" * OR \"coopera\" OR \"cooper\" OR \"coope\")");
  free(m);
  m = parse_ok("“curly quotes”");
  assert_string_equal(m, "\"curly quotes\"");
  free(m);
  m = parse_ok("and or not"); /* lower case: plain words */
  assert_string_equal(m, "(\"and\" AND \"or\" AND \"not\")");
  free(m);
}

static void test_fts5_syntax_is_literal(void **state) {
  char *m = parse_ok("NEAR(a b) title:x ^y {z}: a\"b");
  /* Everything is inside quoted strings; the quote in a"b is doubled. */
  assert_non_null(strstr(m, "\"NEAR\""));
  assert_non_null(strstr(m, "\"title:x\""));
  assert_non_null(strstr(m, "\"^y\""));
  free(m);
  m = parse_ok("say \"it's \"\"fine\"");
  assert_non_null(m);
  free(m);
}

static void test_filters(void **state) {
  td_query p;
  const char *err;
  const char *q = "flood source:\"Harbour Gazette\" from:2024-03 to:2024-03-31 story:12 entity:Vask";
  assert_int_equal(td_query_parse(q, strlen(q), &p, &err), TD_OK);
  assert_string_equal(p.match, "\"flood\"");
  assert_string_equal(p.source, "Harbour Gazette");
  assert_string_equal(p.from, "2024-03");
  assert_string_equal(p.to, "2024-03-31");
  assert_string_equal(p.entity, "Vask");
  assert_int_equal(p.story, 12);
  td_query_release(&p);
  /* Filters alone are a query; match is NULL. */
  assert_int_equal(td_query_parse("source:x", 8, &p, &err), TD_OK);
  assert_null(p.match);
  td_query_release(&p);
}

static void test_errors(void **state) {
  assert_int_equal(parse_err(""), TD_EUSAGE);
  assert_int_equal(parse_err("   "), TD_EUSAGE);
  assert_int_equal(parse_err("-trump"), TD_EUSAGE);
  assert_int_equal(parse_err("NOT trump"), TD_EUSAGE);
  assert_int_equal(parse_err("from:yesterday x"), TD_EUSAGE);
  assert_int_equal(parse_err("from:2024-13 x"), TD_EUSAGE);
  assert_int_equal(parse_err("story:abc"), TD_EUSAGE);
  assert_int_equal(parse_err("story:0"), TD_EUSAGE);
  assert_int_equal(parse_err("source: x"), TD_EUSAGE);
  assert_int_equal(parse_err("a\xff"), TD_EUSAGE);
  assert_int_equal(parse_err("((((((((((a))))))))))"), TD_EUSAGE);
  char big[3000];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(parse_err(big), TD_EUSAGE);
  char many[1000] = "";
  for (int i = 0; i < 70; i++) strcat(many, "w ");
  assert_int_equal(parse_err(many), TD_EUSAGE);
  /* Lenient: stray operators and parentheses are not errors. */
  char *m = parse_ok("OR OR a AND ) (b");
  assert_string_equal(m, "(\"a\" OR \"b\")");
  free(m);
  /* A NUL byte inside the length is not UTF-8 text here. */
  td_query p;
  const char *err;
  assert_int_equal(td_query_parse("a\0b", 3, &p, &err), TD_EUSAGE);
  td_query_release(&p);
}

/* Every expression the parser makes must be accepted by FTS5 itself. */
static void test_expressions_run_in_fts5(void **state) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(t, tokenize='porter unicode61');"
                                    "INSERT INTO f VALUES('the naval facility at Tartous');",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  static const char *queries[] = {
      "naval", "\"naval facility\"", "nav*", "naval -army", "(a OR b) NOT c", "NEAR(x y, 3)",
      "col:x", "^start", "{t}: x", "a\"\"b", "\"", "*", "x* y*", "-a b -c", "(((a)))",
      "a OR (b -c) OR -d", "AND", "()", "\"\"", "é café naïve", "x:y:z", "a\"b\"c",
  };
  for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
    td_query p;
    const char *err;
    int rc = td_query_parse(queries[i], strlen(queries[i]), &p, &err);
    if (rc == TD_OK && p.match) {
      sqlite3_stmt *s;
      assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM f WHERE f MATCH ?", -1, &s, NULL), SQLITE_OK);
      sqlite3_bind_text(s, 1, p.match, -1, SQLITE_STATIC);
      int step;
      while ((step = sqlite3_step(s)) == SQLITE_ROW) {
      }
      if (step != SQLITE_DONE) fail_msg("<%s> → <%s>: %s", queries[i], p.match, sqlite3_errmsg(db));
      sqlite3_finalize(s);
    } else {
      assert_int_equal(rc, TD_EUSAGE);
    }
    td_query_release(&p);
  }
  sqlite3_close(db);
}

static const char FEED[] =
    "{\"url\":\"https://a.example/1\",\"source\":\"Harbour Gazette\",\"title\":\"Ferry service resumes\","
    "\"date\":\"2031-02-03\",\"text\":\"The ferry sailed again on Monday after the storm <b>&</b> the harbour reopened.\"}\n"
    "{\"url\":\"https://b.example/1\",\"source\":\"Northern Courier\",\"title\":\"New library approved\","
    "\"date\":\"2031-05-09\",\"text\":\"The council approved plans for a new library with many facilities.\"}\n";

static td *fixture_db(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  unlink(path);
  td *db;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  td_ingest_counts n = {0};
  td_ingest_opts o = {.format = TD_FMT_JSONL};
  assert_int_equal(td_ingest_buffer(db, FEED, sizeof FEED - 1, "feed", &o, &n), TD_OK);
  assert_int_equal(n.added, 2);
  return db;
}

static json_t *search(td *db, const char *q) {
  char *out;
  int rc = td_search_json(db, q, 0, 0, &out);
  if (rc) fail_msg("search <%s>: %s", q, td_errmsg(db));
  json_t *doc = json_loads(out, 0, NULL);
  td_free(out);
  assert_non_null(doc);
  return doc;
}

static long long first_id(json_t *doc) {
  json_t *r = json_array_get(json_object_get(doc, "results"), 0);
  return r ? json_integer_value(json_object_get(json_array_get(json_object_get(r, "articles"), 0), "id")) : 0;
}

static void test_search_json(void **state) {
  td *db = fixture_db("search.db");
  json_t *doc = search(db, "ferry");
  assert_int_equal(first_id(doc), 1);
  json_t *a = json_array_get(json_object_get(json_array_get(json_object_get(doc, "results"), 0), "articles"), 0);
  const char *html = json_string_value(json_object_get(a, "snippet_html"));
  const char *plain = json_string_value(json_object_get(a, "snippet"));
  assert_non_null(strstr(html, "<mark>ferry</mark>"));
  assert_non_null(strstr(html, "&lt;b&gt;&amp;&lt;/b&gt;")); /* text is escaped */
  assert_null(strchr(plain, '\x02'));
  assert_non_null(strstr(plain, "<b>&</b>"));
  json_decref(doc);
  doc = search(db, "facility"); /* stemming: facilities */
  assert_int_equal(first_id(doc), 2);
  json_decref(doc);
  doc = search(db, "source:\"northern courier\"");
  assert_int_equal(first_id(doc), 2);
  json_decref(doc);
  doc = search(db, "ferry to:2031-01");
  assert_int_equal(json_array_size(json_object_get(doc, "results")), 0);
  json_decref(doc);
  doc = search(db, "ferry from:2031 to:2031-02");
  assert_int_equal(first_id(doc), 1);
  json_decref(doc);
  char *out;
  assert_int_equal(td_search_json(db, "-ferry", 0, 0, &out), TD_EUSAGE);
  assert_null(out);
  assert_true(strlen(td_errmsg(db)) > 0);
  td_close(db);
}

/* entity:NAME, over the names the extract stage keeps (table entities). */
static const char PEOPLE[] =
    "{\"url\":\"https://c.example/1\",\"source\":\"Harbour Gazette\",\"title\":\"Ferry pier reopens\","
    "\"date\":\"2031-02-04\",\"text\":\"The harbour master, Tomas Brekke, reopened the ferry pier on Tuesday. "
    "\\\"The pier is safe again,\\\" Mr Brekke said.\"}\n"
    "{\"url\":\"https://d.example/1\",\"source\":\"Northern Courier\",\"title\":\"Ferry pier open\","
    "\"date\":\"2031-02-05\",\"text\":\"Tomas Brekke, the harbour master, said the ferry pier was open.\"}\n"
    "{\"url\":\"https://e.example/1\",\"source\":\"Northern Courier\",\"title\":\"Library opens\","
    "\"date\":\"2031-06-01\",\"text\":\"Mayor Ilse Varga opened the new library on Saturday.\"}\n";

static json_t *ids_of(td *db, const char *q) {
  json_t *doc = search(db, q), *ids = json_array(), *r, *a;
  size_t i, j;
  json_array_foreach(json_object_get(doc, "results"), i, r) {
    json_array_foreach(json_object_get(r, "articles"), j, a) {
      json_array_append(ids, json_object_get(a, "id"));
    }
  }
  json_decref(doc);
  return ids;
}

static void expect_ids(td *db, const char *q, const char *want) {
  json_t *ids = ids_of(db, q);
  /* Ids in ascending order, as text, whatever the rank. */
  size_t n = json_array_size(ids);
  long long v[16];
  for (size_t i = 0; i < n && i < 16; i++) v[i] = json_integer_value(json_array_get(ids, i));
  for (size_t i = 1; i < n && i < 16; i++)
    for (size_t k = i; k > 0 && v[k - 1] > v[k]; k--) {
      long long t = v[k];
      v[k] = v[k - 1];
      v[k - 1] = t;
    }
  char got[256] = "";
  for (size_t i = 0; i < n && i < 16; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld", i ? "," : "", v[i]);
  json_decref(ids);
  if (strcmp(got, want) != 0) fail_msg("search <%s>: got [%s], want [%s]", q, got, want);
}

static void test_entity_filter(void **state) {
  char path[512];
  snprintf(path, sizeof path, "%s/entity.db", tu_tmpdir());
  unlink(path);
  td *db;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  td_ingest_counts n = {0};
  td_ingest_opts o = {.format = TD_FMT_JSONL};
  assert_int_equal(td_ingest_buffer(db, PEOPLE, sizeof PEOPLE - 1, "people", &o, &n), TD_OK);
  assert_int_equal(n.added, 3);
  /* The full name, any case; the surname alone finds the full name. */
  expect_ids(db, "entity:\"Tomas Brekke\"", "1,2");
  expect_ids(db, "entity:\"tomas BREKKE\"", "1,2");
  expect_ids(db, "entity:Brekke", "1,2");
  expect_ids(db, "entity:Varga", "3");
  /* With words, and with other filters. */
  expect_ids(db, "pier entity:brekke", "1,2");
  expect_ids(db, "library entity:Brekke", "");
  expect_ids(db, "entity:Brekke source:\"northern courier\"", "2");
  expect_ids(db, "ferry entity:Brekke to:2031-02-04", "1");
  /* Part of a word is not a name; LIKE wildcards and SQL are just text. */
  expect_ids(db, "entity:rekke", "");
  expect_ids(db, "entity:Brek%", "");
  expect_ids(db, "entity:_rekke", "");
  expect_ids(db, "entity:%", "");
  expect_ids(db, "entity:\"x' OR 1=1 --\"", "");
  expect_ids(db, "entity:\"Brekke\\\" OR \\\"1\"", "");
  expect_ids(db, "pier entity:Nobody", "");
  /* Everything is still there. */
  expect_ids(db, "source:\"northern courier\"", "2,3");
  td_close(db);
}

/* On the seeds, "naval facility" finds the story of 000-002 first. */
static void test_seeds_naval_facility(void **state) {
  const char *shared = tu_shared();
  if (!shared) {
    print_message("no ../shared/seeds (or $TIDINGS_SHARED) in this clone: skipped\n");
    skip();
    return;
  }
  char seeds[4200], path[512];
  snprintf(seeds, sizeof seeds, "%s/seeds", shared);
  snprintf(path, sizeof path, "%s/seeds.db", tu_tmpdir());
  unlink(path);
  td *db;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  td_ingest_counts n = {0};
  assert_int_equal(td_ingest_path(db, seeds, NULL, &n), TD_OK);
  json_t *doc = search(db, "naval facility");
  json_t *best = json_array_get(json_object_get(doc, "results"), 0);
  assert_non_null(best);
  const char *url = json_string_value(
      json_object_get(json_array_get(json_object_get(best, "articles"), 0), "url"));
  const char *base = strrchr(url, '/');
  base = base ? base + 1 : url;
  assert_true(strncmp(base, "000", 3) == 0 || strncmp(base, "001", 3) == 0 ||
              strncmp(base, "002", 3) == 0);
  json_decref(doc);
  td_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_phrases_operators), cmocka_unit_test(test_fts5_syntax_is_literal),
      cmocka_unit_test(test_filters),                 cmocka_unit_test(test_errors),
      cmocka_unit_test(test_expressions_run_in_fts5), cmocka_unit_test(test_search_json),
      cmocka_unit_test(test_entity_filter),
      cmocka_unit_test(test_seeds_naval_facility),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
