/*
** conflicts.c — conflicting details between outlets (synthesise stage; see
** conflicts.h for what counts as a conflict).
**
** Each article of the model is read once for its details: the quantities
** of every sentence (value, hedge, what they count, the words around them,
** the narrower place or group they are said of, what an amount of money is
** for and what a distance is measured from),
** its dates (extract/date.h, resolved against the article's own publication
** date) and its people and places (extract/entity.h). Then the linked
** sentence pairs of different outlets are compared: numbers on any link
** (two sentences about one toll may otherwise differ a lot), dates and
** places only between sentences that state the same fact. Titles are
** compared per person across articles, since an outlet names a person's
** office once, not in every sentence.
*/
#include "synth/conflicts.h"
#include "extract/date.h"
#include "extract/entity.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "text/token.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ quantities */

static int is_distance(const char *unit);

enum hedge { H_EXACT, H_LOWER, H_UPPER, H_NEAR_BELOW, H_ABOUT };

#define NCTX 10
typedef struct qty {
  uint32_t sent;       /* sentence index in the model */
  double v, lo, hi;    /* value and the range it allows */
  size_t start, end;   /* bytes in the doc text: hedge .. number .. unit */
  int age;
  int rounded;         /* written with a scale word or decimals: "1.2 million" */
  char unit[24];       /* key of what is counted, "" when unknown */
  char ctx[NCTX][24];  /* keys (or classes) of the words around it */
  int nctx;
  long person;         /* ages: entity index in the doc, -1 unknown */
  char scope[24];      /* narrower place or group it is said of ("in
                          Alexandria", "among children"), "" when none */
  char head[3][24];    /* amounts: what the money is ("budget", "new
                          spending"); keys of the words after it */
  int nhead;
  int increment;       /* amounts: "new"/"additional" money, not a total */
  int other;           /* "two other victims", "three more": a part */
  char noun[24];       /* ages: key of the word a "54-year-old" describes */
} qty;

typedef struct docinfo {
  td_date *dates;
  size_t ndates;
  td_entity_set *ents;
  qty *q;
  size_t nq, aq;
} docinfo;

static int word_eq(const char *s, size_t n, const char *w) {
  return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static const struct {
  const char *w;
  double v;
} number_words[] = {{"two", 2},      {"three", 3},    {"four", 4},      {"five", 5},
                    {"six", 6},      {"seven", 7},    {"eight", 8},     {"nine", 9},
                    {"ten", 10},     {"eleven", 11},  {"twelve", 12},   {"thirteen", 13},
                    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},  {"seventeen", 17},
                    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},  {"thirty", 30},
                    {"forty", 40},   {"fifty", 50},   {"sixty", 60},    {"seventy", 70},
                    {"eighty", 80},  {"ninety", 90},  {"dozen", 12},    {"hundred", 100}};

static const struct {
  const char *w;
  double f;
} scales[] = {{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
              {"bn", 1e9},       {"mn", 1e6},      {"m", 1e6},       {"k", 1e3}};

/* Words that say how a count relates to the truth. */
static const struct {
  const char *a, *b; /* b may be NULL */
  enum hedge h;
} hedges[] = {{"at", "least", H_LOWER},     {"more", "than", H_LOWER},  {"over", NULL, H_LOWER},
              {"above", NULL, H_LOWER},     {"exceeding", NULL, H_LOWER},
              {"up", "to", H_UPPER},        {"fewer", "than", H_UPPER}, {"less", "than", H_UPPER},
              {"under", NULL, H_UPPER},     {"at", "most", H_UPPER},    {"nearly", NULL, H_NEAR_BELOW},
              {"almost", NULL, H_NEAR_BELOW}, {"about", NULL, H_ABOUT}, {"around", NULL, H_ABOUT},
              {"roughly", NULL, H_ABOUT},   {"approximately", NULL, H_ABOUT},
              {"some", NULL, H_ABOUT},      {"estimated", NULL, H_ABOUT}, {"nearby", NULL, H_EXACT}};

/* Words between a number and what it counts that are not the thing. */
static const char *const unit_skip[] = {"more", "additional", "other", "new", "extra", "further",
                                        "of", "the", "their", "those", "these", "were",
                                        "are", "people's", "times"};

/* Classes of words that name the same count in different words. */
static const struct {
  const char *stem, *cls;
} classes[] = {{"kill", "@dead"},     {"die", "@dead"},     {"dead", "@dead"},    {"death", "@dead"},
               {"toll", "@dead"},     {"live", "@dead"},    {"fatal", "@dead"},   {"slain", "@dead"},
               {"perish", "@dead"},   {"bodi", "@dead"},    {"injur", "@hurt"},   {"injuri", "@hurt"},
               {"wound", "@hurt"},    {"hurt", "@hurt"},    {"arrest", "@arrest"}, {"detain", "@arrest"},
               {"miss", "@missing"},  {"peopl", "peopl"},   {"person", "peopl"},  {"resid", "peopl"},
               {"individu", "peopl"}, {"year", "@year"},    {"old", "@year"}};

static const char *class_of(const char *k) {
  for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
    if (!strcmp(classes[i].stem, k)) return classes[i].cls;
  return k;
}

/* The class of a word w[0..n) whose key is k: "missing" counts the
** missing, but "miss" ("will miss two games") does not, though both stem
** to "miss". */
static const char *class_of_word(const char *k, const char *w, size_t n) {
  if (!strcmp(k, "miss") && !word_eq(w, n, "missing")) return k;
  return class_of(k);
}

static int in_date(const docinfo *di, size_t s, size_t e) {
  for (size_t i = 0; i < di->ndates; i++)
    if (di->dates[i].start < e && s < di->dates[i].end) return 1;
  return 0;
}

/* Parse a number token; 0 when it is a time, a fraction or not a count. */
static int parse_number(const char *s, size_t n, double *v, int *pct) {
  char buf[64];
  size_t k = 0;
  int digits = 0, comma = 0, dot = 0;
  *pct = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (k + 1 >= sizeof buf) return 0;
      buf[k++] = c;
      digits++;
    } else if (c == ',') {
      comma = 1;
    } else if (c == '.') {
      if (k + 1 >= sizeof buf) return 0;
      buf[k++] = '.';
      dot = 1;
    } else if (c == '%') {
      *pct = 1;
    } else {
      return 0; /* 9:30, 24/7 */
    }
  }
  buf[k] = '\0';
  if (!digits) return 0;
  *v = strtod(buf, NULL);
  /* A bare four-digit number in the calendar's range is a year. */
  if (!comma && !dot && !*pct && digits == 4 && *v >= 1800 && *v <= 2100) return 0;
  return 1;
}

static int push_qty(docinfo *di, const qty *q) {
  if (di->nq == di->aq) {
    size_t na = di->aq ? di->aq * 2 : 16;
    qty *nq = td_realloc(di->q, na * sizeof *nq);
    if (!nq) return -1;
    di->q = nq;
    di->aq = na;
  }
  di->q[di->nq++] = *q;
  return 0;
}

static void add_ctx(qty *q, const char *k) {
  if (q->nctx >= NCTX || strlen(k) >= sizeof q->ctx[0]) return;
  for (int i = 0; i < q->nctx; i++)
    if (!strcmp(q->ctx[i], k)) return;
  strcpy(q->ctx[q->nctx++], k);
}

/* The key of a word token for context and units ("" for stopwords). */
static void key_of(const td_synth_model *m, const char *text, const td_token *t, char *out,
                   size_t cap) {
  size_t n = td_synth_word_key(m->stemmer, text + t->start, t->end - t->start, out, cap - 1);
  out[n] = '\0';
}

