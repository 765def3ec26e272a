/*
** http.c — `tidings serve`: the JSON API and the web page over
** libmicrohttpd (serve stage, the end of the pipeline).
**
** The daemon runs a pool of worker threads (epoll); each request borrows one
** store handle from a pool of as many handles as threads, so a handle is used
** by one thread at a time as tidings.h requires, and readers never wait for
** each other (SQLite WAL). POST /api/articles, enabled only with a token,
** ingests a JSON Lines body through one writer handle under a mutex.
** Every request is checked before any work: a per-address token-bucket rate
** limit (429), the method (405), the route (404), for POST the token (401 /
** 403), the declared length and type (413 / 415); bodies are capped while
** they arrive. Errors are JSON: {"error":MESSAGE,"status":CODE}. Every
** handler answers through the public API only (tidings.h): the story list
** a page at a time (td_stories_page_json, so no request builds the whole
** list), quotes and names as the library lists them, cut to the page asked
** for, with ?story=ID (and ?speaker=NAME for quotes).
*/
#include "serve/serve.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define DEFAULT_THREADS 4
#define MAX_THREADS 64
#define DEFAULT_MAX_BODY ((size_t)16 << 20)
#define DEFAULT_RATE 200
#define DEFAULT_MAX_CONNECTIONS 4096
#define LIST_MAX_LIMIT 1000
#define RATE_BUCKETS 4096
#define MAX_DIAGS 20

typedef struct bucket {
  uint64_t key; /* hash of the client address; 0 = unused */
  double tokens, last;
} bucket;

struct td_server {
  struct MHD_Daemon *daemon;
  char *db_path;
  char *token;
  char *web_dir;
  size_t max_body;
  int rate;
  int port;
  /* Reader handles: a stack of free ones. */
  pthread_mutex_t pool_mu;
  pthread_cond_t pool_cv;
  td **pool;
  int npool, nfree;
  td **free_stack;
  /* The writer handle for ingest. */
  pthread_mutex_t write_mu;
  td *writer;
  /* Rate limiter. */
  pthread_mutex_t rate_mu;
  bucket *buckets;
};

/* Per request state, from the first call of the handler to completion. */
typedef struct request {
  int post;
  td_buf body;
  int too_large;
  size_t dropped; /* bytes read past the cap */
} request;

/* ------------------------------------------------------------- responses */

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status, char *buf, size_t len,
                                const char *type, int is_api) {
  struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback(len, buf, td_free);
  if (!r) {
    td_free(buf);
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  if (is_api) {
    MHD_add_response_header(r, "Cache-Control", "no-store");
  } else {
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
  }
  if (status == MHD_HTTP_TOO_MANY_REQUESTS || status == MHD_HTTP_SERVICE_UNAVAILABLE)
    MHD_add_response_header(r, "Retry-After", "1");
  if (status == MHD_HTTP_UNAUTHORIZED) MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED) MHD_add_response_header(r, "Allow", "GET, HEAD, POST");
  enum MHD_Result ret = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, char *json) {
  return send_buf(c, status, json, strlen(json), "application/json; charset=utf-8", 1);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg) {
  json_t *doc = json_pack("{s:s, s:i}", "error", msg, "status", (int)status);
  char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL; /* td_malloc'd: jansson uses our allocator */
  json_decref(doc);
  if (!s) return MHD_NO;
  return send_json(c, status, s);
}

/* HTTP status for a library status. */
static unsigned http_status(int rc) {
  switch (rc) {
  case TD_EUSAGE:
  case TD_EINPUT: return MHD_HTTP_BAD_REQUEST;
  case TD_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
  case TD_ENOMEM:
  case TD_EBUSY: return MHD_HTTP_SERVICE_UNAVAILABLE;
  default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
  }
}

/* ---------------------------------------------------------------- handles */

static td *acquire(td_server *sv) {
  pthread_mutex_lock(&sv->pool_mu);
  while (sv->nfree == 0) pthread_cond_wait(&sv->pool_cv, &sv->pool_mu);
  td *db = sv->free_stack[--sv->nfree];
  pthread_mutex_unlock(&sv->pool_mu);
  return db;
}

static void release(td_server *sv, td *db) {
  pthread_mutex_lock(&sv->pool_mu);
  sv->free_stack[sv->nfree++] = db;
  pthread_cond_signal(&sv->pool_cv);
  pthread_mutex_unlock(&sv->pool_mu);
}

