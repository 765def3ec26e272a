/*
** fingerprint.c — shingles, MinHash and LSH band keys (see fingerprint.h).
**
** Words are hashed once each (folded: ASCII lower-cased in place, anything
** else through utf8proc's fold), shingles are hashes of TD_FP_SHINGLE
** consecutive word hashes, and each of the TD_FP_PERMS permutations is a
** multiply-shift hash of the shingle hash with fixed odd multipliers, so
** signatures computed by any build on any machine compare equal: they are
** kept in the store.
*/
#include "fingerprint/fingerprint.h"
#include "text/sentence.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Permutation parameters: splitmix64 of the index, forced odd. Computed
** once; the values depend only on the index. */
static uint64_t perm_a[TD_FP_PERMS], perm_b[TD_FP_PERMS];
static int perm_ready;

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static void perm_init(void) {
  if (perm_ready) return;
  uint64_t x = 0x7469646e6773ULL; /* "tidngs" */
  for (int i = 0; i < TD_FP_PERMS; i++) {
    perm_a[i] = splitmix64(&x) | 1;
    perm_b[i] = splitmix64(&x);
  }
  perm_ready = 1;
}

/* Hash of a folded word; 0 on OOM is impossible to tell apart, so the
** caller gets the status separately. */
static int word_hash(const char *s, size_t len, uint64_t *h) {
  char small[64];
  int ascii = len <= sizeof small;
  for (size_t i = 0; ascii && i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80)
      ascii = 0;
    else
      small[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (ascii) {
    *h = XXH3_64bits(small, len);
    return TD_OK;
  }
  size_t flen;
  char *f = td_utf8_fold(s, len, &flen);
  if (!f) {
    /* Invalid UTF-8 cannot be folded: hash the bytes as they are. */
    if (!td_utf8_valid(s, len, NULL)) {
      *h = XXH3_64bits(s, len);
      return TD_OK;
    }
    return TD_ENOMEM;
  }
  *h = XXH3_64bits(f, flen);
  td_free(f);
  return TD_OK;
}

typedef struct words {
  uint64_t *h;     /* word hashes in text order                 */
  size_t *start;   /* byte offset of each word                  */
  size_t n;
} words;

static void words_release(words *w) {
  td_free(w->h);
  td_free(w->start);
}

/* Hash every word and number of s. */
static int words_of(const char *s, size_t len, words *w) {
  memset(w, 0, sizeof *w);
  td_token *tok = NULL;
  size_t nt = td_tokenize(s, len, &tok);
  if (nt == (size_t)-1) return TD_ENOMEM;
  w->h = td_malloc((nt ? nt : 1) * sizeof *w->h);
  w->start = td_malloc((nt ? nt : 1) * sizeof *w->start);
  if (!w->h || !w->start) {
    td_free(tok);
    words_release(w);
    return TD_ENOMEM;
  }
  for (size_t i = 0; i < nt; i++) {
    if (tok[i].kind == TD_TOK_PUNCT) continue;
    if (word_hash(s + tok[i].start, tok[i].end - tok[i].start, &w->h[w->n])) {
      td_free(tok);
      words_release(w);
      return TD_ENOMEM;
    }
    w->start[w->n++] = tok[i].start;
  }
  td_free(tok);
  return TD_OK;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static size_t sort_unique(uint64_t *v, size_t n) {
  if (n < 2) return n;
  qsort(v, n, sizeof *v, cmp_u64);
  size_t k = 1;
  for (size_t i = 1; i < n; i++)
    if (v[i] != v[k - 1]) v[k++] = v[i];
  return k;
}

/* Shingle hashes of a word sequence (not yet unique). */
static size_t shingle_hashes(const words *w, uint64_t *out) {
  if (w->n == 0) return 0;
  if (w->n < TD_FP_SHINGLE) {
    out[0] = XXH3_64bits(w->h, w->n * sizeof *w->h);
    return 1;
  }
  size_t n = w->n - TD_FP_SHINGLE + 1;
  for (size_t i = 0; i < n; i++) out[i] = XXH3_64bits(w->h + i, TD_FP_SHINGLE * sizeof *w->h);
  return n;
}

size_t td_fp_shingles(const char *s, size_t len, uint64_t **out) {
  *out = NULL;
  words w;
  if (words_of(s, len, &w)) return (size_t)-1;
  uint64_t *sh = td_malloc((w.n ? w.n : 1) * sizeof *sh);
  if (!sh) {
    words_release(&w);
    return (size_t)-1;
  }
  size_t n = sort_unique(sh, shingle_hashes(&w, sh));
  words_release(&w);
  *out = sh;
  return n;
}

/* Sentence hashes: the words of each sentence long enough to be telling. */
static int sentence_hashes(const char *s, size_t len, const words *w, td_fingerprint *fp) {
  td_span *sp = NULL;
  size_t ns = td_sentences(s, len, &sp);
  if (ns == (size_t)-1) return TD_ENOMEM;
  size_t cap = ns < TD_FP_SENT_MAX ? ns : TD_FP_SENT_MAX;
  fp->sent = td_malloc((cap ? cap : 1) * sizeof *fp->sent);
  if (!fp->sent) {
    td_free(sp);
    return TD_ENOMEM;
  }
  size_t wi = 0, n = 0;
  for (size_t i = 0; i < ns && n < cap; i++) {
    while (wi < w->n && w->start[wi] < sp[i].start) wi++;
    size_t first = wi;
    while (wi < w->n && w->start[wi] < sp[i].end) wi++;
    if (wi - first >= TD_FP_SENT_MIN)
      fp->sent[n++] = XXH3_64bits_withSeed(w->h + first, (wi - first) * sizeof *w->h, 1);
  }
  td_free(sp);
  fp->nsent = (uint32_t)sort_unique(fp->sent, n);
  return TD_OK;
}

int td_fingerprint_text(const char *s, size_t len, td_fingerprint *fp) {
  memset(fp, 0, sizeof *fp);
  perm_init();
  words w;
  if (words_of(s, len, &w)) return TD_ENOMEM;
  uint64_t *sh = td_malloc((w.n ? w.n : 1) * sizeof *sh);
  if (!sh) {
    words_release(&w);
    return TD_ENOMEM;
  }
  size_t n = sort_unique(sh, shingle_hashes(&w, sh));
  fp->nshingles = (uint32_t)n;
  for (int p = 0; p < TD_FP_PERMS; p++) fp->minhash[p] = UINT32_MAX;
  for (size_t i = 0; i < n; i++) {
    uint64_t x = sh[i];
    for (int p = 0; p < TD_FP_PERMS; p++) {
      uint32_t v = (uint32_t)((perm_a[p] * x + perm_b[p]) >> 32);
      if (v < fp->minhash[p]) fp->minhash[p] = v;
    }
  }
  td_free(sh);
  for (int b = 0; b < TD_FP_BANDS; b++)
    fp->bands[b] = XXH3_64bits_withSeed(fp->minhash + b * TD_FP_ROWS,
                                        TD_FP_ROWS * sizeof fp->minhash[0], (uint64_t)b + 1);
  int rc = sentence_hashes(s, len, &w, fp);
  words_release(&w);
  if (rc) td_fingerprint_release(fp);
  return rc;
}

void td_fingerprint_release(td_fingerprint *fp) {
  if (!fp) return;
  td_free(fp->sent);
  fp->sent = NULL;
  fp->nsent = 0;
}

double td_minhash_jaccard(const uint32_t *a, const uint32_t *b) {
  int eq = 0;
  for (int i = 0; i < TD_FP_PERMS; i++) eq += a[i] == b[i];
  return (double)eq / TD_FP_PERMS;
}

double td_minhash_containment(double j, uint32_t na, uint32_t nb) {
  if (na == 0) return 0;
  double c = j * ((double)na + (double)nb) / ((1 + j) * (double)na);
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* How many values two sorted sets share. */
static size_t common_sorted(const uint64_t *a, size_t na, const uint64_t *b, size_t nb) {
  size_t i = 0, j = 0, c = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else {
      c++;
      i++;
      j++;
    }
  }
  return c;
}

double td_fp_sent_containment(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb,
                              uint32_t *common) {
  uint32_t c = (uint32_t)common_sorted(a, na, b, nb);
  if (common) *common = c;
  return na ? (double)c / na : 0;
}

double td_fp_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb) {
  size_t c = common_sorted(a, na, b, nb);
  size_t u = na + nb - c;
  return u ? (double)c / u : 1;
}
