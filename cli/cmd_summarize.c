/*
** cmd_summarize.c — `tidings summarize PATH... [--sentences N | --words N]
** [--json]`: read the given articles, take them as one story and show what
** the coverage adds up to (summary, consensus, unique material, conflicts),
** without opening or touching the store.
*/
#include "cli.h"

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

/* Print s wrapped at 78 columns from column `col` (already written), every
** further line indented by `indent`. */
static void wrap(const char *s, int indent, int col) {
  int start = 1;
  while (*s) {
    while (*s == ' ' || *s == '\n') s++;
    size_t n = strcspn(s, " \n");
    if (!n) break;
    if (!start && col + 1 + (int)n > 78) {
      printf("\n%*s", indent, "");
      col = indent;
      start = 1;
    }
    if (!start) {
      putchar(' ');
      col++;
    }
    fwrite(s, 1, n, stdout);
    col += (int)n;
    s += n;
    start = 0;
  }
  putchar('\n');
}

/* A short name for an article: its outlet, else the last part of its URL. */
static const char *label(json_t *articles, json_t *ref) {
  const char *url = json_string_value(ref);
  size_t i;
  json_t *a;
  json_array_foreach(articles, i, a) {
    const char *u = json_string_value(json_object_get(a, "url"));
    if (u && url && !strcmp(u, url)) {
      const char *src = json_string_value(json_object_get(a, "source"));
      if (src && *src) return src;
      break;
    }
  }
  if (!url) return "?";
  const char *slash = strrchr(url, '/');
  return slash && slash[1] ? slash + 1 : url;
}

static void print_refs(json_t *articles, json_t *refs) {
  size_t i;
  json_t *r;
  printf("      [");
  json_array_foreach(refs, i, r) printf("%s%s", i ? ", " : "", label(articles, r));
  printf("]\n");
}

static void print_text(const char *json) {
  json_t *d = json_loads(json, 0, NULL);
  if (!d) return;
  json_t *arts = json_object_get(d, "articles"), *x;
  size_t i;
  printf("%zu article(s)\n", json_array_size(arts));
  printf("\nSummary\n");
  json_array_foreach(json_object_get(d, "summary"), i, x) {
    printf("%2zu. ", i + 1);
    wrap(json_string_value(json_object_get(x, "text")), 6, 4);
    print_refs(arts, json_object_get(x, "support"));
  }
  json_t *cons = json_object_get(d, "consensus");
  printf("\nWhat outlets agree on (%zu)\n", json_array_size(cons));
  json_array_foreach(cons, i, x) {
    int col = printf("  - %lld outlets: ",
                     (long long)json_integer_value(json_object_get(x, "sources")));
    wrap(json_string_value(json_object_get(x, "text")), 6, col);
    print_refs(arts, json_object_get(x, "support"));
  }
  json_t *uniq = json_object_get(d, "unique");
  printf("\nWhat only one outlet reports (%zu)\n", json_array_size(uniq));
  const char *last = NULL;
  json_array_foreach(uniq, i, x) {
    const char *who = label(arts, json_object_get(x, "article"));
    if (!last || strcmp(last, who)) printf("  %s:\n", who);
    last = who;
    printf("    - ");
    wrap(json_string_value(json_object_get(x, "text")), 6, 6);
  }
  json_t *conf = json_object_get(d, "conflicts");
  printf("\nWhere they conflict (%zu)\n", json_array_size(conf));
  json_array_foreach(conf, i, x) {
    printf("  %s:\n", json_string_value(json_object_get(x, "what")));
    size_t k;
    json_t *v;
    json_array_foreach(json_object_get(x, "values"), k, v) {
      printf("    \"%s\"", json_string_value(json_object_get(v, "value")));
      size_t j;
      json_t *r;
      printf("  —");
      json_array_foreach(json_object_get(v, "articles"), j, r)
          printf("%s %s", j ? "," : "", label(arts, r));
      putchar('\n');
    }
  }
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
