/* Unit tests: extract/quote.c and quote_sim.c — attribution rules, golden
** files, the seeds, pathological input and allocation failures.
**
** Golden files: tests/fixtures/extract/NAME.txt (first line the headline, then
** the body) and NAME.quotes, one quote a line: kind|speaker|cue|quoted words.
** Run with TD_GOLDEN_UPDATE=1 to rewrite the .quotes files after a deliberate
** change, then review the diff.
*/
#include "testutil.h"

#include "extract/entity.h"
#include "extract/gazetteer.h"
#include "extract/quote.h"
#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"

#include <dirent.h>
#include <time.h>

typedef struct got {
  td_entity_set *E;
  td_quote *Q;
  size_t n;
  const char *s;
} got;

static got run(const char *s) {
  got g = {NULL, NULL, 0, s};
  assert_int_equal(td_entities_extract(s, strlen(s), NULL, 0, &g.E), TD_OK);
  assert_int_equal(td_quotes_extract(s, strlen(s), g.E, &g.Q, &g.n), TD_OK);
  return g;
}

static void done(got *g) {
  td_quotes_free(g->Q, g->n);
  td_entity_set_free(g->E);
}

/* The quoted words of quote i, as a static string. */
static const char *qtext(const got *g, size_t i) {
  static char b[512];
  snprintf(b, sizeof b, "%.*s", (int)(g->Q[i].end - g->Q[i].start), g->s + g->Q[i].start);
  return b;
}

static const char *who(const got *g, size_t i) { return g->Q[i].speaker ? g->Q[i].speaker : "-"; }

static void test_after_and_before(void **state) {
  (void)state;
  got g = run("Dmitri Orlov arrived late. \"We will rebuild the bridge,\" Orlov said.\n\n"
              "He added: \"It will take a year.\"\n\n"
              "\"Not soon enough,\" said Mrs Anna Pell, a shopkeeper.");
  assert_int_equal(g.n, 3);
  assert_string_equal(qtext(&g, 0), "We will rebuild the bridge,");
  assert_string_equal(who(&g, 0), "Dmitri Orlov");
  assert_int_equal(g.Q[0].kind, TD_QUOTE_DIRECT);
  assert_string_equal(who(&g, 1), "Dmitri Orlov"); /* "He" → the last person */
  assert_int_equal(g.Q[1].kind, TD_QUOTE_COLON);
  assert_string_equal(who(&g, 2), "Anna Pell");
  assert_true(g.Q[2].cue_end > g.Q[2].cue_start);
  done(&g);
}

static void test_curly_partial_and_org(void **state) {
  (void)state;
  got g = run("The Kremlin said the talks had been “useful and frank”, and Minister Ivo Dask "
              "called for “pragmatic steps”.");
  assert_int_equal(g.n, 2);
  assert_int_equal(g.Q[0].kind, TD_QUOTE_PARTIAL);
  assert_string_equal(who(&g, 0), "Kremlin");
  assert_string_equal(qtext(&g, 1), "pragmatic steps");
  assert_string_equal(who(&g, 1), "Ivo Dask");
  done(&g);
}

static void test_interrupted_and_continued(void **state) {
  (void)state;
  got g = run("“The first part,” Lena Ostrova said, “and the second.”\n\n"
              "“A long quote that runs on\n\n“into the next paragraph,” she said.");
  assert_int_equal(g.n, 4);
  assert_int_equal(g.Q[1].prev, 0);
  assert_string_equal(who(&g, 1), "Lena Ostrova");
  assert_int_equal(g.Q[3].kind, TD_QUOTE_CONTINUED);
  assert_int_equal(g.Q[3].prev, 2);
  assert_string_equal(qtext(&g, 2), "A long quote that runs on");
  done(&g);
}

static void test_nested_and_reported(void **state) {
  (void)state;
  got g = run("The statement quoted Karl Berg as saying, “We said ‘never again’ and meant it.”");
  assert_int_equal(g.n, 2);
  assert_string_equal(who(&g, 0), "Karl Berg");
  assert_int_equal(g.Q[1].kind, TD_QUOTE_NESTED);
  assert_int_equal(g.Q[1].parent, 0);
  assert_string_equal(qtext(&g, 1), "never again");
  done(&g);
}

static void test_description(void **state) {
  (void)state;
  got g = run("Vestrian President Arvid Kessel flew home on Sunday.\n\n"
              "“The border stays open,” the Vestrian president told reporters.");
  assert_int_equal(g.n, 1);
  assert_string_equal(who(&g, 0), "Arvid Kessel");
  done(&g);
}

