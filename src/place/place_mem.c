/*
** place_mem.c — the place stage's state in memory (see place.h), for the
** evaluation harness and the benchmarks, where a store would only measure
** SQLite. Same contract as the SQLite backend: bounded postings (most
** recent ids kept), stories and articles by id.
**
** Hash maps are open addressing with linear probing over 64-bit keys that
** are already hashes; key 0 is mapped to 1 (it cannot be told from an empty
** slot, and one collision in 2^64 changes nothing). A slot holds its key and
** its value side by side, so a lookup in a map far larger than the caches
** (the copy postings grow by ~40 keys an article) costs one miss, not one
** for the key and one for the value. A posting keeps its one id in the slot
** itself and spills to an array only when a key is shared, as most keys
** (band keys, sentences) belong to one article. A story's four vectors live
** in one block, so scoring a candidate reads one run of memory, and
** story_view lends them without a copy. A merged story is an alias of the
** story it went into, resolved on every read.
*/
#include "place/place.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>

typedef struct slot {
  uint64_t key; /* 0 = empty */
  uint64_t val;
} slot;

typedef struct map {
  slot *s;
  size_t n, mask; /* mask + 1 slots, 0 when empty */
} map;

static int map_grow(map *m) {
  size_t slots = m->mask ? (m->mask + 1) * 2 : 1024;
  slot *t = td_calloc(slots, sizeof *t);
  if (!t) return TD_ENOMEM;
  for (size_t i = 0; m->mask && i <= m->mask; i++) {
    if (!m->s[i].key) continue;
    size_t j = m->s[i].key & (slots - 1);
    while (t[j].key) j = (j + 1) & (slots - 1);
    t[j] = m->s[i];
  }
  td_free(m->s);
  m->s = t;
  m->mask = slots - 1;
  return TD_OK;
}

/* Value of key, or NULL when absent. */
static uint64_t *map_find(const map *m, uint64_t key) {
  if (!m->mask) return NULL;
  if (!key) key = 1;
  for (size_t j = key & m->mask;; j = (j + 1) & m->mask) {
    if (m->s[j].key == key) return &m->s[j].val;
    if (!m->s[j].key) return NULL;
  }
}

/* Value of key, made (value `init`) when absent; NULL on OOM. */
static uint64_t *map_put(map *m, uint64_t key, uint64_t init, int *made) {
  if (!key) key = 1;
  *made = 0;
  uint64_t *v = map_find(m, key);
  if (v) return v;
  if ((m->n + 1) * 2 > m->mask + 1 && map_grow(m)) return NULL;
  size_t j = key & m->mask;
  while (m->s[j].key) j = (j + 1) & m->mask;
  m->s[j] = (slot){key, init};
  m->n++;
  *made = 1;
  return &m->s[j].val;
}

static void map_release(map *m) {
  td_free(m->s);
  memset(m, 0, sizeof *m);
}

/* The store's small long-lived pieces (a story's block, a posting's ids,
** an article's sentence keys) come from slabs of their own, by size class
** of 16 bytes with a free list each, not from malloc among the per-article
** scratch of the other stages: there each one would leave holes in a heap
** that grows with the store, and malloc would hand those scattered holes
** out again, one cache miss each, for every small string of every later
** article (a cost per article that grows with the store). */
#define POOL_SLAB ((size_t)1 << 20)
#define POOL_MAX 4096 /* larger pieces go to td_malloc (none in practice) */

typedef struct pool {
  char *cur; /* free bytes of the newest slab */
  size_t left;
  void **slabs;
  size_t nslabs, aslabs;
  void *free[POOL_MAX / 16]; /* by class (bytes / 16 - 1), linked through their first word */
} pool;

static size_t pool_round(size_t bytes) { return bytes ? (bytes + 15) & ~(size_t)15 : 16; }

static void *pool_alloc(pool *p, size_t bytes) {
  bytes = pool_round(bytes);
  if (bytes > POOL_MAX) return td_malloc(bytes);
  void **fl = &p->free[bytes / 16 - 1];
  if (*fl) {
    void *x = *fl;
    memcpy(fl, x, sizeof *fl);
    return x;
  }
  if (p->left < bytes) {
    if (p->nslabs == p->aslabs) {
      size_t na = p->aslabs ? p->aslabs * 2 : 64;
      void **v = td_realloc(p->slabs, na * sizeof *v);
      if (!v) return NULL;
      p->slabs = v;
      p->aslabs = na;
    }
    char *slab = td_malloc(POOL_SLAB); /* the rest of the last one stays unused */
    if (!slab) return NULL;
    p->slabs[p->nslabs++] = slab;
    p->cur = slab;
    p->left = POOL_SLAB;
  }
  void *x = p->cur;
  p->cur += bytes;
  p->left -= bytes;
  return x;
}

