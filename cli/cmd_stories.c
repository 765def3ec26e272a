/*
** cmd_stories.c — `tidings stories`: every story, one line each.
*/
#include "cli.h"

#include <jansson.h>

static const char *s_or(json_t *v, const char *dflt) {
  return json_is_string(v) ? json_string_value(v) : dflt;
}

int cmd_stories(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "stories takes no arguments");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_stories_json(c->db, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(doc, "stories"), i, s) {
      printf("%6lld  %-10s %-10s %3lld article(s) %3lld source(s)  %s\n",
             (long long)json_integer_value(json_object_get(s, "id")),
             s_or(json_object_get(s, "first_date"), "-"), s_or(json_object_get(s, "last_date"), "-"),
             (long long)json_integer_value(json_object_get(s, "size")),
             (long long)json_integer_value(json_object_get(s, "sources")),
             s_or(json_object_get(s, "title"), "(untitled)"));
    }
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