/* Attribution patterns beyond "X said": the cue ending the sentence before,
** a colon closing the paragraph before, a name and a colon, an inverted cue
** with a quantifier or an adjective, a cue after the quote's own sentence
** end, and an office named after its holder. */
static void test_more_attribution(void **state) {
  (void)state;
  got g = run("Mayor Lena Okafor spoke first. Council member Piet Halloran agreed. "
              "\"The bridge will open in May.\"\n\n"
              "In a speech on Friday, Okafor declared:\n\n"
              "\"Nobody will pay a toll.\"\n\n"
              "Ruth Abara: \"The river will not wait.\"\n\n"
              "\"It was a good day,\" said one Norrvik resident.\n\n"
              "\"We finished on time.\" Halloran said.\n\n"
              "\"Enough,\" said retired engineer Tomas Vell.");
  assert_int_equal(g.n, 6);
  assert_string_equal(who(&g, 0), "Piet Halloran");
  assert_string_equal(who(&g, 1), "Lena Okafor");
  assert_int_equal(g.Q[1].kind, TD_QUOTE_COLON);
  assert_string_equal(who(&g, 2), "Ruth Abara");
  assert_true(g.Q[3].speaker_end > g.Q[3].speaker_start);
  assert_true(!strncmp(g.s + g.Q[3].speaker_start, "one Norrvik resident", 20));
  assert_string_equal(who(&g, 4), "Piet Halloran");
  assert_string_equal(who(&g, 5), "Tomas Vell");
  done(&g);
  /* A clause whose cue has no subject next to it; an office with a
  ** nationality after its holder spoke. */
  g = run("Foreign Minister Sergei Orlov met reporters. \"We want peace,\" Orlov said.\n\n"
          "He began by saying, \"Talks start on Monday.\"\n\n"
          "The top Russian diplomat also said the talks would be \"frank and long\".");
  assert_int_equal(g.n, 3);
  assert_string_equal(who(&g, 1), "Sergei Orlov");
  assert_string_equal(who(&g, 2), "Sergei Orlov");
  done(&g);
  /* A party tag in brackets, a name after a dash, a cue in the sentence
  ** after the quote's own full stop, and an opening phrase before the
  ** subject of an -ing cue. */
  g = run("\"We will vote no.\" Sen. Mara Quill (D-Ore.) said.\n\n"
          "\"Taxes are too high.\"\n\n- Tomas Vell.\n\n"
          "In a statement on Friday, Rep. Ivo Brandt reacted, saying: \"This is wrong.\"");
  assert_int_equal(g.n, 3);
  assert_string_equal(who(&g, 0), "Mara Quill");
  assert_string_equal(who(&g, 1), "Tomas Vell");
  assert_string_equal(who(&g, 2), "Ivo Brandt");
  done(&g);
}

