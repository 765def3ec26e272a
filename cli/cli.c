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

int cli_document(cli *c, int argc, char **argv, int nargs, const char *args, cli_get_fn get,
                 cli_render_fn render) {
  static const struct option longopts[] = {
      {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "jh", longopts, &done)) != -1) {
    if (ch == 'j') json = 1;
    else return cli_usage(c, "bad option");
  }
  if (done) return 0;
  if (argc - optind != nargs)
    return nargs ? cli_usage(c, "give %s", args) : cli_usage(c, "%s takes no arguments", c->cmd->name);
  int rc = cli_open(c, 1);
  if (rc) return rc;
  char *out;
  if ((rc = get(c->db, argv + optind, &out))) return cli_fail(c, rc);
  if (json) {
    cli_print_json(out);
  } else {
    json_t *doc = json_loads(out, 0, NULL);
    if (!doc) {
      td_free(out);
      cli_error(c, "internal: the library returned JSON that does not parse");
      return EXIT_INTERNAL;
    }
    render(doc);
    json_decref(doc);
  }
  td_free(out);
  return 0;
}

const char *cli_str(json_t *obj, const char *key, const char *dflt) {
  json_t *v = json_object_get(obj, key);
  return json_is_string(v) ? json_string_value(v) : dflt;
}

long long cli_int(json_t *obj, const char *key) {
  return (long long)json_integer_value(json_object_get(obj, key));
}
