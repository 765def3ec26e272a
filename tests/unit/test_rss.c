/* Unit tests: the feed reader — RSS 2.0 with content:encoded and
** descriptions, Atom with html/xhtml/text content, RSS 1.0, and bad feeds
** (not XML, not a feed, entity bombs, external entities). */
#include "testutil.h"

#include "clean/clean.h"
#include "read/read.h"
#include "tidings.h"
#include "util/alloc.h"

#define MAXA 8
typedef struct got {
  int n, rejected;
  td_article a[MAXA];
  char msg[512];
} got;

static int on_article(void *ctx, td_article *a) {
  got *g = ctx;
  if (g->n < MAXA) {
    g->a[g->n] = *a;
    td_article_init(a);
  }
  g->n++;
  return TD_OK;
}

static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  got *g = ctx;
  g->rejected += rejected;
  snprintf(g->msg, sizeof g->msg, "%s:%ld@%lld: %s", origin, line, offset, msg);
}

static void got_free(got *g) {
  for (int i = 0; i < g->n && i < MAXA; i++) td_article_release(&g->a[i]);
  memset(g, 0, sizeof *g);
}

static void rss2(void **state) {
  (void)state;
  const char *feed =
      "<?xml version=\"1.0\"?>\n"
      "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Vell Gazette</title>"
      "<item><title>Tram line extended</title><link>https://gazette.example/tram</link>"
      "<pubDate>Tue, 01 Apr 2031 09:00:00 +0200</pubDate><dc:creator>Ola Brenn</dc:creator>"
      "<description>Short summary.</description>"
      "<content:encoded><![CDATA[<p>The council voted to extend the tram line to the airport.</p>"
      "<p>Work starts in spring.</p><p>Share this article</p>]]></content:encoded></item>"
      "<item><title>Ferry fares rise</title><guid isPermaLink=\"true\">https://gazette.example/fares</guid>"
      "<description>&lt;p&gt;Fares on the island ferry rise by 5 percent in May.&lt;/p&gt;</description>"
      "</item></channel></rss>";
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_rss(feed, strlen(feed), "gazette.rss", &s), TD_OK);
  assert_int_equal(g.n, 2);
  assert_int_equal(g.rejected, 0);
  td_article *a = &g.a[0];
  assert_string_equal(a->title, "Tram line extended");
  assert_string_equal(a->url, "https://gazette.example/tram");
  assert_string_equal(a->source, "Vell Gazette");
  assert_string_equal(a->byline, "Ola Brenn");
  assert_string_equal(a->date, "Tue, 01 Apr 2031 09:00:00 +0200"); /* ingest normalises */
  const char *why;
  assert_int_equal(td_clean_article(a, &why), TD_OK);
  assert_string_equal(a->text, "The council voted to extend the tram line to the airport.\n\n"
                               "Work starts in spring.");
  a = &g.a[1];
  assert_string_equal(a->url, "https://gazette.example/fares");
  assert_int_equal(td_clean_article(a, &why), TD_OK);
  assert_string_equal(a->text, "Fares on the island ferry rise by 5 percent in May.");
  got_free(&g);
}

static void atom(void **state) {
  (void)state;
  const char *feed =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour Notes</title>"
      "<entry><title>Html entry</title><link rel=\"self\" href=\"https://h.example/self\"/>"
      "<link rel=\"alternate\" href=\"https://h.example/one\"/><updated>2031-04-02T10:00:00Z</updated>"
      "<published>2031-04-01T10:00:00Z</published><author><name>Iveta Lorne</name></author>"
      "<content type=\"html\">&lt;p&gt;The harbour reopened on Friday.&lt;/p&gt;</content></entry>"
      "<entry><title>Xhtml entry</title><link href=\"https://h.example/two\"/>"
      "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ferries run "
      "again.</p><p>Queues are short.</p></div></content></entry>"
      "<entry><title>Text entry</title><link href=\"https://h.example/three\"/>"
      "<content type=\"text\">Plain words about the bridge &amp; the tram.</content></entry>"
      "<entry><title>Empty entry</title><link href=\"https://h.example/four\"/></entry>"
      "</feed>";
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_rss(feed, strlen(feed), "notes.atom", &s), TD_OK);
  assert_int_equal(g.n, 3);
  assert_int_equal(g.rejected, 1); /* the entry without content */
  assert_non_null(strstr(g.msg, "Empty entry"));
  const char *why;
  assert_string_equal(g.a[0].url, "https://h.example/one");
  assert_string_equal(g.a[0].date, "2031-04-01T10:00:00Z");
  assert_string_equal(g.a[0].byline, "Iveta Lorne");
  assert_string_equal(g.a[0].source, "Harbour Notes");
  assert_int_equal(td_clean_article(&g.a[0], &why), TD_OK);
  assert_string_equal(g.a[0].text, "The harbour reopened on Friday.");
  assert_int_equal(td_clean_article(&g.a[1], &why), TD_OK);
  assert_string_equal(g.a[1].text, "Ferries run again.\n\nQueues are short.");
  assert_null(g.a[2].html);
  assert_string_equal(g.a[2].text, "Plain words about the bridge & the tram.");
  got_free(&g);
}

static void rss1(void **state) {
  (void)state;
  const char *feed =
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel><title>Old Feed</title></channel>"
      "<item><title>One</title><link>https://o.example/1</link><dc:date>2031-01-02</dc:date>"
      "<description>The first item of the old feed.</description></item></rdf:RDF>";
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_rss(feed, strlen(feed), "old.rdf", &s), TD_OK);
  assert_int_equal(g.n, 1);
  assert_string_equal(g.a[0].source, "Old Feed");
  assert_string_equal(g.a[0].date, "2031-01-02");
  got_free(&g);
}

static void bad_feeds(void **state) {
  (void)state;
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  const char *html = "<html><body><p>not a feed</p></body></html>";
  assert_int_equal(td_read_rss(html, strlen(html), "page.xml", &s), TD_OK);
  assert_int_equal(g.rejected, 1);
  assert_non_null(strstr(g.msg, "not an RSS or Atom feed"));
  const char *broken = "<rss><channel><title>x</title><item><title>a</item>";
  assert_int_equal(td_read_rss(broken, strlen(broken), "broken.rss", &s), TD_OK);
  assert_int_equal(g.rejected, 2);
  assert_non_null(strstr(g.msg, "broken.rss:1@"));
  assert_non_null(strstr(g.msg, "not a well-formed feed"));
  assert_int_equal(td_read_rss("just text", 9, "t.rss", &s), TD_OK);
  assert_int_equal(g.rejected, 3);
  assert_int_equal(td_read_rss("", 0, "empty.rss", &s), TD_OK);
  assert_int_equal(g.rejected, 4);
  /* Entities are never expanded: no bomb, no file read. */
  const char *bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
      "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<rss><channel><title>t</title><item><title>&g;</title><link>https://b.example/</link>"
      "<description>Bomb &g; and &x; here.</description></item></channel></rss>";
  assert_int_equal(td_read_rss(bomb, strlen(bomb), "bomb.rss", &s), TD_OK);
  for (int i = 0; i < g.n && i < MAXA; i++) {
    assert_true(!g.a[i].html || strlen(g.a[i].html) < 1000);
    assert_true(!g.a[i].html || !strstr(g.a[i].html, "root:"));
  }
  got_free(&g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rss2), cmocka_unit_test(atom), cmocka_unit_test(rss1),
      cmocka_unit_test(bad_feeds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
