/*
** article.h — the article as it flows through the pipeline.
**
** A reader fills one td_article per input article (metadata plus either
** `text` or `html`); clean turns `html` into `text` and strips boilerplate,
** recording each removal in `removed`; normalise makes `text` valid NFC
** UTF-8; store keeps it. All strings are owned by the article and freed by
** td_article_release. Offsets anywhere in tidings are UTF-8 byte offsets
** into the final `text`.
*/
#ifndef TD_ARTICLE_H
#define TD_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct td_removed {
  char *text;   /* what was removed                                    */
  char *reason; /* why: "appeal", "newsletter", "comments", "caption",
                   "byline", "navigation", "related", "share", ...     */
} td_removed;

typedef struct td_article {
  int64_t id;      /* 0 until stored                                    */
  char *url;       /* URL, or the path as given when there is none      */
  char *source;    /* outlet name or domain (may be NULL)               */
  char *title;     /* headline (may be NULL)                            */
  char *date;      /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (may be NULL) */
  char *byline;    /* may be NULL                                       */
  char *lang;      /* BCP 47 tag such as "en" (may be NULL)             */
  char *text;      /* body: paragraphs separated by a blank line        */
  char *html;      /* raw page when the input was HTML, else NULL       */
  td_removed *removed;
  size_t nremoved, aremoved;

  /* Where it came from, for diagnostics (borrowed, not freed). */
  const char *origin;
  long line;          /* 1-based line in the input, 0 when none */
  long long offset;   /* byte offset in the input, -1 when unknown */
} td_article;

void td_article_init(td_article *a);
void td_article_release(td_article *a); /* frees every owned string; a is then empty */

/* Record that `text` (len bytes) was removed for `reason`. 0 or -1 on OOM. */
int td_article_add_removed(td_article *a, const char *text, size_t len, const char *reason);

/* Replace *field with a copy of s[0..len) (NULL s clears). 0 or -1 on OOM. */
int td_article_set(char **field, const char *s, size_t len);

/* The outlet an article speaks for: its source, else its URL's host
** (written into buf[0..cap)), else NULL. td_site_of takes the two fields. */
const char *td_site_of(const char *source, const char *url, char *buf, size_t cap);
const char *td_article_site(const td_article *a, char *buf, size_t cap);

#endif
