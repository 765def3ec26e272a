/*
** paraphrase.c — calibrates and scores td_quote_sig_similar on MSRP.
**
**   paraphrase DIR [--threshold T]
**
** Reads DIR/gold.jsonl ({"a","b","label"}). Splits the pairs by position into
** two halves: the threshold that maximises accuracy on the first half is
** reported, then accuracy and F1 on the second half at that threshold (so the
** figure is not fitted to the pairs it is measured on), and on all pairs at
** the library's TD_QUOTE_SAME. With --threshold, that value is used instead.
*/
#include "extract/quote.h"
#include "text/stem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pair {
  double score;
  int label;
} pair;

static void score_at(const pair *p, size_t a, size_t b, double t, double *acc, double *f1) {
  long tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = a; i < b; i++) {
    int y = p[i].score >= t;
    if (y && p[i].label)
      tp++;
    else if (y)
      fp++;
    else if (p[i].label)
      fn++;
    else
      tn++;
  }
  *acc = (double)(tp + tn) / (double)(b - a);
  double pr = tp + fp ? (double)tp / (tp + fp) : 0, re = tp + fn ? (double)tp / (tp + fn) : 0;
  *f1 = pr + re ? 2 * pr * re / (pr + re) : 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: paraphrase DIR [--threshold T]\n");
    return 1;
  }
  double fixed = -1;
  if (argc >= 4 && !strcmp(argv[2], "--threshold")) fixed = atof(argv[3]);
  char path[4096];
  snprintf(path, sizeof path, "%s/gold.jsonl", argv[1]);
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "paraphrase: cannot open %s\n", path);
    return 2;
  }
  td_stemmer *st = td_stemmer_new("english");
  pair *P = NULL;
  size_t n = 0, cap = 0;
  char *line = NULL;
  size_t lc = 0;
  while (getline(&line, &lc, f) > 0) {
    json_error_t err;
    json_t *j = json_loads(line, 0, &err);
    if (!j) continue;
    const char *a = json_string_value(json_object_get(j, "a"));
    const char *b = json_string_value(json_object_get(j, "b"));
    if (a && b) {
      if (n == cap) {
        cap = cap ? cap * 2 : 1024;
        P = realloc(P, cap * sizeof *P);
      }
      td_quote_sig *x = td_quote_sig_new(a, strlen(a), st), *y = td_quote_sig_new(b, strlen(b), st);
      P[n].score = td_quote_sig_similar(x, y);
      P[n].label = (int)json_integer_value(json_object_get(j, "label"));
      td_quote_sig_free(x);
      td_quote_sig_free(y);
      n++;
    }
    json_decref(j);
  }
  free(line);
  fclose(f);
  td_stemmer_free(st);
  size_t half = n / 2;
  double best_t = fixed, best_acc = -1, acc, f1;
  if (fixed < 0)
    for (double t = 0.20; t <= 0.951; t += 0.01) {
      score_at(P, 0, half, t, &acc, &f1);
      if (acc > best_acc) {
        best_acc = acc;
        best_t = t;
      }
    }
  score_at(P, half, n, best_t, &acc, &f1);
  printf("msrp pairs=%zu  threshold=%.2f (%s)  second half: accuracy=%.3f F1=%.3f\n", n, best_t,
         fixed < 0 ? "best on first half" : "given", acc, f1);
  score_at(P, 0, n, TD_QUOTE_SAME, &acc, &f1);
  long pos = 0;
  for (size_t i = 0; i < n; i++)
    pos += P[i].label;
  printf("msrp all pairs at TD_QUOTE_SAME=%.2f: accuracy=%.3f F1=%.3f (all-yes baseline: "
         "accuracy=%.3f)\n",
         TD_QUOTE_SAME, acc, f1, (double)pos / (double)n);
  free(P);
  return 0;
}
