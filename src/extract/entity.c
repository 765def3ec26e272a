/*
** entity.c — rule-based names and alias merging for one article (see entity.h).
**
** One pass over the tokens cuts capitalised runs ("Russian President Vladimir
** Putin", "al-Assad", "George W. Bush"), trims sentence openers that are common
** words (a word the article also writes in lower case is not a name), splits a
** leading title off the name, and types the name from organisation words, the
** gazetteer and the title. Titles without a holder ("Tessalian Prime
** Minister") and shouted headings in capitals are no names; a dateline in
** capitals ("KESTRAVA, Valdoria —") is a place, named in title case. A second pass gives every run
*its entity in text
** order: multi-word names are keys of their own, and a single word or "Mr X"
** joins the person whose surname it is (the one named last, when two share it).
** Maps are hashes of folded keys, so the work is linear in the text; a cap on
** aliases and roles per entity bounds memory on pathological input.
*/
#include "extract/entity.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_RUN 8          /* tokens in one name                               */
#define MAX_ALIASES 16     /* distinct surface forms kept per entity           */
#define MAX_ROLES 8        /* titles kept per entity                           */
#define MAX_SCAN 4096      /* mentions scanned backwards for recency           */
#define DESCRIBE_SCAN 1024 /* mentions (and entities) a description looks at */

/* ------------------------------------------------------------ hashing */

/* FNV-1a over the folded key: ASCII lower case, white space runs as one
** space, the curly apostrophe as ', '.' dropped (Mr. = Mr). */
static uint64_t key_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  int space = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = 1;
      continue;
    }
    if (c == '.') continue;
    if (space) {
      h = (h ^ ' ') * 1099511628211ULL;
      space = 0;
    }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x99) {
      c = '\'';
      i += 2;
    } else if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    h = (h ^ c) * 1099511628211ULL;
  }
  return h ? h : 1;
}

/* Open addressing from a 64-bit key hash to a chain of values. Collisions of
** 64-bit hashes are ignored: one wrong alias in 2^64 is an acceptable cost. */
typedef struct hmap {
  uint64_t *keys;
  long *head; /* first value index in the chain, -1 none */
  size_t cap, n;
} hmap;

static int hmap_grow(hmap *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  uint64_t *k = td_calloc(ncap, sizeof *k);
  long *h = td_malloc(ncap * sizeof *h);
  if (!k || !h) {
    td_free(k);
    td_free(h);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = m->keys[i] & (ncap - 1);
    while (k[j])
      j = (j + 1) & (ncap - 1);
    k[j] = m->keys[i];
    h[j] = m->head[i];
  }
  td_free(m->keys);
  td_free(m->head);
  m->keys = k;
  m->head = h;
  m->cap = ncap;
  return 0;
}

/* Slot of key, or (size_t)-1 when absent. */
static size_t hmap_find(const hmap *m, uint64_t key) {
  if (!m->cap) return (size_t)-1;
  size_t j = key & (m->cap - 1);
  while (m->keys[j]) {
    if (m->keys[j] == key) return j;
    j = (j + 1) & (m->cap - 1);
  }
  return (size_t)-1;
}

/* Slot of key, inserted with head -1 when absent; (size_t)-1 on OOM. */
static size_t hmap_put(hmap *m, uint64_t key) {
  size_t j = hmap_find(m, key);
  if (j != (size_t)-1) return j;
  if ((m->n + 1) * 2 > m->cap && hmap_grow(m)) return (size_t)-1;
  j = key & (m->cap - 1);
  while (m->keys[j])
    j = (j + 1) & (m->cap - 1);
  m->keys[j] = key;
  m->head[j] = -1;
  m->n++;
  return j;
}

static void hmap_release(hmap *m) {
  td_free(m->keys);
  td_free(m->head);
  memset(m, 0, sizeof *m);
}

/* --------------------------------------------------------- the set */

typedef struct chain {
  size_t ent;
  long next;
} chain;

typedef struct set_impl {
  td_entity_set pub;
  size_t aents, amentions;
  hmap names;    /* folded name or alias → entity chain */
  hmap surnames; /* folded surname of a person → entity chain */
  chain *chains;
  size_t nchains, achains;
} set_impl;

static int chain_add(set_impl *S, hmap *m, uint64_t key, size_t ent) {
  size_t slot = hmap_put(m, key);
  if (slot == (size_t)-1) return -1;
  for (long c = m->head[slot]; c >= 0; c = S->chains[c].next)
    if (S->chains[c].ent == ent) return 0;
  if (S->nchains == S->achains) {
    size_t na = S->achains ? S->achains * 2 : 64;
    chain *nc = td_realloc(S->chains, na * sizeof *nc);
    if (!nc) return -1;
    S->chains = nc;
    S->achains = na;
  }
  S->chains[S->nchains].ent = ent;
  S->chains[S->nchains].next = m->head[slot];
  m->head[slot] = (long)S->nchains++;
  return 0;
}

void td_entity_set_free(td_entity_set *set) {
  if (!set) return;
  set_impl *S = (set_impl *)set;
  for (size_t i = 0; i < set->n; i++) {
    td_entity *e = &set->ents[i];
    for (size_t a = 0; a < e->naliases; a++)
      td_free(e->aliases[a]);
    for (size_t r = 0; r < e->nroles; r++)
      td_free(e->roles[r]);
    td_free(e->aliases);
    td_free(e->roles);
    /* e->name points at one of the aliases */
  }
  td_free(set->ents);
  td_free(set->mentions);
  hmap_release(&S->names);
  hmap_release(&S->surnames);
  td_free(S->chains);
  td_free(S);
}

/* ------------------------------------------------------- word tests */

static int is_word(const td_token *t) { return t->kind == TD_TOK_WORD; }

static size_t tlen(const td_token *t) { return t->end - t->start; }

