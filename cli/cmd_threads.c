/*
** cmd_threads.c — `tidings threads`: stories of one developing subject.
*/
#include "cli.h"

static int get(td *db, char **args, char **out) { return td_threads_json(db, out); }

static void render(json_t *doc) {
  size_t i, j;
  json_t *t, *s;
  json_array_foreach(json_object_get(doc, "threads"), i, t) {
    printf("thread %lld: %s\n", cli_int(t, "id"), cli_str(t, "title", "(untitled)"));
    json_array_foreach(json_object_get(t, "stories"), j, s) {
      printf("  story %-6lld %-10s %3lld article(s)  %s\n", cli_int(s, "id"),
             cli_str(s, "first_date", "-"), cli_int(s, "size"), cli_str(s, "title", "(untitled)"));
    }
  }
}

int cmd_threads(cli *c, int argc, char **argv) {
  return cli_document(c, argc, argv, 0, NULL, get, render);
}
