/*
** entity.h — people, organisations and places in one article (extract stage).
**
** Rules, no trained model: capitalised word sequences are split into a title
** ("Russian President", "Mr") and a name; organisation words ("Ministry",
** "Kremlin"), the gazetteer (countries, capitals, regions, nationalities, given
** names) and the article itself (a word seen in lower case elsewhere is a
** common word) decide the kind. Aliases are merged within the article: a full
** name, the surname alone, "Mr X" and title + name are one person, reported by
** its canonical (fullest) form. Quote attribution (quote.h) resolves speakers
** against this set, and the place stage compares entities across articles
** with td_name_similarity, which accepts transliteration variants
** (Tartous/Tartus) but not different names.
*/
#ifndef TD_EXTRACT_ENTITY_H
#define TD_EXTRACT_ENTITY_H

#include <stddef.h>

typedef enum td_entity_kind {
  TD_ENT_PERSON = 1,
  TD_ENT_ORG,
  TD_ENT_PLACE,
  TD_ENT_OTHER /* a name we cannot type (an event, a work, a thing) */
} td_entity_kind;

typedef struct td_mention {
  size_t start, end; /* bytes of the name in the text (title and "'s" excluded) */
  size_t entity;     /* index into td_entity_set.ents                          */
} td_mention;

typedef struct td_entity {
  char *name; /* canonical name: the fullest form seen (owned)          */
  td_entity_kind kind;
  int gender;     /* 'm', 'f' or 0 when unknown                             */
  char **aliases; /* every distinct surface form, canonical first (owned)   */
  size_t naliases;
  char **roles; /* titles seen before the name, lower case: "russian
                   president", "foreign minister" (owned)                 */
  size_t nroles;
  char cc[3]; /* country of a place or nationality of a person, or ""  */
  size_t nmentions;
  size_t first; /* byte offset of the first mention                        */
} td_entity;

typedef struct td_entity_set {
  td_entity *ents;
  size_t n;
  td_mention *mentions; /* in text order */
  size_t nmentions;
} td_entity_set;

/* Find the entities of text[0..len) (UTF-8, paragraphs separated by blank
** lines). `title` (may be NULL) is the headline: its names count for alias
** merging but have no offsets. On success *out is a new set the caller frees
** with td_entity_set_free. Returns TD_OK or TD_ENOMEM. Linear in len (up to
** the per-article caps on distinct names). */
int td_entities_extract(const char *text, size_t len, const char *title, size_t title_len,
                        td_entity_set **out);
void td_entity_set_free(td_entity_set *set); /* accepts NULL */

/* Index of the first mention starting at or after `pos` (binary search);
** set->nmentions when there is none. */
size_t td_entity_mention_after(const td_entity_set *set, size_t pos);

/* The entity whose name (canonical, an alias, or the surname of a person)
** equals s[0..n), ASCII case ignored, or -1. When several people share the
** surname, the one mentioned last before `before` wins. */
long td_entity_lookup(const td_entity_set *set, const char *s, size_t n, size_t before);

/* The person a description stands for: "the Russian President", "the
** Russian leader", "the top Russian diplomat" → the person whose titles
** agree (same office word, or a generic "leader" with the same nationality),
** mentioned last before `before`; -1 when none or ambiguous. */
long td_entity_describe(const td_entity_set *set, const char *s, size_t n, size_t before);

/* Similarity in [0,1] of two names as different outlets spell them
** (Tartous/Tartus, Hmeymim/Hmeimim, Al-Assad/al-Assad): folded forms
** (case, accents, common transliteration pairs) compared by edit distance.
** Safeguards: short names must match exactly after folding, the first
** letters must agree, numbers must agree. */
double td_name_similarity(const char *a, size_t alen, const char *b, size_t blen);
#define TD_NAME_MATCH 0.85 /* td_name_similarity at or above this: same name */

#endif
