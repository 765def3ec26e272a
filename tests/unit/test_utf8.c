/* Unit tests: text/utf8.c — validation, repair, NFC, fold, decode. */
#include "testutil.h"

#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <utf8proc.h>

#define S(lit) (lit), (sizeof(lit) - 1)

static void check_invalid(const char *s, size_t len, size_t want_off) {
  size_t off = (size_t)-1;
  assert_int_equal(td_utf8_valid(s, len, &off), 0);
  assert_int_equal(off, want_off);
  assert_int_equal(td_utf8_valid(s, len, NULL), 0);
}

static void valid_text(void **state) {
  (void)state;
  assert_int_equal(td_utf8_valid(S(""), NULL), 1);
  assert_int_equal(td_utf8_valid(NULL, 0, NULL), 1);
  assert_int_equal(td_utf8_valid(S("plain ASCII, long enough for the word loop."), NULL), 1);
  assert_int_equal(td_utf8_valid(S("Путин, Ελλάδα, 港口, مرحبا, हिन्दी"), NULL), 1);
  assert_int_equal(td_utf8_valid(S("\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xef\xbf\xbf"), NULL), 1);
  assert_int_equal(td_utf8_valid(S("\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf"), NULL),
                   1); /* U+10000, U+10FFFF */
  assert_int_equal(td_utf8_valid(S("\xed\x9f\xbf \xee\x80\x80"), NULL),
                   1); /* around the surrogates */
}

static void invalid_text(void **state) {
  (void)state;
  check_invalid(S("ab\xc0\x80"), 2);              /* overlong NUL */
  check_invalid(S("\xc1\xbf"), 0);                /* overlong 2-byte */
  check_invalid(S("xyz\xe0\x80\xaf"), 3);         /* overlong 3-byte '/' */
  check_invalid(S("\xf0\x80\x80\xaf"), 0);        /* overlong 4-byte */
  check_invalid(S("surrogate \xed\xa0\x80"), 10); /* U+D800 */
  check_invalid(S("\xed\xbf\xbf"), 0);            /* U+DFFF */
  check_invalid(S("\xf4\x90\x80\x80"), 0);        /* above U+10FFFF */
  check_invalid(S("\xf5\x80\x80\x80"), 0);
  check_invalid(S("\xff"), 0);
  check_invalid(S("ok \x80"), 3);            /* stray continuation */
  check_invalid(S("euro \xe2\x82"), 5);      /* truncated at the end */
  check_invalid(S("euro \xe2\x82 sign"), 5); /* truncated in the middle */
  check_invalid(S("\xf0\x9f\x98"), 0);       /* truncated emoji */
  check_invalid("nul\0inside", 10, 3);       /* NUL */
  /* The first bad byte after a long valid ASCII run (word-at-a-time path). */
  char buf[100];
  memset(buf, 'a', sizeof buf);
  buf[77] = (char)0xfe;
  check_invalid(buf, sizeof buf, 77);
  buf[77] = 'a';
  buf[40] = '\0';
  check_invalid(buf, sizeof buf, 40);
}

