/*
** quotes.c — evaluation and inspection of the extract stage's quotes.
**
**   quotes polnear DIR [--errors [train|dev]]
**       PolNeAR (DIR/articles.jsonl + gold.jsonl): direct-quote spans, P/R/F1
**       exact and at 50% overlap, and speaker accuracy on the quotes found,
**       for train and dev apart. The file holds train's articles, then dev's,
**       each sorted by id (its README): dev starts at the first id that sorts
**       before the one above it. Develop on train; dev is the held-out figure.
**       --errors prints each miss (MISSED), false positive (EXTRA), inexact
**       span (EDGE) and wrong speaker (SPEAKER) with its category: para
**       (across paragraphs), interrupted (cue between two parts), colon,
**       partial (opened after a word), lead (opens its sentence), and for
**       EDGE which end differs; then counts per category. MIXED lines are
**       quotes of ours inside a gold span that does not open with a mark
**       (gold-indirect, "said that “…”"): not counted, except by the strict
**       precision, which counts them as false positives.
**   quotes show FILE...      every quote of plain-text articles (first
**       non-empty line is the headline), with kind, cue and speaker.
**   quotes group FILE...     quotes of several articles grouped as one
**       statement when td_quote_sig_similar >= TD_QUOTE_SAME.
**
** Spans. Gold spans include the quotation marks and, for a quote interrupted
** by its cue, cover both parts and the cue; ours exclude the marks and come in
** parts linked by `prev`. So gold spans are trimmed of marks and white space,
** and the parts of one statement of ours (linked by `prev`: interrupted by
** its cue, carried on across paragraphs, or the speaker's next paragraph
** of quote alone) are joined before matching. Only gold quotes marked direct are scored; our
*partial
** quotes (a few words inside a sentence) are left out, the nested ones too.
** A speaker is right when our speaker phrase overlaps the gold source span,
** or when the gold source is a name and our canonical name ends with its
** last word (the same person named elsewhere in the article).
*/
#include "extract/entity.h"
#include "extract/quote.h"
#include "tidings.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(b);
    return NULL;
  }
  fclose(f);
  b[n] = 0;
  *len = (size_t)n;
  return b;
}

static int is_mark_or_space(const char *s, size_t i, size_t len, size_t *w) {
  unsigned char c = (unsigned char)s[i];
  *w = 1;
  if (c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '\'') return 1;
  if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
    unsigned char d = (unsigned char)s[i + 2];
    *w = 3;
    return d == 0x9C || d == 0x9D || d == 0x98 || d == 0x99 || d == 0x9E || d == 0xAA;
  }
  if (c == 0xC2 && i + 1 < len &&
      ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB ||
       (unsigned char)s[i + 1] == 0xA0)) {
    *w = 2;
    return 1;
  }
  return 0;
}

/* Trim marks and spaces off both ends of [*a, *b). */
static void trim_marks(const char *s, size_t len, size_t *a, size_t *b) {
  size_t w;
  while (*a < *b && is_mark_or_space(s, *a, len, &w))
    *a += w;
  for (;;) {
    if (*b <= *a) break;
    size_t k = *b - 1;
    while (k > *a && ((unsigned char)s[k] & 0xC0) == 0x80)
      k--;
    if (is_mark_or_space(s, k, len, &w) && k + w == *b)
      *b = k;
    else
      break;
  }
}

static int is_pronoun(const char *s) {
  static const char *p[] = {"he", "she", "they", "it", "i", "we", "you", "his", "her", NULL};
  for (int i = 0; p[i]; i++)
    if (!strcasecmp(s, p[i])) return 1;
  return 0;
}

typedef struct span {
  size_t a, b;
  long q;        /* index of our first part, or -1 */
  size_t sa, sb; /* speaker span */
  const char *speaker, *gold_speaker;
} span;

