/*
** fuzz_extract.c — libFuzzer target for the extract stage: entities, quotes
** (with and without the entity set), dates, and quote similarity between the
** two halves of the input. Checks that every span lies inside the input and
** that links point at earlier quotes.
*/
#include "extract/date.h"
#include "extract/entity.h"
#include "extract/quote.h"
#include "tidings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  td_entity_set *E = NULL;
  if (td_entities_extract(s, size, s, size < 64 ? size : 64, &E) != TD_OK) return 0;
  for (size_t i = 0; i < E->nmentions; i++)
    if (E->mentions[i].end > size || E->mentions[i].start >= E->mentions[i].end) abort();
  if (E->n) (void)td_entity_describe(E, s, size < 40 ? size : 40, size);
  td_quote *Q = NULL;
  size_t n = 0;
  if (td_quotes_extract(s, size, E, &Q, &n) == TD_OK) {
    for (size_t i = 0; i < n; i++) {
      const td_quote *q = &Q[i];
      if (q->start >= q->end || q->end > size || q->cue_end > size || q->speaker_end > size)
        abort();
      if (q->prev >= (long)i || q->parent >= (long)i) abort();
      if (q->entity >= (long)E->n) abort();
    }
    td_quotes_free(Q, n);
  }
  if (td_quotes_extract(s, size, NULL, &Q, &n) == TD_OK) td_quotes_free(Q, n);
  td_date *D = NULL;
  if (td_dates_extract(s, size, "2017-12-31", &D, &n) == TD_OK) {
    for (size_t i = 0; i < n; i++)
      if (D[i].end > size || D[i].start >= D[i].end) abort();
    td_free(D);
  }
  double sim = td_quote_similar(s, size / 2, s + size / 2, size - size / 2);
  if (!(sim >= 0.0 && sim <= 1.0)) abort();
  (void)td_name_similarity(s, size / 2, s + size / 2, size - size / 2);
  td_entity_set_free(E);
  return 0;
}
