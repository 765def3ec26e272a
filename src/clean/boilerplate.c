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
** Learning an outlet's own repeated blocks needs the store (the same line
** in many articles of one source); it is not done here yet.
*/
#include "clean/clean_int.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <string.h>
#include <strings.h>

typedef struct sent {
  size_t s, e;        /* byte span in the text */
  const char *why;    /* NULL: kept */
} sent;

typedef struct line {
  size_t s, e;
  int par;            /* a blank line precedes it */
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
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
      const rule *r = &rules[i];
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
      if (find_ci(s, len, r->phrase)) return r->why;
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

static int is_upper_start(const char *s, size_t len) {
  unsigned char c = (unsigned char)s[0];
  if (c >= 'A' && c <= 'Z') return 1;
  if (c == '"' || c == '\'' || c == '(' || (c >= '0' && c <= '9')) return 1;
  if (c == 0xE2 && len >= 3) return 1; /* “ ‘ */
  return c >= 0xC3 && c <= 0xD4 && len >= 2 && (unsigned char)s[1] >= 0x80 &&
         (unsigned char)s[1] <= 0x9E; /* À-Þ, Ā.., capital Greek/Cyrillic roughly */
}

static int lower_letter(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Sentences of a line. Splits after . ! ? (and a closing quote) followed by
** a space and a capital, or glued straight to a capital after a lower-case
** word ("difference.Vladimir"), which is how appeals get fused to the text
** they preceded. Abbreviations are spared by requiring the word before the
** stop to have 3+ letters or to be lower case. (Until the shared splitter
** lands, this one serves the lexicon; it only needs to be cautious.) */
static int split(const char *t, size_t s, size_t e, sent **v, size_t *n, size_t *a) {
  size_t start = s;
  for (size_t i = s; i < e; i++) {
    char c = t[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < e && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
    if (j + 2 < e && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
        ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99))
      j += 3;
    if (j >= e) break;
    int glued = t[j] != ' ';
    size_t k = j;
    while (k < e && t[k] == ' ') k++;
    if (k >= e || !is_upper_start(t + k, e - k)) continue;
    /* the word before the stop */
    size_t w = i;
    while (w > start && t[w - 1] != ' ' && t[w - 1] != '.') w--;
    size_t wl = i - w;
    if (glued) {
      /* "difference.Vladimir": lower-case word of 3+ letters, then a capital. */
      if (c != '.' && c != '!' && c != '?') continue;
      if (wl < 3 || !lower_letter((unsigned char)t[i - 1]) || !(t[k] >= 'A' && t[k] <= 'Z'))
        continue;
      if (k + 1 < e && t[k + 1] >= 'A' && t[k + 1] <= 'Z') continue; /* "co.UK" */
    } else if (c == '.') {
      if (wl < 3 && !(wl >= 1 && lower_letter((unsigned char)t[i - 1]) && wl >= 2)) {
        if (wl <= 1 || (t[w] >= 'A' && t[w] <= 'Z')) continue; /* "Mr." "U.S." "J." */
      }
    }
    if (*n == *a) {
      size_t na = *a ? *a * 2 : 64;
      sent *p = td_realloc(*v, na * sizeof *p);
      if (!p) return -1;
      *v = p;
      *a = na;
    }
    (*v)[*n].s = start;
    (*v)[*n].e = j;
    (*v)[*n].why = NULL;
    (*n)++;
    start = k;
    i = k - 1;
  }
  if (start < e) {
    if (*n == *a) {
      size_t na = *a ? *a * 2 : 64;
      sent *p = td_realloc(*v, na * sizeof *p);
      if (!p) return -1;
      *v = p;
      *a = na;
    }
    (*v)[*n].s = start;
    (*v)[*n].e = e;
    (*v)[*n].why = NULL;
    (*n)++;
  }
  return 0;
}

/* First person plural: the outlet speaking of itself. */
static int we_voice(const char *s, size_t len) {
  static const char *const w[] = {" we ", " our ", " us ", " us.", " us,", "we ", "our "};
  char buf[2048];
  if (len > sizeof buf - 2) len = sizeof buf - 2;
  buf[0] = ' ';
  for (size_t i = 0; i < len; i++) buf[i + 1] = (char)lc((unsigned char)s[i]);
  buf[len + 1] = '\0';
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
    if (strstr(buf, w[i])) return 1;
  return 0;
}

static int line_has(const line *l, const sent *v, const char *why) {
  if (l->why) return !strcmp(l->why, why);
  for (size_t i = 0; i < l->n; i++)
    if (v[l->first + i].why && !strcmp(v[l->first + i].why, why)) return 1;
  return 0;
}

int td_clean_boilerplate(td_article *a) {
  const char *t = a->text;
  size_t len = strlen(t);
  line *L = NULL;
  size_t nl = 0, al = 0;
  sent *S = NULL;
  size_t ns = 0, as = 0;
  int rc = TD_ENOMEM;
  int par = 0;
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
    if (l->n < 2) l->why = classify(t + l->s, l->e - l->s, 1, i);
    if (l->why || l->n < 2) continue;
    size_t hit = 0;
    for (size_t k = 0; k < l->n; k++) {
      sent *s = &S[l->first + k];
      s->why = classify(t + s->s, s->e - s->s, 0, i);
      hit += s->why != NULL;
    }
    if (hit == l->n) l->why = S[l->first].why;
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
