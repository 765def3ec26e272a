/*
** cmd_dups.c — `tidings dups`: groups of copies with their original.
*/
#include "cli.h"

static int get(td *db, char **args, char **out) { return td_dups_json(db, out); }

static void render(json_t *doc) {
  size_t i, j;
  json_t *g, *cp;
  json_array_foreach(json_object_get(doc, "groups"), i, g) {
    printf("original %lld\n", cli_int(g, "original"));
    json_array_foreach(json_object_get(g, "copies"), j, cp) {
      printf("  copy %-6lld similarity %.2f containment %.2f  %s\n", cli_int(cp, "article"),
             json_number_value(json_object_get(cp, "similarity")),
             json_number_value(json_object_get(cp, "containment")), cli_str(cp, "url", ""));
    }
  }
}

int cmd_dups(cli *c, int argc, char **argv) {
  return cli_document(c, argc, argv, 0, NULL, get, render);
}
