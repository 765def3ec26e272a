/* Unit tests: extract/entity.c and gazetteer.c — kinds, alias merging,
** canonical names, descriptions, name variants across outlets, odd input. */
#include "testutil.h"

#include "extract/entity.h"
#include "extract/gazetteer.h"
#include "tidings.h"
#include "util/alloc.h"

static const td_entity *find(const td_entity_set *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (s->ents[i].name && !strcmp(s->ents[i].name, name)) return &s->ents[i];
  return NULL;
}

static void test_aliases(void **state) {
  (void)state;
  const char *t = "Kaldoran Prime Minister Ilse Marr met Tomas Reyl in Vienna. Mr Reyl said "
                  "little. Marr's office later praised Reyl. The Vestrian Foreign Ministry and "
                  "the Kremlin were silent.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  const td_entity *marr = find(s, "Ilse Marr"), *reyl = find(s, "Tomas Reyl");
  assert_non_null(marr);
  assert_non_null(reyl);
  assert_int_equal(marr->kind, TD_ENT_PERSON);
  assert_int_equal(marr->nmentions, 2);
  assert_int_equal(reyl->nmentions, 3);
  assert_int_equal(reyl->gender, 'm');
  assert_non_null(marr->roles);
  assert_string_equal(marr->roles[0], "kaldoran prime minister");
  const td_entity *v = find(s, "Vienna");
  assert_non_null(v);
  assert_int_equal(v->kind, TD_ENT_PLACE);
  assert_string_equal(v->cc, "AT");
  assert_int_equal(find(s, "Vestrian Foreign Ministry")->kind, TD_ENT_ORG);
  assert_int_equal(find(s, "Kremlin")->kind, TD_ENT_ORG);
  assert_null(find(s, "The")); /* sentence openers are not names */
  assert_true(td_entity_lookup(s, "reyl", 4, strlen(t)) == (long)(reyl - s->ents));
  long d = td_entity_describe(s, "the Kaldoran prime minister", 27, strlen(t));
  assert_true(d == (long)(marr - s->ents));
  td_entity_set_free(s);
}

/* Capitalised words that are no names: pronoun contractions, a month's
** abbreviation before a day, a clock time's PM; letters joined by periods
** are one name ("U.S." a place, "U.S. Senate" an organisation). */
static void test_no_names(void **state) {
  (void)state;
  const char *t = "The U.S. Senate met on Nov. 18 at 3:45 PM. \"I'm sure,\" said Jane Roe. "
                  "I've seen it, We're told. Let's go, said Jan Smith on Dec 3. Officials in the "
                  "U.S. agreed.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  const char *junk[] = {"I'm", "I've", "We're", "Let's", "Nov", "Dec", "PM", "U", "S", "S. Senate"};
  for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) assert_null(find(s, junk[i]));
  assert_non_null(find(s, "U.S. Senate"));
  assert_non_null(find(s, "Jane Roe"));
  assert_non_null(find(s, "Jan Smith")); /* a given name, not the month */
  const td_entity *us = find(s, "U.S");
  assert_non_null(us);
  assert_int_equal(us->kind, TD_ENT_PLACE);
  td_entity_set_free(s);
}

/* Capitals and bare titles: a dateline place, a shouted heading, a title
** without its holder. */
/* A party before a name is its holder's affiliation, as an office is ("Democrat
** Anna Pell"); a party or a department whose possessive ends the run stays
** an organisation ("the Harbour Party's leaders", "the Defense Department's
** lawyers"), not "Party" or "Department". */
static void test_affiliation_and_organisations(void **state) {
  (void)state;
  const char *t = "Democrat Anna Pell and Republican Tomas Brandt met on Monday. Critics of "
                  "the Harbour Party's leaders said the Defense Department's lawyers were "
                  "wrong, and the Harbour Party agreed.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  assert_non_null(find(s, "Anna Pell"));
  assert_non_null(find(s, "Tomas Brandt"));
  assert_null(find(s, "Democrat Anna Pell"));
  assert_null(find(s, "Republican Tomas Brandt"));
  assert_non_null(find(s, "Harbour Party"));
  assert_non_null(find(s, "Defense Department"));
  assert_null(find(s, "Party"));
  assert_null(find(s, "Department"));
  td_entity_set_free(s);
}

/* A lone capital letter opening a sentence is an article or a preposition
** of some language ("В Ольшане", "O Presidente"), no name; an initial with
** its period is part of one. */
static void test_lone_letter(void **state) {
  (void)state;
  const char *t = "\xd0\x92 Kestrava officials met on Monday. O Conselho Varn approved it. "
                  "J. Pell wrote the report.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  for (size_t i = 0; i < s->n; i++) {
    assert_false(!strncmp(s->ents[i].name, "\xd0\x92 ", 3));
    assert_false(!strncmp(s->ents[i].name, "O ", 2));
  }
  assert_non_null(find(s, "J. Pell"));
  td_entity_set_free(s);
}

