/*
** meta.c — publication dates and schema.org JSON-LD for the clean stage.
**
** extract_html.c finds the candidate strings (meta tags, <time>, JSON-LD,
** the URL, the text) and ranks them as htmldate does; this file reads them.
** Dates in text are found by a small scanner over month names in the main
** European languages, Russian and Arabic, CJK units and numeric forms, with
** a plausibility window on the year; the result is always td_isodate's
** normal form. JSON-LD is read through the CDATA and comment guards some
** pages wrap it in.
*/
#include "clean/clean_int.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/isodate.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80; }

static int days_in(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

/* News on the web: nothing before 1990, nothing past 2100. */
static int plausible(int y, int m, int d) {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

static int put_day(int y, int m, int d, char out[21]) {
  if (!plausible(y, m, d)) return -1;
  snprintf(out, 21, "%04d-%02d-%02d", y, m, d);
  return 0;
}

/* Read up to `max` digits at s[*i]; the count read (0 when none). */
static int num(const char *s, size_t len, size_t *i, int max, int *v) {
  int n = 0;
  *v = 0;
  while (*i < len && n < max && is_digit((unsigned char)s[*i])) *v = *v * 10 + (s[(*i)++] - '0'), n++;
  if (*i < len && is_digit((unsigned char)s[*i])) return 0; /* too long */
  return n;
}

/* Month names (lower-case prefixes, at least the listed length). */
static const struct {
  const char *name;
  int month;
} months[] = {
    {"january", 1},   {"february", 2}, {"march", 3},     {"april", 4},    {"may", 5},
    {"june", 6},      {"july", 7},     {"august", 8},    {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"sept", 9},
    /* German, Dutch, Scandinavian */
    {"januar", 1},    {"februar", 2},  {"märz", 3},      {"maerz", 3},    {"mai", 5},
    {"juni", 6},      {"juli", 7},     {"oktober", 10},  {"dezember", 12}, {"januari", 1},
    {"februari", 2},  {"maart", 3},    {"mei", 5},       {"augustus", 8}, {"mars", 3},
    {"augusti", 8},   {"desember", 12}, {"december", 12},
    /* French */
    {"janvier", 1},   {"février", 2},  {"fevrier", 2},   {"avril", 4},    {"juin", 6},
    {"juillet", 7},   {"août", 8},     {"aout", 8},      {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
    /* Spanish, Portuguese, Italian */
    {"enero", 1},     {"febrero", 2},  {"marzo", 3},     {"abril", 4},    {"mayo", 5},
    {"junio", 6},     {"julio", 7},    {"agosto", 8},    {"septiembre", 9}, {"setiembre", 9},
    {"octubre", 10},  {"noviembre", 11}, {"diciembre", 12}, {"janeiro", 1}, {"fevereiro", 2},
    {"março", 3},     {"maio", 5},     {"junho", 6},     {"julho", 7},    {"setembro", 9},
    {"outubro", 10},  {"novembro", 11}, {"dezembro", 12}, {"gennaio", 1},  {"febbraio", 2},
    {"aprile", 4},    {"maggio", 5},   {"giugno", 6},    {"luglio", 7},   {"settembre", 9},
    {"ottobre", 10},  {"dicembre", 12},
    /* Russian (the genitive a date uses) */
    {"января", 1},    {"февраля", 2},  {"марта", 3},     {"апреля", 4},   {"мая", 5},
    {"июня", 6},      {"июля", 7},     {"августа", 8},   {"сентября", 9}, {"октября", 10},
    {"ноября", 11},   {"декабря", 12},
    /* Arabic: the names of Egypt and the Maghreb, with and without hamza,
    ** and the one-word Levantine names */
    {"يناير", 1},     {"فبراير", 2},   {"مارس", 3},      {"أبريل", 4},    {"ابريل", 4},
    {"إبريل", 4},     {"مايو", 5},     {"يونيو", 6},     {"يونيه", 6},    {"يوليو", 7},
    {"يوليه", 7},     {"أغسطس", 8},    {"اغسطس", 8},     {"سبتمبر", 9},   {"أكتوبر", 10},
    {"اكتوبر", 10},   {"نوفمبر", 11},  {"ديسمبر", 12},   {"شباط", 2},     {"آذار", 3},
    {"نيسان", 4},     {"أيار", 5},     {"حزيران", 6},    {"تموز", 7},     {"آب", 8},
    {"أيلول", 9},
};

/* A month name (full, or an English 3-letter abbreviation with an optional
** dot) at s[*i]; its number, or 0. */
static int month_at(const char *s, size_t len, size_t *i) {
  size_t e = *i;
  while (e < len && is_alpha((unsigned char)s[e])) e++;
  size_t wl = e - *i;
  if (wl < 3 || wl > 20) return 0;
  char w[24];
  for (size_t k = 0; k < wl; k++) {
    unsigned char c = (unsigned char)s[*i + k];
    w[k] = (char)(c < 0x80 ? (c | 32) : c);
  }
  w[wl] = '\0';
  for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
    if (!strcmp(w, months[k].name)) {
      *i = e;
      return months[k].month;
    }
  }
  if (wl == 3 || (wl == 4 && !strcmp(w, "sept"))) {
    static const char *const ab[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int m = 0; m < 12; m++)
      if (!strncmp(w, ab[m], 3)) {
        *i = e;
        if (*i < len && s[*i] == '.') (*i)++;
        return m + 1;
      }
  }
  return 0;
}

static void skip_sep(const char *s, size_t len, size_t *i) {
  while (*i < len && (s[*i] == ' ' || s[*i] == ',' || s[*i] == '\t' || s[*i] == '\n'))
    (*i)++;
}

/* Skip a connecting word ("de", "del") between day, month and year. */
static void skip_de(const char *s, size_t len, size_t *i) {
  skip_sep(s, len, i);
  if (*i + 3 <= len && (s[*i] | 32) == 'd' && (s[*i + 1] | 32) == 'e' && s[*i + 2] == ' ')
    *i += 3;
  else if (*i + 4 <= len && !strncasecmp(s + *i, "del ", 4))
    *i += 4;
  skip_sep(s, len, i);
}

/* The CJK unit after a number: 年/년 (0), 月/월 (1), 日/일 (2), with
** optional spaces around it (Korean writes "2020년 7월 12일"). */
static int cjk_unit(const char *s, size_t len, size_t *i, int which) {
  static const char *const u[3][2] = {{"\xE5\xB9\xB4", "\xEB\x85\x84"},
                                      {"\xE6\x9C\x88", "\xEC\x9B\x94"},
                                      {"\xE6\x97\xA5", "\xEC\x9D\xBC"}};
  size_t k = *i;
  while (k < len && s[k] == ' ') k++;
  for (int v = 0; v < 2; v++)
    if (k + 3 <= len && !memcmp(s + k, u[which][v], 3)) {
      k += 3;
      while (which < 2 && k < len && s[k] == ' ') k++;
      *i = k;
      return 1;
    }
  return 0;
}

/* Try every form at s[i] (a word start). 0 with out set, or -1. */
static int date_at(const char *s, size_t len, size_t i, char out[21]) {
  size_t j = i;
  int a, b, c;
  int na = num(s, len, &j, 4, &a);
  if (na == 4) { /* 2017-12-30, 2017/12/30, 2017.12.30, 2017年12月30日 */
    size_t k = j;
    if (cjk_unit(s, len, &k, 0) && num(s, len, &k, 2, &b) && cjk_unit(s, len, &k, 1) &&
        num(s, len, &k, 2, &c) && cjk_unit(s, len, &k, 2))
      return put_day(a, b, c, out);
    if (j < len && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
      char sep = s[j++];
      if (num(s, len, &j, 2, &b) && j < len && s[j] == sep) {
        j++;
        if (num(s, len, &j, 2, &c)) return put_day(a, b, c, out);
      }
    }
    return -1;
  }
  if (na == 1 || na == 2) {
    if (j < len && (s[j] == '.' || s[j] == '/' || s[j] == '-')) {
      char sep = s[j];
      size_t k = j + 1;
      if (num(s, len, &k, 2, &b) && k < len && s[k] == sep) {
        k++;
        if (num(s, len, &k, 4, &c) == 4) {
          /* Day first, as most of the world writes it; month first only
          ** when the day first cannot be. */
          if (b > 12 && a <= 12) return put_day(c, a, b, out);
          return put_day(c, b, a, out);
        }
      }
      if (sep != '.') return -1;
      j++; /* "30. Dezember 2017" */
    }
    /* 30 December 2017, 30th Dec. 2017, 30 de diciembre de 2017 */
    if (j + 2 <= len && is_alpha((unsigned char)s[j]) && is_alpha((unsigned char)s[j + 1]) &&
        (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) ||
         !strncasecmp(s + j, "rd", 2) || !strncasecmp(s + j, "th", 2)))
      j += 2;
    skip_de(s, len, &j);
    int m = month_at(s, len, &j);
    if (!m) return -1;
    skip_de(s, len, &j);
    if (num(s, len, &j, 4, &c) == 4) return put_day(c, m, a, out);
    return -1;
  }
  if (na == 0 && is_alpha((unsigned char)s[i])) { /* December 30, 2017 */
    int m = month_at(s, len, &j);
    if (!m) return -1;
    skip_sep(s, len, &j);
    if (!num(s, len, &j, 2, &b)) return -1;
    if (j + 2 <= len && (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) ||
                         !strncasecmp(s + j, "rd", 2) || !strncasecmp(s + j, "th", 2)))
      j += 2;
    skip_sep(s, len, &j);
    if (num(s, len, &j, 4, &c) == 4) return put_day(c, m, b, out);
  }
  return -1;
}