/* What is a statement and what is not: a clause right after a speech verb
** is a direct quote even when it opens in lower case; a clause after "if"
** or "that" is reported speech with quoted words; a title, a slogan or a
** word in marks with no cue or speaker is a partial quote; phrasal cues
** ("shot back", "went on", "points out"). */
static void test_statement_or_phrase(void **state) {
  (void)state;
  got g =
      run("Mayor Lena Okafor spoke on Friday. She says “we kept the harbour open all winter.”\n\n"
          "Okafor says if elected “I will build the new bridge in two years.”\n\n"
          "The council backed the “Clean River Now” plan after the vote.\n\n"
          "Critics call it “theatre” and worse.\n\n"
          "“Not a chance,” Piet Halloran shot back. “Ask the engineers.”\n\n"
          "“It is late,” Halloran went on. “And it is costly,” he points out.");
  assert_int_equal(g.n, 8);
  assert_int_equal(g.Q[0].kind, TD_QUOTE_DIRECT);
  assert_string_equal(who(&g, 0), "Lena Okafor");
  assert_int_equal(g.Q[1].kind, TD_QUOTE_PARTIAL);
  assert_int_equal(g.Q[2].kind, TD_QUOTE_PARTIAL);
  assert_string_equal(qtext(&g, 2), "Clean River Now");
  assert_int_equal(g.Q[3].kind, TD_QUOTE_PARTIAL);
  assert_string_equal(who(&g, 4), "Piet Halloran");
  assert_true(!strncmp(g.s + g.Q[4].cue_start, "shot", 4));
  assert_int_equal(g.Q[4].kind, TD_QUOTE_DIRECT);
  assert_int_equal(g.Q[5].prev, 4);
  assert_string_equal(who(&g, 6), "Piet Halloran");
  assert_true(!strncmp(g.s + g.Q[6].cue_start, "went", 4));
  assert_string_equal(who(&g, 7), "Piet Halloran");
  assert_true(!strncmp(g.s + g.Q[7].cue_start, "points", 6));
  done(&g);
  /* A mark glued to a colon opens; a possessive and an adverb before the cue. */
  g = run("Rep. Dana Whitfield (R-Ore.):\"We have no record of that.\"\n\n"
          "\"We live in hard times,\" my father often said.");
  assert_int_equal(g.n, 2);
  assert_string_equal(qtext(&g, 0), "We have no record of that.");
  assert_int_equal(g.Q[1].kind, TD_QUOTE_DIRECT);
  assert_true(!strncmp(g.s + g.Q[1].speaker_start, "my father", 9));
  done(&g);
  /* Reported speech that runs on into the quote stays partial. */
  g = run("Okafor argued that in any talks with the port, “we will hold the line on fees.”");
  assert_int_equal(g.n, 1);
  assert_int_equal(g.Q[0].kind, TD_QUOTE_PARTIAL);
  done(&g);
  /* Short words in marks that a speaker goes with stay a statement. */
  g = run("“Absolutely not,” Okafor said.\n\n“Never.”");
  assert_int_equal(g.n, 2);
  assert_int_equal(g.Q[0].kind, TD_QUOTE_DIRECT);
  assert_int_equal(g.Q[1].kind, TD_QUOTE_DIRECT);
  assert_string_equal(who(&g, 1), "Okafor");
  done(&g);
}

static void test_apostrophes_are_not_quotes(void **state) {
  (void)state;
  got g = run("It’s the mayor’s plan, and the workers’ union’s too. Don't panic.");
  assert_int_equal(g.n, 0);
  done(&g);
}

/* Golden files. */
static void test_golden(void **state) {
  (void)state;
  const char *dir = "tests/fixtures/extract";
  DIR *d = opendir(dir);
  assert_non_null(d);
  int update = getenv("TD_GOLDEN_UPDATE") != NULL, files = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
    char path[512], exp[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    snprintf(exp, sizeof exp, "%s/%.*s.quotes", dir, (int)(l - 4), e->d_name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *body = strchr(buf, '\n');
    assert_non_null(body);
    *body++ = 0;
    while (*body == '\n')
      body++;
    td_entity_set *E;
    td_quote *Q;
    size_t nq;
    assert_int_equal(td_entities_extract(body, strlen(body), buf, strlen(buf), &E), TD_OK);
    assert_int_equal(td_quotes_extract(body, strlen(body), E, &Q, &nq), TD_OK);
    static char out[65536];
    size_t o = 0;
    for (size_t i = 0; i < nq; i++)
      o += (size_t)snprintf(out + o, sizeof out - o, "%s|%s|%.*s|%.*s\n",
                            td_quote_kind_name(Q[i].kind), Q[i].speaker ? Q[i].speaker : "-",
                            (int)(Q[i].cue_end - Q[i].cue_start), body + Q[i].cue_start,
                            (int)(Q[i].end - Q[i].start), body + Q[i].start);
    td_quotes_free(Q, nq);
    td_entity_set_free(E);
    if (update) {
      FILE *w = fopen(exp, "wb");
      assert_non_null(w);
      fwrite(out, 1, o, w);
      fclose(w);
    } else {
      FILE *r = fopen(exp, "rb");
      assert_non_null(r);
      static char want[65536];
      size_t wn = fread(want, 1, sizeof want - 1, r);
      fclose(r);
      want[wn] = 0;
      if (strcmp(want, out)) {
        print_error("%s differs:\n--- expected\n%s--- got\n%s", exp, want, out);
        fail();
      }
    }
    files++;
  }
  closedir(d);
  assert_true(files >= 2);
}

/* The seeds: every direct quote has a speaker, and the telegram's sentence,
** quoted by three outlets in three wordings, is one statement. */
static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static char tmp[1 << 16];
  *n = fread(tmp, 1, sizeof tmp - 1, f);
  fclose(f);
  tmp[*n] = 0;
  return td_strdup(tmp);
}

