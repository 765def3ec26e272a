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
      {"Ben Okafor Sports Editor", "Ben Okafor"},
      {"Mary Ann Okafor", "Mary Ann Okafor"},
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

/* Paragraphs of fictional prose, for pages that need some length. */
static const char *const prose[] = {
    "The ferry service to the outer islands resumed on Tuesday after the storm passed, the "
    "operator said, with the first sailing leaving Norvik at seven in the morning.",
    "Passengers had waited four days, and some slept in the terminal, where volunteers handed "
    "out blankets, soup and bread to families with children.",
    "The harbour master said the crossing would run on a reduced timetable until the damaged "
    "pier at Skarholm is repaired, which could take two weeks.",
};

static int has(const char *text, const char *needle) { return text && strstr(text, needle); }

static void comment_threads_and_bios(void **state) {
  (void)state;
  char html[8192];
  /* A thread whose class also says "body" is still a thread; the author's
  ** box goes too, though its name says "text". */
  snprintf(html, sizeof html,
           "<body><div class=\"entry-content\"><p>%s</p><p>%s</p></div>"
           "<div class=\"wp-about-author-text\"><p>Mira Castellane is a reporter who has "
           "covered the islands, their ferries and their weather for many years.</p></div>"
           "<div class=\"commentbody by-reader\"><p>What a week it has been for everyone on the "
           "islands, and thanks to the volunteers at the terminal, really.</p></div>"
           "<div class=\"commentbody by-other\"><p>My uncle was stuck there for four days, "
           "and he says the soup was excellent, honestly the best he had.</p></div></body>",
           prose[0], prose[1]);
  td_article a;
  int rc;
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_true(has(a.text, "first sailing") && has(a.text, "blankets"));
  assert_false(has(a.text, "uncle") || has(a.text, "What a week"));
  assert_false(has(a.text, "covered the islands"));
  assert_true(removed_with(&a, "comments", "uncle"));
  assert_true(removed_with(&a, "author-bio", "covered the islands"));
  td_article_release(&a);
  /* A short post is not traded for its long comment thread on a retry, and
  ** a comment form's "Name" label is no byline; "commented" on the article
  ** itself says nothing. */
  clean_html("<body><article class=\"post commented\"><p>Ferries run again from Monday, "
             "the operator said.</p></article><div id=\"comments\"><ol>"
             "<li><p>That is good news for the whole island, after such a long wait, and I "
             "hope the timetable holds through the winter, which it rarely does.</p></li>"
             "<li><p>Finally! We have been waiting for this for far too long, and the "
             "operator should have put on extra boats weeks ago, in my opinion.</p></li>"
             "<li><p>Does anyone know whether the early sailing on Saturdays is back as well, "
             "or only the weekday timetable for now? Thanks in advance.</p></li></ol>"
             "<form><p class=\"comment-form-author\"><label>Name *</label></p></form>"
             "</div></body>",
             &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_true(has(a.text, "Ferries run again"));
  assert_false(has(a.text, "timetable holds") || has(a.text, "Finally"));
  assert_null(a.byline);
  td_article_release(&a);
  /* Comments with no markup of their own, after a heading that says what
  ** they are, go from the heading on; a heading that says more stays, and
  ** so does the article's text before it. A WordPress-style caption goes. */
  snprintf(html, sizeof html,
           "<body><div class=\"post\"><p>%s</p><h3>Comments from the harbour master</h3>"
           "<p>%s</p><div class=\"wp-caption\"><img src=x.jpg><p>Passengers board the first "
           "ferry at Norvik on Tuesday morning, in the rain.</p></div><p>%s</p>"
           "<h2><a id=\"c\"></a>12 Comments</h2><p>I sailed on Tuesday and the crossing "
           "was smooth, better than I expected after the storm.</p><p class=\"posted\">Posted "
           "by: Ola | March 14, 2031</p></div></body>",
           prose[0], prose[1], prose[2]);
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_true(has(a.text, "first sailing") && has(a.text, "Comments from the harbour master") &&
              has(a.text, "harbour master said"));
  assert_false(has(a.text, "12 Comments") || has(a.text, "crossing was smooth"));
  assert_false(has(a.text, "in the rain"));
  assert_true(removed_with(&a, "comments", "crossing was smooth"));
  assert_true(removed_with(&a, "caption", "in the rain"));
  td_article_release(&a);
}

static void page_structure_hints(void **state) {
  (void)state;
  char html[16384];
  /* itemprop=articleBody wins over a slideshow of long captions. */
  char shows[6000] = "";
  for (int i = 0; i < 12; i++)
    strcat(shows, "<li><p>Passengers, some with bicycles, board the first ferry at Norvik, "
                  "on Tuesday, after the storm, in the rain. (Harbour Photo)</p></li>");
  snprintf(html, sizeof html,
           "<body><div class=wrap><div itemprop=\"articleBody\"><p>%s</p><p>%s</p><p>%s</p>"
           "<div class=holder><ul class=\"gallery-list\">%s</ul></div></div></div></body>",
           prose[0], prose[1], prose[2], shows);
  td_article a;
  int rc;
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_true(has(a.text, "first sailing") && has(a.text, "harbour master"));
  td_article_release(&a);
  /* A post in the element its CMS names as the body outranks a longer
  ** note in the sidebar. */
  snprintf(html, sizeof html,
           "<body><div class=\"entry-body\"><p>The island ferry is back, and so am I. More "
           "soon.</p></div><div class=\"side\"><ul><li><div>The opinions expressed here are my "
           "own, and nothing published here is approved in advance by my employer, the "
           "ferry operator, or any of its partners, agents or affiliates, now or later.</div>"
           "</li></ul></div></body>");
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_true(has(a.text, "The island ferry is back"));
  assert_false(has(a.text, "opinions expressed"));
  td_article_release(&a);
  /* A copy hidden by a utility class goes; one shown at desktop width
  ** ("hidden md:block") stays. */
  snprintf(html, sizeof html,
           "<body><div class=story><p>%s</p><p>%s</p>"
           "<div class=\"article hidden\"><p>%s</p></div>"
           "<div class=\"hidden md:block\"><p>%s</p></div></div></body>",
           prose[0], prose[1], "A duplicate copy of the ferry story, printed for the app.",
           prose[2]);
  clean_html(html, &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_false(has(a.text, "duplicate copy"));
  assert_true(has(a.text, "harbour master"));
  td_article_release(&a);
}

static void metadata_sources(void **state) {
  (void)state;
  td_article a;
  int rc;
  /* JSON-LD inside the CDATA guard old pages put around it. */
  clean_html("<script type=\"application/ld+json\">\n//<![CDATA[\n{\"@type\":\"NewsArticle\","
             "\"author\":[{\"@type\":\"Person\",\"name\":\"Mira Castellane\"},{\"@type\":"
             "\"Person\",\"name\":\"Jon Ostra\"}],\"datePublished\":\"2031-03-14\"}\n//]]>\n"
             "</script><p>The council voted on Monday to extend the tram line to the airport, "
             "officials said.</p>",
             &a, &rc);
  assert_int_equal(rc, TD_OK);
  assert_string_equal(a.byline, "Mira Castellane, Jon Ostra");
  assert_string_equal(a.date, "2031-03-14");
  td_article_release(&a);
  /* Dublin Core's creator outranks the generic author, also in a
  ** property attribute that names several properties. */
  clean_html("<meta name=\"author\" content=\"Vell Gazette Staff\">"
             "<meta property=\"dc:creator og:see_also\" content=\"Anna Keller\">"
             "<p>The council voted on Monday to extend the tram line to the airport, officials "
             "said.</p>",
             &a, &rc);
  assert_string_equal(a.byline, "Anna Keller");
  td_article_release(&a);
  /* An element named for authorization (a login box) is no byline; the
  ** byline after it is. */
  clean_html("<div id=\"authorization\"><a href=\"/in\">Log in</a></div>"
             "<div class=\"author_fmt\">By <a rel=\"author\" href=\"/a\">Anna Keller</a>, "
             "Vell Gazette News</div><p>The council voted on Monday to extend the tram line to "
             "the airport, officials said.</p>",
             &a, &rc);
  assert_string_equal(a.byline, "Anna Keller");
  td_article_release(&a);
  /* A JSON-LD "headline" that is a description, found nowhere on the
  ** page, gives way to the page's title. */
  clean_html("<html><head><title>Tram line extended - Vell Gazette</title>"
             "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
             "\"public transport in a small city\"}</script></head><body><p>The council "
             "voted on Monday to extend the tram line to the airport, officials said.</p>"
             "</body></html>",
             &a, &rc);
  assert_string_equal(a.title, "Tram line extended");
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
      cmocka_unit_test(large_page), cmocka_unit_test(comment_threads_and_bios),
      cmocka_unit_test(page_structure_hints), cmocka_unit_test(metadata_sources),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