/* x (NULL accepted) of the size it was asked with. */
static void pool_free(pool *p, void *x, size_t bytes) {
  if (!x) return;
  bytes = pool_round(bytes);
  if (bytes > POOL_MAX) {
    td_free(x);
    return;
  }
  void **fl = &p->free[bytes / 16 - 1];
  memcpy(x, fl, sizeof *fl);
  *fl = x;
}

static void pool_release(pool *p) {
  for (size_t i = 0; i < p->nslabs; i++) td_free(p->slabs[i]);
  td_free(p->slabs);
  memset(p, 0, sizeof *p);
}

/* A posting's value in its slot: the id itself while the key has one id
** (ids are positive), else SPILL | the index of its array in `spill`. */
#define SPILL (1ULL << 63)

typedef struct spill {
  int64_t *ids; /* oldest first */
  uint16_t n, cap;
} spill;

typedef struct postings {
  pool *pool; /* of the ids arrays */
  map index;  /* key → id, or SPILL | index into v */
  spill *v;
  size_t n, alloc;
  uint16_t keep;
} postings;

static int postings_add(postings *p, uint64_t key, int64_t id) {
  int made;
  if (p->n == p->alloc) { /* room first, so a failure leaves nothing half made */
    size_t na = p->alloc ? p->alloc * 2 : 1024;
    spill *v = td_realloc(p->v, na * sizeof *v);
    if (!v) return TD_ENOMEM;
    p->v = v;
    p->alloc = na;
  }
  int inline_ok = id > 0;
  uint64_t *val = map_put(&p->index, key, inline_ok ? (uint64_t)id : SPILL | p->n, &made);
  if (!val) return TD_ENOMEM;
  if (made) {
    if (inline_ok) return TD_OK;
    int64_t *ids = pool_alloc(p->pool, 4 * sizeof *ids);
    if (!ids) {
      *val = SPILL | p->n; /* an empty posting: nothing lost but this id */
      p->v[p->n++] = (spill){NULL, 0, 0};
      return TD_ENOMEM;
    }
    ids[0] = id;
    p->v[p->n++] = (spill){ids, 1, 4};
    return TD_OK;
  }
  if (!(*val & SPILL)) {
    if ((int64_t)*val == id) return TD_OK;
    int64_t *ids = pool_alloc(p->pool, 4 * sizeof *ids);
    if (!ids) return TD_ENOMEM;
    ids[0] = (int64_t)*val;
    p->v[p->n] = (spill){ids, 1, 4};
    *val = SPILL | p->n++;
  }
  spill *q = &p->v[*val & ~SPILL];
  /* Already there: move it to the recent end. */
  for (uint16_t i = 0; i < q->n; i++) {
    if (q->ids[i] == id) {
      memmove(q->ids + i, q->ids + i + 1, (size_t)(q->n - i - 1) * sizeof *q->ids);
      q->ids[q->n - 1] = id;
      return TD_OK;
    }
  }
  if (q->n == p->keep) { /* full: forget the oldest */
    memmove(q->ids, q->ids + 1, (size_t)(q->n - 1) * sizeof *q->ids);
    q->ids[q->n - 1] = id;
    return TD_OK;
  }
  if (q->n == q->cap) {
    uint16_t nc = (uint16_t)(q->cap * 2 > p->keep ? p->keep : q->cap * 2);
    if (nc < 4) nc = 4;
    int64_t *m = pool_alloc(p->pool, nc * sizeof *m);
    if (!m) return TD_ENOMEM;
    memcpy(m, q->ids, q->n * sizeof *m);
    pool_free(p->pool, q->ids, q->cap * sizeof *m);
    q->ids = m;
    q->cap = nc;
  }
  q->ids[q->n++] = id;
  return TD_OK;
}

static void postings_get(const postings *p, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  *n = 0;
  const uint64_t *val = map_find(&p->index, key);
  if (!val) return;
  if (!(*val & SPILL)) {
    if (cap) ids[(*n)++] = (int64_t)*val;
    return;
  }
  if ((*val & ~SPILL) >= p->n) return;
  const spill *q = &p->v[*val & ~SPILL];
  for (int i = q->n - 1; i >= 0 && *n < cap; i--) ids[(*n)++] = q->ids[i];
}

static void postings_release(postings *p) { /* the ids go with the pool */
  td_free(p->v);
  map_release(&p->index);
}