/* Byte length of a possessive ending ('s, ’s, or a bare ’ after s). */
static size_t possessive_len(const char *s, const td_token *t) {
  size_t n = tlen(t);
  const char *w = s + t->start;
  if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == '\'') return 2;
  if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') && (unsigned char)w[n - 4] == 0xE2 &&
      (unsigned char)w[n - 3] == 0x80 && (unsigned char)w[n - 2] == 0x99)
    return 4;
  return 0;
}

/* Does the word start with a lower-case particle glued to a capital:
** "al-Assad", "el-Sisi", "bin-Salman", "d'Estaing"? */
static int particle_cap(const char *w, size_t n) {
  for (size_t i = 1; i < n && i < 5; i++)
    if (w[i] == '-' || w[i] == '\'')
      return i + 1 < n && w[i + 1] >= 'A' && w[i + 1] <= 'Z' && w[0] >= 'a' && w[0] <= 'z';
  return 0;
}

static int is_cap(const char *s, const td_token *t) {
  if (!is_word(t)) return 0;
  if (t->upper) return 1;
  return particle_cap(s + t->start, tlen(t));
}

/* The article's lower-case vocabulary, as hashes. */
static int vocab_has(const hmap *vocab, const char *w, size_t n) {
  return hmap_find(vocab, key_hash(w, n)) != (size_t)-1;
}

/* A word that can stand before a name as its title. */
static int title_word(const char *w, size_t n) {
  if (td_lex_honorific(w, n) || td_lex_office(w, n)) return 1;
  return 0;
}

static int gaz_nation(const char *w, size_t n) {
  const td_gaz_entry *g = td_gaz_lookup(w, n, 0);
  return g && (g->kind == TD_GAZ_NATIONALITY || g->kind == TD_GAZ_COUNTRY);
}

/* ------------------------------------------------------- candidates */

typedef struct cand {
  size_t start, end;           /* name bytes                          */
  size_t role_start, role_end; /* title words before it, or empty     */
  size_t last_start, last_end; /* the surname (last word)             */
  int ntok;
  int kind;   /* guessed td_entity_kind, 0 = undecided single word */
  int gender; /* from honorific or given name                        */
  int titled; /* an honorific or office word precedes               */
  int common; /* some word of it is written in lower case elsewhere  */
  char cc[3];
  long ent;
  int headline;
} cand;

typedef struct cands {
  cand *v;
  size_t n, a;
} cands;

static int cand_push(cands *c, const cand *x) {
  if (c->n == c->a) {
    size_t na = c->a ? c->a * 2 : 64;
    cand *nv = td_realloc(c->v, na * sizeof *nv);
    if (!nv) return -1;
    c->v = nv;
    c->a = na;
  }
  c->v[c->n++] = *x;
  return 0;
}

/* Is there a line break between two byte offsets? Names never span one. */
static int has_break(const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++)
    if (s[i] == '\n') return 1;
  return 0;
}

/* Is token i the first of a sentence (or of a quotation, a bracket, a line)? */
static int sentence_initial(const char *s, const td_token *tok, size_t i) {
  if (i == 0) return 1;
  const td_token *p = &tok[i - 1];
  if (has_break(s, p->end, tok[i].start)) return 1;
  if (p->kind != TD_TOK_PUNCT) return 0;
  unsigned char c = (unsigned char)s[p->start];
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '-' || c == '[')
    return 1;
  return c >= 0x80; /* curly quotes, dashes, bullets */
}

/* A capitalised word that is no name wherever it stands: a pronoun's
** contraction ("I'm", "We're", "Let's"), a month's abbreviation that dates
** something ("Nov. 18", "Dec 3"; "Jan Smith" stays), or the half of a clock
** time ("3:45 PM"). */
static int never_name(const char *s, const td_token *tok, size_t ntok, size_t i) {
  const char *w = s + tok[i].start;
  size_t n = tlen(&tok[i]);
  char low[8];
  /* the part before an apostrophe (ASCII or U+2019), and what follows it */
  size_t k = 0;
  while (k < n && w[k] != '\'' && !(k + 2 < n && (unsigned char)w[k] == 0xE2 &&
                                      (unsigned char)w[k + 1] == 0x80 &&
                                      (unsigned char)w[k + 2] == 0x99))
    k++;
  if (k < n && k > 0 && k < sizeof low && td_lex_lower(w, k, low, sizeof low)) {
    static const char *const subj[] = {"i", "we", "you", "they", "he", "she", "it", "let", "that",
                                       "there", "here", "what", "who"};
    for (size_t j = 0; j < sizeof subj / sizeof *subj; j++)
      if (!strcmp(low, subj[j])) return 1;
  }
  const td_token *next = i + 1 < ntok ? &tok[i + 1] : NULL;
  if (n == 3 && td_lex_month(w, n) && td_lex_lower(w, n, low, sizeof low) && strcmp(low, "may") &&
      next && (next->kind == TD_TOK_NUMBER || (next->kind == TD_TOK_PUNCT && s[next->start] == '.')))
    return 1;
  if (n == 2 && i > 0 && tok[i - 1].kind == TD_TOK_NUMBER && td_lex_lower(w, n, low, sizeof low) &&
      (!strcmp(low, "am") || !strcmp(low, "pm")))
    return 1;
  return 0;
}

/* Is w[0..n) one character (one UTF-8 code point)? */
static int one_letter(const char *w, size_t n) {
  int32_t cp;
  return n && td_utf8_decode(w, n, &cp) == (int)n;
}

