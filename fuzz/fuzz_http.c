/*
** fuzz_http.c — libFuzzer target for what the server parses itself (HTTP
** itself is libmicrohttpd's): request paths into routes, paging numbers and
** the Authorization header. No input may crash, and a route found must be
** one of the fixed paths.
*/
#include "serve/serve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  td_route r;
  if (td_serve_route((const char *)data, size, &r) == 0) {
    if (r.kind == TD_ROUTE_NONE) abort();
    if ((r.kind == TD_ROUTE_ARTICLE || r.kind == TD_ROUTE_STORY) && r.id <= 0) abort();
    if (r.kind == TD_ROUTE_ASSET && (!r.asset || size < 1 || data[0] != '/')) abort();
    if (memchr(data, '.', size) && r.kind != TD_ROUTE_ASSET) abort(); /* no ".." anywhere */
  }
  char *s = malloc(size + 1);
  if (!s) return 0;
  memcpy(s, data, size);
  s[size] = '\0';
  long long v;
  if (td_serve_count(s, 0, 1000, &v) == 0 && (v < 0 || v > 1000)) abort();
  (void)td_serve_bearer_ok(s, "fuzz-token-0123456789");
  free(s);
  return 0;
}
