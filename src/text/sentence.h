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

#endif
