/*
** stem.h — Snowball stemming (libstemmer) of folded words.
*/
#ifndef TD_STEM_H
#define TD_STEM_H

#include <stddef.h>

typedef struct td_stemmer td_stemmer;

/* `lang` is a Snowball algorithm name ("english", "german", ...) or an ISO
** 639-1 or 639-2 code ("en", "eng"), in any case, with a region suffix
** ignored ("en-GB", "pt_BR"); NULL or "" means English. NULL on OOM or
** unknown language. Free with td_stemmer_free. */
td_stemmer *td_stemmer_new(const char *lang);
void td_stemmer_free(td_stemmer *st); /* accepts NULL */

/* Stem a folded (lower-case) UTF-8 word. The result is borrowed until the
** next call on st; *outlen gets its length. NULL on OOM. */
const char *td_stem(td_stemmer *st, const char *word, size_t len, size_t *outlen);

#endif
