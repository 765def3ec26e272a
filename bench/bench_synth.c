/*
** bench_synth.c — time to build the synthesis report (summary, consensus,
** unique, conflicts) of one 200-article story, beside the time to read those
** 200 articles from the store, in one run (a section of bench/run.sh).
**
**   bench_synth DB [-n ARTICLES]
**
** The story is generated (fixed seed): 40 facts (each with a word of its
** own and words shared with others), each written three ways,
** every article telling 10 to 18 of them in its own choice of wording with a
** few sentences of its own, 10% of articles verbatim copies of an earlier
** one, 60 outlets, dates over four days, and a death toll that some outlets
** give differently. The articles are ingested once into DB (a fresh file);
** then, best of 3 each:
**   read    td_article_json for every article (the store's read path)
**   report  td_synth_json over the same ids (reads them too, then synthesises)
*/
#include "tidings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static const char *const subj[] = {"officials", "the ministry", "engineers", "the council",
                                   "residents", "rescuers", "the inspector", "the operator",
                                   "the agency", "witnesses"};
static const char *const verb[] = {"reported", "confirmed", "described", "questioned",
                                   "announced", "examined", "recorded", "disputed"};
static const char *const obj[] = {"the cables", "the inquiry", "the traffic plan", "the repairs",
                                  "the warning signs", "the budget", "the old span",
                                  "the rescue effort", "the detour", "the inspection reports"};
static const char *const when[] = {"on Monday", "in the morning", "after the collapse",
                                   "late at night", "during the storm", "earlier this year"};

/* One word of its own per fact, so that facts differ in more than numbers. */
static const char *const topic[] = {
    "pylon",   "ferry",    "tunnel",   "school",   "hospital", "railway", "harbour", "market",
    "stadium", "library",  "factory",  "airport",  "bakery",   "chapel",  "garage",  "museum",
    "orchard", "quarry",   "reservoir", "theatre", "warehouse", "brewery", "cemetery", "college",
    "courthouse", "dockyard", "embassy", "fortress", "gallery", "hotel",  "kiosk",   "laundry",
    "mill",    "observatory", "pharmacy", "prison", "refinery", "sawmill", "tannery", "vineyard"};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fact f in wording v (0..2). */
static void fact(char *out, size_t cap, int f, int v) {
  const char *s = subj[f % 10], *o = obj[(f / 4) % 10], *w = when[f % 6];
  const char *vb = verb[(f + 1) % 8], *t = topic[f % 40];
  if (v == 0) snprintf(out, cap, "At the %s, %s %s %s %s.", t, s, vb, o, w);
  else if (v == 1)
    snprintf(out, cap, "%c%s at the %s were %s by %s %s.", o[0] - 32, o + 1, t, vb, s, w);
  else snprintf(out, cap, "%c%s, at the %s, %s %s %s.", w[0] - 32, w + 1, t, s, vb, o);
}

static void json_escape(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') fputc('\\', f);
    if (*s == '\n') fputs("\\n", f);
    else fputc(*s, f);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_synth DB [-n ARTICLES]\n");
    return 1;
  }
  int n = 200;
  if (argc >= 4 && !strcmp(argv[2], "-n")) n = atoi(argv[3]);
  if (n < 2 || n > 5000) n = 200;
  char **texts = calloc((size_t)n, sizeof *texts);
  char path[4096];
  snprintf(path, sizeof path, "%s.jsonl", argv[1]);
  FILE *jf = fopen(path, "w");
  if (!jf || !texts) return 3;
  size_t total = 0;
  for (int a = 0; a < n; a++) {
    size_t cap = 16384, len = 0;
    char *t = malloc(cap), line[512];
    t[0] = '\0';
    if (a >= 10 && rnd(10) == 0) {
      free(t);
      t = strdup(texts[rnd((unsigned)a)]); /* a verbatim copy */
    } else {
      int nf = 10 + (int)rnd(9);
      snprintf(line, sizeof line, "A road bridge collapsed near the river crossing on Monday, "
                                  "killing %d people, officials said.\n\n",
               rnd(5) == 0 ? 15 : 12);
      len += (size_t)snprintf(t + len, cap - len, "%s", line);
      for (int k = 0; k < nf && len + 600 < cap; k++) {
        fact(line, sizeof line, (int)rnd(40), (int)rnd(3));
        len += (size_t)snprintf(t + len, cap - len, "%s\n\n", line);
      }
      for (int k = 0; k < 3 && len + 600 < cap; k++)
        len += (size_t)snprintf(t + len, cap - len,
                                "Outlet %d alone notes that %s %s %s item %d of its own.\n\n", a,
                                subj[rnd(10)], verb[rnd(8)], obj[rnd(10)], (int)rnd(100000));
    }
    texts[a] = t;
    total += strlen(t);
    fprintf(jf, "{\"url\":\"https://outlet%d.example/bridge/%d\",\"source\":\"Outlet %d\","
                "\"date\":\"2025-03-0%d\",\"title\":\"Bridge collapse, report %d\",\"text\":\"",
            a % 60, a, a % 60, 3 + a % 4, a);
    json_escape(jf, t);
    fputs("\"}\n", jf);
  }
  fclose(jf);
  remove(argv[1]);
  td *db = NULL;
  if (td_open(argv[1], NULL, &db)) {
    fprintf(stderr, "bench_synth: cannot open %s: %s\n", argv[1], td_errmsg(db));
    return 3;
  }
  td_ingest_opts io;
  memset(&io, 0, sizeof io);
  td_ingest_counts counts;
  memset(&counts, 0, sizeof counts);
  if (td_ingest_path(db, path, &io, &counts) > TD_EINPUT) {
    fprintf(stderr, "bench_synth: ingest failed: %s\n", td_errmsg(db));
    return 3;
  }
  int64_t *ids = calloc((size_t)n, sizeof *ids);
  for (int i = 0; i < n; i++) ids[i] = i + 1;
  double best_read = 1e9, best_rep = 1e9;
  size_t out_bytes = 0;
  for (int rep = 0; rep < 3; rep++) {
    double t0 = now();
    for (int i = 0; i < n; i++) {
      char id[24], *js = NULL;
      snprintf(id, sizeof id, "%d", i + 1);
      if (td_article_json(db, id, &js)) {
        fprintf(stderr, "bench_synth: article %s: %s\n", id, td_errmsg(db));
        return 3;
      }
      td_free(js);
    }
    double t1 = now();
    char *js = NULL;
    if (td_synth_json(db, ids, (size_t)n, NULL, &js)) {
      fprintf(stderr, "bench_synth: report: %s\n", td_errmsg(db));
      return 3;
    }
    double t2 = now();
    out_bytes = strlen(js);
    td_free(js);
    if (t1 - t0 < best_read) best_read = t1 - t0;
    if (t2 - t1 < best_rep) best_rep = t2 - t1;
  }
  printf("story: %d articles (%lld stored, %lld exact copies), %.1f KB of text\n", n,
         counts.added, counts.copies, (double)total / 1024);
  printf("read    %8.2f ms  (td_article_json x %d)\n", best_read * 1e3, n);
  printf("report  %8.2f ms  (td_synth_json: read + align + summary + consensus + unique + timeline + "
         "conflicts; %zu bytes of JSON)\n",
         best_rep * 1e3, out_bytes);
  printf("ratio   report / read = %.1f\n", best_rep / best_read);
  td_close(db);
  for (int i = 0; i < n; i++) free(texts[i]);
  free(texts);
  free(ids);
  return 0;
}
