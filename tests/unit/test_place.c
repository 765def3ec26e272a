/*
** test_place.c — copies, stories and threads (place/) on the in-memory
** backend, with fictional reports of our own.
*/
#include "testutil.h"

#include "place/features.h"
#include "place/place.h"
#include "text/stem.h"
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
  td_place_input in = {id, title, text, strlen(text), date, NULL, NULL};
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

/* Japanese: two reports of one warehouse fire and an unrelated report of a
** library opening (our own sentences). They share only grammar (の, に,
** た, と話した), which must not make a story of the three. */
static const char *ja_fire1 =
    "ミナト市の港湾地区で十二日未明、冷凍倉庫から火が出て、建物の一部が焼けた。"
    "消防によると、けが人はいなかった。倉庫を運営する青波物流は、出火の原因を調べていると話した。";
static const char *ja_fire2 =
    "十二日未明、ミナト市港湾地区の冷凍倉庫で火災があり、約三時間後に消し止められた。"
    "青波物流によると、従業員は全員避難して無事だった。消防が出火原因を調べている。";
static const char *ja_library =
    "北山町の小学校で十二日、新しい図書館の開館式が開かれ、子どもたちが本を手に取って喜んだ。"
    "町長は、読書の習慣を育てたいと話した。図書館には約五千冊の本が並んでいる。";

static void test_cjk(void **state) {
  fixture *f = *state;
  td_place_result a = place(f, 1, "ミナト市で倉庫火災、けが人なし", ja_fire1, "2023-09-12");
  td_place_result b = place(f, 2, "港湾地区の冷凍倉庫で火災", ja_fire2, "2023-09-12");
  td_place_result c = place(f, 3, "北山町の小学校に新図書館", ja_library, "2023-09-12");
  assert_int_equal(b.story, a.story);
  assert_true(c.new_story);
  assert_int_not_equal(c.story, a.story);
}

/* A site whose pages all carry its name for a title: two unrelated short
** posts must not meet on it, while another site's identical title is that
** site's own. */
static void test_site_title(void **state) {
  fixture *f = *state;
  const char *t = "Harbour Lane Pottery and Garden Journal";
  const char *p1 = "Photos from the Saturday market: fresh plums, late tomatoes and the last of "
                   "the sunflowers. Thanks to everyone who stopped by the stall.";
  const char *p2 = "Our new kiln arrived this week and the first batch of blue mugs came out "
                   "better than we hoped. Orders open on Monday.";
  td_place_input in1 = {1, t, p1, strlen(p1), "2023-09-12", NULL, "harbourlane.example"};
  td_place_input in2 = {2, t, p2, strlen(p2), "2023-09-13", NULL, "harbourlane.example"};
  td_place_input in3 = {3, t, p2, strlen(p2), "2023-09-13", NULL, "other.example"};
  td_place_result a, b, c;
  assert_int_equal(td_place_article(f->pl, &in1, &a), TD_OK);
  assert_int_equal(td_place_article(f->pl, &in2, &b), TD_OK);
  assert_true(b.new_story);
  assert_int_equal(td_place_article(f->pl, &in3, &c), TD_OK);
  assert_int_equal(c.copy_of, 2); /* the same post on another site: a copy, title and all */
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
    td_place_input in = {100 + n, "Fire", fire, strlen(fire), "2023-01-01", NULL, NULL};
    td_place_result x;
    td_alloc_fail_after(n);
    int rc = td_place_article(f->pl, &in, &x);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    if (rc == TD_OK) break;
  }
}

/* Details: numbers and the dates a text reports, as when keys that carry
** their value; the numbers of a date are the date's. */
static int has_detail(const td_feats *f, const char *str, int when) {
  for (size_t i = 0; i < f->ndetails; i++)
    if (!strcmp(f->details[i].str, str) && (td_feat_when_kind(f->details[i].key) > 0) == when)
      return 1;
  return 0;
}
#define has_number(f, s) has_detail(f, s, 0)
#define has_when(f, s) has_detail(f, s, 1)

