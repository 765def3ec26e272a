/*
** test_http.c — the HTTP server: routing (serve/routes.c) as a pure function,
** paging numbers, the bearer token check, and a server started in-process on
** a free loopback port, spoken to over a raw socket: statuses, content types,
** JSON errors, token handling and a malformed request line.
*/
#include "testutil.h"

#include "serve/serve.h"
#include "tidings.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

static int route(const char *p, td_route *r) { return td_serve_route(p, strlen(p), r); }

static void test_routes(void **state) {
  td_route r;
  assert_int_equal(route("/", &r), 0);
  assert_int_equal(r.kind, TD_ROUTE_ASSET);
  assert_string_equal(r.asset->name, "index.html");
  assert_int_equal(route("/app.js", &r), 0);
  assert_int_equal(route("/style.css", &r), 0);
  assert_int_equal(route("/api/stories", &r), 0);
  assert_int_equal(r.kind, TD_ROUTE_STORIES);
  assert_int_equal(route("/api/stories/", &r), 0);
  assert_int_equal(route("/api/stories/42", &r), 0);
  assert_int_equal(r.kind, TD_ROUTE_STORY);
  assert_int_equal(r.id, 42);
  assert_int_equal(route("/api/articles/7", &r), 0);
  assert_int_equal(r.kind, TD_ROUTE_ARTICLE);
  assert_int_equal(route("/api/search", &r), 0);
  assert_int_equal(route("/api/quotes", &r), 0);
  assert_int_equal(route("/api/entities", &r), 0);
  assert_int_equal(route("/api/stats", &r), 0);
  /* Ids are positive digits only. */
  assert_int_equal(route("/api/articles/0", &r), -2);
  assert_int_equal(route("/api/articles/-1", &r), -2);
  assert_int_equal(route("/api/articles/1x", &r), -2);
  assert_int_equal(route("/api/articles/..", &r), -2);
  assert_int_equal(route("/api/articles/9999999999999999999", &r), -2);
  /* Nothing else exists, however it is spelt. */
  static const char *none[] = {"",           "index.html", "/../etc/passwd", "/./index.html",
                               "/index.html/", "/web/app.js", "/api",         "/api/",
                               "/api/x",     "/API/stats", "//app.js",      "/app.js%00",
                               "/.git/config", "/api/stories/1/2"};
  for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
    int rc = route(none[i], &r);
    if (rc == 0) fail_msg("<%s> routed", none[i]);
  }
  /* The length is the path: bytes after it do not count. */
  assert_int_equal(td_serve_route("/api/statsXYZ", 10, &r), 0);
  assert_int_equal(r.kind, TD_ROUTE_STATS);
}

static void test_counts_and_token(void **state) {
  long long v;
  assert_int_equal(td_serve_count(NULL, 7, 100, &v), 0);
  assert_int_equal(v, 7);
  assert_int_equal(td_serve_count("", 7, 100, &v), 0);
  assert_int_equal(td_serve_count("42", 7, 100, &v), 0);
  assert_int_equal(v, 42);
  assert_int_equal(td_serve_count("101", 7, 100, &v), -1);
  assert_int_equal(td_serve_count("-1", 7, 100, &v), -1);
  assert_int_equal(td_serve_count("1e3", 7, 100, &v), -1);
  assert_int_equal(td_serve_count("99999999999999999999999", 7, 100, &v), -1);
  assert_true(td_serve_bearer_ok("Bearer secret-token", "secret-token"));
  assert_false(td_serve_bearer_ok("Bearer secret-toke", "secret-token"));
  assert_false(td_serve_bearer_ok("Bearer secret-tokenX", "secret-token"));
  assert_false(td_serve_bearer_ok("Basic secret-token", "secret-token"));
  assert_false(td_serve_bearer_ok(NULL, "secret-token"));
  assert_false(td_serve_bearer_ok("Bearer ", ""));
}

/* Send `req` to the server and read the whole answer into buf. */
static int http(int port, const char *req, size_t reqlen, char *buf, size_t cap) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  struct timeval tv = {10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
  assert_int_equal(send(fd, req, reqlen, MSG_NOSIGNAL), (ssize_t)reqlen);
  size_t n = 0;
  ssize_t k;
  while (n + 1 < cap && (k = recv(fd, buf + n, cap - 1 - n, 0)) > 0) n += (size_t)k;
  buf[n] = '\0';
  close(fd);
  int status = 0;
  sscanf(buf, "HTTP/1.%*d %d", &status);
  return status;
}

