/*
** cmd_quotes.c — `tidings quotes [--story ID] [--speaker NAME]`: who said
** what. In text, the quotes of each story are shown statement by statement
** (one group: the same statement as each article worded it, earliest
** first), the speaker and cue above the wordings.
*/
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *s_or(json_t *v, const char *dflt) {
  return json_is_string(v) ? json_string_value(v) : dflt;
}

/* Print s word-wrapped at `width` columns (UTF-8 aware), each line indented. */
static void wrapped(const char *s, int indent, int width) {
  int col = indent;
  printf("%*s", indent, "");
  while (*s) {
    while (*s == ' ' || *s == '\n')
      s++;
    size_t n = strcspn(s, " \n");
    if (!n) break;
    int cols = 0;
    for (size_t i = 0; i < n; i++)
      if (((unsigned char)s[i] & 0xC0) != 0x80) cols++;
    if (col > indent && col + 1 + cols > width) {
      printf("\n%*s", indent, "");
      col = indent;
    } else if (col > indent) {
      putchar(' ');
      col++;
    }
    fwrite(s, 1, n, stdout);
    col += cols;
    s += n;
  }
  putchar('\n');
}

/* --story ID: a positive number, else a usage error. */
static int story_arg(cli *c, const char *arg, int64_t *story) {
  char *end;
  errno = 0;
  long long v = strtoll(arg, &end, 10);
  if (errno || *end || v <= 0) return cli_usage(c, "--story takes a story id (a positive number)");
  *story = v;
  return 0;
}

static void print_text(json_t *quotes) {
  size_t n = json_array_size(quotes);
  char *done = calloc(n + 1, 1);
  if (!done) return;
  long long story = -1;
  for (size_t i = 0; i < n; i++) {
    if (done[i]) continue;
    json_t *q = json_array_get(quotes, i);
    json_t *st = json_object_get(q, "story");
    long long sid = json_is_integer(st) ? (long long)json_integer_value(st) : 0;
    if (sid != story) {
      if (sid)
        printf("%sstory %lld\n", story == -1 ? "" : "\n", sid);
      else
        printf("%snot in a story\n", story == -1 ? "" : "\n");
      story = sid;
    }
    /* The group of quote i: every later quote of the story with its id. */
    json_int_t g = json_integer_value(json_object_get(q, "group"));
    const char *who = s_or(json_object_get(q, "speaker"), NULL);
    const char *cue = s_or(json_object_get(q, "cue"), NULL);
    /* Articles quoting it (rows come by article, so a change counts one). */
    size_t articles = 0;
    json_int_t last = 0;
    for (size_t j = i; j < n; j++) {
      json_t *r = json_array_get(quotes, j);
      json_t *rs = json_object_get(r, "story");
      if ((json_is_integer(rs) ? (long long)json_integer_value(rs) : 0) != sid) break;
      if (json_integer_value(json_object_get(r, "group")) == g) {
        json_int_t a = json_integer_value(json_object_get(r, "article"));
        if (a != last) articles++;
        last = a;
        if (!who) who = s_or(json_object_get(r, "speaker"), NULL);
      }
    }
    printf("\n  %s%s%s%s", who ? who : "(unknown speaker)", cue ? " (" : "", cue ? cue : "",
           cue ? ")" : "");
    if (articles > 1) printf("  · quoted by %zu articles (group %lld)", articles, (long long)g);
    putchar('\n');
    for (size_t j = i; j < n; j++) {
      json_t *r = json_array_get(quotes, j);
      json_t *rs = json_object_get(r, "story");
      if ((json_is_integer(rs) ? (long long)json_integer_value(rs) : 0) != sid) break;
      if (json_integer_value(json_object_get(r, "group")) != g) continue;
      done[j] = 1;
      const char *date = s_or(json_object_get(r, "date"), NULL);
      printf("    #%lld %s%s%.10s\n", (long long)json_integer_value(json_object_get(r, "article")),
             s_or(json_object_get(r, "source"), s_or(json_object_get(r, "url"), "")),
             date ? ", " : "", date ? date : "");
      char *t = NULL;
      const char *txt = s_or(json_object_get(r, "text"), "");
      size_t tl = strlen(txt);
      if ((t = malloc(tl + 8))) {
        snprintf(t, tl + 8, "\xE2\x80\x9C%s\xE2\x80\x9D", txt);
        wrapped(t, 6, 100);
        free(t);
      }
    }
  }
  free(done);
}

int cmd_quotes(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                           {"story", required_argument, NULL, 's'},
                                           {"speaker", required_argument, NULL, 'p'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  int64_t story = 0;
  const char *speaker = NULL;
  while ((ch = cli_getopt(c, argc, argv, "js:p:h", longopts, &done)) != -1) {
    if (ch == 'j')
      json = 1;
    else if (ch == 's') {
      int rc = story_arg(c, optarg, &story);
      if (rc) return rc;
    } else if (ch == 'p')
      speaker = optarg;
    else
      return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "quotes takes no arguments (use --story, --speaker)");
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = td_quotes_json(c->db, story, speaker, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    json_t *q = json_object_get(doc, "quotes");
    if (!json_array_size(q))
      printf("no quotes%s\n", speaker ? " by that speaker" : "");
    else
      print_text(q);
    json_decref(doc);
  }
  td_free(out);
  return 0;
}
