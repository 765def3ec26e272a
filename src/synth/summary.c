/*
** summary.c — the extractive multi-source summary (synthesise stage; see
** summary.h).
**
** What a multi-outlet summary should keep is what several outlets report, so
** the summary covers the story's shared vocabulary (concept coverage, as in
** Gillick and Favre's summariser, with concepts weighed by outlets instead
** of documents). Every content term t of the story (align.c's folded, stemmed
** terms, spelling-tolerant name keys, numbers) weighs
**     c(t) = (outlets using t - 1) / (outlets - 1),
** 1 when every outlet uses it, 0 when only one does; with a single outlet
** the story's centroid weight (scaled to at most 1) stands in. Sentences are
** taken greedily, each time the one with the best
**     gain(s) / words(s)^0.3  +  support(s)  +  1 / sqrt(1 + position)
** where gain is the summed weight of the terms of s that no chosen sentence
** has yet (so a second sentence must add new shared material, not repeat
** it), support is the best cosine with each other outlet, summed and divided
** by the number of other outlets (sentence-level agreement, from the
** alignment), and position is the sentence's index in its article (news puts
** the essentials first). The length exponent 0.3 keeps long sentences from
** winning on their length alone without making short fragments win; the
** three terms have unit weights. The exponent and the weights were chosen
** among a few values (0.2-1, 0.5-4) on one half of the NeuS evaluation set
** only (tools/eval/summaries.sh, SUMMARY_PART=even), never on the other
** half, and the result is flat near them. A sentence whose cosine with a
** chosen one reaches TD_SYNTH_SAME_FACT is skipped: it states a fact
** already told. A sentence that leans on the one before it ("She said...",
** an unclosed quotation) is taken only when nothing else fits.
**
** Reading order: by time (the first date any supporting article was
** published), then by position in the article (headline-like opening
** sentences first, background last), then importance.
**
** The baselines of the evaluation: lead (the first sentences of the
** earliest article) and centroid (sentences nearest the TF-IDF centroid in
** order of closeness, redundancy removed), on the same model.
*/
#include "synth/summary.h"
#include "tidings.h"
#include "util/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Length exponent of the coverage gain (see above). */
#define LEN_EXP 0.3

