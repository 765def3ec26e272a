/*
** cmd_dups.c — `tidings dups`: groups of copies with their original.
*/
#include "cli.h"

#include <jansson.h>

static const char *s_or(json_t *v, const char *dflt) {
  return json_is_string(v) ? json_string_value(v) : dflt;
}

int cmd_dups(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "dups takes no arguments");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_dups_json(c->db, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    size_t i, j;
    json_t *g, *cp;
    json_array_foreach(json_object_get(doc, "groups"), i, g) {
      printf("original %lld\n", (long long)json_integer_value(json_object_get(g, "original")));
      json_array_foreach(json_object_get(g, "copies"), j, cp) {
        printf("  copy %-6lld similarity %.2f containment %.2f  %s\n",
               (long long)json_integer_value(json_object_get(cp, "article")),
               json_number_value(json_object_get(cp, "similarity")),
               json_number_value(json_object_get(cp, "containment")),
               s_or(json_object_get(cp, "url"), ""));
      }
    }
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
