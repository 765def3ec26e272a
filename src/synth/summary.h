/*
** summary.h — the extractive multi-source summary of a story (synthesise
** stage).
**
** Sentences are chosen on the alignment model (align.h) greedily, each time
** the one that adds the most of the vocabulary several independent outlets
** share (concept coverage), with sentence-level cross-source support and an
** early place in its article as further evidence; a sentence that states a
** fact already chosen is skipped. They are then ordered by time (the first
** date any supporting article was published), then by place in the
** article. The lead and centroid baselines of the evaluation are two other
** methods of the same call, so all three are measured on one model.
*/
#ifndef TD_SYNTH_SUMMARY_H
#define TD_SYNTH_SUMMARY_H

#include "synth/align.h"

typedef enum td_synth_method {
  TD_SUMMARY_SUPPORT = 0, /* the summary tidings shows                      */
  TD_SUMMARY_LEAD,        /* baseline: the first sentences of the first article */
  TD_SUMMARY_CENTROID     /* baseline: nearest the centroid, redundancy removed */
} td_synth_method;

/* Length: `words` > 0 caps the words (whole sentences only, at least one),
** else `sentences` (0 = 5). */
typedef struct td_synth_length {
  int sentences, words;
} td_synth_length;

/* Pick the summary's sentences: *out (td_free) gets model sentence indices in
** reading order, *n their count. *score (may be NULL) gets a new array of
** their scores (td_free). TD_OK or TD_ENOMEM. */
int td_synth_summarize(const td_synth_model *m, td_synth_method method, const td_synth_length *len,
                       size_t **out, size_t *n, float **score);

#endif
