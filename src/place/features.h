/*
** features.h — what story clustering looks at in one article (place stage).
**
** Three bags, each a list of (key, weight, string): terms — the Snowball
** stems of the headline and body words that are not stop words, plus
** numbers —, names — the extract stage's entities (people by surname, the
** rest by full name, weighed by their mentions) — and details — the numbers
** and the reported dates (when keys, below), which place/ counts with the
** names: what tells one event from another of its kind. Weights are
** 1 + log(tf), with headline occurrences counted TD_FEAT_TITLE_TF times, as a
** headline says what the article is about in a few words, and so are the
** words of the body's lead sentence (the inverted pyramid: it says what
** happened, who and where). Keys are 64-bit
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
  /* details: what tells one event from another of its kind besides names,
  ** the numbers the text gives ("23 pirates", "7.3") and the dates it
  ** reports, resolved against the publication date when there is one
  ** (year, year-month and day keys, in the name key space) */
  td_feat *details;
  size_t ndetails;
  /* headline: the keys (in names[]) of the people the headline names, whom
  ** the report is about ("Putin's New Year message to Erdogan"), so that
  ** place/ can tell an event of one kind about other people from its
  ** namesake (sorted, owned) */
  uint64_t *headline;
  size_t nheadline;
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
/* The same, also filling details: pub_date ("YYYY-MM-DD..." or NULL)
** resolves relative dates ("on Saturday"). */
int td_feats_extract_full(td_stemmer *st, const char *title, size_t tlen, const char *text,
                          size_t len, const struct td_entity_set *ents, const char *pub_date,
                          td_feats *f);
/* The same with the text's dates given (td_dates_extract of text against
** pub_date; borrowed), so they are not found a second time. */
struct td_date;
int td_feats_extract_dated(td_stemmer *st, const char *title, size_t tlen, const char *text,
                           size_t len, const struct td_entity_set *ents, const char *pub_date,
                           const struct td_date *dates, size_t ndates, td_feats *f);
/* The same without the lead's weight (headline words still count twice):
** the features of the evaluation's plain TF-IDF baseline, which stays what
** it was when tidings' own features change. */
int td_feats_extract_plain(td_stemmer *st, const char *title, size_t tlen, const char *text,
                           size_t len, td_feats *f);
void td_feats_release(td_feats *f);

/* Key of a term (stem) or a name (folded), as td_feats_extract makes them. */
uint64_t td_feat_term_key(const char *s, size_t len);
uint64_t td_feat_name_key(const char *s, size_t len);

/* Details that say when the reported event happened carry their value in
** the key (in the name key space, under a 24-bit tag a hashed name has
** once in 16 million), so that place/ can tell two stories' times apart
** from their vectors alone: the year, year*12 + month - 1, the day
** (days since 1970 plus 2^30) or the weekday (0 = Sunday). */
typedef enum td_when_kind { TD_WHEN_YEAR = 1, TD_WHEN_MONTH, TD_WHEN_DAY, TD_WHEN_WEEKDAY } td_when_kind;
uint64_t td_feat_when_key(td_when_kind kind, uint32_t value);
/* The kind of a when key, 0 for any other key. */
int td_feat_when_kind(uint64_t key);

#endif
