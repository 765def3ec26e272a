/*
** bench_place.c — placement throughput of the place stage (copies, stories,
** threads) on generated articles, at growing store sizes, beside a
** brute-force baseline that scores every story for every article.
**
**   bench_place N [--brute]
**
** The generated stream: events arrive over time (a new event every few
** articles, each active for about a week of its own dates), each with its
** own topic words and names drawn from a Zipf vocabulary; every article
** mixes ~40 event words with ~80 background words (no copies: the copy
** path is measured by `make eval`). It prints articles/s and the CPU time
** spent in placement per article (generation excluded)
** for each tenth of the stream (so a cost that grows with the store shows
** as a falling rate), the overall rate, and the bytes the in-memory state
** holds per article, and a digest of every placement decision (story,
** copy, merges, score bits) so that two builds can be shown to place the
** stream identically. --brute scores every story per article (TF-IDF cosine
** over the same features), the cost that an index avoids.
*/
#include "place/features.h"
#include "place/place.h"
#include "text/stem.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) {
  rs ^= rs << 13;
  rs ^= rs >> 7;
  rs ^= rs << 17;
  return rs;
}

#define VOCAB 50000
static char words[VOCAB][12];
static double zipf_cdf[VOCAB];

static void vocab_init(void) {
  static const char *syl[] = {"ka", "lo", "mi", "ren", "ta", "vo", "sel", "dra", "pu",
                              "qen", "bri", "zo", "ha", "tum", "fle", "gor"};
  double sum = 0;
  for (int i = 0; i < VOCAB; i++) {
    int x = i + 1;
    words[i][0] = '\0';
    while (x) {
      strcat(words[i], syl[x % 16]);
      x /= 16;
    }
    sum += 1.0 / (i + 1);
    zipf_cdf[i] = sum;
  }
  for (int i = 0; i < VOCAB; i++) zipf_cdf[i] /= sum;
}

static int zipf(void) {
  double u = (double)(rnd() >> 11) / 9007199254740992.0;
  int lo = 0, hi = VOCAB - 1;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (zipf_cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

typedef struct event {
  int topic[15], names[3];
  int day;
} event;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU time of this process: the machine is shared, so the cost per article
** is read from it (wall time counts other people's work too). */
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static long peak_rss_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = 0;
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6)) kb = atol(line + 6);
  if (f) fclose(f);
  return kb;
}

/* One article of event e into b (title separately). */
static void gen(const event *e, td_buf *b, td_buf *title) {
  td_buf_clear(b);
  td_buf_clear(title);
  for (int s = 0; s < 8; s++) {
    for (int w = 0; w < 15; w++) {
      const char *word;
      if (w == 0 && (rnd() & 1)) {
        char cap[16];
        snprintf(cap, sizeof cap, "%s", words[3000 + e->names[rnd() % 3]]);
        cap[0] = (char)(cap[0] - 32);
        td_buf_printf(b, "%s ", cap);
        continue;
      }
      word = rnd() % 3 == 0 ? words[200 + e->topic[rnd() % 15]] : words[zipf()];
      td_buf_printf(b, "%s%s", word, w == 14 ? ".\n\n" : " ");
    }
  }
  td_buf_printf(title, "%s %s %s", words[200 + e->topic[0]], words[200 + e->topic[1]],
                words[200 + e->topic[2]]);
}

/* ------------------------------------------------------------ brute force */