/* Analyse one capitalised run tok[a..b) and push its candidate. */
static int take_run(const char *s, const td_token *tok, size_t ntok, size_t a, size_t b,
                    const hmap *vocab, int headline, cands *out) {
  /* Drop openers: sentence-initial common words, leading "The", dates. */
  while (a < b) {
    const char *w = s + tok[a].start;
    size_t n = tlen(&tok[a]);
    if (tok[a].kind != TD_TOK_WORD) {
      a++;
      continue;
    }
    int initial = sentence_initial(s, tok, a) || headline;
    size_t pn = possessive_len(s, &tok[a]);
    /* A lone letter opening a sentence is an article or a preposition of
    ** some language ("В Киеве", "O Presidente", "A ..."), unless a period
    ** makes it an initial ("J. Smith"). */
    int letter = initial && one_letter(w, n) &&
                 !(a + 1 < ntok && tok[a + 1].start == tok[a].end && s[tok[a].end] == '.');
    if (letter || (pn && td_lex_stopword(w, n - pn)) || td_lex_stopword(w, n) ||
        td_lex_weekday(w, n) >= 0 ||
        (td_lex_month(w, n) && n > 3) || td_lex_pronoun(w, n) || never_name(s, tok, ntok, a) ||
        (initial && (vocab_has(vocab, w, n) || td_lex_cue(w, n) ||
                     (n > 3 && w[n - 2] == 'l' && w[n - 1] == 'y')))) {
      /* A title word stays even at a sentence start ("President Trump"). */
      if (!title_word(w, n) || td_lex_stopword(w, n)) {
        a++;
        continue;
      }
    }
    break;
  }
  /* Cut at a weekday or month inside ("Putin Saturday"). */
  for (size_t i = a; i < b; i++) {
    const char *w = s + tok[i].start;
    size_t n = tlen(&tok[i]);
    if (td_lex_weekday(w, n) >= 0 || (td_lex_month(w, n) && n > 3 && i > a) ||
        (i > a && never_name(s, tok, ntok, i))) {
      b = i;
      break;
    }
  }
  while (b > a && tok[b - 1].kind != TD_TOK_WORD)
    b--; /* no trailing "." */
  if (a >= b) return 0;
  if (b == a + 1 && tlen(&tok[a]) == 1) return 0; /* a lone letter: "D" of a broken "D.C." */
  /* A shouted heading ("RED STATES OUTNUMBER BLUE FOR THE FIRST TIME") is
  ** no name: an all-capitals run of several words with a function word in
  ** it, or of three or more words the article also writes in lower case. */
  {
    int words = 0, caps = 1, func = 0, low = 0;
    for (size_t i = a; i < b; i++) {
      if (!is_word(&tok[i])) continue;
      const char *w = s + tok[i].start;
      size_t n = tlen(&tok[i]);
      words++;
      if (!tok[i].caps) caps = 0;
      if (td_lex_stopword(w, n) && !td_lex_name_joiner(w, n)) func = 1;
      if (vocab_has(vocab, w, n) && !td_lex_name_joiner(w, n)) low++;
    }
    if (caps && words >= 2 && (func || (words >= 3 && 2 * low >= words))) return 0;
  }

  cand c;
  memset(&c, 0, sizeof c);
  c.ent = -1;
  c.headline = headline;

  /* The title: honorifics and office words (with nationalities and "of X"
  ** among them) before the name. Lower-case title words before the run
  ** ("Russian president Vladimir Putin" cuts the run at "president") are
  ** gathered by looking back. */
  size_t n0 = a;
  int have_title = 0;
  while (n0 < b) {
    const char *w = s + tok[n0].start;
    size_t n = tlen(&tok[n0]);
    if (tok[n0].kind == TD_TOK_PUNCT) { /* the "." of "Mr." */
      n0++;
      continue;
    }
    int h = td_lex_honorific(w, n);
    if (h) {
      if (h != 'x') c.gender = h;
      have_title = 1;
      n0++;
      continue;
    }
    if (td_lex_office(w, n) || (gaz_nation(w, n) && n0 + 1 < b &&
                                (td_lex_office(s + tok[n0 + 1].start, tlen(&tok[n0 + 1])) ||
                                 gaz_nation(s + tok[n0 + 1].start, tlen(&tok[n0 + 1]))))) {
      if (td_lex_office(w, n)) have_title = 1;
      n0++;
      /* "Secretary of State John Kerry": skip "of State". */
      if (n0 + 2 < b && tlen(&tok[n0]) == 2 && !strncmp(s + tok[n0].start, "of", 2)) n0 += 2;
      continue;
    }
    break;
  }
  /* ...but an organisation is no titled person: "Republican Party",
  ** "Defense Department" keep their first word */
  if (have_title && n0 < b && is_word(&tok[b - 1]) &&
      td_lex_orgword(s + tok[b - 1].start, tlen(&tok[b - 1]) - possessive_len(s, &tok[b - 1]))) {
    n0 = a;
    have_title = 0;
  }
  /* "Vestrian President Arvid Kessel", "Bank of England Governor Mark Carney":
  ** words before the last office word of the run are the title too, when a
  ** name that is no organisation follows it. */
  if (!have_title || n0 == a) {
    /* A run that ends in an office word is a title without its holder
    ** ("Tessalian Prime Minister", "Defence Secretary"), unless an
    ** organisation word makes it a body ("Police Chief" is not a name
    ** either, but stays as before). */
    if (b > a + 1 && is_word(&tok[b - 1]) &&
        td_lex_office(s + tok[b - 1].start, tlen(&tok[b - 1]))) {
      int org_in = 0;
      for (size_t i = a; i < b; i++)
        if (is_word(&tok[i]) && td_lex_orgword(s + tok[i].start, tlen(&tok[i]))) org_in = 1;
      if (!org_in) return 0;
    }
    size_t lastoff = b;
    for (size_t i = a; i + 1 < b; i++)
      if (is_word(&tok[i]) && (td_lex_office(s + tok[i].start, tlen(&tok[i])) ||
                               td_lex_honorific(s + tok[i].start, tlen(&tok[i]))))
        lastoff = i;
    if (lastoff < b) {
      int org_after = 0, words_after = 0;
      for (size_t i = lastoff + 1; i < b; i++)
        if (is_word(&tok[i])) {
          words_after++;
          if (td_lex_orgword(s + tok[i].start, tlen(&tok[i]) - possessive_len(s, &tok[i])))
            org_after = 1;
        }
      if (words_after && !org_after) {
        have_title = 1;
        n0 = lastoff + 1;
        int h = td_lex_honorific(s + tok[lastoff].start, tlen(&tok[lastoff]));
        if (h && h != 'x') c.gender = h;
      }
    }
  }
  if (have_title && n0 >= b) return 0; /* a bare title: "the Russian President" */
  if (!have_title) n0 = a;
  while (n0 < b && tok[n0].kind != TD_TOK_WORD)
    n0++;
  if (n0 >= b) return 0;
  if (have_title && n0 > a) {
    c.titled = 1;
    c.role_start = tok[a].start;
    c.role_end = tok[n0 - 1].end;
  }
  /* Look back over lower-case title words and nationalities just before. */
  if (a == n0 || !c.titled) {
    size_t i = a, first = a;
    int office = 0;
    while (i > 0 && a - i < 4) {
      const td_token *p = &tok[i - 1];
      if (!is_word(p) || has_break(s, p->end, tok[i].start)) break;
      const char *w = s + p->start;
      size_t n = tlen(p);
      if (td_lex_office(w, n) || td_lex_honorific(w, n))
        office = 1;
      else if (!gaz_nation(w, n))
        break;
      first = --i;
    }
    if (office && first < a) {
      c.titled = 1;
      c.role_start = tok[first].start;
      c.role_end = tok[a - 1].end;
    }
  }

  c.start = tok[n0].start;
  size_t last = b - 1;
  size_t pl = possessive_len(s, &tok[last]);
  c.end = tok[last].end - pl;
  c.last_start = tok[last].start;
  c.last_end = c.end;
  c.ntok = 0;
  int org = 0, allcaps = 1, nat = 0, common = 0;
  for (size_t i = n0; i < b; i++) {
    if (!is_word(&tok[i])) continue;
    const char *w = s + tok[i].start;
    size_t n = tlen(&tok[i]) - (i == last ? pl : 0);
    c.ntok++;
    if (td_lex_orgword(w, n)) org = 1;
    if (!tok[i].caps) allcaps = 0;
    if (gaz_nation(w, n)) nat++;
    if (!td_lex_name_joiner(w, n) && vocab_has(vocab, w, n)) common = 1;
  }
  c.common = common;
  /* Every word also written in lower case here: "New Year", "Election". */
  {
    int all = 1;
    for (size_t i = n0; i < b && all; i++) {
      if (!is_word(&tok[i])) continue;
      size_t n = tlen(&tok[i]) - (i == last ? pl : 0);
      if (!vocab_has(vocab, s + tok[i].start, n)) all = 0;
    }
    if (all && !have_title) return 0;
  }

  const char *name = s + c.start;
  size_t nlen = c.end - c.start;
  const td_gaz_entry *g = td_gaz_lookup(name, nlen, 0);
  if (!g && nlen >= 3 && nlen < 16 && name[1] == '.') { /* "U.S", "U.K": as "US", "UK" */
    char bare[8];
    size_t k = 0, i = 0;
    while (i < nlen && k < sizeof bare && name[i] != '.' && (i + 1 == nlen || name[i + 1] == '.')) {
      bare[k++] = name[i];
      i += 2;
    }
    if (i >= nlen) g = td_gaz_lookup(bare, k, 0);
  }
  const td_gaz_entry *first_given = td_gaz_lookup(s + tok[n0].start, tlen(&tok[n0]), 0);
  if (g && g->kind == TD_GAZ_NATIONALITY) return 0; /* "Syrian": no entity */
  if (c.ntok == nat && !g) return 0;                /* "Russian-Turkish" etc. */
  if (c.ntok == 1) {
    /* Hyphenated nationality compounds: "Russian-US", "Russian-American". */
    const char *h = memchr(name, '-', nlen);
    if (h && gaz_nation(name, (size_t)(h - name)) &&
        gaz_nation(h + 1, nlen - (size_t)(h - name) - 1))
      return 0;
  }
  /* A dateline: the text opens with a place in capitals before a comma or
  ** a dash ("KESTRAVA, Valdoria —", "PORT ILMEN —"). */
  int dateline = 0;
  if (!headline && allcaps && a == 0 && !c.titled && b < ntok && tok[b].kind == TD_TOK_PUNCT) {
    unsigned char d = (unsigned char)s[tok[b].start];
    dateline = d == ',' || d == '-' || d == 0xE2; /* , - – — */
  }
  if (g && g->kind <= TD_GAZ_REGION) {
    c.kind = TD_ENT_PLACE;
    memcpy(c.cc, g->cc, 3);
  } else if (dateline)
    c.kind = TD_ENT_PLACE;
  else if (org)
    c.kind = TD_ENT_ORG;
  else if (c.ntok == 1 && allcaps && nlen <= 5 && nlen >= 2)
    c.kind = TD_ENT_ORG; /* an acronym: FBI, NATO */
  else if (c.titled)
    c.kind = TD_ENT_PERSON;
  else if (c.ntok >= 2 && first_given && first_given->kind >= TD_GAZ_GIVEN_M)
    c.kind = TD_ENT_PERSON;
  else if (c.ntok >= 2)
    c.kind = common ? TD_ENT_OTHER : 0; /* decided by the surname pass */
  else
    c.kind = 0;
  if (c.kind == TD_ENT_PERSON && !c.gender && first_given && c.ntok >= 2) {
    if (first_given->kind == TD_GAZ_GIVEN_M) c.gender = 'm';
    if (first_given->kind == TD_GAZ_GIVEN_F) c.gender = 'f';
  }
  /* The role's nationality gives a person's country. */
  if (c.titled) {
    /* The role lies in the run or in the four words before it: scanning
    ** from there keeps the pass linear (from token 0 it was quadratic). */
    for (size_t i = a > 4 ? a - 4 : 0; i < ntok && tok[i].start < c.role_end; i++) {
      if (tok[i].start < c.role_start || !is_word(&tok[i])) continue;
      const td_gaz_entry *r = td_gaz_lookup(s + tok[i].start, tlen(&tok[i]), 0);
      if (r && (r->kind == TD_GAZ_NATIONALITY || r->kind == TD_GAZ_COUNTRY) && r->cc[0])
        memcpy(c.cc, r->cc, 3);
      if (td_lex_honorific(s + tok[i].start, tlen(&tok[i])) == 'f') c.gender = 'f';
    }
  }
  return cand_push(out, &c);
}

