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
int cmd_search(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_stories(cli *c, int argc, char **argv);
int cmd_story(cli *c, int argc, char **argv);
int cmd_threads(cli *c, int argc, char **argv);
int cmd_dups(cli *c, int argc, char **argv);
int cmd_explain(cli *c, int argc, char **argv);
int cmd_summarize(cli *c, int argc, char **argv);
int cmd_quotes(cli *c, int argc, char **argv);   /* issue 5 */
int cmd_entities(cli *c, int argc, char **argv); /* issue 5 */

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
    {"search", cmd_search, "full-text search, results grouped by story",
     "usage: tidings [--db PATH] search QUERY... [--limit N] [--offset N] [--json]\n"
     "\n"
     "Search titles and texts (SQLite FTS5, BM25 ranking, English stemming).\n"
     "Results are grouped by story, best first, with the matches highlighted.\n"
     "\n"
     "  words          every word must match: naval facility\n"
     "  \"a phrase\"     the words together, in order\n"
     "  prefix*        any word starting with prefix\n"
     "  OR, AND, NOT   operators (upper case); -word excludes; ( ) group\n"
     "  source:NAME    only this outlet (quote a name with spaces)\n"
     "  from:DATE      published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
     "  to:DATE        published on or before DATE\n"
     "  story:ID       only articles of this story\n"
     "  entity:NAME    only articles that mention this name\n"
     "\n"
     "  --limit N      at most N results (stories; default 20, at most 200)\n"
     "  --offset N     skip the first N results\n"
     "  --json         {\"results\":[{\"story\",\"title\",\"score\",\"articles\":\n"
     "                 [{\"id\",\"url\",\"source\",\"title\",\"snippet\"}]}]}\n"
     "\n"
     "example:\n"
     "  tidings search 'naval facility'\n"
     "  tidings search '\"new year\" cooperat* -erdogan from:2016-12'\n"},
    {"serve", cmd_serve, "the HTTP JSON API and the web page",
     "usage: tidings [--db PATH] serve [--listen ADDR:PORT] [options]\n"
     "\n"
     "Serve the store over HTTP: the web page at /, and the JSON API\n"
     "  GET  /api/stories, /api/stories/ID, /api/articles, /api/articles/ID,\n"
     "       /api/quotes[?story=ID&speaker=NAME], /api/entities[?story=ID],\n"
     "       /api/search?q=QUERY, /api/stats\n"
     "       (listings take limit= and offset=)\n"
     "  POST /api/articles   JSON Lines body, ingested; only with --token\n"
     "\n"
     "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0\n"
     "                       picks a free one). Binding beyond loopback is\n"
     "                       your decision: the API has no accounts.\n"
     "  --token TOKEN        enable POST /api/articles for requests that send\n"
     "                       'Authorization: Bearer TOKEN' ($TIDINGS_TOKEN too)\n"
     "  --threads N          worker threads (default 4)\n"
     "  --max-body BYTES     largest POST body (default 16777216)\n"
     "  --rate N             requests per second per client address (default\n"
     "                       200; 0 = no limit)\n"
     "\n"
     "It prints 'listening on http://ADDR:PORT/' and serves until interrupted\n"
     "(SIGINT or SIGTERM).\n"
     "\n"
     "example:\n"
     "  tidings serve\n"
     "  tidings --db news.db serve --listen 127.0.0.1:0 --token \"$(openssl rand -hex 16)\"\n"},
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
    {"stories", cmd_stories, "list stories (articles reporting one event)",
     "usage: tidings [--db PATH] stories [--json]\n"
     "\n"
     "List every story: its dates, articles, independent sources (outlets that\n"
     "wrote their own text; copies do not count) and title: the first\n"
     "headline, or the first article's lead sentence when no article has one.\n"
     "Story ids are stable: a story keeps its id as new articles arrive.\n"
     "\n"
     "  --json   {\"stories\":[{\"id\",\"title\",\"sources\",\"first_date\",\n"
     "            \"last_date\",\"thread\",\"articles\":[{\"id\",\"url\",\"source\",\n"
     "            \"title\",\"date\"}]}]}\n"
     "\n"
     "example:\n"
     "  tidings stories\n"},
    {"story", cmd_story, "show one story, its articles in time order",
     "usage: tidings [--db PATH] story ID [--json]\n"
     "\n"
     "Show a story: its articles in time order with outlets and dates, which\n"
     "are copies of which, and the number of independent sources.\n"
     "\n"
     "  --json   the story's fields as in 'stories --json'\n"
     "\n"
     "example:\n"
     "  tidings story 4\n"},
    {"threads", cmd_threads, "list threads (stories of one developing subject)",
     "usage: tidings [--db PATH] threads [--json]\n"
     "\n"
     "List threads: stories linked over time because they share names and\n"
     "terms (the same subject developing, or the same kind of event again).\n"
     "\n"
     "  --json   {\"threads\":[{\"id\",\"title\",\"stories\":[{\"id\",\"title\",\n"
     "            \"first_date\",\"last_date\",\"size\",\"sources\"}]}]}\n"
     "\n"
     "example:\n"
     "  tidings threads --json\n"},
    {"dups", cmd_dups, "list copies (reprints, trims, re-headlined wire copy)",
     "usage: tidings [--db PATH] dups [--json]\n"
     "\n"
     "List groups of copies: the original (the text the others are contained\n"
     "in, else the earliest) and each copy with its similarity (MinHash\n"
     "Jaccard of 5-word shingles) and containment (share of the smaller text\n"
     "found in the larger).\n"
     "\n"
     "  --json   {\"groups\":[{\"original\",\"copies\":[{\"article\",\n"
     "            \"similarity\",\"containment\"}]}]}\n"
     "\n"
     "example:\n"
     "  tidings dups\n"},
    {"explain", cmd_explain, "why an article went into its story",
     "usage: tidings [--db PATH] explain ARTICLE [--json]\n"
     "\n"
     "Show how an article (id or URL) was placed: the candidate stories, their\n"
     "scores (terms, names, time), the shared terms, names and details (numbers,\n"
     "dates, weekdays) that decided and what a veto held against, or the\n"
     "article it is a copy of; for a new story, the thread it joined through\n"
     "its nearest candidate (or why it started its own).\n"
     "\n"
     "  --json   {\"article\",\"decision\",\"story\",\"thread\",\"score\",\n"
     "            \"threshold\",\"new_thread\",\"thread_via\",\"thread_score\",\n"
     "            \"thread_threshold\",\"candidates\":[{\"story\",\"score\",\n"
     "            \"terms\",\"names\",\"time\",\"shared_terms\",\"shared_names\",\n"
     "            \"shared_details\"}]}\n"
     "\n"
     "example:\n"
     "  tidings explain 12\n"},
    {"quotes", cmd_quotes, "who said what: quotes, speakers, and one statement across outlets",
     "usage: tidings [--db PATH] quotes [--story ID] [--speaker NAME] [--json]\n"
     "\n"
     "List the direct and partial quotes of the stored articles with their\n"
     "speaker and cue. The same statement quoted by several articles of a\n"
     "story, even in other words or another translation, is one group, shown\n"
     "together, earliest article first. Speakers are named by their fullest\n"
     "form in the story (\"Putin\" and \"Vladimir Putin\" are one).\n"
     "\n"
     "  --story ID       only the quotes of this story\n"
     "  --speaker NAME   only the quotes of this speaker (any of the speaker's\n"
     "                   names, case ignored: putin, \"Mr Putin\")\n"
     "  --json           {\"quotes\":[{\"article\",\"url\",\"start\",\"end\",\"text\",\n"
     "                   \"speaker\",\"cue\",\"group\",\"kind\",\"story\"}]}; start and\n"
     "                   end are UTF-8 byte offsets into the article's text\n"
     "                   ('tidings article ID --json')\n"
     "\n"
     "example:\n"
     "  tidings quotes --story 2\n"
     "  tidings quotes --speaker lavrov --json\n"},
    {"entities", cmd_entities, "names: people, organisations and places, with aliases",
     "usage: tidings [--db PATH] entities [--story ID] [--json]\n"
     "\n"
     "List the names found in the stored articles, merged across articles\n"
     "(a full name, a surname, a title with a name, and spellings such as\n"
     "Tartous/Tartus are one), most mentioned first, with their kind and\n"
     "the other forms seen.\n"
     "\n"
     "  --story ID   only the names of this story\n"
     "  --json       {\"entities\":[{\"name\",\"kind\",\"aliases\",\"mentions\",\n"
     "               \"articles\"}]}\n"
     "\n"
     "example:\n"
     "  tidings entities --story 2\n"},
    {"summarize", cmd_summarize, "summarise given articles as one story (nothing stored)",
     "usage: tidings summarize PATH... [--sentences N | --words N] [options]\n"
     "\n"
     "Read the articles in the given files or directories (any input format),\n"
     "take them as one story and show what the coverage adds up to: a summary\n"
     "whose every sentence names the articles that support it, the facts two or\n"
     "more independent outlets report, what only one outlet reports, and the\n"
     "details (numbers, ages, dates, titles, places) on which they disagree.\n"
     "Nothing is stored; --db is not used. Copies (the same clean text) count once.\n"
     "\n"
     "  --sentences N   summary length in sentences (default 5)\n"
     "  --words N       or at most N words, in whole sentences\n"
     "  --unique N|all  unique sentences shown per article (default 8)\n"
     "  --format FMT    auto (default), text, jsonl, html, warc or rss\n"
     "  --source NAME   outlet name for articles whose input has none\n"
     "  --date DATE     publication date (YYYY-MM-DD) for articles that have none\n"
     "  --json          {\"articles\":[{\"url\",\"source\",\"title\",\"date\"}],\n"
     "                   \"summary\":[{\"text\",\"support\":[urls],\"sources\"}],\n"
     "                   \"consensus\":[{\"text\",\"support\",\"sources\"}],\n"
     "                   \"unique\":[{\"article\",\"text\"}],\n"
     "                   \"conflicts\":[{\"what\",\"kind\",\"values\":[{\"value\",\n"
     "                   \"articles\"}]}]}\n"
     "\n"
     "Exit status: 0, or 2 when some input was left out (the rest is summarised).\n"
     "\n"
     "example:\n"
     "  tidings summarize ../shared/seeds/000*.txt ../shared/seeds/001*.txt\n"
     "  tidings summarize feed.jsonl --words 100 --json\n"},
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
