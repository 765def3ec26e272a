/*
** summaries.c — `make eval` for the synthesise stage's summary: ROUGE-1,
** ROUGE-2 and ROUGE-L F1 of tidings' multi-source summary against the
** reference, beside two baselines computed in the same run on the same
** sentence model (lead: the first sentences of the first article; centroid:
** the sentences nearest the TF-IDF centroid, redundancy removed).
**
**   summaries ARTICLES.jsonl GOLD.jsonl [--sentences N | --words N] [--part even|odd]
**             [--out FILE]
**   summaries --selftest
**
** Input: the converted format of ../shared/eval (articles.jsonl with
** id/text, gold.jsonl with cluster/articles/references). Every system gets
** the same length budget. Articles of a cluster are given in gold order;
** there are no dates or outlets, so each article is its own voice.
**
** The ROUGE scorer is written here, following Google's rouge-score package
** (the reference Python implementation used in most recent papers):
** tokens are runs of [a-z0-9] after lower-casing (anything else separates),
** tokens longer than 3 characters are stemmed with the original Porter
** stemmer (Snowball's "porter", which libstemmer ships; rouge-score uses
** NLTK's Porter, whose extensions differ on a few rare words), stopwords are
** kept; ROUGE-N is clipped n-gram overlap, ROUGE-L the longest common
** subsequence over the whole summary (rouge-score's "rougeL", not
** "rougeLsum"); F1 per cluster, averaged (macro) over clusters. With several
** references the best F1 is taken (NeuS has one).
*/
#include "synth/align.h"
#include "synth/summary.h"
#include "tidings.h"

#include <jansson.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tokens */

typedef struct toks {
  char **t;
  size_t n, alloc;
} toks;

static struct sb_stemmer *porter;

static void toks_free(toks *k) {
  for (size_t i = 0; i < k->n; i++) free(k->t[i]);
  free(k->t);
  memset(k, 0, sizeof *k);
}

static void tokenize(const char *s, toks *out) {
  memset(out, 0, sizeof *out);
  size_t i = 0, n = strlen(s);
  char w[256];
  while (i < n) {
    size_t k = 0;
    while (i < n) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (k + 1 < sizeof w) w[k++] = c;
        i++;
      } else {
        break;
      }
    }
    if (k) {
      w[k] = '\0';
      const char *st = w;
      if (k > 3) st = (const char *)sb_stemmer_stem(porter, (const sb_symbol *)w, (int)k);
      if (out->n == out->alloc) {
        out->alloc = out->alloc ? out->alloc * 2 : 64;
        out->t = realloc(out->t, out->alloc * sizeof *out->t);
      }
      out->t[out->n++] = strdup(st);
    } else {
      i++;
    }
  }
}

/* ------------------------------------------------------------- ROUGE */

typedef struct prf {
  double p, r, f;
} prf;

static prf make_prf(double overlap, double npred, double nref) {
  prf x = {0, 0, 0};
  if (npred > 0) x.p = overlap / npred;
  if (nref > 0) x.r = overlap / nref;
  if (x.p + x.r > 0) x.f = 2 * x.p * x.r / (x.p + x.r);
  return x;
}

/* Clipped n-gram overlap (quadratic, fine for summaries of this size). */
static prf rouge_n(const toks *pred, const toks *ref, size_t n) {
  size_t np = pred->n >= n ? pred->n - n + 1 : 0, nr = ref->n >= n ? ref->n - n + 1 : 0;
  char *used = calloc(nr ? nr : 1, 1);
  size_t overlap = 0;
  for (size_t i = 0; i < np; i++) {
    for (size_t j = 0; j < nr; j++) {
      if (used[j]) continue;
      size_t k = 0;
      while (k < n && !strcmp(pred->t[i + k], ref->t[j + k])) k++;
      if (k == n) {
        used[j] = 1;
        overlap++;
        break;
      }
    }
  }
  free(used);
  return make_prf((double)overlap, (double)np, (double)nr);
}

