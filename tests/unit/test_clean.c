/* Unit tests: clean/ — plain-text boilerplate removal, dates, charsets, and
** the seeds check (001 loses its appeal and comment-forum lines, keeps every
** sentence of the report; the other seeds lose nothing but captions). */
#include "testutil.h"

#include "clean/clean.h"
#include "clean/clean_int.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

static td_article text_article(const char *title, const char *text) {
  td_article a;
  td_article_init(&a);
  a.title = td_strdup(title);
  a.text = td_strdup(text);
  return a;
}

static int removed_with(const td_article *a, const char *reason, const char *needle) {
  for (size_t i = 0; i < a->nremoved; i++)
    if (!strcmp(a->removed[i].reason, reason) && strstr(a->removed[i].text, needle)) return 1;
  return 0;
}

static void glued_appeal(void **state) {
  (void)state;
  td_article a = text_article(
      "Ferry strike ends",
      "Your support keeps our newsroom going\n"
      "We are funded by readers like you, and we never put our reporting behind a wall.\n"
      "Every contribution counts.Dock workers at Norvik ended a nine-day strike on Tuesday.\n"
      "The union said members had accepted a 4 percent raise.\n"
      "Sign up for our morning newsletter\n"
      "Join the conversation\n"
      "Comments\n");
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, "Dock workers at Norvik ended a nine-day strike on Tuesday.\n"
                              "The union said members had accepted a 4 percent raise.");
  assert_true(removed_with(&a, "appeal", "Every contribution counts."));
  assert_true(removed_with(&a, "appeal", "funded by readers"));
  assert_true(removed_with(&a, "newsletter", "Sign up"));
  assert_true(removed_with(&a, "comments", "Join the conversation"));
  assert_true(removed_with(&a, "comments", "Comments"));
  td_article_release(&a);
}

static void keeps_the_news(void **state) {
  (void)state;
  /* Quotes and ordinary sentences that brush against the lexicon stay. */
  const char *body = "\"Thank you for your support,\" the mayor told volunteers.\n\n"
                     "Share prices of the ferry company rose 3 percent on the news.\n\n"
                     "RELATED: the council debated the harbour budget for three hours on "
                     "Monday, and members said the ferry contract would be reviewed in spring.";
  td_article a = text_article("Mayor thanks volunteers", body);
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, body);
  assert_int_equal(a.nremoved, 0);
  td_article_release(&a);
}

static void captions_and_bylines(void **state) {
  (void)state;
  td_article a = text_article("Bridge opens",
                              "By Anna Keller\n\n"
                              "The minister (left) cuts the ribbon at the new bridge in Vell\n\n"
                              "The new bridge opened on Monday.\n\n"
                              "Read more: Vell council approves budget\n\n"
                              "Advertisement");
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, "The new bridge opened on Monday.");
  assert_string_equal(a.byline, "Anna Keller");
  assert_true(removed_with(&a, "caption", "cuts the ribbon"));
  assert_true(removed_with(&a, "related", "Read more"));
  assert_true(removed_with(&a, "advertising", "Advertisement"));
  td_article_release(&a);
}

static void blog_footers(void **state) {
  (void)state;
  /* A blog post's footer lines go; a news sentence that mentions tags,
  ** filing and printing stays. */
  const char *news = "The ferry operator filed a complaint on Monday, and tags on the "
                     "luggage were printed in the wrong language, the union said.";
  char text[2048];
  snprintf(text, sizeof text,
           "%s\n\n"
           "This entry was posted on Monday, March 3, 2031 at 7:14 pm and is filed under "
           "Harbour, Ferries.\n\nYou can follow any responses to this entry through the RSS 2.0 "
           "feed. You can skip to the end and leave a response. Pinging is currently not "
           "allowed.\n\n"
           "Tags: ferries, Norvik, strikes\n\n"
           "Next post: Storm closes the outer pier\n\n"
           "Sign-up to the Harbour Notes newsletter for weekly updates.\n\n"
           "A version of this article appeared in print on 03/04/2031, on page B9.",
           news);
  td_article a = text_article("Ferry complaint", text);
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, news);
  assert_true(removed_with(&a, "navigation", "This entry was posted"));
  assert_true(removed_with(&a, "comments", "You can follow any responses"));
  assert_true(removed_with(&a, "navigation", "Tags: ferries"));
  assert_true(removed_with(&a, "related", "Next post"));
  assert_true(removed_with(&a, "newsletter", "Sign-up to the"));
  assert_true(removed_with(&a, "navigation", "appeared in print"));
  td_article_release(&a);
}

