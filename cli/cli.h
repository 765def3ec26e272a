/*
** cli.h — the tidings command line: a table of commands, one file each
** (cli/cmd_<name>.c), over the public library header only.
**
** Adding a command is one file defining `int cmd_<name>(cli *c, int argc,
** char **argv)` plus one row in the table of cli/main.c.
*/
#ifndef TD_CLI_H
#define TD_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "tidings.h"

/* Exit statuses (DESIGN.md). */
enum { EXIT_USAGE = 1, EXIT_DATA = 2, EXIT_INTERNAL = 3 };

typedef struct cli {
  const char *db_path; /* from --db, $TIDINGS_DB, or ./tidings.db */
  td *db;              /* opened by cli_open */
  const struct cli_command *cmd;
} cli;

typedef struct cli_command {
  const char *name;
  int (*run)(cli *c, int argc, char **argv);
  const char *summary; /* one line for `tidings --help` */
  const char *help;    /* the full text for `tidings COMMAND --help` */
} cli_command;

/* Open the store (once). Prints the error and returns an exit status on
** failure, else 0. */
int cli_open(cli *c, int readonly);

/* The exit status for a library status, after printing its message. */
int cli_fail(cli *c, int status);

/* Print a message to stderr, prefixed with "tidings: " (and the command). */
void cli_error(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Usage error: the message, a pointer to --help, exit status 1. */
int cli_usage(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print the command's help to stdout; returns 0. */
int cli_help(cli *c);

/* Parse options with getopt_long. `--help` and `-h` are handled here (help
** printed, *done set). Returns the option char, -1 at the end, or '?'. */
int cli_getopt(cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *done);

/* Print a JSON document (a string from the library) followed by a newline. */
void cli_print_json(const char *json);

/* The shape most query commands share: no options but --json and --help,
** exactly `nargs` positional arguments (described by `args` in the usage
** error). Opens the store read-only, gets the document with `get` (given the
** positional arguments), and prints it as JSON, or as text through
** `render`. Returns the exit status. */
typedef int (*cli_get_fn)(td *db, char **args, char **json_out);
typedef void (*cli_render_fn)(json_t *doc);
int cli_document(cli *c, int argc, char **argv, int nargs, const char *args, cli_get_fn get,
                 cli_render_fn render);

/* A string member of a JSON object, or `dflt`; an integer member, or 0. */
const char *cli_str(json_t *obj, const char *key, const char *dflt);
long long cli_int(json_t *obj, const char *key);

/* Library status → exit status. */
int cli_exit_status(int status);

#endif
