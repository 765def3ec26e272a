/*
** cmd_stories.c — `tidings stories`: every story, one line each.
*/
#include "cli.h"

static int get(td *db, char **args, char **out) { return td_stories_json(db, out); }

static void render(json_t *doc) {
  size_t i;
  json_t *s;
  json_array_foreach(json_object_get(doc, "stories"), i, s) {
    printf("%6lld  %-10s %-10s %3lld article(s) %3lld source(s)  %s\n", cli_int(s, "id"),
           cli_str(s, "first_date", "-"), cli_str(s, "last_date", "-"), cli_int(s, "size"),
           cli_int(s, "sources"), cli_str(s, "title", "(untitled)"));
  }
}

int cmd_stories(cli *c, int argc, char **argv) {
  return cli_document(c, argc, argv, 0, NULL, get, render);
}
