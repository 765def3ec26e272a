/*
** place_mem.c — the place stage's state in memory (see place.h), for the
** evaluation harness and the benchmarks, where a store would only measure
** SQLite. Same contract as the SQLite backend: bounded postings (most
** recent ids kept), stories and articles by id.
**
** Hash maps are open addressing with linear probing over 64-bit keys that
** are already hashes; key 0 is mapped to 1 (it cannot be told from an empty
** slot, and one collision in 2^64 changes nothing). A posting holds one id
** inline and spills to an array only when a key is shared, as most keys
** (band keys, sentences) belong to one article. A merged story is an alias
** of the story it went into, resolved on every read.
*/
#include "place/place.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>

typedef struct map {
  uint64_t *keys;
  uint32_t *vals;
  size_t n, mask; /* mask + 1 slots, 0 when empty */
} map;

static int map_grow(map *m) {
  size_t slots = m->mask ? (m->mask + 1) * 2 : 1024;
  uint64_t *k = td_calloc(slots, sizeof *k);
  uint32_t *v = td_malloc(slots * sizeof *v);
  if (!k || !v) {
    td_free(k);
    td_free(v);
    return TD_ENOMEM;
  }
  for (size_t i = 0; m->mask && i <= m->mask; i++) {
    if (!m->keys[i]) continue;
    size_t j = m->keys[i] & (slots - 1);
    while (k[j]) j = (j + 1) & (slots - 1);
    k[j] = m->keys[i];
    v[j] = m->vals[i];
  }
  td_free(m->keys);
  td_free(m->vals);
  m->keys = k;
  m->vals = v;
  m->mask = slots - 1;
  return TD_OK;
}

/* Slot of key, or NULL when absent. */
static uint32_t *map_find(const map *m, uint64_t key) {
  if (!m->mask) return NULL;
  if (!key) key = 1;
  for (size_t j = key & m->mask;; j = (j + 1) & m->mask) {
    if (m->keys[j] == key) return &m->vals[j];
    if (!m->keys[j]) return NULL;
  }
}

/* Slot of key, made (value `init`) when absent; NULL on OOM. */
static uint32_t *map_put(map *m, uint64_t key, uint32_t init, int *made) {
  if (!key) key = 1;
  *made = 0;
  uint32_t *v = map_find(m, key);
  if (v) return v;
  if ((m->n + 1) * 2 > m->mask + 1 && map_grow(m)) return NULL;
  size_t j = key & m->mask;
  while (m->keys[j]) j = (j + 1) & m->mask;
  m->keys[j] = key;
  m->vals[j] = init;
  m->n++;
  *made = 1;
  return &m->vals[j];
}

static void map_release(map *m) {
  td_free(m->keys);
  td_free(m->vals);
  memset(m, 0, sizeof *m);
}

typedef struct posting {
  int64_t one;   /* the only id while n == 1 */
  int64_t *more; /* all ids, oldest first, once n > 1 */
  uint16_t n, cap;
} posting;

typedef struct postings {
  map index; /* key → index into v */
  posting *v;
  size_t n, alloc;
  uint16_t keep;
} postings;

static int postings_add(postings *p, uint64_t key, int64_t id) {
  int made;
  if (p->n == p->alloc) { /* room first, so a failure leaves nothing half made */
    size_t na = p->alloc ? p->alloc * 2 : 1024;
    posting *v = td_realloc(p->v, na * sizeof *v);
    if (!v) return TD_ENOMEM;
    p->v = v;
    p->alloc = na;
  }
  uint32_t *slot = map_put(&p->index, key, (uint32_t)p->n, &made);
  if (!slot) return TD_ENOMEM;
  if (made) {
    p->v[p->n++] = (posting){id, NULL, 1, 0};
    return TD_OK;
  }
  posting *q = &p->v[*slot];
  if (q->n == 1) {
    if (q->one == id) return TD_OK;
    q->more = td_malloc(4 * sizeof *q->more);
    if (!q->more) return TD_ENOMEM;
    q->more[0] = q->one;
    q->cap = 4;
  }
  /* Already there: move it to the recent end. */
  for (uint16_t i = 0; i < q->n; i++) {
    if (q->more[i] == id) {
      memmove(q->more + i, q->more + i + 1, (size_t)(q->n - i - 1) * sizeof *q->more);
      q->more[q->n - 1] = id;
      return TD_OK;
    }
  }
  if (q->n == p->keep) { /* full: forget the oldest */
    memmove(q->more, q->more + 1, (size_t)(q->n - 1) * sizeof *q->more);
    q->more[q->n - 1] = id;
    return TD_OK;
  }
  if (q->n == q->cap) {
    uint16_t nc = (uint16_t)(q->cap * 2 > p->keep ? p->keep : q->cap * 2);
    int64_t *m = td_realloc(q->more, nc * sizeof *m);
    if (!m) return TD_ENOMEM;
    q->more = m;
    q->cap = nc;
  }
  q->more[q->n++] = id;
  return TD_OK;
}

static void postings_get(const postings *p, uint64_t key, int64_t *ids, size_t cap, size_t *n) {
  *n = 0;
  uint32_t *slot = map_find(&p->index, key);
  if (!slot || *slot >= p->n) return;
  const posting *q = &p->v[*slot];
  if (q->n == 1) {
    if (cap) ids[(*n)++] = q->one;
    return;
  }
  for (int i = q->n - 1; i >= 0 && *n < cap; i--) ids[(*n)++] = q->more[i];
}

