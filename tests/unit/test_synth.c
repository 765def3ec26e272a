/*
** test_synth.c — the synthesise stage: alignment across outlets (spelling
** variants, copies counted once), the planted conflicts of
** tests/fixtures/synth/ (bridge and mine: all found) and its paraphrases (none reported),
** parts against wholes and amounts of different things (partwhole: none but the planted one),
** what real coverage is full of that is no dispute (noise: stamps, scores, times, models, venues,
** an event in several places),
** summary lengths and support, the seeds story's consensus and unique
** material (skipped without ../shared), and allocation failures.
*/
#include "testutil.h"

#include <jansson.h>

#include "synth/synth.h"
#include "tidings.h"
#include "util/alloc.h"

static json_t *summarize_file(const char *path, const td_summarize_opts *o) {
  char *out = NULL, *err = NULL;
  const char *paths[] = {path};
  int rc = td_summarize_paths(paths, 1, o, &out, &err);
  if (rc) fprintf(stderr, "summarize %s: %d %s\n", path, rc, err ? err : "");
  assert_int_equal(rc, TD_OK);
  json_t *d = json_loads(out, 0, NULL);
  assert_non_null(d);
  td_free(out);
  td_free(err);
  return d;
}

/* The conflict whose "what" starts with `what`, or NULL. */
static json_t *conflict(json_t *d, const char *what) {
  size_t i;
  json_t *c;
  json_array_foreach(json_object_get(d, "conflicts"), i, c) {
    const char *w = json_string_value(json_object_get(c, "what"));
    if (w && !strncmp(w, what, strlen(what))) return c;
  }
  return NULL;
}

/* The outlets (URLs) giving `value` (a prefix) in conflict c, as a count. */
static size_t value_count(json_t *c, const char *value) {
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(c, "values"), i, v) {
    const char *s = json_string_value(json_object_get(v, "value"));
    if (s && !strncmp(s, value, strlen(value))) return json_array_size(json_object_get(v, "articles"));
  }
  return 0;
}

static void test_planted_conflicts(void **state) {
  (void)state;
  json_t *d = summarize_file("tests/fixtures/synth/bridge.jsonl", NULL);
  json_t *c;
  assert_non_null(c = conflict(d, "death toll"));
  assert_int_equal(value_count(c, "12 people"), 2);          /* "12" and "A dozen" */
  assert_int_equal(value_count(c, "At least 15 people"), 1);
  assert_int_equal(json_array_size(json_object_get(c, "values")), 2); /* "More than 10" agrees */
  assert_non_null(c = conflict(d, "age of Tomas Varga"));
  assert_int_equal(value_count(c, "54"), 2);
  assert_int_equal(value_count(c, "57-year-old"), 1);
  assert_non_null(c = conflict(d, "date of"));
  assert_int_equal(value_count(c, "Monday (2025-03-03)"), 3);
  assert_int_equal(value_count(c, "March 4 (2025-03-04)"), 1);
  assert_non_null(c = conflict(d, "title of Elena Moroz"));
  assert_int_equal(value_count(c, "transport minister"), 1);
  assert_int_equal(value_count(c, "interior minister"), 1);
  assert_non_null(c = conflict(d, "place of"));
  assert_int_equal(value_count(c, "Kharkiv"), 3); /* Kharkov is the same place */
  assert_int_equal(value_count(c, "Poltava"), 1);
  assert_int_equal(json_array_size(json_object_get(d, "conflicts")), 5);
  json_decref(d);
}

/* A second story, other wordings: a toll in words against one in digits, an
** age given twice, a date against a date while one outlet also dates when
** the governor spoke ("said on Monday": the statement's day, not the
** event's), and a surname spelt two ways (one person, not a conflict). */
static void test_planted_conflicts_mine(void **state) {
  (void)state;
  json_t *d = summarize_file("tests/fixtures/synth/mine.jsonl", NULL);
  json_t *c;
  assert_non_null(c = conflict(d, "death toll"));
  assert_int_equal(value_count(c, "23 miners"), 2); /* and "the death toll ... has risen to 23" */
  assert_int_equal(value_count(c, "Nineteen miners"), 1);
  assert_non_null(c = conflict(d, "age of Pavel"));
  assert_int_equal(value_count(c, "41"), 2); /* Kren and Krenn are one man */
  assert_int_equal(value_count(c, "44"), 1);
  assert_non_null(c = conflict(d, "date of"));
  assert_int_equal(value_count(c, "Sunday (2026-06-14)"), 2);
  assert_int_equal(value_count(c, "June 15 (2026-06-15)"), 1);
  assert_int_equal(value_count(c, "Monday"), 0);
  /* 61 and "Sixty-one", "three days" twice: paraphrase, not conflict. */
  assert_int_equal(json_array_size(json_object_get(d, "conflicts")), 3);
  json_decref(d);
}

