/*
** quotes.c — who said what, in the pipeline and in the public API (issue 5).
**
** Ingest side (td_place_extract_stored, called by ingest.c inside the
** article's savepoint: the place stage, then td_extract_stored's work, with
** the article's names extracted once for both): the article's names, quotes
** and dates are extracted (extract/) and stored (store/sqlite_extract.c). The
** parts of one statement ("…," she said, "…") are one unit; each unit is
** compared with the statements of the other articles of the story the
** article was just placed in, by quote signature (extract/quote.h), part
** against part and whole against whole, and joins the group of the best one
** at or above TD_QUOTE_SAME when the speakers agree (the same person, or one
** of them unknown); else it starts a group of its own. A statement that
** matches two groups shows they are one (a fragment and a paraphrase of the
** same sentence): the younger group is merged into the older, whose id
** stays. One stemmer and a cache of the stored quotes' signatures serve the
** whole ingest.
**
** Read side (td_quotes_json, td_entities_json, and the story document's
** "quotes" and "entities"): each article keeps its own names; a story's
** names are merged here, at read time, so an article that arrives later
** ("Vladimir Putin" after several that only say "Putin") improves every
** earlier one without rewriting rows. Names merge when they fold to the same
** string, when one is a full name the other lists as an alias, when
** td_name_similarity says they are spellings of one name (Tartous/Tartus),
** and, for people, when a lone surname has exactly one full-name owner in
** the story. A speaker is reported by its name's merged canonical form (the
** fullest), and a description left unresolved in its article ("the Russian
** President") is resolved when exactly one person of the story carries that
** title. The paged lists (td_quotes_page_json, td_entities_page_json, what
** the HTTP server serves) cut a page from these lists for a story or a small
** store, and on a large store read only the page in SQL (names grouped by
** folded spelling, not merged), since the merge is a story-sized tool.
*/
#include "api/quotes.h"
#include "api/stories.h"
#include "extract/date.h"
#include "extract/entity.h"
#include "extract/quote.h"
#include "place/place.h"
#include "text/stem.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define PEER_ROWS 1000        /* stored quotes a new article is compared with */
#define SIG_CACHE (1u << 14)  /* signatures kept per ingest (slots; half used) */
#define NAME_BUCKET_CMP 256   /* spelling comparisons per name when merging    */
#define MAX_PARTS 64          /* parts of one statement compared               */
#define COMPARE_BUDGET 200000 /* statement pairs compared per article          */

static const char *entity_kind_name(td_entity_kind k) {
  switch (k) {
  case TD_ENT_PERSON: return "person";
  case TD_ENT_ORG: return "org";
  case TD_ENT_PLACE: return "place";
  default: return "other";
  }
}

static const char *date_prec_name(td_date_prec p) {
  switch (p) {
  case TD_DATE_WEEK: return "week";
  case TD_DATE_MONTH: return "month";
  case TD_DATE_YEAR: return "year";
  default: return "day";
  }
}

/* ---------------------------------------------------------------- names */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int eq_nocase(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn) return 0;
  for (size_t i = 0; i < an; i++)
    if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
  return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t word_count(const char *s) {
  size_t n = 0;
  for (size_t i = 0; s[i]; i++)
    if (!is_space(s[i]) && (i == 0 || is_space(s[i - 1]))) n++;
  return n;
}

/* The last word of s: *w and its length. */
static size_t last_word(const char *s, const char **w) {
  size_t n = strlen(s);
  while (n && is_space(s[n - 1]))
    n--;
  size_t b = n;
  while (b && !is_space(s[b - 1]))
    b--;
  *w = s + b;
  return n - b;
}

/* The first word of s and its length. */
static size_t first_word(const char *s, const char **w) {
  while (*s && is_space(*s))
    s++;
  *w = s;
  size_t n = 0;
  while (s[n] && !is_space(s[n]))
    n++;
  return n;
}

/* Two spellings of one name (case, accents, transliteration). */
static int same_spelling(const char *a, size_t an, const char *b, size_t bn) {
  return eq_nocase(a, an, b, bn) || td_name_similarity(a, an, b, bn) >= TD_NAME_MATCH;
}

/* The initials of the middle names of s (the words between its first and
** last), lower case, into out[0..cap): "George H.W. Bush" gives "hw", "George
** Herbert Walker Bush" "hw" too, "George Bush" "". A word of letters joined
** by periods gives each letter, any other word its first. */
static size_t middle_initials(const char *s, char *out, size_t cap) {
  const char *f, *l;
  size_t nf = first_word(s, &f);
  last_word(s, &l);
  size_t n = 0;
  for (const char *p = f + nf; p < l && n + 1 < cap;) {
    while (p < l && is_space(*p)) p++;
    if (p >= l) break;
    const char *e = p;
    while (e < l && !is_space(*e)) e++;
    int dotted = e - p >= 2 && e[-1] == '.';
    for (const char *q = p; q < e && n + 1 < cap; q++)
      if ((q == p || (dotted && q[-1] == '.')) && *q != '.') out[n++] = (char)lower((unsigned char)*q);
    p = e;
  }
  out[n] = '\0';
  return n;
}

/* Two full names of one person: the same surname, first names that are
** one name or an initial of it ("V. Putin"), and middle names that agree
** where both give one ("George W. Bush" and "George H.W. Bush" are two
** people; "Hillary Rodham Clinton" is "Hillary Clinton"). */
static int same_full_name(const char *a, const char *b) {
  const char *la, *lb, *fa, *fb;
  size_t nla = last_word(a, &la), nlb = last_word(b, &lb);
  if (!same_spelling(la, nla, lb, nlb)) return 0;
  char ma[16], mb[16];
  if (middle_initials(a, ma, sizeof ma) && middle_initials(b, mb, sizeof mb) && strcmp(ma, mb))
    return 0;
  size_t nfa = first_word(a, &fa), nfb = first_word(b, &fb);
  if (same_spelling(fa, nfa, fb, nfb)) return 1;
  int ia = nfa <= 2 && (nfa == 1 || fa[1] == '.'), ib = nfb <= 2 && (nfb == 1 || fb[1] == '.');
  return (ia || ib) && lower((unsigned char)fa[0]) == lower((unsigned char)fb[0]);
}

/* Is `name` one of the names of the person or organisation `full`? The
** surname rule ("Putin" is "Vladimir Putin") applies to people only. */
static int names_one(const char *name, const char *full, int person) {
  size_t a = strlen(name), b = strlen(full);
  if (same_spelling(name, a, full, b)) return 1;
  if (!person) return 0;
  size_t wa = word_count(name), wb = word_count(full);
  if (wa >= 2 && wb >= 2) return same_full_name(name, full);
  const char *l;
  size_t nl;
  if (wa == 1 && wb >= 2) {
    nl = last_word(full, &l);
    return same_spelling(name, a, l, nl);
  }
  if (wb == 1 && wa >= 2) {
    nl = last_word(name, &l);
    return same_spelling(full, b, l, nl);
  }
  return 0;
}

/* A folded key for exact matching: NFKC case fold, '.' dropped ("Mr." =
** "Mr"), white space runs as one space. td_free. */
static char *fold_key(const char *s) {
  size_t n = strlen(s), fl;
  char *f = td_utf8_fold(s, n, &fl);
  if (!f) f = td_strndup(s, n);
  if (!f) return NULL;
  size_t o = 0;
  int sp = 0;
  for (size_t i = 0; f[i]; i++) {
    char c = f[i];
    if (c == '.') continue;
    if (is_space(c)) {
      sp = o > 0;
      continue;
    }
    if (sp) f[o++] = ' ';
    sp = 0;
    f[o++] = c;
  }
  f[o] = '\0';
  return f;
}

/* ------------------------------------------------- merging names (read) */

/* One article's name, or a speaker seen in quotes, before merging. */
typedef struct nitem {
  char *name; /* owned */
  char *key;  /* fold_key(name), owned */
  const char *kind;
  json_t *aliases, *roles; /* arrays of strings (owned references) */
  long long mentions;
  int64_t article;
  size_t parent; /* union-find */
  int words;
} nitem;

typedef struct nset {
  nitem *v;
  size_t n, cap;
  int oom;
} nset;

static void nset_release(nset *s) {
  for (size_t i = 0; i < s->n; i++) {
    td_free(s->v[i].name);
    td_free(s->v[i].key);
    json_decref(s->v[i].aliases);
    json_decref(s->v[i].roles);
  }
  td_free(s->v);
  memset(s, 0, sizeof *s);
}

