/* Unit tests: the SQLite store's postings (store/sqlite_place.c). New
** postings wait in copy_post_pending and story_post_pending and move into
** copy_post and story_post in key order once they are many
** (td_sqlite_post_merge); a reader sees the same ids for a key, most recent
** first and at most `cap`, wherever the rows are: before the move, after
** it, split across both tables (a story posted again comes first once, not
** twice), and after a rolled-back move. The move happens at a commit that
** finds enough pending rows, and not before. A small store's transaction
** posts straight into the tables while nothing is pending (pending_mode);
** the tests below that are about the pending tables put the transaction in
** that mode by hand (st->post_pending = 1), as a large store would be. */
#include "testutil.h"

#include "place/place.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "tidings.h"
#include "util/alloc.h"

static td_store *open_store(const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  unlink(path);
  td_store *st = NULL;
  char *err = NULL;
  assert_int_equal(td_store_sqlite.open(path, NULL, &st, &err), TD_OK);
  return st;
}

static int64_t rows(td_store *st, const char *table) {
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
  sqlite3_stmt *s = NULL;
  assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

/* The postings of key (at most cap) are exactly want[0..nwant). */
static void expect_in(td_store *st, int story, uint64_t key, size_t cap, const int64_t *want,
                      size_t nwant) {
  int64_t ids[16];
  size_t n = 99;
  assert_true(cap <= 16);
  const td_place_backend *be = &td_sqlite_place;
  assert_int_equal((story ? be->story_postings : be->copy_postings)(st, key, ids, cap, &n), TD_OK);
  assert_int_equal(n, nwant);
  for (size_t i = 0; i < n; i++) assert_int_equal(ids[i], want[i]);
}
#define expect_ids(st, key, cap, want, nwant) expect_in(st, 0, key, cap, want, nwant)
#define expect_stories(st, key, cap, want, nwant) expect_in(st, 1, key, cap, want, nwant)

static const uint64_t K1 = 0x8000000000000011ull, K2 = 77;

/* A transaction whose postings go through the pending tables. */
static void begin_pending(td_store *st) {
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  st->post_pending = 1;
}

static void pending_and_moved_read_alike(void **state) {
  (void)state;
  td_store *st = open_store("post1.db");
  const td_place_backend *be = &td_sqlite_place;
  const int64_t all[] = {9, 7, 5, 3, 1};
  begin_pending(st);
  for (int64_t a = 1; a <= 5; a += 2) {
    uint64_t keys[2] = {K1, K2};
    assert_int_equal(be->copy_post_many(st, keys, 2, a), TD_OK);
  }
  expect_ids(st, K1, 8, all + 2, 3);
  /* moved: read the same */
  assert_int_equal(td_sqlite_post_merge(st, 1), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), 0);
  expect_ids(st, K1, 8, all + 2, 3);
  /* newer ones pending, older ones moved: one list, most recent first, cut at cap */
  assert_int_equal(be->copy_post(st, K1, 7), TD_OK);
  assert_int_equal(be->copy_post(st, K1, 9), TD_OK);
  expect_ids(st, K1, 8, all, 5);
  expect_ids(st, K1, 2, all, 2);
  expect_ids(st, K1, 4, all, 4);
  /* a posting in both tables is read once */
  assert_int_equal(be->copy_post(st, K1, 3), TD_OK);
  expect_ids(st, K1, 8, all, 5);
  expect_ids(st, K2, 8, all + 2, 3);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  expect_ids(st, K1, 8, all, 5);

  /* a move in a transaction that is rolled back leaves the rows pending */
  int64_t pending = rows(st, "copy_post_pending"), moved = rows(st, "copy_post");
  assert_true(pending > 0);
  begin_pending(st);
  assert_int_equal(td_sqlite_post_merge(st, 1), TD_OK);
  assert_int_equal(td_store_sqlite.rollback(st), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), pending);
  assert_int_equal(rows(st, "copy_post"), moved);
  expect_ids(st, K1, 8, all, 5);
  td_store_sqlite.close(st);
}