static void test_paraphrase_no_conflict(void **state) {
  (void)state;
  json_t *d = summarize_file("tests/fixtures/synth/paraphrase.jsonl", NULL);
  json_t *conf = json_object_get(d, "conflicts");
  if (json_array_size(conf)) {
    char *s = json_dumps(conf, 0);
    fprintf(stderr, "unexpected conflicts: %s\n", s);
    free(s);
  }
  assert_int_equal(json_array_size(conf), 0);
  /* Yet the outlets do agree on things, in other words. */
  assert_true(json_array_size(json_object_get(d, "consensus")) >= 3);
  json_decref(d);
  /* Harder paraphrase: a rounded figure and its exact value ("roughly $1
  ** trillion", "$1.2 trillion"), one figure told to a hundredth apart, a count
  ** of the shot against a count of the killed, "press secretary" and
  ** "spokesman", an ordinal, two years of one town's history, a headline in
  ** title case. */
  d = summarize_file("tests/fixtures/synth/paraphrase2.jsonl", NULL);
  conf = json_object_get(d, "conflicts");
  if (json_array_size(conf)) {
    char *s = json_dumps(conf, 0);
    fprintf(stderr, "unexpected conflicts: %s\n", s);
    free(s);
  }
  assert_int_equal(json_array_size(conf), 0);
  json_decref(d);
}

/* A part against the whole and amounts of different things: a town's toll
** inside a national one, "new aid" against a budget, a headline's "$640B"
** against "$640 billion" are no disputes; two tolls for the one town are. */
static void test_part_whole(void **state) {
  (void)state;
  json_t *d = summarize_file("tests/fixtures/synth/partwhole.jsonl", NULL);
  json_t *c;
  assert_non_null(c = conflict(d, "death toll"));
  assert_int_equal(value_count(c, "9 people"), 1);
  assert_int_equal(value_count(c, "12 people"), 1);
  assert_int_equal(json_array_size(json_object_get(c, "values")), 2); /* not "at least 31" */
  assert_null(conflict(d, "amount"));
  assert_int_equal(json_array_size(json_object_get(d, "conflicts")), 1);
  json_decref(d);

  static const char glued[] =
      "{\"id\":\"g-1\",\"source\":\"Meridian Post\",\"date\":\"2031-08-06\",\"text\":"
      "\"Senators unveil $640B flood relief bill for the river towns.\\n\\nThe bill would be "
      "voted on before the August recess, its sponsors said.\"}\n"
      "{\"id\":\"g-2\",\"source\":\"Lantern Times\",\"date\":\"2031-08-06\",\"text\":"
      "\"Senators unveiled a $640 billion flood relief bill for the river towns on "
      "Wednesday.\"}\n";
  d = summarize_file(tu_write("glued.jsonl", glued, sizeof glued - 1), NULL);
  assert_int_equal(json_array_size(json_object_get(d, "conflicts")), 0);
  json_decref(d);
}

/* What real coverage is full of and is no dispute (tests/fixtures/synth/
** noise.jsonl, two reports published a week apart): publication stamps,
** "Tuesday" read against two publication dates, a city and its country,
** "premier" and "prime minister", an age of the aide of a named mayor and of
** a nephew "of" her, clock times, model numbers ("GT 650M"), a team's
** several scores; while the toll, the injured and the games a player will
** miss are still disputed. */
static void test_noise_no_conflict(void **state) {
  (void)state;
  json_t *d = summarize_file("tests/fixtures/synth/noise.jsonl", NULL);
  json_t *conf = json_object_get(d, "conflicts"), *c;
  char *s = json_dumps(conf, 0);
  if (json_array_size(conf) != 3) fprintf(stderr, "conflicts: %s\n", s);
  free(s);
  assert_non_null(c = conflict(d, "death toll"));
  assert_int_equal(value_count(c, "seven people"), 1);
  assert_int_equal(value_count(c, "nine people"), 1);
  assert_non_null(conflict(d, "number injured"));
  assert_non_null(conflict(d, "number of games"));
  assert_int_equal(json_array_size(conf), 3);
  json_decref(d);
}

