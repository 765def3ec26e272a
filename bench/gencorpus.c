/*
** gencorpus.c — a deterministic generator of news-like JSON Lines for `make bench`.
**
**   gencorpus N [SEED] > corpus.jsonl
**
** Writes N articles, one JSON object per line, the same bytes for the same N
** and SEED on every machine (a private PRNG, no locale, no clock), so a
** benchmark run can be repeated (smaller corpora are taken as prefixes of the
** largest with `head -n`). The text is not English but is shaped like news
** for everything tidings measures: a Zipf-like vocabulary of about 30,000
** words mixed with common English function words, some non-ASCII letters,
** capitalised names, numbers and decimals, abbreviations ("Dr.", "a.m."),
** straight and curly quotes with a speaker and a cue verb, paragraphs
** separated by a blank line, 2-5 KB per article.
**
** Articles belong to stories. About fifty stories are open at any moment and
** the stream interleaves them, as a crawl of many outlets does; each story has
** its own names, place, topic words and a pool of fact sentences that its
** articles share in part, so articles of one story overlap without being
** copies. About 3% of articles are exact copies of their story's first
** article under another outlet's URL (syndication), and about 5% use a news
** crawler's field names (maintext, date_publish, source_domain) instead of
** tidings' own. Every URL is distinct, so a fresh ingest stores all N.
**
** This is a stand-alone tool, not part of libtidings: it uses stdio and has
** no dependency on the library.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ randomness */

/* splitmix64: tiny, fast, and the same everywhere. */
static uint64_t rng_next(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static uint32_t rng_below(uint64_t *s, uint32_t n) { return (uint32_t)(rng_next(s) % n); }
static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) / 9007199254740992.0; }
static uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t s = a * 0x9E3779B97F4A7C15ull ^ b;
  return rng_next(&s);
}

/* ------------------------------------------------------------ vocabulary */

#define NVOCAB 30000
#define WORDMAX 24
static char vocab[NVOCAB][WORDMAX];

static const char *const onsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "k",  "l",  "m",
                                     "n",  "p",  "r",  "s",  "t",  "v",  "w",  "z",  "br",
                                     "cr", "dr", "gr", "pl", "st", "tr", "sh", "ch", "th"};
static const char *const vowels[] = {"a", "e",  "i",  "o",  "u", "a", "e",
                                     "o", "ai", "ea", "ou", "y", "ie"};
/* Names and loanwords bring some non-ASCII letters: one syllable in 40. */
static const char *const accented[] = {"\xc3\xa9" /* é */, "\xc3\xb6" /* ö */, "\xc3\xa4" /* ä */,
                                       "\xc3\xb8" /* ø */};
static const char *const codas[] = {"",  "",  "",   "n",  "r",  "s", "t",
                                    "l", "m", "nd", "st", "rk", "ng"};