static void test_capitals_and_titles(void **state) {
  (void)state;
  const char *t = "OSTRAVEL, Norvania (Lantern Wire) - The council met on Monday.\n\n"
                  "FLOOD WATERS RISE FOR THE THIRD DAY - Anna Pell reports.\n\n"
                  "The Norvanian Prime Minister said the barrier held. Later, the Minister "
                  "visited the PORT DISTRICT.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  const td_entity *o = find(s, "Ostravel");
  assert_non_null(o); /* title case, not "OSTRAVEL" */
  assert_int_equal(o->kind, TD_ENT_PLACE);
  assert_null(find(s, "OSTRAVEL"));
  for (size_t i = 0; i < s->n; i++) {
    assert_null(strstr(s->ents[i].name, "FLOOD"));
    assert_null(strstr(s->ents[i].name, "Flood"));
    assert_false(!strcmp(s->ents[i].name, "Minister"));
    assert_false(!strcmp(s->ents[i].name, "Prime Minister"));
  }
  assert_non_null(find(s, "Anna Pell"));
  assert_non_null(find(s, "Port District")); /* capitals, not a heading: kept, title case */
  td_entity_set_free(s);
}

static void test_two_people_one_surname(void **state) {
  (void)state;
  const char *t = "Donald Blake spoke first. Then Eric Blake spoke. Blake said he was tired.";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  /* "Blake" goes to the one named last before it. */
  long e = td_entity_lookup(s, "Blake", 5, (size_t)(strstr(t, "Blake said") - t));
  assert_true(e >= 0);
  assert_string_equal(s->ents[e].name, "Eric Blake");
  td_entity_set_free(s);
}

static void test_name_similarity(void **state) {
  (void)state;
  assert_true(td_name_similarity("Tartous", 7, "Tartus", 6) >= TD_NAME_MATCH);
  assert_true(td_name_similarity("Hmeymim", 7, "Hmeimim", 7) >= TD_NAME_MATCH);
  assert_true(td_name_similarity("Bashar al-Assad", 15, "Bashar Al-Assad", 15) >= TD_NAME_MATCH);
  assert_true(td_name_similarity("Erdoğan", 8, "Erdogan", 7) >= TD_NAME_MATCH);
  assert_true(td_name_similarity("Moscow", 6, "Madrid", 6) < TD_NAME_MATCH);
  assert_true(td_name_similarity("Su-27", 5, "Su-25", 5) < TD_NAME_MATCH);
  assert_true(td_name_similarity("Ivan", 4, "Iran", 4) < TD_NAME_MATCH); /* short: exact only */
  assert_true(td_name_similarity("Trump", 5, "Trumpington", 11) < TD_NAME_MATCH);
}

static void test_gazetteer(void **state) {
  (void)state;
  for (size_t i = 1; i < td_gaz_count; i++) {
    int c = strcmp(td_gaz_table[i - 1].name, td_gaz_table[i].name);
    assert_true(c < 0 || (c == 0 && td_gaz_table[i - 1].kind < td_gaz_table[i].kind));
  }
  const td_gaz_entry *g = td_gaz_lookup("SYRIA", 5, 0);
  assert_non_null(g);
  assert_int_equal(g->kind, TD_GAZ_COUNTRY);
  assert_non_null(td_gaz_lookup("united  states", 14, TD_GAZ_COUNTRY));
  assert_int_equal(td_gaz_lookup("Russian", 7, 0)->kind, TD_GAZ_NATIONALITY);
  assert_null(td_gaz_lookup("Qwertyland", 10, 0));
}

static void test_odd_input(void **state) {
  (void)state;
  const char *t = "VLADIMIR PUTIN MET DONALD TRUMP IN MOSCOW. Путин встретился с Трампом. "
                  "\xFF\xFE bad bytes. 東京で会った。";
  td_entity_set *s;
  assert_int_equal(td_entities_extract(t, strlen(t), NULL, 0, &s), TD_OK);
  for (size_t i = 0; i < s->nmentions; i++) {
    assert_true(s->mentions[i].start < s->mentions[i].end);
    assert_true(s->mentions[i].end <= strlen(t));
  }
  td_entity_set_free(s);
  /* A megabyte of capitalised words: bounded, no crash. */
  size_t n = 1 << 20;
  char *big = td_malloc(n + 1);
  assert_non_null(big);
  for (size_t i = 0; i < n; i++)
    big[i] = "Alpha Beta Gamma Delta. "[i % 24];
  big[n] = 0;
  assert_int_equal(td_entities_extract(big, n, NULL, 0, &s), TD_OK);
  td_entity_set_free(s);
  td_free(big);
}

static void test_oom(void **state) {
  (void)state;
  const char *t = "Mr Ivo Dask met Anna Pell in Paris; Dask and the Kremlin spoke.";
  for (long k = 0; k < 300; k++) {
    td_alloc_fail_after(k);
    td_entity_set *s = NULL;
    int rc = td_entities_extract(t, strlen(t), "Dask in Paris", 13, &s);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    assert_true(rc == TD_OK || s == NULL);
    td_entity_set_free(s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_aliases), cmocka_unit_test(test_no_names),
      cmocka_unit_test(test_two_people_one_surname),
      cmocka_unit_test(test_name_similarity),
      cmocka_unit_test(test_gazetteer),
      cmocka_unit_test(test_odd_input),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_capitals_and_titles),
      cmocka_unit_test(test_affiliation_and_organisations),
      cmocka_unit_test(test_lone_letter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
