/*
** serve.h — internals of the HTTP server (serve stage) shared by its files:
** http.c (the libmicrohttpd daemon, handles, limits, responses), routes.c
** (which URL means what, parameter parsing) and web_assets.c (the web page,
** generated from web/ by tools/embed.sh and committed with it).
**
** Routing is a pure function of the path so that it can be fuzzed and tested
** without a socket. Nothing here touches the file system except the
** development option web_dir, which serves only the three named files.
*/
#ifndef TD_SERVE_H
#define TD_SERVE_H

#include <stddef.h>
#include <stdint.h>

typedef enum td_route_kind {
  TD_ROUTE_NONE = 0,
  TD_ROUTE_ASSET,    /* a file of the web page */
  TD_ROUTE_STATS,    /* /api/stats */
  TD_ROUTE_ARTICLES, /* /api/articles (GET lists, POST ingests) */
  TD_ROUTE_ARTICLE,  /* /api/articles/ID */
  TD_ROUTE_STORIES,  /* /api/stories */
  TD_ROUTE_STORY,    /* /api/stories/ID */
  TD_ROUTE_QUOTES,   /* /api/quotes */
  TD_ROUTE_ENTITIES, /* /api/entities */
  TD_ROUTE_SEARCH    /* /api/search */
} td_route_kind;

typedef struct td_asset {
  const char *name;         /* "index.html" */
  const char *content_type; /* "text/html; charset=utf-8" */
  const char *data;
  size_t len;
} td_asset;

/* The embedded web page (web_assets.c), NULL-name terminated. */
extern const td_asset td_web_assets[];

typedef struct td_route {
  td_route_kind kind;
  int64_t id;             /* TD_ROUTE_ARTICLE / TD_ROUTE_STORY */
  const td_asset *asset;  /* TD_ROUTE_ASSET */
} td_route;

/* Route `len` bytes of a request path (without the query string). Returns
** 0 and fills *r; -1 when no route has this path (404); -2 when the route
** exists but its id is not a positive number (400). */
int td_serve_route(const char *path, size_t len, td_route *r);

/* Parse a paging parameter: digits only, at most `max`. NULL or "" gives
** `dflt`. Returns 0, or -1 for anything else. */
int td_serve_count(const char *s, long long dflt, long long max, long long *out);

/* 1 when `header` is "Bearer <token>" (compared in constant time). */
int td_serve_bearer_ok(const char *header, const char *token);

#endif
