/*
** clean.h — the clean stage: from what a reader found to the article text.
**
** td_clean_article turns `a->html` (when set) into `a->text` plus metadata,
** and removes boilerplate from plain text (appeals, newsletter and
** comment-forum lines, captions, bylines) sentence by sentence, recording
** each removal with its reason in `a->removed`. Paragraphs in the result are
** separated by one blank line, lines are trimmed, runs of spaces collapsed.
** With a td_clean_ctx it also removes the lines an outlet repeats in many of
** its articles (its learned boilerplate).
*/
#ifndef TD_CLEAN_H
#define TD_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

struct td_store;

/* What the clean stage may ask of the corpus it cleans for: an outlet's own
** boilerplate is learned from the lines that repeat across its articles.
** `lines_seen` (NULL: nothing is learned) gets the hashes of an article's
** folded lines, hashes[0] being 0 (it stands for "an article of this
** outlet"); it fills counts[i] with the number of earlier articles of
** `source` that carried hashes[i], then counts this article in unless an
** article with `url` is stored already (a re-ingest teaches nothing). TD_OK
** or a TD_E* status. The ingest driver fills it from its store's vtab
** (td_store_vtab.clean->lines_seen, st). */
typedef struct td_clean_ctx {
  int (*lines_seen)(struct td_store *st, const char *source, const char *url,
                    const uint64_t *hashes, size_t n, long long *counts);
  struct td_store *st;
  long long min_articles; /* a line in this many earlier articles... (0: 5)    */
  double min_share;       /* ...and in this share of the outlet's (0: 0.05)    */
} td_clean_ctx;

/* TD_OK, TD_ENOMEM, or TD_EINPUT with a message in *why (static string)
** when nothing usable is left (for example an empty body). */
int td_clean_article(td_article *a, const char **why);

/* The same with a corpus to learn from (ctx may be NULL): lines the outlet
** repeats are removed with the reason "outlet-boilerplate". A store error
** in ctx->lines_seen only turns the learning off for this article. */
int td_clean_article_ctx(td_article *a, const td_clean_ctx *ctx, const char **why);

#endif