static int is_month(const char *w, size_t n) {
  static const char *const months[] = {"january", "february", "march", "april", "may",
                                       "june", "july", "august", "september", "october",
                                       "november", "december", "jan", "feb", "mar", "apr",
                                       "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  for (size_t k = 0; k < sizeof months / sizeof *months; k++)
    if (word_eq(w, n, months[k])) return 1;
  return 0;
}

/* What an amount of money is: "$6 trillion budget", "$5 trillion in new
** federal spending". Two amounts of different things ("new spending" and
** "a budget") are two figures, not a dispute; "new"/"additional" marks an
** increment, which is never the same figure as a total. */
static void amount_head(const td_synth_model *m, const char *text, const td_token *tk, size_t nt,
                        size_t j, qty *q) {
  static const char *const incr[] = {"new", "additional", "extra", "more", "further"};
  if (j < nt && tk[j].kind == TD_TOK_WORD &&
      (word_eq(text + tk[j].start, tk[j].end - tk[j].start, "in") ||
       word_eq(text + tk[j].start, tk[j].end - tk[j].start, "of") ||
       word_eq(text + tk[j].start, tk[j].end - tk[j].start, "for")))
    j++;
  for (size_t k = j; k < nt && k < j + 5 && q->nhead < 3; k++) {
    if (tk[k].kind != TD_TOK_WORD) {
      if (tk[k].kind == TD_TOK_PUNCT && text[tk[k].start] == '-') continue;
      break;
    }
    const char *w = text + tk[k].start;
    size_t wn = tk[k].end - tk[k].start;
    if (word_eq(w, wn, "the") || word_eq(w, wn, "a") || word_eq(w, wn, "an")) continue;
    int inc = 0;
    for (size_t x = 0; x < sizeof incr / sizeof *incr; x++)
      if (word_eq(w, wn, incr[x])) inc = 1;
    if (inc) {
      q->increment = 1;
      continue;
    }
    char key[24];
    key_of(m, text, &tk[k], key, sizeof key);
    if (!key[0]) break;
    snprintf(q->head[q->nhead++], sizeof q->head[0], "%s", key);
  }
}

static int is_distance(const char *unit) {
  static const char *const d[] = {"mile", "kilom", "km", "metr", "meter", "feet", "foot", "yard"};
  for (size_t k = 0; k < sizeof d / sizeof *d; k++)
    if (!strncmp(unit, d[k], strlen(d[k]))) return 1;
  return 0;
}

/* What a distance is measured from: "50 miles from the capital", "130 miles
** north of the border". Two distances from different points are two
** figures. The keys go to q->head, compared as amounts' heads are. */
static void distance_ref(const td_synth_model *m, const char *text, const td_token *tk, size_t nt,
                         size_t end, qty *q) {
  static const char *const dirs[] = {"north", "south", "east", "west", "northeast", "northwest",
                                     "southeast", "southwest", "away", "inland", "offshore"};
  size_t k = 0;
  while (k < nt && tk[k].start < end) k++;
  for (; k < nt && tk[k].kind == TD_TOK_WORD; k++) {
    int dir = 0;
    for (size_t x = 0; x < sizeof dirs / sizeof *dirs; x++)
      if (word_eq(text + tk[k].start, tk[k].end - tk[k].start, dirs[x])) dir = 1;
    if (!dir) break;
  }
  if (k >= nt || tk[k].kind != TD_TOK_WORD ||
      !(word_eq(text + tk[k].start, tk[k].end - tk[k].start, "from") ||
        word_eq(text + tk[k].start, tk[k].end - tk[k].start, "of")))
    return;
  for (k++; k < nt && q->nhead < 3; k++) {
    if (tk[k].kind != TD_TOK_WORD) break;
    const char *w = text + tk[k].start;
    size_t wn = tk[k].end - tk[k].start;
    if (word_eq(w, wn, "the") || word_eq(w, wn, "a") || word_eq(w, wn, "an")) continue;
    char key[24];
    key_of(m, text, &tk[k], key, sizeof key);
    if (!key[0]) break;
    snprintf(q->head[q->nhead++], sizeof q->head[0], "%s", key);
  }
}

/* The narrower place or group a count is said of: the nearest "in
** Alexandria" / "at Dorn" / "near Velsk" (a capitalised name, not a date)
** or "among children" in its sentence. A toll in one city is a part of a
** toll in the country, not another figure for it. */
static void find_scope(const docinfo *di, const char *text, const td_token *tk, size_t nt,
                       size_t at, qty *q) {
  size_t best = (size_t)-1, bestd = (size_t)-1;
  for (size_t k = 0; k + 1 < nt; k++) {
    if (tk[k].kind != TD_TOK_WORD || tk[k + 1].kind != TD_TOK_WORD) continue;
    const char *w = text + tk[k].start;
    size_t wn = tk[k].end - tk[k].start;
    int among = word_eq(w, wn, "among");
    if (!among && !word_eq(w, wn, "in") && !word_eq(w, wn, "at") && !word_eq(w, wn, "near") &&
        !word_eq(w, wn, "outside"))
      continue;
    if (!among && (!tk[k + 1].upper || in_date(di, tk[k + 1].start, tk[k + 1].end))) continue;
    if (among && (word_eq(text + tk[k + 1].start, tk[k + 1].end - tk[k + 1].start, "them") ||
                  word_eq(text + tk[k + 1].start, tk[k + 1].end - tk[k + 1].start, "the")))
      continue;
    /* A place the gazetteer knows beats a nearer other name ("outside St
    ** Mark's church" in "In Alexandria, ..."); among places, the nearest. */
    size_t d = k > at ? k - at : at - k;
    const td_gaz_entry *g =
        among ? NULL : td_gaz_lookup(text + tk[k + 1].start, tk[k + 1].end - tk[k + 1].start, 0);
    if (!g || (g->kind != TD_GAZ_COUNTRY && g->kind != TD_GAZ_CITY && g->kind != TD_GAZ_REGION))
      d += (size_t)1 << 20;
    if (d < bestd) {
      bestd = d;
      best = k + 1;
    }
  }
  if (best == (size_t)-1) return;
  size_t n = tk[best].end - tk[best].start;
  if (n >= sizeof q->scope) n = sizeof q->scope - 1;
  for (size_t x = 0; x < n; x++) q->scope[x] = (char)tolower((unsigned char)text[tk[best].start + x]);
  q->scope[n] = '\0';
}

/* The quantities of sentence s (tokens tk[0..nt), offsets into the doc). */
/* The entity whose mention starts at byte `at`, people and untyped names
** only; -1 when none. */
static long person_at(const td_entity_set *es, size_t at, size_t *end) {
  for (size_t k = 0; k < es->nmentions; k++) {
    const td_mention *mn = &es->mentions[k];
    if (mn->start != at) continue;
    td_entity_kind kd = es->ents[mn->entity].kind;
    if (kd != TD_ENT_PERSON && kd != TD_ENT_OTHER) return -1;
    *end = mn->end;
    return (long)mn->entity;
  }
  return -1;
}

/* Whose age is a "54-year-old" (tokens first..after-1, the sentence
** ending at byte send)? The one it describes: a name right after it ("the
** 54-year-old Anna Berg"), or after a noun or two in lower case ("54-year-old
** gunman Tom Reed", "a 54-year-old man, Tom Reed,"); or the name it stands
** in apposition to ("Anna Berg, a 54-year-old teacher"). Not the name before
** it otherwise: "Trump's 41-year-old campaign manager" is no age of Trump,
** nor is "the 78-year-old Trump supporter" (a name followed by a noun). -1
** when unknown. */
static long age_after(const td_entity_set *es, const char *text, const td_token *tk, size_t nt,
                      size_t first, size_t after, size_t send) {
  size_t k = after, nouns = 0;
  while (k < nt && tk[k].start < send && nouns <= 2) {
    if (tk[k].kind == TD_TOK_WORD && tk[k].upper) {
      size_t end = 0;
      long e = person_at(es, tk[k].start, &end);
      if (e < 0) return -1;
      /* a name used as a modifier: "the Trump supporter" */
      size_t x = k;
      while (x < nt && tk[x].start < end) x++;
      if (x < nt && tk[x].kind == TD_TOK_WORD && !tk[x].upper && tk[x].start < send &&
          !word_eq(text + tk[x].start, tk[x].end - tk[x].start, "and") && x == k + 1)
        return -1;
      return e;
    }
    if (tk[k].kind == TD_TOK_WORD) {
      /* "the 8-year-old nephew of Anna Berg": the age is the nephew's */
      if (td_lex_stopword(text + tk[k].start, tk[k].end - tk[k].start)) break;
      nouns++;
    } else if (!(tk[k].kind == TD_TOK_PUNCT && text[tk[k].start] == ',')) {
      break;
    }
    k++;
  }
  /* "Anna Berg, a 54-year-old teacher": name, comma, article */
  if (first >= 2 && tk[first - 1].kind == TD_TOK_WORD && tk[first - 2].kind == TD_TOK_PUNCT &&
      text[tk[first - 2].start] == ',' &&
      (word_eq(text + tk[first - 1].start, tk[first - 1].end - tk[first - 1].start, "a") ||
       word_eq(text + tk[first - 1].start, tk[first - 1].end - tk[first - 1].start, "an"))) {
    size_t comma = tk[first - 2].start;
    long best = -1;
    for (size_t m = 0; m < es->nmentions; m++)
      if (es->mentions[m].end <= comma && comma - es->mentions[m].end <= 1) {
        td_entity_kind kd = es->ents[es->mentions[m].entity].kind;
        if (kd == TD_ENT_PERSON || kd == TD_ENT_OTHER) best = (long)es->mentions[m].entity;
      }
    return best;
  }
  return -1;
}

/* Is the number tk[i] a time of day or part of a name rather than a count:
** letters glued to it ("650M", "16GB", "4.30pm"; not an ordinal's suffix,
** not after a currency sign), a colon beside it ("12:00"), the decimals of
** a figure glued to a word ("magnitude-6.0"), or a clock word after it
** ("1100 hrs", "3 pm")? */
static int clock_or_model(const char *text, const td_token *tk, size_t nt, size_t i) {
  const td_token *t = &tk[i];
  int money = i > 0 && tk[i - 1].kind == TD_TOK_PUNCT && tk[i - 1].end == t->start &&
              (text[tk[i - 1].start] == '$' || (unsigned char)text[tk[i - 1].start] >= 0x80);
  if (!money && i + 1 < nt && tk[i + 1].start == t->end && tk[i + 1].kind == TD_TOK_WORD) {
    const char *o = text + tk[i + 1].start;
    size_t on = tk[i + 1].end - tk[i + 1].start;
    /* ordinals are handled (and read as ranks) by the caller */
    if (!word_eq(o, on, "st") && !word_eq(o, on, "nd") && !word_eq(o, on, "rd") &&
        !word_eq(o, on, "th"))
      return 1;
  }
  if (i > 0 && tk[i - 1].end == t->start && tk[i - 1].kind == TD_TOK_PUNCT &&
      text[tk[i - 1].start] == ':')
    return 1;
  /* the decimals of a figure glued to a word: "magnitude-6.0" */
  if (i > 1 && tk[i - 1].end == t->start && tk[i - 1].kind == TD_TOK_PUNCT &&
      text[tk[i - 1].start] == '.' && tk[i - 2].end == tk[i - 1].start &&
      tk[i - 2].kind == TD_TOK_WORD)
    return 1;
  if (i + 2 < nt && tk[i + 1].start == t->end && tk[i + 1].kind == TD_TOK_PUNCT &&
      text[tk[i + 1].start] == ':' && tk[i + 2].start == tk[i + 1].end &&
      tk[i + 2].kind == TD_TOK_NUMBER)
    return 1;
  static const char *const clock[] = {"am", "pm", "a.m", "p.m", "hrs", "gmt", "utc", "edt", "est",
                                      "pdt", "pst", "bst", "cet"};
  if (i + 1 < nt && tk[i + 1].kind == TD_TOK_WORD) {
    const char *o = text + tk[i + 1].start;
    size_t on = tk[i + 1].end - tk[i + 1].start;
    for (size_t k = 0; k < sizeof clock / sizeof *clock; k++)
      if (word_eq(o, on, clock[k])) return 1;
  }
  return 0;
}

static int sentence_qty(const td_synth_model *m, docinfo *di, uint32_t s, const char *text,
                        const td_token *tk, size_t nt) {
  /* "The death toll from Sunday's blast has risen to 23": the toll is named
  ** far from its number, beyond the context window, so the first count after
  ** the word "toll" counts the dead. */
  int toll = 0;
  for (size_t i = 0; i < nt; i++) {
    const td_token *t = &tk[i];
    const char *w = text + t->start;
    if (t->kind == TD_TOK_WORD && word_eq(w, t->end - t->start, "toll")) toll = 1;
    size_t wn = t->end - t->start;
    qty q;
    memset(&q, 0, sizeof q);
    q.sent = s;
    q.person = -1;
    int pct = 0, ok = 0;
    if (t->kind == TD_TOK_NUMBER) {
      ok = parse_number(w, wn, &q.v, &pct);
      if (ok && q.v != floor(q.v)) q.rounded = 1;
    } else if (t->kind == TD_TOK_WORD) {
      for (size_t k = 0; k < sizeof number_words / sizeof *number_words; k++)
        if (word_eq(w, wn, number_words[k].w)) {
          q.v = number_words[k].v;
          ok = 1;
          break;
        }
      /* "hundred" alone is only a number after "a"/"one" — else a scale. */
      if (ok && i > 0 && tk[i - 1].kind == TD_TOK_NUMBER) ok = 0;
    }
    if (!ok || in_date(di, t->start, t->end)) continue;
    /* A day after a month the date reader missed is no count: "in Aug. 1
    ** week", "Sept 3". */
    if (t->kind == TD_TOK_NUMBER && i > 0) {
      size_t pm = i - 1;
      if (pm > 0 && tk[pm].kind == TD_TOK_PUNCT && text[tk[pm].start] == '.') pm--;
      if (tk[pm].kind == TD_TOK_WORD && is_month(text + tk[pm].start, tk[pm].end - tk[pm].start))
        continue;
    }
    /* An ordinal is a rank, not a count: "the 20th straight week". */
    if (t->kind == TD_TOK_NUMBER && i + 1 < nt && tk[i + 1].start == t->end &&
        tk[i + 1].kind == TD_TOK_WORD) {
      const char *o = text + tk[i + 1].start;
      size_t on = tk[i + 1].end - tk[i + 1].start;
      if (word_eq(o, on, "st") || word_eq(o, on, "nd") || word_eq(o, on, "rd") ||
          word_eq(o, on, "th"))
        continue;
    }
    /* Times of day and model numbers are no counts (money shorthand,
    ** "$908B", is read below). */
    if (t->kind == TD_TOK_NUMBER && clock_or_model(text, tk, nt, i)) continue;
    /* A part of a count is not the count: "six of the dead", "two of them". */
    if (i + 2 < nt && tk[i + 1].kind == TD_TOK_WORD && tk[i + 2].kind == TD_TOK_WORD &&
        word_eq(text + tk[i + 1].start, tk[i + 1].end - tk[i + 1].start, "of")) {
      const char *w2 = text + tk[i + 2].start;
      size_t n2 = tk[i + 2].end - tk[i + 2].start;
      if (word_eq(w2, n2, "the") || word_eq(w2, n2, "them") || word_eq(w2, n2, "those") ||
          word_eq(w2, n2, "these") || word_eq(w2, n2, "whom") || word_eq(w2, n2, "which"))
        continue;
    }
    q.start = t->start;
    q.end = t->end;
    size_t j = i + 1;
    /* Scale words: "1.2 million", "340 thousand"; joined by hyphens in an
    ** adjective, "a 40-million-crown fund" (then the rest is the unit). */
    int money = i > 0 && tk[i - 1].kind == TD_TOK_PUNCT && tk[i - 1].end == t->start &&
                ((tk[i - 1].end - tk[i - 1].start == 1 && text[tk[i - 1].start] == '$') ||
                 (tk[i - 1].end - tk[i - 1].start == 2 && !memcmp(text + tk[i - 1].start, "\xc2\xa3", 2)) ||
                 (tk[i - 1].end - tk[i - 1].start == 3 && !memcmp(text + tk[i - 1].start, "\xe2\x82\xac", 3)));
    if (money && j < nt && tk[j].kind == TD_TOK_WORD && tk[j].start == t->end &&
        (word_eq(text + tk[j].start, tk[j].end - tk[j].start, "b") ||
         word_eq(text + tk[j].start, tk[j].end - tk[j].start, "t"))) {
      /* Headline shorthand glued to the figure: "$908B", "$6T". */
      q.v *= (text[tk[j].start] | 0x20) == 'b' ? 1e9 : 1e12;
      q.rounded = 1;
      q.end = tk[j].end;
      j++;
    } else if (j < nt && tk[j].kind == TD_TOK_WORD) {
      for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
        if (word_eq(text + tk[j].start, tk[j].end - tk[j].start, scales[k].w)) {
          q.v *= scales[k].f;
          q.rounded = 1;
          q.end = tk[j].end;
          j++;
          break;
        }
    } else if (j + 1 < nt && tk[j].kind == TD_TOK_PUNCT && text[tk[j].start] == '-' &&
               tk[j].end == tk[j + 1].start && tk[j + 1].kind == TD_TOK_WORD) {
      const char *w1 = text + tk[j + 1].start;
      size_t n1 = tk[j + 1].end - tk[j + 1].start;
      const char *dash = memchr(w1, '-', n1);
      size_t head = dash ? (size_t)(dash - w1) : n1;
      for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
        if (strlen(scales[k].w) > 2 && word_eq(w1, head, scales[k].w)) {
          q.v *= scales[k].f;
          q.rounded = 1;
          q.end = tk[j + 1].end;
          if (dash && !pct) {
            char key[24];
            size_t kn = td_synth_word_key(m->stemmer, dash + 1, n1 - head - 1, key, sizeof key - 1);
            key[kn] = '\0';
            if (kn) snprintf(q.unit, sizeof q.unit, "%s", class_of(key));
          }
          j += 2;
          break;
        }
    }
    if (pct) strcpy(q.unit, "%");
    if (j < nt && tk[j].kind == TD_TOK_WORD &&
        (word_eq(text + tk[j].start, tk[j].end - tk[j].start, "percent") ||
         (word_eq(text + tk[j].start, tk[j].end - tk[j].start, "per") && j + 1 < nt &&
          word_eq(text + tk[j + 1].start, tk[j + 1].end - tk[j + 1].start, "cent")))) {
      strcpy(q.unit, "%");
      q.end = tk[j].end;
      j++;
    }
    /* Currency sign before the number. */
    if (i > 0 && tk[i - 1].kind == TD_TOK_PUNCT && tk[i - 1].end == t->start) {
      const char *c = text + tk[i - 1].start;
      size_t cn = tk[i - 1].end - tk[i - 1].start;
      if ((cn == 1 && *c == '$') || (cn == 2 && !memcmp(c, "\xc2\xa3", 2)) ||
          (cn == 3 && !memcmp(c, "\xe2\x82\xac", 3))) {
        snprintf(q.unit, sizeof q.unit, "%.*s", (int)cn, c);
        q.start = tk[i - 1].start;
      }
    }
    /* Ages: "54-year-old", "54 years old", "aged 54", "Smith, 54,". */
    size_t pw = (q.start == t->start) ? i : i - 1; /* index of the first token */
    int before_noun = 0; /* "54-year-old": it describes what follows */
    if (j + 1 < nt && tk[j].kind == TD_TOK_PUNCT && text[tk[j].start] == '-' &&
        tk[j + 1].kind == TD_TOK_WORD &&
        (word_eq(text + tk[j + 1].start, tk[j + 1].end - tk[j + 1].start, "year-old") ||
         word_eq(text + tk[j + 1].start, tk[j + 1].end - tk[j + 1].start, "years-old"))) {
      q.age = 1;
      q.end = tk[j + 1].end;
      before_noun = 1;
    } else if (j + 1 < nt && tk[j].kind == TD_TOK_WORD && tk[j + 1].kind == TD_TOK_WORD &&
               (word_eq(text + tk[j].start, tk[j].end - tk[j].start, "years") ||
                word_eq(text + tk[j].start, tk[j].end - tk[j].start, "year")) &&
               word_eq(text + tk[j + 1].start, tk[j + 1].end - tk[j + 1].start, "old")) {
      q.age = 1;
      q.end = tk[j + 1].end;
    } else if (pw > 0 && tk[pw - 1].kind == TD_TOK_WORD &&
               (word_eq(text + tk[pw - 1].start, tk[pw - 1].end - tk[pw - 1].start, "aged") ||
                word_eq(text + tk[pw - 1].start, tk[pw - 1].end - tk[pw - 1].start, "age"))) {
      q.age = 1;
      q.start = tk[pw - 1].start;
    } else if (pw > 1 && t->kind == TD_TOK_NUMBER && tk[pw - 1].kind == TD_TOK_PUNCT &&
               text[tk[pw - 1].start] == ',' && tk[pw - 2].kind == TD_TOK_WORD &&
               tk[pw - 2].upper && (j >= nt || (tk[j].kind == TD_TOK_PUNCT &&
                                                (text[tk[j].start] == ',' ||
                                                 text[tk[j].start] == '.'))) &&
               q.v >= 1 && q.v <= 120 && q.v == floor(q.v)) {
      q.age = 1;
    }
    if (q.age) {
      strcpy(q.unit, "age");
      /* The person: the nearest name before it in this sentence, else after;
      ** but a "54-year-old" is the person named after it (age_after). */
      if (before_noun && j + 2 < nt && tk[j + 2].kind == TD_TOK_WORD && !tk[j + 2].upper)
        key_of(m, text, &tk[j + 2], q.noun, sizeof q.noun);
      if (di->ents && before_noun) {
        q.person = age_after(di->ents, text, tk, nt, pw, j + 2, m->sents[s].end);
      } else if (di->ents) {
        const td_entity_set *es = di->ents;
        size_t sstart = m->sents[s].start, send = m->sents[s].end;
        long best = -1;
        for (size_t k = 0; k < es->nmentions; k++) {
          const td_mention *mn = &es->mentions[k];
          /* People the gazetteer does not know come out untyped. */
          td_entity_kind kd = es->ents[mn->entity].kind;
          if (kd != TD_ENT_PERSON && kd != TD_ENT_OTHER) continue;
          if (mn->start >= sstart && mn->end <= q.start) best = (long)mn->entity;
          if (mn->start >= q.end && mn->end <= send && best < 0) {
            best = (long)mn->entity;
            break;
          }
        }
        q.person = best;
      }
    } else if (!q.unit[0]) {
      /* What it counts: the first content word after it, past adjectives. */
      for (size_t k = j, seen = 0; k < nt && seen < 3; k++) {
        if (tk[k].kind != TD_TOK_WORD) {
          if (tk[k].kind == TD_TOK_PUNCT && text[tk[k].start] == '-') continue;
          break;
        }
        const char *u = text + tk[k].start;
        size_t un = tk[k].end - tk[k].start;
        int skip = 0;
        for (size_t x = 0; x < sizeof unit_skip / sizeof *unit_skip; x++)
          if (word_eq(u, un, unit_skip[x])) skip = 1;
        if (word_eq(u, un, "other") || word_eq(u, un, "more") || word_eq(u, un, "additional") ||
            word_eq(u, un, "further") || word_eq(u, un, "extra"))
          q.other = 1;
        seen++;
        if (skip || tk[k].upper) continue;
        char key[24];
        key_of(m, text, &tk[k], key, sizeof key);
        if (!key[0]) break;
        snprintf(q.unit, sizeof q.unit, "%s", class_of_word(key, u, un));
        q.end = tk[k].end;
        break;
      }
    }
    /* Hedge words before it. */
    enum hedge h = H_EXACT;
    if (pw > 0 && tk[pw - 1].kind == TD_TOK_WORD) {
      const td_token *a = pw > 1 ? &tk[pw - 2] : NULL, *b = &tk[pw - 1];
      for (size_t k = 0; k < sizeof hedges / sizeof *hedges; k++) {
        if (hedges[k].b) {
          if (a && a->kind == TD_TOK_WORD && word_eq(text + a->start, a->end - a->start, hedges[k].a) &&
              word_eq(text + b->start, b->end - b->start, hedges[k].b)) {
            h = hedges[k].h;
            if (!q.age) q.start = a->start;
            break;
          }
        } else if (word_eq(text + b->start, b->end - b->start, hedges[k].a)) {
          h = hedges[k].h;
          if (!q.age) q.start = b->start;
          break;
        }
      }
    }
    switch (h) {
    case H_EXACT: q.lo = q.hi = q.v; break;
    case H_LOWER: q.lo = q.v; q.hi = INFINITY; break;
    case H_UPPER: q.lo = 0; q.hi = q.v; break;
    case H_NEAR_BELOW: q.lo = q.v * 0.85; q.hi = q.v; break;
    case H_ABOUT: q.lo = q.v * 0.9; q.hi = q.v * 1.1; break;
    }
    /* Context: content words within four tokens either side. */
    size_t lo = i > 4 ? i - 4 : 0, hi = j + 4 < nt ? j + 4 : nt;
    for (size_t k = lo; k < hi; k++) {
      if (tk[k].kind != TD_TOK_WORD || (tk[k].start >= q.start && tk[k].end <= q.end)) continue;
      char key[24];
      key_of(m, text, &tk[k], key, sizeof key);
      if (key[0]) add_ctx(&q, class_of_word(key, text + tk[k].start, tk[k].end - tk[k].start));
    }
    if (q.unit[0] && !isalpha((unsigned char)q.unit[0]) && strcmp(q.unit, "%"))
      amount_head(m, text, tk, nt, j, &q);
    if (!q.age) find_scope(di, text, tk, nt, i, &q);
    if (is_distance(q.unit)) distance_ref(m, text, tk, nt, q.end, &q);
    if (toll && !q.age) {
      add_ctx(&q, "@dead");
      toll = 0;
    }
    if (push_qty(di, &q)) return -1;
  }
  return 0;
}

static int doc_details(const td_synth_model *m, size_t d, docinfo *di) {
  const td_synth_doc *doc = &m->docs[d];
  if (td_synth_dates(doc, &di->dates, &di->ndates)) return -1;
  if (td_entities_extract(doc->text, doc->len, NULL, 0, &di->ents)) return -1;
  for (size_t s = m->first[d]; s < m->first[d + 1]; s++) {
    const td_synth_sent *S = &m->sents[s];
    td_token *tk = NULL;
    size_t nt = td_tokenize(doc->text + S->start, S->end - S->start, &tk);
    if (nt == (size_t)-1) return -1;
    for (size_t k = 0; k < nt; k++) {
      tk[k].start += S->start;
      tk[k].end += S->start;
    }
    int rc = sentence_qty(m, di, (uint32_t)s, doc->text, tk, nt);
    td_free(tk);
    if (rc) return -1;
  }
  return 0;
}

/* ---------------------------------------------------------------- names */

/* Two names as outlets spell them: the same after folding, the same
** consonant skeleton word by word, or close by td_name_similarity. */
static size_t name_skeleton(const char *s, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; s[i] && k + 1 < cap; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c == ' ') {
      out[k++] = ' ';
      continue;
    }
    if (c < 'a' || c > 'z') continue; /* accents and hyphens: spelling only */
    int first = k == 0 || out[k - 1] == ' ';
    if (!first && (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ||
                   c == 'h' || c == 'w'))
      continue;
    if (!first && out[k - 1] == c) continue;
    out[k++] = c;
  }
  out[k] = '\0';
  return k;
}