static void empty_after_cleaning(void **state) {
  (void)state;
  td_article a = text_article("x", "Share this article\n\nComments\n");
  const char *why = NULL;
  assert_int_equal(td_clean_article(&a, &why), TD_EINPUT);
  assert_non_null(why);
  td_article_release(&a);
}

static void outlet_speaks_of_itself(void **state) {
  (void)state;
  /* The outlet names itself in appeal vocabulary: an appeal, whole paragraph. */
  td_article a = text_article(
      "Harbour dredging resumes",
      "The Quayside Herald is reader-funded and free to read. If our coverage helps you, "
      "please consider a donation.\n\n"
      "Dredging of the Norvik harbour resumed on Monday. The Quayside Herald has not seen the "
      "contract, and the port authority knew the cost would rise.\n\n"
      "Quayside Herald relies on readers like you.");
  a.source = td_strdup("quaysideherald.example");
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, "Dredging of the Norvik harbour resumed on Monday. The Quayside Herald "
                              "has not seen the contract, and the port authority knew the cost "
                              "would rise.");
  assert_true(removed_with(&a, "appeal", "free to read"));
  assert_true(removed_with(&a, "appeal", "relies on readers"));
  td_article_release(&a);
  /* Without a source, the outlet's name is unknown: only the lexicon acts. */
  a = text_article("t", "The Quayside Herald is independent.\n\nThe ferry sailed at noon.");
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_non_null(strstr(a.text, "is independent"));
  td_article_release(&a);
  /* An outlet called "The Independent" is not independent by its name alone. */
  a = text_article("t", "The Independent has learned that the ferry sailed at noon.");
  a.source = td_strdup("The Independent");
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_int_equal(a.nremoved, 0);
  td_article_release(&a);
}

static void kept_spacing(void **state) {
  (void)state;
  /* Sentences that stay keep what separated them; abbreviations do not split. */
  const char *body = "Mr. Vell met Gen. Ostra at 3 p.m. on Monday.  The talks ended.";
  td_article a = text_article("t", body);
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.text, "Mr. Vell met Gen. Ostra at 3 p.m. on Monday. The talks ended.");
  td_article_release(&a);
}

/* A corpus of our own: an outlet whose every article ends with the same
** line no lexicon knows. From the sixth article on, the line is the outlet's
** learned boilerplate; a re-ingest teaches nothing. */
static void outlet_boilerplate_learned(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof path, "%s/learn.db", tu_tmpdir());
  unlink(path);
  td *db = NULL;
  assert_int_equal(td_open(path, NULL, &db), TD_OK);
  td_buf b = TD_BUF_INIT;
  static const char *const towns[] = {"Norvik", "Vell", "Ostra", "Kestrava", "Drosk",
                                      "Brennick", "Tarn", "Ilmen"};
  for (int i = 0; i < 8; i++)
    td_buf_printf(&b,
                  "{\"url\":\"https://quayside.example/%d\",\"source\":\"Quayside Herald\","
                  "\"title\":\"Ferry news %d\",\"date\":\"2031-03-%02d\",\"text\":\"The ferry to "
                  "%s sailed %d minutes late on Monday, the operator said.\\n\\nQuayside Herald "
                  "readers get the harbour briefing every Saturday morning.\"}\n",
                  i + 1, i + 1, i + 1, towns[i], 10 + i);
  td_ingest_opts o = {.format = TD_FMT_JSONL};
  td_ingest_counts c;
  memset(&c, 0, sizeof c);
  assert_int_equal(td_ingest_buffer(db, b.ptr, b.len, "learn.jsonl", &o, &c), TD_OK);
  assert_int_equal(td_ingest_buffer(db, b.ptr, b.len, "learn.jsonl", &o, &c), TD_OK);
  td_buf_release(&b);
  for (int id = 1; id <= 8; id++) {
    char key[16], *json = NULL;
    snprintf(key, sizeof key, "%d", id);
    assert_int_equal(td_article_json(db, key, &json), TD_OK);
    int learned = strstr(json, "outlet-boilerplate") != NULL;
    int kept = strstr(json, "briefing every Saturday") != NULL && !learned;
    if (id <= 5 && (learned || !kept)) fail_msg("article %d: the line was removed too early", id);
    if (id > 5 && !learned) fail_msg("article %d: the learned line stayed: %s", id, json);
    assert_non_null(strstr(json, "sailed"));
    td_free(json);
  }
  td_close(db);
  unlink(path);
}

