/*
** test_place_neg.c — what keeps two events of one kind apart in place/: the
** people a headline names (features.h) and negative evidence (place.c: disagree()),
** with fictional reports of our own on the in-memory backend.
*/
#include "testutil.h"

#include "place/features.h"
#include "place/place.h"
#include "text/stem.h"
#include "tidings.h"

#include <stdio.h>

/* A governor's harvest greetings to a mayor, on a given weekday. */
static void greeting(char *buf, size_t cap, const char *mayor, const char *town,
                     const char *weekday) {
  snprintf(buf, cap,
           "Governor Ilse Varga of the Merrow Province sent her harvest greetings to Mayor %s "
           "of %s on %s, her office said.\n\nVarga praised the cooperation between the province "
           "and %s and wished the farmers of the valley a good autumn. The governor sends such "
           "greetings every year.\n\nMayor %s thanked the governor and said %s would keep "
           "working with the province on the new grain road.",
           mayor, town, weekday, town, mayor, town);
}

/* Places a then b (titles ta, tb; dates may be NULL) in a new store; whether
** b joined a's story. */
static int joins(const char *ta, const char *a, const char *da, const char *tb, const char *b,
                 const char *db) {
  td_place_params p;
  td_place_params_default(&p);
  p.use_copies = 0; /* the texts are near-copies on purpose */
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, &p);
  assert_non_null(pl);
  td_place_input ia = {1, ta, a, strlen(a), da, NULL, NULL};
  td_place_input ib = {2, tb, b, strlen(b), db, NULL, NULL};
  td_place_result ra, rb;
  assert_int_equal(td_place_article(pl, &ia, &ra), TD_OK);
  assert_int_equal(td_place_article(pl, &ib, &rb), TD_OK);
  int j = !rb.new_story && rb.story == ra.story;
  td_placer_free(pl);
  td_place_mem_free(m);
  return j;
}

static void test_headline_people(void **state) {
  (void)state;
  char text[1024];
  greeting(text, sizeof text, "Oren Castell", "Colbrook", "Saturday");
  const char *title = "Governor Varga sends harvest greetings to Mayor Castell";
  td_stemmer *st = td_stemmer_new("english");
  assert_non_null(st);
  td_feats f;
  assert_int_equal(td_feats_extract(st, title, strlen(title), text, strlen(text), &f), TD_OK);
  assert_int_equal(f.nheadline, 2);
  uint64_t v = td_feat_name_key("varga", 5), c = td_feat_name_key("castell", 7);
  assert_true((f.headline[0] == v && f.headline[1] == c) ||
              (f.headline[0] == c && f.headline[1] == v));
  td_feats_release(&f);
  /* a curly possessive ends the name; a longer word is not the name */
  static const char *curly = "Mayor Castell\xe2\x80\x99s greetings to the Varganian farmers";
  assert_int_equal(td_feats_extract(st, curly, strlen(curly), text, strlen(text), &f), TD_OK);
  assert_int_equal(f.nheadline, 1);
  assert_true(f.headline[0] == c);
  td_feats_release(&f);
  /* no headline, no headline people */
  assert_int_equal(td_feats_extract(st, NULL, 0, text, strlen(text), &f), TD_OK);
  assert_int_equal(f.nheadline, 0);
  td_feats_release(&f);
  td_stemmer_free(st);
}

/* The same kind of event about someone else: the headline names a person
** the story does not (either way round), while another report of the
** story's event names the story's people in its headline. Undated: two
** reports that name one day for their event are not kept apart. */
static void test_headline_disagrees(void **state) {
  (void)state;
  char castell[1024], castell2[1024], lund[1024];
  greeting(castell, sizeof castell, "Oren Castell", "Colbrook", "Saturday");
  greeting(castell2, sizeof castell2, "Oren Castell", "Colbrook", "Saturday");
  greeting(lund, sizeof lund, "Pia Lund", "Harlow Bay", "Saturday");
  const char *tc = "Governor Varga sends harvest greetings to Mayor Castell";
  const char *tc2 = "Varga greets Castell for the harvest";
  const char *tl = "Governor Varga sends harvest greetings to Mayor Lund";
  const char *d = NULL; /* a day both report would be the one event's */
  assert_true(joins(tc, castell, d, tc2, castell2, d));
  assert_false(joins(tc, castell, d, tl, lund, d));
  assert_false(joins(tl, lund, d, tc, castell, d));
  /* a headline that names nobody: the story's headline people are in the
  ** text, which is what counts */
  assert_true(joins(tc, castell, d, "Harvest greetings from the governor", castell2, d));
  /* without headlines nothing says whom each is about: the words decide */
  assert_true(joins(NULL, castell, d, NULL, lund, d));
}

/* Undated reports of one kind of event that name other weekdays are other
** events, and so are a dated report and an undated one (no time factor can
** weigh them: the weekdays are all they share of time); with publication
** dates on both sides the weekdays resolve and the time factor weighs them
** instead. */
static void test_weekdays_disagree(void **state) {
  (void)state;
  char sat[1024], sat2[1024], thu[1024];
  greeting(sat, sizeof sat, "Oren Castell", "Colbrook", "Saturday");
  greeting(sat2, sizeof sat2, "Oren Castell", "Colbrook", "Saturday");
  greeting(thu, sizeof thu, "Oren Castell", "Colbrook", "Thursday");
  const char *t = "Harvest greetings from the governor";
  assert_true(joins(t, sat, NULL, t, sat2, NULL));
  assert_false(joins(t, sat, NULL, t, thu, NULL));
  assert_true(joins(t, sat, "2023-09-16", t, thu, "2023-09-16"));
  assert_false(joins(t, sat, NULL, t, thu, "2023-09-14"));
  assert_false(joins(t, sat, "2023-09-16", t, thu, NULL));
  assert_true(joins(t, sat, NULL, t, sat2, "2023-09-16"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headline_people),
      cmocka_unit_test(test_headline_disagrees),
      cmocka_unit_test(test_weekdays_disagree),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
