/*
** quote_sim.c — is this the same statement? (see td_quote_similar in quote.h)
**
** Outlets render one statement differently: a translation ("especially needed
** to strengthen" / "particularly important for strengthening"), a trim, a
** typo. Exact words fail there; what survives is most content words by stem,
** and the names and numbers, which a different statement rarely shares. A
** signature is the folded (utf8.h) content words of a quote, stemmed
** (stem.h), with its numbers and capitalised names; two signatures compare by
** how many content words of the shorter quote find a partner in the longer
** one (same stem, or a shared stem prefix of five letters for derived forms
** such as America/American), blended with the same count over both, and
** damped when their numbers or names disagree.
**
** Comparisons run by the thousand per article (every new statement against
** the story's stored ones), so each stem is kept as one integer that decides
** a match exactly: a stem of five bytes or more by its first five, a shorter
** one by all of its bytes and its length. Two stems match when their
** integers are equal, and a signature keeps them sorted, so comparing two
** quotes is one merge of two short arrays.
*/
#include "extract/lexicon.h"
#include "extract/quote.h"
#include "text/stem.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SIG_WORDS 256 /* content words kept per quote */

struct td_quote_sig {
  uint64_t *key; /* match key of each stem (stem_key), sorted */
  size_t n;
  uint64_t *nums; /* hashes of numbers */
  size_t nnums;
  uint64_t *names; /* hashes of folded capitalised words */
  size_t nnames;
};