/* The clean side alone, with a corpus in memory: a line with a quotation is
** never learned, whatever the counts; without a source nothing is asked. */
static long long fake_calls;
static int fake_seen(struct td_store *st, const char *source, const char *url,
                     const uint64_t *hashes, size_t n, long long *counts) {
  (void)st, (void)source, (void)url, (void)hashes;
  fake_calls++;
  for (size_t i = 0; i < n; i++) counts[i] = 100;
  return TD_OK;
}

static void outlet_boilerplate_spares_quotes(void **state) {
  (void)state;
  td_clean_ctx ctx = {.lines_seen = fake_seen};
  td_article a = text_article("t", "\"We will sail,\" the captain said on Monday morning.\n\n"
                                   "All the harbour news, every single day, from the quay.");
  a.source = td_strdup("Quayside Herald");
  a.url = td_strdup("https://quayside.example/x");
  const char *why;
  assert_int_equal(td_clean_article_ctx(&a, &ctx, &why), TD_OK);
  assert_string_equal(a.text, "\"We will sail,\" the captain said on Monday morning.");
  assert_true(removed_with(&a, "outlet-boilerplate", "every single day"));
  td_article_release(&a);
  fake_calls = 0;
  a = text_article("t", "All the harbour news, every single day, from the quay.");
  assert_int_equal(td_clean_article_ctx(&a, &ctx, &why), TD_OK);
  assert_int_equal(fake_calls, 0);
  td_article_release(&a);
  /* Folding: case, digits and punctuation do not make a new line. */
  const char *x = "© 2031 Quayside Herald. All rights reserved",
             *y = "© 2032 QUAYSIDE HERALD — all rights reserved!";
  assert_true(td_clean_line_hash(x, strlen(x)) == td_clean_line_hash(y, strlen(y)));
  assert_true(td_clean_line_hash("Share", 5) == 0);
}

static void dates(void **state) {
  (void)state;
  char d[21];
  assert_int_equal(td_clean_parse_date("2031-03-14T08:30:00+01:00", 25, d), 0);
  assert_string_equal(d, "2031-03-14T07:30:00Z");
  assert_int_equal(td_clean_parse_date("14.03.2031", 10, d), 0);
  assert_string_equal(d, "2031-03-14");
  assert_int_equal(td_clean_parse_date("Posted: March 14th, 2031 at 9am", 31, d), 0);
  assert_string_equal(d, "2031-03-14");
  assert_int_equal(td_clean_parse_date("14 de marzo de 2031", 19, d), 0);
  assert_string_equal(d, "2031-03-14");
  /* Arabic and Russian month names (a weekday and a time around them). */
  const char *ar = "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xB1\xD8\xA8\xD8\xB9\xD8\xA7\xD8\xA1\xD8\x8C 14 "
                   "\xD8\xA3\xD9\x83\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1 2031 - 12:09";
  assert_int_equal(td_clean_parse_date(ar, strlen(ar), d), 0);
  assert_string_equal(d, "2031-10-14");
  const char *ru = "14 \xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F 2031, 10:15";
  assert_int_equal(td_clean_parse_date(ru, strlen(ru), d), 0);
  assert_string_equal(d, "2031-09-14");
  assert_int_equal(td_clean_parse_date("1931-03-14", 10, d), -1); /* not plausible */
  assert_int_equal(td_clean_parse_date("soon", 4, d), -1);
  assert_int_equal(td_clean_date_from_url("https://x.example/2031/03/14/slug", d), 0);
  assert_string_equal(d, "2031-03-14");
  assert_int_equal(td_clean_date_from_url("https://x.example/news/20310314-slug", d), 0);
  assert_string_equal(d, "2031-03-14");
  assert_int_equal(td_clean_date_from_url("https://2031.example/a/b", d), -1);
  const char *t = "Updated 3 hours ago. Published Mar. 2, 2031. Lorem.";
  assert_int_equal(td_clean_date_from_text(t, strlen(t), d), 0);
  assert_string_equal(d, "2031-03-02");
}

