/*
** cmd_summarize.c — `tidings summarize PATH... [--sentences N | --words N]
** [--json]`: read the given articles, take them as one story and show what
** the coverage adds up to (summary, consensus, unique material, conflicts,
** timeline; the text is cli/synth_text.c, as for `tidings story`), without
** opening or touching the store.
*/
#include "cli.h"
#include "synth_text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void on_diag(void *ctx, const char *origin, long line, long long offset,
                    const char *message) {
  cli *c = ctx;
  if (line > 0) cli_error(c, "%s:%ld: %s", origin ? origin : "-", line, message);
  else cli_error(c, "%s: %s", origin ? origin : "-", message);
}

static int parse_count(cli *c, const char *opt, const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end || v <= 0 || v > 100000) {
    cli_usage(c, "%s needs a positive number, not '%s'", opt, s);
    return -1;
  }
  *out = (int)v;
  return 0;
}

static void print_text(const char *json) {
  json_t *d = json_loads(json, 0, NULL);
  if (!d) return;
  synth_text_heading(stdout, d);
  synth_text_print(stdout, d);
  json_decref(d);
}

int cmd_summarize(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"sentences", required_argument, NULL, 's'},
                                           {"words", required_argument, NULL, 'w'},
                                           {"unique", required_argument, NULL, 'u'},
                                           {"format", required_argument, NULL, 'f'},
                                           {"source", required_argument, NULL, 'S'},
                                           {"date", required_argument, NULL, 'd'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  td_summarize_opts o;
  memset(&o, 0, sizeof o);
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "s:w:u:f:S:d:jh", longopts, &done)) != -1) {
    switch (ch) {
    case 's':
      if (parse_count(c, "--sentences", optarg, &o.sentences)) return EXIT_USAGE;
      break;
    case 'w':
      if (parse_count(c, "--words", optarg, &o.words)) return EXIT_USAGE;
      break;
    case 'u':
      if (!strcmp(optarg, "all")) o.max_unique = -1;
      else if (parse_count(c, "--unique", optarg, &o.max_unique)) return EXIT_USAGE;
      break;
    case 'f':
      if (td_format_parse(optarg, &o.format)) return cli_usage(c, "unknown format '%s'", optarg);
      break;
    case 'S': o.source = optarg; break;
    case 'd': o.date = optarg; break;
    case 'j': json = 1; break;
    default: return cli_usage(c, "bad option");
    }
  }
  if (done) return 0;
  if (o.sentences && o.words) return cli_usage(c, "give --sentences or --words, not both");
  if (optind >= argc) return cli_usage(c, "summarize needs at least one PATH");
  o.on_diag = on_diag;
  o.ctx = c;
  char *out = NULL, *err = NULL;
  int rc = td_summarize_paths((const char *const *)argv + optind, (size_t)(argc - optind), &o,
                              &out, &err);
  if (!out) {
    cli_error(c, "%s", err ? err : td_strerror(rc));
    td_free(err);
    return cli_exit_status(rc ? rc : TD_EINTERNAL);
  }
  if (json) cli_print_json(out);
  else print_text(out);
  td_free(out);
  td_free(err);
  return rc ? cli_exit_status(rc) : 0;
}
