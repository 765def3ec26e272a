/*
** test_place.c — copies, stories and threads (place/) on the in-memory
** backend, with fictional reports of our own.
*/
#include "testutil.h"

#include "place/place.h"
#include "tidings.h"
#include "util/alloc.h"

/* Two outlets' own accounts of one event, a second event, and the same kind
** of event as the first a year later. */
static const char *crane1 =
    "The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane "
    "collapsed onto a grain barge. Nobody was hurt, said Ilse Varga, a spokeswoman for the "
    "authority.\n\nInspectors from the Merrow safety board sealed off the crane while engineers "
    "examined its cables. The barge, the Saltmarsh Lady, carried barley for the valley "
    "breweries.\n\nTraders warned that a long closure of the quay would delay autumn grain "
    "shipments from Port Merrow.";
static const char *crane2 =
    "A dockside crane toppled onto the grain barge Saltmarsh Lady at Port Merrow on Tuesday, "
    "forcing the harbour authority to shut the northern quay. Spokeswoman Ilse Varga said no one "
    "was injured.\n\nEngineers and inspectors of the Merrow safety board are examining the "
    "crane cables, and barley traders fear delays to grain shipments if the quay stays shut.";
static const char *fire =
    "Firefighters in Colbrook spent the night fighting a blaze at the Hollins vineyard that "
    "destroyed two barns and the pressing house. Owner Tomas Hollin said the harvest had been "
    "saved.\n\nThe Colbrook fire brigade said the fire started in a tractor shed. Police "
    "ruled out arson and the vineyard will reopen its shop next week.";
static const char *crane_next_year =
    "Another crane has fallen at Port Merrow. The tower crane on the northern quay buckled in a "
    "storm on Monday and crashed onto the grain barge Saltmarsh Lady, the harbour authority "
    "said.\n\nIlse Varga, speaking for the authority, said the Merrow safety board would "
    "investigate, a year after the last collapse at the quay.";

typedef struct fixture {
  td_place_mem *m;
  td_placer *pl;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->m = td_place_mem_new();
  f->pl = td_placer_new(&td_place_mem_backend, f->m, NULL);
  *state = f;
  return f->m && f->pl ? 0 : -1;
}

static int teardown(void **state) {
  fixture *f = *state;
  td_placer_free(f->pl);
  td_place_mem_free(f->m);
  free(f);
  return 0;
}

static td_place_result place(fixture *f, int64_t id, const char *title, const char *text,
                             const char *date) {
  td_place_input in = {id, title, text, strlen(text), date, NULL};
  td_place_result r;
  assert_int_equal(td_place_article(f->pl, &in, &r), TD_OK);
  return r;
}

static void test_stories(void **state) {
  fixture *f = *state;
  td_place_result a = place(f, 1, "Crane collapses onto barge at Port Merrow", crane1, "2023-09-12");
  assert_true(a.new_story);
  td_place_result b = place(f, 2, "Port Merrow quay shut after crane falls", crane2, "2023-09-13");
  assert_false(b.new_story);
  assert_int_equal(b.story, a.story); /* stable: the first story keeps its id */
  assert_int_equal(b.copy_of, 0);     /* its own words: not a copy */
  td_place_result c = place(f, 3, "Fire at Hollins vineyard", fire, "2023-09-13");
  assert_true(c.new_story);
  assert_int_not_equal(c.story, a.story);
  /* the same kind of event a year later: another story, same thread */
  td_place_result d = place(f, 4, "Crane collapses at Port Merrow", crane_next_year, "2024-09-16");
  assert_true(d.new_story);
  assert_int_not_equal(d.story, a.story);
  assert_int_equal(d.thread, a.thread);
}