static void charsets(void **state) {
  (void)state;
  size_t n;
  /* windows-1251 declared in a meta tag: "Привет" */
  const char cp1251[] = "<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
  char *u = td_clean_to_utf8(cp1251, sizeof cp1251 - 1, NULL, &n);
  assert_non_null(strstr(u, "Привет"));
  td_free(u);
  /* An HTTP hint wins over nothing; valid UTF-8 wins over a wrong meta. */
  const char latin[] = "<p>caf\xE9</p>";
  u = td_clean_to_utf8(latin, sizeof latin - 1, "iso-8859-1", &n);
  assert_non_null(strstr(u, "café"));
  td_free(u);
  const char lie[] = "<meta charset=\"iso-8859-1\"><p>café</p>";
  u = td_clean_to_utf8(lie, sizeof lie - 1, NULL, &n);
  assert_non_null(strstr(u, "café"));
  td_free(u);
  /* Unknown charset: windows-1252, never a failure. */
  u = td_clean_to_utf8(latin, sizeof latin - 1, "x-no-such-charset", &n);
  assert_non_null(strstr(u, "café"));
  td_free(u);
  char cs[32];
  assert_int_equal(td_clean_charset_param("text/html; charset=\"KOI8-R\"", 27, cs, sizeof cs), 0);
  assert_string_equal(cs, "KOI8-R");
}

/* Read a seed as the text reader does: first line the headline. */
static int load_seed(const char *prefix, td_article *a, char **raw) {
  const char *sh = tu_shared();
  if (!sh) return -1;
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "ls %s/seeds/%s_*.txt 2>/dev/null", sh, prefix);
  FILE *p = popen(cmd, "r");
  char path[4096] = "";
  if (!p || !fgets(path, sizeof path, p)) {
    if (p) pclose(p);
    return -1;
  }
  pclose(p);
  path[strcspn(path, "\n")] = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *nl = strchr(buf, '\n');
  if (!nl) return -1;
  td_article_init(a);
  a->title = td_strndup(buf, (size_t)(nl - buf));
  a->text = td_strdup(nl + 1);
  *raw = buf;
  return 0;
}

static void seeds(void **state) {
  (void)state;
  td_article a;
  char *raw;
  if (load_seed("001", &a, &raw)) {
    skip(); /* ../shared (or $TIDINGS_SHARED) is not here: no seeds to check */
    return;
  }
  char *body = td_strdup(strchr(raw, '\n') + 1);
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  /* The appeal and the forum are gone, and recorded. */
  assert_null(strstr(a.text, "Your support"));
  assert_null(strstr(a.text, "donation"));
  assert_null(strstr(a.text, "paywalls"));
  assert_null(strstr(a.text, "commenting forum"));
  assert_null(strstr(a.text, "Comments"));
  assert_true(removed_with(&a, "appeal", "Your support makes all the difference."));
  assert_true(removed_with(&a, "comments", "commenting forum"));
  /* Every line of the report stays whole: the lines from the one the appeal
  ** is glued to up to the forum. */
  char *start = strstr(body, "difference.");
  assert_non_null(start);
  start += strlen("difference.");
  char *end = strstr(start, "\nJoin our");
  assert_non_null(end);
  *end = '\0';
  for (char *l = strtok(start, "\n"); l; l = strtok(NULL, "\n")) assert_non_null(strstr(a.text, l));
  td_free(body);
  td_article_release(&a);
  /* The other reports lose nothing but photo captions. */
  const char *others[] = {"000", "002", "003", "004"};
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(load_seed(others[i], &a, &raw), 0);
    assert_int_equal(td_clean_article(&a, &why), TD_OK);
    for (size_t k = 0; k < a.nremoved; k++) assert_string_equal(a.removed[k].reason, "caption");
    td_article_release(&a);
  }
}

static void oom_is_clean(void **state) {
  (void)state;
  /* Fail every allocation in turn: a status, never a crash or a leak. */
  for (long n = 0; n < 400; n++) {
    td_article a = text_article("t", "Your support matters.The ferry sailed.\nComments\n");
    td_alloc_fail_after(n);
    const char *why;
    int rc = td_clean_article(&a, &why);
    td_alloc_fail_after(-1);
    if (rc != TD_OK && rc != TD_ENOMEM) fail_msg("allocation %ld: status %d (%s)", n, rc, why);
    td_article_release(&a);
    if (rc == TD_OK) break;
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(glued_appeal), cmocka_unit_test(keeps_the_news),
      cmocka_unit_test(captions_and_bylines), cmocka_unit_test(empty_after_cleaning),
      cmocka_unit_test(outlet_speaks_of_itself), cmocka_unit_test(kept_spacing),
      cmocka_unit_test(outlet_boilerplate_learned), cmocka_unit_test(outlet_boilerplate_spares_quotes),
      cmocka_unit_test(dates), cmocka_unit_test(charsets), cmocka_unit_test(seeds),
      cmocka_unit_test(oom_is_clean), cmocka_unit_test(blog_footers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
