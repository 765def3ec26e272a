/*
** align.h — sentence alignment across the articles of one story (synthesise
** stage).
**
** The first step of synthesis: every article is split into sentences, each
** sentence becomes a weighted bag of content terms (folded, stemmed, names
** reduced to a spelling-tolerant key so Tartous and Tartus meet), and
** sentences of different outlets that say the same thing in other words are
** linked. Outlets, not articles, are what count: articles are put in groups
** of independent sources (an article and its copies, and all articles of one
** outlet, are one group), and copies are left out of the alignment because
** they add no voice of their own. Consensus, unique material, conflicts and
** the summary (report.c, conflicts.c, summary.c) all read this model.
*/
#ifndef TD_SYNTH_ALIGN_H
#define TD_SYNTH_ALIGN_H

#include <stddef.h>
#include <stdint.h>

/* One article as synthesis sees it. Every pointer is borrowed for as long as
** the model built from it lives. */
typedef struct td_synth_doc {
  int64_t id;         /* store id, or 0                                    */
  const char *url;    /* URL or path (may be NULL)                         */
  const char *source; /* outlet (may be NULL)                              */
  const char *date;   /* "YYYY-MM-DD..." (may be NULL)                     */
  const char *text;   /* clean text                                        */
  size_t len;
  int64_t copy_of;    /* id of the original when this is a copy, else 0    */
  const char *title;  /* headline (may be NULL)                            */
} td_synth_doc;

/* A link from one sentence to a sentence of another group. */
typedef struct td_synth_link {
  uint32_t other;
  float sim; /* cosine of the two term vectors */
} td_synth_link;

typedef struct td_synth_sent {
  uint32_t doc;        /* index into the docs                            */
  uint32_t pos;        /* index of the sentence within its doc           */
  size_t start, end;   /* bytes of the sentence in the doc's text        */
  uint32_t nwords;     /* word tokens                                    */
  uint32_t *terms;     /* distinct term ids, ascending                   */
  float *w;            /* their weights (idf), same order                */
  uint32_t nterms;
  float norm;          /* Euclidean norm of w                            */
  td_synth_link *links; /* per other group its closest sentence, when sim >=
                           TD_SYNTH_LINK_MIN; best first (owned by the model).
                           Not symmetric: o in s's links does not put s in o's */
  uint32_t nlinks;
} td_synth_sent;

/* Links below this cosine are not kept at all. */
#define TD_SYNTH_LINK_MIN 0.12f
/* Two sentences state the same fact at or above this cosine. */
#define TD_SYNTH_SAME_FACT 0.30f

typedef struct td_synth_model {
  const td_synth_doc *docs;
  size_t ndocs;
  uint32_t *group;  /* per doc: its independent-source group, 0..ngroups-1 */
  size_t ngroups;
  uint8_t *aligned; /* per doc: 1 when its sentences are in the model (not a copy) */
  td_synth_sent *sents;
  size_t nsents;
  size_t *first;    /* per doc: index of its first sentence; first[ndocs] = nsents */
  size_t nterms;    /* distinct terms */
  char **term;      /* term strings by id (owned) */
  float *centroid;  /* per term: the story's centroid (each group weighs the same) */
  float centroid_norm;
  struct td_stemmer *stemmer; /* English Snowball, shared with conflicts.c */
  uint32_t *stamp;  /* per group: scratch marks for td_synth_support       */
  uint32_t gen;
} td_synth_model;

/* Build the model of docs[0..n). TD_OK or TD_ENOMEM (*out NULL). Cost is
** linear in the text plus the number of sentence pairs sharing a term;
** memory is linear in the text plus sentences x groups. */
int td_synth_model_new(const td_synth_doc *docs, size_t n, td_synth_model **out);
void td_synth_model_free(td_synth_model *m); /* accepts NULL */

/* Cosine of two sentences (any two, linked or not). */
float td_synth_cosine(const td_synth_model *m, size_t a, size_t b);
/* Cosine of a sentence with the story centroid. */
float td_synth_centroid_sim(const td_synth_model *m, size_t s);

/* The best cosine of sentence s with any sentence of group g (0 when none is
** linked); g may be s's own group, then 0. */
float td_synth_best_in_group(const td_synth_model *m, size_t s, uint32_t g);

/* The groups (other than its own) that have a sentence stating the fact of
** s (cosine >= `min`); returns how many, and sums their best cosines in *w
** (may be NULL). */
size_t td_synth_support(const td_synth_model *m, size_t s, float min, float *w);

/* The matching key of one word: folded (case, accents, quotes), stemmed,
** written to out[0..cap) without a terminator; returns its length, or 0 for
** a stopword or a word that does not fit. */
size_t td_synth_word_key(struct td_stemmer *st, const char *w, size_t n, char *out, size_t cap);

/* 1 when s is a stopword-free, reasonably long statement worth showing:
** not a fragment, a dateline or a caption. */
int td_synth_showable(const td_synth_model *m, size_t s);

#endif
