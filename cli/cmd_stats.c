/*
** cmd_stats.c — `tidings stats`: counts of what the store holds.
*/
#include "cli.h"

#include <jansson.h>

int cmd_stats(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "stats takes no arguments");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_stats_json(c->db, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) printf("%-10s %lld\n", key, (long long)json_integer_value(v));
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
