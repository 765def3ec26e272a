/*
** cmd_story.c — `tidings story ID [--json]`: one story. The JSON is the
** library's document; the text is that document in words (synth_text.c):
** headline, dates, outlets and independent sources, the summary with its
** sources, what the outlets agree on, what only one says, where they
** disagree, and the timeline of articles and dated events.
*/
#include "cli.h"
#include "synth_text.h"

#include <jansson.h>

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
    if (!s) {
      td_free(out);
      cli_error(c, "the story document is not JSON");
      return EXIT_INTERNAL;
    }
    synth_text_heading(stdout, s);
    synth_text_print(stdout, s);
    json_decref(s);
  }
  td_free(out);
  return 0;
}