static double overlap(size_t a1, size_t b1, size_t a2, size_t b2) {
  size_t lo = a1 > a2 ? a1 : a2, hi = b1 < b2 ? b1 : b2;
  if (hi <= lo) return 0.0;
  size_t l1 = b1 - a1, l2 = b2 - a2, mx = l1 > l2 ? l1 : l2;
  return (double)(hi - lo) / (double)mx;
}

/* Category of the statement text[a..b) (marks trimmed), from its context. */
static const char *category(const char *t, size_t len, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (t[k] == '\n') return "para";
  /* a closing mark followed (within a few bytes) by a comma and later an opening mark */
  for (size_t k = a; k + 3 < b; k++)
    if ((unsigned char)t[k] == 0xE2 && (unsigned char)t[k + 1] == 0x80 &&
        (unsigned char)t[k + 2] == 0x9D)
      return "interrupted";
  size_t m = 0;
  for (size_t k = a; k < b && k < a + 400; k++)
    if (t[k] == '"') m++;
  if (m >= 2) return "interrupted";
  size_t k = a, w;
  while (k > 0 && is_mark_or_space(t, k - 1, len, &w))
    k--;
  /* step back over a multi-byte mark's lead bytes */
  while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
    k--;
  while (k > 0 && (unsigned char)t[k - 1] >= 0xC0 && is_mark_or_space(t, k - 1, len, &w))
    k--;
  if (k == 0 || t[k - 1] == '\n') return "lead";
  char c = t[k - 1];
  if (c == ':') return "colon";
  if (c == '.' || c == '?' || c == '!') return "lead";
  if (c == ',') return "comma";
  return "partial";
}

/* Print s[0..n) on one line: line breaks as " | ". */
static void put1(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n')
      fputs(" / ", stdout);
    else
      putchar(s[i]);
  }
}

typedef struct tally {
  long tp_exact, tp_over, n_pred, n_gold, sp_right, sp_total, narts, mixed;
} tally;

#define NCAT 7
static const char *cats[NCAT] = {"para",  "interrupted", "colon", "lead",
                                 "comma", "partial",     "ours"};
static long cat_miss[NCAT], cat_extra[NCAT], cat_edge[NCAT], cat_gold[NCAT], cat_spk[NCAT];
static int cat_index(const char *c) {
  for (int i = 0; i < NCAT; i++)
    if (!strcmp(cats[i], c)) return i;
  return NCAT - 1;
}

static void report(const char *split, const tally *T) {
  double pe = T->n_pred ? (double)T->tp_exact / T->n_pred : 0;
  double re = T->n_gold ? (double)T->tp_exact / T->n_gold : 0;
  double po = T->n_pred ? (double)T->tp_over / T->n_pred : 0;
  double ro = T->n_gold ? (double)T->tp_over / T->n_gold : 0;
  /* Strict: mixed quotes counted as false positives. */
  long ns = T->n_pred + T->mixed;
  double ps = ns ? (double)T->tp_over / ns : 0;
  printf("polnear %-9s (%ld articles) gold=%ld found=%ld  exact P=%.3f R=%.3f F1=%.3f  overlap50 "
         "P=%.3f R=%.3f F1=%.3f  speaker=%.3f (%ld/%ld)  mixed=%ld (strict overlap50 P=%.3f "
         "F1=%.3f)\n",
         split, T->narts, T->n_gold, T->n_pred, pe, re, pe + re ? 2 * pe * re / (pe + re) : 0, po,
         ro, po + ro ? 2 * po * ro / (po + ro) : 0,
         T->sp_total ? (double)T->sp_right / T->sp_total : 0, T->sp_right, T->sp_total, T->mixed,
         ps, ps + ro ? 2 * ps * ro / (ps + ro) : 0);
}