static const char *intern_kind(const char *k) {
  static const char *const kinds[] = {"person", "org", "place", "other"};
  for (size_t i = 0; k && i < 4; i++)
    if (!strcmp(k, kinds[i])) return kinds[i];
  return k ? "other" : NULL;
}

static int nset_add(nset *s, const char *name, const char *kind, const char *aliases,
                    const char *roles, long long mentions, int64_t article) {
  if (!name || !*name) return 0;
  if (s->n == s->cap) {
    size_t nc = s->cap ? s->cap * 2 : 64;
    nitem *v = td_realloc(s->v, nc * sizeof *v);
    if (!v) return s->oom = 1;
    s->v = v;
    s->cap = nc;
  }
  nitem *it = &s->v[s->n];
  memset(it, 0, sizeof *it);
  it->name = td_strdup(name);
  it->key = it->name ? fold_key(name) : NULL;
  it->aliases = aliases ? json_loads(aliases, 0, NULL) : NULL;
  it->roles = roles ? json_loads(roles, 0, NULL) : NULL;
  if (!it->aliases) it->aliases = json_array();
  if (!it->roles) it->roles = json_array();
  if (!it->name || !it->key || !it->aliases || !it->roles) {
    td_free(it->name);
    td_free(it->key);
    json_decref(it->aliases);
    json_decref(it->roles);
    return s->oom = 1;
  }
  it->kind = intern_kind(kind);
  it->mentions = mentions;
  it->article = article;
  it->parent = s->n;
  it->words = (int)word_count(name);
  s->n++;
  return 0;
}

static size_t uf_find(nset *s, size_t i) {
  while (s->v[i].parent != i) {
    s->v[i].parent = s->v[s->v[i].parent].parent;
    i = s->v[i].parent;
  }
  return i;
}

static void uf_union(nset *s, size_t a, size_t b) {
  a = uf_find(s, a);
  b = uf_find(s, b);
  if (a == b) return;
  if (a < b)
    s->v[b].parent = a;
  else
    s->v[a].parent = b;
}

static int kinds_agree(const nitem *a, const nitem *b) {
  return a->kind == b->kind || !strcmp(a->kind, "other") || !strcmp(b->kind, "other");
}

static int is_person(const nitem *a) { return !strcmp(a->kind, "person"); }

static int cmp_key(const void *x, const void *y, void *arg) {
  const nset *s = arg;
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  int c = strcmp(s->v[a].key, s->v[b].key);
  return c ? c : (a < b ? -1 : a > b);
}

/* Order indices into an array of strings (the context). */
static int cmp_last_r(const void *x, const void *y, void *arg) {
  char **k = arg;
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  int c = strcmp(k[a], k[b]);
  return c ? c : (a < b ? -1 : a > b);
}

/* Pairs of indices by their first. */
static int cmp_pair(const void *x, const void *y) {
  const size_t *a = x, *b = y;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Merge the names of s into people, organisations and places (union-find
** roots in v[i].parent after uf_find). Near-linear: exact keys by sorting,
** spellings within a bucket of names sharing their first two folded bytes
** (td_name_similarity requires the first letters to agree anyway), and lone
** surnames by a lookup of full names' last words. */
static int nset_merge(nset *s) {
  size_t n = s->n;
  if (n < 2) return 0;
  size_t *ord = td_malloc(n * sizeof *ord);
  if (!ord) return -1;
  for (size_t i = 0; i < n; i++)
    ord[i] = i;
  qsort_r(ord, n, sizeof *ord, cmp_key, s);
  /* 1. The same folded name. */
  for (size_t i = 1; i < n; i++)
    if (!strcmp(s->v[ord[i]].key, s->v[ord[i - 1]].key) &&
        kinds_agree(&s->v[ord[i]], &s->v[ord[i - 1]]))
      uf_union(s, ord[i], ord[i - 1]);
  /* 2. A full name that another article lists as an alias (its own full
  ** names, not lone surnames: two Radus must stay two). */
  for (size_t i = 0; i < n; i++) {
    nitem *it = &s->v[i];
    size_t k;
    json_t *al;
    json_array_foreach(it->aliases, k, al) {
      const char *a = json_string_value(al);
      if (!a || word_count(a) < 2) continue;
      char *ak = fold_key(a);
      if (!ak) break;
      /* binary search for ak among the sorted keys */
      size_t lo = 0, hi = n;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->v[ord[mid]].key, ak) < 0)
          lo = mid + 1;
        else
          hi = mid;
      }
      for (; lo < n && !strcmp(s->v[ord[lo]].key, ak); lo++)
        if (kinds_agree(it, &s->v[ord[lo]])) uf_union(s, i, ord[lo]);
      td_free(ak);
    }
  }
  /* 3. Spellings of one name, within buckets of the same two first bytes.
  ** A full name without middle names that matches one with them ("George
  ** Bush", "George W. Bush") is set aside (later[]): it joins only when
  ** every such match is one person, so "George Bush" never ties George W.
  ** Bush to George H.W. Bush. */
  size_t (*later)[2] = NULL, nlater = 0, alater = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && !strncmp(s->v[ord[j]].key, s->v[ord[i]].key, 2))
      j++;
    for (size_t a = i; a < j; a++) {
      size_t cmp = 0;
      for (size_t b = a + 1; b < j && cmp < NAME_BUCKET_CMP; b++) {
        nitem *x = &s->v[ord[a]], *y = &s->v[ord[b]];
        if (x->kind != y->kind || uf_find(s, ord[a]) == uf_find(s, ord[b])) continue;
        cmp++;
        int full = is_person(x) && x->words >= 2 && y->words >= 2;
        int one = full ? same_full_name(x->name, y->name)
                       : x->words == y->words &&
                             td_name_similarity(x->name, strlen(x->name), y->name,
                                                strlen(y->name)) >= TD_NAME_MATCH;
        char mx[16], my[16];
        if (one && full &&
            !middle_initials(x->name, mx, sizeof mx) != !middle_initials(y->name, my, sizeof my)) {
          if (nlater == alater) {
            size_t na = alater ? alater * 2 : 16;
            size_t (*v)[2] = td_realloc(later, na * sizeof *v);
            if (!v) {
              td_free(later);
              td_free(ord);
              return -1;
            }
            later = v;
            alater = na;
          }
          int xm = mx[0] != '\0';
          later[nlater][0] = xm ? ord[b] : ord[a]; /* the one without */
          later[nlater++][1] = xm ? ord[a] : ord[b];
        } else if (one) {
          uf_union(s, ord[a], ord[b]);
        }
      }
    }
    i = j;
  }
  if (nlater) qsort(later, nlater, sizeof *later, cmp_pair);
  for (size_t i = 0; i < nlater;) {
    size_t j = i, owner = uf_find(s, later[i][1]);
    int ambiguous = 0;
    for (; j < nlater && later[j][0] == later[i][0]; j++)
      ambiguous |= uf_find(s, later[j][1]) != owner;
    if (!ambiguous) uf_union(s, later[i][0], owner);
    i = j;
  }
  td_free(later);
  /* 4. A lone surname joins the one person whose full name ends with it;
  ** with two such people it stays apart. Full names' folded last words are
  ** sorted once and looked up. */
  size_t nl = 0;
  char **lastk = td_malloc(n * sizeof *lastk);
  size_t *lasti = td_malloc(n * sizeof *lasti);
  if (!lastk || !lasti) {
    td_free(lastk);
    td_free(lasti);
    td_free(ord);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    nitem *o = &s->v[i];
    if (!is_person(o) || o->words < 2) continue;
    const char *l = strrchr(o->key, ' ');
    lastk[nl] = (char *)(l ? l + 1 : o->key);
    lasti[nl++] = i;
  }
  /* ord is free now: reuse it to order the last words */
  for (size_t i = 0; i < nl; i++)
    ord[i] = i;
  qsort_r(ord, nl, sizeof *ord, cmp_last_r, lastk);
  for (size_t i = 0; i < n; i++) {
    nitem *it = &s->v[i];
    if (!is_person(it) || it->words != 1) continue;
    size_t lo = 0, hi = nl;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (strcmp(lastk[ord[mid]], it->key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    size_t owner = (size_t)-1;
    int ambiguous = 0;
    for (; lo < nl && !strcmp(lastk[ord[lo]], it->key) && !ambiguous; lo++) {
      size_t r = uf_find(s, lasti[ord[lo]]);
      if (owner == (size_t)-1)
        owner = r;
      else if (owner != r)
        ambiguous = 1;
    }
    if (owner != (size_t)-1 && !ambiguous) uf_union(s, i, owner);
  }
  td_free(lastk);
  td_free(lasti);
  td_free(ord);
  return 0;
}

/* One merged name. */
typedef struct ngroup {
  size_t canon;    /* item whose name is reported */
  const char *kind;
  long long mentions;
  size_t articles;
  json_t *aliases; /* strings other than the canonical name */
} ngroup;

/* Is item a a better canonical form than item b: more words, then more
** mentions, then longer. */
static int better_name(const nitem *a, const nitem *b) {
  if (a->words != b->words) return a->words > b->words;
  if (a->mentions != b->mentions) return a->mentions > b->mentions;
  return strlen(a->name) > strlen(b->name);
}

static int json_has_nocase(json_t *arr, const char *s) {
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    const char *t = json_string_value(v);
    if (t && eq_nocase(t, strlen(t), s, strlen(s))) return 1;
  }
  return 0;
}