static void test_details(void **state) {
  (void)state;
  td_stemmer *st = td_stemmer_new("english");
  assert_non_null(st);
  static const char *text =
      "Coastguards rescued 23 fishermen off Port Merrow on Saturday, and the harbour "
      "authority said the trawler had sunk in 40 metres of water. The last such rescue was "
      "on March 3, 2019.";
  td_feats f;
  assert_int_equal(td_feats_extract_full(st, "23 fishermen rescued", 20, text, strlen(text),
                                         NULL, "2023-09-17", &f),
                   TD_OK);
  assert_true(has_number(&f, "23"));
  assert_true(has_number(&f, "40"));
  assert_true(has_when(&f, "Saturday"));   /* the weekday named */
  assert_true(has_when(&f, "2023-09-16")); /* "on Saturday" from the publication date */
  assert_true(has_when(&f, "2019-03-03"));
  assert_true(has_when(&f, "2019-03"));
  assert_true(has_when(&f, "2019"));
  assert_true(has_when(&f, "Sunday"));     /* March 3, 2019 was a Sunday */
  assert_false(has_number(&f, "2019"));    /* the date's numbers are the date's */
  assert_false(has_number(&f, "3"));
  int when = 0, other = 0;
  for (size_t i = 0; i < f.ndetails; i++) {
    if (td_feat_when_kind(f.details[i].key) > 0)
      when++;
    else
      other++;
  }
  assert_true(when >= 6 && other >= 2);
  assert_int_equal(td_feat_when_kind(td_feat_name_key("merrow", 6)), 0);
  assert_int_equal(td_feat_when_kind(td_feat_when_key(TD_WHEN_YEAR, 2019)), TD_WHEN_YEAR);
  td_feats_release(&f);
  /* without a publication date the weekday stays, the relative day goes */
  assert_int_equal(
      td_feats_extract_full(st, NULL, 0, text, strlen(text), NULL, NULL, &f), TD_OK);
  assert_true(has_when(&f, "Saturday"));
  assert_false(has_when(&f, "2023-09-16"));
  td_feats_release(&f);
  td_stemmer_free(st);
}

/* The weight (raw 1 + log tf) of the term whose stem is `stem`, 0 if absent. */
static float term_w(const td_feats *f, const char *stem) {
  for (size_t i = 0; i < f->nterms; i++)
    if (!strcmp(f->terms[i].str, stem)) return f->terms[i].w;
  return 0;
}

/* The lead sentence counts as a headline: its words weigh as if written
** twice, past a time stamp line and a dateline that open the page, and no
** later sentence does. */
static void test_lead(void **state) {
  (void)state;
  td_stemmer *st = td_stemmer_new("english");
  assert_non_null(st);
  static const char *text =
      "Posted 4/7/2031 8:10 AM\n\nThe ferry Marisol capsized off Olvan harbour early on "
      "Monday, the harbour master said.\n\nRelatives waited at the terminal while the ferry "
      "company counted its passengers.";
  td_feats f;
  assert_int_equal(td_feats_extract(st, NULL, 0, text, strlen(text), &f), TD_OK);
  float lead = term_w(&f, "capsiz"), once = term_w(&f, "relat"), twice = term_w(&f, "ferri");
  assert_true(once > 0);
  assert_true(lead > once + 0.5f);          /* 1 + log 2 against 1 */
  assert_true(twice > lead + 0.2f);          /* lead and body: 3 */
  assert_true(term_w(&f, "post") <= once);   /* the stamp line is no lead */
  td_feats_release(&f);
  td_stemmer_free(st);
}

/* A report published months after its story that names the story's day
** joins it; the same report without the date is kept apart by the time
** gap (the terms count for less), like another event of the kind. */
static const char *quay_first =
    "The northern quay of Port Merrow collapsed into the harbour on February 27, 2023, "
    "taking two cranes and a grain store with it. Harbour master Ilse Varga said the old "
    "timber piles had rotted.\n\nEngineers of the Merrow safety board closed the port "
    "while divers examined the wreck of the quay and the sunken cranes.";
