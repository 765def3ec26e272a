/*
** cmd_explain.c — `tidings explain ARTICLE`: why an article joined its
** story (or started one, or is a copy): the candidates, their scores and
** the shared terms and names that decided.
*/
#include "cli.h"

#include <jansson.h>

static void list(const char *what, json_t *arr) {
  if (!json_array_size(arr)) return;
  printf("      %s:", what);
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) printf(" %s (%.3f)", json_string_value(json_object_get(v, "text")),
                                       json_number_value(json_object_get(v, "weight")));
  putchar('\n');
}

int cmd_explain(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind + 1 != argc) return cli_usage(c, "explain takes one article ID or URL");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_explain_json(c->db, argv[optind], &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *e = json_loads(out, 0, NULL);
    const char *decision = json_string_value(json_object_get(e, "decision"));
    long long story = (long long)json_integer_value(json_object_get(e, "story"));
    printf("article %lld: %s, story %lld, thread %lld\n",
           (long long)json_integer_value(json_object_get(e, "article")), decision ? decision : "?",
           story, (long long)json_integer_value(json_object_get(e, "thread")));
    json_t *cp = json_object_get(e, "copy");
    if (cp)
      printf("  copy of article %lld (similarity %.3f, containment %.3f)%s\n",
             (long long)json_integer_value(json_object_get(cp, "of")),
             json_number_value(json_object_get(cp, "similarity")),
             json_number_value(json_object_get(cp, "containment")),
             json_is_true(json_object_get(cp, "became_original")) ? "; it became the original"
                                                                   : "");
    else
      printf("  best score %.3f, threshold %.3f, %zu candidate stories\n",
             json_number_value(json_object_get(e, "score")),
             json_number_value(json_object_get(e, "threshold")),
             json_array_size(json_object_get(e, "candidates")));
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(e, "candidates"), i, k) {
      printf("    story %-6lld score %.3f  (terms %.3f, names %.3f, time %.3f)\n",
             (long long)json_integer_value(json_object_get(k, "story")),
             json_number_value(json_object_get(k, "score")),
             json_number_value(json_object_get(k, "terms")),
             json_number_value(json_object_get(k, "names")),
             json_number_value(json_object_get(k, "time")));
      list("shared terms", json_object_get(k, "shared_terms"));
      list("shared names", json_object_get(k, "shared_names"));
    }
    json_decref(e);
  }
  td_free(out);
  return 0;
}
