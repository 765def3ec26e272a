/*
** cmd_entities.c — `tidings entities [--story ID]`: the people,
** organisations and places named, merged across articles, most mentioned
** first.
*/
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>

/* --story ID: a positive number, else a usage error. */
static int story_arg(cli *c, const char *arg, int64_t *story) {
  char *end;
  errno = 0;
  long long v = strtoll(arg, &end, 10);
  if (errno || *end || v <= 0) return cli_usage(c, "--story takes a story id (a positive number)");
  *story = v;
  return 0;
}

int cmd_entities(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                           {"story", required_argument, NULL, 's'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  int64_t story = 0;
  while ((ch = cli_getopt(c, argc, argv, "js:h", longopts, &done)) != -1) {
    if (ch == 'j')
      json = 1;
    else if (ch == 's') {
      int rc = story_arg(c, optarg, &story);
      if (rc) return rc;
    } else
      return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "entities takes no arguments (use --story)");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_entities_json(c->db, story, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    json_t *ents = json_object_get(doc, "entities");
    if (!json_array_size(ents)) printf("no names\n");
    size_t i;
    json_t *e;
    json_array_foreach(ents, i, e) {
      printf("%6lld  %-7s %s", (long long)json_integer_value(json_object_get(e, "mentions")),
             json_string_value(json_object_get(e, "kind")),
             json_string_value(json_object_get(e, "name")));
      json_t *al = json_object_get(e, "aliases");
      size_t k;
      json_t *a;
      json_array_foreach(al, k, a) printf("%s%s", k ? ", " : "  (also ", json_string_value(a));
      if (json_array_size(al)) putchar(')');
      putchar('\n');
    }
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