static int same_name(const char *a, const char *b) {
  if (!a || !b) return 0;
  if (!strcasecmp(a, b)) return 1;
  if (td_name_similarity(a, strlen(a), b, strlen(b)) >= TD_NAME_MATCH) return 1;
  /* Transliterations keep the consonants: Kharkiv/Kharkov, Tartous/Tartus. */
  size_t la = strlen(a), lb = strlen(b);
  if (la < 5 || lb < 5) return 0;
  char sa[128], sb[128];
  size_t ka = name_skeleton(a, sa, sizeof sa), kb = name_skeleton(b, sb, sizeof sb);
  return ka >= 3 && ka == kb && !memcmp(sa, sb, ka);
}

static const char *surname(const char *n) {
  const char *sp = strrchr(n, ' ');
  return sp ? sp + 1 : n;
}

/* The same person: same name, or one name is the other's surname. */
static int same_person(const td_entity *a, const td_entity *b) {
  if (same_name(a->name, b->name)) return 1;
  int am = strchr(a->name, ' ') != NULL, bm = strchr(b->name, ' ') != NULL;
  if (am && bm) return 0; /* two full names must match as wholes */
  return same_name(surname(a->name), surname(b->name));
}

static int mentions_name(const docinfo *di, const char *name) {
  if (!di->ents) return 0;
  for (size_t i = 0; i < di->ents->n; i++) {
    const td_entity *e = &di->ents->ents[i];
    if (same_name(e->name, name)) return 1;
    for (size_t k = 0; k < e->naliases; k++)
      if (same_name(e->aliases[k], name)) return 1;
  }
  return 0;
}