int td_clean_date_from_text(const char *s, size_t len, char out[21]) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (i > 0) { /* only at word starts; a number may follow CJK text */
      unsigned char p = (unsigned char)s[i - 1];
      if (is_digit(p) || (is_alpha(p) && (p < 0x80 || !is_digit(c)))) continue;
    }
    if (!is_digit(c) && !is_alpha(c)) continue;
    if (date_at(s, len, i, out) == 0) return 0;
  }
  return -1;
}

int td_clean_parse_date(const char *s, size_t len, char out[21]) {
  while (len && (*s == ' ' || *s == '\n' || *s == '\t')) s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t')) len--;
  if (!len || len > 200) return -1;
  if (td_isodate_parse(s, len, out) == 0) {
    int y = 0, m = 0, d = 0;
    if (sscanf(out, "%4d-%2d-%2d", &y, &m, &d) == 3 && plausible(y, m, d)) return 0;
    return -1;
  }
  /* Unix time in seconds or milliseconds (some meta tags carry it). */
  size_t k = 0;
  while (k < len && is_digit((unsigned char)s[k])) k++;
  if (k == len && (len == 10 || len == 13)) {
    long long t = 0;
    for (size_t q = 0; q < 10; q++) t = t * 10 + (s[q] - '0');
    long long days = t / 86400;
    /* civil from days, via isodate's inverse through a search-free formula */
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    return put_day(y, m, d, out);
  }
  return td_clean_date_from_text(s, len, out);
}