/* The groups of a merged set; gid[i] is item i's group. */
typedef struct nmerged {
  ngroup *g;
  size_t n;
  size_t *gid;
} nmerged;

static void nmerged_release(nmerged *m) {
  for (size_t i = 0; i < m->n; i++)
    json_decref(m->g[i].aliases);
  td_free(m->g);
  td_free(m->gid);
  memset(m, 0, sizeof *m);
}

static int nmerged_build(nset *s, nmerged *m) {
  memset(m, 0, sizeof *m);
  if (nset_merge(s)) return -1;
  m->gid = td_malloc((s->n + 1) * sizeof *m->gid);
  m->g = td_calloc(s->n + 1, sizeof *m->g);
  if (!m->gid || !m->g) return -1;
  size_t *root_gid = td_malloc((s->n + 1) * sizeof *root_gid);
  if (!root_gid) return -1;
  for (size_t i = 0; i < s->n; i++)
    root_gid[i] = (size_t)-1;
  for (size_t i = 0; i < s->n; i++) {
    size_t r = uf_find(s, i);
    if (root_gid[r] == (size_t)-1) {
      root_gid[r] = m->n;
      m->g[m->n].canon = i;
      m->n++;
    }
    size_t g = root_gid[r];
    m->gid[i] = g;
    if (better_name(&s->v[i], &s->v[m->g[g].canon])) m->g[g].canon = i;
  }
  td_free(root_gid);
  /* Kind by mentions; mentions and articles summed; aliases gathered. */
  int oom = 0;
  for (size_t g = 0; g < m->n; g++)
    if (!(m->g[g].aliases = json_array())) oom = 1;
  long long (*kcount)[4] = td_calloc(m->n + 1, sizeof *kcount);
  int64_t *last_art = td_calloc(m->n + 1, sizeof *last_art);
  if (oom || !kcount || !last_art) {
    td_free(kcount);
    td_free(last_art);
    return -1;
  }
  static const char *const kinds[] = {"person", "org", "place", "other"};
  for (size_t i = 0; i < s->n && !oom; i++) {
    nitem *it = &s->v[i];
    ngroup *g = &m->g[m->gid[i]];
    const char *canon = s->v[g->canon].name;
    g->mentions += it->mentions;
    if (last_art[m->gid[i]] != it->article || !it->article) g->articles++;
    last_art[m->gid[i]] = it->article;
    for (int k = 0; k < 4; k++)
      if (it->kind == kinds[k]) kcount[m->gid[i]][k] += it->mentions + 1;
    json_t *names = json_array();
    if (!names || json_array_append_new(names, json_string(it->name)) ||
        json_array_extend(names, it->aliases)) {
      json_decref(names);
      oom = 1;
      break;
    }
    size_t k;
    json_t *al;
    json_array_foreach(names, k, al) {
      const char *a = json_string_value(al);
      if (!a || eq_nocase(a, strlen(a), canon, strlen(canon)) || json_has_nocase(g->aliases, a))
        continue;
      if (json_array_append(g->aliases, al)) oom = 1;
    }
    json_decref(names);
  }
  for (size_t g = 0; g < m->n; g++) {
    int best = 3;
    for (int k = 0; k < 4; k++)
      if (kcount[g][k] > kcount[g][best]) best = k;
    m->g[g].kind = kinds[best];
  }
  td_free(kcount);
  td_free(last_art);
  return oom ? -1 : 0;
}

/* ------------------------------------------------------- the ingest step */

typedef struct sig_slot {
  uint64_t key; /* 2*id (a part) or 2*id+1 (a whole statement); 0 empty */
  uint64_t text_hash;
  td_quote_sig *sig;
} sig_slot;

struct td_extract {
  td_stemmer *stem;
  sig_slot *slots; /* SIG_CACHE slots, open addressing */
  size_t used;
  /* td_place_extract_stored: the ingest's placer, over backend pl_be on
  ** store pl_st (made on first use). */
  td_placer *pl;
  const td_place_backend *pl_be;
  void *pl_st;
};

static void cache_clear(td_extract *x) {
  for (size_t i = 0; i < SIG_CACHE; i++) {
    td_quote_sig_free(x->slots[i].sig);
    x->slots[i] = (sig_slot){0, 0, NULL};
  }
  x->used = 0;
}

td_extract *td_extract_new(void) {
  td_extract *x = td_calloc(1, sizeof *x);
  if (!x) return NULL;
  x->stem = td_stemmer_new("english");
  x->slots = td_calloc(SIG_CACHE, sizeof *x->slots);
  if (!x->stem || !x->slots) {
    td_extract_free(x);
    return NULL;
  }
  return x;
}

void td_extract_free(td_extract *x) {
  if (!x) return;
  if (x->slots) cache_clear(x);
  td_free(x->slots);
  td_placer_free(x->pl);
  td_stemmer_free(x->stem);
  td_free(x);
}

static sig_slot *cache_slot(td_extract *x, uint64_t key) {
  size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 40) & (SIG_CACHE - 1);
  while (x->slots[i].key && x->slots[i].key != key)
    i = (i + 1) & (SIG_CACHE - 1);
  return &x->slots[i];
}

/* The signature of a stored text under `key`, made and cached when missing
** or stale (a rolled-back row's id reused for other words). Borrowed from
** the cache until the next call. NULL on OOM. */
static const td_quote_sig *cached_sig(td_extract *x, uint64_t key, const char *s, size_t n) {
  uint64_t h = XXH3_64bits(s, n);
  sig_slot *sl = cache_slot(x, key);
  if (sl->key == key && sl->text_hash == h && sl->sig) return sl->sig;
  if (sl->key != key) {
    if (x->used >= SIG_CACHE / 2) {
      cache_clear(x);
      sl = cache_slot(x, key);
    }
    x->used++;
  }
  td_quote_sig_free(sl->sig);
  sl->key = key;
  sl->text_hash = h;
  sl->sig = td_quote_sig_new(s, n, x->stem);
  if (!sl->sig) sl->key = 0, x->used--;
  return sl->sig;
}

/* Keep a signature we made under the id its row got (consumes sig). */
static void cache_put(td_extract *x, uint64_t key, const char *s, size_t n, td_quote_sig *sig) {
  if (!sig) return;
  sig_slot *sl = cache_slot(x, key);
  if (sl->key != key) {
    if (x->used >= SIG_CACHE / 2) {
      cache_clear(x);
      sl = cache_slot(x, key);
    }
    x->used++;
  }
  td_quote_sig_free(sl->sig);
  sl->key = key;
  sl->text_hash = XXH3_64bits(s, n);
  sl->sig = sig;
}

/* A stored quote of the story, copied out of the store's row. */
typedef struct peer {
  int64_t id, article, stmt, group;
  size_t start;
  char *text, *speaker;
  int named; /* the speaker is a resolved name (not a description) */
  int person;
} peer;

typedef struct peers {
  peer *v;
  size_t n, cap;
  int oom;
} peers;

