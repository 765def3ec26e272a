/*
** quotes.h — the extract stage as the pipeline and the story document call
** it (api/quotes.c): quotes, names and dates of each stored article, the
** same statement grouped across the articles of a story, and speakers and
** names merged across a story.
*/
#ifndef TD_API_QUOTES_H
#define TD_API_QUOTES_H

#include "api/api.h"

/* What one ingest shares across its articles: one stemmer for the quote
** signatures, and a cache of the signatures of stored quotes (keyed by row
** id and checked against the text, so a rolled-back row never matches).
** NULL on OOM. */
typedef struct td_extract td_extract;
td_extract *td_extract_new(void);
void td_extract_free(td_extract *x); /* accepts NULL */

/* Extract and store the quotes, names and dates of a just-stored and placed
** article (a->id set), inside the caller's savepoint: each statement joins
** the group of the most similar statement of the other articles of its story
** (same or unknown speaker, td_quote_sig_similar >= TD_QUOTE_SAME), else
** starts one. `x` may be NULL (a context is made for the call). TD_OK or a
** status (the store's message on the store). */
int td_extract_stored(td *db, td_extract *x, const td_article *a);

/* The place stage (as td_place_stored in api/stories.h) and then the extract
** stage of a just-stored article, as ingest.c runs them: the article's names
** are extracted once for both (place weighs them, extract stores them and
** attributes quotes with them), and one placer serves the whole ingest. `x`
** must not be NULL. TD_OK or a status (the store's message on the store). */
int td_place_extract_stored(td *db, td_extract *x, const td_article *a);

/* Add "quotes":[{"group","speaker","text","variants":[{"article","text",
** "start","end"}]}] (groups earliest outlet first) and "entities":[{"name",
** "kind","aliases","mentions","articles"}] to the document of story `story`.
** TD_OK or a status with the message on the handle. */
int td_quotes_story_add(td *db, int64_t story, struct json_t *doc);

/* Paged whole-store reads of the SQLite store (store/sqlite_extract.c),
** here until the store's table of functions (store/store.h) carries them.
** td_sqlite_quote_page: the quotes whose stored speaker matches `speaker`
** (NULL = any; by name, surname, or a name form of the quote's article),
** newest article first; *total = how many match. td_sqlite_entity_page:
** names grouped by ASCII-folded form, most mentioned first, each passed as
** {name = the most mentioned form, kind, aliases = JSON array of every form,
** mentions = their sum, article = how many articles}; *total = groups. */
int td_sqlite_quote_page(td_store *st, const char *speaker, long long offset, long long limit,
                         long long *total, td_store_quote_fn fn, void *ctx);
int td_sqlite_entity_page(td_store *st, long long offset, long long limit, long long *total,
                          td_store_entity_fn fn, void *ctx);
/* *n = rows of the quotes table (entities = 0) or of the entities table. */
int td_sqlite_extract_rows(td_store *st, int entities, long long *n);

#endif
