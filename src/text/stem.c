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
**
** News words follow Zipf's law: a few thousand words make most of a text,
** and placement stems every word of every article, so a stemmer keeps a
** small direct-mapped cache of word -> stem (STEM_CACHE slots; a word takes
** the slot its hash names and evicts what was there). A hit costs a hash
** and a compare instead of a Snowball run, and the cache's size is fixed.
*/
#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"

#include <libstemmer.h>
#include <limits.h>
#include <string.h>
#include <xxhash.h>

#define STEM_CACHE 8192 /* slots, a power of two                        */
#define STEM_WORD 22    /* longest word (and stem) a slot holds, bytes */

typedef struct stem_slot {
  unsigned char wlen, slen; /* wlen 0: empty (the empty word is not cached) */
  char word[STEM_WORD], stem[STEM_WORD + 1]; /* stem NUL-terminated, as libstemmer's */
} stem_slot;

struct td_stemmer {
  struct sb_stemmer *sb;
  stem_slot *cache; /* STEM_CACHE slots */
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
  st->cache = td_calloc(STEM_CACHE, sizeof *st->cache);
  st->sb = st->cache ? sb_stemmer_new(name, NULL) : NULL;
  if (!st->sb) {
    td_free(st->cache);
    td_free(st);
    return NULL;
  }
  return st;
}

void td_stemmer_free(td_stemmer *st) {
  if (!st) return;
  sb_stemmer_delete(st->sb);
  td_free(st->cache);
  td_free(st);
}

const char *td_stem(td_stemmer *st, const char *word, size_t len, size_t *outlen) {
  if (!st || (!word && len) || len > INT_MAX) return NULL;
  stem_slot *c = NULL;
  if (len > 0 && len <= STEM_WORD) {
    c = &st->cache[XXH3_64bits(word, len) & (STEM_CACHE - 1)];
    if (c->wlen == len && !memcmp(c->word, word, len)) {
      if (outlen) *outlen = c->slen;
      return c->stem;
    }
  }
  const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)(word ? word : ""), (int)len);
  if (!r) return NULL;
  size_t n = (size_t)sb_stemmer_length(st->sb);
  if (outlen) *outlen = n;
  if (c && n <= STEM_WORD) {
    c->wlen = (unsigned char)len;
    c->slen = (unsigned char)n;
    memcpy(c->word, word, len);
    memcpy(c->stem, r, n);
    c->stem[n] = '\0';
  }
  return (const char *)r;
}
