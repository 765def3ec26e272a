/*
** boilerplate.c — what is not the article, inside the article's text.
**
** Crawled and copied news text carries the outlet's furniture inside the
** body: donation appeals, newsletter sign-ups, comment-forum invitations,
** share bars, "Read more" links, photo captions, bylines. Each sentence of
** each line is matched against a lexicon of such patterns, written for news
** in general (no outlet's wording); a line whose every sentence matches goes
** whole, otherwise only the matching sentences go, so an appeal glued to the
** article's first sentence ("...all the difference.Vladimir Putin has...")
** loses the appeal and keeps the sentence. Context then widens the net the
** way jusText smooths its labels: a line in the first person plural between
** two appeal lines is part of the appeal, and the short lines that follow a
** comment-forum marker at the end are the comment section. Every removal is
** recorded with its reason.
**
** An outlet's own furniture, in words no lexicon holds, is learned: with a
** td_clean_ctx each line's folded hash is counted per outlet in the store
** as articles arrive, and a line that N earlier articles of the outlet
** carried (and a share of all of them, so that a background paragraph
** repeated through one story's coverage is not taken for furniture) goes
** with the reason "outlet-boilerplate". Lines with a quotation never do.
*/
#include "clean/clean_int.h"
#include "text/sentence.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include <xxhash.h>

typedef struct sent {
  size_t s, e;        /* byte span in the text */
  const char *why;    /* NULL: kept */
} sent;

typedef struct line {
  size_t s, e;
  int par;            /* a blank line precedes it */
  int learned;        /* the outlet repeats it (outlet-boilerplate) */
  size_t first, n;    /* its sentences */
  const char *why;    /* whole line removed */
} line;

/* ------------------------------------------------------------ lexicon */

/* Phrases (lower case) and what they mark. A sentence matches when it
** contains one; `anchored` ones must open the sentence, and those with a
** word limit count only in a short, menu-like sentence. */
typedef struct rule {
  const char *phrase;
  const char *why;
  unsigned char anchored, maxw; /* maxw: at most that many words (0: any) */
} rule;

