/*
** cmd_article.c — `tidings article ID|URL`: one stored article.
*/
#include "cli.h"

#include <jansson.h>

static const char *s(json_t *doc, const char *key) {
  const char *v = json_string_value(json_object_get(doc, key));
  return v ? v : "-";
}

int cmd_article(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc - 1) return cli_usage(c, "give one article id or URL");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_article_json(c->db, argv[optind], &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
    td_free(out);
    return 0;
  }
  json_t *doc = json_loads(out, 0, NULL);
  td_free(out);
  if (!doc) return EXIT_INTERNAL;
  printf("%s\n", s(doc, "title"));
  printf("  id %lld   %s   %s   %s\n", (long long)json_integer_value(json_object_get(doc, "id")),
         s(doc, "source"), s(doc, "date"), s(doc, "url"));
  json_t *copy = json_object_get(doc, "copy_of");
  if (json_is_integer(copy)) printf("  exact copy of article %lld\n", (long long)json_integer_value(copy));
  printf("\n%s\n", s(doc, "text"));
  json_t *removed = json_object_get(doc, "removed");
  if (json_array_size(removed)) {
    printf("\nremoved:\n");
    size_t i;
    json_t *r;
    json_array_foreach(removed, i, r) printf("  [%s] %s\n", s(r, "reason"), s(r, "text"));
  }
  json_decref(doc);
  return 0;
}
