/*
** main.c — `tidings [--db PATH] COMMAND ...`: global options, then the
** command table. Commands live one per file (cli/cmd_<name>.c).
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_ingest(cli *c, int argc, char **argv);
int cmd_article(cli *c, int argc, char **argv);
int cmd_articles(cli *c, int argc, char **argv);
int cmd_stats(cli *c, int argc, char **argv);

/* The command table: one row per command. */
static const cli_command commands[] = {
    {"ingest", cmd_ingest, "read articles into the store",
     "usage: tidings [--db PATH] ingest PATH... [options]\n"
     "\n"
     "Read articles from files, directories (recursively) or - (standard input)\n"
     "and store them. Re-ingesting an article changes nothing; the same text\n"
     "under another URL is stored as an exact copy.\n"
     "\n"
     "  --format FMT    auto (default), text, jsonl, html, warc or rss\n"
     "  --source NAME   outlet name for articles whose input has none\n"
     "  --date DATE     publication date (YYYY-MM-DD) for articles that have none\n"
     "  --json          print the counts as a JSON document\n"
     "  -q, --quiet     no progress line, no warnings (errors are still shown)\n"
     "\n"
     "Formats: text is a headline line, then the body with paragraphs separated\n"
     "by blank lines; jsonl is one object per line with id, url, source, title,\n"
     "date and text (or html); crawler names maintext, date_publish and\n"
     "source_domain are understood.\n"
     "\n"
     "Exit status: 0 all stored, 2 some input rejected (the rest is stored).\n"
     "\n"
     "example:\n"
     "  tidings ingest examples/\n"
     "  cat feed.jsonl | tidings ingest - --source 'Harbour Gazette'\n"},
    {"articles", cmd_articles, "list stored articles",
     "usage: tidings [--db PATH] articles [--limit N] [--offset N] [--json]\n"
     "\n"
     "List stored articles in the order they were added.\n"
     "\n"
     "  --limit N    at most N articles (default: all)\n"
     "  --offset N   skip the first N\n"
     "  --json       {\"articles\":[{\"id\",\"url\",\"source\",\"title\",\"date\"}]}\n"
     "\n"
     "example:\n"
     "  tidings articles --limit 20\n"},
    {"article", cmd_article, "show one article, its clean text and what was removed",
     "usage: tidings [--db PATH] article ID|URL [--json]\n"
     "\n"
     "Show a stored article: metadata, the clean text, and the boilerplate that\n"
     "cleaning removed, with the reason.\n"
     "\n"
     "  --json   {\"id\",\"url\",\"source\",\"title\",\"date\",\"text\",\n"
     "            \"removed\":[{\"text\",\"reason\"}]}\n"
     "\n"
     "example:\n"
     "  tidings article 3\n"
     "  tidings article https://example.org/news/1 --json\n"},
    {"stats", cmd_stats, "count what the store holds",
     "usage: tidings [--db PATH] stats [--json]\n"
     "\n"
     "Count articles, copies, stories, threads, sources, quotes and entities.\n"
     "\n"
     "  --json   {\"articles\",\"copies\",\"stories\",\"threads\",\"sources\",\n"
     "            \"quotes\",\"entities\"}\n"
     "\n"
     "example:\n"
     "  tidings --db news.db stats --json\n"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
  fputs("usage: tidings [--db PATH] COMMAND [ARGS...]\n"
        "\n"
        "tidings turns a flood of news articles into stories: which articles report\n"
        "the same event, which are copies, who said what.\n"
        "\n"
        "Commands:\n",
        f);
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\n"
        "Options:\n"
        "  --db PATH    the store (default $TIDINGS_DB, else ./tidings.db)\n"
        "  --help       this text; 'tidings COMMAND --help' for a command\n"
        "  --version    the version\n"
        "\n"
        "Every listing command takes --json. Exit status: 0 success, 1 usage error,\n"
        "2 input or data error, 3 internal error.\n",
        f);
}

int main(int argc, char **argv) {
  cli c = {0};
  const char *env = getenv("TIDINGS_DB");
  c.db_path = env && *env ? env : "tidings.db";
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("tidings %s\n", TD_VERSION);
      return 0;
    } else if (strcmp(a, "--db") == 0) {
      if (i + 1 >= argc) return cli_usage(&c, "--db needs a path");
      c.db_path = argv[++i];
    } else if (strncmp(a, "--db=", 5) == 0) {
      c.db_path = a + 5;
    } else {
      return cli_usage(&c, "unknown option '%s'", a);
    }
  }
  if (i >= argc) {
    usage(stderr);
    return EXIT_USAGE;
  }
  for (size_t k = 0; k < NCOMMANDS; k++) {
    if (strcmp(argv[i], commands[k].name) == 0) {
      c.cmd = &commands[k];
      optind = 0; /* let each command's getopt_long start afresh */
      int rc = commands[k].run(&c, argc - i, argv + i);
      td_close(c.db);
      fflush(stdout);
      if (ferror(stdout)) {
        fputs("tidings: error writing output\n", stderr);
        return rc ? rc : EXIT_INTERNAL;
      }
      return rc;
    }
  }
  return cli_usage(&c, "unknown command '%s'", argv[i]);
}
