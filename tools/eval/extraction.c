/*
** extraction.c — run tidings' clean stage over an extraction eval set.
**
** Usage: extraction DIR [--parse-only] > predictions.jsonl
** DIR holds pages.jsonl ({"id","url","file"}) and the pages. Every page is
** read into memory first, then timed: td_clean_article on each (main text
** and metadata), or with --parse-only just libxml2's htmlReadMemory (the
** floor under any libxml2-based extractor). Predictions go to stdout as
** {"id","text","title","byline","date"}; one line of timing to stderr:
** "pages N seconds S bytes B". Scored by extraction_score.py.
*/
#include "article.h"
#include "clean/clean.h"
#include "tidings.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct page {
  char *id, *url, *html;
  size_t len;
} page;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (b && fread(b, 1, (size_t)n, f) != (size_t)n) n = 0;
  if (b) b[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return b;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: extraction DIR [--parse-only]\n");
    return 1;
  }
  int parse_only = argc > 2 && !strcmp(argv[2], "--parse-only");
  char path[4096];
  snprintf(path, sizeof path, "%s/pages.jsonl", argv[1]);
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    return 1;
  }
  page *pages = NULL;
  size_t n = 0, cap = 0, bytes = 0;
  char line[8192];
  while (fgets(line, sizeof line, f)) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o) continue;
    const char *id = json_string_value(json_object_get(o, "id"));
    const char *url = json_string_value(json_object_get(o, "url"));
    const char *file = json_string_value(json_object_get(o, "file"));
    if (id && file) {
      if (n == cap) pages = realloc(pages, (cap = cap ? cap * 2 : 256) * sizeof *pages);
      snprintf(path, sizeof path, "%s/%s", argv[1], file);
      page *p = &pages[n];
      p->html = slurp(path, &p->len);
      if (p->html) {
        p->id = strdup(id);
        p->url = url ? strdup(url) : NULL;
        bytes += p->len;
        n++;
      }
    }
    json_decref(o);
  }
  fclose(f);
  double t0 = now();
  for (size_t i = 0; i < n; i++) {
    page *p = &pages[i];
    if (parse_only) {
      htmlDocPtr d = htmlReadMemory(p->html, (int)p->len, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT);
      xmlFreeDoc(d);
      continue;
    }
    td_article a;
    td_article_init(&a);
    a.html = malloc(p->len + 1);
    memcpy(a.html, p->html, p->len + 1);
    if (p->url) a.url = strdup(p->url);
    a.origin = p->id;
    const char *why = NULL;
    td_clean_article(&a, &why);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "text", a.text ? json_string(a.text) : json_null());
    json_object_set_new(o, "title", a.title ? json_string(a.title) : json_null());
    json_object_set_new(o, "byline", a.byline ? json_string(a.byline) : json_null());
    json_object_set_new(o, "date", a.date ? json_string(a.date) : json_null());
    json_object_set_new(o, "removed", json_integer((json_int_t)a.nremoved));
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (s) puts(s);
    free(s);
    json_decref(o);
    td_article_release(&a);
  }
  double t1 = now();
  fprintf(stderr, "pages %zu seconds %.3f bytes %zu\n", n, t1 - t0, bytes);
  return 0;
}