/* ----------------------------------------------------------------- dates */

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

static int has_weekday(const char *s, size_t n) {
  for (size_t i = 0; i < 7; i++) {
    size_t wl = strlen(weekdays[i]);
    for (size_t k = 0; k + wl <= n; k++)
      if (strncasecmp(s + k, weekdays[i], wl) == 0) return 1;
  }
  return 0;
}

/* Does the clause before byte `at` speak of the future ("will", "expected
** to", "could", or "by"/"until" right before the day)? */
static int future_before(const char *text, size_t at) {
  size_t lo = at > 160 ? at - 160 : 0, b = at;
  while (b > lo && !(text[b - 1] == '.' || text[b - 1] == '\n' || text[b - 1] == ';' ||
                     text[b - 1] == '?' || text[b - 1] == '!'))
    b--;
  static const char *const cues[] = {"will",  "would", "could",    "expected",  "due",
                                     "shall", "plans", "scheduled", "forecast", "forecasts"};
  static const char *const just_before[] = {"by", "until", "before", "till"};
  int last = 1; /* scanning backwards: the first word met is the last before the day */
  size_t e = at;
  while (e > b) {
    while (e > b && !isalpha((unsigned char)text[e - 1]) && text[e - 1] != '\'') e--;
    size_t st = e;
    while (st > b && (isalpha((unsigned char)text[st - 1]) || text[st - 1] == '\'')) st--;
    if (st == e) break;
    const char *w = text + st;
    size_t n = e - st;
    if (n > 3 && !strncasecmp(w + n - 3, "'ll", 3)) return 1;
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
      if (word_eq(w, n, cues[k])) return 1;
    if (last && !word_eq(w, n, "on") && !word_eq(w, n, "late") && !word_eq(w, n, "early")) {
      for (size_t k = 0; k < sizeof just_before / sizeof *just_before; k++)
        if (word_eq(w, n, just_before[k])) return 1;
      last = 0;
    }
    e = st;
  }
  return 0;
}

int td_synth_dates(const td_synth_doc *doc, td_date **out, size_t *n) {
  if (td_dates_extract(doc->text, doc->len, doc->date, out, n)) return -1;
  int py, pm, pd;
  if (!doc->date || sscanf(doc->date, "%4d-%2d-%2d", &py, &pm, &pd) != 3) return 0;
  long pub = td_date_days(py, pm, pd);
  /* The date finder puts a bare weekday on or before publication, as news
  ** reports what happened; a weekday the sentence puts in the future is the
  ** next one ("the minister will visit on Thursday"). */
  for (size_t i = 0; i < *n; i++) {
    td_date *x = &(*out)[i];
    if (!x->relative || x->prec != TD_DATE_DAY) continue;
    long d = td_date_days(x->year, x->month, x->day);
    if (d >= pub || pub - d >= 7) continue;
    if (!has_weekday(doc->text + x->start, x->end - x->start)) continue;
    if (!future_before(doc->text, x->start)) continue;
    td_date_from_days(d + 7, &x->year, &x->month, &x->day);
  }
  return 0;
}

/* ------------------------------------------------------------- building */

static int same_name(const char *a, const char *b);

static int add_value(td_synth_conflict *c, const char *text, size_t tlen, double num, int numeric,
                     uint32_t doc) {
  td_synth_value *v = NULL;
  for (size_t i = 0; i < c->nvalues; i++) {
    td_synth_value *x = &c->values[i];
    int same = 0;
    if (numeric) {
      same = x->num == num;
    } else {
      char t[128];
      snprintf(t, sizeof t, "%.*s", (int)tlen, text);
      same = same_name(x->text, t); /* spelling variants are one value */
    }
    if (same) {
      v = x;
      break;
    }
  }
  if (!v) {
    td_synth_value *nv = td_realloc(c->values, (c->nvalues + 1) * sizeof *nv);
    if (!nv) return -1;
    c->values = nv;
    v = &c->values[c->nvalues];
    memset(v, 0, sizeof *v);
    v->text = td_strndup(text, tlen);
    if (!v->text) return -1;
    v->num = num;
    c->nvalues++;
  }
  for (size_t i = 0; i < v->ndocs; i++)
    if (v->docs[i] == doc) return 0;
  uint32_t *nd = td_realloc(v->docs, (v->ndocs + 1) * sizeof *nd);
  if (!nd) return -1;
  v->docs = nd;
  size_t at = v->ndocs;
  while (at > 0 && nd[at - 1] > doc) {
    nd[at] = nd[at - 1];
    at--;
  }
  nd[at] = doc;
  v->ndocs++;
  return 0;
}

static td_synth_conflict *get_conflict(td_synth_conflicts *out, td_synth_conflict_kind kind,
                                       const char *key, const char *what) {
  for (size_t i = 0; i < out->n; i++)
    if (!strcmp(out->c[i].key, key)) return &out->c[i];
  if (out->n == out->alloc) {
    size_t na = out->alloc ? out->alloc * 2 : 8;
    td_synth_conflict *nc = td_realloc(out->c, na * sizeof *nc);
    if (!nc) return NULL;
    out->c = nc;
    out->alloc = na;
  }
  td_synth_conflict *c = &out->c[out->n];
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->key = td_strdup(key);
  c->what = td_strdup(what);
  if (!c->key || !c->what) {
    td_free(c->key);
    td_free(c->what);
    return NULL;
  }
  out->n++;
  return c;
}

static int ctx_shared(const qty *a, const qty *b, const char **which) {
  for (int i = 0; i < a->nctx; i++)
    for (int k = 0; k < b->nctx; k++)
      if (!strcmp(a->ctx[i], b->ctx[k])) {
        if (which) *which = a->ctx[i];
        return 1;
      }
  return 0;
}

/* Does q count what class `cls` names (its unit or a word around it)? */
static int counts_class(const qty *q, const char *cls) {
  if (!strcmp(q->unit, cls)) return 1;
  for (int i = 0; i < q->nctx; i++)
    if (!strcmp(q->ctx[i], cls)) return 1;
  return 0;
}

