/*
** place.h — copies, stories and threads (the place stage).
**
** For each incoming article, online and one at a time:
**   1. copies: candidates are the articles sharing an LSH band key or a long
**      sentence with it (fingerprint/); a candidate is a copy when their
**      MinHash Jaccard is high, or when the smaller one is contained in the
**      larger one (lead-only copies, boilerplate-wrapped ones). A copy goes
**      to its original's story directly; the original of a group is the one
**      the others are contained in, else the earliest. An article that is
**      a copy of members of several groups joins the groups into one (a
**      changed-paragraph copy that came first no longer stays apart) when
**      their originals are copies of each other, or the article holds them
**      both; a group is relabelled only when each of its copies is a copy of
**      the new original too (backend copy_group), so no article is claimed a
**      copy of a text it was never found a copy of.
**   2. stories: candidate stories come from postings of the article's most
**      telling terms and names (each posting keeps the most recent stories
**      only, so the work per article does not grow with the store). Each
**      candidate is scored as in Miranda et al. 2018, without a learned model:
**      cosine of TF-IDF term vectors and of name vectors against the
**      story's sums. The names are the extract stage's people, organisations
**      and places plus the article's details (features.h): the numbers it
**      gives and the dates it reports (year, month, day, weekday, resolved
**      against the publication date), which is what tells two events of one
**      kind apart when their words are alike. The term part is discounted by
**      the gap between the article's date and the story's dates,
**      1 / (1 + (gap / 30 days)^2), unless the article reports a day or
**      month the story reports (a follow-up months on about the same
**      event); the name part is not (a follow-up with the same names stays;
**      the same kind of event at another time has other names). The best
**      story above a threshold is joined, else a new story starts. Stories
**      are never split, and a story with two articles or more is never
**      merged, so a story id a user has seen stays; with merge_singletons
**      and a backend that can (story_merge), a story of one article that the
**      article scores above the threshold too goes into the joined story,
**      its id kept as an alias (two early reports of one event that did not
**      meet each other).
**   3. threads: a new story joins the thread of the best candidate story when
**      they share enough terms and names, with a much slower time decay.
** Every decision can be recorded for `tidings explain`.
**
** The state lives behind td_place_backend, a table of functions: the SQLite
** store implements it (store/sqlite_place.c), and place_mem.c keeps it in
** memory for evaluation and benchmarks.
*/
#ifndef TD_PLACE_H
#define TD_PLACE_H

#include <stddef.h>
#include <stdint.h>

#include "fingerprint/fingerprint.h"

#define TD_PLACE_STORY_TERMS 128 /* terms kept per story vector  */
#define TD_PLACE_STORY_NAMES 64  /* names kept per story vector  */
#define TD_PLACE_POSTING 48      /* stories kept per posting key */
#define TD_PLACE_QUERY_TERMS 20  /* article terms used to find candidates */
#define TD_PLACE_QUERY_NAMES 10
#define TD_PLACE_CANDIDATES 40   /* stories scored per article   */
#define TD_PLACE_COPY_CANDIDATES 16
#define TD_PLACE_NODATE INT64_MIN

/* A sparse vector sorted by key. */
typedef struct td_place_vec {
  uint64_t *key;
  float *w;
  uint32_t n;
} td_place_vec;

typedef struct td_place_story {
  int64_t id;     /* 0 for a new story (the backend assigns it)        */
  int64_t thread; /* thread id; 0 = the story starts its own thread    */
  int64_t first;  /* id of its first article                           */
  uint32_t narticles;
  uint32_t ndated;
  int64_t dmin, dmax; /* days since 1970 of its dated articles          */
  double dsum;
  td_place_vec terms, names; /* sums of the articles' unit TF-IDF vectors */
} td_place_story;

void td_place_story_release(td_place_story *s); /* frees the vectors */

/* What place keeps per article for copy detection. */
typedef struct td_place_art {
  int64_t id;
  int64_t story;
  int64_t copy_of; /* original's id, 0 for an original          */
  int64_t day;     /* TD_PLACE_NODATE when undated               */
  uint32_t minhash[TD_FP_PERMS];
  uint32_t nshingles;
  uint32_t nsent;
  uint64_t *sent; /* owned by whoever filled the struct            */
} td_place_art;