/* Story postings come most recently posted first; posting a story again
** brings it to the front, whether its older posting was moved or not. */
static void story_postings_across_tables(void **state) {
  (void)state;
  td_store *st = open_store("post3.db");
  const td_place_backend *be = &td_sqlite_place;
  uint64_t keys[2] = {K1, K2};
  begin_pending(st);
  for (int64_t story = 1; story <= 4; story++)
    assert_int_equal(be->story_post_many(st, keys, 2, story), TD_OK);
  const int64_t a[] = {4, 3, 2, 1};
  expect_stories(st, K1, 8, a, 4);
  assert_int_equal(td_sqlite_post_merge(st, 1), TD_OK);
  assert_int_equal(rows(st, "story_post_pending"), 0);
  expect_stories(st, K1, 8, a, 4);
  expect_stories(st, K1, 2, a, 2);
  /* 2 posted again (pending, shadowing its moved posting), then 5 (new) */
  assert_int_equal(be->story_post(st, K1, 2), TD_OK);
  assert_int_equal(be->story_post_many(st, keys, 1, 5), TD_OK);
  const int64_t b[] = {5, 2, 4, 3, 1};
  expect_stories(st, K1, 8, b, 5);
  expect_stories(st, K1, 3, b, 3);
  expect_stories(st, K2, 8, a, 4);
  /* 3 posted again, then everything moved: the same order */
  assert_int_equal(be->story_post(st, K1, 3), TD_OK);
  const int64_t c[] = {3, 5, 2, 4, 1};
  expect_stories(st, K1, 8, c, 5);
  expect_stories(st, K1, 1, c, 1);
  assert_int_equal(td_sqlite_post_merge(st, 1), TD_OK);
  assert_int_equal(rows(st, "story_post"), 5 + 4);
  expect_stories(st, K1, 8, c, 5);
  /* and posted once more after the move: still behind the newest */
  assert_int_equal(be->story_post(st, K1, 4), TD_OK);
  const int64_t d[] = {4, 3, 5, 2, 1};
  expect_stories(st, K1, 8, d, 5);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  expect_stories(st, K1, 8, d, 5);
  td_store_sqlite.close(st);
}

/* A commit moves the pending rows once there are 2^15 of them (the floor
** for a store that has placed few articles), and not before. */
static void commit_moves_when_grown(void **state) {
  (void)state;
  enum { FLOOR = 1 << 15 };
  td_store *st = open_store("post2.db");
  uint64_t *keys = td_malloc(FLOOR * sizeof *keys);
  assert_non_null(keys);
  for (uint64_t i = 0; i < FLOOR; i++) keys[i] = i * 0x9E3779B97F4A7C15ull;
  begin_pending(st);
  assert_int_equal(td_sqlite_place.copy_post_many(st, keys, FLOOR - 1, 1), TD_OK);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), FLOOR - 1);
  assert_int_equal(rows(st, "copy_post"), 0);
  begin_pending(st);
  assert_int_equal(td_sqlite_place.copy_post(st, keys[FLOOR - 1], 2), TD_OK);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), 0);
  assert_int_equal(rows(st, "copy_post"), FLOOR);
  const int64_t one[] = {1}, two[] = {2};
  expect_ids(st, keys[0], 4, one, 1);
  expect_ids(st, keys[FLOOR - 1], 4, two, 1);
  td_free(keys);
  td_store_sqlite.close(st);
}

/* A small store with nothing pending posts straight into the tables; once
** something is pending (a transaction of a large store left it), the next
** transactions use the pending tables too, until a move empties them. */
static void small_store_posts_directly(void **state) {
  (void)state;
  td_store *st = open_store("post4.db");
  const td_place_backend *be = &td_sqlite_place;
  uint64_t keys[2] = {K1, K2};
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  assert_int_equal(be->copy_post_many(st, keys, 2, 1), TD_OK);
  assert_int_equal(be->story_post_many(st, keys, 2, 1), TD_OK);
  assert_int_equal(st->post_pending, 0);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  assert_int_equal(rows(st, "copy_post") + rows(st, "story_post"), 4);
  assert_int_equal(rows(st, "copy_post_pending") + rows(st, "story_post_pending"), 0);
  begin_pending(st);
  assert_int_equal(be->copy_post_many(st, keys, 2, 2), TD_OK);
  assert_int_equal(be->story_post_many(st, keys, 1, 2), TD_OK);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending") + rows(st, "story_post_pending"), 3);
  /* the next transaction finds them and reads both tables */
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  const int64_t both[] = {2, 1};
  expect_ids(st, K2, 4, both, 2);
  expect_stories(st, K1, 4, both, 2);
  assert_int_equal(st->post_pending, 1);
  assert_int_equal(be->copy_post(st, K1, 3), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), 3);
  assert_int_equal(td_sqlite_post_merge(st, 1), TD_OK);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  /* emptied: straight into the tables again */
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  assert_int_equal(be->copy_post(st, K1, 4), TD_OK);
  assert_int_equal(st->post_pending, 0);
  const int64_t k1[] = {4, 3, 2, 1};
  expect_ids(st, K1, 8, k1, 4);
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  assert_int_equal(rows(st, "copy_post_pending"), 0);
  assert_int_equal(rows(st, "copy_post"), 6);
  td_store_sqlite.close(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pending_and_moved_read_alike),
      cmocka_unit_test(story_postings_across_tables),
      cmocka_unit_test(commit_moves_when_grown),
      cmocka_unit_test(small_store_posts_directly),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
