/* Unit tests: read/ — format detection, the text and JSON Lines readers,
** and the path walker's streaming and bad-input handling. */
#include "testutil.h"

#include "read/read.h"
#include "util/alloc.h"

#include <sys/stat.h>

#define MAXA 16
typedef struct got {
  int n, rejected, warnings;
  char *title[MAXA], *text[MAXA], *url[MAXA], *date[MAXA], *source[MAXA];
  long line[MAXA];
  char last_msg[512];
  long last_line;
  long long last_offset;
} got;

static int on_article(void *ctx, td_article *a) {
  got *g = ctx;
  if (g->n < MAXA) {
    g->title[g->n] = td_strdup(a->title);
    g->text[g->n] = td_strdup(a->text);
    g->url[g->n] = td_strdup(a->url);
    g->date[g->n] = td_strdup(a->date);
    g->source[g->n] = td_strdup(a->source);
    g->line[g->n] = a->line;
  }
  g->n++;
  return TD_OK;
}

static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  got *g = ctx;
  if (rejected) g->rejected++;
  else g->warnings++;
  snprintf(g->last_msg, sizeof g->last_msg, "%s", msg);
  g->last_line = line;
  g->last_offset = offset;
}

static void got_free(got *g) {
  for (int i = 0; i < g->n && i < MAXA; i++) {
    td_free(g->title[i]);
    td_free(g->text[i]);
    td_free(g->url[i]);
    td_free(g->date[i]);
    td_free(g->source[i]);
  }
  memset(g, 0, sizeof *g);
}

#define SINK(g) {on_article, on_diag, &(g), 0}

static void detect(void **state) {
  (void)state;
  assert_int_equal(td_read_detect("a.jsonl", "", 0), TD_FMT_JSONL);
  assert_int_equal(td_read_detect("a.warc.gz", "", 0), TD_FMT_WARC);
  assert_int_equal(td_read_detect("a.HTML", "", 0), TD_FMT_HTML);
  assert_int_equal(td_read_detect("feed.xml", "", 0), TD_FMT_RSS);
  assert_int_equal(td_read_detect(NULL, "{\"a\":1}", 7), TD_FMT_JSONL);
  assert_int_equal(td_read_detect(NULL, "WARC/1.0\r\n", 10), TD_FMT_WARC);
  assert_int_equal(td_read_detect(NULL, "\x1f\x8b\x08", 3), TD_FMT_WARC);
  assert_int_equal(td_read_detect(NULL, "<?xml version=\"1.0\"?><rss>", 26), TD_FMT_RSS);
  assert_int_equal(td_read_detect(NULL, "  <!DOCTYPE html><html>", 23), TD_FMT_HTML);
  assert_int_equal(td_read_detect(NULL, "Headline\n\nBody.", 15), TD_FMT_TEXT);
  assert_int_equal(td_read_detect("-", "Headline", 8), TD_FMT_TEXT);
}

static void text_article(void **state) {
  (void)state;
  got g = {0};
  td_sink s = SINK(g);
  const char *t = "\n\n  Harbour bridge reopens after repairs  \nThe bridge reopened on Monday.\n\n"
                  "Traffic was light.\n";
  assert_int_equal(td_read_text(t, strlen(t), "a.txt", &s), TD_OK);
  assert_int_equal(g.n, 1);
  assert_int_equal(g.rejected, 0);
  assert_string_equal(g.title[0], "  Harbour bridge reopens after repairs  ");
  assert_non_null(strstr(g.text[0], "Traffic was light."));
  assert_int_equal(g.line[0], 3);
  got_free(&g);
}

static void text_bad_inputs(void **state) {
  (void)state;
  got g = {0};
  td_sink s = SINK(g);
  assert_int_equal(td_read_text("", 0, "empty.txt", &s), TD_OK);
  assert_int_equal(td_read_text(" \n\n \t\n", 6, "blank.txt", &s), TD_OK);
  assert_int_equal(g.rejected, 2);
  assert_non_null(strstr(g.last_msg, "empty"));
  assert_int_equal(td_read_text("Head\nbo\0dy", 10, "bin.txt", &s), TD_OK);
  assert_int_equal(g.rejected, 3);
  assert_int_equal(g.last_offset, 7);
  assert_non_null(strstr(g.last_msg, "binary"));
  const char *bad = "Head\nline two \xC3\x28 here\n";
  assert_int_equal(td_read_text(bad, strlen(bad), "latin.txt", &s), TD_OK);
  assert_int_equal(g.rejected, 4);
  assert_int_equal(g.last_offset, 14);
  assert_int_equal(g.last_line, 2);
  assert_non_null(strstr(g.last_msg, "UTF-8"));
  size_t n = 5000;
  char *longline = malloc(n);
  memset(longline, 'a', n);
  assert_int_equal(td_read_text(longline, n, "long.txt", &s), TD_OK);
  free(longline);
  assert_int_equal(g.rejected, 5);
  assert_int_equal(g.n, 0);
  got_free(&g);
}