static const rule rules[] = {
    /* Appeals for money or membership. */
    {"your support", "appeal", 0, 0},
    {"support our journalism", "appeal", 0, 0},
    {"support independent journalism", "appeal", 0, 0},
    {"support quality journalism", "appeal", 0, 0},
    {"support our work", "appeal", 0, 0},
    {"support us", "appeal", 0,14},
    {"your donation", "appeal", 0, 0},
    {"make a donation", "appeal", 0, 0},
    {"donate now", "appeal", 0, 0},
    {"donate today", "appeal", 0, 0},
    {"please donate", "appeal", 0, 0},
    {"make a contribution", "appeal", 0, 0},
    {"every contribution", "appeal", 0, 0},
    {"contribute today", "appeal", 0, 0},
    {"become a member", "appeal", 0, 0},
    {"become a supporter", "appeal", 0, 0},
    {"become a patron", "appeal", 0, 0},
    {"become a subscriber", "appeal", 0, 0},
    {"subscribe now", "appeal", 0, 0},
    {"subscribe today", "appeal", 0, 0},
    {"paywall", "appeal", 0, 0},
    {"reader-funded", "appeal", 0, 0},
    {"funded by readers", "appeal", 0, 0},
    {"funded by our readers", "appeal", 0, 0},
    {"those who can afford", "appeal", 0, 0},
    {"help us keep", "appeal", 0, 0},
    {"help us continue", "appeal", 0, 0},
    {"consider supporting", "appeal", 0, 0},
    {"consider a donation", "appeal", 0, 0},
    {"consider donating", "appeal", 0, 0},
    {"consider making a contribution", "appeal", 0, 0},
    {"consider subscribing", "appeal", 0, 0},
    {"please support", "appeal", 0, 0},
    {"we need your help", "appeal", 0, 0},
    {"journalism should be available", "appeal", 0, 0},
    {"independent journalism", "appeal", 0,14},
    {"chip in", "appeal", 0,14},
    /* Newsletters and sign-ups. */
    {"sign up for our", "newsletter", 0, 0},
    {"sign up to our", "newsletter", 0, 0},
    {"sign up for the", "newsletter", 1, 30},
    {"sign-up for the", "newsletter", 1, 30},
    {"sign-up to the", "newsletter", 1, 30},
    {"sign up to receive", "newsletter", 0, 0},
    {"subscribe to our", "newsletter", 0, 0},
    {"our newsletter", "newsletter", 0, 0},
    {"newsletter sign", "newsletter", 0, 0},
    {"to your inbox", "newsletter", 0, 0},
    {"in your inbox", "newsletter", 0, 0},
    {"straight to your inbox", "newsletter", 0, 0},
    {"enter your email", "newsletter", 0, 0},
    {"by signing up", "newsletter", 0, 0},
    {"thank you for subscribing", "newsletter", 0, 0},
    {"you can unsubscribe", "newsletter", 0, 0},
    {"privacy policy", "newsletter", 0,14},
    {"sign up", "newsletter", 1,10},
    /* Comment sections. */
    {"commenting forum", "comments", 0, 0},
    {"join the conversation", "comments", 0, 0},
    {"join the discussion", "comments", 0, 0},
    {"thought-provoking conversations", "comments", 0, 0},
    {"see their replies", "comments", 0, 0},
    {"leave a comment", "comments", 0, 0},
    {"post a comment", "comments", 0, 0},
    {"add a comment", "comments", 0, 0},
    {"add your comment", "comments", 0, 0},
    {"show comments", "comments", 0, 0},
    {"view comments", "comments", 0, 0},
    {"comments are closed", "comments", 0, 0},
    {"comment policy", "comments", 0, 0},
    {"community guidelines", "comments", 0, 0},
    {"be the first to comment", "comments", 0, 0},
    {"most recent comments", "comments", 0, 0},
    /* Share bars. */
    {"share this article", "share", 0, 0},
    {"share this story", "share", 0, 0},
    {"share this:", "share", 1, 0},
    {"share on facebook", "share", 0, 0},
    {"share on twitter", "share", 0, 0},
    {"share via", "share", 1,8},
    {"click to share", "share", 0, 0},
    {"copy link", "share", 0,6},
    {"follow us on", "share", 0,14},
    {"like us on facebook", "share", 0, 0},
    {"share", "share", 1,5},
    /* Links out of the article. */
    {"read more", "related", 1, 20},
    {"read next", "related", 1, 20},
    {"also read", "related", 1, 20},
    {"related:", "related", 1, 20},
    {"related articles", "related", 1, 0},
    {"related stories", "related", 1, 0},
    {"recommended:", "related", 1, 20},
    {"see also", "related", 1,14},
    {"you may also like", "related", 0, 0},
    {"you might also like", "related", 0, 0},
    {"more on this story", "related", 0, 0},
    {"most read", "related", 1,8},
    {"most popular", "related", 1,8},
    {"continue reading", "related", 1,8},
    {"click here", "related", 1,14},
    {"story continues below", "advertising", 0, 0},
    {"article continues below", "advertising", 0, 0},
    {"advertisement", "advertising", 1,3},
    {"sponsored content", "advertising", 0,6},
    /* A blog post's footer: where it was filed, how to follow its replies,
    ** the neighbouring posts, and the print edition's note. */
    {"this entry was posted", "navigation", 1, 0},
    {"this entry was filed", "navigation", 1, 0},
    {"filed under", "navigation", 1, 30},
    {"tagged as:", "navigation", 1, 0},
    {"tagged with:", "navigation", 1, 0},
    {"tags:", "navigation", 1, 0},
    {"labels:", "navigation", 1, 0},
    {"categories:", "navigation", 1, 0},
    {"you can follow any responses", "comments", 0, 0},
    {"you can leave a response", "comments", 0, 0},
    {"both comments and pings are", "comments", 0, 0},
    {"responses are currently closed", "comments", 0, 0},
    {"skip to the end and leave a response", "comments", 0, 0},
    {"pinging is currently not allowed", "comments", 0, 0},
    {"get a gravatar", "comments", 0, 0},
    {"next post:", "related", 1, 0},
    {"previous post:", "related", 1, 0},
    {"related posts", "related", 1, 0},
    {"be the first to like this", "share", 0, 0},
    {"follow me on twitter", "share", 0, 14},
    {"appeared in print on", "navigation", 0, 0},
    /* Photo captions and credits. */
    {"(photo:", "caption", 0, 0},
    {"photo:", "caption", 1, 30},
    {"photograph:", "caption", 0, 0},
    {"getty images", "caption", 0, 0},
    {"image copyright", "caption", 0, 0},
    {"image caption", "caption", 0, 0},
    {"image source", "caption", 1, 20},
    {"picture:", "caption", 1, 30},
    {"photo credit", "caption", 0, 0},
    {"file photo", "caption", 0, 0},
};

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

