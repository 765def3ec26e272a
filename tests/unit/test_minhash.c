/*
** test_minhash.c — shingles, MinHash, LSH band keys and containment
** (fingerprint/), on sentences of our own.
*/
#include "testutil.h"

#include "fingerprint/fingerprint.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <math.h>

static const char *para[] = {
    "The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane "
    "collapsed onto a grain barge during the morning shift.",
    "Nobody was hurt, a spokeswoman for the authority said, but two dock workers were taken to "
    "the Merrow infirmary as a precaution after inhaling dust.",
    "Inspectors from the regional safety board arrived in the afternoon and sealed off the crane "
    "while engineers examined the cables and the counterweight.",
    "The barge, the Saltmarsh Lady, was carrying four hundred tonnes of barley bound for the "
    "breweries of the upper valley and will be unloaded by hand.",
    "Traders warned that a closure lasting more than a week would delay the autumn shipments and "
    "push up the price of malt across the province.",
    "The authority said it expected to reopen the quay on Friday if the inspectors found no fault "
    "in the remaining cranes of the northern terminal.",
};

static char *join(size_t from, size_t to, const char *extra) {
  td_buf b = TD_BUF_INIT;
  if (extra) td_buf_printf(&b, "%s\n\n", extra);
  for (size_t i = from; i < to; i++) td_buf_printf(&b, "%s\n\n", para[i]);
  return td_buf_detach(&b);
}

static void test_identical_and_case(void **state) {
  (void)state;
  char *a = join(0, 6, NULL);
  char *b = join(0, 6, NULL);
  for (char *p = b; *p; p++)
    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32); /* SHOUTING: same words */
  td_fingerprint fa, fb;
  assert_int_equal(td_fingerprint_text(a, strlen(a), &fa), TD_OK);
  assert_int_equal(td_fingerprint_text(b, strlen(b), &fb), TD_OK);
  assert_true(td_minhash_jaccard(fa.minhash, fb.minhash) == 1.0);
  assert_memory_equal(fa.bands, fb.bands, sizeof fa.bands);
  assert_int_equal(fa.nsent, 6);
  assert_true(td_fp_sent_containment(fa.sent, fa.nsent, fb.sent, fb.nsent, NULL) == 1.0);
  td_fingerprint_release(&fa);
  td_fingerprint_release(&fb);
  td_free(a);
  td_free(b);
}

static void test_lead_only_copy(void **state) {
  (void)state;
  char *full = join(0, 6, NULL), *lead = join(0, 2, "Advertisement");
  td_fingerprint ff, fl;
  assert_int_equal(td_fingerprint_text(full, strlen(full), &ff), TD_OK);
  assert_int_equal(td_fingerprint_text(lead, strlen(lead), &fl), TD_OK);
  double j = td_minhash_jaccard(ff.minhash, fl.minhash);
  assert_true(j < 0.5); /* Jaccard alone misses it ... */
  uint32_t common;
  double c = td_fp_sent_containment(fl.sent, fl.nsent, ff.sent, ff.nsent, &common);
  assert_int_equal(common, 2); /* ... its sentences are all in the full text */
  assert_true(c == 1.0);
  /* the MinHash containment estimate agrees roughly with the exact one */
  uint64_t *sf, *sl;
  size_t nf = td_fp_shingles(full, strlen(full), &sf), nl = td_fp_shingles(lead, strlen(lead), &sl);
  double exact = td_fp_jaccard(sf, nf, sl, nl);
  assert_true(fabs(exact - j) < 0.12);
  assert_true(td_minhash_containment(exact, (uint32_t)nl, (uint32_t)nf) > 0.9);
  td_free(sf);
  td_free(sl);
  td_fingerprint_release(&ff);
  td_fingerprint_release(&fl);
  td_free(full);
  td_free(lead);
}

static void test_different_texts(void **state) {
  (void)state;
  char *a = join(0, 3, NULL), *b = join(3, 6, NULL);
  td_fingerprint fa, fb;
  assert_int_equal(td_fingerprint_text(a, strlen(a), &fa), TD_OK);
  assert_int_equal(td_fingerprint_text(b, strlen(b), &fb), TD_OK);
  assert_true(td_minhash_jaccard(fa.minhash, fb.minhash) < 0.1);
  int shared = 0;
  for (int i = 0; i < TD_FP_BANDS; i++) shared += fa.bands[i] == fb.bands[i];
  assert_int_equal(shared, 0);
  assert_true(td_fp_sent_containment(fa.sent, fa.nsent, fb.sent, fb.nsent, NULL) == 0);
  td_fingerprint_release(&fa);
  td_fingerprint_release(&fb);
  td_free(a);
  td_free(b);
}

static void test_tiny_and_bad_input(void **state) {
  (void)state;
  td_fingerprint f;
  assert_int_equal(td_fingerprint_text("", 0, &f), TD_OK);
  assert_int_equal(f.nshingles, 0);
  td_fingerprint_release(&f);
  assert_int_equal(td_fingerprint_text("two words", 9, &f), TD_OK);
  assert_int_equal(f.nshingles, 1);
  td_fingerprint_release(&f);
  static const char bad[] = "caf\xc3 \xff\xfe ol\xe9 words words words words words";
  assert_int_equal(td_fingerprint_text(bad, sizeof bad - 1, &f), TD_OK);
  td_fingerprint_release(&f);
  td_fingerprint_release(NULL);
}

static void test_oom(void **state) {
  (void)state;
  char *a = join(0, 6, NULL);
  for (long n = 0; n < 200; n++) {
    td_fingerprint f;
    td_alloc_fail_after(n);
    int rc = td_fingerprint_text(a, strlen(a), &f);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    td_fingerprint_release(&f);
    if (rc == TD_OK) break;
  }
  td_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_identical_and_case), cmocka_unit_test(test_lead_only_copy),
      cmocka_unit_test(test_different_texts), cmocka_unit_test(test_tiny_and_bad_input),
      cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
