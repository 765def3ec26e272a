/* Unit tests: util/isodate.c — publication dates in the forms feeds write. */
#include "testutil.h"

#include "util/isodate.h"

static void check(const char *in, const char *want) {
  char out[21];
  int rc = td_isodate_parse(in, strlen(in), out);
  if (!want) {
    if (rc == 0) fail_msg("\"%s\" parsed as %s, expected a failure", in, out);
    return;
  }
  if (rc != 0) fail_msg("\"%s\" did not parse", in);
  assert_string_equal(out, want);
}

static void iso_forms(void **state) {
  (void)state;
  check("2024-12-31", "2024-12-31");
  check(" 2024-12-31\n", "2024-12-31");
  check("2024/01/05", "2024-01-05");
  check("20241231", "2024-12-31");
  check("2024-12-31T10:00:00Z", "2024-12-31T10:00:00Z");
  check("2024-12-31T10:00:00.123Z", "2024-12-31T10:00:00Z");
  check("2024-12-31T23:30:00-02:00", "2025-01-01T01:30:00Z");
  check("2025-01-01T01:00:00+03:00", "2024-12-31T22:00:00Z");
  check("2024-12-31 10:00:00", "2024-12-31T10:00:00Z");
  check("2024-02-29", "2024-02-29");
}

static void prose_forms(void **state) {
  (void)state;
  check("Tue, 31 Dec 2024 10:00:00 GMT", "2024-12-31T10:00:00Z");
  check("Tue, 31 Dec 2024 10:00:00 +0100", "2024-12-31T09:00:00Z");
  check("December 31, 2024", "2024-12-31");
  check("Dec. 31, 2024", "2024-12-31");
  check("31 December 2024", "2024-12-31");
  check("March 3rd, 2021", "2021-03-03");
}

static void rejects(void **state) {
  (void)state;
  check("", NULL);
  check("yesterday", NULL);
  check("2023-02-29", NULL);
  check("2024-13-01", NULL);
  check("2024-12-31T25:00", NULL);
  check("2024-12-31 trailing words", NULL);
  check("12345", NULL);
  check("Smarch 3, 2020", NULL);
}

static void days(void **state) {
  (void)state;
  int64_t d;
  assert_int_equal(td_isodate_days("1970-01-01", &d), 0);
  assert_int_equal(d, 0);
  assert_int_equal(td_isodate_days("2024-12-31T10:00:00Z", &d), 0);
  assert_int_equal(d, td_days_from_civil(2024, 12, 31));
  assert_int_equal(td_days_from_civil(2000, 3, 1) - td_days_from_civil(2000, 2, 28), 2);
  assert_int_equal(td_isodate_days("nope", &d), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(iso_forms),
      cmocka_unit_test(prose_forms),
      cmocka_unit_test(rejects),
      cmocka_unit_test(days),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
