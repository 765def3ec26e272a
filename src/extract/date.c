/*
** date.c — explicit and relative dates (see date.h).
**
** One pass over the tokens. Explicit forms are recognised from a month name
** or an ISO-shaped number run; relative ones from a small set of anchors
** (weekday names, yesterday/today/tomorrow, this/last/next + week, month,
** year, "N days ago"), each resolved against the publication date with civil
** calendar arithmetic (days since 1970, Howard Hinnant's algorithm). A weekday
** in news means the most recent one on or before publication unless "next"
** says otherwise: "on Saturday" in a Sunday paper is the day before.
*/
#include "extract/date.h"
#include "extract/lexicon.h"
#include "text/token.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>

long td_date_days(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void td_date_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
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

int td_date_weekday(int y, int m, int d) {
  long z = td_date_days(y, m, d);
  return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

typedef struct dv {
  td_date *v;
  size_t n, a;
} dv;

static int push(dv *D, size_t s, size_t e, int y, int m, int d, td_date_prec p, int rel) {
  if (D->n == D->a) {
    size_t na = D->a ? D->a * 2 : 16;
    td_date *nv = td_realloc(D->v, na * sizeof *nv);
    if (!nv) return -1;
    D->v = nv;
    D->a = na;
  }
  td_date *x = &D->v[D->n++];
  x->start = s;
  x->end = e;
  x->year = y;
  x->month = m;
  x->day = d;
  x->prec = p;
  x->relative = rel;
  return 0;
}

typedef struct sc {
  const char *s;
  const td_token *t;
  size_t n;
} sc;

static int is_w(const sc *S, size_t i, const char *w) {
  if (i >= S->n || S->t[i].kind != TD_TOK_WORD) return 0;
  size_t l = strlen(w);
  if (S->t[i].end - S->t[i].start != l) return 0;
  for (size_t k = 0; k < l; k++) {
    char c = S->s[S->t[i].start + k];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != w[k]) return 0;
  }
  return 1;
}

/* The value of a number token of at most `maxd` digits, or -1. */
static int num(const sc *S, size_t i, size_t maxd) {
  if (i >= S->n || S->t[i].kind != TD_TOK_NUMBER) return -1;
  size_t l = S->t[i].end - S->t[i].start;
  if (l > maxd) return -1;
  int v = 0;
  for (size_t k = 0; k < l; k++) {
    char c = S->s[S->t[i].start + k];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

/* A day number, allowing "30th" (the tokenizer splits "th" off). */
static int day_at(const sc *S, size_t i, size_t *used) {
  int d = num(S, i, 2);
  if (d < 1 || d > 31) return -1;
  *used = 1;
  if (i + 1 < S->n && S->t[i + 1].start == S->t[i].end &&
      (is_w(S, i + 1, "st") || is_w(S, i + 1, "nd") || is_w(S, i + 1, "rd") ||
       is_w(S, i + 1, "th")))
    *used = 2;
  return d;
}

static int month_at(const sc *S, size_t i) {
  if (i >= S->n || S->t[i].kind != TD_TOK_WORD) return 0;
  const char *w = S->s + S->t[i].start;
  size_t l = S->t[i].end - S->t[i].start;
  /* Capitalised only: "may" and "march" are verbs too. */
  if (!S->t[i].upper) return 0;
  return td_lex_month(w, l);
}

static int year_ok(int y) { return y >= 1800 && y <= 2199; }

int td_dates_extract(const char *text, size_t len, const char *pub_date, td_date **out, size_t *n) {
  *out = NULL;
  *n = 0;
  dv D = {0};
  td_token *tok = NULL;
  size_t nt = td_tokenize(text, len, &tok);
  if (nt == (size_t)-1) return TD_ENOMEM;
  sc S = {text, tok, nt};
  int py = 0, pm = 0, pd = 0;
  long pz = 0;
  if (pub_date && strlen(pub_date) >= 10 && pub_date[4] == '-' && pub_date[7] == '-') {
    py = (pub_date[0] - '0') * 1000 + (pub_date[1] - '0') * 100 + (pub_date[2] - '0') * 10 +
         (pub_date[3] - '0');
    pm = (pub_date[5] - '0') * 10 + (pub_date[6] - '0');
    pd = (pub_date[8] - '0') * 10 + (pub_date[9] - '0');
    if (!year_ok(py) || pm < 1 || pm > 12 || pd < 1 || pd > 31)
      py = pm = pd = 0;
    else
      pz = td_date_days(py, pm, pd);
  }
  int rc = TD_ENOMEM;
  for (size_t i = 0; i < nt; i++) {
    size_t used;
    int m = month_at(&S, i);
    if (m) {
      size_t j = i + 1;
      if (j < nt && S.t[j].kind == TD_TOK_PUNCT && text[S.t[j].start] == '.') j++; /* "Dec." */
      int d = day_at(&S, j, &used);
      if (d > 0) { /* December 30[, 2017] */
        size_t k = j + used;
        if (k < nt && S.t[k].kind == TD_TOK_PUNCT && text[S.t[k].start] == ',') k++;
        int y = num(&S, k, 4);
        if (year_ok(y)) {
          if (push(&D, S.t[i].start, S.t[k].end, y, m, d, TD_DATE_DAY, 0)) goto done;
          i = k;
        } else if (py) {
          /* No year: the one that puts it nearest the publication date. */
          int yy = py;
          if (m - pm > 6)
            yy--;
          else if (pm - m > 6)
            yy++;
          if (push(&D, S.t[i].start, S.t[j + used - 1].end, yy, m, d, TD_DATE_DAY, 1)) goto done;
          i = j + used - 1;
        }
        continue;
      }
      int y = num(&S, j, 4);
      if (year_ok(y)) { /* November 2016 */
        if (push(&D, S.t[i].start, S.t[j].end, y, m, 0, TD_DATE_MONTH, 0)) goto done;
        i = j;
        continue;
      }
      if (py && i > 0 &&
          (is_w(&S, i - 1, "in") || is_w(&S, i - 1, "since") || is_w(&S, i - 1, "until") ||
           is_w(&S, i - 1, "early") || is_w(&S, i - 1, "late") || is_w(&S, i - 1, "mid"))) {
        int yy = m > pm ? py - 1 : py; /* "in November" looks back */
        if (push(&D, S.t[i].start, S.t[i].end, yy, m, 0, TD_DATE_MONTH, 1)) goto done;
      }
      continue;
    }
    /* 30 December [2017] */
    int d = day_at(&S, i, &used);
    if (d > 0 && (m = month_at(&S, i + used)) != 0) {
      size_t k = i + used + 1;
      int y = num(&S, k, 4);
      if (year_ok(y)) {
        if (push(&D, S.t[i].start, S.t[k].end, y, m, d, TD_DATE_DAY, 0)) goto done;
        i = k;
      } else if (py) {
        int yy = py;
        if (m - pm > 6)
          yy--;
        else if (pm - m > 6)
          yy++;
        if (push(&D, S.t[i].start, S.t[i + used].end, yy, m, d, TD_DATE_DAY, 1)) goto done;
        i += used;
      }
      continue;
    }
    /* 2017-12-30 */
    int y = num(&S, i, 4);
    if (year_ok(y) && i + 4 < nt && S.t[i + 1].start == S.t[i].end &&
        text[S.t[i + 1].start] == '-' && S.t[i + 2].start == S.t[i + 1].end &&
        text[S.t[i + 3].start] == '-' && S.t[i + 4].start == S.t[i + 3].end) {
      int mm = num(&S, i + 2, 2), dd = num(&S, i + 4, 2);
      if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) {
        if (push(&D, S.t[i].start, S.t[i + 4].end, y, mm, dd, TD_DATE_DAY, 0)) goto done;
        i += 4;
        continue;
      }
    }
    /* in 2015, since 2014 */
    if (year_ok(y) && S.t[i].end - S.t[i].start == 4 && i > 0 &&
        (is_w(&S, i - 1, "in") || is_w(&S, i - 1, "since") || is_w(&S, i - 1, "until") ||
         is_w(&S, i - 1, "of") || is_w(&S, i - 1, "by") || is_w(&S, i - 1, "from"))) {
      if (push(&D, S.t[i].start, S.t[i].end, y, 0, 0, TD_DATE_YEAR, 0)) goto done;
      continue;
    }
    if (!py) continue;
    /* Relative to the publication date. */
    int wd = S.t[i].kind == TD_TOK_WORD && S.t[i].upper
                 ? td_lex_weekday(text + S.t[i].start, S.t[i].end - S.t[i].start)
                 : -1;
    if (wd >= 0) {
      int pw = td_date_weekday(py, pm, pd);
      long z;
      size_t s0 = S.t[i].start;
      if (i > 0 && is_w(&S, i - 1, "next")) {
        z = pz + ((wd - pw + 7) % 7 ? (wd - pw + 7) % 7 : 7);
        s0 = S.t[i - 1].start;
      } else if (i > 0 && is_w(&S, i - 1, "last")) {
        z = pz - ((pw - wd + 7) % 7 ? (pw - wd + 7) % 7 : 7);
        s0 = S.t[i - 1].start;
      } else
        z = pz - (pw - wd + 7) % 7;
      int yy, mm, dd;
      td_date_from_days(z, &yy, &mm, &dd);
      if (push(&D, s0, S.t[i].end, yy, mm, dd, TD_DATE_DAY, 1)) goto done;
      continue;
    }
    long off = 0;
    int hit = 0;
    if (is_w(&S, i, "yesterday"))
      off = -1, hit = 1;
    else if (is_w(&S, i, "today"))
      off = 0, hit = 1;
    else if (is_w(&S, i, "tomorrow"))
      off = 1, hit = 1;
    if (hit) {
      int yy, mm, dd;
      td_date_from_days(pz + off, &yy, &mm, &dd);
      if (push(&D, S.t[i].start, S.t[i].end, yy, mm, dd, TD_DATE_DAY, 1)) goto done;
      continue;
    }
    int dir = is_w(&S, i, "this") ? 0 : is_w(&S, i, "last") ? -1 : is_w(&S, i, "next") ? 1 : 9;
    if (dir != 9 && i + 1 < nt) {
      size_t s0 = S.t[i].start;
      if (dir == 0 && i > 0 && (is_w(&S, i - 1, "earlier") || is_w(&S, i - 1, "later")))
        s0 = S.t[i - 1].start;
      int yy = py, mm = pm, dd = pd;
      if (is_w(&S, i + 1, "year")) {
        if (push(&D, s0, S.t[i + 1].end, py + dir, 0, 0, TD_DATE_YEAR, 1)) goto done;
        i++;
      } else if (is_w(&S, i + 1, "month")) {
        mm = pm + dir;
        if (mm < 1) mm = 12, yy--;
        if (mm > 12) mm = 1, yy++;
        if (push(&D, s0, S.t[i + 1].end, yy, mm, 0, TD_DATE_MONTH, 1)) goto done;
        i++;
      } else if (is_w(&S, i + 1, "week")) {
        td_date_from_days(pz + 7L * dir, &yy, &mm, &dd);
        if (push(&D, s0, S.t[i + 1].end, yy, mm, dd, TD_DATE_WEEK, 1)) goto done;
        i++;
      }
      continue;
    }
    /* N days / weeks / months / years ago */
    int k = num(&S, i, 3);
    if (k > 0 && i + 2 < nt && is_w(&S, i + 2, "ago")) {
      int yy = py, mm = pm, dd = pd;
      if (is_w(&S, i + 1, "days") || is_w(&S, i + 1, "day")) {
        td_date_from_days(pz - k, &yy, &mm, &dd);
        if (push(&D, S.t[i].start, S.t[i + 2].end, yy, mm, dd, TD_DATE_DAY, 1)) goto done;
      } else if (is_w(&S, i + 1, "weeks") || is_w(&S, i + 1, "week")) {
        td_date_from_days(pz - 7L * k, &yy, &mm, &dd);
        if (push(&D, S.t[i].start, S.t[i + 2].end, yy, mm, dd, TD_DATE_WEEK, 1)) goto done;
      } else if (is_w(&S, i + 1, "years") || is_w(&S, i + 1, "year")) {
        if (push(&D, S.t[i].start, S.t[i + 2].end, py - k, 0, 0, TD_DATE_YEAR, 1)) goto done;
      } else if (is_w(&S, i + 1, "months") || is_w(&S, i + 1, "month")) {
        int t = py * 12 + (pm - 1) - k;
        if (push(&D, S.t[i].start, S.t[i + 2].end, t / 12, t % 12 + 1, 0, TD_DATE_MONTH, 1))
          goto done;
      }
      i += 2;
    }
  }
  *out = D.v;
  *n = D.n;
  D.v = NULL;
  rc = TD_OK;
done:
  td_free(D.v);
  td_free(tok);
  return rc;
}
