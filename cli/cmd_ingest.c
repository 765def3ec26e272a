/*
** cmd_ingest.c — `tidings ingest PATH...`: read articles into the store.
**
** Diagnostics go to stderr as "PATH:LINE: message" (or "PATH: byte N:"),
** the one summary line to stdout. A progress line is drawn on stderr only
** when it is a terminal, so scripts see nothing but the summary.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct ingest_ui {
  int quiet, progress, drawn;
  struct timespec start;
} ingest_ui;

static double elapsed(const ingest_ui *ui) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - ui->start.tv_sec) + (double)(now.tv_nsec - ui->start.tv_nsec) / 1e9;
}

static void clear_progress(ingest_ui *ui) {
  if (ui->drawn) {
    fputs("\r\033[K", stderr);
    ui->drawn = 0;
  }
}

static void on_diag(void *ctx, const char *origin, long line, long long offset,
                    const char *message) {
  ingest_ui *ui = ctx;
  clear_progress(ui);
  if (!origin || !*origin)
    fprintf(stderr, "tidings: %s\n", message);
  else if (line > 0)
    fprintf(stderr, "tidings: %s:%ld: %s\n", origin, line, message);
  else if (offset >= 0)
    fprintf(stderr, "tidings: %s: byte %lld: %s\n", origin, offset, message);
  else
    fprintf(stderr, "tidings: %s: %s\n", origin, message);
}

static void on_progress(void *ctx, const td_ingest_counts *n) {
  ingest_ui *ui = ctx;
  if (!ui->progress) return;
  double t = elapsed(ui);
  fprintf(stderr, "\r\033[Kingest: read %lld, new %lld, rejected %lld  (%.0f articles/s)", n->read,
          n->added, n->rejected, t > 0 ? (double)n->read / t : 0.0);
  ui->drawn = 1;
}

int cmd_ingest(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'}, {"source", required_argument, NULL, 's'},
      {"date", required_argument, NULL, 'd'},   {"json", no_argument, NULL, 'j'},
      {"quiet", no_argument, NULL, 'q'},        {"batch", required_argument, NULL, 'b'},
      {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  td_ingest_opts o = {0};
  ingest_ui ui = {0};
  int json = 0, done = 0, ch;
  while ((ch = cli_getopt(c, argc, argv, "f:s:d:jqb:h", longopts, &done)) != -1) {
    switch (ch) {
    case 'f':
      if (td_format_parse(optarg, &o.format))
        return cli_usage(c, "unknown format '%s' (auto, text, jsonl, html, warc, rss)", optarg);
      break;
    case 's': o.source = optarg; break;
    case 'd': o.date = optarg; break;
    case 'j': json = 1; break;
    case 'q': ui.quiet = 1; break;
    case 'b': o.batch_size = atoi(optarg); break;
    default: return cli_usage(c, "bad option");
    }
  }
  if (done) return 0;
  if (optind >= argc) return cli_usage(c, "nothing to ingest: give one or more paths, or -");
  int rc = cli_open(c, 0);
  if (rc) return rc;
  ui.progress = !ui.quiet && isatty(2);
  clock_gettime(CLOCK_MONOTONIC, &ui.start);
  o.on_diag = on_diag;
  o.on_progress = on_progress;
  o.ctx = &ui;
  td_ingest_counts n = {0};
  int worst = TD_OK;
  for (int i = optind; i < argc; i++) {
    int st = td_ingest_path(c->db, argv[i], &o, &n);
    if (st && st != TD_EINPUT) { /* fatal: stop here, earlier batches are kept */
      clear_progress(&ui);
      cli_fail(c, st);
      worst = st;
      break;
    }
    if (st) worst = TD_EINPUT;
  }
  clear_progress(&ui);
  if (json)
    printf("{\"read\":%lld,\"new\":%lld,\"copies\":%lld,\"duplicate\":%lld,\"rejected\":%lld,"
           "\"bytes\":%lld}\n",
           n.read, n.added, n.copies, n.duplicate, n.rejected, n.bytes);
  else
    printf("ingest: read %lld, new %lld (%lld exact copies), duplicate %lld, rejected %lld\n",
           n.read, n.added, n.copies, n.duplicate, n.rejected);
  return cli_exit_status(worst);
}