static int on_peer(void *ctx, const td_store_quote *q) {
  peers *p = ctx;
  if (p->n == p->cap) {
    size_t nc = p->cap ? p->cap * 2 : 64;
    peer *v = td_realloc(p->v, nc * sizeof *v);
    if (!v) return p->oom = 1;
    p->v = v;
    p->cap = nc;
  }
  peer *e = &p->v[p->n];
  memset(e, 0, sizeof *e);
  e->id = q->id;
  e->article = q->article;
  e->stmt = q->stmt;
  e->group = q->group;
  e->start = q->start;
  e->text = td_strdup(q->text ? q->text : "");
  e->speaker = q->speaker ? td_strdup(q->speaker) : NULL;
  e->named = q->speaker_kind != NULL;
  e->person = q->speaker_kind && !strcmp(q->speaker_kind, "person");
  if (!e->text || (q->speaker && !e->speaker)) {
    td_free(e->text);
    td_free(e->speaker);
    return p->oom = 1;
  }
  p->n++;
  return 0;
}

static int cmp_peer(const void *x, const void *y) {
  const peer *a = x, *b = y;
  if (a->stmt != b->stmt) return a->stmt < b->stmt ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start;
}

/* A statement: parts [first, first + n) of a peer array, or of the new
** article's quotes. */
typedef struct unit {
  size_t first, n; /* first quote (peer) and number of parts              */
  size_t off;      /* where its parts start in part[] (the new article's) */
  const char *speaker;
  int named, person;
  int64_t group; /* joined group, 0 = new */
  char *whole;   /* parts joined by a space when n > 1 (owned) */
  size_t wlen;
} unit;

static int speakers_agree(const unit *a, const unit *b) {
  if (!a->speaker || !b->speaker || !a->named || !b->named) return 1;
  return names_one(a->speaker, b->speaker, a->person && b->person) ||
         names_one(b->speaker, a->speaker, a->person && b->person);
}

static int cmp_unit_speaker(const void *x, const void *y, void *arg) {
  const unit *pu = arg;
  const unit *a = &pu[*(const size_t *)x], *b = &pu[*(const size_t *)y];
  int c = strcmp(a->speaker, b->speaker);
  return c ? c : a->person - b->person;
}

/* Whether two speakers agree depends only on the names and on both being
** people, and a story's statements have few distinct speakers: number them,
** so that a new statement compares its speaker with each of them once, not
** with every stored statement (td_name_similarity is not cheap). id[p] is
** (size_t)-1 for a statement whose speaker is not a resolved name (it agrees
** with any). NULL on OOM. */
static size_t *speaker_ids(const unit *pu, size_t n, size_t *nids) {
  size_t *id = td_malloc((n ? n : 1) * sizeof *id), *ord = td_malloc((n ? n : 1) * sizeof *ord);
  if (!id || !ord) {
    td_free(id);
    td_free(ord);
    return NULL;
  }
  size_t m = 0;
  for (size_t p = 0; p < n; p++) {
    id[p] = (size_t)-1;
    if (pu[p].speaker && pu[p].named) ord[m++] = p;
  }
  qsort_r(ord, m, sizeof *ord, cmp_unit_speaker, (void *)pu);
  *nids = 0;
  for (size_t i = 0; i < m; i++) {
    if (i && cmp_unit_speaker(&ord[i - 1], &ord[i], (void *)pu)) (*nids)++;
    id[ord[i]] = *nids;
  }
  if (m) (*nids)++;
  td_free(ord);
  return id;
}

/* The first statement of `group` whose speaker is a resolved name, or NULL. */
static const unit *group_speaker(const unit *pu, size_t n, int64_t group) {
  for (size_t i = 0; i < n; i++)
    if (pu[i].group == group && pu[i].speaker && pu[i].named) return &pu[i];
  return NULL;
}

static char *join_parts(const char *const *texts, const size_t *lens, size_t n, size_t *out) {
  td_buf b = TD_BUF_INIT;
  for (size_t i = 0; i < n; i++)
    if ((i && td_buf_putc(&b, ' ')) || td_buf_append(&b, texts[i], lens[i])) {
      td_buf_release(&b);
      return NULL;
    }
  *out = b.len;
  return td_buf_detach(&b);
}

static json_t *strings_json(char **v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < n; i++)
    if (json_array_append_new(a, json_string(v[i]))) {
      json_decref(a);
      return NULL;
    }
  return a;
}

static int store_names(td *db, const td_article *a, const td_entity_set *E) {
  const td_store_extract *ex = db->vt->extract;
  for (size_t i = 0; i < E->n; i++) {
    const td_entity *e = &E->ents[i];
    json_t *al = strings_json(e->aliases, e->naliases), *ro = strings_json(e->roles, e->nroles);
    char *als = al ? json_dumps(al, JSON_COMPACT) : NULL;
    char *ros = ro ? json_dumps(ro, JSON_COMPACT) : NULL;
    json_decref(al);
    json_decref(ro);
    int rc = TD_ENOMEM;
    if (als && ros) {
      td_store_entity se = {a->id, (int)i, 0, e->name, entity_kind_name(e->kind), als, ros,
                            (long long)e->nmentions};
      rc = ex->entity_insert(db->st, &se);
    }
    td_free(als);
    td_free(ros);
    if (rc) return rc;
  }
  return TD_OK;
}

/* An article's dates (td_dates_extract of its text against its date). */
typedef struct article_dates {
  td_date *d;
  size_t n;
} article_dates;

/* The article's dates, given (found once for place and extract) or found here. */
static int store_dates(td *db, const td_article *a, const char *text, size_t len,
                       const article_dates *given) {
  td_date *own = NULL;
  const td_date *D = given ? given->d : NULL;
  size_t nd = given ? given->n : 0;
  int rc = TD_OK;
  if (!given) {
    rc = td_dates_extract(text, len, a->date, &own, &nd);
    D = own;
  }
  for (size_t i = 0; rc == TD_OK && i < nd; i++) {
    td_store_date sd = {D[i].start, D[i].end, D[i].year, D[i].month, D[i].day,
                        date_prec_name(D[i].prec), D[i].relative};
    rc = db->vt->extract->date_insert(db->st, a->id, &sd);
  }
  td_free(own);
  return rc;
}

/* Score of a new statement (its parts' signatures usig[0..nus) and its
** whole, or NULL) against peer statement p: part against part, and each
** whole against the other's parts and whole, the best of them. */
static double unit_score(td_extract *x, td_quote_sig *const *usig, size_t nus,
                         const td_quote_sig *uwhole, const unit *p, const peer *pv) {
  double best = 0;
  for (size_t j = 0; j < p->n; j++) {
    const peer *q = &pv[p->first + j];
    const td_quote_sig *ps = cached_sig(x, 2 * (uint64_t)q->id, q->text, strlen(q->text));
    for (size_t i = 0; i < nus; i++) {
      double s = td_quote_sig_similar(usig[i], ps);
      if (s > best) best = s;
    }
    if (uwhole) {
      double s = td_quote_sig_similar(uwhole, ps);
      if (s > best) best = s;
    }
  }
  if (p->n > 1 && p->whole) {
    const td_quote_sig *pw =
        cached_sig(x, 2 * (uint64_t)pv[p->first].stmt + 1, p->whole, p->wlen);
    for (size_t i = 0; i < nus; i++) {
      double s = td_quote_sig_similar(usig[i], pw);
      if (s > best) best = s;
    }
    if (uwhole) {
      double s = td_quote_sig_similar(uwhole, pw);
      if (s > best) best = s;
    }
  }
  return best;
}

