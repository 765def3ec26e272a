/*
** stem.c — Snowball stemming on libstemmer (normalise stage).
**
** Stems let later stages match "warned" with "warning" (sentence alignment,
** search). A td_stemmer wraps one sb_stemmer, made once and reused for every
** word, because creating one costs far more than stemming a word.
**
** Language names: Snowball's own ("english"), ISO 639-1 or 639-2 codes
** ("en", "eng"), any case, with a region or script suffix ignored ("en-GB",
** "pt_BR"). libstemmer already knows the lower-case codes; we only normalise
** the spelling. Note that libstemmer allocates with malloc, outside our hook.
*/
#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"

#include <libstemmer.h>
#include <limits.h>

struct td_stemmer {
  struct sb_stemmer *sb;
};

td_stemmer *td_stemmer_new(const char *lang) {
  char name[32];
  size_t i = 0;
  if (!lang || !*lang) lang = "english";
  for (; lang[i] && lang[i] != '-' && lang[i] != '_'; i++) {
    unsigned char c = (unsigned char)lang[i];
    if (i + 1 >= sizeof name) return NULL; /* no algorithm has a name this long */
    name[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  name[i] = '\0';
  if (!i) return NULL;
  td_stemmer *st = td_malloc(sizeof *st);
  if (!st) return NULL;
  st->sb = sb_stemmer_new(name, NULL);
  if (!st->sb) {
    td_free(st);
    return NULL;
  }
  return st;
}

void td_stemmer_free(td_stemmer *st) {
  if (!st) return;
  sb_stemmer_delete(st->sb);
  td_free(st);
}

const char *td_stem(td_stemmer *st, const char *word, size_t len, size_t *outlen) {
  if (!st || (!word && len) || len > INT_MAX) return NULL;
  const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)(word ? word : ""), (int)len);
  if (!r) return NULL;
  if (outlen) *outlen = (size_t)sb_stemmer_length(st->sb);
  return (const char *)r;
}
