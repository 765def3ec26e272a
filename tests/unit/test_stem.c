/* Unit tests: text/stem.c — Snowball stemming through libstemmer. */
#include "testutil.h"

#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"

#include <libstemmer.h>

static void expect_stem(td_stemmer *st, const char *word, const char *want) {
  size_t n = 99;
  const char *r = td_stem(st, word, strlen(word), &n);
  assert_non_null(r);
  assert_int_equal(n, strlen(want));
  assert_memory_equal(r, want, n);
}

static void english(void **state) {
  (void)state;
  td_stemmer *st = td_stemmer_new(NULL); /* NULL (and "") mean English */
  assert_non_null(st);
  expect_stem(st, "running", "run");
  expect_stem(st, "warned", "warn");
  expect_stem(st, "warning", "warn");
  expect_stem(st, "cooperation", "cooper");
  expect_stem(st, "leaders", "leader");
  expect_stem(st, "", "");
  /* One stemmer, many words: each result is valid until the next call. */
  for (int i = 0; i < 10000; i++)
    expect_stem(st, i % 2 ? "elections" : "relations", i % 2 ? "elect" : "relat");
  td_stemmer_free(st);
}

static void language_names(void **state) {
  (void)state;
  static const char *const ok[] = {"english", "en",      "EN",    "en-GB",  "en_US",
                                   "eng",     "English", "de",    "german", "ru",
                                   "el",      "ar",      "fr-CA", "pt_BR",  NULL};
  for (int i = 0; ok[i]; i++) {
    td_stemmer *st = td_stemmer_new(ok[i]);
    assert_non_null(st);
    td_stemmer_free(st);
  }
  static const char *const bad[] = {"-", "xx", "klingon", "zh", "averyveryverylonglanguagename",
                                    NULL};
  for (int i = 0; bad[i]; i++)
    assert_null(td_stemmer_new(bad[i]));
  td_stemmer_free(NULL);
}

static void other_languages(void **state) {
  (void)state;
  td_stemmer *de = td_stemmer_new("de");
  expect_stem(de, "häuser", "haus");
  td_stemmer_free(de);
  td_stemmer *ru = td_stemmer_new("ru");
  expect_stem(ru, "президента", "президент");
  td_stemmer_free(ru);
  td_stemmer *el = td_stemmer_new("el");
  size_t n;
  assert_non_null(td_stem(el, "συνάντηση", strlen("συνάντηση"), &n));
  assert_true(n > 0 && n <= strlen("συνάντηση"));
  td_stemmer_free(el);
}

static void odd_input(void **state) {
  (void)state;
  td_stemmer *st = td_stemmer_new("en");
  size_t n;
  /* Invalid UTF-8 and embedded NULs must not crash; length is honoured. */
  assert_non_null(td_stem(st, "\xff\xfe\xed\xa0\x80", 5, &n));
  assert_non_null(td_stem(st, "ab\0cd", 5, &n));
  const char *r = td_stem(st, "runningXXXX", 7, &n);
  assert_non_null(r);
  assert_int_equal(n, 3);
  assert_null(td_stem(NULL, "a", 1, &n));
  assert_null(td_stem(st, NULL, 3, &n));
  td_stemmer_free(st);
}

static void out_of_memory(void **state) {
  (void)state;
  td_alloc_fail_after(0);
  assert_null(td_stemmer_new("en"));
  td_alloc_fail_after(-1);
}

/* The word -> stem cache gives what Snowball gives, whatever evicts what:
** many more words than slots, each stemmed again after others took its
** slot, and words at the cache's length limit and past it. */
static void cache_agrees(void **state) {
  (void)state;
  td_stemmer *st = td_stemmer_new("en");
  struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
  assert_non_null(st);
  assert_non_null(sb);
  static const char *const base[] = {"running", "elections", "relational", "harbourmasters",
                                     "internationalisations", "cooperation", "warned",
                                     "abcdefghijklmnopqrstuvwxyzing"};
  char w[64];
  for (int pass = 0; pass < 3; pass++)
    for (int i = 0; i < 30000; i++) {
      const char *b = base[i % 8];
      size_t n = (size_t)snprintf(w, sizeof w, "%s%s", i % 3 ? "" : "re", b);
      if (i % 5 == 0 && n + 4 < sizeof w) n += (size_t)snprintf(w + n, sizeof w - n, "%d", i % 997);
      for (size_t cut = n; cut >= n - 2 && cut > 0; cut--) { /* 20..30 bytes and shorter */
        const sb_symbol *want = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)cut);
        size_t wl = (size_t)sb_stemmer_length(sb), got = 0;
        const char *r = td_stem(st, w, cut, &got);
        assert_non_null(r);
        assert_int_equal(got, wl);
        assert_memory_equal(r, want, wl);
        assert_int_equal(r[got], '\0');
      }
    }
  sb_stemmer_delete(sb);
  td_stemmer_free(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(english),         cmocka_unit_test(language_names),
      cmocka_unit_test(other_languages), cmocka_unit_test(odd_input),
      cmocka_unit_test(out_of_memory),   cmocka_unit_test(cache_agrees),
  };
  return cmocka_run_group_tests_name("stem", tests, NULL, NULL);
}