static void jsonl_fields(void **state) {
  (void)state;
  got g = {0};
  td_sink s = SINK(g);
  const char *j =
      "{\"id\":\"a1\",\"url\":\"https://x.test/1\",\"source\":\"Gazette\",\"title\":\"T1\","
      "\"date\":\"2024-01-02\",\"text\":\"Body one.\"}\n"
      "\n"
      "{\"maintext\":\"Body two.\",\"date_publish\":\"2024-01-03 10:00:00\","
      "\"source_domain\":\"news.test\",\"title\":\"T2\",\"id\":7}\r\n"
      "{\"title\":\"no body\"}\n"
      "{not json}\n"
      "[1,2]\n"
      "{\"text\":\"Body three.\",\"date_publish\":1700000000}";
  assert_int_equal(td_read_jsonl(j, strlen(j), "feed.jsonl", &s), TD_OK);
  assert_int_equal(g.n, 3);
  assert_int_equal(g.rejected, 3);
  assert_string_equal(g.url[0], "https://x.test/1");
  assert_string_equal(g.source[0], "Gazette");
  assert_string_equal(g.date[0], "2024-01-02");
  assert_string_equal(g.text[1], "Body two.");
  assert_string_equal(g.source[1], "news.test");
  assert_string_equal(g.url[1], "feed.jsonl#7");
  assert_int_equal(g.line[1], 3);
  assert_string_equal(g.url[2], "feed.jsonl:7");
  assert_string_equal(g.date[2], "2023-11-14T22:13:20Z");
  assert_int_equal(g.last_line, 6);
  got_free(&g);
}

/* The path walker streams a big JSON Lines file with an over-long line in
** the middle: the line is skipped with its number, the rest are read. */
static void stream_long_line(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof path, "%s/long.jsonl", tu_tmpdir());
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("{\"text\":\"first\"}\n", f);
  fputs("{\"text\":\"", f);
  static char chunk[1 << 16];
  memset(chunk, 'z', sizeof chunk);
  for (size_t i = 0; i < (TD_READ_MAX_DOC / sizeof chunk) + 16; i++) fwrite(chunk, 1, sizeof chunk, f);
  fputs("\"}\n{\"text\":\"third\"}\n", f);
  fclose(f);
  got g = {0};
  td_sink s = SINK(g);
  assert_int_equal(td_read_path(path, TD_FMT_AUTO, &s), TD_OK);
  assert_int_equal(g.n, 2);
  assert_int_equal(g.rejected, 1);
  assert_int_equal(g.last_line, 2);
  assert_int_equal(g.last_offset, 17);
  assert_string_equal(g.text[1], "third");
  assert_int_equal(g.line[1], 3);
  got_free(&g);
  unlink(path);
}

static void walk_dir(void **state) {
  (void)state;
  char dir[256], sub[300];
  snprintf(dir, sizeof dir, "%s/walk", tu_tmpdir());
  snprintf(sub, sizeof sub, "%s/inner", dir);
  mkdir(dir, 0700);
  mkdir(sub, 0700);
  char p[400];
  snprintf(p, sizeof p, "%s/b.txt", dir);
  FILE *f = fopen(p, "w");
  fputs("B headline\nB body.\n", f);
  fclose(f);
  snprintf(p, sizeof p, "%s/a.jsonl", sub);
  f = fopen(p, "w");
  fputs("{\"text\":\"A body.\",\"title\":\"A\"}\n", f);
  fclose(f);
  snprintf(p, sizeof p, "%s/README.md", dir);
  f = fopen(p, "w");
  fputs("not an article\n", f);
  fclose(f);
  got g = {0};
  td_sink s = SINK(g);
  assert_int_equal(td_read_path(dir, TD_FMT_AUTO, &s), TD_OK);
  assert_int_equal(g.n, 2);
  assert_int_equal(g.rejected, 0);
  assert_string_equal(g.title[0], "B headline"); /* b.txt sorts before inner/ */
  assert_string_equal(g.title[1], "A");
  assert_int_equal(td_read_path("/nonexistent/path", TD_FMT_AUTO, &s), TD_OK);
  assert_int_equal(g.rejected, 1);
  assert_non_null(strstr(g.last_msg, "cannot open"));
  got_free(&g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(detect),          cmocka_unit_test(text_article),
      cmocka_unit_test(text_bad_inputs), cmocka_unit_test(jsonl_fields),
      cmocka_unit_test(stream_long_line), cmocka_unit_test(walk_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
