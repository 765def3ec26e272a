/*
** test_stories_page.c — td_stories_page_json (api/stories_page.c): every
** story of a page is the very object td_stories_json gives for it; pages are
** in reading order (latest article newest first, undated stories last, then
** the newer story) and tile the whole list; total, defaults and bad
** arguments.
*/
#include "testutil.h"

#include "tidings.h"

#include <jansson.h>

/* Four events of our own invention, one told twice, one undated. */
static const char FEED[] =
    "{\"url\":\"https://gull.example/1\",\"source\":\"Gull Herald\",\"title\":\"Lighthouse on Skerra "
    "relit after forty years\",\"date\":\"2031-04-02\",\"text\":\"The lighthouse on the island of Skerra "
    "was relit on Wednesday after forty years of darkness. Volunteers restored the lamp and the "
    "keeper's cottage over three summers.\"}\n"
    "{\"url\":\"https://tern.example/1\",\"source\":\"Tern Daily\",\"title\":\"Skerra lighthouse shines "
    "again\",\"date\":\"2031-04-03\",\"text\":\"Volunteers on Skerra relit the island's lighthouse on "
    "Wednesday, forty years after it went dark. The restoration of the lamp took three summers.\"}\n"
    "{\"url\":\"https://gull.example/2\",\"source\":\"Gull Herald\",\"title\":\"Orchard festival draws "
    "record crowd\",\"date\":\"2031-09-14\",\"text\":\"A record crowd of twelve thousand came to the "
    "orchard festival in Vellby, where growers showed forty kinds of pear.\"}\n"
    "{\"url\":\"https://tern.example/2\",\"source\":\"Tern Daily\",\"title\":\"Chess club wins national "
    "title\",\"date\":\"2030-01-20\",\"text\":\"The chess club of Drammby won the national team title in "
    "a final round that ended after midnight.\"}\n"
    "{\"url\":\"https://tern.example/3\",\"source\":\"Tern Daily\",\"title\":\"Bridge toll to be "
    "scrapped\",\"text\":\"The toll on the Norrvik bridge will be scrapped, the county council decided "
    "after a long debate about road maintenance.\"}\n";

static td *fixture(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/pages.db", tu_tmpdir());
  unlink(path);
  td *db;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  td_ingest_counts n = {0};
  td_ingest_opts o = {.format = TD_FMT_JSONL};
  assert_int_equal(td_ingest_buffer(db, FEED, sizeof FEED - 1, "feed", &o, &n), TD_OK);
  assert_int_equal(n.added, 5);
  return db;
}

static json_t *page(td *db, long long offset, long long limit) {
  char *out = NULL;
  int rc = td_stories_page_json(db, offset, limit, &out);
  if (rc) fail_msg("page %lld+%lld: %s", offset, limit, td_errmsg(db));
  json_t *doc = json_loads(out, 0, NULL);
  td_free(out);
  assert_non_null(doc);
  return doc;
}

static const char *last_date(json_t *s) {
  const char *d = json_string_value(json_object_get(s, "last_date"));
  return d ? d : "";
}

static void test_page_is_the_list_in_reading_order(void **state) {
  td *db = fixture();
  char *out;
  assert_int_equal(td_stories_json(db, &out), TD_OK);
  json_t *all = json_loads(out, 0, NULL);
  td_free(out);
  json_t *list = json_object_get(all, "stories");
  size_t n = json_array_size(list);
  assert_true(n >= 3);

  json_t *doc = page(db, 0, 0);
  assert_int_equal(json_integer_value(json_object_get(doc, "total")), (json_int_t)n);
  assert_int_equal(json_integer_value(json_object_get(doc, "offset")), 0);
  assert_int_equal(json_integer_value(json_object_get(doc, "limit")), 100);
  json_t *stories = json_object_get(doc, "stories");
  assert_int_equal(json_array_size(stories), n);
  size_t i, k;
  json_t *s, *t;
  json_array_foreach(stories, i, s) {
    /* The same object as in the whole list, field for field. */
    json_t *same = NULL;
    json_array_foreach(list, k, t) {
      if (json_equal(json_object_get(t, "id"), json_object_get(s, "id"))) same = t;
    }
    assert_non_null(same);
    if (!json_equal(same, s)) {
      char *a = json_dumps(s, JSON_COMPACT), *b = json_dumps(same, JSON_COMPACT);
      fail_msg("story differs:\n page %s\n list %s", a, b);
    }
    /* Newest latest article first; an undated story after every dated one;
    ** the same date: the newer story first. */
    if (i > 0) {
      json_t *p = json_array_get(stories, i - 1);
      const char *dp = last_date(p), *ds = last_date(s);
      if (*ds) assert_true(*dp && strncmp(dp, ds, 10) >= 0);
      if (*dp && *ds && strncmp(dp, ds, 10) == 0)
        assert_true(json_integer_value(json_object_get(p, "id")) >
                    json_integer_value(json_object_get(s, "id")));
    }
  }
  const char *first = last_date(json_array_get(stories, 0));
  assert_true(strncmp(first, "2031-09-14", 10) == 0);
  assert_string_equal(last_date(json_array_get(stories, n - 1)), ""); /* the undated one */

  /* Pages of two tile the list. */
  for (long long off = 0; off < (long long)n; off += 2) {
    json_t *p = page(db, off, 2);
    json_t *ps = json_object_get(p, "stories");
    assert_int_equal(json_array_size(ps), (size_t)(off + 2 <= (long long)n ? 2 : n - off));
    json_array_foreach(ps, i, s) { assert_true(json_equal(s, json_array_get(stories, off + i))); }
    json_decref(p);
  }
  json_t *past = page(db, 1000, 10);
  assert_int_equal(json_array_size(json_object_get(past, "stories")), 0);
  assert_int_equal(json_integer_value(json_object_get(past, "total")), (json_int_t)n);
  json_decref(past);
  json_t *big = page(db, 0, 5000); /* capped */
  assert_int_equal(json_integer_value(json_object_get(big, "limit")), 1000);
  json_decref(big);

  assert_int_equal(td_stories_page_json(db, -1, 10, &out), TD_EUSAGE);
  assert_null(out);
  assert_true(strlen(td_errmsg(db)) > 0);
  assert_int_equal(td_stories_page_json(db, 0, -5, &out), TD_EUSAGE);
  json_decref(doc);
  json_decref(all);
  td_close(db);
}

static void test_empty_store(void **state) {
  char path[512];
  snprintf(path, sizeof path, "%s/empty.db", tu_tmpdir());
  unlink(path);
  td *db;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  json_t *doc = page(db, 0, 20);
  assert_int_equal(json_array_size(json_object_get(doc, "stories")), 0);
  assert_int_equal(json_integer_value(json_object_get(doc, "total")), 0);
  json_decref(doc);
  td_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page_is_the_list_in_reading_order),
      cmocka_unit_test(test_empty_store),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
