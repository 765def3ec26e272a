/*
** bench_text.c — throughput of the normalise stage (src/text) beside a
** baseline loop over the same bytes, in one run.
**
**   bench_text [-m MB] FILE...
**
** Concatenates the files (plain-text articles: seeds, examples) over and over
** into one buffer of about MB megabytes (default 8), separated by blank
** lines, then times, best of three each:
**
**   baseline   a loop that touches every byte (counts newlines and spaces)
**   valid      td_utf8_valid
**   repair     td_utf8_repair (valid input: one copy)
**   nfc, fold  td_utf8_nfc, td_utf8_fold
**   tokens     the td_token_next iterator over the whole buffer
**   sentences  td_sentences
**   stems      td_stem on every word of the folded text
**
** and prints MB/s for each and its time as a ratio to the baseline's: the
** ratio is the figure to compare across machines. Stand-alone: links with
** libtidings.a, not part of it.
*/
#include "text/sentence.h"
#include "text/stem.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *buf, *folded;
static size_t len, flen;
static volatile size_t sink; /* keeps the compiler from dropping the work */

static void run_baseline(void) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += buf[i] == '\n' || buf[i] == ' ';
  sink = n;
}
static void run_valid(void) { sink = (size_t)td_utf8_valid(buf, len, NULL); }
static void run_repair(void) {
  size_t n;
  td_free(td_utf8_repair(buf, len, &n, NULL));
  sink = n;
}
static void run_nfc(void) {
  size_t n = 0;
  td_free(td_utf8_nfc(buf, len, &n));
  sink = n;
}
static void run_fold(void) {
  size_t n = 0;
  td_free(td_utf8_fold(buf, len, &n));
  sink = n;
}
static void run_tokens(void) {
  td_tokenizer t;
  td_token tok;
  size_t n = 0;
  td_tokenizer_init(&t, buf, len);
  while (td_token_next(&t, &tok))
    n++;
  sink = n;
}
static void run_sentences(void) {
  td_span *v;
  sink = td_sentences(buf, len, &v);
  td_free(v);
}
static td_stemmer *stemmer;
static void run_stems(void) {
  td_tokenizer t;
  td_token tok;
  size_t n = 0, sl;
  td_tokenizer_init(&t, folded, flen);
  while (td_token_next(&t, &tok))
    if (tok.kind == TD_TOK_WORD && td_stem(stemmer, folded + tok.start, tok.end - tok.start, &sl))
      n += sl;
  sink = n;
}

static double best_of3(void (*fn)(void)) {
  double best = 1e30;
  for (int i = 0; i < 3; i++) {
    double t0 = now();
    fn();
    double t = now() - t0;
    if (t < best) best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  double mb = 8;
  int first = 1;
  if (argc > 2 && !strcmp(argv[1], "-m")) {
    mb = atof(argv[2]);
    first = 3;
  }
  if (first >= argc || mb <= 0) {
    fprintf(stderr, "usage: bench_text [-m MB] FILE...\n");
    return 1;
  }
  /* Read the inputs once. */
  size_t in_len = 0, in_cap = 1 << 16;
  char *in = malloc(in_cap);
  for (int i = first; i < argc && in; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
      fprintf(stderr, "bench_text: cannot read %s\n", argv[i]);
      return 1;
    }
    size_t k;
    for (;;) {
      if (in_cap - in_len < 4096) in = realloc(in, in_cap *= 2);
      if (!in || !(k = fread(in + in_len, 1, in_cap - in_len - 2, f))) break;
      in_len += k;
    }
    fclose(f);
    if (in) memcpy(in + in_len, "\n\n", 2), in_len += 2;
  }
  if (!in || in_len <= 2 * (size_t)(argc - first)) {
    fprintf(stderr, "bench_text: no input\n");
    return 1;
  }
  size_t want = (size_t)(mb * 1048576);
  buf = malloc(want + in_len);
  if (!buf) return 1;
  while (len < want) {
    memcpy(buf + len, in, in_len);
    len += in_len;
  }
  free(in);
  folded = td_utf8_fold(buf, len, &flen);
  stemmer = td_stemmer_new("en");
  if (!folded || !stemmer) {
    fprintf(stderr, "bench_text: input is not valid UTF-8, or out of memory\n");
    return 1;
  }
  td_span *v;
  td_token *tv;
  size_t nsent = td_sentences(buf, len, &v), ntok = td_tokenize(buf, len, &tv);
  td_free(v);
  td_free(tv);
  printf("input: %.1f MB from %d file(s), %zu tokens, %zu sentences\n", (double)len / 1048576,
         argc - first, ntok, nsent);

  static const struct {
    const char *name;
    void (*fn)(void);
  } runs[] = {{"baseline", run_baseline},   {"valid", run_valid},
              {"repair", run_repair},       {"nfc", run_nfc},
              {"fold", run_fold},           {"tokens", run_tokens},
              {"sentences", run_sentences}, {"stems", run_stems}};
  double base = 0;
  printf("%-10s %10s %10s\n", "", "MB/s", "x baseline");
  for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
    double t = best_of3(runs[i].fn);
    if (i == 0) base = t;
    double bytes = runs[i].fn == run_stems ? (double)flen : (double)len;
    printf("%-10s %10.1f %10.1f\n", runs[i].name, bytes / 1048576 / t, t / base);
  }
  td_stemmer_free(stemmer);
  td_free(folded);
  free(buf);
  return 0;
}
