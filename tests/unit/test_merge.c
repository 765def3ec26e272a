/* Unit tests: stories of one article merged into another in the SQLite store
** (place.h merge_singletons, store/sqlite_place.c story_merge, migration 8).
** Two early reports of one fictional ferry accident that do not meet each
** other start two stories; a third report that tells both halves ties them,
** and the second story goes into the first. Its id stays an alias: every
** read of it (story, explain, the backend's story_get, postings, members)
** gives the story it went into, lists never show it, and no new story ever
** takes its id. A store made before migration 8 migrates and then merges. */
#include "testutil.h"

#include "article.h"
#include "place/place.h"
#include "store/store.h"
#include "tidings.h"
#include "util/alloc.h"

#include <jansson.h>
#include <sqlite3.h>

/* Our own sentences: the fictional ferry Marisol off the fictional Olvan. The
** first report tells the capsizing, the second the search; they share few
** words and names, the third tells both. */
static const char EARLY1[] =
    "{\"url\":\"https://tidewater.example/1\",\"source\":\"Tidewater Herald\","
    "\"title\":\"Ferry capsizes off Olvan harbour\",\"date\":\"2031-04-07\",\"text\":"
    "\"The passenger ferry Marisol capsized off Olvan harbour early on Monday with 140 people on "
    "board, the harbour master said.\\n\\nCoastguard boats pulled 96 survivors from the cold "
    "water before noon. The ferry had left Olvan for the island of Pesk at six in the morning and "
    "turned over in heavy swell near the harbour mouth.\\n\\nHarbour master Ilse Brandvik said "
    "the vessel listed sharply before it went over. Relatives gathered at the ferry terminal "
    "waiting for news.\"}\n";
static const char EARLY2[] =
    "{\"url\":\"https://quillgate.example/2\",\"source\":\"Quillgate Daily\","
    "\"title\":\"Divers search for missing in Pesk strait\",\"date\":\"2031-04-07\",\"text\":"
    "\"Navy divers searched the wreck in the Pesk strait through the afternoon for dozens still "
    "missing, Governor Amsel Tarn told reporters.\\n\\nTarn said the search would continue "
    "through the night with floodlights and two navy ships. Hospitals in the province treated "
    "survivors for hypothermia.\\n\\nThe governor ordered all sailings in the strait suspended "
    "and promised an inquiry into how the ship was loaded.\"}\n";
static const char BRIDGE[] =
    "{\"url\":\"https://northwind.example/3\",\"source\":\"Northwind Post\","
    "\"title\":\"Ferry Marisol: divers search for missing after capsizing off Olvan harbour\","
    "\"date\":\"2031-04-08\",\"text\":"
    "\"Navy divers searched the capsized ferry Marisol in the Pesk strait for those still missing "
    "after the vessel turned over off Olvan harbour on Monday with 140 people on board.\\n\\n"
    "Coastguard boats pulled 96 survivors from the water, harbour master Ilse Brandvik said. "
    "Governor Amsel Tarn said the search would continue through the night with floodlights and "
    "navy ships, and ordered all sailings in the strait suspended.\\n\\nRelatives waited at the "
    "ferry terminal in Olvan while hospitals treated survivors for hypothermia.\"}\n";
static const char OTHER[] =
    "{\"url\":\"https://tidewater.example/9\",\"source\":\"Tidewater Herald\","
    "\"title\":\"Orchard growers count frost damage\",\"date\":\"2031-04-20\",\"text\":"
    "\"Apple growers in the Vennmark valley said a late frost had killed most of the blossom on "
    "their trees.\\n\\nThe growers association asked the ministry for help with the cost of "
    "replanting.\"}\n";

static td *open_at(const char *name, int fresh) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  if (fresh) unlink(path);
  td *db = NULL;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  return db;
}

static void ingest(td *db, const char *jsonl) {
  td_ingest_opts o = {0};
  td_ingest_counts n = {0};
  assert_int_equal(td_ingest_buffer(db, jsonl, strlen(jsonl), "feed.jsonl", &o, &n), TD_OK);
  assert_int_equal(n.added, 1);
}

typedef int (*doc_fn)(td *, const char *, char **);
static json_t *doc_of(td *db, doc_fn fn, const char *arg) {
  char *s = NULL;
  assert_int_equal(fn(db, arg, &s), TD_OK);
  json_t *d = json_loads(s, 0, NULL);
  td_free(s);
  assert_non_null(d);
  return d;
}