#define NRULES (sizeof rules / sizeof rules[0])
#define BUCKETS 512

/* The unanchored phrases by their first two letters, so that a sentence is
** read once for all of them rather than once per phrase (classify is the
** clean stage's hottest loop): a bit per letter pair that opens a phrase,
** and per bucket of pairs the phrases in rule order. Built once. */
static struct {
  unsigned char opens[65536 / 8];
  short head[BUCKETS], next[NRULES];
  int one_letter; /* a phrase of one letter: searched for alone */
} pairs;
static pthread_once_t pairs_once = PTHREAD_ONCE_INIT;

static unsigned pair_of(const char *p) { return (unsigned char)p[0] << 8 | (unsigned char)p[1]; }

static void pairs_build(void) {
  for (size_t b = 0; b < BUCKETS; b++) pairs.head[b] = -1;
  for (size_t i = NRULES; i-- > 0;) { /* pushed last to first: each list in rule order */
    pairs.next[i] = -1;
    if (rules[i].anchored) continue;
    if (strlen(rules[i].phrase) < 2) {
      pairs.one_letter = 1;
      continue;
    }
    unsigned pr = pair_of(rules[i].phrase);
    pairs.opens[pr >> 3] |= (unsigned char)(1u << (pr & 7));
    pairs.next[i] = pairs.head[pr % BUCKETS];
    pairs.head[pr % BUCKETS] = (short)i;
  }
}

/* The first unanchored rule, in rule order, whose phrase the lower-cased
** sentence low[0..len) holds and whose word limit w meets; NRULES if none. */
static size_t first_phrase(const char *low, size_t len, size_t w) {
  pthread_once(&pairs_once, pairs_build);
  size_t best = NRULES;
  for (size_t i = 0; i + 1 < len; i++) {
    unsigned pr = pair_of(low + i);
    if (!(pairs.opens[pr >> 3] >> (pr & 7) & 1)) continue;
    for (short r = pairs.head[pr % BUCKETS]; r >= 0 && (size_t)r < best; r = pairs.next[r]) {
      const rule *x = &rules[r];
      size_t n = strlen(x->phrase);
      if (pair_of(x->phrase) != pr || n > len - i || (x->maxw && w > x->maxw)) continue;
      if (!memcmp(low + i, x->phrase, n)) {
        best = (size_t)r;
        break;
      }
    }
  }
  return best;
}

/* Case-insensitive search of a lower-case needle. */
static const char *find_ci(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  if (n > len) return NULL;
  for (size_t i = 0; i + n <= len; i++) {
    if (lc((unsigned char)s[i]) != needle[0]) continue;
    size_t k = 1;
    while (k < n && lc((unsigned char)s[i + k]) == needle[k]) k++;
    if (k == n) return s + i;
  }
  return NULL;
}

static size_t count_words(const char *s, size_t len) {
  size_t n = 0;
  int in = 0;
  for (size_t i = 0; i < len; i++) {
    int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
    if (!sp && !in) n++;
    in = !sp;
  }
  return n;
}

/* Does the span carry a direct quotation? Appeals and menus never do, and
** a quotation is the article's own matter even when it says "your support". */
static int has_quote(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '"') return 1;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))
      return 1;
  }
  return 0;
}

