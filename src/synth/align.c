/*
** align.c — sentence alignment across the articles of one story (synthesise
** stage; see align.h for the model).
**
** Terms: each word is folded (utf8proc case fold, so curly quotes and case
** do not matter), split at inner hyphens and apostrophes ("Syria-based",
** "Putin's"), stopwords dropped and the rest stemmed, so "withdrawing" and
** "withdrawal" meet. A capitalised word that does not open the sentence is a
** name, and names are what outlets transliterate differently (Hmeymim,
** Hmeimim; Tartous, Tartus), so a name's term is a consonant skeleton
** instead: its first letter, then its consonants without h, w and y, runs
** collapsed. Numbers are terms too ("#340000"), with group separators
** dropped.
**
** Weights are idf over the story's sentences (smoothed, never below 1): the
** story's own topic words still count, because with three outlets a word all
** of them use is exactly what consensus is made of. Links between sentences
** of different groups come from an inverted index, so only pairs that share
** a term are ever compared; a link needs two shared terms, because one name
** in common is not one fact in common; a sentence keeps only its best link
** into each other group (see make_links), which bounds the model of a dense
** story by sentences x outlets instead of sentences squared.
*/
#include "synth/align.h"
#include "text/sentence.h"
#include "text/stem.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

/* ----------------------------------------------------------- stopwords */

/* Kept sorted: looked up with bsearch. */
static const char *const stopwords[] = {
    "a", "about", "according", "after", "again", "against", "all", "also", "am", "amid", "among",
    "an", "and", "any", "are", "aren", "as", "at", "be", "been", "before", "being", "between",
    "both", "but", "by", "can", "could", "couldn", "d", "did", "didn", "do", "does", "doesn",
    "doing", "don", "down", "during", "each", "few", "for", "from", "further", "had", "hadn",
    "has", "hasn", "have", "haven", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "if", "in", "into", "is", "isn", "it", "its",
    "itself", "just", "ll", "m", "may", "me", "might", "more", "most", "mr", "mrs", "ms", "must",
    "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "our", "ours", "out", "over", "own", "re", "s", "said", "same", "say", "says", "she",
    "should", "shouldn", "since", "so", "some", "such", "t", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "told",
    "too", "under", "until", "up", "upon", "us", "ve", "very", "via", "was", "wasn", "we", "were",
    "weren", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "within", "without", "won", "would", "wouldn", "yet", "you", "your", "yours",
};

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_stopword(const char *w, size_t n) {
  char key[16];
  if (n >= sizeof key) return 0;
  memcpy(key, w, n);
  key[n] = '\0';
  const char *k = key;
  return bsearch(&k, stopwords, sizeof stopwords / sizeof *stopwords, sizeof *stopwords,
                 cmp_cstr) != NULL;
}


/* ------------------------------------------------------------- folding */