/* ------------------------------------------------------------ rate limit */

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t addr_key(const struct sockaddr *sa) {
  const unsigned char *p = NULL;
  size_t n = 0;
  if (sa && sa->sa_family == AF_INET) {
    p = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
    n = 4;
  } else if (sa && sa->sa_family == AF_INET6) {
    p = (const unsigned char *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    n = 16;
  }
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
  return h ? h : 1;
}

/* A token bucket per client address, `rate` per second, bursts of 2×rate.
** Addresses that collide in the table share a bucket: a shared limit is the
** safe side of wrong. */
static int rate_ok(td_server *sv, struct MHD_Connection *c) {
  if (sv->rate <= 0) return 1;
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  uint64_t key = addr_key(ci ? ci->client_addr : NULL);
  double t = now_seconds(), burst = 2.0 * sv->rate;
  pthread_mutex_lock(&sv->rate_mu);
  bucket *b = &sv->buckets[key % RATE_BUCKETS];
  if (b->key != key) {
    b->key = key;
    b->tokens = burst;
    b->last = t;
  }
  b->tokens += (t - b->last) * sv->rate;
  if (b->tokens > burst) b->tokens = burst;
  b->last = t;
  int ok = b->tokens >= 1.0;
  if (ok) b->tokens -= 1.0;
  pthread_mutex_unlock(&sv->rate_mu);
  return ok;
}

/* -------------------------------------------------------------- handlers */

static const char *arg(struct MHD_Connection *c, const char *name) {
  return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* Answer with the document from a library call, or its error. */
static enum MHD_Result reply(struct MHD_Connection *c, td *db, int rc, char *json) {
  if (rc == TD_OK) return send_json(c, MHD_HTTP_OK, json);
  td_free(json);
  const char *m = td_errmsg(db);
  return send_error(c, http_status(rc), *m ? m : td_strerror(rc));
}

static enum MHD_Result serve_asset(td_server *sv, struct MHD_Connection *c, const td_asset *a) {
  if (sv->web_dir) { /* development: the three named files from a directory */
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", sv->web_dir, a->name);
    FILE *f = fopen(path, "rb");
    if (f) {
      td_buf b = TD_BUF_INIT;
      td_buf_init(&b, (size_t)8 << 20);
      char chunk[8192];
      size_t n;
      int err = 0;
      while (!err && (n = fread(chunk, 1, sizeof chunk, f)) > 0) err = td_buf_append(&b, chunk, n);
      fclose(f);
      if (!err) {
        size_t len = b.len;
        char *data = td_buf_detach(&b);
        if (data) return send_buf(c, MHD_HTTP_OK, data, len, a->content_type, 0);
      }
      td_buf_release(&b);
    }
  }
  struct MHD_Response *r =
      MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", a->content_type);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Cache-Control", "no-cache");
  enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return ret;
}

static enum MHD_Result serve_get(td_server *sv, struct MHD_Connection *c, const td_route *rt) {
  if (rt->kind == TD_ROUTE_ASSET) return serve_asset(sv, c, rt->asset);
  long long offset = 0, limit = 0;
  if (td_serve_count(arg(c, "offset"), 0, (long long)1 << 40, &offset) ||
      td_serve_count(arg(c, "limit"), 0, LIST_MAX_LIMIT, &limit))
    return send_error(c, MHD_HTTP_BAD_REQUEST,
                      "limit and offset take a whole number (limit at most 1000)");
  const char *q = NULL;
  if (rt->kind == TD_ROUTE_SEARCH) {
    q = arg(c, "q");
    if (!q || !*q) return send_error(c, MHD_HTTP_BAD_REQUEST, "give a query: /api/search?q=WORDS");
  }
  long long story = 0;
  const char *speaker = NULL;
  if (rt->kind == TD_ROUTE_QUOTES || rt->kind == TD_ROUTE_ENTITIES) {
    const char *s = arg(c, "story");
    if (td_serve_count(s, 0, (long long)1 << 62, &story) || (s && *s && story == 0))
      return send_error(c, MHD_HTTP_BAD_REQUEST, "story takes a story id (a positive number)");
    speaker = rt->kind == TD_ROUTE_QUOTES ? arg(c, "speaker") : NULL;
    if (speaker && !*speaker) speaker = NULL;
  }
  td *db = acquire(sv);
  char *json = NULL;
  int rc;
  char idbuf[32];
  switch (rt->kind) {
  case TD_ROUTE_STATS: rc = td_stats_json(db, &json); break;
  case TD_ROUTE_ARTICLES: rc = td_articles_json(db, offset, limit ? limit : 100, &json); break;
  case TD_ROUTE_ARTICLE:
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)rt->id);
    rc = td_article_json(db, idbuf, &json);
    break;
  case TD_ROUTE_SEARCH: rc = td_search_json(db, q, offset, limit, &json); break;
  case TD_ROUTE_QUOTES:
    rc = td_quotes_page_json(db, (int64_t)story, speaker, offset, limit ? limit : 100, &json);
    break;
  case TD_ROUTE_ENTITIES:
    rc = td_entities_page_json(db, (int64_t)story, offset, limit ? limit : 100, &json);
    break;
  case TD_ROUTE_STORIES: rc = td_stories_page_json(db, offset, limit, &json); break;
  case TD_ROUTE_STORY:
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)rt->id);
    rc = td_story_json(db, idbuf, &json);
    break;
  default: rc = TD_EINTERNAL; break;
  }
  enum MHD_Result ret = reply(c, db, rc, json);
  release(sv, db);
  return ret;
}