int td_clean_date_from_url(const char *url, char out[21]) {
  if (!url) return -1;
  size_t len = strlen(url);
  const char *p = strstr(url, "://");
  size_t i = p ? (size_t)(p - url) + 3 : 0;
  while (i < len && url[i] != '/') i++; /* the path only: hosts hold no dates */
  for (; i < len; i++) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    size_t j = i + 1;
    int y, m, d;
    if (num(url, len, &j, 4, &y) != 4) {
      /* /20171230/ or /20171230-slug */
      continue;
    }
    if (j < len && (url[j] == '/' || url[j] == '-' || url[j] == '_')) {
      char sep = url[j++];
      if (num(url, len, &j, 2, &m) && j < len && url[j] == sep) {
        j++;
        if (num(url, len, &j, 2, &d) && (j == len || !is_digit((unsigned char)url[j])) &&
            put_day(y, m, d, out) == 0)
          return 0;
      }
    }
  }
  /* Eight digits in a row: 20171230. */
  for (i = 0; i + 8 <= len; i++) {
    if (i > 0 && is_digit((unsigned char)url[i - 1])) continue;
    size_t j = i;
    int v;
    if (num(url, len, &j, 8, &v) == 8 && put_day(v / 10000, v / 100 % 100, v % 100, out) == 0)
      return 0;
  }
  return -1;
}

/* ------------------------------------------------------------- JSON-LD */

static int is_article_type(const char *t) {
  static const char *const types[] = {"Article", "NewsArticle", "ReportageNewsArticle",
                                      "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
                                      "LiveBlogPosting", "Report", "ScholarlyArticle",
                                      "TechArticle", "SocialMediaPosting", "BackgroundNewsArticle"};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (!strcmp(t, types[i])) return 1;
  return 0;
}

static int type_is(json_t *o, int (*pred)(const char *)) {
  json_t *t = json_object_get(o, "@type");
  if (json_is_string(t)) return pred(json_string_value(t));
  if (json_is_array(t)) {
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) if (json_is_string(v) && pred(json_string_value(v))) return 1;
  }
  return 0;
}

static int is_page_type(const char *t) { return !strcmp(t, "WebPage") || !strcmp(t, "ItemPage"); }