/* td_extract_stored with the article's entities and dates given (borrowed),
** or NULL to find them here. */
static int extract_stored(td *db, td_extract *x, const td_article *a, const td_entity_set *given,
                          const article_dates *dates) {
  const td_store_extract *ex = db->vt->extract;
  if (!ex || !a->text) return TD_OK;
  td_extract *own = NULL;
  if (!x && !(x = own = td_extract_new())) return TD_ENOMEM;
  const char *text = a->text;
  size_t len = strlen(text);
  td_entity_set *ownE = NULL;
  const td_entity_set *E = given;
  td_quote *Q = NULL;
  size_t nq = 0;
  peers P = {NULL, 0, 0, 0};
  unit *U = NULL, *PU = NULL;
  size_t nu = 0, npu = 0;
  size_t *root = NULL, *part = NULL, *uidx = NULL;
  int64_t *ids = NULL;
  td_quote_sig **qsig = NULL, **wsig = NULL;
  int rc = TD_OK;
  if (!E && !(rc = td_entities_extract(text, len, a->title, a->title ? strlen(a->title) : 0, &ownE)))
    E = ownE;
  if (!rc) rc = td_quotes_extract(text, len, E, &Q, &nq);
  if (!rc) rc = store_names(db, a, E);
  if (!rc) rc = store_dates(db, a, text, len, dates);
  if (rc || !nq) goto out;

  /* The new article's statements: a quote with `prev` continues its
  ** statement; a nested quote is one of its own. part[] lists the quotes
  ** by statement (a counting sort on the root), so the work stays linear
  ** however many quotes an article has. */
  root = td_malloc(nq * sizeof *root);
  part = td_malloc(nq * sizeof *part);
  uidx = td_malloc(nq * sizeof *uidx);
  ids = td_calloc(nq, sizeof *ids);
  qsig = td_calloc(nq, sizeof *qsig);
  wsig = td_calloc(nq, sizeof *wsig);
  U = td_calloc(nq, sizeof *U);
  if (!root || !part || !uidx || !ids || !qsig || !wsig || !U) goto oom;
  for (size_t i = 0; i < nq; i++) {
    root[i] = Q[i].prev >= 0 && (size_t)Q[i].prev < i ? root[Q[i].prev] : i;
    if (root[i] == i) {
      uidx[i] = nu;
      U[nu++].first = i;
    }
    U[uidx[root[i]]].n++;
  }
  {
    size_t off = 0;
    for (size_t k = 0; k < nu; k++) {
      U[k].off = off;
      off += U[k].n;
      U[k].n = 0;
    }
    for (size_t i = 0; i < nq; i++) {
      unit *u = &U[uidx[root[i]]];
      part[u->off + u->n++] = i;
    }
  }
  for (size_t k = 0; k < nu; k++) {
    unit *u = &U[k];
    const char *parts[MAX_PARTS];
    size_t lens[MAX_PARTS], np = 0;
    for (size_t j = 0; j < u->n; j++) {
      size_t i = part[u->off + j];
      if (!(qsig[i] = td_quote_sig_new(text + Q[i].start, Q[i].end - Q[i].start, x->stem)))
        goto oom;
      if (!u->speaker && Q[i].speaker) {
        u->speaker = Q[i].speaker;
        u->named = Q[i].entity >= 0 && (size_t)Q[i].entity < E->n;
        u->person = u->named && E->ents[Q[i].entity].kind == TD_ENT_PERSON;
      }
      if (np < MAX_PARTS) {
        parts[np] = text + Q[i].start;
        lens[np++] = Q[i].end - Q[i].start;
      }
    }
    if (np > 1) {
      if (!(u->whole = join_parts(parts, lens, np, &u->wlen))) goto oom;
      if (!(wsig[k] = td_quote_sig_new(u->whole, u->wlen, x->stem))) goto oom;
    }
  }

  /* The statements of the other articles of the story. */
  if ((rc = ex->quote_peers(db->st, a->id, PEER_ROWS, on_peer, &P))) goto out;
  if (P.oom) goto oom;
  if (P.n) {
    qsort(P.v, P.n, sizeof *P.v, cmp_peer);
    if (!(PU = td_calloc(P.n, sizeof *PU))) goto oom;
    for (size_t i = 0; i < P.n;) {
      size_t j = i;
      unit *p = &PU[npu++];
      p->first = i;
      while (j < P.n && P.v[j].stmt == P.v[i].stmt) {
        if (!p->speaker && P.v[j].speaker) {
          p->speaker = P.v[j].speaker;
          p->named = P.v[j].named;
          p->person = P.v[j].person;
        }
        j++;
      }
      p->n = j - i;
      /* All parts of a statement carry the group of its first. */
      p->group = P.v[i].group;
      if (p->n > 1) {
        const char *parts[MAX_PARTS];
        size_t lens[MAX_PARTS], np = 0;
        for (size_t k = i; k < j && np < MAX_PARTS; k++) {
          parts[np] = P.v[k].text;
          lens[np++] = strlen(P.v[k].text);
        }
        if (!(p->whole = join_parts(parts, lens, np, &p->wlen))) goto oom;
      }
      i = j;
    }
  }

  /* Each new statement joins the group it matches best (at or above the
  ** threshold, speakers agreeing; among equal scores the older group). When
  ** it matches other groups too, they were one statement all along, worded
  ** too differently to be matched before (a fragment and a paraphrase, say),
  ** and they are merged into the oldest -- unless their own speakers
  ** disagree, as when a statement with no speaker resembles both Solvey's
  ** words and the opposition's. The comparisons per article are bounded:
  ** past the budget, statements start groups of their own. */
  size_t budget = COMPARE_BUDGET;
  double *score = npu ? td_malloc(npu * sizeof *score) : NULL;
  size_t nspk = 0, *spk = npu ? speaker_ids(PU, npu, &nspk) : NULL;
  signed char *agree = td_malloc(nspk ? nspk : 1); /* per speaker id: -1 not known yet */
  if ((npu && (!score || !spk)) || !agree) {
    td_free(score);
    td_free(spk);
    td_free(agree);
    goto oom;
  }
  for (size_t k = 0; k < nu && budget >= npu; k++) {
    unit *u = &U[k];
    td_quote_sig *usig[MAX_PARTS];
    size_t nus = 0;
    for (size_t j = 0; j < u->n && nus < MAX_PARTS; j++)
      usig[nus++] = qsig[part[u->off + j]];
    budget -= npu;
    size_t best = (size_t)-1;
    if (nspk) memset(agree, -1, nspk);
    for (size_t p = 0; p < npu; p++) {
      int ok;
      if (spk[p] == (size_t)-1) {
        ok = 1;
      } else {
        if (agree[spk[p]] < 0) agree[spk[p]] = (signed char)speakers_agree(u, &PU[p]);
        ok = agree[spk[p]];
      }
      score[p] = ok ? unit_score(x, usig, nus, wsig[k], &PU[p], P.v) : 0;
      if (score[p] < TD_QUOTE_SAME) continue;
      if (best == (size_t)-1 || score[p] > score[best] ||
          (score[p] == score[best] && PU[p].group < PU[best].group))
        best = p;
    }
    if (best == (size_t)-1) continue;
    int64_t group = PU[best].group;
    const unit *who = group_speaker(PU, npu, group);
    if (!who && u->named) who = u;
    for (size_t p = 0; p < npu; p++) {
      if (score[p] < TD_QUOTE_SAME || PU[p].group == group) continue;
      const unit *other = group_speaker(PU, npu, PU[p].group);
      if (who && other && !speakers_agree(who, other)) continue;
      if (!who) who = other;
      int64_t from = PU[p].group > group ? PU[p].group : group;
      int64_t to = PU[p].group > group ? group : PU[p].group;
      if ((rc = ex->quote_regroup(db->st, from, to))) {
        td_free(score);
        td_free(spk);
        td_free(agree);
        goto out;
      }
      for (size_t q = 0; q < npu; q++)
        if (PU[q].group == from) PU[q].group = to;
      for (size_t q = 0; q < k; q++)
        if (U[q].group == from) U[q].group = to;
      group = to;
    }
    u->group = group;
  }
  td_free(score);
  td_free(spk);
  td_free(agree);

  /* Store in text order: the root of a statement first (it names the
  ** statement, and the group when it starts one). */
  for (size_t i = 0; i < nq; i++) {
    size_t r = root[i];
    unit *u = &U[uidx[r]];
    char *cue = Q[i].cue_end > Q[i].cue_start
                    ? td_strndup(text + Q[i].cue_start, Q[i].cue_end - Q[i].cue_start)
                    : NULL;
    char *qt = td_strndup(text + Q[i].start, Q[i].end - Q[i].start);
    if (!qt || (Q[i].cue_end > Q[i].cue_start && !cue)) {
      td_free(cue);
      td_free(qt);
      goto oom;
    }
    const char *sk = NULL;
    if (Q[i].speaker && Q[i].entity >= 0 && (size_t)Q[i].entity < E->n)
      sk = entity_kind_name(E->ents[Q[i].entity].kind);
    td_store_quote sq;
    memset(&sq, 0, sizeof sq);
    sq.article = a->id;
    sq.stmt = r == i ? 0 : ids[r];
    sq.group = u->group ? u->group : (r == i ? 0 : ids[r]);
    sq.start = Q[i].start;
    sq.end = Q[i].end;
    sq.text = qt;
    sq.speaker = Q[i].speaker;
    sq.speaker_kind = sk;
    sq.cue = cue;
    sq.kind = td_quote_kind_name(Q[i].kind);
    rc = ex->quote_insert(db->st, &sq);
    td_free(cue);
    td_free(qt);
    if (rc) goto out;
    ids[i] = sq.id;
    if (!u->group && r == i) u->group = sq.group;
  }
  /* The next article of this story compares with these: keep their
  ** signatures under their row ids. */
  for (size_t i = 0; i < nq; i++) {
    cache_put(x, 2 * (uint64_t)ids[i], text + Q[i].start, Q[i].end - Q[i].start, qsig[i]);
    qsig[i] = NULL;
  }
  for (size_t k = 0; k < nu; k++)
    if (wsig[k]) {
      cache_put(x, 2 * (uint64_t)ids[U[k].first] + 1, U[k].whole, U[k].wlen, wsig[k]);
      wsig[k] = NULL;
    }
  goto out;
oom:
  rc = TD_ENOMEM;
out:
  for (size_t i = 0; qsig && i < nq; i++)
    td_quote_sig_free(qsig[i]);
  for (size_t i = 0; wsig && i < nq; i++)
    td_quote_sig_free(wsig[i]);
  for (size_t k = 0; U && k < nu; k++)
    td_free(U[k].whole);
  for (size_t k = 0; PU && k < npu; k++)
    td_free(PU[k].whole);
  for (size_t i = 0; i < P.n; i++) {
    td_free(P.v[i].text);
    td_free(P.v[i].speaker);
  }
  td_free(P.v);
  td_free(PU);
  td_free(U);
  td_free(qsig);
  td_free(wsig);
  td_free(ids);
  td_free(root);
  td_free(part);
  td_free(uidx);
  td_quotes_free(Q, nq);
  td_entity_set_free(ownE);
  td_extract_free(own);
  return rc;
}