typedef struct diag_ctx {
  json_t *errors;
} diag_ctx;

static void on_diag(void *vctx, const char *origin, long line, long long offset, const char *msg) {
  diag_ctx *d = vctx;
  if (json_array_size(d->errors) < MAX_DIAGS)
    json_array_append_new(d->errors, json_pack("{s:i, s:s}", "line", (int)line, "message", msg));
}

static enum MHD_Result serve_ingest(td_server *sv, struct MHD_Connection *c, request *rq) {
  if (rq->body.len == 0) return send_error(c, MHD_HTTP_BAD_REQUEST, "the body is empty: send JSON Lines, one article per line");
  diag_ctx d = {json_array()};
  td_ingest_opts o = {.format = TD_FMT_JSONL, .on_diag = on_diag, .ctx = &d};
  td_ingest_counts n = {0};
  pthread_mutex_lock(&sv->write_mu);
  int rc = td_ingest_buffer(sv->writer, rq->body.ptr, rq->body.len, "http", &o, &n);
  char *msg = td_strdup(td_errmsg(sv->writer));
  pthread_mutex_unlock(&sv->write_mu);
  enum MHD_Result ret;
  if (rc != TD_OK && rc != TD_EINPUT) {
    ret = send_error(c, http_status(rc), msg && *msg ? msg : td_strerror(rc));
  } else {
    /* Nothing usable at all is the client's error; some rejected lines are
    ** reported alongside what was stored. */
    unsigned status = n.added + n.duplicate == 0 ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK;
    json_t *doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:O}", "read", (json_int_t)n.read, "added",
                            (json_int_t)n.added, "copies", (json_int_t)n.copies, "duplicate",
                            (json_int_t)n.duplicate, "rejected", (json_int_t)n.rejected,
                            "errors", d.errors ? d.errors : json_array());
    if (doc && status != MHD_HTTP_OK)
      json_object_set_new(doc, "error", json_string("no article in the body could be used"));
    if (doc) json_object_set_new(doc, "status", json_integer(status));
    char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    ret = s ? send_json(c, status, s) : MHD_NO;
  }
  json_decref(d.errors);
  td_free(msg);
  return ret;
}