static int units_compatible(const qty *a, const qty *b) {
  if (a->age != b->age) return 0;
  if (a->unit[0] && b->unit[0]) return !strcmp(a->unit, b->unit);
  /* A currency or a percentage must be one on both sides. */
  if ((a->unit[0] && !isalpha((unsigned char)a->unit[0])) ||
      (b->unit[0] && !isalpha((unsigned char)b->unit[0])))
    return 0;
  return 1;
}

/* Is x, rounded to the significant digits `y` is written with, y? ("$1
** trillion" for 1.2 trillion, "1.9 million" for 1,861,820.) */
static int rounds_to(double x, double y) {
  if (y == 0 || x == 0) return 0;
  /* The place of y's last significant digit: the largest power of ten
  ** that divides it (1.2e12: 1e11; 1e12: 1e12; 1861.82: 0.01). */
  double unit = pow(10, floor(log10(fabs(y))));
  for (int k = 0; k < 12; k++) {
    double r = y / unit;
    if (fabs(r - floor(r + 0.5)) <= 1e-6 * fabs(r)) break;
    unit /= 10;
  }
  return fabs(x - y) <= unit / 2 + 1e-9 * fabs(y);
}

static int overlap(const qty *a, const qty *b) {
  /* Within a thousandth (1,861.81 and 1,861.82 points) is one value told
  ** twice, a slip not a dispute. */
  double eps = 1e-3 * fmax(fabs(a->v), fabs(b->v));
  if (a->lo <= b->hi + eps && b->lo <= a->hi + eps) return 1;
  /* A figure given with a scale word or decimals is a rounded figure: it
  ** agrees with any value that rounds to it. Whole counts ("12 people") are
  ** exact and keep to the ranges above. */
  if (a->rounded || b->rounded) return rounds_to(a->v, b->v) || rounds_to(b->v, a->v);
  return 0;
}

/* Does doc `di` give a value compatible with q anywhere? Then it does not
** dispute q, whatever one sentence says (a toll that rose, a range). */
static int doc_gives(const docinfo *di, const qty *q) {
  for (size_t i = 0; i < di->nq; i++) {
    const qty *x = &di->q[i];
    if (units_compatible(x, q) && overlap(x, q)) return 1;
  }
  return 0;
}

/* Is the unit key a span of time? */
static int time_unit(const char *u) {
  static const char *const t[] = {"@year", "day", "week", "month", "hour", "minut", "second", "decad"};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (!strcmp(u, t[i])) return 1;
  return 0;
}

/* Does the article give TD_SYNTH_MANY_VALUES or more different values (no
** two of them overlapping) for q's unit? */
#define TD_SYNTH_MANY_VALUES 3
static int many_values(const docinfo *di, const qty *q) {
  const qty *seen[TD_SYNTH_MANY_VALUES];
  size_t n = 0;
  for (size_t i = 0; i < di->nq && n < TD_SYNTH_MANY_VALUES; i++) {
    const qty *x = &di->q[i];
    if (x->age != q->age || strcmp(x->unit, q->unit)) continue;
    size_t k = 0;
    while (k < n && !overlap(seen[k], x)) k++;
    if (k == n) seen[n++] = x;
  }
  return n >= TD_SYNTH_MANY_VALUES;
}

/* Two amounts of money that are not one figure: an increment against a
** total, or different things named ("new spending" / "budget"). */
static int amounts_differ(const qty *a, const qty *b) {
  if (a->increment != b->increment) return 1;
  if (!a->nhead || !b->nhead) return 0;
  for (int x = 0; x < a->nhead; x++)
    for (int y = 0; y < b->nhead; y++)
      if (!strcmp(a->head[x], b->head[y])) return 0;
  return 1;
}

/* Does t[0..n) name the word `w` (ASCII case ignored)? */
static int text_mentions(const char *t, size_t n, const char *w) {
  size_t wn = strlen(w);
  for (size_t i = 0; wn && i + wn <= n; i++)
    if (!strncasecmp(t + i, w, wn) && (i == 0 || !isalnum((unsigned char)t[i - 1])) &&
        (i + wn == n || !isalnum((unsigned char)t[i + wn])))
      return 1;
  return 0;
}

/* Does sentence s of the model name `w`? */
static int sent_mentions(const td_synth_model *m, size_t s, const char *w) {
  const td_synth_sent *S = &m->sents[s];
  return text_mentions(m->docs[S->doc].text + S->start, S->end - S->start, w);
}

/* Is `part` (the smaller count) a part of `whole` (in sentence sw of the
** doc whose details are dw)? It is when it is said of a narrower place or group that the
** other sentence does not name, and the other is said of no place or of
** the country that place lies in ("13 killed in Alexandria" / "at least 40
** killed in Egypt"). Two towns for one event stay a dispute. */
static int part_of_whole(const td_synth_model *m, const qty *part, const qty *whole, size_t sw,
                         const docinfo *dw) {
  if (!part->scope[0] || sent_mentions(m, sw, part->scope)) return 0;
  /* An outlet that names the place elsewhere but never counts for it
  ** places its own figure there ("two shells struck the school in
  ** Jabaliya" / "three shells exploded outside the school"). One that
  ** gives a count of its own for the place, or never names it, has the
  ** whole in mind. */
  if (text_mentions(m->docs[m->sents[sw].doc].text, m->docs[m->sents[sw].doc].len, part->scope)) {
    int own = 0;
    for (size_t i = 0; i < dw->nq && !own; i++)
      if (!strcmp(dw->q[i].scope, part->scope) && &dw->q[i] != whole) own = 1;
    if (!own) return 0;
  }
  if (!whole->scope[0]) return 1;
  const td_gaz_entry *w = td_gaz_lookup(whole->scope, strlen(whole->scope), TD_GAZ_COUNTRY);
  if (!w || !w->cc[0]) return 0;
  const td_gaz_entry *p = td_gaz_lookup(part->scope, strlen(part->scope), TD_GAZ_CITY);
  if (!p) p = td_gaz_lookup(part->scope, strlen(part->scope), TD_GAZ_REGION);
  return p && !strcmp(p->cc, w->cc);
}

static int names_of_age_match(const docinfo *da, const qty *a, const docinfo *db, const qty *b) {
  if (a->person < 0 || b->person < 0) return -1; /* unknown */
  return same_person(&da->ents->ents[a->person], &db->ents->ents[b->person]);
}

static void gist(const td_synth_model *m, size_t s, char *out, size_t cap) {
  const td_synth_sent *S = &m->sents[s];
  const char *t = m->docs[S->doc].text + S->start;
  size_t n = S->end - S->start;
  if (n + 1 <= cap) {
    snprintf(out, cap, "%.*s", (int)n, t);
    return;
  }
  size_t k = cap > 5 ? cap - 5 : 0;
  while (k > 0 && t[k] != ' ') k--;
  snprintf(out, cap, "%.*s ...", (int)k, t);
}

/* Per sentence: its quantities are q[qfirst[s] .. qfirst[s+1]) of its
** doc, and whether it holds a date or a place (most pairs have neither). */
typedef struct sentinfo {
  size_t *qfirst;
  uint8_t *has_date, *has_place;
} sentinfo;

static int number_conflicts(const td_synth_model *m, docinfo *info, const sentinfo *si,
                            size_t s1, size_t s2, float sim, td_synth_conflicts *out) {
  uint32_t d1 = m->sents[s1].doc, d2 = m->sents[s2].doc;
  docinfo *i1 = &info[d1], *i2 = &info[d2];
  for (size_t a = si->qfirst[s1]; a < si->qfirst[s1 + 1]; a++) {
    const qty *qa = &i1->q[a];
    for (size_t b = si->qfirst[s2]; b < si->qfirst[s2 + 1]; b++) {
      const qty *qb = &i2->q[b];
      if (!units_compatible(qa, qb) || overlap(qa, qb)) continue;
      /* A distance is disputed only by a distance ("50 miles" is no count
      ** of the "two" missiles); a bare figure may still be one elsewhere
      ** (doc_gives), so this is no part of units_compatible. */
      if (is_distance(qa->unit) != is_distance(qb->unit)) continue;
      const char *shared = NULL;
      int ctx = ctx_shared(qa, qb, &shared);
      char key[200], what[200];
      if (qa->age) {
        int pm = names_of_age_match(i1, qa, i2, qb);
        if (pm == 0 || (pm < 0 && sim < TD_SYNTH_SAME_FACT)) continue;
        /* Without a name, two ages are one person's only when they
        ** describe one word ("a 28-year-old woman" twice), not "the
        ** 8-year-old nephew" and "a 28-year-old woman". */
        if (qa->person < 0 && qb->person < 0 && (!qa->noun[0] || strcmp(qa->noun, qb->noun)))
          continue;
        const char *who = qa->person >= 0 ? i1->ents->ents[qa->person].name
                          : qb->person >= 0 ? i2->ents->ents[qb->person].name : NULL;
        snprintf(key, sizeof key, "a|%s", who ? surname(who) : "?");
        if (who) snprintf(what, sizeof what, "age of %s", who);
        else snprintf(what, sizeof what, "age");
      } else {
        int same_unit = qa->unit[0] && !strcmp(qa->unit, qb->unit);
        /* A count of the dead against one that is not said to be of the
        ** dead ("12 officers shot", "killing five officers") is two counts. */
        /* So are the arrested against the rioters, the hurt against the
        ** people at a rally: a count of a class against one not of it. */
        static const char *const cls_of[] = {"@dead", "@hurt", "@arrest", "@missing"};
        int other = 0, classed = 0;
        /* Both of the dead is enough: "killing 12 and injuring 3". */
        int dead = counts_class(qa, "@dead") && counts_class(qb, "@dead");
        for (size_t x = 0; x < sizeof cls_of / sizeof *cls_of && !dead; x++)
          if (counts_class(qa, cls_of[x]) != counts_class(qb, cls_of[x])) other = 1;
        if (other) continue;
        for (size_t x = 0; x < sizeof cls_of / sizeof *cls_of; x++)
          if (counts_class(qa, cls_of[x]) && counts_class(qb, cls_of[x])) classed = 1;
        /* ...but a span of time is no count of people ("killed ... two
        ** years ago", "jailed for 21 years") */
        if (classed && (time_unit(qa->unit) || time_unit(qb->unit))) continue;
        /* "two other victims", "three more": a part, not the count */
        if (qa->other != qb->other) continue;
        /* A toll, the hurt, the arrested or the missing are one count on any
        ** link (two sentences about one toll may otherwise differ a lot);
        ** anything else is compared only between statements of one fact
        ** that say what they count in one word ("12 hours" / "30 hours"):
        ** a bare figure, or the figures of a sentence merely near in
        ** topic, are scores, records, versions and times as often as
        ** counts of one thing. */
        if (!(classed && ctx) && !(same_unit && sim >= TD_SYNTH_SAME_FACT)) continue;
        /* A measure an article gives several values of (yards, points,
        ** percentages of a poll) is no one fact to dispute. */
        if (!classed && (many_values(i1, qa) || many_values(i2, qb))) continue;
        if (qa->unit[0] == '$' || (unsigned char)qa->unit[0] >= 0x80 || is_distance(qa->unit))
          if (amounts_differ(qa, qb)) continue;
        if (qa->v < qb->v ? part_of_whole(m, qa, qb, s2, i2) : part_of_whole(m, qb, qa, s1, i1))
          continue;
        /* What is counted: a class of words beats the unit, the unit beats
        ** a shared context word. */
        const char *cls = NULL;
        for (int x = 0; x < qa->nctx && !cls; x++)
          if (qa->ctx[x][0] == '@' && strcmp(qa->ctx[x], "@year"))
            for (int y = 0; y < qb->nctx; y++)
              if (!strcmp(qa->ctx[x], qb->ctx[y])) cls = qa->ctx[x];
        if (!cls && qa->unit[0] == '@' && same_unit) cls = qa->unit;
        if (cls && !strcmp(cls, "@dead")) snprintf(what, sizeof what, "death toll");
        else if (cls && !strcmp(cls, "@hurt")) snprintf(what, sizeof what, "number injured");
        else if (cls && !strcmp(cls, "@arrest")) snprintf(what, sizeof what, "number arrested");
        else if (cls && !strcmp(cls, "@missing")) snprintf(what, sizeof what, "number missing");
        else if (same_unit && !strcmp(qa->unit, "%")) snprintf(what, sizeof what, "percentage");
        else if (qa->unit[0] || qb->unit[0]) {
          /* The unit as the outlet wrote it: the last word of the span. */
          const qty *u = qa->unit[0] ? qa : qb;
          const char *txt = m->docs[u == qa ? d1 : d2].text;
          size_t e = u->end, st = e;
          while (st > u->start && txt[st - 1] != ' ') st--;
          if (u->unit[0] == '$' || (unsigned char)u->unit[0] >= 0x80)
            snprintf(what, sizeof what, "amount");
          else
            snprintf(what, sizeof what, "number of %.*s", (int)(e - st), txt + st);
        } else {
          snprintf(what, sizeof what, "number (%s)", shared ? shared : "?");
        }
        snprintf(key, sizeof key, "n|%s", cls ? cls : qa->unit[0] ? qa->unit : qb->unit[0] ? qb->unit : (shared ? shared : "?"));
      }
      /* The other outlet must not give this value anywhere itself. */
      if (doc_gives(i2, qa) || doc_gives(i1, qb)) continue;
      td_synth_conflict *c =
          get_conflict(out, qa->age ? TD_CONFLICT_AGE : TD_CONFLICT_NUMBER, key, what);
      if (!c) return -1;
      const char *t1 = m->docs[d1].text, *t2 = m->docs[d2].text;
      if (add_value(c, t1 + qa->start, qa->end - qa->start, qa->v * (qa->hi == qa->lo ? 1 : -1), 1, d1) ||
          add_value(c, t2 + qb->start, qb->end - qb->start, qb->v * (qb->hi == qb->lo ? 1 : -1), 1, d2))
        return -1;
    }
  }
  return 0;
}