typedef struct cand {
  size_t s;
  float score;
  const char *date; /* earliest publication among its supporters, or NULL */
  uint32_t pos;     /* index of the sentence in its article */
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

/* tidings' order: time, then place in the article, then importance. */
static int cmp_reading(const void *x, const void *y) {
  const cand *a = x, *b = y;
  int d = date_cmp(a->date, b->date);
  if (d) return d;
  if (a->pos != b->pos) return a->pos < b->pos ? -1 : 1;
  return cmp_score(x, y);
}

/* The centroid baseline's order, as the method is usually run: time, then
** closeness to the centroid. */
static int cmp_baseline(const void *x, const void *y) {
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

static int redundant(const td_synth_model *m, size_t s, const cand *pick, size_t np) {
  for (size_t k = 0; k < np; k++)
    if (td_synth_cosine(m, s, pick[k].s) >= TD_SYNTH_SAME_FACT) return 1;
  return 0;
}

/* Does sentence s lean on the one before it in its article: open with a
** pronoun or a connective ("She said...", "But..."), or open a quotation it
** does not close (one sentence of a longer quote)? Out of its article such a
** sentence reads as a non sequitur, so the summary takes it last. */
static int dangling(const td_synth_model *m, size_t s) {
  static const char *const openers[] = {"He",   "She",   "It",      "They",  "This",  "That",
                                        "These", "Those", "His",    "Her",   "Its",   "Their",
                                        "But",  "And",   "However", "Also",  "Yet",   "Still",
                                        "Meanwhile", "There"};
  const td_synth_sent *S = &m->sents[s];
  const char *t = m->docs[S->doc].text + S->start;
  size_t n = S->end - S->start, i = 0, quotes = 0;
  for (size_t k = 0; k < n; k++)
    if (t[k] == '"') quotes++;
  /* Curly quotes: count openings against closings. */
  long curly = 0;
  for (size_t k = 0; k + 2 < n; k++)
    if ((unsigned char)t[k] == 0xE2 && (unsigned char)t[k + 1] == 0x80) {
      if ((unsigned char)t[k + 2] == 0x9C) curly++;
      else if ((unsigned char)t[k + 2] == 0x9D) curly--;
    }
  if (quotes % 2 || curly) return 1;
  while (i < n && !((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z'))) i++;
  size_t e = i;
  while (e < n && ((t[e] >= 'A' && t[e] <= 'Z') || (t[e] >= 'a' && t[e] <= 'z'))) e++;
  for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
    if (strlen(openers[k]) == e - i && !memcmp(openers[k], t + i, e - i)) return 1;
  return 0;
}

/* Concept weights c(t) (file comment); NULL on OOM. */
static float *concept_weights(const td_synth_model *m) {
  size_t nt = m->nterms;
  float *cw = td_calloc(nt ? nt : 1, sizeof *cw);
  uint32_t *mark = td_calloc(nt ? nt : 1, sizeof *mark);
  uint32_t *order = td_malloc((m->ndocs ? m->ndocs : 1) * sizeof *order);
  if (!cw || !mark || !order) {
    td_free(cw);
    td_free(mark);
    td_free(order);
    return NULL;
  }
  if (m->ngroups > 1) {
    /* Count each term once per group: visit the docs group by group
    ** (counting sort on the group number). */
    uint32_t *start = td_calloc(m->ngroups + 1, sizeof *start);
    if (!start) {
      td_free(cw);
      td_free(mark);
      td_free(order);
      return NULL;
    }
    for (size_t d = 0; d < m->ndocs; d++) start[m->group[d] + 1]++;
    for (size_t g = 0; g < m->ngroups; g++) start[g + 1] += start[g];
    for (size_t d = 0; d < m->ndocs; d++) order[start[m->group[d]]++] = (uint32_t)d;
    td_free(start);
    for (size_t i = 0; i < m->ndocs; i++) {
      uint32_t d = order[i], g = m->group[d] + 1;
      for (size_t s = m->first[d]; s < m->first[d + 1]; s++)
        for (uint32_t k = 0; k < m->sents[s].nterms; k++) {
          uint32_t t = m->sents[s].terms[k];
          if (mark[t] != g) {
            mark[t] = g;
            cw[t] += 1;
          }
        }
    }
    for (size_t t = 0; t < nt; t++)
      cw[t] = cw[t] > 0 ? (cw[t] - 1) / (float)(m->ngroups - 1) : 0;
  } else {
    float mx = 0;
    for (size_t t = 0; t < nt; t++)
      if (m->centroid[t] > mx) mx = m->centroid[t];
    for (size_t t = 0; t < nt; t++) cw[t] = mx > 0 ? m->centroid[t] / mx : 0;
  }
  td_free(mark);
  td_free(order);
  return cw;
}

/* tidings' summary: greedy concept coverage with support and position (file
** comment). Fills pick[0..*np) in the order chosen. */
static int cover_greedy(const td_synth_model *m, int want_s, int want_w, cand *pick, size_t *np) {
  size_t ns = m->nsents;
  float *cw = concept_weights(m);
  float *fixed = td_malloc((ns ? ns : 1) * sizeof *fixed); /* support + position */
  uint8_t *used = td_calloc(ns ? ns : 1, 1);
  uint8_t *late = td_calloc(ns ? ns : 1, 1); /* dangling: only when nothing else fits */
  if (!cw || !fixed || !used || !late) {
    td_free(cw);
    td_free(fixed);
    td_free(used);
    td_free(late);
    return -1;
  }
  for (size_t s = 0; s < ns; s++) {
    float sup = 0;
    if (m->ngroups > 1) {
      td_synth_support(m, s, TD_SYNTH_LINK_MIN, &sup);
      sup /= (float)(m->ngroups - 1);
    }
    fixed[s] = sup + 1.0f / sqrtf(1.0f + (float)m->sents[s].pos);
    used[s] = !td_synth_showable(m, s);
    late[s] = !used[s] && dangling(m, s);
  }
  long words = 0;
  for (;;) {
    if (!want_w && (int)*np >= want_s) break;
    if (want_w && words >= want_w) break;
    size_t best = (size_t)-1;
    double bs = 0;
    int best_late = 1;
    for (size_t s = 0; s < ns; s++) {
      if (used[s] || (late[s] && !best_late)) continue;
      const td_synth_sent *S = &m->sents[s];
      if (want_w && *np > 0 && words + (long)S->nwords > want_w) continue;
      double gain = 0;
      for (uint32_t k = 0; k < S->nterms; k++) gain += cw[S->terms[k]]; /* covered: 0 */
      double sc = gain / pow((double)S->nwords, LEN_EXP) + fixed[s];
      if (best != (size_t)-1 && sc <= bs && !(best_late && !late[s])) continue;
      if (redundant(m, s, pick, *np)) {
        used[s] = 1; /* stays redundant: the chosen set only grows */
        continue;
      }
      best = s;
      bs = sc;
      best_late = late[s];
    }
    if (best == (size_t)-1) break;
    used[best] = 1;
    const td_synth_sent *B = &m->sents[best];
    for (uint32_t k = 0; k < B->nterms; k++) cw[B->terms[k]] = 0;
    pick[*np] = (cand){best, (float)bs, earliest_support(m, best), B->pos};
    (*np)++;
    words += B->nwords;
  }
  td_free(cw);
  td_free(fixed);
  td_free(used);
  td_free(late);
  return 0;
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
      pick[np] = (cand){s, 1.0f / (float)(1 + np), m->docs[d].date, m->sents[s].pos};
      np++;
      words += m->sents[s].nwords;
    }
  } else if (method == TD_SUMMARY_CENTROID) {
    for (size_t s = 0; s < m->nsents; s++)
      if (td_synth_showable(m, s))
        c[nc++] = (cand){s, td_synth_centroid_sim(m, s), NULL, m->sents[s].pos};
    qsort(c, nc, sizeof *c, cmp_score);
    for (size_t i = 0; i < nc; i++) {
      if (!want_w && (int)np >= want_s) break;
      if (want_w && words >= want_w) break;
      if (want_w && np > 0 && words + (long)m->sents[c[i].s].nwords > want_w) continue;
      if (redundant(m, c[i].s, pick, np)) continue;
      pick[np] = c[i];
      pick[np].date = earliest_support(m, c[i].s);
      words += m->sents[c[i].s].nwords;
      np++;
    }
    qsort(pick, np, sizeof *pick, cmp_baseline);
  } else {
    if (cover_greedy(m, want_s, want_w, pick, &np)) {
      td_free(c);
      td_free(pick);
      return TD_ENOMEM;
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