/* One placed article as the read side lists it; strings are borrowed for
** the callback only (NULL when unknown). */
typedef struct td_place_member {
  int64_t article, story, thread, copy_of;
  double similarity, containment;
  const char *url, *source, *title, *date;
} td_place_member;
/* Return non-zero to stop. */
typedef int (*td_place_member_fn)(void *arg, const td_place_member *m);

/* The state of the place stage. Every function returns TD_OK or a TD_E*
** status. Key spaces of terms, names, band keys and sentences are disjoint
** by construction, so one posting table can serve them all. */
typedef struct td_place_backend {
  /* Document frequencies of keys (0 for unknown ones) and the number of
  ** documents counted. */
  int (*df_get)(void *ctx, const uint64_t *keys, size_t n, uint32_t *df, uint64_t *ndocs);
  /* Count one more document containing each of keys. */
  int (*df_add)(void *ctx, const uint64_t *keys, size_t n);

  /* Story postings: up to cap story ids most recently posted under key. */
  int (*story_postings)(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n);
  int (*story_post)(void *ctx, uint64_t key, int64_t story);
  /* Fill *s (vectors allocated with td_malloc; td_place_story_release). */
  int (*story_get)(void *ctx, int64_t id, td_place_story *s);
  /* Store *s; when s->id is 0 a new id is assigned and written back, and
  ** when s->thread is 0 the thread is the story's own id (written back). */
  int (*story_put)(void *ctx, td_place_story *s);

  /* Copy postings: articles most recently posted under key. */
  int (*copy_postings)(void *ctx, uint64_t key, int64_t *ids, size_t cap, size_t *n);
  int (*copy_post)(void *ctx, uint64_t key, int64_t article);
  /* Fill *a (a->sent allocated with td_malloc); TD_ENOTFOUND when absent. */
  int (*art_get)(void *ctx, int64_t id, td_place_art *a);
  /* Store a placed article with its copy measures (0 when not a copy). */
  int (*art_put)(void *ctx, const td_place_art *a, double similarity, double containment);
  /* Make `to` the original of `from`'s group: every copy of `from` and
  ** `from` itself become copies of `to` (with the given measures for from). */
  int (*art_reroot)(void *ctx, int64_t from, int64_t to, double similarity, double containment);

  /* Optional (NULL = one story_post / copy_post per key): post one story or
  ** article under each of n keys, in one go. */
  int (*story_post_many)(void *ctx, const uint64_t *keys, size_t n, int64_t story);
  int (*copy_post_many)(void *ctx, const uint64_t *keys, size_t n, int64_t article);

  /* Keep the explanation of an article's placement (a JSON document);
  ** may be NULL, and then no explanation is built. */
  int (*explain_put)(void *ctx, int64_t article, const char *json);

  /* Read side, for the public API (NULL in the in-memory backend). */
  /* Placed articles of one story (story > 0) or of all, by story, then
  ** date (undated last), then id. */
  int (*members)(void *ctx, int64_t story, td_place_member_fn fn, void *arg);
  /* Every copy, grouped by original (copy_of), then by id. */
  int (*copies)(void *ctx, td_place_member_fn fn, void *arg);
  /* The explanation kept for an article (td_free); TD_ENOTFOUND if none. */
  int (*explain_get)(void *ctx, int64_t article, char **json);

  /* Optional (NULL = stories are never merged): story `from` (a story of
  ** one article, see td_place_params.merge_singletons) has gone into story
  ** `into`, whose new sums place/ stores with story_put: from then on every
  ** read of `from` — story_get, story_postings, its articles' story —
  ** must give `into`, so an id a user has seen still leads to its article. */
  int (*story_merge)(void *ctx, int64_t from, int64_t into);

  /* Optional (NULL = story_get): *s as story_get fills it, but with its
  ** vectors lent, read-only, from the backend's own memory (never released
  ** by the caller), valid until story `id` is next written or merged or the
  ** backend is freed. place/ reads its candidates this way, sparing a copy
  ** of every candidate's vectors per article, and copies only the story
  ** the article joins. */
  int (*story_view)(void *ctx, int64_t id, td_place_story *s);

  /* Optional (NULL = place/ relabels a group without checking its
  ** members): the copies of the group whose original is `root`, up to cap
  ** of them (in any order), so that place/ can check each against a new
  ** original before it makes them its copies. */
  int (*copy_group)(void *ctx, int64_t root, int64_t *ids, size_t cap, size_t *n);
} td_place_backend;

