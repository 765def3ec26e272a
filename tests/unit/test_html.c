/* Unit tests: the HTML reader and main-text extraction (clean/extract_html.c)
** on our own pages: what stays, what goes and why, the metadata, and bad
** input (broken markup, deep nesting, oversized pages, no markup). */
#include "testutil.h"

#include "clean/clean.h"
#include "read/read.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

typedef struct got {
  int n, rejected;
  td_article a; /* the last article, taken over */
  char msg[512];
} got;

static int on_article(void *ctx, td_article *a) {
  got *g = ctx;
  td_article_release(&g->a);
  g->a = *a;
  td_article_init(a);
  g->n++;
  return TD_OK;
}

static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  got *g = ctx;
  g->rejected += rejected;
  snprintf(g->msg, sizeof g->msg, "%s@%lld: %s", origin, offset, msg);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
  b[n] = 0;
  fclose(f);
  *len = (size_t)n;
  return b;
}

static int removed_with(const td_article *a, const char *reason, const char *needle) {
  for (size_t i = 0; i < a->nremoved; i++)
    if (!strcmp(a->removed[i].reason, reason) && strstr(a->removed[i].text, needle)) return 1;
  return 0;
}

static void fixture_page(void **state) {
  (void)state;
  size_t len;
  char *page = slurp("tests/fixtures/html/harbour.html", &len);
  got g = {0};
  td_article_init(&g.a);
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_html(page, len, "harbour.html", &s), TD_OK);
  assert_int_equal(g.n, 1);
  td_article *a = &g.a;
  a->origin = "harbour.html";
  const char *why;
  assert_int_equal(td_clean_article(a, &why), TD_OK);
  /* In order, every block kind kept. */
  const char *order[] = {"The Eastgate harbour bridge reopened", "Engineers replaced two",
                         "Commuters return", "Ferry operators", "\"We asked a lot",
                         "40,000 vehicles", "speed limit", "full inspection of the southern"};
  const char *at = a->text;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    const char *p = strstr(at, order[i]);
    if (!p) fail_msg("missing or out of order: %s\n---\n%s", order[i], a->text);
    at = p;
  }
  assert_non_null(strstr(a->text, "reopening.\n\nThe bridge carries")); /* blank line between */
  /* The furniture is gone. */
  const char *gone[] = {"Home", "cookies", "Share on", "Sign up", "Storm damage bill",
                        "Council approves", "Great news", "All rights", "Photo:", "donation"};
  for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
    if (strstr(a->text, gone[i])) fail_msg("kept: %s", gone[i]);
  assert_true(removed_with(a, "caption", "Workers inspect"));
  assert_true(removed_with(a, "newsletter", "Sign up"));
  assert_true(removed_with(a, "appeal", "Your support"));
  /* Metadata. */
  assert_string_equal(a->title, "Harbour bridge reopens after storm repairs");
  assert_string_equal(a->byline, "Mira Castellane");
  assert_string_equal(a->date, "2031-03-14T07:30:00Z");
  assert_string_equal(a->source, "The Lakeside Courier");
  assert_string_equal(a->url, "https://courier.example/news/2031/03/14/harbour-bridge-reopens");
  assert_string_equal(a->lang, "en-GB");
  td_article_release(a);
  free(page);
}

static char *clean_html(const char *html, td_article *a, int *rc) {
  td_article_init(a);
  a->html = td_strdup(html);
  const char *why;
  *rc = td_clean_article(a, &why);
  return a->text;
}

static void metadata_fallbacks(void **state) {
  (void)state;
  td_article a;
  int rc;
  /* No JSON-LD, no meta: <title> without the site, the date from the URL,
  ** then from a <time>, then from the text. */
  clean_html("<html><head><title>Council votes to extend tram line - Vell Gazette</title></head>"
             "<body><div id=content><p>The council voted on Monday to extend the tram line "
             "to the airport, a project first proposed in 2024, by a majority of nine.</p>"
             "<p>Work should start next spring, officials said, and take three years.</p>"
             "</div></body></html>",
             &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_string_equal(a.title, "Council votes to extend tram line");
  assert_null(a.date);
  td_article_release(&a);
  td_article_init(&a);
  a.url = td_strdup("https://gazette.example/2031/05/02/tram");
  a.html = td_strdup("<p>The council voted on Monday to extend the tram line to the airport.</p>"
                     "<p>Posted on 1 May 2031</p>");
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.date, "2031-05-02"); /* the URL outranks the text */
  td_article_release(&a);
  clean_html("<body><time datetime=\"2031-05-03\">3 May</time><p>The council voted on Monday "
             "to extend the tram line to the airport, officials said.</p></body>",
             &a, &rc);
  assert_string_equal(a.date, "2031-05-03");
  td_article_release(&a);
  /* A reader's date (a crawl date) yields to an earlier page date only. */
  td_article_init(&a);
  a.date = td_strdup("2031-06-01T00:00:00Z");
  a.html = td_strdup("<meta property=\"article:published_time\" content=\"2031-05-20\">"
                     "<p>The council voted on Monday to extend the tram line to the airport.</p>");
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.date, "2031-05-20");
  td_article_release(&a);
}

