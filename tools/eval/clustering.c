/*
** clustering.c — the story-clustering and copy evaluation behind `make eval`.
**
**   clustering [--dev DIR] [--sweep] [--copies] [--join T] [--name-weight W]
**              [--sigma DAYS] [--average-link] [--dump FILE] [--details 0|1]
**              [--merge 0|1] [--reported-time 0|1] DIR
**
** DIR holds articles.jsonl ({id,title,date,text}) and gold.jsonl (either
** {id,event} per article, as ECB+, or {cluster,articles:[...]}, as NeuS).
** It places every article with the place stage (in memory: the store would
** only add SQLite's time), in file order and in two shuffled orders, and
** prints B-cubed precision, recall and F1 against the gold events, the
** number of stories, the B-cubed F1 between the orders (order robustness),
** the threads against the gold topics when the gold has them (ECB+: a
** topic is two events of one subject, such as two title defences of one
** boxer, which is what a thread links), ablations, and a baseline: plain TF-IDF cosine (stems, IDF over the whole
** set) with average-linkage clustering cut at one threshold. The baseline's
** threshold is picked on the --dev set (never on DIR's answers); the best
** threshold on DIR's answers is printed too, marked as a reference ceiling.
** --sweep prints F1 over a range of join thresholds (to pick on a dev set).
** --dump writes "id<TAB>story" of the file-order run for error analysis;
** COPY_DIAG=1 in the environment prints each missed copy with its measures.
** --copies builds a copy test set from DIR's real articles, copied the way
** outlets copy (lead-only trims, new headline, boilerplate lines, a changed
** paragraph), and reports copy recall, false copies between different
** articles of one event, and LSH recall against exact Jaccard.
*/
#include "article.h"
#include "clean/clean.h"
#include "fingerprint/fingerprint.h"
#include "place/features.h"
#include "place/place.h"
#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/isodate.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct art {
  char *id, *title, *text, *date;
  int gold;  /* gold cluster index */
  int topic; /* gold topic index (ECB+: the two events of a topic), -1 without */
} art;

typedef struct set {
  art *a;
  size_t n;
  int ngold, ntopics;
} set;

static char *jstr(json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

/* The index of label among the n labels seen so far, added when new; -1
** for no label. */
static int label_index(char ***labels, int *n, const char *label) {
  if (!label) return -1;
  for (int i = *n - 1; i >= 0; i--)
    if (!strcmp((*labels)[i], label)) return i;
  *labels = realloc(*labels, (size_t)(*n + 1) * sizeof **labels);
  (*labels)[*n] = strdup(label);
  return (*n)++;
}

static int load(const char *dir, set *s) {
  char path[4096];
  memset(s, 0, sizeof *s);
  snprintf(path, sizeof path, "%s/articles.jsonl", dir);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  char *line = NULL;
  size_t cap = 0, alloc = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o) continue;
    if (s->n == alloc) {
      alloc = alloc ? alloc * 2 : 1024;
      s->a = realloc(s->a, alloc * sizeof *s->a);
    }
    art *a = &s->a[s->n++];
    a->id = jstr(o, "id");
    a->title = jstr(o, "title");
    a->text = jstr(o, "text");
    if (!a->text) a->text = strdup("");
    char *d = jstr(o, "date");
    a->date = NULL;
    if (d) {
      char norm[21];
      if (td_isodate_parse(d, strlen(d), norm) == 0) a->date = strdup(norm);
      free(d);
    }
    a->gold = a->topic = -1;
    json_decref(o);
  }
  fclose(f);
  /* gold: labels to indexes */
  snprintf(path, sizeof path, "%s/gold.jsonl", dir);
  f = fopen(path, "r");
  if (!f) return -1;
  char **labels = NULL, **topics = NULL;
  int nl = 0, nt = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o) continue;
    const char *label = json_string_value(json_object_get(o, "event"));
    if (!label) label = json_string_value(json_object_get(o, "cluster"));
    int li = label_index(&labels, &nl, label);
    int ti = label_index(&topics, &nt, json_string_value(json_object_get(o, "topic")));
    json_t *members = json_object_get(o, "articles");
    const char *one = json_string_value(json_object_get(o, "id"));
    for (size_t k = 0; k < s->n; k++) {
      if (one && !strcmp(s->a[k].id, one)) {
        s->a[k].gold = li;
        s->a[k].topic = ti;
      }
      size_t j;
      json_t *m;
      json_array_foreach(members, j, m) {
        if (json_is_string(m) && !strcmp(s->a[k].id, json_string_value(m))) s->a[k].gold = li;
      }
    }
    json_decref(o);
  }
  fclose(f);
  free(line);
  for (int i = 0; i < nl; i++) free(labels[i]);
  free(labels);
  for (int i = 0; i < nt; i++) free(topics[i]);
  free(topics);
  s->ngold = nl;
  s->ntopics = nt;
  /* Articles without gold are left out. */
  size_t k = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (s->a[i].gold >= 0) s->a[k++] = s->a[i];
    else {
      free(s->a[i].id);
      free(s->a[i].title);
      free(s->a[i].text);
      free(s->a[i].date);
    }
  }
  s->n = k;
  return 0;
}

