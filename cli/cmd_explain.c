/*
** cmd_explain.c — `tidings explain ARTICLE`: why an article joined its
** story (or started one, or is a copy): the candidates, their scores, the
** shared terms, names and details (numbers, dates, weekdays) that decided,
** and what a veto held against.
*/
#include "cli.h"

#include <string.h>

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

/* "Friday, Saturday" from a JSON array of strings; "none" when empty. */
static void words(json_t *arr) {
  size_t i;
  json_t *v;
  if (!json_array_size(arr)) fputs("none", stdout);
  json_array_foreach(arr, i, v) printf("%s%s", i ? ", " : "", json_string_value(v));
}

static int get(td *db, char **args, char **out) { return td_explain_json(db, args[0], out); }

static void render(json_t *e) {
  const char *decision = json_string_value(json_object_get(e, "decision"));
  long long story = (long long)json_integer_value(json_object_get(e, "story"));
  printf("article %lld: %s, story %lld, thread %lld\n",
         (long long)json_integer_value(json_object_get(e, "article")), decision ? decision : "?",
         story, (long long)json_integer_value(json_object_get(e, "thread")));
  json_t *via = json_object_get(e, "thread_via");
  if (json_is_integer(via))
    printf(json_is_true(json_object_get(e, "new_thread"))
               ? "  a thread of its own: the nearest, story %lld's, scores %.3f (threshold %.3f)\n"
               : "  in the thread of story %lld (thread score %.3f, threshold %.3f)\n",
           (long long)json_integer_value(via), json_number_value(json_object_get(e, "thread_score")),
           json_number_value(json_object_get(e, "thread_threshold")));
  json_t *from = json_object_get(e, "merged_from");
  if (json_is_integer(from))
    printf("  placed in story %lld, which has since gone into story %lld\n",
           (long long)json_integer_value(from), story);
  json_t *hr = json_object_get(e, "headline_read");
  if (json_is_string(hr) && *json_string_value(hr))
    printf("  headline read as \"%s\": the rest of the title is the site's (earlier pages of the "
           "site carried it)\n",
           json_string_value(hr));
  else if (json_is_string(hr))
    printf("  no headline read: the title is the site's (earlier pages of the site carried it)\n");
  json_t *cp = json_object_get(e, "copy");
  if (cp)
    printf("  copy of article %lld (similarity %.3f, containment %.3f)%s\n",
           (long long)json_integer_value(json_object_get(cp, "of")),
           json_number_value(json_object_get(cp, "similarity")),
           json_number_value(json_object_get(cp, "containment")),
           json_is_true(json_object_get(cp, "became_original")) ? "; it became the original"
                                                                 : "");
  size_t i;
  json_t *k;
  if (!cp) {
    /* "score" is the joined story's; a new story's best is its best candidate's */
    double best = json_number_value(json_object_get(e, "score"));
    json_array_foreach(json_object_get(e, "candidates"), i, k) {
      double x = json_number_value(json_object_get(k, "score"));
      if (x > best) best = x;
    }
    printf("  best score %.3f, threshold %.3f, %zu candidate stories\n", best,
           json_number_value(json_object_get(e, "threshold")),
           json_array_size(json_object_get(e, "candidates")));
  }
  json_array_foreach(json_object_get(e, "candidates"), i, k) {
    printf("    story %-6lld score %.3f  (terms %.3f, names %.3f, time %.3f)\n",
           (long long)json_integer_value(json_object_get(k, "story")),
           json_number_value(json_object_get(k, "score")),
           json_number_value(json_object_get(k, "terms")),
           json_number_value(json_object_get(k, "names")),
           json_number_value(json_object_get(k, "time")));
    const char *why = json_string_value(json_object_get(k, "disagree"));
    const char *who = json_string_value(json_object_get(k, "person"));
    json_t *days = json_object_get(k, "weekdays");
    if (why && !strcmp(why, "headline") && who)
      printf("      vetoed: the headline names %s, whom the story never names\n", who);
    else if (why && !strcmp(why, "headline"))
      printf("      vetoed: a person one headline names, the other side never names\n");
    else if (why && !strcmp(why, "weekdays")) {
      printf("      vetoed: one side or both undated, and the weekdays they name never meet");
      if (days) {
        fputs(" (article: ", stdout);
        words(json_object_get(days, "article"));
        fputs("; story: ", stdout);
        words(json_object_get(days, "story"));
        putchar(')');
      }
      putchar('\n');
    } else if (why)
      printf("      vetoed: %s\n", why);
    list("shared terms", json_object_get(k, "shared_terms"));
    list("shared names", json_object_get(k, "shared_names"));
    list("shared details", json_object_get(k, "shared_details"));
  }
}

int cmd_explain(cli *c, int argc, char **argv) {
  return cli_document(c, argc, argv, 1, "one article ID or URL", get, render);
}
