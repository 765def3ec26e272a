/*
** tidings.h — the one public header of libtidings, a news coverage engine.
**
** Articles from many outlets go in (td_ingest_*); tidings cleans them, stores
** them in an embedded store, and answers questions about the coverage as JSON
** documents whose shapes are fixed by DESIGN.md (fields are added, never
** renamed). The CLI, the HTTP server and any other program use only this
** header.
**
** Conventions, stated once for the whole library:
**   - Every function returns TD_OK (0) or a TD_E* status; on failure a message
**     is kept on the handle (td_errmsg) until the next call on it.
**   - Strings returned through `char **out` are owned by the caller, who frees
**     them with td_free(). Strings passed in are borrowed for the call only.
**   - The library never prints and never exits.
**   - A td handle is used by one thread at a time.
*/
#ifndef TIDINGS_H
#define TIDINGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TD_VERSION "0.1.0"

/* Status codes. The CLI maps them to exit codes (DESIGN.md): usage → 1,
** input/data → 2, everything else → 3. */
enum {
  TD_OK = 0,
  TD_EUSAGE = 1,    /* the caller asked for something malformed           */
  TD_EINPUT = 2,    /* bad input data: reported, the rest carried on      */
  TD_ENOTFOUND = 3, /* no such article / story                            */
  TD_ENOMEM = 4,    /* an allocation failed                               */
  TD_EIO = 5,       /* reading a file or the store failed                 */
  TD_EBUSY = 6,     /* another process holds the store's write lock       */
  TD_EINTERNAL = 7  /* a bug or a corrupt store                           */
};

typedef struct td td; /* an open store and everything attached to it */

/* Options for td_open. Zero-initialise, then set what you need. */
typedef struct td_open_opts {
  int readonly;        /* open without write access                        */
  int busy_timeout_ms; /* how long a writer waits for another one; 0 = 5000 */
} td_open_opts;

/* Open (creating and migrating if needed) the store at `path`.
** On failure *out is NULL unless the handle could be made, in which case it
** carries the message (td_errmsg) and must still be closed. */
int td_open(const char *path, const td_open_opts *opts, td **out);
void td_close(td *db); /* accepts NULL */
const char *td_errmsg(const td *db); /* borrowed; "" when there is none */
const char *td_strerror(int status); /* static string */
void td_free(void *p); /* frees any string the library handed out */

/* ---------------------------------------------------------------- ingest */

/* Input formats. TD_FMT_AUTO detects from the name and the first bytes. */
typedef enum td_format {
  TD_FMT_AUTO = 0,
  TD_FMT_TEXT,  /* first non-empty line is the headline, the rest the body */
  TD_FMT_JSONL, /* one JSON object per line                                */
  TD_FMT_HTML,
  TD_FMT_WARC, /* .warc and .warc.gz                                       */
  TD_FMT_RSS   /* RSS 2.0 and Atom                                          */
} td_format;

/* Parse "auto", "text", ... into *fmt. TD_EUSAGE for an unknown name. */
int td_format_parse(const char *name, td_format *fmt);
const char *td_format_name(td_format fmt);

typedef struct td_ingest_counts {
  long long read;      /* articles read from the input                   */
  long long added;     /* new articles stored                            */
  long long copies;    /* of `added`: exact copies of a stored text under another URL */
  long long duplicate; /* already stored (same URL and text): nothing changed */
  long long rejected;  /* articles or lines that could not be used       */
  long long bytes;     /* input bytes consumed                           */
} td_ingest_counts;

/* A diagnostic about one input: `origin` is the path (or "-"), `line` is the
** 1-based line when the format has lines (else 0), `offset` the byte offset
** into the input where the problem starts (-1 when unknown). */
typedef void (*td_diag_fn)(void *ctx, const char *origin, long line, long long offset,
                           const char *message);
/* Called now and then during a long ingest with the running counts. */
typedef void (*td_progress_fn)(void *ctx, const td_ingest_counts *counts);

typedef struct td_ingest_opts {
  td_format format;    /* TD_FMT_AUTO by default                             */
  const char *source;  /* outlet name when the input has none (or NULL)      */
  const char *date;    /* YYYY-MM-DD when the input has none (or NULL)       */
  td_diag_fn on_diag;  /* may be NULL                                        */
  td_progress_fn on_progress;
  void *ctx;
  int batch_size;      /* articles per transaction; 0 = 512                  */
} td_ingest_opts;