static prf rouge_l(const toks *pred, const toks *ref) {
  size_t m = pred->n, n = ref->n;
  size_t *prev = calloc(n + 1, sizeof *prev), *cur = calloc(n + 1, sizeof *cur);
  for (size_t i = 1; i <= m; i++) {
    for (size_t j = 1; j <= n; j++) {
      if (!strcmp(pred->t[i - 1], ref->t[j - 1])) cur[j] = prev[j - 1] + 1;
      else cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
    }
    size_t *t = prev;
    prev = cur;
    cur = t;
  }
  size_t lcs = prev[n];
  free(prev);
  free(cur);
  return make_prf((double)lcs, (double)m, (double)n);
}

static void score(const char *pred, const char *ref, double f[3]) {
  toks p, r;
  tokenize(pred, &p);
  tokenize(ref, &r);
  f[0] = rouge_n(&p, &r, 1).f;
  f[1] = rouge_n(&p, &r, 2).f;
  f[2] = rouge_l(&p, &r).f;
  toks_free(&p);
  toks_free(&r);
}

static int selftest(void) {
  /* The example in rouge-score's README: rouge1 F 0.7059, rougeL F 0.5882. */
  double f[3];
  score("The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog", f);
  printf("selftest: rouge1 F %.4f (want 0.7059), rouge2 F %.4f (want 0.2667), rougeL F %.4f "
         "(want 0.5882)\n",
         f[0], f[1], f[2]);
  int ok = (int)(f[0] * 10000 + 0.5) == 7059 && (int)(f[1] * 10000 + 0.5) == 2667 &&
           (int)(f[2] * 10000 + 0.5) == 5882;
  score("running runs", "run running", f);
  ok = ok && f[0] > 0.99; /* stemming: run/run, run/run */
  printf("selftest: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}

/* ------------------------------------------------------------ driver */

static char *slurp_summary(const td_synth_model *m, const size_t *sel, size_t n) {
  size_t cap = 1;
  for (size_t i = 0; i < n; i++) cap += m->sents[sel[i]].end - m->sents[sel[i]].start + 1;
  char *s = malloc(cap), *p = s;
  *p = '\0';
  for (size_t i = 0; i < n; i++) {
    const td_synth_sent *S = &m->sents[sel[i]];
    size_t l = S->end - S->start;
    if (i) *p++ = ' ';
    memcpy(p, m->docs[S->doc].text + S->start, l);
    p += l;
    *p = '\0';
  }
  return s;
}

int main(int argc, char **argv) {
  porter = sb_stemmer_new("porter", NULL);
  if (!porter) {
    fprintf(stderr, "summaries: libstemmer has no porter stemmer\n");
    return 3;
  }
  if (argc == 2 && !strcmp(argv[1], "--selftest")) return selftest();
  if (argc < 3) {
    fprintf(stderr, "usage: summaries ARTICLES.jsonl GOLD.jsonl [--sentences N | --words N] "
                    "[--out FILE]\n");
    return 1;
  }
  td_synth_length len = {3, 0};
  const char *outpath = NULL;
  int part = -1; /* --part even|odd: every other cluster (0-based index), for a dev/test split */
  long index = 0;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--sentences")) len = (td_synth_length){atoi(argv[i + 1]), 0};
    else if (!strcmp(argv[i], "--words")) len = (td_synth_length){0, atoi(argv[i + 1])};
    else if (!strcmp(argv[i], "--out")) outpath = argv[i + 1];
    else if (!strcmp(argv[i], "--part"))
      part = !strcmp(argv[i + 1], "even") ? 0 : !strcmp(argv[i + 1], "odd") ? 1 : -1;
  }
  json_t *texts = json_object();
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  char *line = NULL;
  size_t lcap = 0;
  while (getline(&line, &lcap, f) > 0) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o) continue;
    json_object_set(texts, json_string_value(json_object_get(o, "id")), json_object_get(o, "text"));
    json_decref(o);
  }
  fclose(f);
  FILE *g = fopen(argv[2], "r");
  if (!g) {
    perror(argv[2]);
    return 2;
  }
  FILE *out = outpath ? fopen(outpath, "w") : NULL;
  enum { NSYS = 3 };
  static const char *const names[NSYS] = {"tidings", "lead", "centroid"};
  static const td_synth_method methods[NSYS] = {TD_SUMMARY_SUPPORT, TD_SUMMARY_LEAD,
                                                TD_SUMMARY_CENTROID};
  double sum[NSYS][3] = {{0}}, words[NSYS] = {0}, refwords = 0;
  long wins[NSYS] = {0}, losses[NSYS] = {0}; /* tidings vs each, on ROUGE-1 F */
  long clusters = 0;
  while (getline(&line, &lcap, g) > 0) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o) continue;
    json_t *arts = json_object_get(o, "articles"), *refs = json_object_get(o, "references");
    size_t n = json_array_size(arts);
    td_synth_doc *docs = calloc(n ? n : 1, sizeof *docs);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      const char *id = json_string_value(json_array_get(arts, i));
      const char *t = json_string_value(json_object_get(texts, id));
      if (!t) continue;
      docs[k] = (td_synth_doc){(int64_t)k + 1, id, NULL, NULL, t, strlen(t), 0, NULL};
      k++;
    }
    td_synth_model *m = NULL;
    if (td_synth_model_new(docs, k, &m)) {
      fprintf(stderr, "summaries: out of memory\n");
      return 3;
    }
    long idx = index++;
    if (part >= 0 && idx % 2 != part) {
      json_decref(o);
      continue;
    }
    double fm[NSYS][3];
    for (int s = 0; s < NSYS; s++) {
      size_t *sel = NULL, ns = 0;
      td_synth_summarize(m, methods[s], &len, &sel, &ns, NULL);
      char *sum_text = slurp_summary(m, sel, ns);
      double best[3] = {0, 0, 0};
      for (size_t r = 0; r < json_array_size(refs); r++) {
        double fr[3];
        score(sum_text, json_string_value(json_array_get(refs, r)), fr);
        for (int x = 0; x < 3; x++)
          if (fr[x] > best[x]) best[x] = fr[x];
      }
      for (int x = 0; x < 3; x++) {
        fm[s][x] = best[x];
        sum[s][x] += best[x];
      }
      toks tk;
      tokenize(sum_text, &tk);
      words[s] += (double)tk.n;
      toks_free(&tk);
      if (out) {
        json_t *rec = json_pack("{s:O, s:s, s:s, s:[f,f,f]}", "cluster", json_object_get(o, "cluster"),
                                "system", names[s], "summary", sum_text, "f", best[0], best[1],
                                best[2]);
        char *js = json_dumps(rec, JSON_COMPACT);
        fprintf(out, "%s\n", js);
        free(js);
        json_decref(rec);
      }
      free(sum_text);
      td_free(sel);
    }
    if (json_array_size(refs)) {
      toks tk;
      tokenize(json_string_value(json_array_get(refs, 0)), &tk);
      refwords += (double)tk.n;
      toks_free(&tk);
    }
    for (int s = 1; s < NSYS; s++) {
      if (fm[0][0] > fm[s][0] + 1e-12) wins[s]++;
      else if (fm[0][0] < fm[s][0] - 1e-12) losses[s]++;
    }
    td_synth_model_free(m);
    free(docs);
    json_decref(o);
    clusters++;
  }
  fclose(g);
  if (out) fclose(out);
  free(line);
  json_decref(texts);
  if (!clusters) {
    fprintf(stderr, "summaries: no clusters\n");
    return 2;
  }
  if (part >= 0) printf("part: %s clusters only (by 0-based index)\n", part ? "odd" : "even");
  if (len.words) printf("clusters: %ld; budget: %d words (whole sentences)\n", clusters, len.words);
  else printf("clusters: %ld; budget: %d sentences per summary, every system\n", clusters,
              len.sentences);
  printf("references: %.1f words on average (ROUGE tokens); F1 favours summaries near that "
         "length, so compare systems at equal length too\n",
         refwords / clusters);
  printf("%-10s %8s %8s %8s %10s\n", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "avg words");
  for (int s = 0; s < NSYS; s++)
    printf("%-10s %8.4f %8.4f %8.4f %10.1f\n", names[s], sum[s][0] / clusters,
           sum[s][1] / clusters, sum[s][2] / clusters, words[s] / clusters);
  for (int s = 1; s < NSYS; s++)
    printf("tidings vs %-8s ROUGE-1 F higher on %ld clusters, lower on %ld, equal on %ld\n",
           names[s], wins[s], losses[s], clusters - wins[s] - losses[s]);
  sb_stemmer_delete(porter);
  return 0;
}