/* Decide on a POST from its headers alone, before any body is read. Returns
** 0 to go on reading, else the HTTP status with *msg. */
static unsigned check_post(td_server *sv, struct MHD_Connection *c, const char **msg) {
  if (!sv->token) {
    *msg = "ingest over HTTP is disabled: start the server with --token";
    return MHD_HTTP_FORBIDDEN;
  }
  const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
  if (!td_serve_bearer_ok(auth, sv->token)) {
    *msg = auth ? "wrong token" : "send the token: Authorization: Bearer TOKEN";
    return MHD_HTTP_UNAUTHORIZED;
  }
  const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
  if (type && strncasecmp(type, "application/x-ndjson", 20) != 0 &&
      strncasecmp(type, "application/jsonl", 17) != 0 &&
      strncasecmp(type, "application/json", 16) != 0 && strncasecmp(type, "text/plain", 10) != 0) {
    *msg = "send JSON Lines (Content-Type: application/x-ndjson)";
    return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
  }
  const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
  if (cl) {
    errno = 0;
    char *end;
    unsigned long long v = strtoull(cl, &end, 10);
    if (errno || end == cl || v > sv->max_body) {
      *msg = "the body is too large";
      return MHD_HTTP_CONTENT_TOO_LARGE;
    }
  }
  return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  td_server *sv = cls;
  request *rq = *con_cls;
  if (!rq) {
    /* First call: the headers are in, the body (if any) is not. */
    rq = td_calloc(1, sizeof *rq);
    if (!rq) return MHD_NO;
    td_buf_init(&rq->body, sv->max_body);
    *con_cls = rq;
    if (!rate_ok(sv, c)) return send_error(c, MHD_HTTP_TOO_MANY_REQUESTS, "too many requests: slow down");
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    rq->post = strcmp(method, "POST") == 0;
    td_route rt;
    int r = td_serve_route(url, strlen(url), &rt);
    if (!get && !rq->post) return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET (or POST /api/articles)");
    if (r == -1) return send_error(c, MHD_HTTP_NOT_FOUND, "no such page or API route");
    if (r == -2) return send_error(c, MHD_HTTP_BAD_REQUEST, "an id is a positive number");
    if (rq->post) {
      if (rt.kind != TD_ROUTE_ARTICLES)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only /api/articles takes POST");
      const char *msg;
      unsigned status = check_post(sv, c, &msg);
      if (status) {
        rq->post = 0; /* answered: ignore whatever body follows */
        return send_error(c, status, msg);
      }
      return MHD_YES;
    }
    return serve_get(sv, c, &rt);
  }
  if (!rq->post) { /* answered on the first call; drain any body */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size) {
    /* libmicrohttpd cannot answer in the middle of a body, so an oversized
    ** (chunked) body is read and dropped, and answered with 413 at its end;
    ** one that goes on past four times the cap loses its connection. */
    if (!rq->too_large && td_buf_append(&rq->body, upload, *upload_size)) {
      rq->too_large = 1;
      td_buf_release(&rq->body);
    }
    if (rq->too_large) rq->dropped += *upload_size;
    *upload_size = 0;
    return rq->dropped > 4 * sv->max_body ? MHD_NO : MHD_YES;
  }
  rq->post = 0;
  if (rq->too_large) return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "the body is too large");
  return serve_ingest(sv, c, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  request *rq = *con_cls;
  if (!rq) return;
  td_buf_release(&rq->body);
  td_free(rq);
  *con_cls = NULL;
}

/* libmicrohttpd's own messages: the library never prints. */
static void quiet(void *cls, const char *fmt, va_list ap) {}

/* -------------------------------------------------------------- lifecycle */

static int parse_listen(const char *s, struct sockaddr_storage *ss, int *v6) {
  memset(ss, 0, sizeof *ss);
  *v6 = 0;
  char host[256];
  const char *port;
  if (s[0] == '[') {
    const char *close = strchr(s, ']');
    if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host) return -1;
    memcpy(host, s + 1, (size_t)(close - s - 1));
    host[close - s - 1] = '\0';
    port = close + 2;
    *v6 = 1;
  } else {
    const char *colon = strrchr(s, ':');
    if (!colon || (size_t)(colon - s) >= sizeof host) return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    port = colon + 1;
    if (!host[0]) strcpy(host, "127.0.0.1");
  }
  char *end;
  errno = 0;
  long p = strtol(port, &end, 10);
  if (errno || end == port || *end || p < 0 || p > 65535) return -1;
  if (*v6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)p);
    if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1) return -1;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)p);
    if (inet_pton(AF_INET, host, &a->sin_addr) != 1) return -1;
  }
  return 0;
}

static char *msgf(const char *what, const char *detail) {
  td_buf b = TD_BUF_INIT;
  if (td_buf_printf(&b, "%s%s%s", what, detail && *detail ? ": " : "", detail ? detail : ""))
    return NULL;
  return td_buf_detach(&b);
}