static void test_copies(void **state) {
  fixture *f = *state;
  /* the lead-only copy arrives first; the full text takes over as original */
  const char *cut = strstr(crane1, "\n\nTraders");
  char *lead = td_strndup(crane1, (size_t)(cut - crane1));
  td_place_result a = place(f, 10, "Breaking: crane falls", lead, NULL);
  td_place_result b = place(f, 11, "Crane collapses onto barge at Port Merrow", crane1, NULL);
  assert_int_equal(b.story, a.story);
  assert_int_equal(td_place_mem_copy_of(f->m, 11), 0);
  assert_int_equal(td_place_mem_copy_of(f->m, 10), 11);
  /* a re-headlined reprint with a line added */
  char buf[4096];
  snprintf(buf, sizeof buf, "%s\n\nRead more from our harbour desk every morning.", crane1);
  td_place_result c = place(f, 12, "What we know about the Merrow crane", buf, NULL);
  assert_int_equal(c.copy_of, 11);
  assert_int_equal(c.story, a.story);
  assert_true(c.similarity > 0.7);
  /* another outlet's own account of the same event is not a copy */
  td_place_result d = place(f, 13, NULL, crane2, NULL);
  assert_int_equal(d.copy_of, 0);
  td_free(lead);
}

/* The copies of one text are one group whatever their order: a copy with
** a rewritten paragraph that arrives first starts a group of its own, a
** lead-only copy another, and the full text that holds both joins them. */
static void test_copy_groups_merge(void **state) {
  fixture *f = *state;
  static const char *p[] = {
      "The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane "
      "collapsed onto a grain barge. Nobody was hurt, said Ilse Varga, a spokeswoman for the "
      "authority.",
      "Inspectors from the Merrow safety board sealed off the crane while engineers examined its "
      "cables. The barge, the Saltmarsh Lady, carried barley for the valley breweries.",
      "Traders warned that a long closure of the quay would delay autumn grain shipments from "
      "Port Merrow, where the harvest boats queue from the first week of September.",
      "The crane was forty years old and had been due for replacement next spring, according to "
      "minutes of the port council that the Courier has seen.",
      "Council members will meet on Friday to discuss whether the southern quay can take the grain "
      "barges until the northern one reopens, and at what cost to the fishing fleet.",
  };
  static const char *other =
      "Firefighters in Colbrook spent the night fighting a blaze at the Hollins vineyard that "
      "destroyed two barns and the pressing house, the brigade said on Wednesday morning.";
  char full[4096], changed[4096], lead[4096];
  snprintf(full, sizeof full, "%s\n\n%s\n\n%s\n\n%s\n\n%s", p[0], p[1], p[2], p[3], p[4]);
  snprintf(changed, sizeof changed, "%s\n\n%s\n\n%s\n\n%s\n\n%s", p[0], other, p[2], p[3],
           p[4]);
  snprintf(lead, sizeof lead, "%s\n\n%s", p[0], p[1]);
  place(f, 30, "Update: the latest", changed, NULL);
  place(f, 31, "Breaking: crane falls", lead, NULL);
  place(f, 32, "Crane collapses onto barge at Port Merrow", full, NULL);
  int64_t r30 = td_place_mem_copy_of(f->m, 30), r31 = td_place_mem_copy_of(f->m, 31),
          r32 = td_place_mem_copy_of(f->m, 32);
  r30 = r30 ? r30 : 30;
  r31 = r31 ? r31 : 31;
  r32 = r32 ? r32 : 32;
  assert_int_equal(r30, r32);
  assert_int_equal(r31, r32);
}

static void test_empty_and_oom(void **state) {
  fixture *f = *state;
  td_place_result r = place(f, 20, NULL, "", NULL);
  assert_true(r.new_story);
  for (long n = 0; n < 400; n++) {
    td_place_input in = {100 + n, "Fire", fire, strlen(fire), "2023-01-01", NULL};
    td_place_result x;
    td_alloc_fail_after(n);
    int rc = td_place_article(f->pl, &in, &x);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    if (rc == TD_OK) break;
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_stories, setup, teardown),
      cmocka_unit_test_setup_teardown(test_copies, setup, teardown),
      cmocka_unit_test_setup_teardown(test_copy_groups_merge, setup, teardown),
      cmocka_unit_test_setup_teardown(test_empty_and_oom, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