static uint64_t h64(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

/* The match key of a stem: two stems match when they are equal or share
** their first five bytes (america/american, strateg/strategi), which is when
** their keys are equal. Bit 63 marks a stem of five bytes or more, keyed by
** those five; a shorter one is keyed by its length and bytes. (Word tokens
** hold no NUL byte, so stems compare as the C strings they replaced did.) */
static uint64_t stem_key(const char *st, size_t sl) {
  uint64_t k = 0;
  size_t n = sl < 5 ? sl : 5;
  for (size_t i = 0; i < n; i++) k = k << 8 | (unsigned char)st[i];
  return sl >= 5 ? k | 1ULL << 63 : k | (uint64_t)sl << 40;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

void td_quote_sig_free(td_quote_sig *sig) {
  if (!sig) return;
  td_free(sig->key);
  td_free(sig->nums);
  td_free(sig->names);
  td_free(sig);
}

/* Extra function words of quoted speech that carry no content. */
static int light_word(const char *w, size_t n) {
  static const char *const extra[] = {"will",    "would",   "also",  "very", "s",
                                      "t",       "don't",   "it's",  "i'm",  "we're",
                                      "they're", "there's", "that's"};
  for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
    if (strlen(extra[i]) == n && !memcmp(extra[i], w, n)) return 1;
  return td_lex_stopword(w, n);
}

td_quote_sig *td_quote_sig_new(const char *s, size_t len, td_stemmer *stemmer) {
  td_quote_sig *g = td_calloc(1, sizeof *g);
  td_stemmer *own = NULL;
  td_token *tok = NULL, *ftok = NULL;
  char *fold = NULL, *buf = NULL;
  size_t *off = NULL;
  uint64_t *hash = NULL;
  if (!g) return NULL;
  if (!stemmer) {
    own = td_stemmer_new("english");
    if (!own) goto fail;
    stemmer = own;
  }
  size_t ntok = td_tokenize(s, len, &tok);
  if (ntok == (size_t)-1) goto fail;
  g->nums = td_malloc((ntok + 1) * sizeof *g->nums);
  g->names = td_malloc((ntok + 1) * sizeof *g->names);
  if (!g->nums || !g->names) goto fail;
  /* Names and numbers from the original (case matters for names). */
  for (size_t i = 0; i < ntok; i++) {
    const td_token *t = &tok[i];
    if (t->kind == TD_TOK_NUMBER) {
      /* "1,000" and "1000" are one number. */
      char d[64];
      size_t k = 0;
      for (size_t j = t->start; j < t->end && k < sizeof d; j++)
        if (s[j] != ',') d[k++] = s[j];
      g->nums[g->nnums++] = h64(d, k);
    } else if (t->kind == TD_TOK_WORD && t->upper && i > 0 && tok[i - 1].kind == TD_TOK_WORD &&
               !td_lex_stopword(s + t->start, t->end - t->start)) {
      /* Capitalised and not first in its sentence: a name. Folded so that
      ** "Syria" and "SYRIA" agree; the first five letters only, so that
      ** "Russia" and "Russian" do too. */
      char low[64];
      size_t k = 0;
      for (size_t j = t->start; j < t->end && k < 5; j++)
        low[k++] = (s[j] >= 'A' && s[j] <= 'Z') ? (char)(s[j] + 32) : s[j];
      g->names[g->nnames++] = h64(low, k);
    }
  }
  size_t flen;
  fold = td_utf8_fold(s, len, &flen);
  if (!fold) { /* invalid UTF-8: compare the bytes as they are */
    fold = td_strndup(s, len);
    flen = len;
    if (!fold) goto fail;
  }
  size_t nf = td_tokenize(fold, flen, &ftok);
  if (nf == (size_t)-1) goto fail;
  /* The distinct stems, kept while building (buf, off, and a hash of each
  ** to find repeats quickly); the signature keeps their keys only. */
  size_t cap = flen * 2 + 16, used = 0;
  buf = td_malloc(cap);
  /* Hyphen parts can outnumber the tokens; the signature never holds more
  ** than SIG_WORDS stems, nor more than one per two bytes of text. */
  size_t maxw = flen / 2 + 1 < SIG_WORDS ? flen / 2 + 1 : SIG_WORDS;
  off = td_malloc(maxw * sizeof *off);
  hash = td_malloc(maxw * sizeof *hash);
  g->key = td_malloc(maxw * sizeof *g->key);
  if (!buf || !off || !hash || !g->key) goto fail;
  for (size_t i = 0; i < nf && g->n < maxw; i++) {
    if (ftok[i].kind != TD_TOK_WORD) continue;
    const char *w = fold + ftok[i].start;
    size_t n = ftok[i].end - ftok[i].start;
    /* Hyphenated compounds compare by their parts: Russian-US, Russian-American. */
    size_t a = 0;
    while (a < n) {
      size_t b = a;
      while (b < n && w[b] != '-')
        b++;
      if (b > a && !light_word(w + a, b - a)) {
        size_t sl;
        const char *st = td_stem(stemmer, w + a, b - a, &sl);
        if (!st) goto fail;
        if (used + sl + 1 > cap) break;
        /* Drop repeats: a set of content words. */
        uint64_t h = h64(st, sl);
        int dup = 0;
        for (size_t k = 0; k < g->n && !dup; k++)
          if (hash[k] == h && strlen(buf + off[k]) == sl && !memcmp(buf + off[k], st, sl)) dup = 1;
        if (!dup && g->n < maxw) {
          memcpy(buf + used, st, sl);
          buf[used + sl] = '\0';
          off[g->n] = used;
          hash[g->n] = h;
          g->key[g->n++] = stem_key(st, sl);
          used += sl + 1;
        }
      }
      a = b + 1;
    }
  }
  qsort(g->key, g->n, sizeof *g->key, cmp_u64);
  td_free(buf);
  td_free(off);
  td_free(hash);
  td_free(tok);
  td_free(ftok);
  td_free(fold);
  td_stemmer_free(own);
  return g;
fail:
  td_free(buf);
  td_free(off);
  td_free(hash);
  td_free(tok);
  td_free(ftok);
  td_free(fold);
  td_stemmer_free(own);
  td_quote_sig_free(g);
  return NULL;
}

static int has(const uint64_t *v, size_t n, uint64_t x) {
  for (size_t i = 0; i < n; i++)
    if (v[i] == x) return 1;
  return 0;
}

double td_quote_sig_similar(const td_quote_sig *a, const td_quote_sig *b) {
  if (!a || !b || !a->n || !b->n) return 0.0;
  const td_quote_sig *sh = a->n <= b->n ? a : b, *lo = sh == a ? b : a;
  /* How many stems of the shorter find a partner in the longer: both key
  ** lists are sorted, so one merge (several stems of the shorter may share
  ** a key, and each counts). */
  size_t m = 0, j = 0;
  for (size_t i = 0; i < sh->n; i++) {
    while (j < lo->n && lo->key[j] < sh->key[i])
      j++;
    if (j == lo->n) break;
    m += lo->key[j] == sh->key[i];
  }
  double cont = (double)m / (double)sh->n;
  double both = 2.0 * (double)m / (double)(sh->n + lo->n);
  /* Containment only counts for quotes of some length: two quoted words are
  ** contained in many long statements that are not theirs. */
  double score = sh->n < 4 ? both : 0.5 * cont + 0.5 * both;
  /* Numbers: the same statement quotes the same figures. */
  if (a->nnums && b->nnums) {
    size_t common = 0;
    for (size_t i = 0; i < a->nnums; i++)
      common += has(b->nums, b->nnums, a->nums[i]);
    if (common < (a->nnums < b->nnums ? a->nnums : b->nnums)) score *= 0.3;
  }
  /* Names: two quotes that both name someone must share a name. */
  if (a->nnames && b->nnames) {
    size_t common = 0;
    for (size_t i = 0; i < a->nnames; i++)
      common += has(b->names, b->nnames, a->names[i]);
    if (!common) score *= 0.7;
  }
  return score;
}

double td_quote_similar(const char *a, size_t alen, const char *b, size_t blen) {
  td_stemmer *st = td_stemmer_new("english");
  if (!st) return 0.0;
  td_quote_sig *x = td_quote_sig_new(a, alen, st), *y = td_quote_sig_new(b, blen, st);
  double r = td_quote_sig_similar(x, y);
  td_quote_sig_free(x);
  td_quote_sig_free(y);
  td_stemmer_free(st);
  return r;
}
