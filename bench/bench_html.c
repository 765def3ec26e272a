/*
** bench_html.c — HTML and WARC.gz ingest speed of the read + clean stages,
** each beside its floor measured in the same run.
**
**   bench_html html DIR        clean every page of DIR/pages.jsonl, then
**                              libxml2-parse the same pages (the floor)
**   bench_html mkwarc DIR OUT  write those pages as a CC-NEWS style WARC.gz
**                              (one gzip member per record)
**   bench_html warc FILE       td_read_warc_fd + td_clean_article on every
**                              record, then plain gzip decoding (the floor)
** Each mode prints "NAME pages N seconds S bytes B" lines.
*/
#include "article.h"
#include "clean/clean.h"
#include "read/read.h"

#include <fcntl.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct page {
  char *html;
  size_t len;
} page;

static page *load(const char *dir, size_t *n, size_t *bytes) {
  char path[4096], line[8192];
  snprintf(path, sizeof path, "%s/pages.jsonl", dir);
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  page *p = NULL;
  size_t cap = 0;
  *n = *bytes = 0;
  while (fgets(line, sizeof line, f)) {
    json_t *o = json_loads(line, 0, NULL);
    const char *file = o ? json_string_value(json_object_get(o, "file")) : NULL;
    if (file) {
      snprintf(path, sizeof path, "%s/%s", dir, file);
      FILE *g = fopen(path, "rb");
      if (g) {
        fseek(g, 0, SEEK_END);
        long len = ftell(g);
        fseek(g, 0, SEEK_SET);
        if (*n == cap) p = realloc(p, (cap = cap ? cap * 2 : 256) * sizeof *p);
        p[*n].html = malloc((size_t)len + 1);
        p[*n].len = fread(p[*n].html, 1, (size_t)len, g);
        p[*n].html[p[*n].len] = 0;
        *bytes += p[*n].len;
        (*n)++;
        fclose(g);
      }
    }
    json_decref(o);
  }
  fclose(f);
  return p;
}

static long records;
static int on_article(void *ctx, td_article *a) {
  (void)ctx;
  const char *why;
  td_clean_article(a, &why);
  records++;
  return 0;
}
static void on_diag(void *ctx, const char *o, long l, long long off, const char *m, int r) {
  (void)ctx; (void)o; (void)l; (void)off; (void)m; (void)r;
}

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "html")) {
    size_t n, bytes;
    page *p = load(argv[2], &n, &bytes);
    if (!p) return 1;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
      td_article a;
      td_article_init(&a);
      a.html = strdup(p[i].html);
      const char *why;
      td_clean_article(&a, &why);
      td_article_release(&a);
    }
    double t1 = now();
    for (size_t i = 0; i < n; i++)
      xmlFreeDoc(htmlReadMemory(p[i].html, (int)p[i].len, NULL, NULL,
                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_NONET | HTML_PARSE_COMPACT));
    double t2 = now();
    printf("html-clean pages %zu seconds %.3f bytes %zu\n", n, t1 - t0, bytes);
    printf("libxml2-parse pages %zu seconds %.3f bytes %zu\n", n, t2 - t1, bytes);
    return 0;
  }
  if (argc >= 4 && !strcmp(argv[1], "mkwarc")) {
    size_t n, bytes;
    page *p = load(argv[2], &n, &bytes);
    gzFile out = NULL;
    if (!p) return 1;
    for (size_t i = 0; i < n; i++) {
      /* one gzip member per record: reopen in append mode */
      out = gzopen(argv[3], i ? "ab" : "wb");
      char http[256];
      int hl = snprintf(http, sizeof http,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n\r\n",
                        p[i].len);
      gzprintf(out,
               "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bench.example/%zu\r\n"
               "WARC-Date: 2031-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
               "Content-Length: %zu\r\n\r\n",
               i, (size_t)hl + p[i].len);
      gzwrite(out, http, (unsigned)hl);
      gzwrite(out, p[i].html, (unsigned)p[i].len);
      gzwrite(out, "\r\n\r\n", 4);
      gzclose(out);
    }
    return 0;
  }
  if (argc >= 3 && !strcmp(argv[1], "warc")) {
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0) return 1;
    td_sink s = {on_article, on_diag, NULL, 0};
    double t0 = now();
    td_read_warc_fd(fd, argv[2], &s);
    double t1 = now();
    close(fd);
    gzFile g = gzopen(argv[2], "rb");
    static char buf[1 << 16];
    long long total = 0;
    int k;
    while ((k = gzread(g, buf, sizeof buf)) > 0) total += k;
    gzclose(g);
    double t2 = now();
    printf("warc-ingest pages %ld seconds %.3f bytes %lld\n", records, t1 - t0, s.bytes);
    printf("gzip-decode pages %ld seconds %.3f bytes %lld\n", records, t2 - t1, s.bytes);
    (void)total;
    return 0;
  }
  fprintf(stderr, "usage: bench_html html DIR | mkwarc DIR OUT | warc FILE\n");
  return 1;
}
