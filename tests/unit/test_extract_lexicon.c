/* Unit tests: extract/cues.c — the word lists are sorted (lookups bisect)
** and fold case; the classes answer as the attribution rules expect. */
#include "testutil.h"

#include "extract/lexicon.h"

int td_lex_selfcheck(void); /* cues.c, for this test */

static void test_sorted(void **state) {
  (void)state;
  assert_int_equal(td_lex_selfcheck(), 0);
}

static void test_classes(void **state) {
  (void)state;
  assert_true(td_lex_cue("said", 4) & TD_CUE_VERB);
  assert_true(td_lex_cue("SAID", 4) & TD_CUE_VERB);
  assert_true(td_lex_cue("adding", 6) & TD_CUE_ING);
  assert_true(td_lex_cue("statement", 9) & TD_CUE_NOUN);
  assert_int_equal(td_lex_cue("table", 5), 0);
  /* Manner of speaking, every form; nouns that are verbs only where the
  ** form is a verb's. */
  assert_true(td_lex_cue("quipped", 7) & TD_CUE_VERB);
  assert_true(td_lex_cue("demurred", 8) & TD_CUE_VERB);
  assert_true(td_lex_cue("agreeing", 8) & TD_CUE_ING);
  assert_true(td_lex_cue("mutters", 7) & TD_CUE_VERB);
  assert_true(td_lex_cue("answered", 8) & TD_CUE_VERB);
  assert_false(td_lex_cue("answer", 6) & TD_CUE_VERB);
  assert_false(td_lex_cue("report", 6) & TD_CUE_VERB);
  assert_int_equal(td_lex_pronoun("She", 3), 'f');
  assert_int_equal(td_lex_honorific("Mr", 2), 'm');
  assert_true(td_lex_office("President", 9));
  assert_true(td_lex_orgword("Kremlin", 7));
  assert_true(td_lex_stopword("it\xE2\x80\x99s", 6)); /* curly apostrophe folds */
  assert_int_equal(td_lex_month("Sept", 4), 9);
  assert_int_equal(td_lex_weekday("saturday", 8), 6);
  char b[4];
  assert_int_equal(td_lex_lower("toolong", 7, b, sizeof b), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_sorted), cmocka_unit_test(test_classes)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
