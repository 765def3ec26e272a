/* Unit tests: util/buf.c and util/alloc.c. */
#include "testutil.h"

#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

static void append_and_detach(void **state) {
  (void)state;
  td_buf b = TD_BUF_INIT;
  assert_int_equal(td_buf_puts(&b, "hello"), 0);
  assert_int_equal(td_buf_putc(&b, ' '), 0);
  assert_int_equal(td_buf_printf(&b, "%d %s", 42, "world"), 0);
  assert_string_equal(b.ptr, "hello 42 world");
  assert_int_equal(b.len, 14);
  char *s = td_buf_detach(&b);
  assert_string_equal(s, "hello 42 world");
  assert_null(b.ptr);
  td_free(s);
  char *e = td_buf_detach(&b);
  assert_string_equal(e, "");
  td_free(e);
}

static void long_printf(void **state) {
  (void)state;
  td_buf b = TD_BUF_INIT;
  char big[1000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = 0;
  assert_int_equal(td_buf_printf(&b, "<%s>", big), 0);
  assert_int_equal(b.len, 1001);
  assert_int_equal(b.ptr[1000], '>');
  td_buf_release(&b);
}

static void cap_is_hard(void **state) {
  (void)state;
  td_buf b;
  td_buf_init(&b, 10);
  assert_int_equal(td_buf_puts(&b, "0123456789"), 0);
  assert_int_equal(td_buf_putc(&b, 'x'), -1);
  assert_string_equal(b.ptr, "0123456789"); /* unchanged on failure */
  td_buf_clear(&b);
  assert_int_equal(b.len, 0);
  td_buf_release(&b);
}

static void injected_failure(void **state) {
  (void)state;
  td_alloc_fail_after(0);
  assert_null(td_malloc(10));
  assert_null(td_strdup("x"));
  td_buf b = TD_BUF_INIT;
  assert_int_equal(td_buf_puts(&b, "abc"), -1);
  td_alloc_fail_after(-1);
  char *p = td_strdup("ok");
  assert_string_equal(p, "ok");
  td_free(p);
  td_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(append_and_detach),
      cmocka_unit_test(long_printf),
      cmocka_unit_test(cap_is_hard),
      cmocka_unit_test(injected_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
