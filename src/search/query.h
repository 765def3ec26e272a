/*
** query.h — what a user types into search, made safe for the full-text index.
**
** The search stage sits between the user and the store's FTS5 index: it turns
** a query such as
**
**     naval "air base" cooperat* -trump source:"Harbour Gazette" from:2024-01
**
** into a td_query: an FTS5 MATCH expression in which every word and phrase is
** an FTS5 string literal (so no user byte can be read as FTS5 syntax, and the
** expression is always well formed), plus filters kept apart as plain values.
** The store binds both as SQL parameters; nothing here is ever concatenated
** into SQL. Operators are AND, OR, NOT (upper case, as in FTS5), a leading
** "-" for NOT, parentheses, and a trailing "*" for a prefix. Filters are
** source:NAME, from:DATE, to:DATE (YYYY, YYYY-MM or YYYY-MM-DD), story:ID and
** entity:NAME; a NAME with spaces is quoted.
*/
#ifndef TD_SEARCH_QUERY_H
#define TD_SEARCH_QUERY_H

#include <stddef.h>
#include <stdint.h>

#define TD_QUERY_MAX_BYTES 2048 /* a longer query is refused */
#define TD_QUERY_MAX_TERMS 64   /* words, phrases and prefixes */
#define TD_QUERY_MAX_DEPTH 8    /* nested parentheses */

typedef struct td_query {
  char *match;  /* FTS5 expression to bind to MATCH, or NULL: filters only */
  char *source; /* outlet name (case-insensitive equality), or NULL */
  char *from;   /* inclusive lower date bound (a date prefix), or NULL */
  char *to;     /* inclusive upper date bound (a date prefix), or NULL */
  char *entity; /* a name the article mentions, or NULL */
  int64_t story;   /* only articles of this story; 0 = any */
  int nterms;      /* words, phrases and prefixes kept in `match` */
} td_query;

/* Parse `len` bytes of `q` (no terminator needed) into *out, which the caller
** releases with td_query_release whatever the result. Returns TD_OK, or
** TD_EUSAGE with a static message in *err (a query that is too long, not
** UTF-8, empty, or only negated words), or TD_ENOMEM. */
int td_query_parse(const char *q, size_t len, td_query *out, const char **err);
void td_query_release(td_query *q);

/* Append `s` (n bytes) to `b` as one FTS5 string literal: wrapped in double
** quotes, with each double quote inside doubled. 0, or -1 when out of memory. */
struct td_buf;
int td_query_fts5_literal(struct td_buf *b, const char *s, size_t n);

#endif