/* Parameters; td_place_params_default gives the defaults (DESIGN: chosen on
** principle and on data other than the evaluation sets; see place.c). */
typedef struct td_place_params {
  double join;        /* story score needed to join a story           */
  double thread;      /* score needed to join a thread                */
  double name_weight; /* share of names in the score (rest: terms)     */
  double sigma_days;  /* days at which the time factor is one half     */
  double thread_sigma_days;
  double copy_jaccard;     /* MinHash Jaccard that makes a copy          */
  double copy_containment; /* containment of the smaller that makes one */
  int use_time, use_names, use_copies; /* switches for ablations    */
  int live_idf; /* stories keep TF sums and are weighed with today's IDF */
  int average_link; /* score the mean cosine with the members, not the centroid's */
  int use_details;  /* numbers and reported dates count with the names, and a
                    ** reported day or month the story shares waives the gap */
  int reported_time;    /* reported dates stand in for missing publication
                        ** dates in the time factor (one side only) */
  int merge_singletons; /* an article that joins one story and scores above
                        ** `join` with a story of one article too merges that
                        ** one in (only with a backend that has story_merge) */
} td_place_params;

void td_place_params_default(td_place_params *p);

/* One article to place. Strings are borrowed for the call. */
typedef struct td_place_input {
  int64_t id;        /* stored article id (> 0)                        */
  const char *title; /* may be NULL                                    */
  const char *text;
  size_t len;
  const char *date;  /* normalised date (util/isodate.h) or NULL        */
  const char *lang;  /* may be NULL (English)                          */
  const char *site;  /* the outlet (source, else the URL's host), or NULL:
                        a title an earlier article of the site carried is
                        the site's name, not a headline (site_title)     */
} td_place_input;

typedef struct td_place_result {
  int64_t story, thread;
  int64_t copy_of; /* 0 when the article is not a copy              */
  double similarity, containment;
  double score;    /* the winning story's score (1 for copies, 0 new) */
  double best;     /* the best candidate's score, joined or not        */
  uint32_t merged; /* stories of one article merged into out->story    */
  int new_story, new_thread;
  uint32_t ncandidates;
} td_place_result;

typedef struct td_placer td_placer;

/* A placer over `be` (borrowed until td_placer_free) with ctx passed to
** every call. NULL on OOM. params NULL = defaults. */
td_placer *td_placer_new(const td_place_backend *be, void *ctx, const td_place_params *params);
void td_placer_free(td_placer *pl); /* accepts NULL */

/* Place one article; *out says where it went. */
int td_place_article(td_placer *pl, const td_place_input *in, td_place_result *out);
/* The same with the article's entities already extracted (td_entities_extract
** of in->text and in->title; borrowed for the call; NULL = extract them), so
** that the pipeline extracts them once for place and extract. */
struct td_entity_set;
int td_place_article_ents(td_placer *pl, const td_place_input *in,
                          const struct td_entity_set *ents, td_place_result *out);
/* The same with the text's dates given too (extract/date.h's
** td_dates_extract of in->text against in->date; borrowed), so that the
** pipeline finds them once for place and extract. */
struct td_date;
int td_place_article_dated(td_placer *pl, const td_place_input *in,
                           const struct td_entity_set *ents, const struct td_date *dates,
                           size_t ndates, td_place_result *out);

/* An in-memory backend (place_mem.c), for evaluation and benchmarks. */
typedef struct td_place_mem td_place_mem;
td_place_mem *td_place_mem_new(void);
void td_place_mem_free(td_place_mem *m);
extern const td_place_backend td_place_mem_backend;
/* Approximate bytes held, for the benchmarks. */
size_t td_place_mem_bytes(const td_place_mem *m);
/* The original of a stored article as the backend now holds it (0 = none). */
int64_t td_place_mem_copy_of(const td_place_mem *m, int64_t id);
/* The story a story id now stands for (itself unless merged). */
int64_t td_place_mem_resolve(const td_place_mem *m, int64_t id);

#endif