typedef struct mart {
  td_place_art a;
  double similarity, containment;
} mart;

struct td_place_mem {
  pool pool; /* story blocks, postings' ids, articles' sentence keys */
  map df;
  uint64_t ndocs;
  postings story_post, copy_post;
  td_place_story *stories; /* by id - 1; vectors in one block (story_block) */
  uint32_t *bcap;          /* by id - 1: entries the story's block holds */
  size_t nstories, astories;
  map art_index; /* article id → index into arts */
  mart *arts;
  size_t narts, aarts;
  int64_t *alias; /* by id - 1: the story a merged story went into, 0 = live */
  size_t nalias;
};

/* A stored story's vectors: one block, its base at terms.key (allocated
** even when both are empty), laid out terms.key, names.key, then from
** entry `bcap` on terms.w, names.w, so that a candidate's keys and then its
** weights are read as runs of memory. A story's block is rewritten in place
** while the story fits it: sums only grow until they reach their caps
** (TD_PLACE_STORY_TERMS, _NAMES), so after its first few articles a story
** no longer frees and allocates a block per article, which would leave the
** heap ever more fragmented as the store grows. */
static void story_free(td_place_mem *m, size_t i) {
  pool_free(&m->pool, m->stories[i].terms.key, m->bcap[i] * (sizeof(uint64_t) + sizeof(float)));
  m->stories[i].terms = m->stories[i].names = (td_place_vec){0};
  m->bcap[i] = 0;
}

/* Story i's vectors := copies of t and n (not views of its own block). */
static int story_block(td_place_mem *m, size_t i, const td_place_vec *t, const td_place_vec *n) {
  td_place_story *d = &m->stories[i];
  size_t nk = (size_t)t->n + n->n, cap = m->bcap[i], ocap = cap;
  uint64_t *k = d->terms.key, *old = NULL;
  if (!k || nk > cap || t->key == d->terms.key || n->key == d->names.key) {
    cap = nk ? nk : 1;
    old = k;
    k = pool_alloc(&m->pool, cap * (sizeof(uint64_t) + sizeof(float)));
    if (!k) return TD_ENOMEM;
  }
  float *w = (float *)(void *)(k + cap);
  d->terms = (td_place_vec){k, w, t->n};
  d->names = (td_place_vec){k + t->n, w + t->n, n->n};
  if (t->n) {
    memcpy(d->terms.key, t->key, t->n * sizeof *t->key);
    memcpy(d->terms.w, t->w, t->n * sizeof *t->w);
  }
  if (n->n) {
    memcpy(d->names.key, n->key, n->n * sizeof *n->key);
    memcpy(d->names.w, n->w, n->n * sizeof *n->w);
  }
  m->bcap[i] = (uint32_t)cap;
  pool_free(&m->pool, old, ocap * (sizeof(uint64_t) + sizeof(float)));
  return TD_OK;
}

td_place_mem *td_place_mem_new(void) {
  td_place_mem *m = td_calloc(1, sizeof *m);
  if (!m) return NULL;
  m->story_post.keep = TD_PLACE_POSTING;
  m->copy_post.keep = 16;
  m->story_post.pool = m->copy_post.pool = &m->pool;
  return m;
}

void td_place_mem_free(td_place_mem *m) {
  if (!m) return;
  map_release(&m->df);
  postings_release(&m->story_post);
  postings_release(&m->copy_post);
  td_free(m->stories);
  td_free(m->bcap);
  td_free(m->alias);
  td_free(m->arts);
  map_release(&m->art_index);
  pool_release(&m->pool);
  td_free(m);
}

size_t td_place_mem_bytes(const td_place_mem *m) {
  size_t b = sizeof *m;
  b += (m->df.mask + 1) * sizeof(slot) + (m->art_index.mask + 1) * sizeof(slot);
  const postings *ps[2] = {&m->story_post, &m->copy_post};
  for (int i = 0; i < 2; i++) {
    b += (ps[i]->index.mask + 1) * sizeof(slot) + ps[i]->alloc * sizeof(spill);
  }
  b += m->astories * (sizeof *m->stories + sizeof *m->bcap) + m->nalias * sizeof *m->alias;
  b += m->aarts * sizeof *m->arts;
  b += m->pool.nslabs * POOL_SLAB + m->pool.aslabs * sizeof(void *); /* blocks, ids, sentences */
  return b;
}