static void dates_as_written(void **state) {
  (void)state;
  td_article a;
  int rc;
  /* A timestamp with an offset keeps the day it writes. */
  clean_html("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
             "\"datePublished\":\"2031-03-15T07:00:00+09:00\"}</script>"
             "<p>The council voted on Monday to extend the tram line to the airport.</p>",
             &a, &rc);
  assert_string_equal(a.date, "2031-03-15");
  td_article_release(&a);
  /* A UTC timestamp late in the day yields to the next day in the URL. */
  td_article_init(&a);
  a.url = td_strdup("https://gazette.example/2031/03/15/tram");
  a.html = td_strdup("<meta property=\"article:published_time\" content=\"2031-03-14T23:30:00Z\">"
                     "<p>The council voted on Monday to extend the tram line to the airport.</p>");
  const char *why;
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_string_equal(a.date, "2031-03-15");
  td_article_release(&a);
  /* ... but not a timestamp without a zone: it is local already. */
  td_article_init(&a);
  a.url = td_strdup("https://gazette.example/2031/03/15/tram");
  a.html = td_strdup("<meta property=\"article:published_time\" content=\"2031-03-14 23:30:00\">"
                     "<p>The council voted on Monday to extend the tram line to the airport.</p>");
  assert_int_equal(td_clean_article(&a, &why), TD_OK);
  assert_memory_equal(a.date, "2031-03-14", 10);
  td_article_release(&a);
  /* An element whose class says it is the publication date, in CJK form;
  ** a comment's date is not the article's. */
  clean_html("<div class=\"comment-date\">2031-01-02</div>"
             "<span class=\"entry-date\">2031\xE5\xB9\xB4" "03\xE6\x9C\x88" "14\xE6\x97\xA5</span>"
             "<p>The council voted on Monday to extend the tram line to the airport.</p>",
             &a, &rc);
  assert_string_equal(a.date, "2031-03-14");
  td_article_release(&a);
  /* A wrapper whose class says "publish" is no date field. */
  clean_html("<div class=\"status-publish\"><p>The council voted on Monday, 2 June 2031, to "
             "extend the tram line to the airport, a project first proposed years ago.</p>"
             "<p>Work should start next spring, officials said.</p></div>"
             "<div class=\"date\">1 June 2031</div>",
             &a, &rc);
  assert_string_equal(a.date, "2031-06-01");
  td_article_release(&a);
}