static int get(int port, const char *path, char *buf, size_t cap) {
  char req[1024];
  int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", path);
  return http(port, req, (size_t)n, buf, cap);
}

static void test_server(void **state) {
  char path[512];
  snprintf(path, sizeof path, "%s/http.db", tu_tmpdir());
  unlink(path);
  td_server_opts o = {.listen = "127.0.0.1:0", .token = "unit-test-token-123", .threads = 2,
                      .max_body = 4096, .rate = -1};
  td_server *srv;
  char *err = NULL;
  int rc = td_server_start(path, &o, &srv, &err);
  if (rc) fail_msg("start: %s", err ? err : "?");
  int port = td_server_port(srv);
  assert_true(port > 0);
  static char buf[1 << 16];

  assert_int_equal(get(port, "/", buf, sizeof buf), 200);
  assert_non_null(strstr(buf, "Content-Type: text/html; charset=utf-8"));
  assert_non_null(strstr(buf, "Content-Security-Policy:"));
  assert_int_equal(get(port, "/api/stats", buf, sizeof buf), 200);
  assert_non_null(strstr(buf, "Content-Type: application/json"));
  assert_int_equal(get(port, "/api/articles/1", buf, sizeof buf), 404);
  assert_non_null(strstr(buf, "{\"error\":"));
  assert_int_equal(get(port, "/api/articles/x", buf, sizeof buf), 400);
  assert_int_equal(get(port, "/nope", buf, sizeof buf), 404);
  assert_int_equal(get(port, "/api/search", buf, sizeof buf), 400);
  assert_int_equal(get(port, "/api/search?q=%22NEAR(a", buf, sizeof buf), 200);
  assert_int_equal(get(port, "/api/articles?limit=5000", buf, sizeof buf), 400);

  static const char body[] = "{\"url\":\"https://t.example/1\",\"title\":\"Bridge opens\","
                             "\"text\":\"The new bridge opened on Monday.\"}\n";
  char req[2048];
  int n = snprintf(req, sizeof req,
                   "POST /api/articles HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                   "Content-Type: application/x-ndjson\r\nContent-Length: %zu\r\n%s\r\n%s",
                   sizeof body - 1, "", body);
  assert_int_equal(http(port, req, (size_t)n, buf, sizeof buf), 401);
  assert_non_null(strstr(buf, "WWW-Authenticate: Bearer"));
  n = snprintf(req, sizeof req,
               "POST /api/articles HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               "Authorization: Bearer unit-test-token-123\r\n"
               "Content-Type: application/x-ndjson\r\nContent-Length: %zu\r\n\r\n%s",
               sizeof body - 1, body);
  assert_int_equal(http(port, req, (size_t)n, buf, sizeof buf), 200);
  assert_non_null(strstr(buf, "\"added\":1"));
  assert_int_equal(get(port, "/api/search?q=bridge", buf, sizeof buf), 200);
  assert_non_null(strstr(buf, "<mark>bridge</mark>"));
  n = snprintf(req, sizeof req,
               "POST /api/articles HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               "Authorization: Bearer unit-test-token-123\r\n"
               "Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n");
  assert_int_equal(http(port, req, (size_t)n, buf, sizeof buf), 413);
  /* A broken request line gets an error, and the server goes on. */
  static const char junk[] = "\x01\x02 garbage \r\n\r\n";
  int st = http(port, junk, sizeof junk - 1, buf, sizeof buf);
  assert_true(st == 0 || st >= 400);
  assert_int_equal(get(port, "/api/stats", buf, sizeof buf), 200);
  td_server_stop(srv);
}

static void test_bad_options(void **state) {
  td_server *srv;
  char *err = NULL;
  td_server_opts o = {.listen = "localhost"};
  assert_int_equal(td_server_start("/nonexistent/x.db", &o, &srv, &err), TD_EUSAGE);
  assert_non_null(err);
  td_free(err);
  o.listen = "127.0.0.1:99999";
  assert_int_equal(td_server_start("/nonexistent/x.db", &o, &srv, &err), TD_EUSAGE);
  td_free(err);
  o.listen = "127.0.0.1:0";
  assert_int_not_equal(td_server_start("/nonexistent/dir/x.db", &o, &srv, &err), TD_OK);
  assert_non_null(err);
  td_free(err);
  td_server_stop(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_routes),
      cmocka_unit_test(test_counts_and_token),
      cmocka_unit_test(test_server),
      cmocka_unit_test(test_bad_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