/* Ingest a file, or a directory recursively; "-" reads standard input.
** Counts are added to *counts. Returns TD_OK when everything was used,
** TD_EINPUT when something was rejected (the rest is stored), or a fatal
** status (the current batch is rolled back; earlier batches stay). */
int td_ingest_path(td *db, const char *path, const td_ingest_opts *opts,
                   td_ingest_counts *counts);

/* Ingest `len` bytes held in memory; `origin` names them in diagnostics and
** is the URL of a text article that has none. */
int td_ingest_buffer(td *db, const char *buf, size_t len, const char *origin,
                     const td_ingest_opts *opts, td_ingest_counts *counts);

/* --------------------------------------------------------------- queries */

/* Each returns one JSON document (DESIGN.md's shapes) in *json_out. */

/* `{"articles","copies","stories","threads","sources","quotes","entities"}` */
int td_stats_json(td *db, char **json_out);

/* An article by numeric id ("42") or URL:
** `{"id","url","source","title","date","text","removed":[{"text","reason"}]}`.
** TD_ENOTFOUND when there is none. */
int td_article_json(td *db, const char *id_or_url, char **json_out);

/* `{"articles":[{"id","url","source","title","date"}]}`, in id order,
** `limit` at most (0 = all) from `offset`. */
int td_articles_json(td *db, long long offset, long long limit, char **json_out);

/* ------------------------------------------------- search and serve (issue 7) */

/* Full-text search: `query` is what a user types (words, "phrases", prefix*,
** AND / OR / NOT or -word, parentheses, and the filters source:NAME,
** from:DATE, to:DATE, story:ID, entity:NAME; a NAME with spaces is quoted).
** Results are grouped by story, best first, `limit` stories (0 = 20, at most
** 200) from `offset`:
** `{"query":{...},"offset","limit","results":[{"story","title","score",
**   "articles":[{"id","url","source","title","date","snippet","snippet_html",
**   "score"}]}]}`; "story" is null for an article in no story. In "snippet"
** the text is plain; "snippet_html" is HTML-escaped with <mark> around each
** match. TD_EUSAGE (with the reason in td_errmsg) for a query that cannot be
** searched: too long, not UTF-8, nothing but negated words. */
int td_search_json(td *db, const char *query, long long offset, long long limit,
                   char **json_out);

/* ------------------------------------- copies, stories and threads (place) */

/* Every article is placed as it is ingested: a copy of an earlier article
** (near-duplicates, lead-only trims, re-headlined or boilerplate-wrapped
** reprints), a member of a story (one event), and through its story a
** member of a thread (one developing subject). Story ids are stable: a story
** is never split, and a story with two articles or more is never merged.
** Only a story of one article can go into another (two early reports of
** one event that a later report ties together); its id then stays an alias
** of the story it went into: td_story_json of it gives that story, with
** that story's "id" and "merged_from": the id asked for; td_explain_json
** of its article gives the story the article is in now as "story", with
** "merged_from": the story it was placed in first. Lists never show a
** merged story. Each returns one JSON document in *json_out (caller frees
** with td_free). */

/* `{"stories":[{"id","title","sources","first_date","last_date","thread",
** "size","copies","articles":[{"id","url","source","title","date","copy_of"}]}]}`
** in id order; articles in time order (undated last). `sources` counts
** independent outlets (copies do not count). */
int td_stories_json(td *db, char **json_out);

/* One story (`id` is its decimal id) with the fields of td_stories_json;
** for the id of a merged story, the story it went into plus "merged_from"
** (the id asked for). TD_ENOTFOUND when there is none, TD_EUSAGE when `id`
** is not a number. */
int td_story_json(td *db, const char *id, char **json_out);

/* `{"threads":[{"id","title","stories":[{"id","title","first_date",
** "last_date","size","sources"}]}]}` */
int td_threads_json(td *db, char **json_out);

/* `{"groups":[{"original","copies":[{"article","similarity","containment",
** "url","source"}]}]}`: original and article are article ids; similarity is
** the MinHash Jaccard, containment the share of the smaller text found in
** the larger. */
int td_dups_json(td *db, char **json_out);