static const char *quay_inquiry_dated =
    "An inquiry into the collapse of the northern quay at Port Merrow on February 27, 2023 "
    "blamed rotten timber piles. The harbour master, Ilse Varga, had warned of the piles.\n\n"
    "The Merrow safety board said the cranes and grain store lost in the collapse would not "
    "be rebuilt on the old quay, and divers would raise the wreck.";
static const char *quay_inquiry_undated =
    "An inquiry into the collapse of the northern quay at Port Merrow blamed rotten timber "
    "piles. The harbour master, Ilse Varga, had warned of the piles.\n\n"
    "The Merrow safety board said the cranes and grain store lost in the collapse would not "
    "be rebuilt on the old quay, and divers would raise the wreck.";

static void test_same_event_date(void **state) {
  fixture *f = *state;
  td_place_result a = place(f, 40, "Port Merrow quay collapses", quay_first, "2023-02-28");
  td_place_result b = place(f, 41, "Inquiry blames rotten piles", quay_inquiry_dated, "2023-08-30");
  assert_false(b.new_story);
  assert_int_equal(b.story, a.story);
  /* in a placer without details the gap decides */
  td_place_params p;
  td_place_params_default(&p);
  p.use_details = 0;
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, &p);
  assert_non_null(pl);
  td_place_input in1 = {1, "Port Merrow quay collapses", quay_first, strlen(quay_first),
                        "2023-02-28", NULL, NULL};
  td_place_input in2 = {2, "Inquiry blames rotten piles", quay_inquiry_undated,
                        strlen(quay_inquiry_undated), "2023-08-30", NULL, NULL};
  td_place_result r1, r2;
  assert_int_equal(td_place_article(pl, &in1, &r1), TD_OK);
  assert_int_equal(td_place_article(pl, &in2, &r2), TD_OK);
  assert_true(r2.best < b.best);
  td_placer_free(pl);
  td_place_mem_free(m);
}

/* Two reports of one event that did not meet (below a high threshold, 0.8, with
** each other) are tied by a third that meets both: the story of one
** article goes into the chosen story and its id stands for it. */
static void test_merge_singletons(void **state) {
  (void)state;
  td_place_params p;
  td_place_params_default(&p);
  p.join = 0.8;
  p.use_copies = 0; /* the third text holds both: not a copy here */
  p.merge_singletons = 1;
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, &p);
  assert_non_null(pl);
  char both[4096];
  snprintf(both, sizeof both, "%s\n\n%s", crane1, crane2);
  td_place_input in[3] = {
      {1, "Crane collapses onto barge at Port Merrow", crane1, strlen(crane1), "2023-09-12", NULL, NULL},
      {2, "Port Merrow quay shut after crane falls", crane2, strlen(crane2), "2023-09-13", NULL, NULL},
      {3, "Crane falls at Port Merrow", both, strlen(both), "2023-09-13", NULL, NULL},
  };
  td_place_result r[3];
  for (int i = 0; i < 3; i++) assert_int_equal(td_place_article(pl, &in[i], &r[i]), TD_OK);
  assert_true(r[1].new_story); /* below 0.8 with the first */
  assert_false(r[2].new_story);
  assert_int_equal(r[2].merged, 1);
  assert_int_equal(td_place_mem_resolve(m, r[0].story), r[2].story);
  assert_int_equal(td_place_mem_resolve(m, r[1].story), r[2].story);
  /* the merged story reads as the one it went into */
  td_place_story st;
  assert_int_equal(td_place_mem_backend.story_get(m, r[0].story == r[2].story ? r[1].story
                                                                              : r[0].story, &st),
                   TD_OK);
  assert_int_equal(st.id, r[2].story);
  assert_int_equal(st.narticles, 3);
  td_place_story_release(&st);
  td_placer_free(pl);
  td_place_mem_free(m);
}