static int ends_sentence(const char *s, size_t len) {
  while (len && (s[len - 1] == ' ')) len--;
  if (!len) return 0;
  char c = s[len - 1];
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == ';') return 1;
  /* ” ’ » */
  if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80) return 1;
  if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xBB) return 1;
  return 0;
}

/* Positions the camera names: a caption's mark. */
static int caption_marks(const char *s, size_t len) {
  static const char *const m[] = {"(left)", "(right)", "(centre)", "(center)", "(l)", "(r)",
                                  "(c)", "(top)", "(bottom)", "(front)", "(back)", "pictured",
                                  "/afp", "afp/", "reuters/", "/reuters", "ap photo", "/ap ",
                                  "epa/", "/epa", "photo:", "photo by", "photograph by",
                                  "(photo", "(picture", "(image", "shutterstock", "istock"};
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
    if (find_ci(s, len, m[i])) return 1;
  return 0;
}

static const char *classify(const char *s, size_t len, int whole_line, size_t line_no) {
  size_t w = count_words(s, len);
  if (!w) return NULL;
  int quote = has_quote(s, len);
  /* A line that only says "Comments" (or "12 comments"). */
  if (whole_line && w <= 3 && find_ci(s, len, "comment") && !ends_sentence(s, len))
    return "comments";
  if (!quote) {
    /* Lower-case once, then a fast search per phrase (a sentence meets
    ** every rule; this is the clean stage's hottest loop). */
    char low[1024];
    int lowered = len < sizeof low;
    for (size_t i = 0; lowered && i < len; i++) low[i] = (char)lc((unsigned char)s[i]);
    size_t found = lowered ? first_phrase(low, len, w) : NRULES;
    for (size_t i = 0; i < NRULES; i++) {
      const rule *r = &rules[i];
      if (lowered && i == found) return r->why;
      if (r->maxw && w > r->maxw) continue;
      if (r->anchored) {
        size_t n = strlen(r->phrase);
        if (len < n) continue;
        size_t k = 0;
        while (k < n && lc((unsigned char)s[k]) == r->phrase[k]) k++;
        if (k < n) continue;
        /* the phrase must end at a word boundary */
        if (n < len && ((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z')) continue;
        return r->why;
      }
      if ((!lowered || (pairs.one_letter && strlen(r->phrase) < 2)) && find_ci(s, len, r->phrase))
        return r->why; /* a long sentence, or a phrase the pairs cannot hold */
    }
  }
  if (whole_line && !ends_sentence(s, len) && w >= 4 && w <= 60 && caption_marks(s, len))
    return "caption";
  /* "By Jane Doe" or "By JANE DOE, Staff Writer" near the top. */
  if (whole_line && line_no < 6 && w >= 2 && w <= 10 && len > 3 && !strncmp(s, "By ", 3) &&
      !ends_sentence(s, len))
    return "byline";
  return NULL;
}

/* ---------------------------------------------------------- sentences */

static int lower_letter(unsigned char c) { return c >= 'a' && c <= 'z'; }

static int push_sent(sent **v, size_t *n, size_t *a, size_t s, size_t e) {
  if (*n == *a) {
    size_t na = *a ? *a * 2 : 64;
    sent *p = td_realloc(*v, na * sizeof *p);
    if (!p) return -1;
    *v = p;
    *a = na;
  }
  (*v)[*n].s = s;
  (*v)[*n].e = e;
  (*v)[*n].why = NULL;
  (*n)++;
  return 0;
}

/* Cut one sentence of the shared splitter where a stop is glued straight to
** a capital after a lower-case word of 3+ letters ("difference.Vladimir"):
** that is how appeals get fused to the text they preceded, and the shared
** splitter (rightly, for ordinary text) wants white space after a stop.
** "co.UK" (two capitals) and "e.g.The" (short word) are spared. */
static int split_glued(const char *t, size_t s, size_t e, sent **v, size_t *n, size_t *a) {
  size_t start = s;
  for (size_t i = s + 3; i + 2 < e; i++) {
    char c = t[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < e && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
    if (j + 2 < e && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
        ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99))
      j += 3;
    if (j + 1 >= e || !(t[j] >= 'A' && t[j] <= 'Z') || (t[j + 1] >= 'A' && t[j + 1] <= 'Z'))
      continue;
    size_t w = i;
    while (w > start && t[w - 1] != ' ' && t[w - 1] != '.') w--;
    if (i - w < 3 || !lower_letter((unsigned char)t[i - 1])) continue;
    if (push_sent(v, n, a, start, j)) return -1;
    start = j;
    i = j;
  }
  return push_sent(v, n, a, start, e);
}

/* Sentences of the line t[s..e): the shared splitter (src/text/sentence.h),
** which knows abbreviations, initials and quotations, then the glued cut. */
static int split(const char *t, size_t s, size_t e, sent **v, size_t *n, size_t *a) {
  td_span *sp = NULL;
  size_t k = td_sentences(t + s, e - s, &sp);
  if (k == (size_t)-1) return -1;
  int rc = 0;
  for (size_t i = 0; i < k && !rc; i++)
    rc = split_glued(t, s + sp[i].start, s + sp[i].end, v, n, a);
  td_free(sp);
  return rc;
}

/* First person plural: the outlet speaking of itself. */
static int we_voice(const char *s, size_t len) {
  static const char *const w[] = {" we ", " we'", " our ", " us ", " us.", " us,", " us:"};
  char buf[2048];
  if (len > sizeof buf - 3) len = sizeof buf - 3;
  buf[0] = ' ';
  for (size_t i = 0; i < len; i++) buf[i + 1] = (char)lc((unsigned char)s[i]);
  buf[len + 1] = ' ';
  buf[len + 2] = '\0';
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
    if (strstr(buf, w[i])) return 1;
  return 0;
}

/* ------------------------------------------------------ the outlet's name */

static int alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Fold s[0..len) into out: letters and digits in lower case, a leading
** "the" dropped, so "The Lantern Post", "Lantern Post" and "LanternPost" are
** one key. Returns the key's length (0 when it does not fit). */
static size_t fold_name(const char *s, size_t len, char *out, size_t cap) {
  size_t n = 0;
  if (len > 4 && !strncasecmp(s, "the ", 4)) s += 4, len -= 4;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!alnum(c)) continue;
    if (n + 1 >= cap) return 0;
    out[n++] = (char)lc(c);
  }
  out[n] = '\0';
  return n;
}

/* The outlet's key from a->source: a name ("The Lantern Post") or a domain
** ("www.lanternpost.example": its first label that is not www/news/m). */
static size_t outlet_key(const char *src, char *out, size_t cap) {
  if (!src) return 0;
  size_t len = strlen(src);
  if (!memchr(src, ' ', len) && memchr(src, '.', len)) {
    const char *p = src, *end = src + len;
    while (p < end) {
      const char *d = memchr(p, '.', (size_t)(end - p));
      size_t l = d ? (size_t)(d - p) : (size_t)(end - p);
      if (!(l == 3 && !strncasecmp(p, "www", 3)) && !(l == 4 && !strncasecmp(p, "news", 4)) &&
          !(l == 1 && (*p == 'm' || *p == 'M')) && l >= 3)
        return fold_name(p, l, out, cap);
      if (!d) break;
      p = d + 1;
    }
    return 0;
  }
  return fold_name(src, len, out, cap);
}

/* Does the sentence name the outlet? A run of one to five capitalised words
** (possessive allowed) whose folded form is the key; its span in *ns, *ne. */
static int names_outlet(const char *s, size_t len, const char *key, size_t klen, size_t *ns,
                        size_t *ne) {
  if (klen < 4) return 0;
  for (size_t i = 0; i < len; i++) {
    if (!(s[i] >= 'A' && s[i] <= 'Z') || (i && alnum((unsigned char)s[i - 1]))) continue;
    char f[128];
    size_t n = 0, p = i;
    for (int words = 0; words < 5 && p < len; words++) {
      if (!(s[p] >= 'A' && s[p] <= 'Z') && !(s[p] >= '0' && s[p] <= '9')) break;
      size_t q = p;
      while (q < len && (alnum((unsigned char)s[q]) || s[q] == '-' || s[q] == '&')) q++;
      for (size_t k = p; k < q; k++)
        if (alnum((unsigned char)s[k]) && n + 1 < sizeof f) f[n++] = (char)lc((unsigned char)s[k]);
      if (n == 3 && !memcmp(f, "the", 3) && words == 0) n = 0;
      if (n == klen && !memcmp(f, key, klen)) {
        *ns = i;
        *ne = q;
        return 1;
      }
      if (n >= klen) break;
      if (q >= len || s[q] != ' ') break;
      p = q + 1;
    }
  }
  return 0;
}

/* What an outlet says of itself when it asks for money: its independence,
** that it is free to read, who pays for it. Matched outside the name (an
** outlet may be called "The Independent"); '*' ends a prefix, otherwise the
** phrase must end at a word boundary. */
static const char *const self_appeal[] = {
    "independent",    "free to read",    "free for everyone", "free for all",   "free to access",
    "free of charge", "reader-funded",   "reader-supported",  "reader funded",  "reader supported",
    "funded by read*", "funded by its read*", "supported by read*", "relies on",    "depends on",
    "paywall*",       "nonprofit",       "non-profit",        "not-for-profit", "ad-free",
    "donations",      "donors",          "supporters",        "membership",     "subscribers",
};

/* The outlet, named, speaking of itself in appeal vocabulary ("The Lantern
** Post is independent and free to read."). A sentence where the outlet is
** an actor of the news ("The Lantern Post has not seen the records") has
** none of that vocabulary and stays. */
static int self_appeal_sentence(const char *s, size_t len, const char *key, size_t klen) {
  size_t ns, ne;
  if (!names_outlet(s, len, key, klen, &ns, &ne) || has_quote(s, len)) return 0;
  if (count_words(s, len) > 40) return 0;
  for (size_t i = 0; i < sizeof self_appeal / sizeof self_appeal[0]; i++) {
    const char *ph = self_appeal[i];
    size_t pl = strlen(ph);
    int prefix = ph[pl - 1] == '*';
    if (prefix) pl--;
    for (size_t k = 0; k + pl <= len; k++) {
      if (k >= ns && k < ne) continue;
      if (k && alnum((unsigned char)s[k - 1])) continue;
      size_t m = 0;
      while (m < pl && lc((unsigned char)s[k + m]) == ph[m]) m++;
      if (m < pl) continue;
      if (!prefix && k + pl < len && alnum((unsigned char)s[k + pl])) continue;
      return 1;
    }
  }
  return 0;
}

/* The outlet's own voice: "we"/"our", or its name. */
static int own_voice(const char *s, size_t len, const char *key, size_t klen) {
  size_t ns, ne;
  return we_voice(s, len) || names_outlet(s, len, key, klen, &ns, &ne);
}

/* ------------------------------------------------- learned boilerplate */

uint64_t td_clean_line_hash(const char *s, size_t len) {
  char f[2048];
  size_t n = 0, letters = 0;
  if (len > 4 * sizeof f) return 0; /* a paragraph of matter, not furniture */
  for (size_t i = 0; i < len && n + 4 <= sizeof f;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') c += 32;
      if (c >= 'a' && c <= 'z') f[n++] = (char)c, letters++;
      i++;
      continue;
    }
    /* Letters of any script, lower-cased; marks, symbols and dashes go. */
    int32_t cp;
    int k = td_utf8_decode(s + i, len - i, &cp);
    if (k <= 0) {
      i++;
      continue;
    }
    i += (size_t)k;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) continue;
    n += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)f + n);
    letters++;
  }
  if (letters < 8) return 0;
  uint64_t h = XXH3_64bits(f, n);
  return h ? h : 1; /* 0 stands for "an article of the outlet" */
}