/* Why an article (id or URL) went where it did: `{"article","decision"
** ("joined", "new story" or "copy"),"story","thread","score","threshold",
** "candidates":[{"story","score","terms","names","time","shared_terms":
** [{"text","weight"}],"shared_names":[...],"shared_details":[...]}]}`, or for
** a copy `"copy":{"of","original","similarity","containment"}`. The names
** score counts names and details (numbers, reported dates as "2009",
** "2009-03", "2009-03-20", weekdays as "Friday"), which are listed apart. A
** candidate vetoed by negative evidence scores 0 and carries "disagree":
** "headline" (the article's headline names a person the story never names,
** who is then "person"; or the other way for a story of one article) or
** "weekdays" (one side or both undated, and the weekdays they name never
** meet: "weekdays":{"article":[...],"story":[...]}). TD_ENOTFOUND when
** unknown. */
int td_explain_json(td *db, const char *article, char **json_out);

/* The HTTP server (`tidings serve`): the JSON API and the web page on
** libmicrohttpd, in threads of its own, over the public calls above; see
** DESIGN.md for the routes. One store handle per worker thread. */
typedef struct td_server td_server;

typedef struct td_server_opts {
  const char *listen;     /* "ADDR:PORT" or "[ADDR6]:PORT"; NULL = 127.0.0.1:8080;
                             port 0 picks a free port (td_server_port tells) */
  const char *token;      /* enables POST /api/articles for requests sending
                             "Authorization: Bearer <token>"; NULL = disabled */
  int threads;            /* worker threads; 0 = 4                             */
  size_t max_body;        /* largest POST body in bytes; 0 = 16 MiB            */
  int rate;               /* requests per second per client address; 0 = 200,
                             negative = no limit                               */
  int max_connections;    /* 0 = 4096                                          */
  const char *web_dir;    /* serve index.html, app.js, style.css from here
                             instead of the copies built in (for development)  */
} td_server_opts;

/* Open the store at `db_path` (creating and migrating it if needed) and start
** serving. On failure returns a status and sets *errmsg (caller frees with
** td_free). The server runs until td_server_stop. */
int td_server_start(const char *db_path, const td_server_opts *opts, td_server **out,
                    char **errmsg);
int td_server_port(const td_server *srv); /* the bound port */
void td_server_stop(td_server *srv);      /* stops, closes, frees; accepts NULL */

/* ---------------------------------- the story list a page at a time (issue 7) */

/* One page of the story list, for readers that show it a screen at a time
** (the web page, GET /api/stories): `{"stories":[...],"total","offset",
** "limit"}`, each story as in td_stories_json, the story whose latest
** article is newest first (undated stories last), then the newer story
** first; `total` counts every story. `limit` 0 = 100, at most 1000. Only
** the page's stories are read, so a page costs the same in any store.
** TD_EUSAGE for a negative offset or limit. */
int td_stories_page_json(td *db, long long offset, long long limit, char **json_out);

/* ------------------------------------------ synthesis: the story in words (issue 6) */

/* What the coverage of one story adds up to, from the articles' sentences
** aligned across outlets (copies and articles of one outlet count as one
** voice): "summary" (an extractive summary, every sentence with the
** articles that support it), "consensus" (facts two or more independent
** outlets report, strongest support first), "unique" (what only one outlet
** reports, per article) and "conflicts" (numbers, ages, dates, titles and
** places on which outlets disagree, the values side by side):
**   "summary":[{"text","support":[...],"sources"}],
**   "consensus":[{"text","support":[...],"sources"}],
**   "unique":[{"article","text"}],
**   "conflicts":[{"what","kind","values":[{"value","articles":[...]}]}]
** `sources` counts independent outlets among the supporters. td_story_json
** carries these fields with articles named by id. */

typedef struct td_summarize_opts {
  td_format format;   /* of the inputs (summarize); TD_FMT_AUTO detects       */
  const char *source; /* outlet for articles whose input names none (or NULL) */
  const char *date;   /* YYYY-MM-DD for articles that have none (or NULL)     */
  int sentences;      /* summary length in sentences; 0 = 5                   */
  int words;          /* or at most this many words (whole sentences); 0 = off */
  int max_unique;     /* unique sentences shown per article; 0 = 8, -1 = all  */
  td_diag_fn on_diag; /* problems with the inputs (may be NULL)               */
  void *ctx;
} td_summarize_opts;