/* With reported_time, an undated report is placed in time by the dates it
** reports: the quay collapse of 2023 and an undated report of a collapse
** there in 2011 are years apart, so the words they share count for less. */
static void test_reported_time(void **state) {
  (void)state;
  static const char *old_collapse =
      "Part of the Port Merrow waterfront gave way on March 14, 2011, when the northern quay "
      "slid into the harbour with a crane on it. Ilse Varga, then the harbour master, blamed "
      "rotten piles.\n\nThe Merrow safety board shut the harbour for a week while divers "
      "searched the wreck.";
  double best[2];
  for (int on = 0; on < 2; on++) {
    td_place_params p;
    td_place_params_default(&p);
    p.reported_time = on;
    td_place_mem *m = td_place_mem_new();
    td_placer *pl = td_placer_new(&td_place_mem_backend, m, &p);
    assert_non_null(pl);
    td_place_input a = {1, "Port Merrow quay collapses", quay_first, strlen(quay_first),
                        "2023-02-28", NULL, NULL};
    td_place_input b = {2, "Port Merrow quay collapses", old_collapse, strlen(old_collapse), NULL,
                        NULL, NULL};
    td_place_result ra, rb;
    assert_int_equal(td_place_article(pl, &a, &ra), TD_OK);
    assert_int_equal(td_place_article(pl, &b, &rb), TD_OK);
    best[on] = rb.best;
    if (on) assert_true(rb.new_story);
    td_placer_free(pl);
    td_place_mem_free(m);
  }
  assert_true(best[1] < best[0]);
}

/* More candidate stories than are scored (40), so gather() selects: the
** one sharing the most telling words must still be among them and be
** joined. 60 small stories share a word and a name with the last article;
** one shares twelve words more. (Under ASan this also walks the selection
** over 61 ids; its order was checked against a full sort separately.) */
static void test_many_candidates(void **state) {
  fixture *f = *state;
  static const char *syl[] = {"ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze"};
  char text[2048], title[64];
  int64_t target = 0;
  for (int i = 0; i < 61; i++) {
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "Wardens of Quenby said");
    for (int w = 0; w < 3; w++) /* names of this story alone: "Kalopeso" */
      n += (size_t)snprintf(text + n, sizeof text - n, " %c%s%s%s%s met them", 'A' + w,
                            syl[i % 10], syl[i / 10 % 10], syl[(w + 4) % 10], syl[(w + 6) % 10]);
    for (int w = 0; w < 12; w++) /* words of this story alone: "kalomi..." */
      n += (size_t)snprintf(text + n, sizeof text - n, " %s%s%s%s", syl[i % 10], syl[i / 10 % 10],
                            syl[w % 10], syl[(w + 3) % 10]);
    snprintf(text + n, sizeof text - n, ".");
    snprintf(title, sizeof title, "%s%s%s", syl[i % 10], syl[i / 10 % 10], syl[(i + 5) % 10]);
    td_place_result r = place(f, 100 + i, title, text, "2023-05-01");
    assert_true(r.new_story);
    if (i == 17) target = r.story;
  }
  size_t n = (size_t)snprintf(text, sizeof text, "Wardens of Quenby said");
  for (int w = 0; w < 12; w++)
    n += (size_t)snprintf(text + n, sizeof text - n, " %s%s%s%s", syl[17 % 10], syl[17 / 10 % 10],
                          syl[w % 10], syl[(w + 3) % 10]);
  snprintf(text + n, sizeof text - n, ".");
  td_place_result r = place(f, 500, "Wardens", text, "2023-05-02");
  assert_true(r.ncandidates >= 40);
  assert_false(r.new_story);
  assert_int_equal(r.story, target);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_stories, setup, teardown),
      cmocka_unit_test_setup_teardown(test_many_candidates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cjk, setup, teardown),
      cmocka_unit_test_setup_teardown(test_site_title, setup, teardown),
      cmocka_unit_test_setup_teardown(test_copies, setup, teardown),
      cmocka_unit_test_setup_teardown(test_copy_groups_merge, setup, teardown),
      cmocka_unit_test_setup_teardown(test_empty_and_oom, setup, teardown),
      cmocka_unit_test(test_details),
      cmocka_unit_test(test_lead),
      cmocka_unit_test_setup_teardown(test_same_event_date, setup, teardown),
      cmocka_unit_test(test_merge_singletons),
      cmocka_unit_test(test_reported_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
