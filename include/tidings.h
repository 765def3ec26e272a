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

#ifdef __cplusplus
}
#endif
#endif /* TIDINGS_H */
