/* Unit tests: extract/date.c — explicit dates, relative ones against the
** publication date, calendar arithmetic, odd input. */
#include "testutil.h"

#include "extract/date.h"
#include "tidings.h"
#include "util/alloc.h"

static td_date one(const char *text, const char *pub, size_t want_n, size_t i) {
  td_date *d = NULL;
  size_t n = 0;
  assert_int_equal(td_dates_extract(text, strlen(text), pub, &d, &n), TD_OK);
  assert_int_equal(n, want_n);
  td_date r;
  memset(&r, 0, sizeof r);
  if (i < n) r = d[i];
  td_free(d);
  return r;
}

static void test_calendar(void **state) {
  (void)state;
  assert_int_equal(td_date_days(1970, 1, 1), 0);
  assert_int_equal(td_date_weekday(2017, 12, 30), 6); /* a Saturday */
  assert_int_equal(td_date_weekday(2024, 2, 29), 4);
  int y, m, d;
  td_date_from_days(td_date_days(2016, 2, 28) + 2, &y, &m, &d);
  assert_true(y == 2016 && m == 3 && d == 1);
}

static void test_explicit(void **state) {
  (void)state;
  td_date d = one("The summit on November 11, 2017 in Danang.", NULL, 1, 0);
  assert_true(d.year == 2017 && d.month == 11 && d.day == 11 && d.prec == TD_DATE_DAY);
  d = one("Signed on 30 December 2017.", NULL, 1, 0);
  assert_true(d.year == 2017 && d.month == 12 && d.day == 30);
  d = one("Filed 2017-12-30 at noon.", NULL, 1, 0);
  assert_true(d.month == 12 && d.day == 30 && !d.relative);
  d = one("He sent a telegram in November 2016.", NULL, 1, 0);
  assert_true(d.year == 2016 && d.month == 11 && d.prec == TD_DATE_MONTH);
  d = one("It intervened in 2015.", NULL, 1, 0);
  assert_true(d.year == 2015 && d.prec == TD_DATE_YEAR);
  one("You may go. We march on.", "2017-12-31", 0, 0); /* verbs, not months */
}

static void test_relative(void **state) {
  (void)state;
  const char *pub = "2017-12-31"; /* a Sunday */
  td_date d = one("Messages were issued on Saturday, the Kremlin said.", pub, 1, 0);
  assert_true(d.year == 2017 && d.month == 12 && d.day == 30 && d.relative);
  d = one("Earlier this month Mr Putin ordered a withdrawal.", pub, 1, 0);
  assert_true(d.year == 2017 && d.month == 12 && d.prec == TD_DATE_MONTH);
  d = one("the election last year", pub, 1, 0);
  assert_true(d.year == 2016 && d.prec == TD_DATE_YEAR);
  d = one("It happened yesterday.", pub, 1, 0);
  assert_true(d.day == 30);
  d = one("He met them three weeks ago... no, 3 weeks ago.", pub, 1, 0);
  assert_true(d.month == 12 && d.day == 10 && d.prec == TD_DATE_WEEK);
  d = one("The vote is on December 5.", "2018-01-03", 1, 0); /* the nearest December */
  assert_true(d.year == 2017 && d.month == 12 && d.day == 5);
  d = one("see you next Monday", pub, 1, 0);
  assert_true(d.year == 2018 && d.month == 1 && d.day == 1);
  one("On Saturday it rained.", NULL, 0, 0); /* no anchor: not resolved */
}

static void test_odd(void **state) {
  (void)state;
  const char *t = "December 99, 0000 \xFF May 2017-13-45 on Saturday 31 31 31";
  td_date *d;
  size_t n;
  assert_int_equal(td_dates_extract(t, strlen(t), "garbage", &d, &n), TD_OK);
  td_free(d);
  for (long k = 0; k < 20; k++) {
    td_alloc_fail_after(k);
    int rc =
        td_dates_extract("on Saturday, November 3, 2016 and last year", 43, "2017-12-31", &d, &n);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    if (rc == TD_OK) td_free(d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_calendar),
      cmocka_unit_test(test_explicit),
      cmocka_unit_test(test_relative),
      cmocka_unit_test(test_odd),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