/* ------------------------------------------------------------- B-cubed */

typedef struct prf {
  double p, r, f;
} prf;

static prf bcubed(const int64_t *pred, const int64_t *gold, size_t n) {
  double P = 0, R = 0;
  for (size_t i = 0; i < n; i++) {
    size_t same_pred = 0, same_gold = 0, both = 0;
    for (size_t j = 0; j < n; j++) {
      int sp = pred[j] == pred[i], sg = gold[j] == gold[i];
      same_pred += sp;
      same_gold += sg;
      both += sp && sg;
    }
    P += (double)both / same_pred;
    R += (double)both / same_gold;
  }
  prf o = {P / n, R / n, 0};
  o.f = o.p + o.r > 0 ? 2 * o.p * o.r / (o.p + o.r) : 0;
  return o;
}

static size_t nclusters(const int64_t *c, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++) seen = c[j] == c[i];
    k += !seen;
  }
  return k;
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t xorshift(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void shuffle(size_t *order, size_t n, uint64_t seed) {
  rng = seed * 2654435761ULL + 1;
  for (size_t i = 0; i < n; i++) order[i] = i;
  for (size_t i = n; i > 1; i--) {
    size_t j = xorshift() % i;
    size_t t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
  }
}

/* ---------------------------------------------------------- our system */

/* Place the articles in `order`; story[i] is article i's story and, when
** thread is not NULL, thread[i] its story's thread. */
static int run_place_threads(const set *s, const size_t *order, const td_place_params *p,
                             int64_t *story, int64_t *thread) {
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, p);
  if (!m || !pl) return -1;
  for (size_t k = 0; k < s->n; k++) {
    const art *a = &s->a[order[k]];
    td_place_input in = {(int64_t)order[k] + 1, a->title, a->text, strlen(a->text), a->date, NULL, NULL};
    td_place_result r;
    if (td_place_article(pl, &in, &r)) {
      fprintf(stderr, "placing %s failed\n", a->id);
      return -1;
    }
    story[order[k]] = r.story;
    if (thread) thread[order[k]] = r.thread;
    if (getenv("CLU_TRACE"))
      fprintf(stderr, "%s\t%lld\t%s\t%.3f\t%u\n", a->id, (long long)r.story,
              r.new_story ? "new" : r.copy_of ? "copy" : "join", r.best, r.ncandidates);
  }
  /* stories merged later stand for the story they went into */
  /* an article of a story merged later (merge_singletons) is in its new
  ** story's thread: the thread of the articles placed in that story itself */
  int64_t *placed = thread ? malloc(s->n * sizeof *placed) : NULL;
  if (thread && !placed) return -1;
  for (size_t k = 0; thread && k < s->n; k++) placed[k] = story[k];
  for (size_t k = 0; k < s->n; k++) story[k] = td_place_mem_resolve(m, story[k]);
  for (size_t k = 0; thread && k < s->n; k++)
    for (size_t j = 0; j < s->n; j++)
      if (placed[j] == story[k]) {
        thread[k] = thread[j];
        break;
      }
  free(placed);
  td_placer_free(pl);
  td_place_mem_free(m);
  return 0;
}

static int run_place(const set *s, const size_t *order, const td_place_params *p, int64_t *story) {
  return run_place_threads(s, order, p, story, NULL);
}

/* ------------------------------------------------------------ baseline */