int td_extract_stored(td *db, td_extract *x, const td_article *a) {
  return extract_stored(db, x, a, NULL, NULL);
}

int td_place_extract_stored(td *db, td_extract *x, const td_article *a) {
  const td_place_backend *be = db->vt->place;
  int want_ex = db->vt->extract && a->text;
  if (!be && !want_ex) return TD_OK;
  const char *text = a->text ? a->text : "";
  size_t len = strlen(text);
  td_entity_set *E = NULL;
  article_dates D = {NULL, 0};
  int rc = td_entities_extract(text, len, a->title, a->title ? strlen(a->title) : 0, &E);
  if (rc == TD_OK) rc = td_dates_extract(text, len, a->date, &D.d, &D.n);
  if (rc == TD_OK && be) {
    /* One placer for the ingest; the store handle does not change under it. */
    if (x->pl && (x->pl_be != be || x->pl_st != db->st)) {
      td_placer_free(x->pl);
      x->pl = NULL;
    }
    if (!x->pl && !(x->pl = td_placer_new(be, db->st, NULL))) rc = TD_ENOMEM;
    x->pl_be = be;
    x->pl_st = db->st;
    if (rc == TD_OK) {
      char host[256];
      td_place_input in = {a->id, a->title, text, len, a->date, a->lang,
                           td_article_site(a, host, sizeof host)};
      td_place_result r;
      rc = td_place_article_dated(x->pl, &in, E, D.d, D.n, &r);
    }
  }
  if (rc == TD_OK && want_ex) rc = extract_stored(db, x, a, E, &D);
  td_entity_set_free(E);
  td_free(D.d);
  return rc;
}

/* --------------------------------------------------------- the read side */

/* A stored quote with its article, copied out of the store's row. */
typedef struct qrow {
  int64_t id, article, stmt, group, story;
  size_t start, end;
  char *text, *speaker, *speaker_kind, *cue, *kind, *url, *source, *date;
} qrow;

typedef struct qrows {
  qrow *v;
  size_t n, cap;
  int oom;
} qrows;

static void qrows_release(qrows *r) {
  for (size_t i = 0; i < r->n; i++) {
    qrow *q = &r->v[i];
    td_free(q->text);
    td_free(q->speaker);
    td_free(q->speaker_kind);
    td_free(q->cue);
    td_free(q->kind);
    td_free(q->url);
    td_free(q->source);
    td_free(q->date);
  }
  td_free(r->v);
  memset(r, 0, sizeof *r);
}

static int dup_or_null(char **dst, const char *s) {
  *dst = NULL;
  return s && !(*dst = td_strdup(s));
}

static int on_qrow(void *ctx, const td_store_quote *q) {
  qrows *r = ctx;
  if (r->n == r->cap) {
    size_t nc = r->cap ? r->cap * 2 : 64;
    qrow *v = td_realloc(r->v, nc * sizeof *v);
    if (!v) return r->oom = 1;
    r->v = v;
    r->cap = nc;
  }
  qrow *e = &r->v[r->n++];
  memset(e, 0, sizeof *e);
  e->id = q->id;
  e->article = q->article;
  e->stmt = q->stmt;
  e->group = q->group;
  e->story = q->story;
  e->start = q->start;
  e->end = q->end;
  if (dup_or_null(&e->text, q->text) | dup_or_null(&e->speaker, q->speaker) |
      dup_or_null(&e->speaker_kind, q->speaker_kind) | dup_or_null(&e->cue, q->cue) |
      dup_or_null(&e->kind, q->kind) | dup_or_null(&e->url, q->url) |
      dup_or_null(&e->source, q->source) | dup_or_null(&e->date, q->date))
    return r->oom = 1;
  return 0;
}

static int on_nitem(void *ctx, const td_store_entity *e) {
  nset *s = ctx;
  return nset_add(s, e->name, e->kind, e->aliases, e->roles, e->mentions, e->article);
}

/* The merged names of one story (story > 0), or of the whole store (0). */
typedef struct names {
  nset set;
  nmerged m;
  size_t *ord; /* items sorted by key, for lookups */
} names;

static void names_release(names *nm) {
  nmerged_release(&nm->m);
  nset_release(&nm->set);
  td_free(nm->ord);
  memset(nm, 0, sizeof *nm);
}

static int names_load(td *db, int64_t story, names *nm) {
  memset(nm, 0, sizeof *nm);
  int rc = db->vt->extract->entity_list(db->st, story, on_nitem, &nm->set);
  if (rc) return td_fail_store(db, rc);
  if (nm->set.oom || nmerged_build(&nm->set, &nm->m)) return td_fail(db, TD_ENOMEM, "out of memory");
  if (!(nm->ord = td_malloc((nm->set.n + 1) * sizeof *nm->ord)))
    return td_fail(db, TD_ENOMEM, "out of memory");
  for (size_t i = 0; i < nm->set.n; i++)
    nm->ord[i] = i;
  qsort_r(nm->ord, nm->set.n, sizeof *nm->ord, cmp_key, &nm->set);
  return TD_OK;
}

/* The merged name (group index) of `name` as article `article` wrote it,
** or (size_t)-1. An item of that article first, else any item. */
static size_t names_find(const names *nm, const char *name, int64_t article) {
  char *k = fold_key(name);
  if (!k) return (size_t)-1;
  size_t lo = 0, hi = nm->set.n, found = (size_t)-1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(nm->set.v[nm->ord[mid]].key, k) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < nm->set.n && !strcmp(nm->set.v[nm->ord[lo]].key, k); lo++) {
    size_t i = nm->ord[lo];
    if (found == (size_t)-1 || nm->set.v[i].article == article) found = i;
    if (nm->set.v[i].article == article) break;
  }
  td_free(k);
  return found == (size_t)-1 ? found : nm->m.gid[found];
}

/* The one person of the story whose titles include `desc` ("the Russian
** President" → "russian president"), or (size_t)-1 when none or several. */
static size_t names_describe(const names *nm, const char *desc) {
  if (!strncasecmp(desc, "the ", 4)) desc += 4;
  size_t dn = strlen(desc), found = (size_t)-1;
  for (size_t i = 0; i < nm->set.n; i++) {
    const nitem *it = &nm->set.v[i];
    if (!is_person(it)) continue;
    size_t k;
    json_t *r;
    json_array_foreach(it->roles, k, r) {
      const char *t = json_string_value(r);
      if (!t || !eq_nocase(t, strlen(t), desc, dn)) continue;
      size_t g = nm->m.gid[i];
      if (found != (size_t)-1 && found != g) return (size_t)-1;
      found = g;
    }
  }
  return found;
}