/* The most articles one report reads (the rest are left out, reported). */
#define TD_SUMMARIZE_MAX_ARTICLES 5000

/* `tidings summarize`: read, clean and summarise the given files or
** directories as one story, storing nothing. *json_out (td_free) gets
** `{"articles":[{"url","source","title","date"}],"summary",...}` with the
** fields above, articles named by URL (the path when there is none);
** articles with the same clean text are one voice ("copy_of": the first's
** URL). Returns TD_OK; TD_EINPUT when some input was left out (the summary
** is still made) or none was usable (no summary); TD_EUSAGE for bad
** options. On failure *errmsg (td_free; may be NULL) says why. */
int td_summarize_paths(const char *const *paths, size_t npaths, const td_summarize_opts *opts,
                       char **json_out, char **errmsg);

/* The same for `len` bytes in memory; `origin` names them (and is the URL of
** a text article). */
int td_summarize_buffer(const char *buf, size_t len, const char *origin,
                        const td_summarize_opts *opts, char **json_out, char **errmsg);

/* The report of stored articles ids[0..n) taken as one story:
** `{"summary","consensus","unique","conflicts"}`, articles named by id;
** copies (as the store knows them) count once. Ids not stored are skipped.
** Only sentences, words and max_unique of `opts` (may be NULL) are used. */
int td_synth_json(td *db, const int64_t *ids, size_t n, const td_summarize_opts *opts,
                  char **json_out);

/* ------------------------------------ who said what: quotes and names (issue 5) */

/* Every stored article's direct and partial quotes, with the cue and the
** speaker, its names (people, organisations, places, with their aliases) and
** its dates are extracted as it is ingested. The same statement quoted by
** several articles of a story, even in other words, carries one `group`.
** A speaker or a name is reported by its canonical form merged across the
** story ("Putin" and "Vladimir Putin" are one person). */

/* `{"quotes":[{"article","url","start","end","text","speaker","cue","group",
** "kind","story","source","date"}]}`: the quotes of story `story` (0 = all),
** by story, then article date, then position. `start`/`end` are UTF-8 byte
** offsets into the article's clean text (td_article_json's "text"); `kind`
** is "direct", "partial", "colon", "continued" or "nested"; `speaker` and
** `cue` are null when unknown. `speaker` (NULL or "" = any) keeps the quotes
** whose speaker has that name among its names, case ignored ("putin",
** "Mr Putin"). TD_ENOTFOUND when the story does not exist. */
int td_quotes_json(td *db, int64_t story, const char *speaker, char **json_out);

/* `{"entities":[{"name","kind","aliases":[...],"mentions","articles"}]}`:
** the names of story `story` (0 = the whole store) merged across its
** articles, most mentioned first; `kind` is "person", "org", "place" or
** "other"; `aliases` are the other forms seen. TD_ENOTFOUND when the story
** does not exist. */
int td_entities_json(td *db, int64_t story, char **json_out);

/* ------------------------------ paged quotes and names (whole-store lists) */

/* One page of the lists above: `{"quotes":[...],"total","offset","limit"}`,
** items as td_quotes_json's, `limit` items at most from `offset` (limit 0 =
** 100). For a story (story > 0), and for the whole store (0) while it holds
** at most 20,000 quotes ($TIDINGS_LIST_MERGE_MAX overrides), the page is cut
** from td_quotes_json's list. For a larger store only the page is read:
** newest article first, then position; `speaker` is matched against the
** speaker as its article stored it (its name, surname, or a form of a stored
** name spelt `speaker`), and "speaker" is reported that way, not merged
** across the story. */
int td_quotes_page_json(td *db, int64_t story, const char *speaker, long long offset,
                        long long limit, char **json_out);

/* `{"entities":[...],"total","offset","limit"}`, items as td_entities_json's.
** For a story, and for a whole store of at most 20,000 stored names (as
** above), the page is cut from td_entities_json's list. For a larger store,
** names are grouped by their case-folded (ASCII) spelling in SQL, most
** mentioned first; "name" is the group's most mentioned form and "aliases"
** its other spellings (no surname or spelling-variant merging). */
int td_entities_page_json(td *db, int64_t story, long long offset, long long limit,
                          char **json_out);

#ifdef __cplusplus
}
#endif
#endif /* TIDINGS_H */