/* Unit TF-IDF vectors over stems (our terms without the lead's weight —
** td_feats_extract_plain —, no names, no time), IDF over the whole set. */
typedef struct dvec {
  uint64_t *k;
  float *w;
  size_t n;
} dvec;

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static float *baseline_sims(const set *s) {
  td_stemmer *st = td_stemmer_new("english");
  td_feats *f = calloc(s->n, sizeof *f);
  size_t total = 0;
  for (size_t i = 0; i < s->n; i++) {
    const art *a = &s->a[i];
    td_feats_extract_plain(st, a->title, a->title ? strlen(a->title) : 0, a->text,
                           strlen(a->text), &f[i]);
    total += f[i].nterms;
  }
  uint64_t *all = malloc((total + 1) * sizeof *all);
  size_t k = 0;
  for (size_t i = 0; i < s->n; i++)
    for (size_t j = 0; j < f[i].nterms; j++) all[k++] = f[i].terms[j].key;
  qsort(all, k, sizeof *all, cmp_u64);
  dvec *v = calloc(s->n, sizeof *v);
  for (size_t i = 0; i < s->n; i++) {
    v[i].n = f[i].nterms;
    v[i].k = malloc((v[i].n + 1) * sizeof *v[i].k);
    v[i].w = malloc((v[i].n + 1) * sizeof *v[i].w);
    double norm = 0;
    for (size_t j = 0; j < v[i].n; j++) {
      uint64_t key = f[i].terms[j].key;
      /* df by binary search for the first and last occurrence */
      size_t lo = 0, hi = k;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (all[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      size_t first = lo;
      hi = k;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (all[mid] <= key) lo = mid + 1;
        else hi = mid;
      }
      double idf = log((double)s->n / (double)(lo - first));
      v[i].k[j] = key;
      v[i].w[j] = (float)(f[i].terms[j].w * idf);
      norm += (double)v[i].w[j] * v[i].w[j];
    }
    for (size_t j = 0; j < v[i].n; j++) v[i].w[j] = norm > 0 ? (float)(v[i].w[j] / sqrt(norm)) : 0;
  }
  float *sim = malloc(s->n * s->n * sizeof *sim);
  for (size_t i = 0; i < s->n; i++) {
    for (size_t j = i; j < s->n; j++) {
      double d = 0;
      size_t x = 0, y = 0;
      while (x < v[i].n && y < v[j].n) {
        if (v[i].k[x] < v[j].k[y]) x++;
        else if (v[i].k[x] > v[j].k[y]) y++;
        else d += (double)v[i].w[x++] * v[j].w[y++];
      }
      sim[i * s->n + j] = sim[j * s->n + i] = (float)d;
    }
  }
  for (size_t i = 0; i < s->n; i++) {
    td_feats_release(&f[i]);
    free(v[i].k);
    free(v[i].w);
  }
  free(f);
  free(v);
  free(all);
  td_stemmer_free(st);
  return sim;
}

/* Average-linkage agglomerative clustering cut at thr. */
static void baseline_cluster(const float *sim, size_t n, double thr, int64_t *label) {
  double *S = malloc(n * n * sizeof *S); /* sum of pair similarities */
  size_t *size = malloc(n * sizeof *size);
  char *alive = malloc(n);
  for (size_t i = 0; i < n * n; i++) S[i] = sim[i];
  for (size_t i = 0; i < n; i++) {
    size[i] = 1;
    alive[i] = 1;
    label[i] = (int64_t)i;
  }
  for (;;) {
    double best = -1;
    size_t bi = 0, bj = 0;
    for (size_t i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (size_t j = i + 1; j < n; j++) {
        if (!alive[j]) continue;
        double avg = S[i * n + j] / ((double)size[i] * size[j]);
        if (avg > best) {
          best = avg;
          bi = i;
          bj = j;
        }
      }
    }
    if (best < thr) break;
    /* merge bj into bi */
    for (size_t k = 0; k < n; k++) {
      if (!alive[k] || k == bi || k == bj) continue;
      S[bi * n + k] = S[k * n + bi] = S[bi * n + k] + S[bj * n + k];
    }
    size[bi] += size[bj];
    alive[bj] = 0;
    for (size_t k = 0; k < n; k++)
      if (label[k] == (int64_t)bj) label[k] = (int64_t)bi;
  }
  free(S);
  free(size);
  free(alive);
}

static void gold_of(const set *s, int64_t *g) {
  for (size_t i = 0; i < s->n; i++) g[i] = s->a[i].gold;
}

/* Best baseline threshold on a set's answers (0.05 .. 0.60). */
static double baseline_best(const set *s, const float *sim, prf *at) {
  int64_t *g = malloc(s->n * sizeof *g), *l = malloc(s->n * sizeof *l);
  gold_of(s, g);
  double best_t = 0;
  prf best = {0, 0, -1};
  for (double t = 0.05; t < 0.605; t += 0.025) {
    baseline_cluster(sim, s->n, t, l);
    prf r = bcubed(l, g, s->n);
    if (r.f > best.f) {
      best = r;
      best_t = t;
    }
  }
  free(g);
  free(l);
  *at = best;
  return best_t;
}

/* -------------------------------------------------------------- copies */

static const char *const boiler_top[] = {
    "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Advertisement",
    "Follow us on social media for the latest updates.",
};
static const char *const boiler_bottom[] = {
    "Copyright 2024 The Daily Courier. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Share this article: Facebook Twitter Email",
    "Comments are closed for this story. Read our community guidelines.",
    "Support independent journalism: donate today.",
};

/* Paragraph boundaries ("\n\n") of t. */
static size_t paragraphs(const char *t, const char **start, size_t *len, size_t cap) {
  size_t n = 0;
  const char *p = t;
  while (*p && n < cap) {
    while (*p == '\n') p++;
    if (!*p) break;
    const char *e = strstr(p, "\n\n");
    if (!e) e = p + strlen(p);
    start[n] = p;
    len[n++] = (size_t)(e - p);
    p = e;
  }
  return n;
}

/* Copy variant `kind` of article text t; `other` is a paragraph of another
** article for the changed-paragraph variant. */
static char *make_copy(const char *t, int kind, const char *other, size_t olen, char **title) {
  const char *ps[512];
  size_t pl[512];
  size_t np = paragraphs(t, ps, pl, 512);
  td_buf b = TD_BUF_INIT;
  size_t from = 0, to = np;
  *title = NULL;
  switch (kind) {
  case 0: /* lead-only: the first 40% of the paragraphs (at least 3) */
    to = np * 2 / 5 < 3 ? 3 : np * 2 / 5;
    break;
  case 1: /* new headline, boilerplate above and below, last paragraph cut */
    *title = strdup("Breaking: what we know so far");
    td_buf_printf(&b, "%s\n\n%s\n\n", boiler_top[0], boiler_top[1]);
    to = np - 1;
    break;
  case 2: /* a changed paragraph in the middle, first paragraph dropped */
    from = 1;
    break;
  default: /* all of it: trimmed at both ends, boilerplate, new headline */
    *title = strdup("Update: the latest");
    td_buf_printf(&b, "%s\n\n", boiler_top[2]);
    from = 1;
    to = np - 1;
  }
  if (to > np) to = np;
  for (size_t i = from; i < to; i++) {
    if ((kind == 2 || kind == 3) && i == from + (to - from) / 2)
      td_buf_append(&b, other, olen);
    else
      td_buf_append(&b, ps[i], pl[i]);
    td_buf_puts(&b, "\n\n");
  }
  if (kind == 1 || kind == 3)
    for (size_t i = 0; i < 4; i++) td_buf_printf(&b, "%s\n\n", boiler_bottom[i]);
  return td_buf_detach(&b);
}

static void copies_eval(const set *s) {
  /* Originals: articles with at least 6 paragraphs (so a trim is a trim). */
  size_t norig = 0, ncopy = 0;
  size_t cap = s->n * 5;
  char **texts = calloc(cap, sizeof *texts), **titles = calloc(cap, sizeof *titles);
  int64_t *orig_of = calloc(cap, sizeof *orig_of); /* index of the original, -1 for originals */
  int *gold = calloc(cap, sizeof *gold);
  size_t n = 0;
  for (size_t i = 0; i < s->n; i++) {
    texts[n] = strdup(s->a[i].text);
    titles[n] = s->a[i].title ? strdup(s->a[i].title) : NULL;
    orig_of[n] = -1;
    gold[n] = s->a[i].gold;
    n++;
  }
  norig = n;
  for (size_t i = 0; i < s->n; i++) {
    const char *ps[512];
    size_t pl[512];
    if (paragraphs(s->a[i].text, ps, pl, 512) < 6) continue;
    /* the changed paragraph: a middle paragraph of a long article of
    ** another topic (never a whole short article, which would then be
    ** contained in the copy) */
    const char *ops[512];
    size_t opl[512], onp = 0;
    for (size_t k = 1; k < s->n && onp < 6; k++)
      onp = paragraphs(s->a[(i + s->n / 2 + k) % s->n].text, ops, opl, 512);
    if (onp >= 6) {
      ops[0] = ops[onp / 2];
      opl[0] = opl[onp / 2];
    }
    for (int kind = 0; kind < 4; kind++) {
      texts[n] = make_copy(s->a[i].text, kind, onp ? ops[0] : "", onp ? opl[0] : 0, &titles[n]);
      orig_of[n] = (int64_t)i;
      gold[n] = s->a[i].gold;
      n++;
      ncopy++;
    }
  }
  /* Clean every text as ingest does (boilerplate lines out), so that what
  ** is compared is what the store would keep. */
  for (size_t i = 0; i < n; i++) {
    td_article a;
    td_article_init(&a);
    a.text = td_strdup(texts[i]);
    a.title = titles[i] ? td_strdup(titles[i]) : NULL;
    const char *why;
    if (td_clean_article(&a, &why) == TD_OK && a.text) {
      free(texts[i]);
      texts[i] = strdup(a.text);
    }
    td_article_release(&a);
  }
  /* Place: originals in file order, then the copies shuffled among the
  ** last third, with some copies before their original (the lead-only copy
  ** arriving first must give way to the full text). */
  size_t *order = malloc(n * sizeof *order);
  shuffle(order, n, 7);
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, NULL);
  for (size_t k = 0; k < n; k++) {
    size_t i = order[k];
    td_place_input in = {(int64_t)i + 1, titles[i], texts[i], strlen(texts[i]), NULL, NULL, NULL};
    td_place_result r;
    if (td_place_article(pl, &in, &r)) {
      fprintf(stderr, "placing a copy failed\n");
      return;
    }
  }
  /* Group root of each article. */
  int64_t *root = malloc(n * sizeof *root);
  for (size_t i = 0; i < n; i++) {
    int64_t c = td_place_mem_copy_of(m, (int64_t)i + 1);
    root[i] = c ? c : (int64_t)i + 1;
  }
  size_t found = 0, lead_found = 0, lead = 0, orig_right = 0, kind_found[4] = {0};
  for (size_t i = norig; i < n; i++) {
    int ok = root[i] == root[orig_of[i]];
    if (!ok && getenv("COPY_DIAG")) {
      size_t o = (size_t)orig_of[i];
      uint64_t *a, *b;
      size_t na = td_fp_shingles(texts[i], strlen(texts[i]), &a);
      size_t nb = td_fp_shingles(texts[o], strlen(texts[o]), &b);
      td_fingerprint fa, fb;
      td_fingerprint_text(texts[i], strlen(texts[i]), &fa);
      td_fingerprint_text(texts[o], strlen(texts[o]), &fb);
      printf("  miss kind %zu: copy %zu root %lld, orig %zu root %lld; J %.3f nsh %zu/%zu sent %u/%u c(copy in orig) %.2f c(orig in copy) %.2f\n",
             (i - norig) % 4, i + 1, (long long)root[i], o + 1, (long long)root[o],
             td_fp_jaccard(a, na, b, nb), na, nb, fa.nsent, fb.nsent,
             td_fp_sent_containment(fa.sent, fa.nsent, fb.sent, fb.nsent, NULL),
             td_fp_sent_containment(fb.sent, fb.nsent, fa.sent, fa.nsent, NULL));
      td_free(a);
      td_free(b);
      td_fingerprint_release(&fa);
      td_fingerprint_release(&fb);
    }
    found += ok;
    kind_found[(i - norig) % 4] += ok;
    if ((i - norig) % 4 == 0) {
      lead++;
      lead_found += ok;
    }
    /* the original of a lead-only copy's group is the full text, even when
    ** the copy came first */
    if ((i - norig) % 4 == 0) orig_right += ok && root[i] != (int64_t)i + 1;
  }
  /* Real articles marked as copies. What tidings claims is "this article
  ** is a copy of that one" (its group's original), so each such claim is
  ** checked, exactly, against the texts: a real near-duplicate when the
  ** exact Jaccard of word 4-shingles is >= 0.5 (resemblance) or most of the
  ** smaller text is inside the other (containment >= 0.7, by whole sentences
  ** or by 4-shingles: Broder's two measures); any other claim is a false
  ** copy. Pairs of copies of one original need not be copies of each other
  ** (two trims of one long report), so pairs within a group are counted
  ** apart, for information. */
  size_t false_same_event = 0, false_other = 0, real_dups = 0;
  size_t grp_pairs = 0, grp_unlike = 0;
  for (size_t i = 0; i < norig; i++)
    for (size_t j = 0; j < norig; j++) {
      if (i == j) continue;
      int claim = root[i] == (int64_t)j + 1; /* i is a copy of j */
      /* ...or of a made copy of j (a lead-only copy of j came first) */
      if (!claim && root[i] != (int64_t)i + 1 && (size_t)root[i] > norig &&
          orig_of[root[i] - 1] == (int64_t)j)
        claim = 1;
      int same_group = j > i && root[i] == root[j];
      if (!claim && !same_group) continue;
      uint64_t *a, *b;
      size_t na = td_fp_shingles(texts[i], strlen(texts[i]), &a);
      size_t nb = td_fp_shingles(texts[j], strlen(texts[j]), &b);
      double ex = td_fp_jaccard(a, na, b, nb);
      /* shingles of the smaller inside the larger: |A n B| from J */
      double inter = ex * (double)(na + nb) / (1 + ex);
      double shc = (na < nb ? na : nb) ? inter / (double)(na < nb ? na : nb) : 0;
      td_free(a);
      td_free(b);
      td_fingerprint fa, fb;
      td_fingerprint_text(texts[i], strlen(texts[i]), &fa);
      td_fingerprint_text(texts[j], strlen(texts[j]), &fb);
      double ca = td_fp_sent_containment(fa.sent, fa.nsent, fb.sent, fb.nsent, NULL);
      double cb = td_fp_sent_containment(fb.sent, fb.nsent, fa.sent, fa.nsent, NULL);
      double c = fa.nsent <= fb.nsent ? ca : cb;
      td_fingerprint_release(&fa);
      td_fingerprint_release(&fb);
      int real = ex >= 0.5 || c >= 0.7 || shc >= 0.7;
      if (same_group) {
        grp_pairs++;
        grp_unlike += !real;
      }
      if (!claim) continue;
      if (real)
        real_dups++;
      else if (gold[i] == gold[j])
        false_same_event++;
      else
        false_other++;
      if (!real)
        printf("    false copy: %s of %s: exact Jaccard %.3f, containment: sentences %.2f, "
               "shingles %.2f\n",
               s->a[i].id, s->a[j].id, ex, c, shc);
    }
  printf("copies: %zu real articles, %zu copies made from %zu of them "
         "(lead-only, re-headlined + boilerplate, changed paragraph, all at once)\n",
         norig, ncopy, ncopy / 4);
  printf("  copy recall              %.4f  (%zu/%zu)   lead-only copies %.4f (%zu/%zu)\n",
         (double)found / ncopy, found, ncopy, (double)lead_found / lead, lead_found, lead);
  printf("  recall by kind: lead-only %.4f, re-headlined+boilerplate %.4f, changed paragraph "
         "%.4f, all at once %.4f\n",
         (double)kind_found[0] / lead, (double)kind_found[1] / lead, (double)kind_found[2] / lead,
         (double)kind_found[3] / lead);
  printf("  lead-only copies that are not their group's original (a fuller text is): %.4f\n",
         lead_found ? (double)orig_right / lead_found : 0);
  printf("  real articles marked as copies: %zu of real near-duplicates (exact Jaccard >= 0.5, "
         "or 70%% of the smaller's sentences or 4-shingles in the other), false copies: %zu in "
         "one event, %zu across events\n",
         real_dups, false_same_event, false_other);
  printf("  pairs of real articles in one copy group: %zu, of which not near-duplicates of each "
         "other (copies of one original, different parts of it): %zu\n",
         grp_pairs, grp_unlike);

  /* LSH against exact Jaccard: every copy with its original, and pairs of
  ** articles of one event. */
  size_t above = 0, above_hit = 0, pairs = 0;
  double abserr = 0;
  for (size_t pass = 0; pass < 2; pass++) {
    for (size_t i = pass ? 0 : norig; i < (pass ? norig : n); i++) {
      size_t j;
      if (pass == 0)
        j = (size_t)orig_of[i];
      else {
        j = i + 1;
        if (j >= norig || gold[j] != gold[i]) continue;
      }
      uint64_t *a, *b;
      size_t na = td_fp_shingles(texts[i], strlen(texts[i]), &a);
      size_t nb = td_fp_shingles(texts[j], strlen(texts[j]), &b);
      double ex = td_fp_jaccard(a, na, b, nb);
      td_free(a);
      td_free(b);
      td_fingerprint fa, fb;
      td_fingerprint_text(texts[i], strlen(texts[i]), &fa);
      td_fingerprint_text(texts[j], strlen(texts[j]), &fb);
      int band = 0;
      for (int k = 0; k < TD_FP_BANDS; k++) band |= fa.bands[k] == fb.bands[k];
      abserr += fabs(td_minhash_jaccard(fa.minhash, fb.minhash) - ex);
      pairs++;
      if (ex >= 0.5) {
        above++;
        above_hit += band;
      }
      td_fingerprint_release(&fa);
      td_fingerprint_release(&fb);
    }
  }
  printf("  LSH (%d bands x %d rows): recall %.4f of %zu pairs with exact Jaccard >= 0.5; "
         "MinHash |J est - J| mean %.4f over %zu pairs\n",
         TD_FP_BANDS, TD_FP_ROWS, above ? (double)above_hit / above : 0, above,
         pairs ? abserr / pairs : 0, pairs);
  td_placer_free(pl);
  td_place_mem_free(m);
  for (size_t i = 0; i < n; i++) {
    free(texts[i]);
    free(titles[i]);
  }
  free(texts);
  free(titles);
  free(orig_of);
  free(gold);
  free(order);
  free(root);
}

