/*
** bench_extract.c — throughput of the extract stage beside tokenising alone,
** in one run.
**
**   bench_extract CORPUS.jsonl [MAX]
**
** Loads up to MAX articles (default 5000) of a generated corpus
** (bench/gencorpus.c) and times, best of three each, over all of them:
**
**   tokens     td_tokenize (the baseline: every extractor starts from it)
**   entities   td_entities_extract
**   quotes     td_quotes_extract (with the entities)
**   dates      td_dates_extract
**   all        the three together, as the pipeline runs them
**
** and prints articles per second and each time as a ratio to tokenising:
** the ratio is the figure to compare across machines. Stand-alone: links with
** libtidings.a, not part of it.
*/
#include "extract/date.h"
#include "extract/entity.h"
#include "extract/quote.h"
#include "text/token.h"
#include "tidings.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char **texts, **dates;
static size_t ntexts;
static volatile size_t sink;

static void run_tokens(void) {
  for (size_t i = 0; i < ntexts; i++) {
    td_token *t;
    size_t n = td_tokenize(texts[i], strlen(texts[i]), &t);
    sink += n;
    td_free(t);
  }
}
static void run_entities(void) {
  for (size_t i = 0; i < ntexts; i++) {
    td_entity_set *e;
    if (td_entities_extract(texts[i], strlen(texts[i]), NULL, 0, &e) == TD_OK) sink += e->n;
    td_entity_set_free(e);
  }
}
static void run_quotes_only(void) {
  for (size_t i = 0; i < ntexts; i++) {
    td_quote *q;
    size_t n;
    if (td_quotes_extract(texts[i], strlen(texts[i]), NULL, &q, &n) == TD_OK) sink += n;
    td_quotes_free(q, n);
  }
}
static void run_dates(void) {
  for (size_t i = 0; i < ntexts; i++) {
    td_date *d;
    size_t n;
    if (td_dates_extract(texts[i], strlen(texts[i]), dates[i], &d, &n) == TD_OK) sink += n;
    td_free(d);
  }
}
static void run_all(void) {
  for (size_t i = 0; i < ntexts; i++) {
    size_t len = strlen(texts[i]), n, nd;
    td_entity_set *e = NULL;
    td_quote *q = NULL;
    td_date *d = NULL;
    if (td_entities_extract(texts[i], len, NULL, 0, &e) == TD_OK &&
        td_quotes_extract(texts[i], len, e, &q, &n) == TD_OK) {
      sink += n;
      td_quotes_free(q, n);
    }
    if (td_dates_extract(texts[i], len, dates[i], &d, &nd) == TD_OK) td_free(d);
    td_entity_set_free(e);
  }
}

static double best(void (*fn)(void)) {
  double b = 1e30;
  for (int r = 0; r < 3; r++) {
    double t0 = now();
    fn();
    double t = now() - t0;
    if (t < b) b = t;
  }
  return b;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_extract CORPUS.jsonl [MAX]\n");
    return 1;
  }
  size_t max = argc > 2 ? (size_t)atol(argv[2]) : 5000;
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  texts = calloc(max, sizeof *texts);
  dates = calloc(max, sizeof *dates);
  char *line = NULL;
  size_t cap = 0, bytes = 0, quotes = 0;
  while (ntexts < max && getline(&line, &cap, f) > 0) {
    json_t *j = json_loads(line, 0, NULL);
    if (!j) continue;
    const char *t = json_string_value(json_object_get(j, "text"));
    if (!t) t = json_string_value(json_object_get(j, "maintext"));
    const char *d = json_string_value(json_object_get(j, "date"));
    if (!d) d = json_string_value(json_object_get(j, "date_publish"));
    if (t) {
      texts[ntexts] = strdup(t);
      dates[ntexts] = d ? strdup(d) : NULL;
      bytes += strlen(t);
      ntexts++;
    }
    json_decref(j);
  }
  free(line);
  fclose(f);
  if (!ntexts) {
    fprintf(stderr, "bench_extract: no articles in %s\n", argv[1]);
    return 2;
  }
  for (size_t i = 0; i < ntexts; i++) {
    td_quote *q;
    size_t n;
    if (td_quotes_extract(texts[i], strlen(texts[i]), NULL, &q, &n) == TD_OK) quotes += n;
    td_quotes_free(q, n);
  }
  printf("extract: %zu generated articles, %.1f MB, %zu quotes; best of 3\n", ntexts, bytes / 1e6,
         quotes);
  struct {
    const char *name;
    void (*fn)(void);
  } runs[] = {{"tokens (baseline)", run_tokens},
              {"entities", run_entities},
              {"quotes (no entities)", run_quotes_only},
              {"dates", run_dates},
              {"entities+quotes+dates", run_all}};
  double base = 0;
  for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
    double t = best(runs[r].fn);
    if (r == 0) base = t;
    printf("  %-22s %9.0f articles/s  %7.1f MB/s  %5.2fx baseline\n", runs[r].name, ntexts / t,
           bytes / 1e6 / t, t / base);
  }
  for (size_t i = 0; i < ntexts; i++) {
    free(texts[i]);
    free(dates[i]);
  }
  free(texts);
  free(dates);
  return 0;
}
