/*
** clean_int.h — declarations shared by the files of the clean stage.
**
** clean.c drives the stage: extract_html.c turns a page into text and
** metadata (meta.c reads dates, JSON-LD and meta tags for it), charset.c
** brings any page to UTF-8 first, and boilerplate.c strips appeals,
** newsletter, comment-forum, share and caption lines from the resulting
** plain text. None of this is visible outside src/clean and src/read.
*/
#ifndef TD_CLEAN_INT_H
#define TD_CLEAN_INT_H

#include <stddef.h>

#include <stdint.h>

#include "article.h"
#include "clean/clean.h"

/* ------------------------------------------------------------ charset.c */

/* 1 when s[0..len) is valid UTF-8 (NULs allowed: HTML parsers drop them). */
int td_clean_utf8_ok(const char *s, size_t len);

/* Bring an HTML page to UTF-8. The charset is, in order: a byte-order
** mark; UTF-8 when the bytes are valid UTF-8 (pages often declare a legacy
** charset and are UTF-8); `hint` (an HTTP Content-Type charset, may be NULL);
** a <meta charset> or http-equiv in the first 4 KB; windows-1252. Returns a
** new NUL-terminated string (td_free) with its length in *outlen, NULL on
** OOM. Bytes iconv cannot convert become U+FFFD. */
char *td_clean_to_utf8(const char *buf, size_t len, const char *hint, size_t *outlen);

/* Charset named in a Content-Type value ("text/html; charset=koi8-r") into
** out (cap bytes); 0 when found, -1 when none. */
int td_clean_charset_param(const char *v, size_t len, char *out, size_t cap);

/* --------------------------------------------------------------- meta.c */

/* Date candidates ranked by how much they can be trusted. */
enum {
  TD_DATE_NONE = 0,
  TD_DATE_TEXT = 1,   /* a date written in the page's text             */
  TD_DATE_URL = 2,    /* /2017/12/30/ in the URL                        */
  TD_DATE_TIME = 3,   /* a <time datetime> element                      */
  TD_DATE_META = 4,   /* article:published_time, DC.date, ...           */
  TD_DATE_JSONLD = 5  /* schema.org datePublished                       */
};

/* A date in s[0..len) written in any form a page uses for its publication
** date (ISO 8601, RFC 2822, "December 30, 2017", "30 Dec 2017",
** "30.12.2017", "2017/12/30"); normalised into out. 0 or -1. */
int td_clean_parse_date(const char *s, size_t len, char out[21]);

/* A date in a URL path (/2017/12/30/, /2017-12-30, /20171230/); 0 or -1. */
int td_clean_date_from_url(const char *url, char out[21]);

/* The first plausible date written in the text s[0..len) ("Published
** December 30, 2017", "Dec. 30, 2017", "30 December 2017", "2017-12-30");
** 0 or -1. */
int td_clean_date_from_text(const char *s, size_t len, char out[21]);

/* The day as s[0..len) writes it, before any time zone is applied
** ("2020-02-15T07:00:00+09:00" → "2020-02-15", where td_clean_parse_date
** gives the UTC "2020-02-14T22:00:00Z"); 0 or -1. */
int td_clean_written_day(const char *s, size_t len, char out[11]);

/* What a page's schema.org JSON-LD says about its article. Strings are
** owned (td_free); NULL when absent. */
typedef struct td_jsonld {
  char *headline, *author, *published, *modified, *publisher, *body, *lang, *url;
  int article; /* 1 when an Article-like type was found (not only WebPage) */
} td_jsonld;

/* Read one <script type="application/ld+json"> text into j, keeping what j
** already holds from an earlier script unless this one is an article and
** the earlier one was not. 0, or -1 on OOM (bad JSON is ignored). */
int td_clean_jsonld(const char *s, size_t len, td_jsonld *j);
void td_clean_jsonld_release(td_jsonld *j);

/* ------------------------------------------------------- extract_html.c */

/* Main text and metadata of a->html: sets a->text (paragraphs separated by a
** blank line) and the title, byline, date, source, url, lang the page gives
** where the reader left them unset; removals are recorded in a->removed.
** TD_OK, TD_ENOMEM, or TD_EINPUT with *why set when the page has no text. */
int td_clean_html(td_article *a, const char **why);

/* --------------------------------------------------------- boilerplate.c */

/* Remove boilerplate sentences and lines from a->text (already tidied),
** recording each removal; byline lines fill a->byline when it is unset.
** With ctx (may be NULL), also the lines the outlet repeats (see clean.h).
** TD_OK or TD_ENOMEM. */
int td_clean_boilerplate(td_article *a, const td_clean_ctx *ctx);

/* The hash of a line as the outlet-boilerplate memory keys it: lower-case
** letters only (digits, spaces and punctuation dropped, so "© 2031" and a
** changing count do not make a new line); 0 when it has too few letters. */
uint64_t td_clean_line_hash(const char *s, size_t len);

#endif