/* Compare two dates at the coarser of their precisions: 1 when they agree. */
static int dates_agree(const td_date *a, const td_date *b) {
  if (a->year != b->year) return 0;
  td_date_prec p = a->prec > b->prec ? a->prec : b->prec;
  if (p == TD_DATE_YEAR) return 1;
  if (a->month != b->month) return 0;
  if (p == TD_DATE_MONTH) return 1;
  long da = td_date_days(a->year, a->month, a->day), db = td_date_days(b->year, b->month, b->day);
  long tol = p == TD_DATE_WEEK ? 6 : 0;
  return labs(da - db) <= tol;
}

static int doc_gives_date(const docinfo *di, const td_date *d) {
  for (size_t i = 0; i < di->ndates; i++)
    if (dates_agree(&di->dates[i], d)) return 1;
  return 0;
}

static void date_text(const td_synth_model *m, uint32_t doc, const td_date *d, char *out,
                      size_t cap) {
  const char *t = m->docs[doc].text + d->start;
  int n = (int)(d->end - d->start);
  if (d->prec == TD_DATE_DAY)
    snprintf(out, cap, "%.*s (%04d-%02d-%02d)", n, t, d->year, d->month, d->day);
  else if (d->prec == TD_DATE_MONTH)
    snprintf(out, cap, "%.*s (%04d-%02d)", n, t, d->year, d->month);
  else
    snprintf(out, cap, "%.*s (%04d)", n, t, d->year);
}

/* The conflict a date or place disagreement belongs to: the one already
** holding either sentence (three outlets, one event, one conflict), else a
** new one; `map` remembers conflict index + 1 per sentence. */
static td_synth_conflict *event_conflict(const td_synth_model *m, td_synth_conflicts *out,
                                         uint32_t *map, td_synth_conflict_kind kind,
                                         const char *label, size_t s1, size_t s2) {
  size_t at = map[s1] ? map[s1] - 1 : map[s2] ? map[s2] - 1 : (size_t)-1;
  if (at == (size_t)-1) {
    char key[64], what[160], g[110];
    snprintf(key, sizeof key, "%c|%zu", label[0], s1 < s2 ? s1 : s2);
    gist(m, s1 < s2 ? s1 : s2, g, sizeof g);
    snprintf(what, sizeof what, "%s of \"%s\"", label, g);
    if (!get_conflict(out, kind, key, what)) return NULL;
    at = out->n - 1;
  }
  map[s1] = map[s2] = (uint32_t)at + 1;
  return &out->c[at];
}

/* Is the date at byte `at` the day something was said ("the governor said
** on Monday", "told reporters late on Tuesday")? That dates the statement,
** not the event the sentence reports, so two outlets quoting one official on
** different days do not disagree about the event. */
static int speech_date(const char *text, size_t from, size_t at) {
  static const char *const verbs[] = {"said",      "says",    "told",     "announced", "added",
                                      "stated",    "confirmed", "reported", "wrote",    "tweeted",
                                      "declared",  "revealed", "reporters", "statement"};
  size_t e = at;
  for (int hops = 0; hops < 4; hops++) {
    while (e > from && !isalpha((unsigned char)text[e - 1])) {
      if (text[e - 1] == ',' || text[e - 1] == ';' || text[e - 1] == '.') return 0;
      e--;
    }
    size_t st = e;
    while (st > from && isalpha((unsigned char)text[st - 1])) st--;
    if (st == e) return 0;
    const char *w = text + st;
    size_t n = e - st;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
      if (word_eq(w, n, verbs[k])) return 1;
    /* Words that may stand between the verb and the day. */
    if (!word_eq(w, n, "on") && !word_eq(w, n, "late") && !word_eq(w, n, "early") &&
        !word_eq(w, n, "last") && !word_eq(w, n, "this"))
      return 0;
    e = st;
  }
  return 0;
}

/* Were two articles published within TD_SYNTH_CLOSE_DAYS of each other
** (both dates known)? */
#define TD_SYNTH_CLOSE_DAYS 2
static int published_close(const char *a, const char *b) {
  int ya, ma, da, yb, mb, db;
  if (!a || !b || sscanf(a, "%4d-%2d-%2d", &ya, &ma, &da) != 3 ||
      sscanf(b, "%4d-%2d-%2d", &yb, &mb, &db) != 3)
    return 0;
  return labs(td_date_days(ya, ma, da) - td_date_days(yb, mb, db)) <= TD_SYNTH_CLOSE_DAYS;
}

/* Is sentence S a stamp line, a date and little else ("Published: April
** 10, 2007", "Sun, 15 Sep 2013 | 4:00am", "Updated 11/27/2005 3:41 PM")? It
** dates the page, not an event: two outlets' pages are published on
** different days without disagreeing. A stamp has at most
** TD_SYNTH_STAMP_WORDS words of letters outside the date d. */
#define TD_SYNTH_STAMP_WORDS 3
static int stamp_line(const char *text, const td_synth_sent *S, const td_date *d) {
  size_t words = 0;
  for (size_t i = S->start; i < S->end;) {
    if (i >= d->start && i < d->end) {
      i = d->end;
      continue;
    }
    if (!isalpha((unsigned char)text[i])) {
      i++;
      continue;
    }
    size_t st = i;
    while (i < S->end && isalpha((unsigned char)text[i])) i++;
    if (i - st >= 3 && !(st >= d->start && st < d->end)) words++;
  }
  return words <= TD_SYNTH_STAMP_WORDS;
}

static int date_conflicts(const td_synth_model *m, docinfo *info, size_t s1, size_t s2,
                          td_synth_conflicts *out, uint32_t *map) {
  const td_synth_sent *A = &m->sents[s1], *B = &m->sents[s2];
  docinfo *i1 = &info[A->doc], *i2 = &info[B->doc];
  const td_date *da = NULL, *db = NULL;
  int any_agree = 0;
  for (size_t a = 0; a < i1->ndates; a++) {
    const td_date *x = &i1->dates[a];
    if (x->start < A->start || x->end > A->end || x->prec == TD_DATE_WEEK ||
        speech_date(m->docs[A->doc].text, A->start, x->start) ||
        stamp_line(m->docs[A->doc].text, A, x))
      continue;
    for (size_t b = 0; b < i2->ndates; b++) {
      const td_date *y = &i2->dates[b];
      if (y->start < B->start || y->end > B->end || y->prec == TD_DATE_WEEK ||
          speech_date(m->docs[B->doc].text, B->start, y->start) ||
          stamp_line(m->docs[B->doc].text, B, y))
        continue;
      if (dates_agree(x, y)) any_agree = 1;
      else if (!da) {
        da = x;
        db = y;
      }
    }
  }
  if (any_agree || !da) return 0;
  /* A date read from "Tuesday" or "today" is as good as the day it was
  ** written: two reports published days apart each tell of their own
  ** Tuesday (the trial's fourth day, its fifth), which is no dispute. */
  if ((da->relative || db->relative) &&
      !published_close(m->docs[A->doc].date, m->docs[B->doc].date))
    return 0;
  /* Only dates of the same kind: a day against a day, a month against a
  ** month. Two years in one statement are most often two events ("the war
  ** of 1950-1953", "the deficit of 2019, up from 2018"), not a dispute. */
  if (da->prec != db->prec || da->prec == TD_DATE_YEAR) return 0;
  if (doc_gives_date(i2, da) || doc_gives_date(i1, db)) return 0;
  char v1[160], v2[160];
  td_synth_conflict *c = event_conflict(m, out, map, TD_CONFLICT_DATE, "date", s1, s2);
  if (!c) return -1;
  date_text(m, A->doc, da, v1, sizeof v1);
  date_text(m, B->doc, db, v2, sizeof v2);
  double n1 = (double)td_date_days(da->year, da->month ? da->month : 1, da->day ? da->day : 1);
  double n2 = (double)td_date_days(db->year, db->month ? db->month : 1, db->day ? db->day : 1);
  if (add_value(c, v1, strlen(v1), n1, 1, A->doc) || add_value(c, v2, strlen(v2), n2, 1, B->doc))
    return -1;
  return 0;
}

