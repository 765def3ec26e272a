/*
** cmd_story.c — `tidings story ID`: one story, its articles in time order.
*/
#include "cli.h"

#include <jansson.h>

static const char *s_or(json_t *v, const char *dflt) {
  return json_is_string(v) ? json_string_value(v) : dflt;
}

int cmd_story(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind + 1 != argc) return cli_usage(c, "story takes one story ID");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_story_json(c->db, argv[optind], &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *s = json_loads(out, 0, NULL);
    printf("story %lld: %s\n", (long long)json_integer_value(json_object_get(s, "id")),
           s_or(json_object_get(s, "title"), "(untitled)"));
    printf("  %s .. %s, %lld article(s), %lld independent source(s), %lld copies, thread %lld\n",
           s_or(json_object_get(s, "first_date"), "?"), s_or(json_object_get(s, "last_date"), "?"),
           (long long)json_integer_value(json_object_get(s, "size")),
           (long long)json_integer_value(json_object_get(s, "sources")),
           (long long)json_integer_value(json_object_get(s, "copies")),
           (long long)json_integer_value(json_object_get(s, "thread")));
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(s, "articles"), i, a) {
      json_t *cp = json_object_get(a, "copy_of");
      printf("  %6lld  %-10s %-20.20s %s", (long long)json_integer_value(json_object_get(a, "id")),
             s_or(json_object_get(a, "date"), "-"), s_or(json_object_get(a, "source"), "-"),
             s_or(json_object_get(a, "title"), s_or(json_object_get(a, "url"), "")));
      if (json_is_integer(cp)) printf("  [copy of %lld]", (long long)json_integer_value(cp));
      putchar('\n');
    }
    json_decref(s);
  }
  td_free(out);
  return 0;
}