static void decode(void **state) {
  (void)state;
  int32_t cp;
  assert_int_equal(td_utf8_decode(S("A"), &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(td_utf8_decode(S("\xc3\xa9"), &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(td_utf8_decode(S("\xe2\x82\xac"), &cp), 3);
  assert_int_equal(cp, 0x20AC);
  assert_int_equal(td_utf8_decode(S("\xf0\x9f\x98\x80"), &cp), 4);
  assert_int_equal(cp, 0x1F600);
  assert_int_equal(td_utf8_decode(S("\xe2\x82"), &cp), -1);
  assert_int_equal(cp, 0xFFFD);
  assert_int_equal(td_utf8_decode(S("\xed\xa0\x80"), &cp), -1);
  assert_int_equal(td_utf8_decode(S("\xc0\xaf"), &cp), -1);
  assert_int_equal(td_utf8_decode("", 0, &cp), -1);
  /* The length bounds the read: a valid sequence cut short by len is invalid. */
  assert_int_equal(td_utf8_decode("\xe2\x82\xac", 2, &cp), -1);
}

static void repair_one(const char *s, size_t len, const char *want, size_t want_bad) {
  size_t outlen = 0, nbad = 99;
  char *r = td_utf8_repair(s, len, &outlen, &nbad);
  assert_non_null(r);
  assert_string_equal(r, want);
  assert_int_equal(outlen, strlen(want));
  assert_int_equal(nbad, want_bad);
  assert_int_equal(td_utf8_valid(r, outlen, NULL), 1);
  td_free(r);
}

#define FFFD "\xef\xbf\xbd"

static void repair(void **state) {
  (void)state;
  repair_one(S("clean text"), "clean text", 0);
  repair_one(S(""), "", 0);
  /* One U+FFFD per maximal subpart (Unicode 3.9, "best practice"). */
  repair_one(S("a\xe2\x82"
               "b"),
             "a" FFFD "b", 1);
  repair_one(S("\xf0\x80\x80\x80"), FFFD FFFD FFFD FFFD, 4);
  repair_one(S("\xed\xa0\x80"), FFFD FFFD FFFD, 3);
  repair_one(S("\xc0\xaf"), FFFD FFFD, 2);
  repair_one(S("\xf0\x9f\x98"), FFFD, 1);
  repair_one(S("x\xff\xfey"), "x" FFFD FFFD "y", 2);
  repair_one("a\0b", 3, "a" FFFD "b", 1);
  repair_one(S("caf\xc3\xa9 \x80 na\xc3\xafve"), "caf\xc3\xa9 " FFFD " na\xc3\xafve", 1);
  size_t outlen;
  char *r = td_utf8_repair(S("\xff"), &outlen, NULL); /* nbad may be NULL */
  assert_string_equal(r, FFFD);
  td_free(r);
}

static char *nfc(const char *s, size_t len) {
  size_t n;
  char *r = td_utf8_nfc(s, len, &n);
  if (r) assert_int_equal(n, strlen(r));
  return r;
}

static char *fold(const char *s, size_t len) {
  size_t n;
  char *r = td_utf8_fold(s, len, &n);
  if (r) assert_int_equal(n, strlen(r));
  return r;
}

#define ASSERT_NFC(in, want)                                                                       \
  do {                                                                                             \
    char *r_ = nfc(S(in));                                                                         \
    assert_non_null(r_);                                                                           \
    assert_string_equal(r_, want);                                                                 \
    td_free(r_);                                                                                   \
  } while (0)
#define ASSERT_FOLD(in, want)                                                                      \
  do {                                                                                             \
    char *r_ = fold(S(in));                                                                        \
    assert_non_null(r_);                                                                           \
    assert_string_equal(r_, want);                                                                 \
    td_free(r_);                                                                                   \
  } while (0)

static void normalise_nfc(void **state) {
  (void)state;
  ASSERT_NFC("", "");
  ASSERT_NFC("plain", "plain");
  ASSERT_NFC("e\xcc\x81", "\xc3\xa9");                                /* e + acute → é */
  ASSERT_NFC("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "\xed\x95\x9c"); /* Hangul jamo → 한 */
  ASSERT_NFC("\xef\xac\x81", "\xef\xac\x81"); /* NFC keeps the ﬁ ligature */
  ASSERT_NFC("“Curly”", "“Curly”");           /* and the quotes shown to users */
  ASSERT_NFC("Ἀθῆναι", "Ἀθῆναι");
  assert_null(nfc(S("bad \xff")));
  assert_null(nfc("nul\0", 4));
}

static void normalise_fold(void **state) {
  (void)state;
  ASSERT_FOLD("", "");
  ASSERT_FOLD("Straße", "strasse");
  ASSERT_FOLD("\xef\xac\x81nal", "final");           /* ligature */
  ASSERT_FOLD("\xef\xbc\xa6\xef\xbd\x95ll", "full"); /* fullwidth */
  ASSERT_FOLD("E\xcc\x81T\xc3\x89", "\xc3\xa9t\xc3\xa9");
  ASSERT_FOLD("‘Don’t’ “say” „so“ «non» ‹oui›", "'don't' \"say\" \"so\" \"non\" 'oui'");
  ASSERT_FOLD("well‐known – 1990—2000 − 5", "well-known - 1990-2000 - 5");
  ASSERT_FOLD("soft\xc2\xadhyphen zero\xe2\x80\x8bwidth", "softhyphen zerowidth");
  ASSERT_FOLD("ΣΟΦΙΑ Путин", "σοφια путин");
  ASSERT_FOLD("港口 مرحبا", "港口 مرحبا");
  ASSERT_FOLD("x²", "x2");
  assert_null(fold(S("\xed\xa0\x80")));
}

/* Inputs longer than one chunk, with combining marks and non-ASCII runs
** around every chunk boundary, give what utf8proc gives on the whole. */
static void chunking(void **state) {
  (void)state;
  size_t len = 300000, o = 0;
  char *s = malloc(1000008);
  assert_non_null(s);
  static const char *const pieces[] = {
      "e\xcc\x81", "A",        "\xcc\xa3\xcc\x81", " ", "\xe1\x84\x92", "\xe1\x85\xa1",
      "\xc3\xb6",  "\xc3\x9f", "\xef\xac\x81",     "Z"};
  unsigned x = 12345;
  while (o < len) {
    x = x * 1103515245u + 12345u;
    const char *p = pieces[(x >> 16) % 10];
    memcpy(s + o, p, strlen(p));
    o += strlen(p);
  }
  s[o] = '\0';
  utf8proc_uint8_t *want = NULL;
  utf8proc_ssize_t wn = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)o, &want,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  assert_true(wn >= 0);
  size_t n;
  char *got = td_utf8_nfc(s, o, &n);
  assert_non_null(got);
  assert_int_equal(n, (size_t)wn);
  assert_memory_equal(got, want, n);
  td_free(got);
  free(want);
  wn = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)o, &want,
                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                        UTF8PROC_IGNORE);
  assert_true(wn >= 0);
  got = td_utf8_fold(s, o, &n);
  assert_non_null(got);
  assert_int_equal(n, (size_t)wn);
  assert_memory_equal(got, want, n);
  td_free(got);
  free(want);
  /* A 1 MB run without a single ASCII byte is one chunk, and still right. */
  o = 0;
  for (o = 0; o + 3 <= 1000000; o += 3)
    memcpy(s + o, "\xe6\xb8\xaf", 3); /* 港 */
  got = td_utf8_fold(s, o, &n);
  assert_non_null(got);
  assert_int_equal(n, o);
  td_free(got);
  free(s);
}

/* Every allocation failure is reported as NULL, never a crash or a leak. */
static void out_of_memory(void **state) {
  (void)state;
  static const char bad[] = "caf\xc3\xa9 \xff bad";
  static const char good[] = "Cafe\xcc\x81 “quoted”";
  for (long i = 0; i < 8; i++) {
    size_t n;
    td_alloc_fail_after(i);
    char *a = td_utf8_repair(S(bad), &n, NULL);
    td_alloc_fail_after(i);
    char *b = td_utf8_nfc(S(good), &n);
    td_alloc_fail_after(i);
    char *c = td_utf8_fold(S(good), &n);
    td_alloc_fail_after(-1);
    td_free(a);
    td_free(b);
    td_free(c);
  }
  td_alloc_fail_after(0);
  size_t n;
  assert_null(td_utf8_repair(S("ok"), &n, NULL));
  assert_null(td_utf8_fold(S("ok"), &n));
  td_alloc_fail_after(-1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(valid_text),    cmocka_unit_test(invalid_text),
      cmocka_unit_test(decode),        cmocka_unit_test(repair),
      cmocka_unit_test(normalise_nfc), cmocka_unit_test(normalise_fold),
      cmocka_unit_test(chunking),      cmocka_unit_test(out_of_memory),
  };
  return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