/* Cut s into capitalised runs and analyse each. */
static int find_runs(const char *s, const td_token *tok, size_t ntok, const hmap *vocab,
                     int headline, cands *out) {
  size_t i = 0;
  while (i < ntok) {
    if (!is_cap(s, &tok[i])) {
      i++;
      continue;
    }
    size_t a = i, b = i + 1;
    int stop = possessive_len(s, &tok[i]) > 0;
    while (!stop && b < ntok && b - a < MAX_RUN && !has_break(s, tok[b - 1].end, tok[b].start)) {
      const td_token *t = &tok[b];
      const char *w = s + t->start;
      size_t n = tlen(t);
      if (is_cap(s, t)) {
        stop = possessive_len(s, t) > 0;
        b++;
        continue;
      }
      /* "U.S.", "D.C.": letters joined by periods are one word. */
      if (t->kind == TD_TOK_PUNCT && w[0] == '.' && tlen(&tok[b - 1]) == 1 && b + 1 < ntok &&
          tok[b + 1].start == t->end && tlen(&tok[b + 1]) == 1 && is_cap(s, &tok[b + 1])) {
        b += 2;
        continue;
      }
      /* "Mr." "W." — a period after an honorific or an initial, then a capital. */
      if (t->kind == TD_TOK_PUNCT && w[0] == '.' && b + 1 < ntok && is_cap(s, &tok[b + 1]) &&
          tok[b + 1].start == t->end + 1) {
        const td_token *p = &tok[b - 1];
        if (tlen(p) == 1 || td_lex_honorific(s + p->start, tlen(p)) ||
            td_lex_office(s + p->start, tlen(p))) {
          b++;
          continue;
        }
      }
      /* Joiners inside names: "Bank of England", "Bashar al Assad". */
      if (is_word(t) && !t->upper && td_lex_name_joiner(w, n) && b + 1 < ntok &&
          is_cap(s, &tok[b + 1]) && !has_break(s, t->end, tok[b + 1].start)) {
        b += 2;
        stop = possessive_len(s, &tok[b - 1]) > 0;
        continue;
      }
      break;
    }
    if (take_run(s, tok, ntok, a, b, vocab, headline, out)) return -1;
    i = b;
  }
  return 0;
}

