/*
** cmd_stats.c — `tidings stats`: counts of what the store holds.
*/
#include "cli.h"

static int get(td *db, char **args, char **out) { return td_stats_json(db, out); }

static void render(json_t *doc) {
  const char *key;
  json_t *v;
  json_object_foreach(doc, key, v) printf("%-10s %lld\n", key, (long long)json_integer_value(v));
}

int cmd_stats(cli *c, int argc, char **argv) {
  return cli_document(c, argc, argv, 0, NULL, get, render);
}
