/* Unit tests: the WARC reader — record types, HTTP headers and charsets,
** wrong Content-Length, gzip members, truncated gzip, non-WARC input — from
** memory and streamed from a file descriptor. */
#include "testutil.h"

#include "read/read.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <fcntl.h>
#include <zlib.h>

#define MAXA 16
typedef struct got {
  int n, rejected, warnings;
  char *url[MAXA], *html[MAXA], *date[MAXA];
  long long offset[MAXA];
  char msg[512];
} got;

static int on_article(void *ctx, td_article *a) {
  got *g = ctx;
  if (g->n < MAXA) {
    g->url[g->n] = a->url, a->url = NULL;
    g->html[g->n] = a->html, a->html = NULL;
    g->date[g->n] = a->date, a->date = NULL;
    g->offset[g->n] = a->offset;
  }
  g->n++;
  return TD_OK;
}

static void on_diag(void *ctx, const char *origin, long line, long long offset, const char *msg,
                    int rejected) {
  got *g = ctx;
  if (rejected) g->rejected++;
  else g->warnings++;
  snprintf(g->msg, sizeof g->msg, "%s@%lld: %s", origin, offset, msg);
  if (getenv("TEST_VERBOSE")) fprintf(stderr, "diag(%d) %s\n", rejected, g->msg);
}

static void got_free(got *g) {
  for (int i = 0; i < g->n && i < MAXA; i++) td_free(g->url[i]), td_free(g->html[i]), td_free(g->date[i]);
  memset(g, 0, sizeof *g);
}

/* Append one WARC record; `clen_delta` falsifies its Content-Length. */
static void rec(td_buf *b, const char *type, const char *uri, const char *block, long clen_delta) {
  size_t bl = strlen(block);
  td_buf_printf(b,
                "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
                "WARC-Date: 2031-04-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:x>\r\n"
                "Content-Type: application/http; msgtype=%s\r\nContent-Length: %ld\r\n\r\n",
                type, uri, type, (long)bl + clen_delta);
  td_buf_append(b, block, bl);
  td_buf_puts(b, "\r\n\r\n");
}

static const char *page(const char *charset_header, const char *body, char *out, size_t cap) {
  snprintf(out, cap, "HTTP/1.1 200 OK\r\nContent-Type: text/html%s%s\r\n\r\n%s",
           charset_header ? "; charset=" : "", charset_header ? charset_header : "", body);
  return out;
}

static void build(td_buf *b) {
  char p[1024];
  td_buf_puts(b, "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 12\r\n\r\nsoftware: x\n\r\n\r\n");
  rec(b, "request", "https://a.example/1", "GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n", 0);
  rec(b, "response", "https://a.example/1", page(NULL, "<p>First story.</p>", p, sizeof p), 0);
  rec(b, "metadata", "https://a.example/1", "fetchTimeMs: 12\r\n", 0);
  rec(b, "response", "https://a.example/2",
      page("windows-1252", "<p>Caf\xE9 reopens.</p>", p, sizeof p), 0);
  rec(b, "response", "https://a.example/404",
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>", 0);
  rec(b, "response", "https://a.example/img.png",
      "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", 0);
  rec(b, "response", "https://a.example/chunked",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "8\r\n<p>Chunk\r\n9\r\ned body.\r\n0\r\n\r\n",
      0);
}

static void records(void **state) {
  (void)state;
  td_buf b = TD_BUF_INIT;
  build(&b);
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_warc(b.ptr, b.len, "crawl.warc", &s), TD_OK);
  assert_int_equal(g.n, 3);
  assert_int_equal(g.rejected, 0);
  assert_string_equal(g.url[0], "https://a.example/1");
  assert_non_null(strstr(g.html[0], "First story."));
  assert_string_equal(g.date[0], "2031-04-01T10:00:00Z");
  assert_non_null(strstr(g.html[1], "Café reopens.")); /* converted to UTF-8 */
  assert_non_null(strstr(g.html[2], "<p>Chunked body."));
  assert_true(g.offset[1] > g.offset[0]);
  got_free(&g);
  td_buf_release(&b);
}

