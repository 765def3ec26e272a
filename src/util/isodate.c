/*
** isodate.c — reading publication dates (see isodate.h).
**
** A small hand-written scanner: the forms are few and fixed, and a
** general date library would accept far more than a news date can be.
*/
#include "util/isodate.h"

#include <stdio.h>
#include <string.h>

int64_t td_days_from_civil(int y, int m, int d) {
  /* Howard Hinnant's algorithm. */
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

typedef struct scan {
  const char *s;
  size_t len, pos;
} scan;

static int peek(const scan *c) { return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1; }
static int is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static int is_alpha(int ch) { return (ch | 32) >= 'a' && (ch | 32) <= 'z'; }

/* Read exactly n digits (n > 0) or, when n == 0, 1-4 digits. */
static int digits(scan *c, int n, int *out) {
  int v = 0, k = 0, max = n ? n : 4;
  while (k < max && is_digit(peek(c))) {
    v = v * 10 + (c->s[c->pos++] - '0');
    k++;
  }
  if (k == 0 || (n && k != n)) return -1;
  *out = v;
  return 0;
}

static void skip_space(scan *c) {
  while (peek(c) == ' ' || peek(c) == '\t' || peek(c) == ',' || peek(c) == '.') c->pos++;
}

static int month_name(scan *c) {
  static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  size_t start = c->pos;
  while (is_alpha(peek(c))) c->pos++;
  size_t n = c->pos - start;
  if (n < 3) return -1;
  for (int i = 0; i < 12; i++) {
    if (strncasecmp(c->s + start, names[i], 3) == 0) return i + 1;
  }
  return -1;
}

static int valid(int y, int m, int d) {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Optional time part: "T10:00", "10:00:00", fraction, then Z / +hh:mm /
** -hhmm / " GMT" / " UTC". Returns 1 if a time was read, 0 if none, -1 bad. */
static int time_part(scan *c, int *hh, int *mm, int *ss, int *off_min) {
  *hh = *mm = *ss = *off_min = 0;
  size_t save = c->pos;
  if (peek(c) == 'T' || peek(c) == 't' || peek(c) == ' ') c->pos++;
  while (peek(c) == ' ') c->pos++;
  if (digits(c, 2, hh) || peek(c) != ':') {
    c->pos = save;
    return 0;
  }
  c->pos++;
  if (digits(c, 2, mm)) return -1;
  if (peek(c) == ':') {
    c->pos++;
    if (digits(c, 2, ss)) return -1;
    if (peek(c) == '.' || peek(c) == ',') {
      c->pos++;
      while (is_digit(peek(c))) c->pos++;
    }
  }
  if (*hh > 23 || *mm > 59 || *ss > 60) return -1;
  while (peek(c) == ' ') c->pos++;
  int ch = peek(c);
  if (ch == 'Z' || ch == 'z') {
    c->pos++;
  } else if (ch == '+' || ch == '-') {
    int sign = ch == '-' ? -1 : 1, oh, om = 0;
    c->pos++;
    if (digits(c, 2, &oh)) return -1;
    if (peek(c) == ':') c->pos++;
    if (is_digit(peek(c)) && digits(c, 2, &om)) return -1;
    *off_min = sign * (oh * 60 + om);
  } else if (c->len - c->pos >= 3 && (strncasecmp(c->s + c->pos, "GMT", 3) == 0 ||
                                      strncasecmp(c->s + c->pos, "UTC", 3) == 0)) {
    c->pos += 3;
  }
  return 1;
}

static int finish(int y, int m, int d, int has_time, int hh, int mm, int ss, int off,
                  char out[21]) {
  if (!valid(y, m, d)) return -1;
  if (!has_time) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 11);
    return 0;
  }
  int64_t t = td_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + (ss > 59 ? 59 : ss) -
              (int64_t)off * 60;
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t sec = t - days * 86400;
  civil_from_days(days, &y, &m, &d);
  if (!valid(y, m, d)) return -1;
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(sec / 3600),
           (int)(sec / 60 % 60), (int)(sec % 60));
  memcpy(out, tmp, 20);
  out[20] = '\0';
  return 0;
}

int td_isodate_parse(const char *s, size_t len, char out[21]) {
  scan c = {s, len, 0};
  int y, m, d, hh, mm, ss, off, t;
  while (peek(&c) == ' ' || peek(&c) == '\t' || peek(&c) == '\n' || peek(&c) == '\r') c.pos++;
  while (len > c.pos && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
  c.len = len;
  if (is_digit(peek(&c))) {
    size_t start = c.pos;
    if (digits(&c, 4, &y) == 0) {
      if (peek(&c) == '-' || peek(&c) == '/') { /* 2024-12-31 */
        char sep = s[c.pos++];
        if (digits(&c, 0, &m) || peek(&c) != sep) return -1;
        c.pos++;
        if (digits(&c, 0, &d)) return -1;
      } else if (digits(&c, 2, &m) == 0 && digits(&c, 2, &d) == 0) { /* 20241231 */
      } else {
        return -1;
      }
      if ((t = time_part(&c, &hh, &mm, &ss, &off)) < 0) return -1;
      if (c.pos != c.len) return -1;
      return finish(y, m, d, t, hh, mm, ss, off, out);
    }
    c.pos = start; /* "31 December 2024" */
    if (digits(&c, 0, &d)) return -1;
    skip_space(&c);
    if ((m = month_name(&c)) < 0) return -1;
    skip_space(&c);
    if (digits(&c, 4, &y)) return -1;
  } else {
    /* Optional weekday ("Tue,"), then "31 Dec 2024" or "December 31, 2024". */
    size_t save = c.pos;
    while (is_alpha(peek(&c))) c.pos++;
    size_t word_end = c.pos;
    c.pos = save;
    m = month_name(&c);
    if (m < 0) { /* a weekday */
      c.pos = word_end;
      skip_space(&c);
      if (is_digit(peek(&c))) {
        if (digits(&c, 0, &d)) return -1;
        skip_space(&c);
        if ((m = month_name(&c)) < 0) return -1;
      } else if ((m = month_name(&c)) < 0) {
        return -1;
      } else {
        skip_space(&c);
        if (digits(&c, 0, &d)) return -1;
      }
    } else {
      skip_space(&c);
      if (digits(&c, 0, &d)) return -1;
      if (c.len - c.pos >= 2 && is_alpha(peek(&c))) c.pos += 2; /* 1st, 2nd, 31st */
    }
    skip_space(&c);
    if (digits(&c, 4, &y)) return -1;
  }
  if ((t = time_part(&c, &hh, &mm, &ss, &off)) < 0) return -1;
  while (peek(&c) == ' ') c.pos++;
  if (c.pos != c.len) return -1;
  return finish(y, m, d, t, hh, mm, ss, off, out);
}

int td_isodate_days(const char *norm, int64_t *days) {
  int y, m, d;
  if (!norm || sscanf(norm, "%4d-%2d-%2d", &y, &m, &d) != 3 || !valid(y, m, d)) return -1;
  *days = td_days_from_civil(y, m, d);
  return 0;
}
