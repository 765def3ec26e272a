/*
** test_place_mem.c — the in-memory place backend's hash maps as they grow:
** every key is found with its values just after each doubling and at the
** end; a key shared by several articles keeps them all; an absent key
** stays absent.
*/
#include "testutil.h"

#include "place/place.h"
#include "tidings.h"

/* A key spread over the table, never 0. */
static uint64_t key_of(uint64_t i) { return (i + 1) * 0x9E3779B97F4A7C15ULL; }

static void check_all(td_place_mem *m, uint64_t n) {
  for (uint64_t i = 0; i < n; i++) {
    int64_t ids[4];
    size_t got = 0;
    assert_int_equal(td_place_mem_backend.copy_postings(m, key_of(i), ids, 4, &got), TD_OK);
    assert_int_equal(got, i % 97 == 0 ? 2 : 1);
    int seen = 0;
    for (size_t k = 0; k < got; k++) seen |= ids[k] == (int64_t)i + 1;
    assert_true(seen);
  }
}

static void test_growing_map(void **state) {
  (void)state;
  td_place_mem *m = td_place_mem_new();
  assert_non_null(m);
  const uint64_t n = 50000;
  for (uint64_t i = 0; i < n; i++) {
    assert_int_equal(td_place_mem_backend.copy_post(m, key_of(i), (int64_t)i + 1), TD_OK);
    if (i % 97 == 0) /* a shared key: a second article under it */
      assert_int_equal(td_place_mem_backend.copy_post(m, key_of(i), (int64_t)i + 1000001), TD_OK);
    /* a few insertions after a doubling (at 512, 1024, 4096, 16384 and
    ** 32768 keys) everything must be found */
    if (i == 515 || i == 1030 || i == 4100 || i == 16400 || i == 32800) check_all(m, i + 1);
  }
  check_all(m, n);
  /* absent keys stay absent */
  int64_t id;
  size_t got = 1;
  assert_int_equal(td_place_mem_backend.copy_postings(m, key_of(n + 5), &id, 1, &got), TD_OK);
  assert_int_equal(got, 0);
  td_place_mem_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_growing_map)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
