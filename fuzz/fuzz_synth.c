/*
** fuzz_synth.c — libFuzzer target for the synthesise stage: the input, cut
** at form-feed bytes into up to four articles (the first byte of each picks
** its publication date from a few, or none), goes through the whole story
** page — alignment, summary, consensus, unique material, conflicts,
** timeline — and its JSON. Checks that every item names a sentence and
** articles of the model.
*/
#include "synth/synth.h"
#include "tidings.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXDOCS 4

static void check_items(const td_synth_report *r, const td_synth_item *it, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (it[i].sent >= r->m->nsents) abort();
    for (size_t k = 0; k < it[i].ndocs; k++)
      if (it[i].docs[k] >= r->m->ndocs) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const dates[] = {NULL, "2031-03-04", "2031-03-11", "2031-03-05T10:00:00Z"};
  static const char *const sources[] = {"A Post", "B Times", "C Herald", NULL};
  td_synth_doc docs[MAXDOCS];
  char *texts[MAXDOCS];
  size_t n = 0, start = 0;
  memset(docs, 0, sizeof docs);
  for (size_t i = 0; i <= size && n < MAXDOCS; i++) {
    if (i < size && data[i] != '\f') continue;
    size_t len = i - start;
    const uint8_t *p = data + start;
    int pick = len ? p[0] % 4 : 0;
    texts[n] = malloc(len + 1);
    if (!texts[n]) break;
    memcpy(texts[n], p, len);
    texts[n][len] = '\0';
    docs[n] = (td_synth_doc){(int64_t)n + 1, NULL, sources[n % 4], dates[pick], texts[n], len,
                             0, NULL};
    n++;
    start = i + 1;
  }
  td_synth_report *r = NULL;
  if (n && td_synth_report_new(docs, n, NULL, &r) == TD_OK) {
    check_items(r, r->summary, r->nsummary);
    check_items(r, r->consensus, r->nconsensus);
    check_items(r, r->unique, r->nunique);
    for (size_t i = 0; i < r->conflicts.n; i++)
      for (size_t v = 0; v < r->conflicts.c[i].nvalues; v++)
        for (size_t k = 0; k < r->conflicts.c[i].values[v].ndocs; k++)
          if (r->conflicts.c[i].values[v].docs[k] >= n) abort();
    json_t *o = json_object();
    if (o) {
      (void)td_synth_report_json(r, 0, o);
      json_decref(o);
    }
    td_synth_report_free(r);
  }
  for (size_t i = 0; i < n; i++) free(texts[i]);
  return 0;
}