static void test_seeds(void **state) {
  (void)state;
  const char *sh = tu_shared();
  if (!sh) {
    skip(); /* ../shared is not here: the seeds test needs it */
    return;
  }
  const char *names[] = {"000_c29f869564501e89.txt", "001_ef3e79bec4dbceff.txt",
                         "002_e77057349d16fe55.txt", "003_f6d132e58f42e129.txt",
                         "004_834418110b785cbf.txt"};
  const char *telegram[3] = {NULL, NULL, NULL};
  size_t tlen[3] = {0, 0, 0};
  char *texts[5];
  for (int i = 0; i < 5; i++) {
    char p[8192];
    size_t n;
    snprintf(p, sizeof p, "%s/seeds/%s", sh, names[i]);
    texts[i] = slurp(p, &n);
    assert_non_null(texts[i]);
    got g = run(texts[i]);
    for (size_t k = 0; k < g.n; k++) {
      if (g.Q[k].kind == TD_QUOTE_DIRECT || g.Q[k].kind == TD_QUOTE_COLON) {
        if (!g.Q[k].speaker) print_error("%s: no speaker for %s\n", names[i], qtext(&g, k));
        assert_non_null(g.Q[k].speaker);
      }
      if (i < 3 && strstr(qtext(&g, k), "strategic stab") && !telegram[i]) {
        telegram[i] = texts[i] + g.Q[k].start;
        tlen[i] = g.Q[k].end - g.Q[k].start;
        assert_non_null(strstr(who(&g, k), "Putin"));
      }
    }
    done(&g);
  }
  for (int i = 0; i < 3; i++)
    assert_non_null(telegram[i]);
  assert_true(td_quote_similar(telegram[0], tlen[0], telegram[1], tlen[1]) >= TD_QUOTE_SAME);
  assert_true(td_quote_similar(telegram[0], tlen[0], telegram[2], tlen[2]) >= TD_QUOTE_SAME);
  assert_true(td_quote_similar(telegram[1], tlen[1], telegram[2], tlen[2]) >= TD_QUOTE_SAME);
  /* A different statement of the same article is not the telegram. */
  const char *other = "Our navy will keep its harbour on the southern coast for many years";
  assert_true(td_quote_similar(telegram[0], tlen[0], other, strlen(other)) < TD_QUOTE_SAME);
  for (int i = 0; i < 5; i++)
    td_free(texts[i]);
}

static void test_similar(void **state) {
  (void)state;
  const char *a = "We will cut taxes by 10 percent next year";
  const char *b = "we are going to cut taxes by ten percent next year";
  const char *c = "We will cut taxes by 20 percent next year";
  assert_true(td_quote_similar(a, strlen(a), a, strlen(a)) > 0.99);
  assert_true(td_quote_similar(a, strlen(a), b, strlen(b)) >= TD_QUOTE_SAME);
  assert_true(td_quote_similar(a, strlen(a), c, strlen(c)) < TD_QUOTE_SAME); /* numbers differ */
  assert_true(td_quote_similar("", 0, a, strlen(a)) == 0.0);
}