static int mem_df_get(void *ctx, const uint64_t *keys, size_t n, uint32_t *df, uint64_t *ndocs) {
  td_place_mem *m = ctx;
  for (size_t i = 0; i < n; i++) {
    const uint64_t *v = map_find(&m->df, keys[i]);
    df[i] = v ? (uint32_t)*v : 0;
  }
  *ndocs = m->ndocs;
  return TD_OK;
}

static int mem_df_add(void *ctx, const uint64_t *keys, size_t n) {
  td_place_mem *m = ctx;
  for (size_t i = 0; i < n; i++) {
    int made;
    uint64_t *v = map_put(&m->df, keys[i], 0, &made);
    if (!v) return TD_ENOMEM;
    (*v)++;
  }
  m->ndocs++;
  return TD_OK;
}

int64_t td_place_mem_resolve(const td_place_mem *m, int64_t id) {
  while (id >= 1 && (size_t)id <= m->nalias && m->alias[id - 1]) id = m->alias[id - 1];
  return id;
}

/* A merged story's postings stand for the story it went into (a story met
** twice counts twice in place/'s candidate ranking, as if it had been
** posted under the key twice). */
static int mem_story_postings(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  td_place_mem *m = ctx;
  postings_get(&m->story_post, key, ids, cap, n);
  for (size_t i = 0; m->nalias && i < *n; i++) ids[i] = td_place_mem_resolve(m, ids[i]);
  return TD_OK;
}

static int mem_story_merge(void *ctx, int64_t from, int64_t into) {
  td_place_mem *m = ctx;
  if (from < 1 || (size_t)from > m->nstories || td_place_mem_resolve(m, into) == from)
    return TD_EINTERNAL;
  if ((size_t)from > m->nalias) {
    size_t na = m->nstories + 256;
    int64_t *v = td_realloc(m->alias, na * sizeof *v);
    if (!v) return TD_ENOMEM;
    memset(v + m->nalias, 0, (na - m->nalias) * sizeof *v);
    m->alias = v;
    m->nalias = na;
  }
  m->alias[from - 1] = into;
  story_free(m, (size_t)from - 1); /* its sums are into's now */
  return TD_OK;
}

static int mem_story_post(void *ctx, uint64_t key, int64_t story) {
  return postings_add(&((td_place_mem *)ctx)->story_post, key, story);
}

static int vec_copy(td_place_vec *d, const td_place_vec *s) {
  d->n = s->n;
  d->key = td_malloc((s->n ? s->n : 1) * sizeof *d->key);
  d->w = td_malloc((s->n ? s->n : 1) * sizeof *d->w);
  if (!d->key || !d->w) {
    td_free(d->key);
    td_free(d->w);
    *d = (td_place_vec){0};
    return TD_ENOMEM;
  }
  if (s->n) {
    memcpy(d->key, s->key, s->n * sizeof *d->key);
    memcpy(d->w, s->w, s->n * sizeof *d->w);
  }
  return TD_OK;
}

/* The stored story id stands for, or NULL. */
static const td_place_story *story_at(const td_place_mem *m, int64_t id) {
  id = td_place_mem_resolve(m, id);
  if (id < 1 || (size_t)id > m->nstories) return NULL;
  return &m->stories[id - 1];
}

static int mem_story_get(void *ctx, int64_t id, td_place_story *s) {
  const td_place_story *st = story_at(ctx, id);
  if (!st) return TD_ENOTFOUND;
  *s = *st;
  s->terms = s->names = (td_place_vec){0};
  if (vec_copy(&s->terms, &st->terms) || vec_copy(&s->names, &st->names)) {
    td_place_story_release(s);
    return TD_ENOMEM;
  }
  return TD_OK;
}

/* The stored story itself: its vectors stay where they are until the story
** is written or merged (a new story does not move them: each has its own
** block). */
static int mem_story_view(void *ctx, int64_t id, td_place_story *s) {
  const td_place_story *st = story_at(ctx, id);
  if (!st) return TD_ENOTFOUND;
  *s = *st;
  return TD_OK;
}

static int mem_story_put(void *ctx, td_place_story *s) {
  td_place_mem *m = ctx;
  if (s->id == 0) {
    if (m->nstories == m->astories) {
      size_t na = m->astories ? m->astories * 2 : 256;
      td_place_story *v = td_realloc(m->stories, na * sizeof *v);
      if (!v) return TD_ENOMEM;
      m->stories = v;
      uint32_t *c = td_realloc(m->bcap, na * sizeof *c);
      if (!c) return TD_ENOMEM; /* stories grown, bcap not: astories unchanged */
      m->bcap = c;
      m->astories = na;
    }
    memset(&m->stories[m->nstories], 0, sizeof *m->stories);
    m->bcap[m->nstories] = 0;
    s->id = (int64_t)++m->nstories;
    if (!s->thread) s->thread = s->id;
  }
  if (s->id < 1 || (size_t)s->id > m->nstories) return TD_EINTERNAL;
  td_place_story *d = &m->stories[s->id - 1];
  if (story_block(m, (size_t)s->id - 1, &s->terms, &s->names)) return TD_ENOMEM;
  td_place_vec t = d->terms, n = d->names;
  *d = *s;
  d->terms = t;
  d->names = n;
  return TD_OK;
}

