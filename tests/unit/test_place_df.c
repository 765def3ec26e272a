/* Unit tests: the SQLite store's document frequencies (store/sqlite_place.c
** df_get / df_add). Inside a transaction the counts are kept in memory and
** written at commit, with the article in flight's counts apart from the
** batch's; these tests hold that to what the table alone would say: an
** article rolled back to its savepoint leaves no count, a released one
** counts, a rolled-back transaction leaves nothing, a committed one is in the
** table for the next connection, and many keys (the memory table grows
** several times) come out as counted one by one outside a transaction. */
#include "testutil.h"

#include "place/place.h"
#include "store/store.h"
#include "tidings.h"
#include "util/alloc.h"

static td_store *open_store(const char *name, int fresh) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
  if (fresh) unlink(path);
  td_store *st = NULL;
  char *err = NULL;
  assert_int_equal(td_store_sqlite.open(path, NULL, &st, &err), TD_OK);
  return st;
}

/* The counts of keys[0..n) and the document count, as the backend gives them. */
static uint64_t counts(td_store *st, const uint64_t *keys, size_t n, uint32_t *df) {
  uint64_t ndocs = 99;
  assert_int_equal(td_sqlite_place.df_get(st, keys, n, df, &ndocs), TD_OK);
  return ndocs;
}

static const uint64_t k[3] = {7, 1ull << 63 | 5, 42};

/* The document count and the counts of k[] are as given (-1: not checked). */
static void expect(td_store *st, uint64_t ndocs, int d0, int d1, int d2) {
  uint32_t df[3];
  assert_int_equal(counts(st, k, 3, df), ndocs);
  int want[3] = {d0, d1, d2};
  for (int i = 0; i < 3; i++)
    if (want[i] >= 0) assert_int_equal(df[i], want[i]);
}

static void savepoints_and_rollbacks(void **state) {
  (void)state;
  td_store *st = open_store("df1.db", 1);
  const td_place_backend *be = &td_sqlite_place;

  /* outside a transaction: straight to the table */
  assert_int_equal(be->df_add(st, k, 1), TD_OK);
  expect(st, 1, 1, 0, -1);

  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  /* an article rolled back to its savepoint counts nothing */
  assert_int_equal(td_store_sqlite.savepoint(st), TD_OK);
  assert_int_equal(be->df_add(st, k, 2), TD_OK);
  expect(st, 2, 2, 1, -1);
  assert_int_equal(td_store_sqlite.rollback_to(st), TD_OK);
  expect(st, 1, 1, 0, -1);
  /* two released articles count */
  assert_int_equal(td_store_sqlite.savepoint(st), TD_OK);
  assert_int_equal(be->df_add(st, k, 2), TD_OK);
  assert_int_equal(td_store_sqlite.release(st), TD_OK);
  assert_int_equal(td_store_sqlite.savepoint(st), TD_OK);
  assert_int_equal(be->df_add(st, k + 1, 2), TD_OK);
  assert_int_equal(td_store_sqlite.release(st), TD_OK);
  expect(st, 3, 2, 2, 1);
  /* the whole transaction rolled back leaves the table as it was */
  assert_int_equal(td_store_sqlite.rollback(st), TD_OK);
  expect(st, 1, 1, 0, 0);

  /* committed counts are in the table for another connection */
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  assert_int_equal(td_store_sqlite.savepoint(st), TD_OK);
  assert_int_equal(be->df_add(st, k, 3), TD_OK);
  assert_int_equal(td_store_sqlite.release(st), TD_OK);
  assert_int_equal(be->df_add(st, k + 2, 1), TD_OK); /* outside a savepoint */
  assert_int_equal(td_store_sqlite.commit(st), TD_OK);
  td_store *other = open_store("df1.db", 0);
  expect(other, 3, 2, 1, 2);
  td_store_sqlite.close(other);
  /* a transaction left open at close is rolled back, counts and all */
  assert_int_equal(td_store_sqlite.begin(st), TD_OK);
  assert_int_equal(be->df_add(st, k, 3), TD_OK);
  td_store_sqlite.close(st);
  st = open_store("df1.db", 0);
  expect(st, 3, 2, -1, -1);
  td_store_sqlite.close(st);
}

/* A pseudo-random key (splitmix64), negative ones included. */
static uint64_t key_at(uint64_t i) {
  uint64_t z = i * 0x9E3779B97F4A7C15ull + 0x1234567ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static void many_keys_as_one_by_one(void **state) {
  (void)state;
  enum { ARTICLES = 60, PER = 400, VOCAB = 12000 };
  td_store *batched = open_store("df2.db", 1), *direct = open_store("df3.db", 1);
  const td_place_backend *be = &td_sqlite_place;
  uint64_t *keys = td_malloc(PER * sizeof *keys);
  assert_non_null(keys);
  assert_int_equal(td_store_sqlite.begin(batched), TD_OK);
  for (uint64_t a = 0; a < ARTICLES; a++) {
    /* common words for every article, and a spread of rarer ones */
    for (uint64_t j = 0; j < PER; j++)
      keys[j] = key_at(j < 50 ? j : 50 + (a * 7919 + j * 104729) % VOCAB);
    /* a key may repeat within one article's list: counted each time */
    assert_int_equal(td_store_sqlite.savepoint(batched), TD_OK);
    assert_int_equal(be->df_add(batched, keys, PER), TD_OK);
    if (a % 10 == 9) { /* every tenth article fails and is undone */
      assert_int_equal(td_store_sqlite.rollback_to(batched), TD_OK);
      continue;
    }
    assert_int_equal(td_store_sqlite.release(batched), TD_OK);
    assert_int_equal(be->df_add(direct, keys, PER), TD_OK);
  }
  /* the same counts, in the transaction and after it */
  uint32_t *d1 = td_malloc((VOCAB + 50) * sizeof *d1), *d2 = td_malloc((VOCAB + 50) * sizeof *d2);
  uint64_t *all = td_malloc((VOCAB + 50) * sizeof *all);
  assert_non_null(d1);
  assert_non_null(d2);
  assert_non_null(all);
  for (uint64_t i = 0; i < VOCAB + 50; i++) all[i] = key_at(i);
  for (int round = 0; round < 2; round++) {
    uint64_t n1 = counts(batched, all, VOCAB + 50, d1), n2 = counts(direct, all, VOCAB + 50, d2);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, ARTICLES - ARTICLES / 10);
    assert_memory_equal(d1, d2, (VOCAB + 50) * sizeof *d1);
    assert_int_equal(d1[0], ARTICLES - ARTICLES / 10);
    if (round == 0) assert_int_equal(td_store_sqlite.commit(batched), TD_OK);
  }
  td_free(d1);
  td_free(d2);
  td_free(all);
  td_free(keys);
  td_store_sqlite.close(batched);
  td_store_sqlite.close(direct);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(savepoints_and_rollbacks),
      cmocka_unit_test(many_keys_as_one_by_one),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