static int cmd_polnear(const char *dir, int errors, const char *only) {
  char path[4096];
  snprintf(path, sizeof path, "%s/articles.jsonl", dir);
  FILE *fa = fopen(path, "r");
  snprintf(path, sizeof path, "%s/gold.jsonl", dir);
  FILE *fg = fopen(path, "r");
  if (!fa || !fg) {
    fprintf(stderr, "quotes: cannot open %s/{articles,gold}.jsonl\n", dir);
    return 2;
  }
  /* Articles and gold are in the same order (checked by id). */
  char *la = NULL, *lg = NULL;
  size_t ca = 0, cg = 0;
  tally TT[2];
  memset(TT, 0, sizeof TT);
  int split = 0;
  char *prev_id = NULL;
  while (getline(&la, &ca, fa) > 0 && getline(&lg, &cg, fg) > 0) {
    json_error_t err;
    json_t *A = json_loads(la, 0, &err), *G = json_loads(lg, 0, &err);
    if (!A || !G) {
      fprintf(stderr, "quotes: bad JSON line\n");
      return 2;
    }
    const char *id = json_string_value(json_object_get(A, "id"));
    const char *gid = json_string_value(json_object_get(G, "id"));
    if (!id || !gid || strcmp(id, gid)) {
      fprintf(stderr, "quotes: articles and gold out of step at %s\n", id ? id : "?");
      return 2;
    }
    if (prev_id && strcmp(id, prev_id) < 0) split = 1;
    free(prev_id);
    prev_id = strdup(id);
    tally *T = &TT[split];
    T->narts++;
    int show = errors && (!only || !strcmp(only, split ? "dev" : "train"));
    const char *text = json_string_value(json_object_get(A, "text"));
    const char *title = json_string_value(json_object_get(A, "title"));
    size_t len = strlen(text);
    td_entity_set *E = NULL;
    td_quote *Q = NULL;
    size_t nq = 0;
    if (td_entities_extract(text, len, title, title ? strlen(title) : 0, &E) ||
        td_quotes_extract(text, len, E, &Q, &nq)) {
      fprintf(stderr, "quotes: out of memory\n");
      return 3;
    }
    /* Our direct statements: join parts linked by prev within one paragraph. */
    span *P = calloc(nq + 1, sizeof *P);
    size_t np = 0;
    long *head = malloc((nq + 1) * sizeof *head);
    for (size_t i = 0; i < nq; i++) {
      head[i] = -1;
      td_quote *q = &Q[i];
      if (q->kind == TD_QUOTE_PARTIAL || q->kind == TD_QUOTE_NESTED) continue;
      if (q->prev >= 0 && head[q->prev] >= 0) {
        /* Parts of one statement: interrupted by its cue, carried on across
        ** paragraphs, or the speaker's next quote-only paragraph. */
        span *s = &P[head[q->prev]];
        s->b = q->end;
        head[i] = head[q->prev];
        continue;
      }
      head[i] = (long)np;
      P[np].a = q->start;
      P[np].b = q->end;
      P[np].q = (long)i;
      P[np].sa = q->speaker_start;
      P[np].sb = q->speaker_end;
      P[np].speaker = q->speaker;
      np++;
    }
    for (size_t i = 0; i < np; i++)
      trim_marks(text, len, &P[i].a, &P[i].b);
    json_t *gq = json_object_get(G, "quotes"), *g;
    size_t gi;
    char *used = calloc(np + 1, 1);
    json_array_foreach(gq, gi, g) {
      if (!json_is_true(json_object_get(g, "direct"))) continue;
      size_t a = (size_t)json_integer_value(json_object_get(g, "start"));
      size_t b = (size_t)json_integer_value(json_object_get(g, "end"));
      trim_marks(text, len, &a, &b);
      if (b <= a) continue;
      T->n_gold++;
      int ci = cat_index(category(text, len, a, b));
      if (show) cat_gold[ci]++;
      long best = -1;
      double bo = 0;
      for (size_t i = 0; i < np; i++) {
        if (used[i]) continue;
        double o = overlap(a, b, P[i].a, P[i].b);
        if (o > bo) {
          bo = o;
          best = (long)i;
        }
      }
      if (best >= 0 && bo >= 0.5) {
        used[best] = 1;
        T->tp_over++;
        if (P[best].a == a && P[best].b == b)
          T->tp_exact++;
        else if (show) {
          cat_edge[ci]++;
          /* the ends: 50 bytes at each side of each span */
          size_t ga0 = a, ga1 = a + 50 < b ? a + 50 : b, gb0 = b > a + 50 ? b - 50 : a;
          size_t oa0 = P[best].a, oa1 = P[best].a + 50 < P[best].b ? P[best].a + 50 : P[best].b;
          size_t ob0 = P[best].b > P[best].a + 50 ? P[best].b - 50 : P[best].a;
          printf("EDGE %s %s %s%s | gold: ", id, cats[ci],
                 P[best].a < a   ? "start+"
                 : P[best].a > a ? "start-"
                                 : "",
                 P[best].b > b   ? "end+"
                 : P[best].b < b ? "end-"
                                 : "");
          put1(text + ga0, ga1 - ga0);
          fputs(" ... ", stdout);
          put1(text + gb0, b - gb0);
          fputs(" | ours: ", stdout);
          put1(text + oa0, oa1 - oa0);
          fputs(" ... ", stdout);
          put1(text + ob0, P[best].b - ob0);
          putchar('\n');
        }
        /* Speaker. */
        json_t *gs = json_object_get(g, "speaker");
        if (json_is_string(gs)) {
          T->sp_total++;
          size_t ga = (size_t)json_integer_value(json_object_get(g, "speaker_start"));
          size_t gb = (size_t)json_integer_value(json_object_get(g, "speaker_end"));
          const char *gsv = json_string_value(gs);
          int ok = P[best].sb > P[best].sa && P[best].sa < gb && ga < P[best].sb;
          if (!ok && P[best].speaker && !is_pronoun(gsv)) {
            const char *last = strrchr(gsv, ' ');
            last = last ? last + 1 : gsv;
            size_t ll = strlen(last), sl = strlen(P[best].speaker);
            if (ll >= 2 && sl >= ll && !strcasecmp(P[best].speaker + sl - ll, last)) ok = 1;
          }
          T->sp_right += ok;
          if (show && !ok) cat_spk[ci]++;
          if (show && !ok) {
            printf("SPEAKER %s %s | gold=%s | ours=%s [%.*s] | ", id, cats[ci], gsv,
                   P[best].speaker ? P[best].speaker : "-", (int)(P[best].sb - P[best].sa),
                   text + P[best].sa);
            size_t c0 = a > 80 ? a - 80 : 0, e = P[best].b;
            put1(text + c0, a - c0);
            fputs("[[", stdout);
            put1(text + a, b - a > 80 ? 80 : b - a);
            fputs("...]]", stdout);
            put1(text + e, len - e > 80 ? 80 : len - e);
            putchar('\n');
          }
        }
      } else if (show) {
        cat_miss[ci]++;
        size_t c0 = a > 60 ? a - 60 : 0;
        printf("MISSED %s %s | ", id, cats[ci]);
        put1(text + c0, a - c0);
        fputs("[[", stdout);
        put1(text + a, b - a > 200 ? 200 : b - a);
        fputs("]]", stdout);
        put1(text + b, len - b > 60 ? 60 : len - b);
        putchar('\n');
      }
    }
    for (size_t i = 0; i < np; i++) {
      /* A quote of ours inside a gold content span that does not open with a
      ** mark ("said that “…”") is a mixed quote: gold scores it as indirect,
      ** so it is neither found nor a false positive. */
      if (!used[i]) {
        int mixed = 0;
        json_array_foreach(gq, gi, g) {
          if (json_is_true(json_object_get(g, "direct"))) continue;
          size_t a = (size_t)json_integer_value(json_object_get(g, "start"));
          size_t b = (size_t)json_integer_value(json_object_get(g, "end"));
          size_t lo = a > P[i].a ? a : P[i].a, hi = b < P[i].b ? b : P[i].b;
          if (hi > lo && 2 * (hi - lo) >= P[i].b - P[i].a) {
            mixed = 1;
            break;
          }
        }
        if (mixed) {
          T->mixed++;
          if (show) {
            size_t c0 = P[i].a > 60 ? P[i].a - 60 : 0;
            printf("MIXED %s %s %s | ", id, cats[cat_index(category(text, len, P[i].a, P[i].b))],
                   td_quote_kind_name(Q[P[i].q].kind));
            put1(text + c0, P[i].a - c0);
            fputs("[[", stdout);
            put1(text + P[i].a, P[i].b - P[i].a > 200 ? 200 : P[i].b - P[i].a);
            fputs("]]", stdout);
            put1(text + P[i].b, len - P[i].b > 60 ? 60 : len - P[i].b);
            putchar('\n');
          }
          continue;
        }
      }
      T->n_pred++;
      if (show && !used[i]) {
        int ce = cat_index(category(text, len, P[i].a, P[i].b));
        cat_extra[ce]++;
        size_t c0 = P[i].a > 60 ? P[i].a - 60 : 0;
        printf("EXTRA %s %s %s | ", id, cats[ce], td_quote_kind_name(Q[P[i].q].kind));
        put1(text + c0, P[i].a - c0);
        fputs("[[", stdout);
        put1(text + P[i].a, P[i].b - P[i].a > 200 ? 200 : P[i].b - P[i].a);
        fputs("]]", stdout);
        put1(text + P[i].b, len - P[i].b > 60 ? 60 : len - P[i].b);
        putchar('\n');
      }
    }
    free(used);
    free(P);
    free(head);
    td_quotes_free(Q, nq);
    td_entity_set_free(E);
    json_decref(A);
    json_decref(G);
  }
  free(la);
  free(lg);
  fclose(fa);
  fclose(fg);
  free(prev_id);
  if (errors) {
    printf("category     gold  missed  extra  inexact  wrong-speaker\n");
    for (int i = 0; i < NCAT; i++)
      printf("%-11s %5ld  %6ld  %5ld  %7ld  %13ld\n", cats[i], cat_gold[i], cat_miss[i],
             cat_extra[i], cat_edge[i], cat_spk[i]);
  }
  report("train", &TT[0]);
  report("dev", &TT[1]);
  tally all = TT[0];
  all.tp_exact += TT[1].tp_exact;
  all.tp_over += TT[1].tp_over;
  all.n_pred += TT[1].n_pred;
  all.n_gold += TT[1].n_gold;
  all.sp_right += TT[1].sp_right;
  all.sp_total += TT[1].sp_total;
  all.narts += TT[1].narts;
  all.mixed += TT[1].mixed;
  report("train+dev", &all);
  return 0;
}