/* Ask the corpus which lines of this article its outlet keeps repeating;
** marks them in L[i].learned. TD_OK (also when the store fails: learning
** is then off for this article) or TD_ENOMEM. */
static int learn(td_article *a, const td_clean_ctx *ctx, const char *t, line *L, size_t nl) {
  if (!ctx || !ctx->lines_seen || !a->source || !*a->source || !a->url || !nl) return TD_OK;
  uint64_t *h = td_malloc((nl + 1) * sizeof *h);
  long long *cnt = td_calloc(nl + 1, sizeof *cnt);
  size_t *at = td_malloc(nl * sizeof *at);
  int rc = TD_ENOMEM;
  if (!h || !cnt || !at) goto out;
  size_t nh = 1;
  h[0] = 0;
  for (size_t i = 0; i < nl; i++) {
    const char *p = t + L[i].s;
    size_t len = L[i].e - L[i].s;
    at[i] = 0;
    uint64_t v = has_quote(p, len) || count_words(p, len) > 80 ? 0 : td_clean_line_hash(p, len);
    if (!v) continue;
    size_t k = 1;
    while (k < nh && h[k] != v) k++; /* a line twice in one article counts once */
    if (k == nh) h[nh++] = v;
    at[i] = k;
  }
  rc = TD_OK;
  int st = ctx->lines_seen(ctx->st, a->source, a->url, h, nh, cnt);
  if (st == TD_ENOMEM) rc = TD_ENOMEM;
  if (st) goto out;
  long long n = ctx->min_articles > 0 ? ctx->min_articles : 5;
  double share = ctx->min_share > 0 ? ctx->min_share : 0.05;
  for (size_t i = 0; i < nl; i++)
    if (at[i] && cnt[at[i]] >= n && (double)cnt[at[i]] >= share * (double)cnt[0]) L[i].learned = 1;
out:
  td_free(h);
  td_free(cnt);
  td_free(at);
  return rc;
}