static const char *const suffixes[] = {"ing", "ed", "s", "tion", "er", "ly", "ment", "ness"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const common[] = {
    "the",     "of",       "and",    "to",         "in",        "a",        "that",      "for",
    "on",      "was",      "with",   "as",         "by",        "at",       "from",      "his",
    "her",     "it",       "an",     "were",       "are",       "which",    "this",      "be",
    "has",     "had",      "not",    "but",        "after",     "they",     "their",     "have",
    "been",    "more",     "than",   "would",      "who",       "will",     "over",      "about",
    "into",    "its",      "also",   "said",       "two",       "three",    "last",      "year",
    "week",    "people",   "city",   "government", "police",    "minister", "officials", "council",
    "river",   "town",     "report", "plan",       "state",     "new",      "first",     "since",
    "before",  "while",    "under",  "against",    "between",   "during",   "where",     "when",
    "there",   "could",    "should", "still",      "some",      "many",     "other",     "most",
    "local",   "national", "public", "workers",    "water",     "money",    "months",    "days",
    "morning", "night",    "Monday", "Tuesday",    "Wednesday", "Thursday", "Friday",    "Saturday",
    "Sunday"};

static void make_vocab(uint64_t seed) {
  uint64_t s = seed ^ 0xC0FFEEull;
  for (int i = 0; i < NVOCAB; i++) {
    char *w = vocab[i];
    size_t n = 0;
    uint32_t r = rng_below(&s, 100);
    int syl = r < 50 ? 1 : r < 85 ? 2 : 3;
    for (int k = 0; k < syl; k++) {
      const char *v = rng_below(&s, 40) == 0 ? accented[rng_below(&s, COUNT(accented))]
                                             : vowels[rng_below(&s, COUNT(vowels))];
      const char *parts[3] = {onsets[rng_below(&s, COUNT(onsets))], v,
                              codas[rng_below(&s, COUNT(codas))]};
      for (int p = 0; p < 3; p++) {
        size_t l = strlen(parts[p]);
        if (n + l < WORDMAX - 6) {
          memcpy(w + n, parts[p], l);
          n += l;
        }
      }
    }
    if (rng_below(&s, 10) < 3) {
      const char *suf = suffixes[rng_below(&s, COUNT(suffixes))];
      size_t l = strlen(suf);
      memcpy(w + n, suf, l);
      n += l;
    }
    w[n] = '\0';
  }
}

/* A Zipf-like pick: low indices are common, the tail is long. */
static const char *pick_word(uint64_t *s) {
  if (rng_below(s, 100) < 45) return common[rng_below(s, COUNT(common))];
  double u = rng_unit(s);
  return vocab[(int)(NVOCAB * u * u * u)];
}

/* --------------------------------------------------------------- outlets */

#define NOUTLETS 40
static char outlet_name[NOUTLETS][64];
static char outlet_host[NOUTLETS][64];
static const char *const outlet_kinds[] = {"Gazette", "Courier", "Herald",   "Wire",
                                           "Post",    "Tribune", "Observer", "Chronicle"};

static void capitalise(char *w) {
  if (w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 'a' + 'A');
}
static void capitalise_into(char *dst, size_t cap, const char *w) {
  snprintf(dst, cap, "%s", w);
  capitalise(dst);
}

static int is_ascii_word(const char *w) {
  for (; *w; w++)
    if ((unsigned char)*w >= 0x80) return 0;
  return 1;
}

static void make_outlets(uint64_t seed) {
  uint64_t s = seed ^ 0x0B1E75ull;
  for (int i = 0; i < NOUTLETS; i++) {
    const char *w;
    do
      w = vocab[rng_below(&s, 2000)];
    while (!is_ascii_word(w) || strlen(w) < 4);
    char cap[WORDMAX];
    capitalise_into(cap, sizeof cap, w);
    const char *kind = outlet_kinds[rng_below(&s, COUNT(outlet_kinds))];
    snprintf(outlet_name[i], sizeof outlet_name[i], "The %s %s", cap, kind);
    snprintf(outlet_host[i], sizeof outlet_host[i], "%s%d.example", w, i);
    for (char *p = outlet_host[i]; *p; p++)
      if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  }
}

/* ------------------------------------------------------------- the text */

/* One article's text is built in a plain growable buffer. */
typedef struct {
  char *p;
  size_t len, cap;
} sbuf;

static void sb_grow(sbuf *b, size_t need) {
  if (b->len + need + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 8192;
  while (b->len + need + 1 > cap)
    cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    fprintf(stderr, "gencorpus: out of memory\n");
    exit(1);
  }
  b->p = p;
  b->cap = cap;
}
static void sb_put(sbuf *b, const char *s, size_t n) {
  sb_grow(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}
static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }
static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0) sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

typedef struct {
  uint64_t seed;      /* everything about the story derives from it          */
  char person[3][48]; /* "Firstname Surname"                                  */
  char surname[3][WORDMAX];
  char place[WORDMAX];
  int topic[6];  /* vocabulary indices the story keeps coming back to    */
  int day;       /* days since 1970-01-01 of its first article           */
  int remaining; /* articles still to emit                               */
  int emitted;
  uint64_t first_seed; /* the first article's seed, for copies                 */
  int first_outlet;
} story;

static void name_word(uint64_t *s, char *dst, size_t cap) {
  const char *w;
  do
    w = vocab[rng_below(s, 6000)];
  while (strlen(w) < 3);
  capitalise_into(dst, cap, w);
}

static void story_init(story *st, uint64_t seed, int day) {
  memset(st, 0, sizeof *st);
  st->seed = seed;
  uint64_t s = seed;
  for (int i = 0; i < 3; i++) {
    char first[WORDMAX];
    name_word(&s, first, sizeof first);
    name_word(&s, st->surname[i], sizeof st->surname[i]);
    snprintf(st->person[i], sizeof st->person[i], "%s %s", first, st->surname[i]);
  }
  name_word(&s, st->place, sizeof st->place);
  for (int i = 0; i < 6; i++)
    st->topic[i] = 200 + (int)rng_below(&s, NVOCAB - 200);
  st->day = day;
  /* Story sizes: many small, a few large (1..24, mean about 6). */
  double u = rng_unit(&s);
  st->remaining = 1 + (int)(23 * u * u * u * u) + (int)rng_below(&s, 4);
}