static void bylines(void **state) {
  (void)state;
  /* What a byline element says besides the names goes. */
  static const char *const cases[][2] = {
      {"By Mira Castellane - Mar 14, 2031 8:02 pm UTC", "Mira Castellane"},
      {"Harbour desk by Mira Castellane March 14, 2031", "Mira Castellane"},
      {"Mira Castellane, Senior Harbour Correspondent, Vell Gazette", "Mira Castellane"},
      {"Mira Castellane, Jon Ostra", "Mira Castellane, Jon Ostra"},
      {"Mira Castellane \xE2\x80\x94", "Mira Castellane"},
      {"Por Mira Castellane hace 2 horas", "Mira Castellane"},
      {"Sign In | Sign Up | Subscribe | My Account", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char html[512];
    snprintf(html, sizeof html,
             "<div class=\"byline\">%s</div><p>The council voted on Monday to extend the tram "
             "line to the airport, a project first proposed years ago.</p>",
             cases[i][0]);
    td_article a;
    int rc;
    clean_html(html, &a, &rc);
    assert_int_equal(rc, TD_OK);
    if (!cases[i][1]) {
      if (a.byline) fail_msg("%s: byline %s", cases[i][0], a.byline);
    } else {
      assert_non_null(a.byline);
      assert_string_equal(a.byline, cases[i][1]);
    }
    td_article_release(&a);
  }
}

static void jsonld_body_when_it_helps(void **state) {
  (void)state;
  /* The page hides its text behind a script; articleBody has it. */
  char html[8192];
  char body[4096] = "";
  for (int i = 0; i < 12; i++)
    strcat(body, "The ferry service to the outer islands resumed after the storm passed. ");
  snprintf(html, sizeof html,
           "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
           "\"headline\":\"Ferries resume\",\"articleBody\":\"%s\"}</script></head>"
           "<body><div class=app><p>Loading the article, please wait a moment.</p></div></body></html>",
           body);
  td_article a;
  int rc;
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_non_null(strstr(a.text, "outer islands"));
  assert_string_equal(a.title, "Ferries resume");
  td_article_release(&a);
}

static void broken_markup(void **state) {
  (void)state;
  td_article a;
  int rc;
  clean_html("<html><body><div><p>Unclosed paragraph about the harbour reopening after the "
             "storm, which took four months<p>Second <b>bold <i>nested</b> text</i> about the "
             "ferries and the many passengers they carried<table><tr><td>cell</div></span>&bogus;"
             "<!-- unterminated comment",
             &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_non_null(strstr(a.text, "Unclosed paragraph"));
  assert_non_null(strstr(a.text, "nested"));
  td_article_release(&a);
  /* Nothing usable: a clear status. */
  td_article_init(&a);
  a.html = td_strdup("<html><body><script>var x = 1;</script></body></html>");
  const char *why = NULL;
  assert_int_equal(td_clean_article(&a, &why), TD_EINPUT);
  assert_non_null(why);
  td_article_release(&a);
}

static void deep_nesting(void **state) {
  (void)state;
  /* 10,000 nested elements: libxml2 stops at its depth limit, we never
  ** recurse past ours; a status or an article, not a crash. */
  td_buf b = TD_BUF_INIT;
  td_buf_puts(&b, "<html><body><p>The harbour bridge reopened on Friday after repairs.</p>");
  for (int i = 0; i < 10000; i++) td_buf_puts(&b, "<div><span>");
  td_buf_puts(&b, "deep text");
  td_article a;
  int rc;
  clean_html(b.ptr, &a, &rc);
  assert_true(rc == TD_OK || rc == TD_EINPUT);
  td_article_release(&a);
  td_buf_release(&b);
}

static void oversized_and_empty(void **state) {
  (void)state;
  got g = {0};
  td_article_init(&g.a);
  td_sink s = {on_article, on_diag, &g, 0};
  /* The reader refuses a page over TD_READ_MAX_DOC without reading it. */
  size_t big = TD_READ_MAX_DOC + 1;
  char *page = malloc(big);
  memset(page, 'a', big);
  memcpy(page, "<p>", 3);
  assert_int_equal(td_read_html(page, big, "big.html", &s), TD_OK);
  assert_int_equal(g.n, 0);
  assert_int_equal(g.rejected, 1);
  assert_non_null(strstr(g.msg, "big.html@0"));
  assert_non_null(strstr(g.msg, "MB"));
  free(page);
  assert_int_equal(td_read_html("   \n", 4, "blank.html", &s), TD_OK);
  assert_int_equal(g.rejected, 2);
  assert_int_equal(td_read_html("just words", 10, "w.html", &s), TD_OK);
  assert_int_equal(g.rejected, 3);
  /* NUL bytes do not cut a page short. */
  const char nul[] = "<p>first part</p>\0<p>second part of the page about ferries</p>";
  assert_int_equal(td_read_html(nul, sizeof nul - 1, "nul.html", &s), TD_OK);
  assert_int_equal(g.n, 1);
  assert_non_null(strstr(g.a.html, "second part"));
  td_article_release(&g.a);
}

static void large_page(void **state) {
  (void)state;
  /* A page of several MB of paragraphs: extracted whole, linear time. */
  td_buf b = TD_BUF_INIT;
  td_buf_puts(&b, "<html><body><article>");
  for (int i = 0; b.len < (8u << 20); i++)
    td_buf_printf(&b, "<p>Paragraph %d of the long report on the harbour, with commas, "
                      "clauses, and enough words to count as prose.</p>\n", i);
  td_buf_puts(&b, "</article></body></html>");
  td_article a;
  int rc;
  clean_html(b.ptr, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_non_null(strstr(a.text, "Paragraph 0 of"));
  assert_true(strlen(a.text) > (6u << 20));
  td_article_release(&a);
  td_buf_release(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixture_page),  cmocka_unit_test(metadata_fallbacks),
      cmocka_unit_test(dates_as_written), cmocka_unit_test(bylines),
      cmocka_unit_test(jsonld_body_when_it_helps), cmocka_unit_test(broken_markup),
      cmocka_unit_test(deep_nesting),  cmocka_unit_test(oversized_and_empty),
      cmocka_unit_test(large_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
