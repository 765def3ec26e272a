/*
** routes.c — what a request path means to the server, and the small parsers
** for what a request carries (paging numbers, the bearer token).
**
** Paths are matched exactly against a fixed table: there is no file lookup
** behind a path, so "..", encoded slashes or NUL bytes can only fail to
** match. Ids are digits only. A trailing slash is tolerated on API paths.
*/
#include "serve/serve.h"

#include <string.h>

static int eq(const char *p, size_t n, const char *lit) {
  size_t m = strlen(lit);
  return n == m && memcmp(p, lit, n) == 0;
}

/* A positive decimal id of at most 18 digits; -1 otherwise. */
static int64_t parse_id(const char *p, size_t n) {
  if (n == 0 || n > 18) return -1;
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9') return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v > 0 ? v : -1;
}

int td_serve_route(const char *path, size_t len, td_route *r) {
  memset(r, 0, sizeof *r);
  if (len == 0 || path[0] != '/') return -1;
  if (len == 1) path = "/index.html", len = 11;
  if (len > 5 && memcmp(path, "/api/", 5) == 0) {
    const char *p = path + 5;
    size_t n = len - 5;
    if (n && p[n - 1] == '/') n--;
    static const struct {
      const char *name;
      td_route_kind kind;
    } lists[] = {{"stats", TD_ROUTE_STATS},     {"articles", TD_ROUTE_ARTICLES},
                 {"stories", TD_ROUTE_STORIES}, {"quotes", TD_ROUTE_QUOTES},
                 {"entities", TD_ROUTE_ENTITIES}, {"search", TD_ROUTE_SEARCH}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
      if (eq(p, n, lists[i].name)) {
        r->kind = lists[i].kind;
        return 0;
      }
    }
    static const struct {
      const char *prefix;
      td_route_kind kind;
    } items[] = {{"articles/", TD_ROUTE_ARTICLE}, {"stories/", TD_ROUTE_STORY}};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
      size_t m = strlen(items[i].prefix);
      if (n > m && memcmp(p, items[i].prefix, m) == 0) {
        int64_t id = parse_id(p + m, n - m);
        if (id < 0) return -2;
        r->kind = items[i].kind;
        r->id = id;
        return 0;
      }
    }
    return -1;
  }
  for (const td_asset *a = td_web_assets; a->name; a++) {
    if (len - 1 == strlen(a->name) && memcmp(path + 1, a->name, len - 1) == 0) {
      r->kind = TD_ROUTE_ASSET;
      r->asset = a;
      return 0;
    }
  }
  return -1;
}

int td_serve_count(const char *s, long long dflt, long long max, long long *out) {
  if (!s || !*s) {
    *out = dflt;
    return 0;
  }
  long long v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    v = v * 10 + (*p - '0');
    if (v > max) return -1;
  }
  *out = v;
  return 0;
}

int td_serve_bearer_ok(const char *header, const char *token) {
  if (!header || !token || strncmp(header, "Bearer ", 7) != 0) return 0;
  const char *got = header + 7;
  while (*got == ' ') got++;
  size_t n = strlen(got), m = strlen(token);
  /* Compare every byte whatever the lengths, so timing tells nothing. */
  unsigned char diff = (unsigned char)(n != m);
  for (size_t i = 0; i < m; i++) diff |= (unsigned char)(token[i] ^ (i < n ? got[i] : 0));
  return diff == 0 && m > 0;
}
