/*
** summary.c — the extractive multi-source summary (synthesise stage; see
** summary.h).
**
** Importance of a sentence = 0.45 support + 0.35 centroid + 0.20 position:
**   support   the best cosine with each other outlet, summed and divided by
**             the number of other outlets: 1 when every other outlet states
**             the same thing in the same words, 0 when none does;
**   centroid  cosine with the story centroid (every outlet weighs the same);
**   position  1/sqrt(1 + index of the sentence in its article).
** The weights were set once by reasoning, not searched on an evaluation set:
** support is the evidence no single-document method has, so it leads; the
** centroid fills in when outlets share little (then support is 0
** everywhere); position only breaks near-ties. With one outlet the summary
** degrades to centroid plus position.
**
** Redundancy: a sentence is skipped when its cosine with a chosen one
** reaches TD_SYNTH_SAME_FACT — the threshold at which two sentences count as
** one fact across outlets is the one at which a summary needs only one.
*/
#include "synth/summary.h"
#include "tidings.h"
#include "util/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

float td_synth_importance(const td_synth_model *m, size_t s) {
  const td_synth_sent *S = &m->sents[s];
  float sup = 0;
  if (m->ngroups > 1) {
    td_synth_support(m, s, TD_SYNTH_LINK_MIN, &sup);
    sup /= (float)(m->ngroups - 1);
  }
  float c = td_synth_centroid_sim(m, s);
  float pos = 1.0f / sqrtf(1.0f + (float)S->pos);
  return 0.45f * sup + 0.35f * c + 0.20f * pos;
}

typedef struct cand {
  size_t s;
  float score;
  const char *date; /* earliest publication among its supporters, or NULL */
} cand;

static int cmp_score(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->score != b->score) return a->score < b->score ? 1 : -1;
  return (a->s > b->s) - (a->s < b->s);
}

static int date_cmp(const char *a, const char *b) {
  if (!a || !*a) return (b && *b) ? 1 : 0; /* undated last */
  if (!b || !*b) return -1;
  return strcmp(a, b);
}

static int cmp_reading(const void *x, const void *y) {
  const cand *a = x, *b = y;
  int d = date_cmp(a->date, b->date);
  if (d) return d;
  return cmp_score(x, y);
}

static const char *earliest_support(const td_synth_model *m, size_t s) {
  const td_synth_sent *S = &m->sents[s];
  const char *best = m->docs[S->doc].date;
  for (uint32_t k = 0; k < S->nlinks && S->links[k].sim >= TD_SYNTH_SAME_FACT; k++) {
    const char *d = m->docs[m->sents[S->links[k].other].doc].date;
    if (date_cmp(d, best) < 0) best = d;
  }
  return best;
}

/* The article the lead baseline reads: the earliest dated, else the first. */
static size_t lead_doc(const td_synth_model *m) {
  size_t best = (size_t)-1;
  for (size_t d = 0; d < m->ndocs; d++) {
    if (!m->aligned[d] || m->first[d] == m->first[d + 1]) continue;
    if (best == (size_t)-1 || date_cmp(m->docs[d].date, m->docs[best].date) < 0) best = d;
  }
  return best;
}

int td_synth_summarize(const td_synth_model *m, td_synth_method method, const td_synth_length *len,
                       size_t **out, size_t *n, float **score) {
  *out = NULL;
  *n = 0;
  if (score) *score = NULL;
  int want_s = len && len->sentences > 0 ? len->sentences : 5;
  int want_w = len && len->words > 0 ? len->words : 0;
  cand *c = td_malloc((m->nsents ? m->nsents : 1) * sizeof *c);
  cand *pick = td_malloc((m->nsents ? m->nsents : 1) * sizeof *pick);
  if (!c || !pick) {
    td_free(c);
    td_free(pick);
    return TD_ENOMEM;
  }
  size_t nc = 0, np = 0;
  long words = 0;
  if (method == TD_SUMMARY_LEAD) {
    size_t d = lead_doc(m);
    for (size_t s = d == (size_t)-1 ? 0 : m->first[d]; d != (size_t)-1 && s < m->first[d + 1];
         s++) {
      if (want_w ? (np > 0 && words + (long)m->sents[s].nwords > want_w) : (int)np >= want_s)
        break;
      pick[np] = (cand){s, 1.0f / (float)(1 + np), m->docs[d].date};
      np++;
      words += m->sents[s].nwords;
    }
  } else {
    for (size_t s = 0; s < m->nsents; s++) {
      if (!td_synth_showable(m, s)) continue;
      float sc = method == TD_SUMMARY_CENTROID ? td_synth_centroid_sim(m, s)
                                               : td_synth_importance(m, s);
      c[nc++] = (cand){s, sc, NULL};
    }
    qsort(c, nc, sizeof *c, cmp_score);
    for (size_t i = 0; i < nc; i++) {
      if (!want_w && (int)np >= want_s) break;
      if (want_w && words >= want_w) break;
      if (want_w && np > 0 && words + (long)m->sents[c[i].s].nwords > want_w) continue;
      int redundant = 0;
      for (size_t k = 0; k < np && !redundant; k++)
        if (td_synth_cosine(m, c[i].s, pick[k].s) >= TD_SYNTH_SAME_FACT) redundant = 1;
      if (redundant) continue;
      pick[np] = c[i];
      pick[np].date = earliest_support(m, c[i].s);
      words += m->sents[c[i].s].nwords;
      np++;
    }
    qsort(pick, np, sizeof *pick, cmp_reading);
  }
  td_free(c);
  size_t *o = td_malloc((np ? np : 1) * sizeof *o);
  float *sc = score ? td_malloc((np ? np : 1) * sizeof *sc) : NULL;
  if (!o || (score && !sc)) {
    td_free(o);
    td_free(sc);
    td_free(pick);
    return TD_ENOMEM;
  }
  for (size_t i = 0; i < np; i++) {
    o[i] = pick[i].s;
    if (sc) sc[i] = pick[i].score;
  }
  td_free(pick);
  *out = o;
  *n = np;
  if (score) *score = sc;
  return TD_OK;
}