/* Two outlets, one fact in different words and spellings; a third article
** that is a copy of the first. */
static void test_alignment_and_copies(void **state) {
  (void)state;
  const char *a = "Russia will keep its naval facility in Tartous and its air base in Hmeymim.\n\n"
                  "The minister visited the harbour on a grey morning with several aides.";
  const char *b = "Moscow said Russia would keep the Hmeimim air base and the naval facility at "
                  "Tartus.\n\nFarmers in the south complained about the price of diesel fuel.";
  td_synth_doc docs[3] = {{1, "a", "Outlet A", "2020-01-01", a, strlen(a), 0, NULL},
                          {2, "b", "Outlet B", "2020-01-02", b, strlen(b), 0, NULL},
                          {3, "c", "Outlet C", "2020-01-03", a, strlen(a), 1, NULL}};
  td_synth_report *r = NULL;
  assert_int_equal(td_synth_report_new(docs, 3, NULL, &r), TD_OK);
  const td_synth_model *m = r->m;
  assert_int_equal(m->ngroups, 2); /* the copy is its original's voice */
  assert_int_equal(m->aligned[2], 0);
  assert_int_equal(m->nsents, 4);
  assert_true(td_synth_cosine(m, 0, 2) >= TD_SYNTH_SAME_FACT);
  assert_true(td_synth_cosine(m, 1, 3) < 0.12f);
  assert_int_equal(r->nconsensus, 1);
  assert_int_equal(r->consensus[0].sources, 2);
  assert_int_equal(r->consensus[0].ndocs, 3); /* A, B, and A's verbatim copy */
  assert_int_equal(r->nunique, 2);            /* one own sentence each */
  assert_int_equal(r->conflicts.n, 0);        /* spelling variants are not conflicts */
  td_synth_report_free(r);
}

/* Japanese (our own sentences): the fact both outlets report is consensus
** and the summary's, while sentences that share only grammar (の, に, た,
** によると) are not one fact. */
static void test_japanese(void **state) {
  (void)state;
  const char *a = "ミナト市の港湾地区で十二日未明、冷凍倉庫から火が出て、建物の一部が焼けた。"
                  "消防によると、けが人はいなかった。";
  const char *b = "十二日未明、ミナト市港湾地区の冷凍倉庫から出火し、建物の一部が焼けた。"
                  "青波物流によると、従業員は全員避難した。";
  td_synth_doc docs[2] = {{1, "a", "Outlet A", "2024-03-04", a, strlen(a), 0, NULL},
                          {2, "b", "Outlet B", "2024-03-04", b, strlen(b), 0, NULL}};
  td_synth_report *r = NULL;
  assert_int_equal(td_synth_report_new(docs, 2, NULL, &r), TD_OK);
  const td_synth_model *m = r->m;
  assert_int_equal(m->nsents, 4);
  assert_true(td_synth_showable(m, 0));
  assert_true(td_synth_cosine(m, 0, 2) >= TD_SYNTH_SAME_FACT);
  assert_true(td_synth_cosine(m, 1, 3) < TD_SYNTH_SAME_FACT);
  assert_int_equal(r->nconsensus, 1);
  assert_int_equal(r->consensus[0].sources, 2);
  assert_true(r->nsummary >= 1);
  td_synth_report_free(r);
}