/* Is t[a..b) written in title case, as a headline is ("Death Toll Soars:
** 50+ Killed in Las Vegas Shooting")? Then every capital is no name. */
static int title_case(const char *t, size_t a, size_t b) {
  size_t words = 0, caps = 0;
  for (size_t i = a; i < b;) {
    while (i < b && !isalpha((unsigned char)t[i])) i++;
    size_t st = i;
    while (i < b && isalpha((unsigned char)t[i])) i++;
    if (i - st >= 4) {
      words++;
      if (isupper((unsigned char)t[st])) caps++;
    }
  }
  return words >= 3 && caps * 10 >= words * 7;
}

/* Places named with "in", "at" or "near" in sentence s. */
static size_t sentence_places(const td_synth_model *m, const docinfo *di, size_t s, long *out,
                              size_t cap) {
  const td_synth_sent *S = &m->sents[s];
  const char *t = m->docs[S->doc].text;
  size_t n = 0, last_end = 0; /* end of the last place taken */
  if (!di->ents || title_case(t, S->start, S->end)) return 0;
  for (size_t k = 0; k < di->ents->nmentions && n < cap; k++) {
    const td_mention *mn = &di->ents->mentions[k];
    if (mn->start < S->start || mn->end > S->end) continue;
    /* Untyped names count too: after "in", "at" or "near" they are places. */
    td_entity_kind kd = di->ents->ents[mn->entity].kind;
    if (kd != TD_ENT_PLACE && kd != TD_ENT_OTHER) continue;
    /* "in Tuesday's primary", "in March": a time, not a place; "near
    ** Interstate 805": a road; "in the East": a direction */
    size_t mlen = mn->end - mn->start, after = mn->end;
    while (after < S->end && t[after] == ' ') after++;
    if (td_lex_weekday(t + mn->start, mlen) >= 0 || td_lex_month(t + mn->start, mlen) ||
        (after < S->end && after > mn->end && isdigit((unsigned char)t[after])) ||
        word_eq(t + mn->start, mlen, "north") || word_eq(t + mn->start, mlen, "south") ||
        word_eq(t + mn->start, mlen, "east") || word_eq(t + mn->start, mlen, "west"))
      continue;
    size_t p = mn->start;
    while (p > S->start && t[p - 1] == ' ') p--;
    size_t q = p;
    while (q > S->start && t[q - 1] != ' ') q--;
    /* ...and a name listed after one ("in Takengon and Bener Meriah",
    ** "in Saginaw, Flint") */
    int listed = last_end && ((p - q == 3 && !strncasecmp(t + q, "and", 3) && q - last_end <= 1) ||
                              (p == last_end + 1 && t[last_end] == ','));
    if ((p - q == 2 && (!strncasecmp(t + q, "in", 2) || !strncasecmp(t + q, "at", 2))) ||
        (p - q == 4 && !strncasecmp(t + q, "near", 4)) || listed) {
      out[n++] = (long)mn->entity;
      last_end = mn->end;
    }
  }
  return n;
}

/* Is one of two places within the other, by name ("Banstead" and
** "Banstead High Street", "Philadelphia" and "Northeast Philadelphia",
** "Furness Magistrates" and "Furness District Magistrates") or by the
** gazetteer (a city or region and its country: "Melbourne" and
** "Australia")? Then they are one place told at two scales. */
static int place_within(const char *a, const char *b) {
  /* one name's words, whole and in order, inside the other's ("Richmond
  ** Hill" in "South Richmond Hill") */
  if (text_mentions(b, strlen(b), a) || text_mentions(a, strlen(a), b)) return 1;
  /* one name with a word more inside: "Furness (District) Magistrates" */
  const char *la = strrchr(a, ' '), *lb = strrchr(b, ' ');
  size_t fa = strcspn(a, " "), fb = strcspn(b, " ");
  if (la && lb && fa == fb && !strncasecmp(a, b, fa) && !strcasecmp(la, lb)) return 1;
  const td_gaz_entry *ca = td_gaz_lookup(a, strlen(a), TD_GAZ_COUNTRY),
                     *cb = td_gaz_lookup(b, strlen(b), TD_GAZ_COUNTRY);
  const td_gaz_entry *pa = ca ? NULL : td_gaz_lookup(a, strlen(a), TD_GAZ_CITY);
  const td_gaz_entry *pb = cb ? NULL : td_gaz_lookup(b, strlen(b), TD_GAZ_CITY);
  if (!ca && !pa) pa = td_gaz_lookup(a, strlen(a), TD_GAZ_REGION);
  if (!cb && !pb) pb = td_gaz_lookup(b, strlen(b), TD_GAZ_REGION);
  if (ca && pb && ca->cc[0] && !strcmp(ca->cc, pb->cc)) return 1;
  if (cb && pa && cb->cc[0] && !strcmp(cb->cc, pa->cc)) return 1;
  return 0;
}

/* Is the place a venue or a street ("SAP Arena", "Lucas Oil Stadium",
** "Newton Street", "Furness Magistrates")? A venue lies in some town: "at
** the SAP Arena" and "in Mannheim" tell one place at two scales. */
static int venue(const char *name) {
  static const char *const words[] = {
      "airport", "arena",   "avenue",  "bridge",  "building", "campus", "center",
      "centre",  "church",  "court",   "field",   "hall",     "hospital", "hotel",
      "jail",    "magistrates", "mall", "market", "mosque",   "museum", "palace",
      "park",    "plaza",   "prison",  "road",    "school",   "square", "stadium",
      "station", "street",  "temple",  "theater", "theatre",  "tower"};
  const char *last = strrchr(name, ' ');
  last = last ? last + 1 : name;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (!strcasecmp(last, words[i])) return 1;
  return 0;
}

/* Does the article name, anywhere, a place that `name` is within or that
** is within it? */
static int names_place_within(const docinfo *di, const char *name) {
  if (!di->ents) return 0;
  for (size_t i = 0; i < di->ents->n; i++) {
    const td_entity *e = &di->ents->ents[i];
    if (e->kind != TD_ENT_PLACE && e->kind != TD_ENT_OTHER) continue;
    if (place_within(name, e->name)) return 1;
  }
  return 0;
}

static int place_conflicts(const td_synth_model *m, docinfo *info, size_t s1, size_t s2,
                           td_synth_conflicts *out, uint32_t *map) {
  const td_synth_sent *A = &m->sents[s1], *B = &m->sents[s2];
  docinfo *i1 = &info[A->doc], *i2 = &info[B->doc];
  long pa[8], pb[8];
  size_t na = sentence_places(m, i1, s1, pa, 8), nb = sentence_places(m, i2, s2, pb, 8);
  if (!na || !nb) return 0;
  /* A statement of several places ("drove from Saginaw to Flint", "in
  ** Takengon and Bener Meriah") tells of an event that spans them: one
  ** place named elsewhere is no dispute with it. */
  if (na > 1 || nb > 1) return 0;
  for (size_t a = 0; a < na; a++)
    if (mentions_name(i2, i1->ents->ents[pa[a]].name) ||
        names_place_within(i2, i1->ents->ents[pa[a]].name))
      return 0;
  for (size_t b = 0; b < nb; b++)
    if (mentions_name(i1, i2->ents->ents[pb[b]].name) ||
        names_place_within(i1, i2->ents->ents[pb[b]].name))
      return 0;
  const char *n1 = i1->ents->ents[pa[0]].name, *n2 = i2->ents->ents[pb[0]].name;
  if (venue(n1) != venue(n2)) return 0;
  td_synth_conflict *c = event_conflict(m, out, map, TD_CONFLICT_PLACE, "place", s1, s2);
  if (!c) return -1;
  if (add_value(c, n1, strlen(n1), 0, 0, A->doc) || add_value(c, n2, strlen(n2), 0, 0, B->doc))
    return -1;
  return 0;
}

/* Offices: a title that names one (not "leader", "dictator", "tycoon"). */
static const char *const offices[] = {
    "president", "minister",  "secretary", "chancellor", "governor",   "mayor",     "senator",
    "ambassador", "general",  "chief",     "director",   "spokesman",  "spokeswoman",
    "spokesperson", "judge",  "prosecutor", "commander", "premier",    "king",      "queen",
    "prince",    "ceo",       "chairman",  "chairwoman", "chair",      "congressman",
    "congresswoman", "representative", "attorney", "envoy", "colonel", "captain", "sheriff",
    "coach",     "manager",   "head",      "admiral",    "lieutenant", "sergeant", "commissioner"};

static int is_office(const char *role) {
  const char *last = strrchr(role, ' ');
  last = last ? last + 1 : role;
  for (size_t i = 0; i < sizeof offices / sizeof *offices; i++)
    if (!strcmp(last, offices[i])) return 1;
  return 0;
}

/* Is the name one word that is an office ("General", as read from
** "Attorney General")? */
static int office_word(const char *name) {
  if (strchr(name, ' ')) return 0;
  for (size_t i = 0; i < sizeof offices / sizeof *offices; i++)
    if (!strcasecmp(name, offices[i])) return 1;
  return 0;
}

/* Every word of a is a word of b. */
static int words_within(const char *a, const char *b) {
  const char *p = a;
  while (*p) {
    size_t n = strcspn(p, " ");
    int found = 0;
    const char *q = b;
    while (*q && !found) {
      size_t k = strcspn(q, " ");
      if (k == n && !strncmp(p, q, n)) found = 1;
      q += k;
      while (*q == ' ') q++;
    }
    if (!found) return 0;
    p += n;
    while (*p == ' ') p++;
  }
  return 1;
}

