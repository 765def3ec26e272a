/*
** cmd_articles.c — `tidings articles`: stored articles in the order added.
*/
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>

static const char *s(json_t *doc, const char *key) {
  const char *v = json_string_value(json_object_get(doc, key));
  return v ? v : "-";
}

int cmd_articles(cli *c, int argc, char **argv) {
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
  if (optind != argc) return cli_usage(c, "articles takes no arguments");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_articles_json(c->db, offset, limit, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(doc, "articles"), i, a) {
      printf("%5lld  %-10.10s  %-20.20s  %s\n", (long long)json_integer_value(json_object_get(a, "id")),
             s(a, "date"), s(a, "source"), s(a, "title"));
    }
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
