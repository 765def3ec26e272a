/*
** cmd_search.c — `tidings search QUERY`: full-text search, results grouped by
** story, with the matching words highlighted in each snippet.
*/
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *s(json_t *doc, const char *key) {
  const char *v = json_string_value(json_object_get(doc, key));
  return v ? v : "-";
}

/* Print an HTML snippet (only <mark> tags and five entities, as the library
** makes them) as terminal text: bold matches on a terminal, else *match*. */
static void print_snippet(const char *h, int tty) {
  static const struct { const char *from, *to; } ent[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  while (*h) {
    if (strncmp(h, "<mark>", 6) == 0) {
      fputs(tty ? "\033[1m" : "*", stdout);
      h += 6;
      continue;
    }
    if (strncmp(h, "</mark>", 7) == 0) {
      fputs(tty ? "\033[0m" : "*", stdout);
      h += 7;
      continue;
    }
    int done = 0;
    for (size_t i = 0; *h == '&' && i < sizeof ent / sizeof ent[0] && !done; i++) {
      size_t n = strlen(ent[i].from);
      if (strncmp(h, ent[i].from, n) == 0) {
        fputs(ent[i].to, stdout);
        h += n;
        done = 1;
      }
    }
    if (!done) putchar(*h == '\n' ? ' ' : *h), h++;
  }
}

int cmd_search(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                           {"limit", required_argument, NULL, 'l'},
                                           {"offset", required_argument, NULL, 'o'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  long long limit = 0, offset = 0;
  while ((ch = cli_getopt(c, argc, argv, "jl:o:h", longopts, &done)) != -1) {
    switch (ch) {
    case 'j': json = 1; break;
    case 'l': limit = atoll(optarg); break;
    case 'o': offset = atoll(optarg); break;
    default: return cli_usage(c, "bad option");
    }
  }
  if (done) return 0;
  if (optind >= argc) return cli_usage(c, "give a query, as in: tidings search 'naval facility'");
  /* Several arguments are one query: tidings search naval facility. */
  size_t n = 0;
  for (int i = optind; i < argc; i++) n += strlen(argv[i]) + 1;
  char *query = malloc(n + 1);
  if (!query) return EXIT_INTERNAL;
  query[0] = '\0';
  for (int i = optind; i < argc; i++) {
    if (i > optind) strcat(query, " ");
    strcat(query, argv[i]);
  }
  int rc = cli_open(c, 1);
  if (rc) {
    free(query);
    return rc;
  }
  char *out;
  rc = td_search_json(c->db, query, offset, limit, &out);
  free(query);
  if (rc) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
    td_free(out);
    return 0;
  }
  json_t *doc = json_loads(out, 0, NULL);
  td_free(out);
  if (!doc) return EXIT_INTERNAL;
  int tty = isatty(STDOUT_FILENO);
  size_t i, j;
  json_t *r, *a;
  json_t *results = json_object_get(doc, "results");
  if (json_array_size(results) == 0) printf("no matches\n");
  json_array_foreach(results, i, r) {
    json_t *story = json_object_get(r, "story");
    if (json_is_integer(story))
      printf("%sstory %lld  %s\n", i ? "\n" : "", (long long)json_integer_value(story), s(r, "title"));
    else
      printf("%s%s\n", i ? "\n" : "", s(r, "title"));
    json_array_foreach(json_object_get(r, "articles"), j, a) {
      printf("  %5lld  %-10.10s  %-20.20s  %s\n", (long long)json_integer_value(json_object_get(a, "id")),
             s(a, "date"), s(a, "source"), s(a, "title"));
      fputs("         ", stdout);
      print_snippet(s(a, "snippet_html"), tty);
      putchar('\n');
    }
  }
  json_decref(doc);
  return 0;
}