static int mem_copy_postings(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  postings_get(&((td_place_mem *)ctx)->copy_post, key, ids, cap, n);
  return TD_OK;
}

static int mem_copy_post(void *ctx, uint64_t key, int64_t article) {
  return postings_add(&((td_place_mem *)ctx)->copy_post, key, article);
}

static int mem_art_get(void *ctx, int64_t id, td_place_art *a) {
  td_place_mem *m = ctx;
  const uint64_t *i = map_find(&m->art_index, (uint64_t)id);
  if (!i) return TD_ENOTFOUND;
  *a = m->arts[*i].a;
  a->sent = td_malloc((a->nsent ? a->nsent : 1) * sizeof *a->sent);
  if (!a->sent) return TD_ENOMEM;
  if (a->nsent) memcpy(a->sent, m->arts[*i].a.sent, a->nsent * sizeof *a->sent);
  return TD_OK;
}

static int mem_art_put(void *ctx, const td_place_art *a, double similarity, double containment) {
  td_place_mem *m = ctx;
  int made;
  if (m->narts == m->aarts) {
    size_t na = m->aarts ? m->aarts * 2 : 1024;
    mart *v = td_realloc(m->arts, na * sizeof *v);
    if (!v) return TD_ENOMEM;
    m->arts = v;
    m->aarts = na;
  }
  uint64_t *sent = pool_alloc(&m->pool, a->nsent * sizeof *sent);
  if (!sent) return TD_ENOMEM;
  if (a->nsent) memcpy(sent, a->sent, a->nsent * sizeof *sent);
  uint64_t *i = map_put(&m->art_index, (uint64_t)a->id, m->narts, &made);
  if (!i) {
    pool_free(&m->pool, sent, a->nsent * sizeof *sent);
    return TD_ENOMEM;
  }
  mart *d = &m->arts[*i];
  if (made)
    m->narts++;
  else
    pool_free(&m->pool, d->a.sent, d->a.nsent * sizeof *d->a.sent);
  d->a = *a;
  d->a.sent = sent;
  d->similarity = similarity;
  d->containment = containment;
  return TD_OK;
}

/* A scan: rerooting happens only when a fuller or older text arrives after
** its copy, rarely enough in a stream for the evaluation's sizes. */
static int mem_art_reroot(void *ctx, int64_t from, int64_t to, double similarity,
                          double containment) {
  td_place_mem *m = ctx;
  for (size_t i = 0; i < m->narts; i++) {
    mart *x = &m->arts[i];
    if (x->a.copy_of == from || x->a.id == from) {
      x->a.copy_of = to;
      if (x->a.id == from) {
        x->similarity = similarity;
        x->containment = containment;
      }
    }
  }
  return TD_OK;
}

/* A scan, as art_reroot: asked only before a group is relabelled. */
static int mem_copy_group(void *ctx, int64_t root, int64_t *ids, size_t cap, size_t *n) {
  td_place_mem *m = ctx;
  *n = 0;
  for (size_t i = 0; i < m->narts && *n < cap; i++)
    if (m->arts[i].a.copy_of == root) ids[(*n)++] = m->arts[i].a.id;
  return TD_OK;
}

int64_t td_place_mem_copy_of(const td_place_mem *m, int64_t id) {
  const uint64_t *i = map_find(&m->art_index, (uint64_t)id);
  return i ? m->arts[*i].a.copy_of : 0;
}

const td_place_backend td_place_mem_backend = {
    .df_get = mem_df_get,
    .df_add = mem_df_add,
    .story_postings = mem_story_postings,
    .story_post = mem_story_post,
    .story_get = mem_story_get,
    .story_view = mem_story_view,
    .story_put = mem_story_put,
    .copy_postings = mem_copy_postings,
    .copy_post = mem_copy_post,
    .art_get = mem_art_get,
    .art_put = mem_art_put,
    .art_reroot = mem_art_reroot,
    .explain_put = NULL,
    .story_merge = mem_story_merge,
    .copy_group = mem_copy_group,
};
