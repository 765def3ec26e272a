/*
** cli.c — what every command shares: opening the store, errors, options.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_exit_status(int status) {
  switch (status) {
  case TD_OK: return 0;
  case TD_EUSAGE: return EXIT_USAGE;
  case TD_EINPUT:
  case TD_ENOTFOUND: return EXIT_DATA;
  default: return EXIT_INTERNAL;
  }
}

void cli_error(cli *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tidings: ", stderr);
  if (c && c->cmd) fprintf(stderr, "%s: ", c->cmd->name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int cli_usage(cli *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tidings: ", stderr);
  if (c && c->cmd) fprintf(stderr, "%s: ", c->cmd->name);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'tidings %s--help'.\n", c && c->cmd ? c->cmd->name : "");
  if (c && c->cmd) fputs("", stderr);
  return EXIT_USAGE;
}

int cli_fail(cli *c, int status) {
  const char *m = td_errmsg(c->db);
  cli_error(c, "%s", *m ? m : td_strerror(status));
  return cli_exit_status(status);
}

int cli_open(cli *c, int readonly) {
  if (c->db) return 0;
  td_open_opts o = {0};
  o.readonly = readonly;
  int rc = td_open(c->db_path, &o, &c->db);
  if (rc) {
    cli_fail(c, rc);
    td_close(c->db);
    c->db = NULL;
    return cli_exit_status(rc == TD_EUSAGE ? TD_EINTERNAL : rc);
  }
  return 0;
}

int cli_help(cli *c) {
  fputs(c->cmd->help, stdout);
  return 0;
}

int cli_getopt(cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *done) {
  int ch = getopt_long(argc, argv, shortopts, longopts, NULL);
  if (ch == 'h') {
    cli_help(c);
    *done = 1;
    return -1;
  }
  return ch;
}

void cli_print_json(const char *json) {
  fputs(json, stdout);
  fputc('\n', stdout);
}