/* Linear on pathological input: these finish in well under the test timeout
** only when the work per byte is bounded; no wall-clock assertion. */
static void test_pathological(void **state) {
  (void)state;
  size_t n = 1 << 20;
  char *s = td_malloc(n + 1);
  assert_non_null(s);
  /* 1 MB of unbalanced marks and words, no line breaks. */
  static const char pat[] = "ab \"cd, \"\" e said \xE2\x80\x9C";
  for (size_t i = 0; i < n; i++)
    s[i] = pat[i % (sizeof pat - 1)];
  s[n] = 0;
  td_quote *Q;
  size_t nq;
  assert_int_equal(td_quotes_extract(s, n, NULL, &Q, &nq), TD_OK);
  td_quotes_free(Q, nq);
  /* A million short quotes: "a" "a" "a" ... */
  size_t m = 1000000, len = m * 4;
  char *t = td_malloc(len + 1);
  assert_non_null(t);
  for (size_t i = 0; i < m; i++)
    memcpy(t + 4 * i, "\"a\" ", 4);
  t[len] = 0;
  assert_int_equal(td_quotes_extract(t, len, NULL, &Q, &nq), TD_OK);
  assert_int_equal(nq, m);
  td_quotes_free(Q, nq);
  /* A statement, then 1 MB of partial quotes in the same paragraph: each
  ** looks back a bounded distance only. */
  static const char part[] = "x \xE2\x80\x9C"
                             "ab\xE2\x80\x9D ";
  size_t pl = sizeof part - 1, np = (n - 24) / pl;
  memcpy(s, "\"It is done,\" she said. ", 24);
  for (size_t i = 0; i < np; i++)
    memcpy(s + 24 + i * pl, part, pl);
  size_t sl = 24 + np * pl;
  assert_int_equal(td_quotes_extract(s, sl, NULL, &Q, &nq), TD_OK);
  assert_true(nq >= np / 2);
  td_quotes_free(Q, nq);
  /* 1 MB of distinct titled people, each followed by a description and a
  ** pronoun ("the Vestrian President said", "he said"), and of "Mr X, 58,
  ** told": resolving them looks back a bounded distance (both were
  ** quadratic once). */
  {
    size_t tlen = 0;
    unsigned k = 0;
    while (tlen + 200 < n) {
      unsigned x = k++;
      tlen += (size_t)snprintf(s + tlen, n + 1 - tlen,
                               "Vestrian President %c%c%co %c%ck met Mr %c%co, 58. \"Yes,\" the "
                               "Vestrian President said. \"No,\" he said. ",
                               'A' + x % 26, 'a' + x / 26 % 26, 'a' + x / 676 % 26,
                               'B' + x / 17576 % 20, 'a' + x % 7, 'C' + x % 23, 'a' + x / 23 % 26);
    }
    td_entity_set *E;
    assert_int_equal(td_entities_extract(s, tlen, NULL, 0, &E), TD_OK);
    assert_int_equal(td_quotes_extract(s, tlen, E, &Q, &nq), TD_OK);
    assert_true(nq >= 2 * (k - 1));
    td_quotes_free(Q, nq);
    td_entity_set_free(E);
  }
  /* Capitals, other scripts, invalid bytes. */
  const char *odd = "PUTIN SAID: “РОССИЯ ГОТОВА” \xFF\xFE «Путин сказал» „東京“ \"";
  td_entity_set *E;
  assert_int_equal(td_entities_extract(odd, strlen(odd), NULL, 0, &E), TD_OK);
  assert_int_equal(td_quotes_extract(odd, strlen(odd), E, &Q, &nq), TD_OK);
  assert_true(nq >= 2);
  td_quotes_free(Q, nq);
  td_entity_set_free(E);
  td_free(s);
  td_free(t);
}

/* Every allocation may fail: no crash, no leak, TD_ENOMEM. */
static void test_oom(void **state) {
  (void)state;
  const char *s = "“We will rebuild,” Mayor Ann Holt said. She added: “Soon.” "
                  "The council called it “a start”.";
  for (long k = 0; k < 400; k++) {
    td_alloc_fail_after(k);
    td_entity_set *E = NULL;
    td_quote *Q = NULL;
    size_t n = 0;
    int rc = td_entities_extract(s, strlen(s), NULL, 0, &E);
    if (rc == TD_OK) rc = td_quotes_extract(s, strlen(s), E, &Q, &n);
    td_alloc_fail_after(-1);
    assert_true(rc == TD_OK || rc == TD_ENOMEM);
    td_quotes_free(Q, n);
    td_entity_set_free(E);
  }
}

/* Inputs the fuzzer found: a NUL inside a looked-up name ran past the
** gazetteer's entry, and a quote of more hyphen parts than tokens overran
** its signature's arrays. */
static void test_fuzz_regressions(void **state) {
  (void)state;
  static const char nul[] = "Syria\0\0\0";
  assert_null(td_gaz_lookup(nul, sizeof nul - 1, 0));
  char q[4096];
  size_t n = 0;
  for (int i = 0; n + 5 < sizeof q; i++) { /* distinct parts: "kab-kac-..." */
    q[n++] = 'k';
    q[n++] = (char)('a' + i / 26 % 26);
    q[n++] = (char)('a' + i % 26);
    q[n++] = '-';
  }
  q[n++] = 'x';
  struct td_stemmer *st = td_stemmer_new("english");
  assert_non_null(st);
  td_quote_sig *g = td_quote_sig_new(q, n, st);
  assert_non_null(g);
  td_quote_sig_free(g);
  td_stemmer_free(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_after_and_before),
      cmocka_unit_test(test_curly_partial_and_org),
      cmocka_unit_test(test_interrupted_and_continued),
      cmocka_unit_test(test_nested_and_reported),
      cmocka_unit_test(test_description),
      cmocka_unit_test(test_apostrophes_are_not_quotes),
      cmocka_unit_test(test_statement_or_phrase),
      cmocka_unit_test(test_more_attribution),
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_seeds),
      cmocka_unit_test(test_similar),
      cmocka_unit_test(test_pathological),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_fuzz_regressions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
