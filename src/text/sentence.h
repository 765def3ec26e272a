/*
** sentence.h — the sentence splitter (normalise stage).
**
** Splits at . ! ? (and a closing quote or bracket after them) followed by
** space and a plausible sentence start, and always at paragraph breaks
** (a blank line). Survives abbreviations (Mr., Dr., U.S., Dec., etc.),
** initials (J. R. R. Tolkien), decimals (3.5), ellipses, and quotations
** ("Go." he said → one sentence when the quote is followed by a lower-case
** cue). Spans are byte offsets and exclude surrounding white space.
*/
#ifndef TD_SENTENCE_H
#define TD_SENTENCE_H

#include <stddef.h>

typedef struct td_span {
  size_t start, end; /* [start, end) */
} td_span;

/* Split s[0..len) into sentences; new array (td_free) in *out, returns the
** count or (size_t)-1 on OOM. Linear in len. */
size_t td_sentences(const char *s, size_t len, td_span **out);

/* The first sentence of s[0..len) as a one-line title for text that has
** no headline: white space runs made one space, and cut after at most max
** bytes at a word boundary with "…" when longer. *out is a new string
** (td_free), or NULL when the text holds no sentence. TD_OK or TD_ENOMEM. */
int td_sentence_lead(const char *s, size_t len, size_t max, char **out);

#endif