/* Fold w[0..n) into out: ASCII by hand, anything else through utf8proc. */
static size_t fold_word(const char *w, size_t n, char *out, size_t cap) {
  size_t i;
  for (i = 0; i < n && !((unsigned char)w[i] & 0x80); i++) {}
  if (i == n) {
    if (n >= cap) return 0;
    for (i = 0; i < n; i++) {
      char c = w[i];
      out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return n;
  }
  size_t fl = 0;
  char *f = td_utf8_fold(w, n, &fl);
  if (!f) return 0;
  size_t r = 0;
  if (fl < cap) {
    memcpy(out, f, fl);
    r = fl;
  }
  td_free(f);
  return r;
}

static int is_vowelish(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'h' ||
         c == 'w';
}

/* The spelling-tolerant key of a name piece (folded): first letter, then
** consonants other than h/w/y with runs collapsed. */
static size_t skeleton(const char *p, size_t n, char *out, size_t cap) {
  size_t k = 0;
  if (!n || cap < 2) return 0;
  out[k++] = '~';
  out[k++] = p[0];
  for (size_t i = 1; i < n && k < cap; i++) {
    char c = p[i];
    if (is_vowelish(c)) continue;
    if (c == out[k - 1]) continue;
    out[k++] = c;
  }
  return k;
}

size_t td_synth_word_key(td_stemmer *st, const char *w, size_t n, char *out, size_t cap) {
  char f[128];
  size_t fl = fold_word(w, n, f, sizeof f);
  if (!fl || is_stopword(f, fl)) return 0;
  size_t sl = 0;
  const char *s = st ? td_stem(st, f, fl, &sl) : NULL;
  if (!s) {
    s = f;
    sl = fl;
  }
  if (sl > cap) return 0;
  memcpy(out, s, sl);
  return sl;
}

/* -------------------------------------------------------- term interning */

typedef struct interner {
  uint32_t *slot; /* 0 = empty, else id + 1 */
  size_t cap;     /* power of two */
  char **term;
  size_t n, alloc;
} interner;

static int intern_grow(interner *in) {
  size_t ncap = in->cap ? in->cap * 2 : 1024;
  uint32_t *ns = td_calloc(ncap, sizeof *ns);
  if (!ns) return -1;
  for (size_t i = 0; i < in->n; i++) {
    const char *t = in->term[i];
    size_t h = (size_t)XXH3_64bits(t, strlen(t)) & (ncap - 1);
    while (ns[h]) h = (h + 1) & (ncap - 1);
    ns[h] = (uint32_t)i + 1;
  }
  td_free(in->slot);
  in->slot = ns;
  in->cap = ncap;
  return 0;
}

/* The id of t[0..n), adding it when new; -1 on OOM. */
static long intern(interner *in, const char *t, size_t n) {
  if ((in->n + 1) * 2 > in->cap && intern_grow(in)) return -1;
  size_t h = (size_t)XXH3_64bits(t, n) & (in->cap - 1);
  while (in->slot[h]) {
    const char *u = in->term[in->slot[h] - 1];
    if (strlen(u) == n && memcmp(u, t, n) == 0) return (long)in->slot[h] - 1;
    h = (h + 1) & (in->cap - 1);
  }
  if (in->n == in->alloc) {
    size_t na = in->alloc ? in->alloc * 2 : 1024;
    char **nt = td_realloc(in->term, na * sizeof *nt);
    if (!nt) return -1;
    in->term = nt;
    in->alloc = na;
  }
  char *copy = td_strndup(t, n);
  if (!copy) return -1;
  in->term[in->n] = copy;
  in->slot[h] = (uint32_t)in->n + 1;
  return (long)in->n++;
}

/* ------------------------------------------------------------ sentences */

typedef struct idvec {
  uint32_t *v;
  size_t n, alloc;
} idvec;

static int idvec_push(idvec *iv, uint32_t x) {
  if (iv->n == iv->alloc) {
    size_t na = iv->alloc ? iv->alloc * 2 : 32;
    uint32_t *nv = td_realloc(iv->v, na * sizeof *nv);
    if (!nv) return -1;
    iv->v = nv;
    iv->alloc = na;
  }
  iv->v[iv->n++] = x;
  return 0;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Add the terms of one token to iv. */
static int token_terms(td_synth_model *m, interner *in, const char *text, const td_token *t,
                       int opens, idvec *iv) {
  const char *w = text + t->start;
  size_t n = t->end - t->start;
  char key[160];
  if (t->kind == TD_TOK_NUMBER) {
    size_t k = 0;
    key[k++] = '#';
    for (size_t i = 0; i < n && k < sizeof key; i++)
      if (w[i] != ',') key[k++] = w[i];
    long id = intern(in, key, k);
    return id < 0 ? -1 : idvec_push(iv, (uint32_t)id);
  }
  if (t->kind != TD_TOK_WORD) return 0;
  char f[128];
  size_t fl = fold_word(w, n, f, sizeof f);
  if (!fl) return 0;
  /* Pieces at inner hyphens and apostrophes (folding made them ASCII). */
  size_t p = 0;
  while (p < fl) {
    size_t q = p;
    while (q < fl && f[q] != '-' && f[q] != '\'') q++;
    size_t pl = q - p;
    if (pl >= 1 && !is_stopword(f + p, pl)) {
      size_t kl;
      int name = t->upper && !t->caps && !opens && pl >= 4;
      if (name) {
        kl = skeleton(f + p, pl, key, sizeof key);
      } else {
        size_t sl = 0;
        const char *s = td_stem(m->stemmer, f + p, pl, &sl);
        if (!s) return -1;
        if (sl > sizeof key) sl = 0;
        memcpy(key, s, sl);
        kl = sl;
      }
      if (kl) {
        long id = intern(in, key, kl);
        if (id < 0 || idvec_push(iv, (uint32_t)id)) return -1;
      }
    }
    p = q + 1;
  }
  return 0;
}

/* Chinese and Japanese terms: bigrams of adjacent characters, not single
** characters, and no bigram of two hiragana (particles and endings), so that
** two sentences meet on their words rather than on their grammar (as in
** place/features.c, which says why). A Han character touching no other is a
** term alone. cjk_step takes the text's tokens one by one (t NULL for any
** other token, and at the end). */
typedef struct cjk_run {
  td_token prev; /* the last CJK character, when `kind` */
  int kind;      /* its td_token_cjk kind, 0 after any other token */
  int paired;    /* it is in a bigram with the character before it */
} cjk_run;

static int cjk_step(interner *in, const char *s, cjk_run *r, const td_token *t, int kind,
                    idvec *iv) {
  int touch = t && r->kind && r->prev.end == t->start;
  long id = -2;
  if (touch && !(r->kind == TD_CJK_KANA && kind == TD_CJK_KANA))
    id = intern(in, s + r->prev.start, t->end - r->prev.start);
  else if (!touch && r->kind == TD_CJK_HAN && !r->paired)
    id = intern(in, s + r->prev.start, r->prev.end - r->prev.start);
  if (id == -1 || (id >= 0 && idvec_push(iv, (uint32_t)id))) return -1;
  r->paired = touch;
  r->kind = t ? kind : 0;
  if (t) r->prev = *t;
  return 0;
}

/* Split doc d into sentences and append them to m->sents. */
static int doc_sentences(td_synth_model *m, interner *in, size_t d, size_t *asents) {
  const td_synth_doc *doc = &m->docs[d];
  td_span *sp = NULL;
  size_t ns = td_sentences(doc->text, doc->len, &sp);
  if (ns == (size_t)-1) return -1;
  idvec iv = {0};
  int rc = 0;
  uint32_t pos = 0;
  for (size_t i = 0; i < ns && !rc; i++) {
    const char *s = doc->text + sp[i].start;
    size_t sl = sp[i].end - sp[i].start;
    td_tokenizer tz;
    td_token t;
    td_tokenizer_init(&tz, s, sl);
    iv.n = 0;
    uint32_t nwords = 0;
    int opens = 1;
    cjk_run cj = {0};
    while (td_token_next(&tz, &t)) {
      if (t.kind == TD_TOK_WORD || t.kind == TD_TOK_NUMBER) nwords++;
      int k = td_token_cjk(s, &t);
      if (cjk_step(in, s, &cj, k ? &t : NULL, k, &iv) ||
          (!k && token_terms(m, in, s, &t, opens, &iv))) {
        rc = -1;
        break;
      }
      /* A quote mark or bracket before the first word keeps it "opening". */
      if (t.kind != TD_TOK_PUNCT) opens = 0;
    }
    if (!rc && cjk_step(in, s, &cj, NULL, 0, &iv)) rc = -1;
    if (rc || iv.n == 0) continue;
    qsort(iv.v, iv.n, sizeof *iv.v, cmp_u32);
    size_t u = 0;
    for (size_t k = 0; k < iv.n; k++)
      if (!u || iv.v[u - 1] != iv.v[k]) iv.v[u++] = iv.v[k];
    if (m->nsents == *asents) {
      size_t na = *asents ? *asents * 2 : 256;
      td_synth_sent *nsn = td_realloc(m->sents, na * sizeof *nsn);
      if (!nsn) {
        rc = -1;
        break;
      }
      m->sents = nsn;
      *asents = na;
    }
    td_synth_sent *S = &m->sents[m->nsents];
    memset(S, 0, sizeof *S);
    S->doc = (uint32_t)d;
    S->pos = pos++;
    S->start = sp[i].start;
    S->end = sp[i].end;
    S->nwords = nwords;
    S->terms = td_malloc(u * sizeof *S->terms);
    S->w = td_malloc(u * sizeof *S->w);
    if (!S->terms || !S->w) {
      td_free(S->terms);
      td_free(S->w);
      rc = -1;
      break;
    }
    memcpy(S->terms, iv.v, u * sizeof *iv.v);
    S->nterms = (uint32_t)u;
    m->nsents++;
  }
  td_free(iv.v);
  td_free(sp);
  return rc;
}

/* ---------------------------------------------------------------- groups */

static size_t uf_find(size_t *p, size_t x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

static int make_groups(td_synth_model *m) {
  size_t n = m->ndocs;
  size_t *p = td_malloc((n ? n : 1) * sizeof *p);
  if (!p) return -1;
  for (size_t i = 0; i < n; i++) p[i] = i;
  for (size_t i = 0; i < n; i++) {
    m->aligned[i] = 1;
    const td_synth_doc *d = &m->docs[i];
    if (d->copy_of) {
      for (size_t j = 0; j < n; j++) {
        if (j != i && m->docs[j].id == d->copy_of) {
          p[uf_find(p, i)] = uf_find(p, j);
          m->aligned[i] = 0; /* its original speaks for it */
          break;
        }
      }
    }
    if (d->source && *d->source) {
      for (size_t j = 0; j < i; j++) {
        const char *s = m->docs[j].source;
        if (s && strcasecmp(s, d->source) == 0) {
          p[uf_find(p, i)] = uf_find(p, j);
          break;
        }
      }
    }
  }
  /* Number the roots in document order. */
  size_t *num = td_malloc((n ? n : 1) * sizeof *num);
  if (!num) {
    td_free(p);
    return -1;
  }
  for (size_t i = 0; i < n; i++) num[i] = (size_t)-1;
  m->ngroups = 0;
  for (size_t i = 0; i < n; i++) {
    size_t r = uf_find(p, i);
    if (num[r] == (size_t)-1) num[r] = m->ngroups++;
    m->group[i] = (uint32_t)num[r];
  }
  td_free(num);
  td_free(p);
  return 0;
}

/* ----------------------------------------------------------------- links */

static int cmp_link(const void *x, const void *y) {
  const td_synth_link *a = x, *b = y;
  if (a->sim != b->sim) return a->sim < b->sim ? 1 : -1;
  return (a->other > b->other) - (a->other < b->other);
}

/* Each sentence keeps its best link into each other group, no more: every
** reader of the model asks "does outlet g state this fact, and how
** closely?" (support, best_in_group, conflicts), and a dense story of 200
** articles would otherwise keep every sentence linked to every paraphrase
** in every article, hundreds of thousands of links for one fact told by all.
** So links per sentence are bounded by the number of outlets, and the
** links are not symmetric: s may keep o while o keeps a closer sentence of
** s's group. Candidates come from the inverted index (only sentences that
** share a term are ever compared), scored as they are found. */
static int make_links(td_synth_model *m) {
  size_t ns = m->nsents, nt = m->nterms, ng = m->ngroups;
  int rc = -1;
  /* Inverted index: postings of each term, as CSR. */
  size_t *off = td_calloc(nt + 1, sizeof *off);
  uint32_t *post = NULL, *fill = NULL, *touched = NULL, *gbest = NULL, *gtouched = NULL;
  float *acc = NULL, *gsim = NULL;
  uint16_t *shared = NULL;
  if (!off) goto done;
  for (size_t i = 0; i < ns; i++)
    for (uint32_t k = 0; k < m->sents[i].nterms; k++) off[m->sents[i].terms[k] + 1]++;
  for (size_t t = 0; t < nt; t++) off[t + 1] += off[t];
  post = td_malloc((off[nt] ? off[nt] : 1) * sizeof *post);
  fill = td_calloc(nt ? nt : 1, sizeof *fill);
  acc = td_calloc(ns ? ns : 1, sizeof *acc);
  shared = td_calloc(ns ? ns : 1, sizeof *shared);
  touched = td_malloc((ns ? ns : 1) * sizeof *touched);
  gbest = td_malloc((ng ? ng : 1) * sizeof *gbest);
  gsim = td_calloc(ng ? ng : 1, sizeof *gsim);
  gtouched = td_malloc((ng ? ng : 1) * sizeof *gtouched);
  if (!post || !fill || !acc || !shared || !touched || !gbest || !gsim || !gtouched) goto done;
  for (size_t i = 0; i < ns; i++)
    for (uint32_t k = 0; k < m->sents[i].nterms; k++) {
      uint32_t t = m->sents[i].terms[k];
      post[off[t] + fill[t]++] = (uint32_t)i;
    }
  for (size_t i = 0; i < ns; i++) {
    td_synth_sent *S = &m->sents[i];
    uint32_t gi = m->group[S->doc];
    size_t ntouched = 0, ngt = 0;
    for (uint32_t k = 0; k < S->nterms; k++) {
      uint32_t t = S->terms[k];
      float wi = S->w[k];
      for (size_t p = off[t]; p < off[t + 1]; p++) {
        uint32_t j = post[p];
        if (m->group[m->sents[j].doc] == gi) continue;
        if (!shared[j]) touched[ntouched++] = j;
        if (shared[j] < UINT16_MAX) shared[j]++;
        acc[j] += wi * wi; /* same term, same idf weight on both sides */
      }
    }
    for (size_t q = 0; q < ntouched; q++) {
      uint32_t j = touched[q];
      float sim = acc[j] / (S->norm * m->sents[j].norm);
      if (shared[j] >= 2 && sim >= TD_SYNTH_LINK_MIN) {
        uint32_t g = m->group[m->sents[j].doc];
        if (gsim[g] == 0) gtouched[ngt++] = g;
        /* Ties go to the earlier sentence, as the sort below would. */
        if (sim > gsim[g] || (sim == gsim[g] && j < gbest[g])) {
          gsim[g] = sim;
          gbest[g] = j;
        }
      }
      acc[j] = 0;
      shared[j] = 0;
    }
    if (ngt) {
      S->links = td_malloc(ngt * sizeof *S->links);
      if (!S->links) goto done;
      for (size_t q = 0; q < ngt; q++) {
        uint32_t g = gtouched[q];
        S->links[S->nlinks++] = (td_synth_link){gbest[g], gsim[g]};
        gsim[g] = 0;
      }
      if (S->nlinks > 1) qsort(S->links, S->nlinks, sizeof *S->links, cmp_link);
    }
  }
  rc = 0;
done:
  td_free(off);
  td_free(post);
  td_free(fill);
  td_free(acc);
  td_free(shared);
  td_free(touched);
  td_free(gbest);
  td_free(gsim);
  td_free(gtouched);
  return rc;
}

/* --------------------------------------------------------------- weights */

static int make_weights(td_synth_model *m) {
  size_t ns = m->nsents, nt = m->nterms;
  uint32_t *df = td_calloc(nt ? nt : 1, sizeof *df);
  m->centroid = td_calloc(nt ? nt : 1, sizeof *m->centroid);
  float *gvec = td_calloc(nt ? nt : 1, sizeof *gvec);
  if (!df || !m->centroid || !gvec) {
    td_free(df);
    td_free(gvec);
    return -1;
  }
  for (size_t i = 0; i < ns; i++)
    for (uint32_t k = 0; k < m->sents[i].nterms; k++) df[m->sents[i].terms[k]]++;
  for (size_t i = 0; i < ns; i++) {
    td_synth_sent *S = &m->sents[i];
    double sq = 0;
    for (uint32_t k = 0; k < S->nterms; k++) {
      float w = 1.0f + logf((1.0f + (float)ns) / (1.0f + (float)df[S->terms[k]]));
      S->w[k] = w;
      sq += (double)w * w;
    }
    S->norm = (float)sqrt(sq);
  }
  /* Centroid: each group's term vector normalised, then summed, so a long
  ** article or a prolific outlet does not set the story's centre alone. */
  size_t s = 0;
  for (uint32_t g = 0; g < m->ngroups; g++) {
    memset(gvec, 0, nt * sizeof *gvec);
    double sq = 0;
    for (s = 0; s < ns; s++) {
      const td_synth_sent *S = &m->sents[s];
      if (m->group[S->doc] != g) continue;
      for (uint32_t k = 0; k < S->nterms; k++) gvec[S->terms[k]] += S->w[k];
    }
    for (size_t t = 0; t < nt; t++) sq += (double)gvec[t] * gvec[t];
    if (sq <= 0) continue;
    float inv = (float)(1.0 / sqrt(sq));
    for (size_t t = 0; t < nt; t++) m->centroid[t] += gvec[t] * inv;
  }
  double sq = 0;
  for (size_t t = 0; t < nt; t++) sq += (double)m->centroid[t] * m->centroid[t];
  m->centroid_norm = (float)sqrt(sq);
  td_free(df);
  td_free(gvec);
  return 0;
}

/* ------------------------------------------------------------ the model */

int td_synth_model_new(const td_synth_doc *docs, size_t n, td_synth_model **out) {
  *out = NULL;
  td_synth_model *m = td_calloc(1, sizeof *m);
  if (!m) return TD_ENOMEM;
  interner in = {0};
  size_t asents = 0;
  m->docs = docs;
  m->ndocs = n;
  m->group = td_calloc(n ? n : 1, sizeof *m->group);
  m->aligned = td_calloc(n ? n : 1, 1);
  m->first = td_calloc(n + 1, sizeof *m->first);
  m->stemmer = td_stemmer_new("english");
  if (!m->group || !m->aligned || !m->first || !m->stemmer || make_groups(m)) goto oom;
  for (size_t d = 0; d < n; d++) {
    m->first[d] = m->nsents;
    if (m->aligned[d] && docs[d].text && doc_sentences(m, &in, d, &asents)) goto oom;
  }
  m->first[n] = m->nsents;
  m->nterms = in.n;
  m->term = in.term;
  in.term = NULL;
  td_free(in.slot);
  in.slot = NULL;
  m->stamp = td_calloc(m->ngroups ? m->ngroups : 1, sizeof *m->stamp);
  if (!m->stamp || make_weights(m) || make_links(m)) goto oom;
  *out = m;
  return TD_OK;
oom:
  if (in.term) {
    for (size_t i = 0; i < in.n; i++) td_free(in.term[i]);
    td_free(in.term);
  }
  td_free(in.slot);
  if (!m->term) m->nterms = 0;
  td_synth_model_free(m);
  return TD_ENOMEM;
}

void td_synth_model_free(td_synth_model *m) {
  if (!m) return;
  for (size_t i = 0; i < m->nsents; i++) {
    td_free(m->sents[i].terms);
    td_free(m->sents[i].w);
    td_free(m->sents[i].links);
  }
  td_free(m->sents);
  for (size_t i = 0; i < m->nterms; i++) td_free(m->term[i]);
  td_free(m->term);
  td_free(m->group);
  td_free(m->aligned);
  td_free(m->first);
  td_free(m->centroid);
  td_free(m->stamp);
  td_stemmer_free(m->stemmer);
  td_free(m);
}

float td_synth_cosine(const td_synth_model *m, size_t a, size_t b) {
  const td_synth_sent *A = &m->sents[a], *B = &m->sents[b];
  if (A->norm <= 0 || B->norm <= 0) return 0;
  double dot = 0;
  uint32_t i = 0, j = 0;
  while (i < A->nterms && j < B->nterms) {
    if (A->terms[i] < B->terms[j]) i++;
    else if (A->terms[i] > B->terms[j]) j++;
    else {
      dot += (double)A->w[i] * B->w[j];
      i++;
      j++;
    }
  }
  return (float)(dot / ((double)A->norm * B->norm));
}

float td_synth_centroid_sim(const td_synth_model *m, size_t s) {
  const td_synth_sent *S = &m->sents[s];
  if (S->norm <= 0 || m->centroid_norm <= 0) return 0;
  double dot = 0;
  for (uint32_t k = 0; k < S->nterms; k++) dot += (double)S->w[k] * m->centroid[S->terms[k]];
  return (float)(dot / ((double)S->norm * m->centroid_norm));
}

float td_synth_best_in_group(const td_synth_model *m, size_t s, uint32_t g) {
  const td_synth_sent *S = &m->sents[s];
  for (uint32_t k = 0; k < S->nlinks; k++) /* best first */
    if (m->group[m->sents[S->links[k].other].doc] == g) return S->links[k].sim;
  return 0;
}

size_t td_synth_support(const td_synth_model *m, size_t s, float min, float *w) {
  const td_synth_sent *S = &m->sents[s];
  uint32_t gen = ++((td_synth_model *)m)->gen; /* scratch marks only */
  if (gen == 0) {
    memset(m->stamp, 0, m->ngroups * sizeof *m->stamp);
    gen = ++((td_synth_model *)m)->gen;
  }
  size_t n = 0;
  float sum = 0;
  for (uint32_t k = 0; k < S->nlinks && S->links[k].sim >= min; k++) {
    uint32_t g = m->group[m->sents[S->links[k].other].doc];
    if (m->stamp[g] == gen) continue;
    m->stamp[g] = gen;
    n++;
    sum += S->links[k].sim;
  }
  if (w) *w = sum;
  return n;
}

int td_synth_showable(const td_synth_model *m, size_t s) {
  const td_synth_sent *S = &m->sents[s];
  if (S->nwords < 6 || S->nwords > 90 || S->nterms < 3) return 0;
  const char *t = m->docs[S->doc].text;
  char last = t[S->end - 1];
  /* A line that ends without punctuation is a headline, caption or label. */
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == '\'' || last == ')')
    return 1;
  /* ...or a closing mark of three bytes: ” ’ (U+201D, U+2019), 。 」 』
  ** (U+3002, U+300D, U+300F), ！ ？ ） (U+FF01, U+FF1F, U+FF09). */
  if (S->end - S->start < 3) return 0;
  const unsigned char *e = (const unsigned char *)t + S->end - 3;
  unsigned cp = (unsigned)(e[0] & 0x0F) << 12 | (unsigned)(e[1] & 0x3F) << 6 | (e[2] & 0x3F);
  if ((e[0] & 0xF0) != 0xE0 || (e[1] & 0xC0) != 0x80 || (e[2] & 0xC0) != 0x80) return 0;
  return cp == 0x201D || cp == 0x2019 || cp == 0x3002 || cp == 0x300D || cp == 0x300F ||
         cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF09;
}