static int line_has(const line *l, const sent *v, const char *why) {
  if (l->why) return !strcmp(l->why, why);
  for (size_t i = 0; i < l->n; i++)
    if (v[l->first + i].why && !strcmp(v[l->first + i].why, why)) return 1;
  return 0;
}

int td_clean_boilerplate(td_article *a, const td_clean_ctx *ctx) {
  const char *t = a->text;
  size_t len = strlen(t);
  line *L = NULL;
  size_t nl = 0, al = 0;
  sent *S = NULL;
  size_t ns = 0, as = 0;
  int rc = TD_ENOMEM;
  int par = 0;
  char key[128];
  size_t klen = outlet_key(a->source, key, sizeof key);
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && t[e] != '\n') e++;
    if (e == i) {
      par = 1;
      i = e + 1;
      continue;
    }
    if (nl == al) {
      size_t na = al ? al * 2 : 32;
      line *p = td_realloc(L, na * sizeof *p);
      if (!p) goto out;
      L = p;
      al = na;
    }
    line *l = &L[nl++];
    l->s = i;
    l->e = e;
    l->par = par;
    l->learned = 0;
    l->why = NULL;
    l->first = ns;
    if (split(t, i, e, &S, &ns, &as)) goto out;
    l->n = ns - l->first;
    par = 0;
    i = e + 1;
  }
  /* 1. The lexicon, line by line and sentence by sentence. */
  for (size_t i = 0; i < nl; i++) {
    line *l = &L[i];
    /* A line of several sentences is judged sentence by sentence (an
    ** appeal may be glued to the article's first sentence). */
    if (l->n < 2) {
      l->why = classify(t + l->s, l->e - l->s, 1, i);
      if (!l->why && self_appeal_sentence(t + l->s, l->e - l->s, key, klen)) l->why = "appeal";
    }
    if (l->why || l->n < 2) continue;
    size_t hit = 0, appeals = 0;
    for (size_t k = 0; k < l->n; k++) {
      sent *s = &S[l->first + k];
      s->why = classify(t + s->s, s->e - s->s, 0, i);
      if (!s->why && self_appeal_sentence(t + s->s, s->e - s->s, key, klen)) s->why = "appeal";
      hit += s->why != NULL;
      appeals += s->why && !strcmp(s->why, "appeal");
    }
    /* Beside an appeal, the outlet's own voice is the appeal's. */
    for (size_t k = 0; appeals && k < l->n; k++) {
      sent *s = &S[l->first + k];
      if (!s->why && own_voice(t + s->s, s->e - s->s, key, klen) && !has_quote(t + s->s, s->e - s->s)) {
        s->why = "appeal";
        hit++;
      }
    }
    if (hit == l->n) l->why = S[l->first].why;
  }
  /* 1b. What the outlet repeats, where the lexicon had nothing to say. */
  if (learn(a, ctx, t, L, nl)) goto out;
  for (size_t i = 0; i < nl; i++) {
    if (!L[i].learned || L[i].why) continue;
    L[i].why = "outlet-boilerplate";
    for (size_t k = 0; k < L[i].n; k++) S[L[i].first + k].why = NULL;
  }
  /* 2. A line in the outlet's own voice between two appeal lines. */
  for (size_t i = 1; i + 1 < nl; i++) {
    if (L[i].why || !line_has(&L[i - 1], S, "appeal")) continue;
    size_t j = i + 1;
    while (j < nl && !L[j].why && j - i < 3 && !line_has(&L[j], S, "appeal")) j++;
    if (j >= nl || !line_has(&L[j], S, "appeal")) continue;
    for (size_t k = i; k < j; k++)
      if (we_voice(t + L[k].s, L[k].e - L[k].s) && !has_quote(t + L[k].s, L[k].e - L[k].s))
        L[k].why = "appeal";
  }
  /* 3. After a comment-forum marker, short trailing lines are the forum. */
  for (size_t i = 0; i < nl; i++) {
    if (!L[i].why || strcmp(L[i].why, "comments")) continue;
    int tail = 1;
    for (size_t k = i + 1; k < nl; k++)
      if (!L[k].why && count_words(t + L[k].s, L[k].e - L[k].s) > 30) tail = 0;
    if (!tail || nl - i > 8) continue;
    for (size_t k = i + 1; k < nl; k++)
      if (!L[k].why) L[k].why = "comments";
    break;
  }
  /* 4. Write what stays; record what goes. */
  td_buf b = TD_BUF_INIT;
  int pending_par = 0;
  for (size_t i = 0; i < nl; i++) {
    line *l = &L[i];
    if (l->par) pending_par = 1;
    if (l->why) {
      if (!strcmp(l->why, "byline") && !a->byline) {
        const char *p = t + l->s + 3;
        if (td_article_set(&a->byline, p, l->e - l->s - 3)) goto outb;
      }
      if (td_article_add_removed(a, t + l->s, l->e - l->s, l->why)) goto outb;
      continue;
    }
    size_t mark = b.len;
    int first = 1;
    for (size_t k = 0; k < l->n; k++) {
      sent *s = &S[l->first + k];
      if (s->why) {
        if (td_article_add_removed(a, t + s->s, s->e - s->s, s->why)) goto outb;
        continue;
      }
      if (first && b.len) {
        if (td_buf_append(&b, pending_par ? "\n\n" : "\n", pending_par ? 2 : 1)) goto outb;
      } else if (!first && k && !S[l->first + k - 1].why) {
        /* Next to the sentence before: what separated them, as written. */
        const sent *p = &S[l->first + k - 1];
        if (td_buf_append(&b, t + p->e, s->s - p->e)) goto outb;
      } else if (!first) {
        if (td_buf_putc(&b, ' ')) goto outb;
      }
      if (td_buf_append(&b, t + s->s, s->e - s->s)) goto outb;
      first = 0;
    }
    if (b.len > mark || (mark == 0 && b.len)) pending_par = 0;
  }
  char *nt = td_buf_detach(&b);
  if (!nt) goto out;
  td_free(a->text);
  a->text = nt;
  rc = TD_OK;
  goto out;
outb:
  td_buf_release(&b);
out:
  td_free(L);
  td_free(S);
  return rc;
}