/* An office as compared: one word for the spokesperson's several names,
** without the country fragments names leave ("U.S. attorney" comes out as
** "s. attorney"; "us", "uk"), so that wordings of one office agree. */
static void office_norm(const char *role, char *out, size_t cap) {
  size_t k = 0;
  const char *p = role;
  out[0] = '\0';
  while (*p) {
    while (*p == ' ') p++;
    size_t n = strcspn(p, " ");
    if (!n) break;
    const char *w = p;
    p += n;
    if (n <= 2 || w[n - 1] == '.') continue;
    if (n == 4 && !strncmp(w, "u.s.", 4)) continue;
    if (n == 5 && !strncmp(w, "press", 5) && !strncmp(p, " secretary", 10)) {
      p += 10;
      w = "spokesperson";
      n = 12;
    } else if ((n == 9 && !strncmp(w, "spokesman", 9)) || (n == 11 && !strncmp(w, "spokeswoman", 11))) {
      w = "spokesperson";
      n = 12;
    } else if (n == 7 && !strncmp(w, "premier", 7)) {
      w = "prime minister"; /* one office, two names */
      n = 14;
    } else if (n == 4 && !strncmp(w, "head", 4)) {
      w = "chief";
      n = 5;
    } else if (n == 8 && !strncmp(w, "district", 8) && !strncmp(p, " attorney", 9) &&
               (p[9] == '\0' || p[9] == ' ')) {
      p += 9; /* a district attorney is the prosecutor */
      w = "prosecutor";
      n = 10;
    }
    if (k + n + 2 > cap) break;
    if (k) out[k++] = ' ';
    memcpy(out + k, w, n);
    k += n;
    out[k] = '\0';
  }
}

static int title_conflicts(const td_synth_model *m, docinfo *info, td_synth_conflicts *out) {
  for (size_t d1 = 0; d1 < m->ndocs; d1++) {
    if (!m->aligned[d1] || !info[d1].ents) continue;
    for (size_t d2 = d1 + 1; d2 < m->ndocs; d2++) {
      if (!m->aligned[d2] || !info[d2].ents || m->group[d1] == m->group[d2]) continue;
      const td_entity_set *e1 = info[d1].ents, *e2 = info[d2].ents;
      for (size_t a = 0; a < e1->n; a++) {
        const td_entity *A = &e1->ents[a];
        if (A->kind != TD_ENT_PERSON || !A->nroles) continue;
        /* "General" read as a name ("Attorney General"): no person */
        if (office_word(A->name)) continue;
        for (size_t b = 0; b < e2->n; b++) {
          const td_entity *B = &e2->ents[b];
          if (B->kind != TD_ENT_PERSON || !B->nroles || !same_person(A, B)) continue;
          const char *ra = NULL, *rb = NULL;
          int agree = 0, oa = 0, ob = 0;
          for (size_t x = 0; x < A->nroles; x++) {
            if (!is_office(A->roles[x])) continue;
            oa = 1;
            for (size_t y = 0; y < B->nroles; y++) {
              if (!is_office(B->roles[y])) continue;
              ob = 1;
              char na[128], nb[128];
              office_norm(A->roles[x], na, sizeof na);
              office_norm(B->roles[y], nb, sizeof nb);
              /* One office in other words: one title's words within the
              ** other's, or the same office word with a qualifier in common
              ** ("homeland security chairman", "house homeland committee
              ** chairman"). */
              const char *ha = strrchr(na, ' '), *hb = strrchr(nb, ' ');
              ha = ha ? ha + 1 : na;
              hb = hb ? hb + 1 : nb;
              int qual = 0;
              if (!strcmp(ha, hb)) {
                const char *q = na;
                while (*q && q < ha && !qual) {
                  size_t n = strcspn(q, " ");
                  char wd[64];
                  if (n < sizeof wd) {
                    memcpy(wd, q, n);
                    wd[n] = '\0';
                    if (words_within(wd, nb) && strcmp(wd, hb)) qual = 1;
                  }
                  q += n;
                  while (*q == ' ') q++;
                }
              }
              /* A bare "secretary" is most often a press secretary whose
              ** "Press" opened the sentence: no dispute with "spokesman". */
              int press = (!strcmp(na, "secretary") && !strcmp(nb, "spokesperson")) ||
                          (!strcmp(nb, "secretary") && !strcmp(na, "spokesperson"));
              if (words_within(na, nb) || words_within(nb, na) || qual || press) agree = 1;
              else if (!ra) {
                ra = A->roles[x];
                rb = B->roles[y];
              }
            }
          }
          if (!oa || !ob || agree || !ra) continue;
          char key[160], what[160];
          const char *who = strlen(A->name) >= strlen(B->name) ? A->name : B->name;
          snprintf(key, sizeof key, "t|%s", surname(who));
          snprintf(what, sizeof what, "title of %s", who);
          td_synth_conflict *c = get_conflict(out, TD_CONFLICT_TITLE, key, what);
          if (!c || add_value(c, ra, strlen(ra), 0, 0, (uint32_t)d1) ||
              add_value(c, rb, strlen(rb), 0, 0, (uint32_t)d2))
            return -1;
        }
      }
    }
  }
  return 0;
}

/* Shared terms that are ordinary words (not names, not numbers). */
static size_t shared_words(const td_synth_model *m, size_t a, size_t b) {
  const td_synth_sent *A = &m->sents[a], *B = &m->sents[b];
  size_t n = 0;
  uint32_t i = 0, j = 0;
  while (i < A->nterms && j < B->nterms) {
    if (A->terms[i] < B->terms[j]) i++;
    else if (A->terms[i] > B->terms[j]) j++;
    else {
      char c = m->term[A->terms[i]][0];
      if (c != '~' && c != '#') n++;
      i++;
      j++;
    }
  }
  return n;
}

static int cmp_conflict(const void *x, const void *y) {
  const td_synth_conflict *a = x, *b = y;
  if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
  return strcmp(a->key, b->key);
}

static int links_to(const td_synth_model *m, size_t a, size_t b) {
  const td_synth_sent *A = &m->sents[a];
  for (uint32_t k = 0; k < A->nlinks; k++)
    if (A->links[k].other == b) return 1;
  return 0;
}

int td_synth_conflicts_find(const td_synth_model *m, td_synth_conflicts *out) {
  memset(out, 0, sizeof *out);
  docinfo *info = td_calloc(m->ndocs ? m->ndocs : 1, sizeof *info);
  uint32_t *dmap = td_calloc(m->nsents ? m->nsents : 1, sizeof *dmap);
  uint32_t *pmap = td_calloc(m->nsents ? m->nsents : 1, sizeof *pmap);
  if (!info || !dmap || !pmap) {
    td_free(info);
    td_free(dmap);
    td_free(pmap);
    return TD_ENOMEM;
  }
  int rc = TD_OK;
  sentinfo si;
  si.qfirst = td_calloc(m->nsents + 1, sizeof *si.qfirst);
  si.has_date = td_calloc(m->nsents ? m->nsents : 1, 1);
  si.has_place = td_calloc(m->nsents ? m->nsents : 1, 1);
  if (!si.qfirst || !si.has_date || !si.has_place) rc = TD_ENOMEM;
  for (size_t d = 0; d < m->ndocs && !rc; d++) {
    if (m->aligned[d] && doc_details(m, d, &info[d])) {
      rc = TD_ENOMEM;
      break;
    }
    /* Quantities come in sentence order. */
    size_t q = 0;
    for (size_t s = m->first[d]; s < m->first[d + 1]; s++) {
      si.qfirst[s] = q;
      while (q < info[d].nq && info[d].q[q].sent == s) q++;
      si.qfirst[s + 1] = q;
      const td_synth_sent *S = &m->sents[s];
      for (size_t k = 0; k < info[d].ndates && !si.has_date[s]; k++)
        if (info[d].dates[k].start >= S->start && info[d].dates[k].end <= S->end)
          si.has_date[s] = 1;
      long pl[1];
      si.has_place[s] = info[d].ents && sentence_places(m, &info[d], s, pl, 1) > 0;
    }
  }
  for (size_t s = 0; s < m->nsents && !rc; s++) {
    const td_synth_sent *S = &m->sents[s];
    for (uint32_t k = 0; k < S->nlinks && !rc; k++) {
      size_t o = S->links[k].other;
      /* Each pair once: from the lower end, or from this end when the
      ** other does not link back (links keep one sentence per group). */
      if (o < s && links_to(m, o, s)) continue;
      float sim = S->links[k].sim;
      if (si.qfirst[s] < si.qfirst[s + 1] && si.qfirst[o] < si.qfirst[o + 1] &&
          number_conflicts(m, info, &si, s, o, sim, out))
        rc = TD_ENOMEM;
      /* Dates and places only between statements of one event: the same
      ** fact, or a looser link (0.15) that shares three ordinary words (a name
      ** and a number in common are not an event in common). */
      else if ((sim >= TD_SYNTH_SAME_FACT || (sim >= 0.15f && shared_words(m, s, o) >= 3)) &&
               ((si.has_date[s] && si.has_date[o] && date_conflicts(m, info, s, o, out, dmap)) ||
                (si.has_place[s] && si.has_place[o] &&
                 place_conflicts(m, info, s, o, out, pmap))))
        rc = TD_ENOMEM;
    }
  }
  if (!rc && title_conflicts(m, info, out)) rc = TD_ENOMEM;
  for (size_t d = 0; d < m->ndocs; d++) {
    td_free(info[d].dates);
    td_entity_set_free(info[d].ents);
    td_free(info[d].q);
  }
  td_free(info);
  td_free(dmap);
  td_free(pmap);
  td_free(si.qfirst);
  td_free(si.has_date);
  td_free(si.has_place);
  if (rc) {
    td_synth_conflicts_release(out);
    return rc;
  }
  /* A conflict needs two values from two groups at least. */
  size_t w = 0;
  for (size_t i = 0; i < out->n; i++) {
    td_synth_conflict *c = &out->c[i];
    if (c->nvalues >= 2) out->c[w++] = *c;
    else {
      for (size_t v = 0; v < c->nvalues; v++) {
        td_free(c->values[v].text);
        td_free(c->values[v].docs);
      }
      td_free(c->values);
      td_free(c->what);
      td_free(c->key);
    }
  }
  out->n = w;
  if (out->n > 1) qsort(out->c, out->n, sizeof *out->c, cmp_conflict);
  return TD_OK;
}

void td_synth_conflicts_release(td_synth_conflicts *c) {
  for (size_t i = 0; i < c->n; i++) {
    for (size_t v = 0; v < c->c[i].nvalues; v++) {
      td_free(c->c[i].values[v].text);
      td_free(c->c[i].values[v].docs);
    }
    td_free(c->c[i].values);
    td_free(c->c[i].what);
    td_free(c->c[i].key);
  }
  td_free(c->c);
  memset(c, 0, sizeof *c);
}

const char *td_synth_conflict_kind_name(td_synth_conflict_kind k) {
  switch (k) {
  case TD_CONFLICT_NUMBER: return "number";
  case TD_CONFLICT_AGE: return "age";
  case TD_CONFLICT_DATE: return "date";
  case TD_CONFLICT_TITLE: return "title";
  case TD_CONFLICT_PLACE: return "place";
  }
  return "?";
}