void td_server_stop(td_server *sv) {
  if (!sv) return;
  if (sv->daemon) MHD_stop_daemon(sv->daemon);
  for (int i = 0; i < sv->npool; i++) td_close(sv->pool[i]);
  td_close(sv->writer);
  td_free(sv->pool);
  td_free(sv->free_stack);
  td_free(sv->buckets);
  td_free(sv->db_path);
  td_free(sv->token);
  td_free(sv->web_dir);
  pthread_mutex_destroy(&sv->pool_mu);
  pthread_cond_destroy(&sv->pool_cv);
  pthread_mutex_destroy(&sv->write_mu);
  pthread_mutex_destroy(&sv->rate_mu);
  td_free(sv);
}

int td_server_port(const td_server *sv) { return sv ? sv->port : 0; }

int td_server_start(const char *db_path, const td_server_opts *opts, td_server **out,
                    char **errmsg) {
  *out = NULL;
  *errmsg = NULL;
  td_server_opts o = {0};
  if (opts) o = *opts;
  struct sockaddr_storage ss;
  int v6;
  const char *listen = o.listen ? o.listen : "127.0.0.1:8080";
  if (parse_listen(listen, &ss, &v6)) {
    *errmsg = msgf("--listen takes ADDR:PORT, as in 127.0.0.1:8080 or [::1]:8080; got", listen);
    return TD_EUSAGE;
  }
  if (o.token && !*o.token) {
    *errmsg = msgf("the token is empty", NULL);
    return TD_EUSAGE;
  }
  int threads = o.threads > 0 ? (o.threads < MAX_THREADS ? o.threads : MAX_THREADS) : DEFAULT_THREADS;
  td_server *sv = td_calloc(1, sizeof *sv);
  if (!sv) return TD_ENOMEM;
  pthread_mutex_init(&sv->pool_mu, NULL);
  pthread_cond_init(&sv->pool_cv, NULL);
  pthread_mutex_init(&sv->write_mu, NULL);
  pthread_mutex_init(&sv->rate_mu, NULL);
  sv->max_body = o.max_body ? o.max_body : DEFAULT_MAX_BODY;
  sv->rate = o.rate == 0 ? DEFAULT_RATE : o.rate;
  sv->db_path = td_strdup(db_path);
  sv->token = o.token ? td_strdup(o.token) : NULL;
  sv->web_dir = o.web_dir ? td_strdup(o.web_dir) : NULL;
  sv->pool = td_calloc((size_t)threads, sizeof *sv->pool);
  sv->free_stack = td_calloc((size_t)threads, sizeof *sv->free_stack);
  sv->buckets = td_calloc(RATE_BUCKETS, sizeof *sv->buckets);
  if (!sv->db_path || (o.token && !sv->token) || (o.web_dir && !sv->web_dir) || !sv->pool ||
      !sv->free_stack || !sv->buckets) {
    td_server_stop(sv);
    return TD_ENOMEM;
  }
  /* The writer opens first: it creates and migrates the store. */
  int rc = td_open(db_path, NULL, &sv->writer);
  for (int i = 0; !rc && i < threads; i++) {
    td_open_opts ro = {.readonly = 1};
    rc = td_open(db_path, &ro, &sv->pool[i]);
    if (!rc) sv->free_stack[sv->nfree++] = sv->pool[i];
    sv->npool = i + 1;
  }
  if (rc) {
    const char *m = td_errmsg(sv->writer);
    for (int i = 0; !*m && i < sv->npool; i++) m = td_errmsg(sv->pool[i]);
    *errmsg = msgf(db_path, *m ? m : td_strerror(rc));
    td_server_stop(sv);
    return rc;
  }
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | (v6 ? MHD_USE_IPv6 : 0);
  int max_conn = o.max_connections > 0 ? o.max_connections : DEFAULT_MAX_CONNECTIONS;
  sv->daemon = MHD_start_daemon(
      flags, 0, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)max_conn, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
      MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)64 * 1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
      MHD_OPTION_EXTERNAL_LOGGER, quiet, NULL, MHD_OPTION_END);
  if (!sv->daemon) {
    *errmsg = msgf("cannot listen on", listen);
    td_server_stop(sv);
    return TD_EIO;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(sv->daemon, MHD_DAEMON_INFO_BIND_PORT);
  sv->port = di ? di->port : 0;
  *out = sv;
  return TD_OK;
}