static void postings_release(postings *p) {
  for (size_t i = 0; i < p->n; i++) td_free(p->v[i].more);
  td_free(p->v);
  map_release(&p->index);
}

typedef struct mart {
  td_place_art a;
  double similarity, containment;
} mart;

struct td_place_mem {
  map df;
  uint64_t ndocs;
  postings story_post, copy_post;
  td_place_story *stories; /* by id - 1 */
  size_t nstories, astories;
  map art_index; /* article id → index into arts */
  mart *arts;
  size_t narts, aarts;
  int64_t *alias; /* by id - 1: the story a merged story went into, 0 = live */
  size_t nalias;
};

td_place_mem *td_place_mem_new(void) {
  td_place_mem *m = td_calloc(1, sizeof *m);
  if (!m) return NULL;
  m->story_post.keep = TD_PLACE_POSTING;
  m->copy_post.keep = 16;
  return m;
}

void td_place_mem_free(td_place_mem *m) {
  if (!m) return;
  map_release(&m->df);
  postings_release(&m->story_post);
  postings_release(&m->copy_post);
  for (size_t i = 0; i < m->nstories; i++) td_place_story_release(&m->stories[i]);
  td_free(m->stories);
  td_free(m->alias);
  for (size_t i = 0; i < m->narts; i++) td_free(m->arts[i].a.sent);
  td_free(m->arts);
  map_release(&m->art_index);
  td_free(m);
}

size_t td_place_mem_bytes(const td_place_mem *m) {
  size_t b = sizeof *m;
  b += (m->df.mask + 1) * 12 + (m->art_index.mask + 1) * 12;
  const postings *ps[2] = {&m->story_post, &m->copy_post};
  for (int i = 0; i < 2; i++) {
    b += (ps[i]->index.mask + 1) * 12 + ps[i]->alloc * sizeof(posting);
    for (size_t j = 0; j < ps[i]->n; j++) b += ps[i]->v[j].cap * sizeof(int64_t);
  }
  b += m->astories * sizeof *m->stories;
  for (size_t i = 0; i < m->nstories; i++)
    b += (m->stories[i].terms.n + m->stories[i].names.n) * 12;
  b += m->aarts * sizeof *m->arts;
  for (size_t i = 0; i < m->narts; i++) b += m->arts[i].a.nsent * 8;
  return b;
}

static int mem_df_get(void *ctx, const uint64_t *keys, size_t n, uint32_t *df, uint64_t *ndocs) {
  td_place_mem *m = ctx;
  for (size_t i = 0; i < n; i++) {
    uint32_t *v = map_find(&m->df, keys[i]);
    df[i] = v ? *v : 0;
  }
  *ndocs = m->ndocs;
  return TD_OK;
}

static int mem_df_add(void *ctx, const uint64_t *keys, size_t n) {
  td_place_mem *m = ctx;
  for (size_t i = 0; i < n; i++) {
    int made;
    uint32_t *v = map_put(&m->df, keys[i], 0, &made);
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
  td_place_story_release(&m->stories[from - 1]); /* its sums are into's now */
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

static int mem_story_get(void *ctx, int64_t id, td_place_story *s) {
  td_place_mem *m = ctx;
  id = td_place_mem_resolve(m, id);
  if (id < 1 || (size_t)id > m->nstories) return TD_ENOTFOUND;
  *s = m->stories[id - 1];
  s->terms = s->names = (td_place_vec){0};
  if (vec_copy(&s->terms, &m->stories[id - 1].terms) ||
      vec_copy(&s->names, &m->stories[id - 1].names)) {
    td_place_story_release(s);
    return TD_ENOMEM;
  }
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
      m->astories = na;
    }
    memset(&m->stories[m->nstories], 0, sizeof *m->stories);
    s->id = (int64_t)++m->nstories;
    if (!s->thread) s->thread = s->id;
  }
  td_place_story *d = &m->stories[s->id - 1];
  td_place_vec t, n;
  if (vec_copy(&t, &s->terms)) return TD_ENOMEM;
  if (vec_copy(&n, &s->names)) {
    td_free(t.key);
    td_free(t.w);
    return TD_ENOMEM;
  }
  td_place_story_release(d);
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
  uint32_t *i = map_find(&m->art_index, (uint64_t)id);
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
  uint64_t *sent = td_malloc((a->nsent ? a->nsent : 1) * sizeof *sent);
  if (!sent) return TD_ENOMEM;
  if (a->nsent) memcpy(sent, a->sent, a->nsent * sizeof *sent);
  uint32_t *i = map_put(&m->art_index, (uint64_t)a->id, (uint32_t)m->narts, &made);
  if (!i) {
    td_free(sent);
    return TD_ENOMEM;
  }
  mart *d = &m->arts[*i];
  if (made)
    m->narts++;
  else
    td_free(d->a.sent);
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

int64_t td_place_mem_copy_of(const td_place_mem *m, int64_t id) {
  uint32_t *i = map_find(&m->art_index, (uint64_t)id);
  return i ? m->arts[*i].a.copy_of : 0;
}

const td_place_backend td_place_mem_backend = {
    .df_get = mem_df_get,
    .df_add = mem_df_add,
    .story_postings = mem_story_postings,
    .story_post = mem_story_post,
    .story_get = mem_story_get,
    .story_put = mem_story_put,
    .copy_postings = mem_copy_postings,
    .copy_post = mem_copy_post,
    .art_get = mem_art_get,
    .art_put = mem_art_put,
    .art_reroot = mem_art_reroot,
    .explain_put = NULL,
    .story_merge = mem_story_merge,
};