/* A wire agency's opening, with or without a place, is not shown inside a
** summary or the consensus; a parenthesis of words is. */
static void test_agency_opening(void **state) {
  (void)state;
  const char *a = "(Meridian Wire) The ferry Grey Heron ran aground near Lesk on Sunday.\n\n"
                  "(in brief) Divers inspected the hull.";
  const char *b = "LESK (MW) - The ferry Grey Heron ran aground off Lesk on Sunday night.";
  td_synth_doc docs[2] = {{1, "a", "Outlet A", "2024-03-04", a, strlen(a), 0, NULL},
                          {2, "b", "Outlet B", "2024-03-04", b, strlen(b), 0, NULL}};
  td_synth_report *r = NULL;
  assert_int_equal(td_synth_report_new(docs, 2, NULL, &r), TD_OK);
  json_t *o = json_object();
  assert_int_equal(td_synth_report_json(r, 0, o), TD_OK);
  json_t *c = json_array_get(json_object_get(o, "consensus"), 0);
  assert_non_null(c);
  const char *t = json_string_value(json_object_get(c, "text"));
  assert_true(!strncmp(t, "The ferry Grey Heron ran aground", 32));
  json_t *u = json_object_get(o, "unique");
  int kept = 0;
  for (size_t i = 0; i < json_array_size(u); i++) {
    const char *x = json_string_value(json_object_get(json_array_get(u, i), "text"));
    if (x && !strncmp(x, "(in brief) Divers", 17)) kept = 1;
  }
  assert_true(kept);
  json_decref(o);
  td_synth_report_free(r);
}

static void test_summary_length(void **state) {
  (void)state;
  td_summarize_opts o;
  memset(&o, 0, sizeof o);
  o.sentences = 2;
  json_t *d = summarize_file("tests/fixtures/synth/bridge.jsonl", &o);
  assert_int_equal(json_array_size(json_object_get(d, "summary")), 2);
  size_t i;
  json_t *s;
  json_array_foreach(json_object_get(d, "summary"), i, s) {
    assert_true(json_array_size(json_object_get(s, "support")) >= 1);
    assert_true(json_is_string(json_array_get(json_object_get(s, "support"), 0)));
  }
  json_decref(d);
  o.sentences = 0;
  o.words = 40;
  d = summarize_file("tests/fixtures/synth/bridge.jsonl", &o);
  size_t words = 0;
  json_array_foreach(json_object_get(d, "summary"), i, s) {
    const char *t = json_string_value(json_object_get(s, "text"));
    for (const char *p = t; *p; p++)
      if (*p != ' ' && (p == t || p[-1] == ' ')) words++;
  }
  assert_true(words > 0 && words <= 40);
  json_decref(d);
}

static int has_text(json_t *arr, const char *needle, size_t min_sources) {
  size_t i;
  json_t *x;
  json_array_foreach(arr, i, x) {
    const char *t = json_string_value(json_object_get(x, "text"));
    json_t *src = json_object_get(x, "sources");
    if (t && strstr(t, needle) && (!src || (size_t)json_integer_value(src) >= min_sources))
      return 1;
  }
  return 0;
}

static void test_seeds_story(void **state) {
  (void)state;
  const char *sh = tu_shared();
  if (!sh) {
    skip(); /* no ../shared in this clone: the seeds story cannot be read */
    return;
  }
  char p[3][4200];
  const char *names[3] = {"000_c29f869564501e89.txt", "001_ef3e79bec4dbceff.txt",
                          "002_e77057349d16fe55.txt"};
  const char *paths[3];
  for (int i = 0; i < 3; i++) {
    snprintf(p[i], sizeof p[i], "%s/seeds/%s", sh, names[i]);
    paths[i] = p[i];
  }
  char *out = NULL, *err = NULL;
  assert_int_equal(td_summarize_paths(paths, 3, NULL, &out, &err), TD_OK);
  json_t *d = json_loads(out, 0, NULL);
  td_free(out);
  td_free(err);
  json_t *cons = json_object_get(d, "consensus"), *uniq = json_object_get(d, "unique");
  assert_true(has_text(cons, "naval facility", 3)); /* bases kept, with the withdrawal */
  assert_true(has_text(cons, "withdraw", 3));
  assert_true(has_text(cons, "heads of state", 2)); /* messages to other leaders */
  assert_true(has_text(cons, "territorial integrity", 3));
  assert_true(has_text(uniq, "Sochi", 1));      /* 002's later peace talks */
  assert_true(has_text(uniq, "collusion", 1));  /* 000's political background */
  assert_true(has_text(uniq, "Crimea", 1));     /* 001's own background */
  assert_int_equal(json_array_size(json_object_get(d, "conflicts")), 0);
  json_decref(d);
}