static long long geti(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

static long long stat_of(td *db, const char *key) {
  char *s;
  assert_int_equal(td_stats_json(db, &s), TD_OK);
  json_t *d = json_loads(s, 0, NULL);
  td_free(s);
  long long v = geti(d, key);
  json_decref(d);
  return v;
}

/* After the bridge: story 1 of three articles, 2 an alias of it; `nstories`
** stories in all. */
static void check_merged(td *db, long long nstories) {
  assert_int_equal(stat_of(db, "stories"), nstories);
  json_t *d = doc_of(db, td_story_json, "2");
  assert_int_equal(geti(d, "id"), 1);
  assert_int_equal(geti(d, "merged_from"), 2);
  assert_int_equal(geti(d, "size"), 3);
  json_decref(d);
  d = doc_of(db, td_story_json, "1");
  assert_int_equal(geti(d, "id"), 1);
  assert_null(json_object_get(d, "merged_from"));
  json_decref(d);
  /* the article first placed in story 2 is in story 1 now */
  d = doc_of(db, td_explain_json, "2");
  assert_int_equal(geti(d, "story"), 1);
  assert_int_equal(geti(d, "merged_from"), 2);
  json_decref(d);
  d = doc_of(db, td_explain_json, "3");
  assert_int_equal(geti(d, "story"), 1);
  assert_int_equal(json_array_size(json_object_get(d, "merged")), 1);
  assert_int_equal(json_integer_value(json_array_get(json_object_get(d, "merged"), 0)), 2);
  json_decref(d);
  /* names and search by the alias's id give story 1's */
  char *n1 = NULL, *n2 = NULL;
  assert_int_equal(td_entities_json(db, 1, &n1), TD_OK);
  assert_int_equal(td_entities_json(db, 2, &n2), TD_OK);
  assert_string_equal(n1, n2);
  assert_non_null(strstr(n1, "Brandvik"));
  td_free(n1);
  td_free(n2);
  assert_int_equal(td_quotes_json(db, 2, NULL, &n2), TD_OK);
  td_free(n2);
  char *hits = NULL;
  assert_int_equal(td_search_json(db, "story:2 divers", 0, 10, &hits), TD_OK);
  d = json_loads(hits, 0, NULL);
  td_free(hits);
  assert_non_null(d);
  json_t *res = json_object_get(d, "results");
  assert_true(json_array_size(res) >= 1);
  assert_int_equal(geti(json_array_get(res, 0), "story"), 1);
  json_decref(d);
  /* lists show story 1 once, never the alias */
  char *s;
  assert_int_equal(td_stories_json(db, &s), TD_OK);
  d = json_loads(s, 0, NULL);
  td_free(s);
  json_t *arr = json_object_get(d, "stories");
  assert_int_equal(json_array_size(arr), nstories);
  assert_int_equal(geti(json_array_get(arr, 0), "id"), 1);
  assert_int_equal(geti(json_array_get(arr, 0), "size"), 3);
  for (size_t i = 0; i < json_array_size(arr); i++)
    assert_int_not_equal(geti(json_array_get(arr, i), "id"), 2);
  json_decref(d);
  assert_int_equal(td_stories_page_json(db, 0, 10, &s), TD_OK);
  d = json_loads(s, 0, NULL);
  td_free(s);
  assert_int_equal(geti(d, "total"), nstories);
  arr = json_object_get(d, "stories");
  assert_int_equal(json_array_size(arr), nstories);
  for (size_t i = 0; i < json_array_size(arr); i++)
    assert_int_not_equal(geti(json_array_get(arr, i), "id"), 2);
  json_decref(d);
}

static void bridge_merges_early_reports(void **state) {
  (void)state;
  td *db = open_at("merge.db", 1);
  ingest(db, EARLY1);
  ingest(db, EARLY2);
  assert_int_equal(stat_of(db, "stories"), 2); /* they do not meet each other */
  ingest(db, BRIDGE);
  check_merged(db, 1);
  /* Story 2 was the newest story: a new one must not take its id. */
  ingest(db, OTHER);
  assert_int_equal(stat_of(db, "stories"), 2);
  json_t *d = doc_of(db, td_story_json, "3");
  assert_int_equal(geti(d, "id"), 3);
  assert_int_equal(geti(d, "size"), 1);
  assert_null(json_object_get(d, "merged_from"));
  json_decref(d);
  d = doc_of(db, td_story_json, "2");
  assert_int_equal(geti(d, "id"), 1);
  json_decref(d);
  char *s = NULL;
  assert_int_equal(td_story_json(db, "4", &s), TD_ENOTFOUND);
  td_close(db);
  /* the alias outlives the process */
  db = open_at("merge.db", 0);
  check_merged(db, 2);
  td_close(db);
}

/* A store made before migration 8 (two stories, no alias table, no pending
** postings) migrates on open and then merges. */
static void older_store_migrates_and_merges(void **state) {
  (void)state;
  td *db = open_at("v7.db", 1);
  ingest(db, EARLY1);
  ingest(db, EARLY2);
  td_close(db);
  char path[256];
  snprintf(path, sizeof path, "%s/v7.db", tu_tmpdir());
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  /* as version 7 kept it: no alias table, every posting in its table */
  assert_int_equal(sqlite3_exec(raw,
                                "INSERT INTO story_post SELECT * FROM story_post_pending;"
                                "INSERT INTO copy_post SELECT * FROM copy_post_pending;"
                                "DROP TABLE story_post_pending; DROP TABLE copy_post_pending;"
                                "DROP TABLE story_alias; PRAGMA user_version=7;",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(raw);
  db = open_at("v7.db", 0);
  assert_int_equal(stat_of(db, "stories"), 2);
  ingest(db, BRIDGE);
  check_merged(db, 1);
  td_close(db);
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int(s, 0), td_store_sqlite_schema_version());
  sqlite3_finalize(s);
  sqlite3_close(raw);
}

/* ------------------------------------------ the backend's contract alone */

static int64_t add_article(td_store *st, const char *url) {
  td_article a;
  td_article_init(&a);
  a.url = td_strdup(url);
  a.text = td_strdup("Some text.");
  assert_int_equal(td_store_sqlite.article_insert(st, &a, (uint64_t)(uintptr_t)url, 0), TD_OK);
  int64_t id = a.id;
  td_article_release(&a);
  return id;
}

static int64_t add_story(td_store *st, int64_t article, uint64_t key) {
  const td_place_backend *be = &td_sqlite_place;
  uint64_t k[1] = {key};
  float w[1] = {1};
  td_place_story s = {0};
  s.first = article;
  s.narticles = 1;
  s.terms = (td_place_vec){k, w, 1};
  s.names = (td_place_vec){k, w, 0};
  assert_int_equal(be->story_put(st, &s), TD_OK);
  td_place_art a = {0};
  a.id = article;
  a.story = s.id;
  a.day = TD_PLACE_NODATE;
  assert_int_equal(be->art_put(st, &a, 0, 0), TD_OK);
  assert_int_equal(be->story_post(st, key, s.id), TD_OK);
  return s.id;
}

static int count_member(void *arg, const td_place_member *m) {
  int64_t *v = arg;
  v[0]++;
  v[1] = m->story;
  return 0;
}

static void backend_contract(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof path, "%s/be.db", tu_tmpdir());
  unlink(path);
  td_store *st = NULL;
  char *err = NULL;
  assert_int_equal(td_store_sqlite.open(path, NULL, &st, &err), TD_OK);
  const td_place_backend *be = &td_sqlite_place;
  assert_non_null(be->story_merge);
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  int64_t a1 = add_article(st, "https://x.example/1"), a2 = add_article(st, "https://x.example/2");
  int64_t s1 = add_story(st, a1, 11), s2 = add_story(st, a2, 22);
  assert_int_equal(s1, 1);
  assert_int_equal(s2, 2);
  assert_int_equal(be->story_merge(st, s2, s1), TD_OK);
  /* story_get of the alias gives the story it went into */
  td_place_story got;
  assert_int_equal(be->story_get(st, s2, &got), TD_OK);
  assert_int_equal(got.id, s1);
  td_place_story_release(&got);
  /* its postings stand for it */
  int64_t ids[4];
  size_t n = 0;
  assert_int_equal(be->story_postings(st, 22, ids, 4, &n), TD_OK);
  assert_int_equal(n, 1);
  assert_int_equal(ids[0], s1);
  /* its article moved */
  td_place_art art;
  assert_int_equal(be->art_get(st, a2, &art), TD_OK);
  assert_int_equal(art.story, s1);
  td_free(art.sent);
  int64_t cnt[2] = {0, 0};
  assert_int_equal(be->members(st, s2, count_member, cnt), TD_OK);
  assert_int_equal(cnt[0], 2);
  assert_int_equal(cnt[1], s1);
  /* an alias cannot be merged again, nor a story into itself */
  assert_int_equal(be->story_merge(st, s2, s1), TD_EINTERNAL);
  assert_int_equal(be->story_merge(st, s1, s2), TD_EINTERNAL);
  /* the next story's id is above the alias */
  int64_t a3 = add_article(st, "https://x.example/3");
  assert_int_equal(add_story(st, a3, 33), 3);
  td_store_stats ss;
  assert_int_equal(td_store_sqlite.stats(st, &ss), TD_OK);
  assert_int_equal(ss.stories, 2);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  td_store_sqlite.close(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bridge_merges_early_reports),
      cmocka_unit_test(older_store_migrates_and_merges),
      cmocka_unit_test(backend_contract),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