/* A plain-text article: the first non-empty line is the headline. */
typedef struct art {
  const char *path;
  char *buf;
  const char *title, *text;
  size_t tlen, len;
  td_entity_set *E;
  td_quote *Q;
  size_t nq;
} art;

static int load_art(art *a, const char *path) {
  memset(a, 0, sizeof *a);
  a->path = path;
  size_t n;
  a->buf = slurp(path, &n);
  if (!a->buf) return -1;
  size_t i = 0;
  while (i < n && (a->buf[i] == '\n' || a->buf[i] == ' '))
    i++;
  a->title = a->buf + i;
  while (i < n && a->buf[i] != '\n')
    i++;
  a->tlen = (size_t)(a->buf + i - a->title);
  while (i < n && a->buf[i] == '\n')
    i++;
  a->text = a->buf + i;
  a->len = n - i;
  if (td_entities_extract(a->text, a->len, a->title, a->tlen, &a->E) ||
      td_quotes_extract(a->text, a->len, a->E, &a->Q, &a->nq))
    return -1;
  return 0;
}

static void free_art(art *a) {
  td_quotes_free(a->Q, a->nq);
  td_entity_set_free(a->E);
  free(a->buf);
}

static int cmd_show(int argc, char **argv) {
  for (int f = 0; f < argc; f++) {
    art a;
    if (load_art(&a, argv[f])) {
      fprintf(stderr, "quotes: %s: cannot read\n", argv[f]);
      return 2;
    }
    printf("== %s\n", argv[f]);
    for (size_t i = 0; i < a.nq; i++) {
      td_quote *q = &a.Q[i];
      printf("[%zu] %-9s %-22s cue=%-10.*s who=%-22.*s prev=%ld | %.*s\n", i,
             td_quote_kind_name(q->kind), q->speaker ? q->speaker : "-",
             (int)(q->cue_end - q->cue_start), a.text + q->cue_start,
             (int)(q->speaker_end - q->speaker_start), a.text + q->speaker_start, q->prev,
             (int)(q->end - q->start > 90 ? 90 : q->end - q->start), a.text + q->start);
    }
    free_art(&a);
  }
  return 0;
}

