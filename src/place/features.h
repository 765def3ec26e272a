/*
** features.h — what story clustering looks at in one article (place stage).
**
** Two bags, each a list of (key, weight, string): terms — the Snowball stems
** of the headline and body words that are not stop words, plus numbers —
** and names — the extract stage's entities (people by surname, the rest by
** full name, weighed by their mentions). Weights are
** 1 + log(tf), with headline occurrences counted TD_FEAT_TITLE_TF times, as a
** headline says what the article is about in a few words. Keys are 64-bit
** hashes of the folded strings, in separate key spaces for terms and names,
** so the store keeps numbers, never strings, for every posting and vector.
*/
#ifndef TD_PLACE_FEATURES_H
#define TD_PLACE_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#define TD_FEAT_TITLE_TF 2

typedef struct td_feat {
  uint64_t key;
  float w;   /* raw weight 1 + log(tf); place/ multiplies in the IDF */
  char *str; /* the stem or folded name, for explanations (owned)     */
} td_feat;

typedef struct td_feats {
  td_feat *terms;
  size_t nterms;
  td_feat *names;
  size_t nnames;
} td_feats;

typedef struct td_stemmer td_stemmer;

/* Fill f from a headline (may be NULL) and body; st stems (English when the
** article has no language). Arrays come out sorted by key. TD_OK or
** TD_ENOMEM; f is always safe to release. */
int td_feats_extract(td_stemmer *st, const char *title, size_t tlen, const char *text,
                     size_t len, td_feats *f);
/* The same with the article's entities already extracted (td_entities_extract
** of the same text and title; borrowed for the call), so that the pipeline
** extracts them once for place and extract; NULL extracts them here. */
struct td_entity_set;
int td_feats_extract_ents(td_stemmer *st, const char *title, size_t tlen, const char *text,
                          size_t len, const struct td_entity_set *ents, td_feats *f);
void td_feats_release(td_feats *f);

/* Key of a term (stem) or a name (folded), as td_feats_extract makes them. */
uint64_t td_feat_term_key(const char *s, size_t len);
uint64_t td_feat_name_key(const char *s, size_t len);

#endif