typedef struct bstory {
  uint64_t *k;
  float *w;
  size_t n;
} bstory;

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 10000;
  int brute = argc > 2 && !strcmp(argv[2], "--brute");
  vocab_init();
  int nevents = 0, aevents = 1024;
  event *ev = malloc((size_t)aevents * sizeof *ev);
  int day = 0;
  td_buf b = TD_BUF_INIT, t = TD_BUF_INIT;
  char date[32];
  td_place_mem *m = td_place_mem_new();
  td_placer *pl = td_placer_new(&td_place_mem_backend, m, NULL);
  td_stemmer *st = td_stemmer_new("english");
  bstory *bs = NULL;
  size_t nbs = 0, abs_ = 0;
  double t0 = now(), tl = t0;
  double pc = 0, pcl = 0; /* CPU seconds in placement: total, and at the last tenth */
  long stories = 0, copies = 0;
  uint64_t digest = 0xcbf29ce484222325ULL; /* FNV-1a over the decisions */
  printf("%s placement of %ld generated articles (8 paragraphs of 15 words)\n",
         brute ? "brute-force" : "indexed", n);
  for (long i = 0; i < n; i++) {
    if (i % 25 == 0) day++; /* ~25 articles a day */
    if (nevents == 0 || rnd() % 6 == 0) {
      if (nevents == aevents) ev = realloc(ev, (size_t)(aevents *= 2) * sizeof *ev);
      event *e = &ev[nevents++];
      for (int k = 0; k < 15; k++) e->topic[k] = (int)(rnd() % 20000);
      for (int k = 0; k < 3; k++) e->names[k] = (int)(rnd() % 40000);
      e->day = day;
    }
    /* an event among the recent ones */
    int recent = nevents < 40 ? nevents : 40;
    event *e = &ev[nevents - 1 - (int)(rnd() % (uint64_t)recent)];
    gen(e, &b, &t);
    int d = e->day + (int)(rnd() % 3);
    snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + d / 336, 1 + (d / 28) % 12, 1 + d % 28);
    double c0 = cpu();
    if (!brute) {
      td_place_input in = {i + 1, t.ptr, b.ptr, b.len, date, NULL, NULL};
      td_place_result r;
      if (td_place_article(pl, &in, &r)) {
        fprintf(stderr, "placement failed\n");
        return 3;
      }
      stories += r.new_story;
      copies += r.copy_of != 0;
      uint64_t sb;
      memcpy(&sb, &r.score, sizeof sb);
      uint64_t dv[5] = {(uint64_t)r.story, (uint64_t)r.thread, (uint64_t)r.copy_of, sb,
                        (uint64_t)r.merged << 32 | (uint64_t)r.new_story << 1 | (uint64_t)r.new_thread};
      for (int k = 0; k < 5; k++)
        for (int y = 0; y < 8; y++) digest = (digest ^ ((dv[k] >> (8 * y)) & 0xff)) * 0x100000001b3ULL;
    } else {
      /* brute force: TF-IDF-less cosine against every story's sum */
      td_feats f;
      td_feats_extract(st, t.ptr, t.len, b.ptr, b.len, &f);
      double norm = 0;
      for (size_t k = 0; k < f.nterms; k++) norm += f.terms[k].w * f.terms[k].w;
      norm = sqrt(norm);
      double best = 0;
      size_t bi = 0;
      for (size_t s = 0; s < nbs; s++) {
        double dot = 0, sn = 0;
        size_t x = 0, y = 0;
        for (size_t k = 0; k < bs[s].n; k++) sn += (double)bs[s].w[k] * bs[s].w[k];
        while (x < f.nterms && y < bs[s].n) {
          if (f.terms[x].key < bs[s].k[y]) x++;
          else if (f.terms[x].key > bs[s].k[y]) y++;
          else dot += f.terms[x++].w * bs[s].w[y++];
        }
        double c = sn > 0 ? dot / (sqrt(sn) * norm) : 0;
        if (c > best) {
          best = c;
          bi = s;
        }
      }
      if (best < 0.3) {
        if (nbs == abs_) bs = realloc(bs, (abs_ = abs_ ? abs_ * 2 : 1024) * sizeof *bs);
        bi = nbs++;
        bs[bi].n = f.nterms;
        bs[bi].k = malloc((f.nterms + 1) * 8);
        bs[bi].w = malloc((f.nterms + 1) * 4);
        for (size_t k = 0; k < f.nterms; k++) {
          bs[bi].k[k] = f.terms[k].key;
          bs[bi].w[k] = (float)(f.terms[k].w / norm);
        }
        stories++;
      }
      td_feats_release(&f);
    }
    pc += cpu() - c0;
    if ((i + 1) % (n / 10 > 0 ? n / 10 : 1) == 0) {
      double tn = now(), per = (double)(n / 10 > 0 ? n / 10 : 1);
      printf("  articles %8ld  %8.0f articles/s over the last tenth, %6.1f us/article CPU\n",
             i + 1, per / (tn - tl), (pc - pcl) / per * 1e6);
      tl = tn;
      pcl = pc;
      fflush(stdout);
    }
  }
  double el = now() - t0;
  printf("  total: %.0f articles/s, %.1f us/article CPU in placement, %ld stories, %ld copies, "
         "state %.0f bytes/article, peak RSS %.0f bytes/article\n",
         n / el, pc / n * 1e6, stories, copies, brute ? 0.0 : (double)td_place_mem_bytes(m) / n,
         peak_rss_kb() * 1024.0 / n);
  if (!brute) printf("  placement digest %016llx\n", (unsigned long long)digest);
  td_placer_free(pl);
  td_place_mem_free(m);
  td_stemmer_free(st);
  td_buf_release(&b);
  td_buf_release(&t);
  return 0;
}