static int cmd_group(int argc, char **argv) {
  art *A = calloc((size_t)argc, sizeof *A);
  size_t total = 0;
  for (int f = 0; f < argc; f++) {
    if (load_art(&A[f], argv[f])) return 2;
    total += A[f].nq;
  }
  typedef struct item {
    int art;
    size_t q;
    td_quote_sig *sig;
    size_t group;
  } item;
  item *I = calloc(total + 1, sizeof *I);
  size_t n = 0;
  for (int f = 0; f < argc; f++)
    for (size_t i = 0; i < A[f].nq; i++) {
      td_quote *q = &A[f].Q[i];
      if (q->kind == TD_QUOTE_NESTED) continue;
      I[n].art = f;
      I[n].q = i;
      I[n].sig = td_quote_sig_new(A[f].text + q->start, q->end - q->start, NULL);
      I[n].group = n;
      n++;
    }
  /* Single link: union of pairs from different articles at or above the threshold. */
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      if (I[i].art == I[j].art) continue;
      if (td_quote_sig_similar(I[i].sig, I[j].sig) < TD_QUOTE_SAME) continue;
      size_t gi = I[i].group, gj = I[j].group;
      if (gi == gj) continue;
      for (size_t k = 0; k < n; k++)
        if (I[k].group == gj) I[k].group = gi;
    }
  int groups = 0;
  for (size_t g = 0; g < n; g++) {
    int members = 0, arts = 0;
    unsigned seen = 0;
    for (size_t k = 0; k < n; k++)
      if (I[k].group == g) {
        members++;
        if (!(seen & (1u << (I[k].art & 31)))) arts++;
        seen |= 1u << (I[k].art & 31);
      }
    if (arts < 2) continue;
    groups++;
    printf("group %d (%d quotes, %d articles)\n", groups, members, arts);
    for (size_t k = 0; k < n; k++)
      if (I[k].group == g) {
        art *a = &A[I[k].art];
        td_quote *q = &a->Q[I[k].q];
        const char *base = strrchr(a->path, '/');
        printf("  %-28s %-16s %.*s\n", base ? base + 1 : a->path, q->speaker ? q->speaker : "-",
               (int)(q->end - q->start > 110 ? 110 : q->end - q->start), a->text + q->start);
      }
  }
  for (size_t i = 0; i < n; i++)
    td_quote_sig_free(I[i].sig);
  free(I);
  for (int f = 0; f < argc; f++)
    free_art(&A[f]);
  free(A);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "polnear")) {
    int errors = argc > 3 && !strcmp(argv[3], "--errors");
    return cmd_polnear(argv[2], errors, errors && argc > 4 ? argv[4] : NULL);
  }
  if (argc >= 3 && !strcmp(argv[1], "show")) return cmd_show(argc - 2, argv + 2);
  if (argc >= 3 && !strcmp(argv[1], "group")) return cmd_group(argc - 2, argv + 2);
  fprintf(stderr, "usage: quotes polnear DIR [--errors [train|dev]]\n"
                  "       quotes show FILE...\n       quotes group FILE...\n");
  return 1;
}