static const char *const titles[] = {"the Interior Minister", "the mayor", "a spokeswoman",
                                     "the chief executive",   "Dr.",       "a police spokesman"};
static const char *const cues[] = {"said",     "told reporters",       "added",          "warned",
                                   "insisted", "wrote in a statement", "said on Tuesday"};

/* A plain sentence: 8..30 words, story words mixed in, sometimes a number. */
static void sentence(sbuf *b, uint64_t *s, const story *st, int with_period) {
  int n = 8 + (int)rng_below(s, 23);
  for (int i = 0; i < n; i++) {
    char w[64];
    uint32_t r = rng_below(s, 100);
    if (r < 8)
      snprintf(w, sizeof w, "%s", vocab[st->topic[rng_below(s, 6)]]);
    else if (r < 10)
      snprintf(w, sizeof w, "%s", st->person[rng_below(s, 3)]);
    else if (r < 11)
      snprintf(w, sizeof w, "%s", st->place);
    else if (r < 12)
      snprintf(w, sizeof w, "%u,%03u", 1 + rng_below(s, 40), rng_below(s, 1000));
    else if (r < 13)
      snprintf(w, sizeof w, "%u.%u", rng_below(s, 20), rng_below(s, 10));
    else if (r < 14)
      snprintf(w, sizeof w, "%u", 1990 + rng_below(s, 36));
    else if (r < 15)
      snprintf(w, sizeof w, "%u a.m.", 1 + rng_below(s, 11));
    else
      snprintf(w, sizeof w, "%s", pick_word(s));
    if (i == 0) capitalise(w);
    sb_puts(b, w);
    if (i + 1 < n) sb_puts(b, (rng_below(s, 12) == 0) ? ", " : " ");
  }
  if (with_period) sb_puts(b, rng_below(s, 30) == 0 ? "?" : ".");
}

/* A quote with its speaker, in one of the forms outlets use. */
static void quote(sbuf *b, uint64_t *s, const story *st) {
  int who = (int)rng_below(s, 3);
  int curly = rng_below(s, 2);
  const char *open = curly ? "\xe2\x80\x9c" : "\"", *close = curly ? "\xe2\x80\x9d" : "\"";
  const char *cue = cues[rng_below(s, COUNT(cues))];
  switch (rng_below(s, 4)) {
  case 0: /* "…," Name said. */
    sb_puts(b, open);
    sentence(b, s, st, 0);
    sb_printf(b, ",%s %s %s.", close, st->person[who], cue);
    break;
  case 1: /* Name, title, said: "…." */
    sb_printf(b, "%s, %s, said: %s", st->person[who], titles[rng_below(s, COUNT(titles))], open);
    sentence(b, s, st, 1);
    sb_puts(b, close);
    break;
  case 2: /* "…," she said. "…." */
    sb_puts(b, open);
    sentence(b, s, st, 0);
    sb_printf(b, ",%s %s said. %s", close, rng_below(s, 2) ? "she" : "he", open);
    sentence(b, s, st, 1);
    sb_puts(b, close);
    break;
  default: /* Mr Surname said the plan was "…". */
    sb_printf(b, "Mr %s said the %s was %s", st->surname[who], vocab[st->topic[0]], open);
    sentence(b, s, st, 0);
    sb_printf(b, "%s.", close);
    break;
  }
}

/* The article body, from its own seed and its story: about `target` bytes. */
static void article_text(sbuf *b, uint64_t seed, const story *st) {
  uint64_t s = seed;
  size_t target = 2000 + rng_below(&s, 3000);
  b->len = 0;
  sb_grow(b, target + 1024);
  sb_printf(b, "%s \xe2\x80\x94 ", st->place); /* a dateline: "PLACE — " */
  for (char *p = b->p; *p && *p != ' '; p++)
    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
  while (b->len < target) {
    int nsent = 1 + (int)rng_below(&s, 3);
    for (int k = 0; k < nsent; k++) {
      if (k) sb_puts(b, " ");
      uint32_t r = rng_below(&s, 100);
      if (r < 35) {
        /* one of the story's 40 fact sentences, shared across its articles */
        uint64_t fs = mix(st->seed, rng_below(&s, 40));
        sentence(b, &fs, st, 1);
      } else if (r < 55) {
        quote(b, &s, st);
      } else {
        sentence(b, &s, st, 1);
      }
    }
    sb_puts(b, "\n\n");
  }
  while (b->len && b->p[b->len - 1] == '\n')
    b->len--;
  b->p[b->len] = '\0';
}