/* How a quote's speaker is reported: the merged canonical name. *g gets
** the merged name's index ((size_t)-1 when it has none). Borrowed. */
static const char *speaker_of(const names *nm, const qrow *q, size_t *g) {
  *g = (size_t)-1;
  if (!q->speaker) return NULL;
  if (nm) *g = q->speaker_kind ? names_find(nm, q->speaker, q->article) : names_describe(nm, q->speaker);
  if (*g == (size_t)-1) return q->speaker;
  return nm->set.v[nm->m.g[*g].canon].name;
}

/* Does the user's --speaker NAME name this speaker: any of its names,
** case ignored, or its surname. */
static int speaker_matches(const names *nm, size_t g, const char *reported, const char *want) {
  if (!reported) return 0;
  size_t wn = strlen(want);
  if (eq_nocase(reported, strlen(reported), want, wn)) return 1;
  int person = 0;
  if (g != (size_t)-1) {
    const ngroup *ng = &nm->m.g[g];
    person = !strcmp(ng->kind, "person");
    if (json_has_nocase(ng->aliases, want)) return 1;
  }
  return names_one(want, reported, person);
}

static int member_found(void *arg, const td_place_member *m) {
  (void)m;
  *(int *)arg = 1;
  return 1; /* one is enough */
}

/* TD_OK when story *story exists, else TD_ENOTFOUND with the message set.
** The id of a story that went into another (place.h, merge_singletons) is
** an alias: *story becomes the story it went into. */
static int story_check(td *db, int64_t *story) {
  const td_place_backend *be = db->vt->place;
  int found = 0, rc = td_story_resolve(db, story);
  if (rc) return rc;
  if (be && be->members) {
    rc = be->members(db->st, *story, member_found, &found);
    if (rc) return td_fail_store(db, rc);
  }
  return found ? TD_OK : td_fail(db, TD_ENOTFOUND, "no story %lld", (long long)*story);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Quotes of one story (story > 0) or of all, in rows. */
static int load_quotes(td *db, int64_t story, qrows *r) {
  memset(r, 0, sizeof *r);
  int rc = db->vt->extract->quote_list(db->st, story, on_qrow, r);
  if (rc) return td_fail_store(db, rc);
  if (r->oom) return td_fail(db, TD_ENOMEM, "out of memory");
  return TD_OK;
}

/* One quote of the lists, with its speaker as reported. */
static json_t *quote_item(const qrow *q, const char *who) {
  return json_pack("{s:I, s:o, s:I, s:I, s:o, s:o, s:o, s:I, s:o, s:o, s:o, s:o}", "article",
                   (json_int_t)q->article, "url", str_or_null(q->url), "start",
                   (json_int_t)q->start, "end", (json_int_t)q->end, "text", str_or_null(q->text),
                   "speaker", str_or_null(who), "cue", str_or_null(q->cue), "group",
                   (json_int_t)q->group, "kind", str_or_null(q->kind), "story",
                   q->story ? json_integer(q->story) : json_null(), "source",
                   str_or_null(q->source), "date", str_or_null(q->date));
}

/* td_quotes_json's list as an array (*arr_out, owned), after the checks. */
static int quotes_arr(td *db, int64_t story, const char *speaker, json_t **arr_out) {
  *arr_out = NULL;
  td_clear_error(db);
  if (!db->vt->extract) return td_fail(db, TD_EINTERNAL, "this store keeps no quotes");
  if (story < 0) return td_fail(db, TD_EUSAGE, "a story id is a positive number");
  if (speaker && !*speaker) speaker = NULL;
  int rc;
  if (story > 0 && (rc = story_check(db, &story))) return rc;
  qrows R;
  if ((rc = load_quotes(db, story, &R))) {
    qrows_release(&R);
    return rc;
  }
  json_t *arr = json_array();
  int oom = !arr;
  names nm;
  memset(&nm, 0, sizeof nm);
  int64_t loaded = -1; /* the story whose names nm holds */
  for (size_t i = 0; i < R.n && !oom && !rc; i++) {
    const qrow *q = &R.v[i];
    if (q->story && q->story != loaded) {
      names_release(&nm);
      if ((rc = names_load(db, q->story, &nm))) break;
      loaded = q->story;
    }
    size_t g;
    const char *who = speaker_of(q->story ? &nm : NULL, q, &g);
    if (speaker && !speaker_matches(q->story ? &nm : NULL, g, who, speaker)) continue;
    json_t *o = quote_item(q, who);
    if (!o || json_array_append_new(arr, o)) oom = 1;
  }
  names_release(&nm);
  qrows_release(&R);
  if (rc || oom) {
    json_decref(arr);
    return rc ? rc : td_fail(db, TD_ENOMEM, "out of memory");
  }
  *arr_out = arr;
  return TD_OK;
}

int td_quotes_json(td *db, int64_t story, const char *speaker, char **json_out) {
  *json_out = NULL;
  json_t *arr;
  int rc = quotes_arr(db, story, speaker, &arr);
  if (rc) return rc;
  return td_emit_json(db, json_pack("{s:o}", "quotes", arr), json_out);
}

static int cmp_group_rank(const void *x, const void *y, void *arg) {
  const nmerged *m = arg;
  const ngroup *a = &m->g[*(const size_t *)x], *b = &m->g[*(const size_t *)y];
  if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
  if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
  return a->canon < b->canon ? -1 : a->canon > b->canon;
}

/* The merged names as [{"name","kind","aliases","mentions","articles"}],
** most mentioned first. */
static json_t *names_json(const names *nm) {
  json_t *arr = json_array();
  size_t *ord = td_malloc((nm->m.n + 1) * sizeof *ord);
  if (!arr || !ord) {
    json_decref(arr);
    td_free(ord);
    return NULL;
  }
  for (size_t g = 0; g < nm->m.n; g++)
    ord[g] = g;
  qsort_r(ord, nm->m.n, sizeof *ord, cmp_group_rank, (void *)&nm->m);
  for (size_t k = 0; k < nm->m.n; k++) {
    const ngroup *g = &nm->m.g[ord[k]];
    json_t *o = json_pack("{s:s, s:s, s:O, s:I, s:I}", "name", nm->set.v[g->canon].name, "kind",
                          g->kind, "aliases", g->aliases, "mentions", (json_int_t)g->mentions,
                          "articles", (json_int_t)g->articles);
    if (!o || json_array_append_new(arr, o)) {
      json_decref(arr);
      arr = NULL;
      break;
    }
  }
  td_free(ord);
  return arr;
}

/* td_entities_json's list as an array (*arr_out, owned), after the checks. */
static int entities_arr(td *db, int64_t story, json_t **arr_out) {
  *arr_out = NULL;
  td_clear_error(db);
  if (!db->vt->extract) return td_fail(db, TD_EINTERNAL, "this store keeps no names");
  if (story < 0) return td_fail(db, TD_EUSAGE, "a story id is a positive number");
  int rc;
  if (story > 0 && (rc = story_check(db, &story))) return rc;
  names nm;
  if ((rc = names_load(db, story, &nm))) {
    names_release(&nm);
    return rc;
  }
  json_t *arr = names_json(&nm);
  names_release(&nm);
  if (!arr) return td_fail(db, TD_ENOMEM, "out of memory");
  *arr_out = arr;
  return TD_OK;
}

int td_entities_json(td *db, int64_t story, char **json_out) {
  *json_out = NULL;
  json_t *arr;
  int rc = entities_arr(db, story, &arr);
  if (rc) return rc;
  return td_emit_json(db, json_pack("{s:o}", "entities", arr), json_out);
}

/* ------------------------------------------------- paged lists */

#define PAGE_DEFAULT 100
/* Up to this many stored rows (quotes, or names), a whole-store page is cut
** from the exact list (story order, names merged across each story: about
** half a second at this size); above it, only the page is read in SQL. The
** handle's list_merge_max overrides it. */
#define MERGE_MAX_ROWS 20000

/* Is the whole-store list of this store small enough to build exactly? */
static int small_store(td *db, int entities, int *small) {
  *small = 1;
  if (db->vt->extract != &td_sqlite_extract) return TD_OK;
  long long max = db->list_merge_max ? db->list_merge_max : MERGE_MAX_ROWS, n = 0;
  int rc = td_sqlite_extract_rows(db->st, entities, &n);
  if (rc) return td_fail_store(db, rc);
  *small = n <= max;
  return TD_OK;
}

/* {key: page, "total", "offset", "limit"} emitted; takes `page`. */
static int emit_page(td *db, const char *key, json_t *page, long long total, long long offset,
                     long long limit, char **json_out) {
  if (!page) return td_fail(db, TD_ENOMEM, "out of memory");
  return td_emit_json(db,
                      json_pack("{s:o, s:I, s:I, s:I}", key, page, "total", (json_int_t)total,
                                "offset", (json_int_t)offset, "limit", (json_int_t)limit),
                      json_out);
}

/* A story's page: cut out of its whole list (stories are small). */
static int story_page(td *db, const char *key, json_t *all, long long offset, long long limit,
                      char **json_out) {
  json_t *page = json_array();
  size_t n = json_array_size(all);
  int oom = !page;
  for (size_t i = (size_t)offset; !oom && i < n && i - (size_t)offset < (size_t)limit; i++)
    if (json_array_append(page, json_array_get(all, i))) oom = 1;
  json_decref(all);
  if (oom) {
    json_decref(page);
    page = NULL;
  }
  return emit_page(db, key, page, (long long)n, offset, limit, json_out);
}

static int page_args(td *db, int64_t story, long long offset, long long *limit) {
  if (story < 0) return td_fail(db, TD_EUSAGE, "a story id is a positive number");
  if (offset < 0) return td_fail(db, TD_EUSAGE, "offset is a count (0 or more)");
  if (*limit <= 0) *limit = PAGE_DEFAULT;
  return TD_OK;
}

typedef struct qpage {
  json_t *arr;
  int oom;
} qpage;

static int on_qpage(void *ctx, const td_store_quote *q) {
  qpage *p = ctx;
  qrow r = {.article = q->article,
            .group = q->group,
            .story = q->story,
            .start = q->start,
            .end = q->end,
            .text = (char *)q->text,
            .cue = (char *)q->cue,
            .kind = (char *)q->kind,
            .url = (char *)q->url,
            .source = (char *)q->source,
            .date = (char *)q->date};
  json_t *o = quote_item(&r, q->speaker);
  if (!o || json_array_append_new(p->arr, o)) return p->oom = 1;
  return 0;
}

int td_quotes_page_json(td *db, int64_t story, const char *speaker, long long offset,
                        long long limit, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  int rc = page_args(db, story, offset, &limit);
  if (rc) return rc;
  if (speaker && !*speaker) speaker = NULL;
  int small = 1;
  if (!story && (rc = small_store(db, 0, &small))) return rc;
  if (story > 0 || small) {
    json_t *all;
    if ((rc = quotes_arr(db, story, speaker, &all))) return rc;
    return story_page(db, "quotes", all, offset, limit, json_out);
  }
  qpage p = {json_array(), 0};
  if (!p.arr) return td_fail(db, TD_ENOMEM, "out of memory");
  long long total = 0;
  rc = td_sqlite_quote_page(db->st, speaker, offset, limit, &total, on_qpage, &p);
  if (rc || p.oom) {
    json_decref(p.arr);
    return rc ? td_fail_store(db, rc) : td_fail(db, TD_ENOMEM, "out of memory");
  }
  return emit_page(db, "quotes", p.arr, total, offset, limit, json_out);
}

static int on_npage(void *ctx, const td_store_entity *e) {
  qpage *p = ctx;
  /* The group's other forms, in the order SQL gave them. */
  json_t *forms = json_loads(e->aliases ? e->aliases : "[]", 0, NULL), *al = json_array();
  size_t k;
  json_t *f;
  int oom = !al;
  json_array_foreach(forms, k, f) {
    const char *t = json_string_value(f);
    if (!oom && t && strcmp(t, e->name ? e->name : "") && json_array_append(al, f)) oom = 1;
  }
  json_decref(forms);
  json_t *o = oom ? NULL
                  : json_pack("{s:s, s:s, s:o, s:I, s:I}", "name", e->name ? e->name : "", "kind",
                              e->kind ? e->kind : "other", "aliases", al, "mentions",
                              (json_int_t)e->mentions, "articles", (json_int_t)e->article);
  if (!o) {
    if (oom) json_decref(al);
    return p->oom = 1;
  }
  if (json_array_append_new(p->arr, o)) return p->oom = 1;
  return 0;
}

int td_entities_page_json(td *db, int64_t story, long long offset, long long limit,
                          char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  int rc = page_args(db, story, offset, &limit);
  if (rc) return rc;
  int small = 1;
  if (!story && (rc = small_store(db, 1, &small))) return rc;
  if (story > 0 || small) {
    json_t *all;
    if ((rc = entities_arr(db, story, &all))) return rc;
    return story_page(db, "entities", all, offset, limit, json_out);
  }
  qpage p = {json_array(), 0};
  if (!p.arr) return td_fail(db, TD_ENOMEM, "out of memory");
  long long total = 0;
  rc = td_sqlite_entity_page(db->st, offset, limit, &total, on_npage, &p);
  if (rc || p.oom) {
    json_decref(p.arr);
    return rc ? td_fail_store(db, rc) : td_fail(db, TD_ENOMEM, "out of memory");
  }
  return emit_page(db, "entities", p.arr, total, offset, limit, json_out);
}

int td_quotes_story_add(td *db, int64_t story, json_t *doc) {
  if (!db->vt->extract) return TD_OK;
  qrows R;
  names nm;
  memset(&nm, 0, sizeof nm);
  int rc = load_quotes(db, story, &R);
  if (!rc) rc = names_load(db, story, &nm);
  if (rc) {
    qrows_release(&R);
    names_release(&nm);
    return rc;
  }
  /* Rows come earliest article first: a group's first row is the earliest
  ** outlet's wording, and its statement's parts make the group's text. */
  json_t *quotes = json_array(), *by_group = json_object(), *ents = names_json(&nm);
  int oom = !quotes || !by_group || !ents;
  for (size_t i = 0; i < R.n && !oom; i++) {
    const qrow *q = &R.v[i];
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)q->group);
    json_t *g = json_object_get(by_group, key);
    size_t gi;
    const char *who = speaker_of(&nm, q, &gi);
    if (!g) {
      g = json_pack("{s:I, s:o, s:s, s:I, s:[]}", "group", (json_int_t)q->group, "speaker",
                    str_or_null(who), "text", q->text ? q->text : "", "stmt",
                    (json_int_t)q->stmt, "variants");
      if (!g || json_array_append_new(quotes, g) || json_object_set(by_group, key, g)) {
        oom = 1;
        break;
      }
    } else {
      /* The first variant's other parts extend the text; a later speaker
      ** fills one the earliest wording did not name. */
      json_t *st = json_object_get(g, "stmt");
      if (json_integer_value(st) == q->stmt) {
        td_buf b = TD_BUF_INIT;
        if (td_buf_puts(&b, json_string_value(json_object_get(g, "text"))) ||
            td_buf_puts(&b, " … ") || td_buf_puts(&b, q->text ? q->text : "") ||
            json_object_set_new(g, "text", json_string(b.ptr)))
          oom = 1;
        td_buf_release(&b);
      }
      if (who && json_is_null(json_object_get(g, "speaker")) &&
          json_object_set_new(g, "speaker", json_string(who)))
        oom = 1;
    }
    json_t *v = json_pack("{s:I, s:s, s:I, s:I}", "article", (json_int_t)q->article, "text",
                          q->text ? q->text : "", "start", (json_int_t)q->start, "end",
                          (json_int_t)q->end);
    if (!v || json_array_append_new(json_object_get(g, "variants"), v)) oom = 1;
  }
  size_t k;
  json_t *g;
  json_array_foreach(quotes, k, g) json_object_del(g, "stmt");
  json_decref(by_group);
  names_release(&nm);
  qrows_release(&R);
  if (oom) {
    json_decref(quotes);
    json_decref(ents);
    return td_fail(db, TD_ENOMEM, "out of memory");
  }
  /* The _new setters take the reference even when they fail. */
  if (json_object_set_new(doc, "quotes", quotes) | json_object_set_new(doc, "entities", ents))
    return td_fail(db, TD_ENOMEM, "out of memory");
  return TD_OK;
}