/* ---------------------------------------------------------------- main */

static void row(const char *name, prf r, size_t stories) {
  printf("  %-52s %.4f %.4f %.4f %6zu\n", name, r.p, r.r, r.f, stories);
}

int main(int argc, char **argv) {
  const char *dir = NULL, *dev = NULL, *dump = NULL;
  int sweep = 0, copies = 0, avglink = 0, details = -1, merge = -1, rtime = -1;
  double name_weight = -1, sigma = -1, join = -1;
  int live_idf = -1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dev") && i + 1 < argc) dev = argv[++i];
    else if (!strcmp(argv[i], "--name-weight") && i + 1 < argc) name_weight = atof(argv[++i]);
    else if (!strcmp(argv[i], "--live-idf") && i + 1 < argc) live_idf = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--sigma") && i + 1 < argc) sigma = atof(argv[++i]);
    else if (!strcmp(argv[i], "--sweep")) sweep = 1;
    else if (!strcmp(argv[i], "--average-link")) avglink = 1;
    else if (!strcmp(argv[i], "--details") && i + 1 < argc) details = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--merge") && i + 1 < argc) merge = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--reported-time") && i + 1 < argc) rtime = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--join") && i + 1 < argc) join = atof(argv[++i]);
    else if (!strcmp(argv[i], "--dump") && i + 1 < argc) dump = argv[++i];
    else if (!strcmp(argv[i], "--copies")) copies = 1;
    else dir = argv[i];
  }
  if (!dir) {
    fprintf(stderr, "usage: clustering [--dev DIR] [--sweep] [--copies] DIR\n");
    return 1;
  }
  set s;
  if (load(dir, &s) || s.n == 0) {
    fprintf(stderr, "clustering: cannot read %s/articles.jsonl and gold.jsonl\n", dir);
    return 2;
  }
  int64_t *gold = malloc(s.n * sizeof *gold), *st = malloc(s.n * sizeof *st);
  int64_t *st2 = malloc(s.n * sizeof *st2);
  size_t *order = malloc(s.n * sizeof *order);
  gold_of(&s, gold);
  for (size_t i = 0; i < s.n; i++) order[i] = i;
  td_place_params p;
  td_place_params_default(&p);
  if (name_weight >= 0) p.name_weight = name_weight;
  if (live_idf >= 0) p.live_idf = live_idf;
  if (sigma >= 0) p.sigma_days = sigma;
  if (avglink) p.average_link = 1;
  if (details >= 0) p.use_details = details;
  if (merge >= 0) p.merge_singletons = merge;
  if (rtime >= 0) p.reported_time = rtime;
  if (join >= 0) p.join = join;

  if (sweep) {
    printf("sweep on %s (%zu articles, %d gold clusters): join threshold -> B-cubed\n", dir, s.n,
           s.ngold);
    for (double t = 0.10; t < 0.505; t += 0.025) {
      p.join = t;
      run_place(&s, order, &p, st);
      prf r = bcubed(st, gold, s.n);
      printf("  join %.3f  P %.4f R %.4f F1 %.4f stories %zu\n", t, r.p, r.r, r.f,
             nclusters(st, s.n));
    }
    return 0;
  }

  printf("clustering: %s — %zu articles, %d gold events\n", dir, s.n, s.ngold);
  printf("  %-52s %-6s %-6s %-6s %6s\n", "system", "P", "R", "F1", "stories");
  run_place(&s, order, &p, st);
  prf ours = bcubed(st, gold, s.n);
  row("tidings online (file order)", ours, nclusters(st, s.n));
  if (dump) { /* id and story of each article, file order, for error analysis */
    FILE *df = fopen(dump, "w");
    for (size_t i = 0; df && i < s.n; i++) fprintf(df, "%s\t%lld\n", s.a[i].id, (long long)st[i]);
    if (df) fclose(df);
  }
  double fsum = ours.f;
  for (uint64_t seed = 1; seed <= 2; seed++) {
    shuffle(order, s.n, seed);
    run_place(&s, order, &p, st2);
    prf r = bcubed(st2, gold, s.n);
    char name[64];
    snprintf(name, sizeof name, "tidings online (shuffled order %d)", (int)seed);
    row(name, r, nclusters(st2, s.n));
    fsum += r.f;
    prf between = bcubed(st2, st, s.n);
    printf("    order robustness: B-cubed F1 between file order and shuffle %d: %.4f\n",
           (int)seed, between.f);
  }
  printf("    mean F1 over the three orders: %.4f\n", fsum / 3);
  if (s.ntopics > 0) {
    /* Threads against the gold topics: a topic's two events are one
    ** subject at two times (two title defences of one boxer, two patches
    ** of one browser), which is what a thread links; beside them the same
    ** stories unlinked, each its own thread. */
    int64_t *topic = malloc(s.n * sizeof *topic), *th = malloc(s.n * sizeof *th);
    for (size_t i = 0; i < s.n; i++) {
      order[i] = i;
      topic[i] = s.a[i].topic;
    }
    run_place_threads(&s, order, &p, st2, th);
    printf("  against the %d gold topics (threads):\n", s.ntopics);
    row("tidings threads (file order)", bcubed(th, topic, s.n), nclusters(th, s.n));
    row("tidings stories, unlinked (file order)", bcubed(st2, topic, s.n), nclusters(st2, s.n));
    free(topic);
    free(th);
  }
  for (size_t i = 0; i < s.n; i++) order[i] = i;
  td_place_params q = p;
  q.use_names = 0;
  run_place(&s, order, &q, st2);
  row("ablation: without names", bcubed(st2, gold, s.n), nclusters(st2, s.n));
  q = p;
  q.use_time = 0;
  run_place(&s, order, &q, st2);
  row("ablation: without time", bcubed(st2, gold, s.n), nclusters(st2, s.n));
  q = p;
  q.use_details = !p.use_details;
  run_place(&s, order, &q, st2);
  row(p.use_details ? "ablation: without details (numbers, dates)" : "ablation: with details",
      bcubed(st2, gold, s.n), nclusters(st2, s.n));
  q = p;
  q.reported_time = !p.reported_time;
  run_place(&s, order, &q, st2);
  row(q.reported_time ? "with reported dates for missing ones (option)"
                      : "without reported dates for missing ones",
      bcubed(st2, gold, s.n), nclusters(st2, s.n));
  /* merging stories of one article needs the backend's story_merge (both
  ** backends have it: the SQLite one keeps the merged id as an alias) */
  q = p;
  q.merge_singletons = !p.merge_singletons;
  {
    double mf = 0;
    int64_t *st3 = malloc(s.n * sizeof *st3);
    for (uint64_t seed = 0; seed <= 2; seed++) {
      if (seed) shuffle(order, s.n, seed);
      run_place(&s, order, &q, seed ? st3 : st2);
      prf r = bcubed(seed ? st3 : st2, gold, s.n);
      mf += r.f;
      char name[80];
      snprintf(name, sizeof name, "%s singleton merging, %s", q.merge_singletons ? "with" : "without",
               seed == 0 ? "file order" : seed == 1 ? "shuffle 1" : "shuffle 2");
      row(name, r, nclusters(seed ? st3 : st2, s.n));
      if (seed)
        printf("    order robustness: B-cubed F1 between file order and shuffle %d: %.4f\n",
               (int)seed, bcubed(st3, st2, s.n).f);
    }
    printf("    mean F1 over the three orders: %.4f\n", mf / 3);
    free(st3);
    for (size_t i = 0; i < s.n; i++) order[i] = i;
  }

  float *sim = baseline_sims(&s);
  if (dev) {
    set d;
    if (load(dev, &d) == 0 && d.n) {
      float *dsim = baseline_sims(&d);
      prf dr;
      double t = baseline_best(&d, dsim, &dr);
      free(dsim);
      baseline_cluster(sim, s.n, t, st2);
      char name[96];
      snprintf(name, sizeof name, "baseline TF-IDF cosine avg-link, thr %.3f (from dev)", t);
      row(name, bcubed(st2, gold, s.n), nclusters(st2, s.n));
    }
  }
  prf br;
  double bt = baseline_best(&s, sim, &br);
  baseline_cluster(sim, s.n, bt, st2);
  char name[96];
  snprintf(name, sizeof name, "baseline, thr %.3f tuned on these answers (ceiling)", bt);
  row(name, br, nclusters(st2, s.n));
  free(sim);
  if (copies) copies_eval(&s);
  return 0;
}