/* The timeline: articles at their dates, events dated in their text, a
** weekday said in the future moved to the coming week, and one event told
** by two outlets counted once with two sources. */
static void test_timeline(void **state) {
  (void)state;
  const char *a = "The old stone bridge over the Varna river collapsed on Sunday evening after "
                  "heavy rain.\n\nThe transport minister will visit the crossing on Thursday "
                  "with engineers.";
  const char *b = "The stone bridge across the Varna river collapsed on Sunday evening in heavy "
                  "rain.\n\nVillagers gathered at the riverbank to watch the water rise.";
  td_synth_doc docs[2] = {{1, "a", "Outlet A", "2024-03-04", a, strlen(a), 0, "Bridge falls"},
                          {2, "b", "Outlet B", "2024-03-05", b, strlen(b), 0, NULL}};
  td_synth_report *r = NULL;
  assert_int_equal(td_synth_report_new(docs, 2, NULL, &r), TD_OK);
  /* Sunday 2024-03-03 (one event, two outlets), the 4th (article a), the
  ** 5th (article b), Thursday the 7th (the minister's visit). */
  assert_int_equal(r->ntimeline, 4);
  assert_string_equal(r->timeline[0].date, "2024-03-03");
  assert_int_equal(r->timeline[0].kind, TD_TIMELINE_EVENT);
  assert_int_equal(r->timeline[0].sources, 2);
  assert_string_equal(r->timeline[1].date, "2024-03-04");
  assert_int_equal(r->timeline[1].kind, TD_TIMELINE_ARTICLE);
  assert_int_equal(r->timeline[1].doc, 0);
  assert_string_equal(r->timeline[2].date, "2024-03-05");
  assert_int_equal(r->timeline[2].doc, 1);
  assert_string_equal(r->timeline[3].date, "2024-03-07");
  assert_int_equal(r->timeline[3].kind, TD_TIMELINE_EVENT);
  json_t *o = json_object();
  assert_int_equal(td_synth_report_json(r, 0, o), TD_OK);
  json_t *t0 = json_array_get(json_object_get(o, "timeline"), 1);
  assert_string_equal(json_string_value(json_object_get(t0, "text")), "Bridge falls");
  assert_string_equal(json_string_value(json_object_get(t0, "kind")), "article");
  json_decref(o);
  td_synth_report_free(r);
}

static void test_no_input(void **state) {
  (void)state;
  char *out = NULL, *err = NULL;
  int rc = td_summarize_buffer("", 0, "empty.txt", NULL, &out, &err);
  assert_int_equal(rc, TD_EINPUT);
  assert_null(out);
  assert_non_null(err);
  td_free(err);
  td_summarize_opts o;
  memset(&o, 0, sizeof o);
  o.words = -3;
  rc = td_summarize_buffer("x", 1, "x.txt", &o, &out, &err);
  assert_int_equal(rc, TD_EUSAGE);
  td_free(err);
}

/* Fail every allocation in turn: a clean error, no crash, no leak (ASan). */
static void test_alloc_failures(void **state) {
  (void)state;
  FILE *f = fopen("tests/fixtures/synth/bridge.jsonl", "rb");
  assert_non_null(f);
  char buf[8192];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  char *out = NULL, *err = NULL;
  td_alloc_fail_after(-1);
  td_alloc_fail_after(1000000);
  assert_int_equal(td_summarize_buffer(buf, n, "bridge.jsonl", NULL, &out, &err), TD_OK);
  long need = td_alloc_fail_after(-1);
  td_free(out);
  td_free(err);
  long step = need > 400 ? need / 400 : 1;
  for (long k = 0; k < need; k += step) {
    out = err = NULL;
    td_alloc_fail_after(k);
    int rc = td_summarize_buffer(buf, n, "bridge.jsonl", NULL, &out, &err);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM || rc == TD_EINPUT);
    td_free(out);
    td_free(err);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_planted_conflicts), cmocka_unit_test(test_planted_conflicts_mine),
      cmocka_unit_test(test_paraphrase_no_conflict), cmocka_unit_test(test_noise_no_conflict),
      cmocka_unit_test(test_part_whole),
      cmocka_unit_test(test_alignment_and_copies), cmocka_unit_test(test_summary_length),
      cmocka_unit_test(test_seeds_story),          cmocka_unit_test(test_timeline),
      cmocka_unit_test(test_no_input),           cmocka_unit_test(test_japanese),
      cmocka_unit_test(test_agency_opening),
      cmocka_unit_test(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