/* Take a string field (or the "name" of an object field) into *dst if unset. */
static int take(char **dst, json_t *v) {
  if (*dst || !v) return 0;
  if (json_is_object(v)) v = json_object_get(v, "name");
  if (json_is_array(v) && json_array_size(v) > 0) {
    /* Several authors: "A, B". */
    char buf[512];
    size_t n = 0;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
      json_t *s = json_is_object(e) ? json_object_get(e, "name") : e;
      if (!json_is_string(s)) continue;
      const char *t = json_string_value(s);
      size_t tl = strlen(t);
      if (n + tl + 3 >= sizeof buf) break;
      if (n) buf[n++] = ',', buf[n++] = ' ';
      memcpy(buf + n, t, tl);
      n += tl;
    }
    if (!n) return 0;
    return (*dst = td_strndup(buf, n)) ? 0 : -1;
  }
  if (!json_is_string(v) || !*json_string_value(v)) return 0;
  return (*dst = td_strdup(json_string_value(v))) ? 0 : -1;
}

static int read_obj(json_t *o, td_jsonld *j, int depth);

static int read_any(json_t *v, td_jsonld *j, int depth) {
  if (depth > 8) return 0;
  if (json_is_array(v)) {
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) if (read_any(e, j, depth + 1)) return -1;
    return 0;
  }
  if (json_is_object(v)) return read_obj(v, j, depth);
  return 0;
}

static int read_obj(json_t *o, td_jsonld *j, int depth) {
  json_t *g = json_object_get(o, "@graph");
  if (g && read_any(g, j, depth + 1)) return -1;
  int art = type_is(o, is_article_type);
  if (art && !j->article) {
    /* An article outranks whatever a WebPage said. */
    td_jsonld keep = *j;
    memset(j, 0, sizeof *j);
    j->publisher = keep.publisher, keep.publisher = NULL;
    j->lang = keep.lang, keep.lang = NULL;
    td_clean_jsonld_release(&keep);
    j->article = 1;
  }
  if (art || (!j->article && type_is(o, is_page_type))) {
    if (take(&j->headline, json_object_get(o, "headline")) ||
        take(&j->author, json_object_get(o, "author")) ||
        take(&j->published, json_object_get(o, "datePublished")) ||
        take(&j->published, json_object_get(o, "dateCreated")) ||
        take(&j->modified, json_object_get(o, "dateModified")) ||
        take(&j->publisher, json_object_get(o, "publisher")) ||
        take(&j->lang, json_object_get(o, "inLanguage")) ||
        take(&j->url, json_object_get(o, "url")))
      return -1;
    if (art && take(&j->body, json_object_get(o, "articleBody"))) return -1;
  }
  if (!art) {
    /* mainEntity / mainEntityOfPage may nest the article. */
    json_t *m = json_object_get(o, "mainEntity");
    if (json_is_object(m) && read_obj(m, j, depth + 1)) return -1;
  }
  return 0;
}

int td_clean_jsonld(const char *s, size_t len, td_jsonld *j) {
  /* Pages wrap the JSON in the guards old browsers needed: "<![CDATA[",
  ** "<!--", "//" before it (whatever follows it is ignored below). */
  for (int again = 1; again;) {
    again = 0;
    while (len && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) s++, len--;
    static const char *const guards[] = {"<![CDATA[", "<!--", "//"};
    for (size_t i = 0; i < sizeof guards / sizeof guards[0]; i++) {
      size_t n = strlen(guards[i]);
      if (len >= n && !memcmp(s, guards[i], n)) {
        s += n, len -= n, again = 1;
        if (i == 2) /* a line comment: up to its end */
          while (len && *s != '\n') s++, len--;
      }
    }
  }
  json_error_t err;
  json_t *root = json_loadb(s, len, JSON_DISABLE_EOF_CHECK, &err);
  if (!root) return 0;
  int rc = read_any(root, j, 0);
  json_decref(root);
  return rc;
}

void td_clean_jsonld_release(td_jsonld *j) {
  td_free(j->headline);
  td_free(j->author);
  td_free(j->published);
  td_free(j->modified);
  td_free(j->publisher);
  td_free(j->body);
  td_free(j->lang);
  td_free(j->url);
  memset(j, 0, sizeof *j);
}

int td_clean_written_day(const char *s, size_t len, char out[11]) {
  char d[21];
  if (len > 200 || td_clean_date_from_text(s, len, d)) return -1;
  memcpy(out, d, 10);
  out[10] = '\0';
  return 0;
}