/* ------------------------------------------------------- entities */

static int add_string(char ***arr, size_t *n, size_t cap, const char *s, size_t len) {
  uint64_t h = key_hash(s, len);
  for (size_t i = 0; i < *n; i++)
    if (key_hash((*arr)[i], strlen((*arr)[i])) == h) return 0;
  if (*n >= cap) return 0;
  char **na = td_realloc(*arr, (*n + 1) * sizeof *na);
  if (!na) return -1;
  *arr = na;
  /* Copy with white space collapsed, so a name broken across a line reads well. */
  char *d = td_malloc(len + 1);
  if (!d) return -1;
  size_t j = 0;
  int sp = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      sp = 1;
      continue;
    }
    if (sp && j) d[j++] = ' ';
    sp = 0;
    d[j++] = c;
  }
  d[j] = '\0';
  na[(*n)++] = d;
  return 0;
}

static int lower_copy(const char *s, size_t n, char **out) {
  char *d = td_malloc(n + 1);
  if (!d) return -1;
  for (size_t i = 0; i < n; i++)
    d[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
  d[n] = '\0';
  *out = d;
  return 0;
}

static long new_entity(set_impl *S, int kind, size_t first) {
  td_entity_set *P = &S->pub;
  if (P->n == S->aents) {
    size_t na = S->aents ? S->aents * 2 : 32;
    td_entity *ne = td_realloc(P->ents, na * sizeof *ne);
    if (!ne) return -1;
    P->ents = ne;
    S->aents = na;
  }
  td_entity *e = &P->ents[P->n];
  memset(e, 0, sizeof *e);
  e->kind = kind ? (td_entity_kind)kind : TD_ENT_OTHER;
  e->first = first;
  return (long)P->n++;
}

/* The surname key of a person: the last word without a particle ("al-Assad"
** → "assad" is registered too, since outlets write "Assad"). */
static int add_surnames(set_impl *S, const char *s, size_t a, size_t b, size_t ent) {
  if (chain_add(S, &S->surnames, key_hash(s + a, b - a), ent)) return -1;
  if (particle_cap(s + a, b - a) || (b - a > 4 && (s[a + 2] == '-' || s[a + 3] == '-') &&
                                     td_lex_name_joiner(s + a, s[a + 2] == '-' ? 2 : 3))) {
    size_t k = a;
    while (k < b && s[k] != '-' && s[k] != '\'')
      k++;
    if (k + 1 < b && chain_add(S, &S->surnames, key_hash(s + k + 1, b - k - 1), ent)) return -1;
  }
  return 0;
}

static int attach(set_impl *S, const char *s, const cand *c, size_t ent) {
  td_entity *e = &S->pub.ents[ent];
  if (add_string(&e->aliases, &e->naliases, MAX_ALIASES, s + c->start, c->end - c->start))
    return -1;
  if (c->role_end > c->role_start && e->nroles < MAX_ROLES) {
    char *r;
    if (lower_copy(s + c->role_start, c->role_end - c->role_start, &r)) return -1;
    int rc = add_string(&e->roles, &e->nroles, MAX_ROLES, r, strlen(r));
    td_free(r);
    if (rc) return -1;
  }
  if (!e->gender && c->gender) e->gender = c->gender;
  if (!e->cc[0] && c->cc[0]) memcpy(e->cc, c->cc, 3);
  if (c->kind == TD_ENT_PERSON && e->kind == TD_ENT_OTHER) e->kind = TD_ENT_PERSON;
  if (chain_add(S, &S->names, key_hash(s + c->start, c->end - c->start), ent)) return -1;
  return 0;
}

static int add_mention(set_impl *S, size_t start, size_t end, size_t ent) {
  td_entity_set *P = &S->pub;
  if (P->nmentions == S->amentions) {
    size_t na = S->amentions ? S->amentions * 2 : 64;
    td_mention *nm = td_realloc(P->mentions, na * sizeof *nm);
    if (!nm) return -1;
    P->mentions = nm;
    S->amentions = na;
  }
  P->mentions[P->nmentions].start = start;
  P->mentions[P->nmentions].end = end;
  P->mentions[P->nmentions].entity = ent;
  P->nmentions++;
  P->ents[ent].nmentions++;
  return 0;
}

size_t td_entity_mention_after(const td_entity_set *set, size_t pos) {
  size_t lo = 0, hi = set->nmentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (set->mentions[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Start of the last mention of `ent` before pos, or -1 (scan is capped). */
static long last_before(const td_entity_set *set, size_t ent, size_t pos) {
  size_t i = td_entity_mention_after(set, pos);
  for (size_t k = 0; i > 0 && k < MAX_SCAN; k++, i--)
    if (set->mentions[i - 1].entity == ent) return (long)set->mentions[i - 1].start;
  return -1;
}

/* Among a chain of candidates, the one named last before pos; else the one
** with the most mentions. */
static long pick(const set_impl *S, long head, size_t pos) {
  long best = -1, best_pos = -2;
  size_t k = 0;
  for (long c = head; c >= 0 && k < 16; c = S->chains[c].next, k++) {
    size_t e = S->chains[c].ent;
    long lb = last_before(&S->pub, e, pos);
    const td_entity *E = &S->pub.ents[e];
    if (lb < 0 && E->first < pos) lb = (long)E->first; /* named before, beyond the scan */
    if (lb > best_pos ||
        (lb == best_pos && best >= 0 && E->nmentions > S->pub.ents[best].nmentions)) {
      best = (long)e;
      best_pos = lb;
    }
  }
  return best;
}

long td_entity_lookup(const td_entity_set *set, const char *s, size_t n, size_t before) {
  if (!set || !n) return -1;
  const set_impl *S = (const set_impl *)set;
  uint64_t h = key_hash(s, n);
  size_t slot = hmap_find(&S->names, h);
  if (slot != (size_t)-1) return pick(S, S->names.head[slot], before);
  slot = hmap_find(&S->surnames, h);
  if (slot != (size_t)-1) return pick(S, S->surnames.head[slot], before);
  return -1;
}

int td_entities_extract(const char *text, size_t len, const char *title, size_t title_len,
                        td_entity_set **out) {
  *out = NULL;
  set_impl *S = td_calloc(1, sizeof *S);
  if (!S) return TD_ENOMEM;
  td_token *tok = NULL, *ttok = NULL;
  hmap vocab = {0};
  cands C = {0}, T = {0};
  int rc = TD_ENOMEM;
  size_t ntok = td_tokenize(text, len, &tok);
  if (ntok == (size_t)-1) goto done;
  size_t nttok = 0;
  if (title && title_len) {
    nttok = td_tokenize(title, title_len, &ttok);
    if (nttok == (size_t)-1) goto done;
  }
  /* The lower-case vocabulary: words that are common words in this article. */
  for (size_t i = 0; i < ntok; i++)
    if (is_word(&tok[i]) && !tok[i].upper && !particle_cap(text + tok[i].start, tlen(&tok[i])))
      if (hmap_put(&vocab, key_hash(text + tok[i].start, tlen(&tok[i]))) == (size_t)-1) goto done;
  if (find_runs(text, tok, ntok, &vocab, 0, &C)) goto done;
  if (nttok && find_runs(title, ttok, nttok, &vocab, 1, &T)) goto done;

  /* Standalone single words, for the "Mevlut Cavusoglu … Cavusoglu" rule. */
  hmap singles = {0};
  for (size_t i = 0; i < C.n; i++)
    if (C.v[i].ntok == 1 && !C.v[i].common)
      if (hmap_put(&singles, key_hash(text + C.v[i].start, C.v[i].end - C.v[i].start)) ==
          (size_t)-1) {
        hmap_release(&singles);
        goto done;
      }

  /* Pass 1: names of two words or more, and titled names, are keys. */
  for (int pass = 0; pass < 2; pass++) {
    cands *L = pass ? &T : &C;
    const char *s = pass ? title : text;
    for (size_t i = 0; i < L->n; i++) {
      cand *c = &L->v[i];
      if (c->ntok < 2 && !(c->titled && c->kind == TD_ENT_PERSON)) continue;
      if (c->kind == 0)
        c->kind = hmap_find(&singles, key_hash(s + c->last_start, c->last_end - c->last_start)) !=
                          (size_t)-1
                      ? TD_ENT_PERSON
                      : TD_ENT_OTHER;
      uint64_t h = key_hash(s + c->start, c->end - c->start);
      size_t slot = hmap_find(&S->names, h);
      long e = slot != (size_t)-1 ? S->names.head[slot] : -1;
      if (e >= 0) e = (long)S->chains[e].ent;
      /* A titled single word ("Mr Putin") is an alias when the surname is known. */
      if (e < 0 && c->ntok < 2) continue;
      if (e < 0) {
        e = new_entity(S, c->kind, pass ? (size_t)-1 : c->start);
        if (e < 0) goto fail;
      }
      if (attach(S, s, c, (size_t)e)) goto fail;
      if (S->pub.ents[e].kind == TD_ENT_PERSON &&
          add_surnames(S, s, c->last_start, c->last_end, (size_t)e))
        goto fail;
      c->ent = e;
    }
  }
  /* Pass 2: in text order, every run gets its entity; single words and
  ** "Mr X" join the person whose surname they are. */
  for (size_t i = 0; i < C.n; i++) {
    cand *c = &C.v[i];
    const char *w = text + c->start;
    size_t n = c->end - c->start;
    if (c->ent < 0) {
      long e = -1;
      size_t slot = hmap_find(&S->surnames, key_hash(w, n));
      if (slot != (size_t)-1 && c->kind != TD_ENT_PLACE && c->kind != TD_ENT_ORG)
        e = pick(S, S->surnames.head[slot], c->start);
      if (e < 0) {
        slot = hmap_find(&S->names, key_hash(w, n));
        if (slot != (size_t)-1) e = (long)S->chains[S->names.head[slot]].ent;
      }
      if (e < 0) {
        int kind = c->kind ? c->kind : (c->common ? TD_ENT_OTHER : TD_ENT_OTHER);
        e = new_entity(S, kind, c->start);
        if (e < 0) goto fail;
        if (kind == TD_ENT_PERSON && add_surnames(S, text, c->last_start, c->last_end, (size_t)e))
          goto fail;
      }
      if (attach(S, text, c, (size_t)e)) goto fail;
      c->ent = e;
    }
    td_entity *E = &S->pub.ents[c->ent];
    if (E->first == (size_t)-1 || E->first > c->start) E->first = c->start;
    if (add_mention(S, c->start, c->end, (size_t)c->ent)) goto fail;
  }
  /* The canonical name: the alias with the most words (then bytes), not in
  ** capitals when another form is not. */
  for (size_t i = 0; i < S->pub.n; i++) {
    td_entity *e = &S->pub.ents[i];
    size_t best = 0;
    int bw = -1;
    size_t bl = 0;
    int bcaps = 1;
    for (size_t a = 0; a < e->naliases; a++) {
      const char *al = e->aliases[a];
      int words = 1, caps = 1;
      size_t l = strlen(al);
      for (size_t k = 0; k < l; k++) {
        if (al[k] == ' ') words++;
        if (al[k] >= 'a' && al[k] <= 'z') caps = 0;
      }
      int better =
          bw < 0 || (bcaps && !caps) || (caps == bcaps && (words > bw || (words == bw && l > bl)));
      if (better) {
        best = a;
        bw = words;
        bl = l;
        bcaps = caps;
      }
    }
    if (best) {
      char *t = e->aliases[0];
      e->aliases[0] = e->aliases[best];
      e->aliases[best] = t;
    }
    /* Only in capitals ("KESTRAVA", "PORT ILMEN"): the name is given in
    ** title case, as other articles write it, unless it looks like an
    ** acronym (one word of five letters or fewer, "NATO", unless a place of
    ** four or five: "LESK", "IRAN"). The folded key
    ** is the same, so the alias is rewritten in place. */
    if (e->naliases && bcaps && (bw > 1 || bl > 5 || (e->kind == TD_ENT_PLACE && bl > 3))) {
      char *t = e->aliases[0];
      int start = 1;
      for (size_t k = 0; t[k]; k++) {
        char ch = t[k];
        if (ch >= 'A' && ch <= 'Z' && !start) t[k] = (char)(ch + 32);
        start = !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (unsigned char)ch >= 0x80 || ch == '\'' || (ch >= '0' && ch <= '9'));
      }
    }
    e->name = e->naliases ? e->aliases[0] : NULL;
    if (e->first == (size_t)-1) e->first = len;
  }
  hmap_release(&singles);
  *out = &S->pub;
  S = NULL;
  rc = TD_OK;
  goto done;
fail:
  hmap_release(&singles);
done:
  td_entity_set_free(S ? &S->pub : NULL);
  td_free(tok);
  td_free(ttok);
  td_free(C.v);
  td_free(T.v);
  hmap_release(&vocab);
  return rc;
}

/* ------------------------------------------------- descriptions */

/* Offices that lead a country: "the Russian leader" may be its president. */
static int head_office(const char *r) {
  static const char *const heads[] = {"president", "prime minister", "chancellor", "king",
                                      "queen",     "premier",        "emir",       "sultan",
                                      "leader",    "supreme leader", "dictator"};
  for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
    size_t n = strlen(heads[i]), rl = strlen(r);
    if (rl >= n && !strcmp(r + rl - n, heads[i]) && (rl == n || r[rl - n - 1] == ' ')) return 1;
  }
  return 0;
}

/* Does a title of person e agree with the office word (and nationality cc,
** when given) of a description? */
static int describes(const td_entity *e, const char *office, int generic, const char *cc) {
  if (e->kind != TD_ENT_PERSON || !e->nroles) return 0;
  size_t ol = strlen(office);
  for (size_t r = 0; r < e->nroles; r++) {
    const char *role = e->roles[r];
    int has_office = 0;
    for (const char *p = strstr(role, office); p; p = strstr(p + 1, office))
      if ((p == role || p[-1] == ' ') && (p[ol] == '\0' || p[ol] == ' ')) has_office = 1;
    if (!has_office && !(generic && head_office(role))) continue;
    if (cc[0] && e->cc[0] && strcmp(cc, e->cc)) continue;
    if (cc[0] && !e->cc[0]) continue;
    return 1;
  }
  return 0;
}

long td_entity_describe(const td_entity_set *set, const char *s, size_t n, size_t before) {
  if (!set || !n) return -1;
  td_token *tok = NULL;
  size_t nt = td_tokenize(s, n, &tok);
  if (nt == (size_t)-1 || nt == 0) {
    td_free(tok);
    return -1;
  }
  char cc[3] = "";
  char office[32] = "";
  for (size_t i = 0; i < nt; i++) {
    if (!is_word(&tok[i])) continue;
    const char *w = s + tok[i].start;
    size_t l = tlen(&tok[i]);
    const td_gaz_entry *g = td_gaz_lookup(w, l, 0);
    if (g && (g->kind == TD_GAZ_NATIONALITY || g->kind == TD_GAZ_COUNTRY) && g->cc[0])
      memcpy(cc, g->cc, 3);
    else if (td_lex_office(w, l) || td_lex_honorific(w, l))
      td_lex_lower(w, l, office, sizeof office);
  }
  td_free(tok);
  if (!office[0]) return -1;
  int generic = !strcmp(office, "leader") || !strcmp(office, "counterpart") ||
                !strcmp(office, "head") || !strcmp(office, "official");
  /* The person mentioned last before `before` whose title agrees: a scan
  ** back over a bounded number of mentions, so that an article of many
  ** titled people and many descriptions stays linear. */
  size_t m = td_entity_mention_after(set, before);
  for (size_t k = 0; m > 0 && k < DESCRIBE_SCAN; k++, m--) {
    size_t e = set->mentions[m - 1].entity;
    if (describes(&set->ents[e], office, generic, cc)) return (long)e;
  }
  /* Else one named only later (or in the headline): a candidate only when
  ** it is the only one, among a bounded number of entities. */
  if (set->n > DESCRIBE_SCAN) return -1;
  long best = -1;
  for (size_t i = 0; i < set->n; i++) {
    if (!describes(&set->ents[i], office, generic, cc)) continue;
    if (best >= 0) return -1; /* ambiguous */
    best = (long)i;
  }
  return best;
}

/* ------------------------------------------------ name similarity */

/* Fold a name for comparison across outlets: accents and case removed
** (utf8proc), letters and digits only, a leading "al-"/"el-" dropped, and
** the common transliteration pairs made one (ou→u, kh→h, y→i, w→v, ph→f,
** double letters single). Returns the length written into out. */
static size_t name_fold(const char *s, size_t n, char *out, size_t cap) {
  /* ASCII, which most names in English text are, folds to lower case alone:
  ** no call to utf8proc and no allocation (names are compared in the
  ** thousands per story). */
  unsigned char ascii[256];
  int is_ascii = n < sizeof ascii;
  for (size_t i = 0; is_ascii && i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || !c) is_ascii = 0;
    ascii[i] = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
  }
  utf8proc_uint8_t *f = NULL;
  utf8proc_ssize_t fl;
  if (is_ascii) {
    f = ascii;
    fl = (utf8proc_ssize_t)n;
  } else {
    fl = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  }
  char tmp[256];
  size_t t = 0;
  if (fl < 0 || !f) {
    if (!is_ascii) free(f); /* utf8proc allocates with malloc */
    return 0;
  }
  size_t i = 0;
  /* "al-Assad", "el-Sisi", "Al Assad": the article particle is optional. */
  if (fl > 3 && (f[0] == 'a' || f[0] == 'e') && f[1] == 'l' && (f[2] == '-' || f[2] == ' ')) i = 3;
  for (; i < (size_t)fl && t + 1 < sizeof tmp; i++) {
    unsigned char c = f[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) tmp[t++] = (char)c;
  }
  if (!is_ascii) free(f);
  size_t o = 0;
  for (size_t k = 0; k < t && o + 1 < cap; k++) {
    char c = tmp[k], nx = k + 1 < t ? tmp[k + 1] : 0;
    if (c == 'o' && nx == 'u') {
      c = 'u';
      k++;
    } else if (c == 'k' && nx == 'h') {
      c = 'h';
      k++;
    } else if (c == 'p' && nx == 'h') {
      c = 'f';
      k++;
    } else if (c == 'y')
      c = 'i';
    else if (c == 'w')
      c = 'v';
    else if (c == 'j')
      c = 'i';
    if (o > 0 && out[o - 1] == c) continue;
    out[o++] = c;
  }
  out[o] = '\0';
  return o;
}

double td_name_similarity(const char *a, size_t alen, const char *b, size_t blen) {
  char fa[128], fb[128];
  size_t la = name_fold(a, alen, fa, sizeof fa), lb = name_fold(b, blen, fb, sizeof fb);
  if (!la || !lb) return 0.0;
  if (la == lb && !memcmp(fa, fb, la)) return 1.0;
  if (fa[0] != fb[0]) return 0.0;
  if (la < 5 || lb < 5) return 0.0; /* short names: only identical after folding */
  /* Digits must agree exactly ("Su-27" is not "Su-25"). */
  char da[32], db[32];
  size_t na = 0, nb = 0;
  for (size_t i = 0; i < la && na < sizeof da; i++)
    if (fa[i] >= '0' && fa[i] <= '9') da[na++] = fa[i];
  for (size_t i = 0; i < lb && nb < sizeof db; i++)
    if (fb[i] >= '0' && fb[i] <= '9') db[nb++] = fb[i];
  if (na != nb || memcmp(da, db, na)) return 0.0;
  /* Levenshtein, two rows. */
  size_t prev[128], cur[128];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t d = prev[j - 1] + (fa[i - 1] != fb[j - 1]);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      cur[j] = d;
    }
    memcpy(prev, cur, (lb + 1) * sizeof *prev);
  }
  size_t dist = prev[lb], mx = la > lb ? la : lb;
  /* One edit is the most a name of under eight letters may differ by. */
  if (mx < 8 && dist > 1) return 0.0;
  return 1.0 - (double)dist / (double)mx;
}