static void wrong_length(void **state) {
  (void)state;
  char p[1024];
  for (int k = 0; k < 2; k++) {
    td_buf b = TD_BUF_INIT;
    /* Too short, then too long: both recover at the next record. */
    rec(&b, "response", "https://a.example/bad", page(NULL, "<p>Bad length story.</p>", p, sizeof p),
        k == 0 ? -9 : 40);
    rec(&b, "response", "https://a.example/good", page(NULL, "<p>Good story.</p>", p, sizeof p), 0);
    got g = {0};
    td_sink s = {on_article, on_diag, &g, 0};
    assert_int_equal(td_read_warc(b.ptr, b.len, "bad.warc", &s), TD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.url[1], "https://a.example/good");
    assert_non_null(strstr(g.html[1], "Good story."));
    assert_null(strstr(g.html[0], "WARC/1.0")); /* the bad record did not swallow the next */
    assert_true(g.warnings + g.rejected >= 1);
    got_free(&g);
    td_buf_release(&b);
  }
}

/* Gzip each record as its own member, as crawlers do. */
static void gz_member(td_buf *out, const char *p, size_t n) {
  z_stream z;
  memset(&z, 0, sizeof z);
  assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
  unsigned char buf[65536];
  z.next_in = (unsigned char *)p;
  z.avail_in = (uInt)n;
  int r;
  do {
    z.next_out = buf;
    z.avail_out = sizeof buf;
    r = deflate(&z, Z_FINISH);
    td_buf_append(out, buf, sizeof buf - z.avail_out);
  } while (r == Z_OK);
  deflateEnd(&z);
}

static void gzip_stream(void **state) {
  (void)state;
  td_buf plain = TD_BUF_INIT, gz = TD_BUF_INIT;
  char p[1024];
  for (int i = 0; i < 200; i++) {
    td_buf one = TD_BUF_INIT;
    char uri[64], body[128];
    snprintf(uri, sizeof uri, "https://a.example/%d", i);
    snprintf(body, sizeof body, "<p>Story number %d about the ferries.</p>", i);
    rec(&one, "response", uri, page(NULL, body, p, sizeof p), 0);
    gz_member(&gz, one.ptr, one.len);
    td_buf_append(&plain, one.ptr, one.len);
    td_buf_release(&one);
  }
  /* Streamed from a file, and from memory. */
  const char *path = tu_write("crawl.warc.gz", gz.ptr, gz.len);
  int fd = open(path, O_RDONLY);
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_warc_fd(fd, "crawl.warc.gz", &s), TD_OK);
  close(fd);
  assert_int_equal(g.n, 200);
  assert_int_equal(g.rejected, 0);
  assert_int_equal(s.bytes, (long long)gz.len);
  assert_non_null(strstr(g.html[15], "Story number 15 "));
  got_free(&g);
  assert_int_equal(td_read_warc(gz.ptr, gz.len, "mem.warc.gz", &s), TD_OK);
  assert_int_equal(g.n, 200);
  got_free(&g);
  /* Truncated: what came before is kept, the end is reported. */
  size_t cut = gz.len / 2;
  path = tu_write("cut.warc.gz", gz.ptr, cut);
  fd = open(path, O_RDONLY);
  assert_int_equal(td_read_warc_fd(fd, "cut.warc.gz", &s), TD_OK);
  close(fd);
  assert_true(g.n > 50 && g.n < 200);
  assert_int_equal(g.rejected, 1);
  assert_non_null(strstr(g.msg, "cut.warc.gz@"));
  assert_non_null(strstr(g.msg, "truncated"));
  got_free(&g);
  /* Plain .warc from a file. */
  path = tu_write("crawl.warc", plain.ptr, plain.len);
  fd = open(path, O_RDONLY);
  assert_int_equal(td_read_warc_fd(fd, "crawl.warc", &s), TD_OK);
  close(fd);
  assert_int_equal(g.n, 200);
  got_free(&g);
  td_buf_release(&plain);
  td_buf_release(&gz);
}

static void not_warc(void **state) {
  (void)state;
  got g = {0};
  td_sink s = {on_article, on_diag, &g, 0};
  assert_int_equal(td_read_warc("hello world, not a crawl\n", 25, "x.warc", &s), TD_OK);
  assert_int_equal(g.n, 0);
  assert_int_equal(g.rejected, 1);
  assert_non_null(strstr(g.msg, "not a WARC"));
  /* Corrupt gzip after a valid magic. */
  const char bad[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbagegarbage";
  assert_int_equal(td_read_warc(bad, sizeof bad - 1, "bad.warc.gz", &s), TD_OK);
  assert_int_equal(g.n, 0);
  assert_true(g.rejected >= 2);
  /* A header block that never ends, a huge Content-Length. */
  const char *h = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999\r\n\r\nabc";
  assert_int_equal(td_read_warc(h, strlen(h), "big.warc", &s), TD_OK);
  assert_int_equal(g.n, 0);
  got_free(&g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(records), cmocka_unit_test(wrong_length),
      cmocka_unit_test(gzip_stream), cmocka_unit_test(not_warc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
