/*
** synth_text.c — the story report in words (see synth_text.h): what
** `tidings story ID` and `tidings summarize` print without --json.
**
** Everything is read from the JSON document the library returns, so the
** text and the JSON can never say different things. Articles are named by
** their outlet (source, else the URL's host, else the file name), because
** a reader asks "who says so", not "which row"; the story view adds the
** article id where the reader may want to open one (`tidings article ID`).
** Text is wrapped to the terminal ($COLUMNS, else 80 columns), counting
** UTF-8 characters rather than bytes so that curly quotes do not shorten
** lines.
*/
#include "synth_text.h"

#include <stdlib.h>
#include <string.h>

static int width(void) {
  const char *c = getenv("COLUMNS");
  int w = c ? atoi(c) : 0;
  if (w < 40) w = 80;
  if (w > 120) w = 120;
  return w - 2;
}

/* Display columns of s[0..n): one per UTF-8 character. */
static int cols(const char *s, size_t n) {
  int c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

/* Print s wrapped from column `col` (already written), continuation lines
** indented by `indent`; returns the column where it ended. */
static int wrap(FILE *f, const char *s, int indent, int col) {
  int w = width(), start = 1;
  if (!s) return col;
  while (*s) {
    while (*s == ' ' || *s == '\n' || *s == '\t') s++;
    size_t n = strcspn(s, " \n\t");
    if (!n) break;
    int c = cols(s, n);
    if (!start && col + 1 + c > w) {
      fprintf(f, "\n%*s", indent, "");
      col = indent;
      start = 1;
    }
    if (!start) {
      fputc(' ', f);
      col++;
    }
    fwrite(s, 1, n, f);
    col += c;
    s += n;
    start = 0;
  }
  return col;
}

static const char *str(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* The article object a reference (id or URL) names, or NULL. */
static json_t *article_of(json_t *doc, json_t *ref) {
  size_t i;
  json_t *a;
  json_array_foreach(json_object_get(doc, "articles"), i, a) {
    if (json_is_integer(ref) && json_integer_value(json_object_get(a, "id")) == json_integer_value(ref))
      return a;
    if (json_is_string(ref) && str(a, "url") && !strcmp(str(a, "url"), json_string_value(ref)))
      return a;
  }
  return NULL;
}

/* The outlet of an article, written into buf. */
static const char *outlet(json_t *a, json_t *ref, char *buf, size_t cap) {
  const char *s = a ? str(a, "source") : NULL;
  if (s && *s) return s;
  const char *u = a ? str(a, "url") : json_string_value(ref);
  if (u) {
    const char *h = strstr(u, "://");
    if (h) {
      h += 3;
      snprintf(buf, cap, "%.*s", (int)strcspn(h, "/?#"), h);
      return buf;
    }
    const char *slash = strrchr(u, '/');
    return slash && slash[1] ? slash + 1 : u;
  }
  if (json_is_integer(ref)) {
    snprintf(buf, cap, "article %lld", (long long)json_integer_value(ref));
    return buf;
  }
  return "?";
}

/* Print the distinct outlets of `refs` separated by ", " (at most `max`,
** then "and N more") when f is not NULL; returns how many distinct outlets
** there are (counted exactly up to SEEN_MAX). */
#define SEEN_MAX 256
static size_t print_outlets(FILE *f, json_t *doc, json_t *refs, size_t max) {
  static const char *seen[SEEN_MAX];
  static char bufs[SEEN_MAX + 1][128];
  size_t nseen = 0, total = 0;
  size_t i;
  json_t *r;
  json_array_foreach(refs, i, r) {
    /* bufs[nseen] is not yet any seen[k]: a duplicate may scribble on it. */
    json_t *a = article_of(doc, r);
    const char *o = outlet(a, r, bufs[nseen], sizeof bufs[0]);
    json_t *cp = a ? json_object_get(a, "copy_of") : NULL;
    if (cp && !json_is_null(cp)) { /* a copy is no independent voice: say so */
      char tmp[128];
      snprintf(tmp, sizeof tmp, "%s", o);
      snprintf(bufs[nseen], sizeof bufs[0], "%.100s (copy)", tmp);
      o = bufs[nseen];
    }
    int dup = 0;
    for (size_t k = 0; k < nseen && !dup; k++) dup = !strcmp(seen[k], o);
    if (dup) continue;
    total++;
    if (f && total <= max) fprintf(f, "%s%s", total > 1 ? ", " : "", o);
    if (nseen < SEEN_MAX) seen[nseen++] = o;
  }
  if (f && total > max) fprintf(f, " and %zu more", total - max);
  return total;
}

static void section(FILE *f, const char *title, size_t n) {
  if (n) fprintf(f, "\n%s (%zu)\n", title, n);
  else fprintf(f, "\n%s\n", title);
}

static void summary(FILE *f, json_t *doc) {
  json_t *sum = json_object_get(doc, "summary"), *x;
  size_t i;
  section(f, "SUMMARY", 0);
  if (!json_array_size(sum)) fprintf(f, "  (nothing to summarise)\n");
  json_array_foreach(sum, i, x) {
    fprintf(f, "  ");
    int col = wrap(f, str(x, "text"), 2, 2);
    /* The marker stays with the sentence: it wraps as one unit. */
    char mark[512];
    FILE *m = fmemopen(mark, sizeof mark, "w");
    if (m) {
      fputc('[', m);
      print_outlets(m, doc, json_object_get(x, "support"), 3);
      fputc(']', m);
      fclose(m);
      mark[sizeof mark - 1] = '\0';
      int c = cols(mark, strlen(mark));
      if (col + 1 + c > width()) fprintf(f, "\n%*s%s", 2, "", mark);
      else fprintf(f, " %s", mark);
    }
    fputc('\n', f);
  }
}

static void consensus(FILE *f, json_t *doc) {
  json_t *cons = json_object_get(doc, "consensus"), *x;
  size_t i;
  section(f, "WHAT THE OUTLETS AGREE ON", json_array_size(cons));
  if (!json_array_size(cons)) fprintf(f, "  (no fact reported by two independent outlets)\n");
  json_array_foreach(cons, i, x) {
    fprintf(f, "  * ");
    wrap(f, str(x, "text"), 4, 4);
    fprintf(f, "\n    -- %lld sources: ", (long long)json_integer_value(json_object_get(x, "sources")));
    print_outlets(f, doc, json_object_get(x, "support"), 6);
    fputc('\n', f);
  }
}

static void unique(FILE *f, json_t *doc) {
  json_t *uniq = json_object_get(doc, "unique"), *x;
  size_t i;
  section(f, "WHAT ONLY ONE OUTLET SAYS", json_array_size(uniq));
  if (!json_array_size(uniq)) fprintf(f, "  (nothing: every outlet's material is shared)\n");
  json_t *last = NULL;
  json_array_foreach(uniq, i, x) {
    json_t *ref = json_object_get(x, "article");
    if (!last || !json_equal(last, ref)) {
      char buf[128];
      json_t *a = article_of(doc, ref);
      fprintf(f, "  %s", outlet(a, ref, buf, sizeof buf));
      if (json_is_integer(ref)) fprintf(f, " (article %lld)", (long long)json_integer_value(ref));
      fprintf(f, ":\n");
    }
    last = ref;
    fprintf(f, "    * ");
    wrap(f, str(x, "text"), 6, 6);
    fputc('\n', f);
  }
}

/* Values one under the other, in a column, each with who gives it. */
static void conflicts(FILE *f, json_t *doc) {
  json_t *conf = json_object_get(doc, "conflicts"), *x;
  size_t i;
  section(f, "WHERE THEY DISAGREE", json_array_size(conf));
  if (!json_array_size(conf)) fprintf(f, "  (no conflicting detail found)\n");
  json_array_foreach(conf, i, x) {
    /* A date or place conflict is named by the sentence it is about: wrap it. */
    fprintf(f, "  ");
    wrap(f, str(x, "what") ? str(x, "what") : "?", 4, 2);
    fprintf(f, ":\n");
    json_t *vals = json_object_get(x, "values"), *v;
    size_t k;
    int vw = 0;
    json_array_foreach(vals, k, v) {
      const char *t = str(v, "value");
      int c = t ? cols(t, strlen(t)) + 2 : 0;
      if (c > vw) vw = c;
    }
    if (vw > 40) vw = 40;
    json_array_foreach(vals, k, v) {
      const char *t = str(v, "value") ? str(v, "value") : "";
      int c = cols(t, strlen(t)) + 2;
      fprintf(f, "    %s\"%s\"%*s  ", k ? "vs " : "   ", t, c < vw ? vw - c : 0, "");
      print_outlets(f, doc, json_object_get(v, "articles"), 6);
      fputc('\n', f);
    }
  }
}

static void timeline(FILE *f, json_t *doc) {
  json_t *tl = json_object_get(doc, "timeline"), *x;
  size_t i;
  if (!tl) return;
  section(f, "TIMELINE", 0);
  json_array_foreach(tl, i, x) {
    const char *date = str(x, "date");
    const char *kind = str(x, "kind");
    json_t *ref = json_object_get(x, "article");
    json_t *a = article_of(doc, ref);
    char buf[128];
    const char *who = outlet(a, ref, buf, sizeof buf);
    int ev = kind && !strcmp(kind, "event");
    fprintf(f, "  %-10s  ", date ? date : "undated");
    int col = 14;
    if (ev) {
      /* The outlet goes with the sentence, wrapped with it. */
      col += fprintf(f, "  ");
      const char *t = str(x, "text");
      long long n = (long long)json_integer_value(json_object_get(x, "sources"));
      size_t cap = (t ? strlen(t) : 0) + strlen(who) + 48;
      char *line = malloc(cap);
      if (line) {
        if (n > 1) snprintf(line, cap, "%s (%s and %lld more)", t ? t : "", who, n - 1);
        else snprintf(line, cap, "%s (%s)", t ? t : "", who);
        wrap(f, line, 16, col);
        free(line);
      }
      fputc('\n', f);
    } else {
      col += fprintf(f, "%s", who);
      if (json_is_integer(ref)) col += fprintf(f, " #%lld", (long long)json_integer_value(ref));
      json_t *cp = a ? json_object_get(a, "copy_of") : NULL;
      if (cp && !json_is_null(cp)) {
        col += fprintf(f, " (copy of ");
        if (json_is_integer(cp)) col += fprintf(f, "#%lld", (long long)json_integer_value(cp));
        else col += fprintf(f, "%s", outlet(article_of(doc, cp), cp, buf, sizeof buf));
        col += fprintf(f, ")");
      }
      col += fprintf(f, ": ");
      wrap(f, str(x, "text"), 16, col);
      fputc('\n', f);
    }
  }
}

void synth_text_heading(FILE *f, json_t *doc) {
  json_t *arts = json_object_get(doc, "articles"), *a;
  const char *title = str(doc, "title");
  if (!title) title = json_array_size(arts) ? str(json_array_get(arts, 0), "title") : NULL;
  wrap(f, title ? title : "(untitled)", 0, 0);
  fputc('\n', f);
  /* Dates: the story's, else the span of its articles'. */
  const char *first = str(doc, "first_date"), *last = str(doc, "last_date");
  size_t i, copies = 0;
  json_array_foreach(arts, i, a) {
    const char *d = str(a, "date");
    json_t *cp = json_object_get(a, "copy_of");
    if (cp && !json_is_null(cp)) copies++;
    if (!d || str(doc, "first_date")) continue;
    if (!first || strcmp(d, first) < 0) first = d;
    if (!last || strcmp(d, last) > 0) last = d;
  }
  json_t *id = json_object_get(doc, "id");
  if (json_is_integer(id)) fprintf(f, "story %lld | ", (long long)json_integer_value(id));
  json_t *from = json_object_get(doc, "merged_from");
  if (json_is_integer(from)) /* the id asked for went into this story */
    fprintf(f, "story %lld went into it | ", (long long)json_integer_value(from));
  if (first && last && strncmp(first, last, 10))
    fprintf(f, "%.10s to %.10s | ", first, last);
  else if (first)
    fprintf(f, "%.10s | ", first);
  fprintf(f, "%zu article%s", json_array_size(arts), json_array_size(arts) == 1 ? "" : "s");
  /* Independent sources: the story's count, else the distinct outlets of
  ** the articles that are not copies. */
  json_t *src = json_object_get(doc, "sources");
  json_t *orig = json_array();
  json_array_foreach(arts, i, a) {
    json_t *cp = json_object_get(a, "copy_of");
    if ((!cp || json_is_null(cp)) && orig) {
      json_t *r = json_object_get(a, "id");
      json_array_append(orig, r ? r : json_object_get(a, "url"));
    }
  }
  long long nsrc = json_is_integer(src) ? (long long)json_integer_value(src) : -1;
  if (nsrc < 0) nsrc = (long long)print_outlets(NULL, doc, orig, 0);
  fprintf(f, " from %lld independent source%s", nsrc, nsrc == 1 ? "" : "s");
  if (copies) fprintf(f, " (%zu cop%s)", copies, copies == 1 ? "y" : "ies");
  json_t *th = json_object_get(doc, "thread");
  if (json_is_integer(th)) fprintf(f, " | thread %lld", (long long)json_integer_value(th));
  fprintf(f, "\nOutlets: ");
  json_t *all = json_array();
  json_array_foreach(arts, i, a) {
    json_t *r = json_object_get(a, "id");
    if (all) json_array_append(all, r ? r : json_object_get(a, "url"));
  }
  print_outlets(f, doc, all, 12);
  fputc('\n', f);
  json_decref(all);
  json_decref(orig);
}

void synth_text_print(FILE *f, json_t *doc) {
  summary(f, doc);
  consensus(f, doc);
  unique(f, doc);
  conflicts(f, doc);
  timeline(f, doc);
}