static void title_text(sbuf *b, uint64_t seed, const story *st) {
  uint64_t s = seed ^ 0x717Eull;
  b->len = 0;
  int n = 6 + (int)rng_below(&s, 7);
  for (int i = 0; i < n; i++) {
    char w[64];
    if (i == 1)
      snprintf(w, sizeof w, "%s", st->place);
    else if (rng_below(&s, 3) == 0)
      snprintf(w, sizeof w, "%s", vocab[st->topic[rng_below(&s, 6)]]);
    else
      snprintf(w, sizeof w, "%s", pick_word(&s));
    if (i == 0) capitalise(w);
    if (i) sb_puts(b, " ");
    sb_puts(b, w);
  }
}

/* ------------------------------------------------------------ JSON output */

static void json_string(FILE *f, const char *p, size_t n) {
  fputc('"', f);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    const char *esc = NULL;
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    if (esc) {
      fwrite(p + i - run, 1, run, f);
      run = 0;
      fputs(esc, f);
    } else {
      run++;
    }
  }
  fwrite(p + n - run, 1, run, f);
  fputc('"', f);
}

static void civil(int days, int *y, int *m, int *d) {
  /* days since 1970-01-01 to a Gregorian date (H. Hinnant's algorithm). */
  long z = days + 719468L;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

#define ACTIVE 50

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: gencorpus N [SEED] > corpus.jsonl\n");
    return 1;
  }
  long n = strtol(argv[1], NULL, 10);
  uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 20240304;
  if (n <= 0) {
    fprintf(stderr, "gencorpus: N must be positive\n");
    return 1;
  }
  static char obuf[1 << 20];
  setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
  make_vocab(seed);
  make_outlets(seed);

  uint64_t s = seed;
  static story active[ACTIVE];
  long next_story = 0;
  const int day0 = 18262; /* 2020-01-01 */
  /* The stream spans about four years whatever N is. */
  double days_per_article = 1461.0 / (double)n;
  for (int i = 0; i < ACTIVE; i++)
    story_init(&active[i], mix(seed, (uint64_t)next_story++), day0);

  sbuf text = {0}, title = {0};
  for (long i = 0; i < n; i++) {
    int today = day0 + (int)(i * days_per_article);
    story *st = &active[rng_below(&s, ACTIVE)];
    if (st->remaining == 0) story_init(st, mix(seed, (uint64_t)next_story++), today);
    int outlet = (int)rng_below(&s, NOUTLETS);
    uint64_t aseed = mix(st->seed, 1000 + (uint64_t)st->emitted);
    int copy = st->emitted > 0 && rng_below(&s, 100) < 3;
    if (st->emitted == 0) {
      st->first_seed = aseed;
      st->first_outlet = outlet;
    }
    if (copy) {
      aseed = st->first_seed;
      if (outlet == st->first_outlet) outlet = (outlet + 1) % NOUTLETS;
    }
    article_text(&text, aseed, st);
    title_text(&title, copy ? aseed ^ (uint64_t)i : aseed, st);
    int y, m, d;
    civil(st->day + (today - st->day) % 6, &y, &m, &d);
    char url[200], date[40];
    snprintf(url, sizeof url, "https://%s/%04d/%02d/%02d/%s-%ld", outlet_host[outlet], y, m, d,
             vocab[st->topic[0]], i);
    int crawler = rng_below(&s, 100) < 5;
    if (crawler) {
      snprintf(date, sizeof date, "%04d-%02d-%02d %02u:%02u:00", y, m, d, rng_below(&s, 24),
               rng_below(&s, 60));
      fputs("{\"url\":", stdout);
      json_string(stdout, url, strlen(url));
      fputs(",\"source_domain\":", stdout);
      json_string(stdout, outlet_host[outlet], strlen(outlet_host[outlet]));
      fputs(",\"title\":", stdout);
      json_string(stdout, title.p, title.len);
      fputs(",\"date_publish\":", stdout);
      json_string(stdout, date, strlen(date));
      fputs(",\"maintext\":", stdout);
      json_string(stdout, text.p, text.len);
    } else {
      snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
      printf("{\"id\":\"g%07ld\",\"url\":", i);
      json_string(stdout, url, strlen(url));
      fputs(",\"source\":", stdout);
      json_string(stdout, outlet_name[outlet], strlen(outlet_name[outlet]));
      fputs(",\"title\":", stdout);
      json_string(stdout, title.p, title.len);
      fputs(",\"date\":", stdout);
      json_string(stdout, date, strlen(date));
      fputs(",\"text\":", stdout);
      json_string(stdout, text.p, text.len);
    }
    fputs("}\n", stdout);
    st->emitted++;
    st->remaining--;
  }
  free(text.p);
  free(title.p);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    perror("gencorpus: write");
    return 1;
  }
  return 0;
}
