/* Unit tests: text/sentence.c — rules, golden files, real seeds, pathological input.
**
** Golden files: tests/fixtures/sentences/NAME.txt is the input and NAME.expected
** the sentences, one a line, with \n, \r and \\ escaped. Run with
** TD_GOLDEN_UPDATE=1 to rewrite the .expected files after a deliberate change,
** then review the diff.
*/
#include "testutil.h"

#include "text/sentence.h"
#include "tidings.h"
#include "util/alloc.h"

#include <dirent.h>

static const char *argv0 = "";

/* Split s and return the sentences joined by '|' (static buffer). */
static const char *joined(const char *s) {
  static char out[4096];
  td_span *v = NULL;
  size_t n = td_sentences(s, strlen(s), &v), o = 0;
  assert_true(n != (size_t)-1);
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    int k = snprintf(out + o, sizeof out - o, "%s%.*s", i ? "|" : "", (int)(v[i].end - v[i].start),
                     s + v[i].start);
    assert_true(k > 0 && (size_t)k < sizeof out - o);
    o += (size_t)k;
  }
  td_free(v);
  return out;
}

/* Spans are in bounds, ordered, non-empty and trimmed of ASCII white space. */
static void check_spans(const char *s, size_t len, const td_span *v, size_t n) {
  size_t prev = 0;
  for (size_t i = 0; i < n; i++) {
    assert_true(v[i].start < v[i].end);
    assert_true(v[i].end <= len);
    assert_true(v[i].start >= prev);
    prev = v[i].end;
    const char *a = s + v[i].start, *z = s + v[i].end - 1;
    assert_false(*a == ' ' || *a == '\n' || *a == '\t' || *a == '\r');
    assert_false(*z == ' ' || *z == '\n' || *z == '\t' || *z == '\r');
  }
}

static void empty_and_blank(void **state) {
  (void)state;
  td_span *v = (td_span *)1;
  assert_int_equal(td_sentences("", 0, &v), 0);
  td_free(v);
  assert_int_equal(td_sentences(NULL, 0, &v), 0);
  td_free(v);
  assert_int_equal(td_sentences(" \n\n \t\r\n ", 8, &v), 0);
  td_free(v);
  assert_string_equal(joined("  Just one  "), "Just one");
  assert_string_equal(joined("\xc2\xa0Non-breaking spaces trimmed.\xc2\xa0"),
                      "Non-breaking spaces trimmed.");
}

static void basic_rules(void **state) {
  (void)state;
  assert_string_equal(joined("One. Two! Three? Four"), "One.|Two!|Three?|Four");
  assert_string_equal(joined("lower. case continues"), "lower. case continues");
  assert_string_equal(joined("Mr. Smith met Dr. Jones."), "Mr. Smith met Dr. Jones.");
  assert_string_equal(joined("It rose 3.5 percent. Then fell."), "It rose 3.5 percent.|Then fell.");
  assert_string_equal(joined("Back in the U.S. The end."), "Back in the U.S.|The end.");
  assert_string_equal(joined("The U.S. Navy sailed."), "The U.S. Navy sailed.");
  assert_string_equal(joined("By J. R. R. Tolkien."), "By J. R. R. Tolkien.");
  assert_string_equal(joined("George W. Bush spoke."), "George W. Bush spoke.");
  assert_string_equal(joined("On Dec. 5 it snowed."), "On Dec. 5 it snowed.");
  assert_string_equal(joined("Item No. 7 sold."), "Item No. 7 sold.");
  assert_string_equal(joined("Wait... Then go."), "Wait...|Then go.");
  assert_string_equal(joined("Wait... and go."), "Wait... and go.");
}

static void quotations(void **state) {
  (void)state;
  assert_string_equal(joined("\"We will win.\" He left."), "\"We will win.\"|He left.");
  assert_string_equal(joined("\"We will win,\" he said."), "\"We will win,\" he said.");
  assert_string_equal(joined("\"Will we win?\" she asked."), "\"Will we win?\" she asked.");
  assert_string_equal(joined("\"Why?\" Mr. Hale asked. He waited."),
                      "\"Why?\" Mr. Hale asked.|He waited.");
  assert_string_equal(joined("\xe2\x80\x9cGo.\xe2\x80\x9d Then silence."),
                      "\xe2\x80\x9cGo.\xe2\x80\x9d|Then silence.");
  assert_string_equal(joined("(See above.) Next."), "(See above.)|Next.");
}

static void layout(void **state) {
  (void)state;
  assert_string_equal(joined("Headline without a stop\n\nBody. More."),
                      "Headline without a stop|Body.|More.");
  assert_string_equal(joined("Headline\nBody starts here."), "Headline|Body starts here.");
  /* A hard-wrapped paragraph: the newline is a space. */
  assert_string_equal(joined("The storm reached the\ncoast on Sunday. It passed."),
                      "The storm reached the\ncoast on Sunday.|It passed.");
  assert_string_equal(joined("no stop at paragraph end\n \nNext"), "no stop at paragraph end|Next");
  /* A quote mark alone on its line stays with its sentence. */
  assert_string_equal(joined("He said: \"Go home.\n\""), "He said: \"Go home.\n\"");
  /* U+2029 paragraph separator */
  assert_string_equal(joined("First\xe2\x80\xa9Second"), "First|Second");
  /* Sentences glued together when markup was stripped. */
  assert_string_equal(joined("All the difference.Vladimir spoke."),
                      "All the difference.|Vladimir spoke.");
  assert_string_equal(joined("Visit example.com today."), "Visit example.com today.");
}

static void other_scripts(void **state) {
  (void)state;
  assert_string_equal(joined("Он пришёл. Она ушла."), "Он пришёл.|Она ушла.");
  assert_string_equal(joined("Η ώρα. Το τέλος."), "Η ώρα.|Το τέλος.");
  assert_string_equal(joined("港口关闭。渡轮停航！"), "港口关闭。|渡轮停航！");
  assert_string_equal(joined("مرحبا. هل أنت بخير؟ نعم."), "مرحبا.|هل أنت بخير؟|نعم.");
}

static void invalid_utf8(void **state) {
  (void)state;
  static const char s[] = "Bad \xff\xfe bytes. Next \xe2\x82. Last \xed\xa0\x80.";
  td_span *v;
  size_t n = td_sentences(s, sizeof s - 1, &v);
  assert_int_equal(n, 3);
  check_spans(s, sizeof s - 1, v, n);
  td_free(v);
  /* A terminal mark whose next byte is a truncated sequence at the very end. */
  static const char t[] = "End.\xe2";
  n = td_sentences(t, sizeof t - 1, &v);
  check_spans(t, sizeof t - 1, v, n);
  td_free(v);
}

static void out_of_memory(void **state) {
  (void)state;
  const char *s = "One. Two. Three.";
  td_span *v = (td_span *)1;
  td_alloc_fail_after(0);
  assert_int_equal(td_sentences(s, strlen(s), &v), (size_t)-1);
  td_alloc_fail_after(-1);
  assert_null(v);
}

/* Long inputs of the shapes that make naive splitters quadratic. The bound
** is on the output, not on time (tests never assert on wall-clock time). */
static void pathological(void **state) {
  (void)state;
  size_t len = (size_t)50 << 20;
  char *s = malloc(len);
  assert_non_null(s);
  td_span *v;

  memset(s, 'a', len); /* one 50 MB word */
  for (size_t i = 7; i < len; i += 8)
    s[i] = ' '; /* 50 MB of words, no punctuation */
  assert_int_equal(td_sentences(s, len, &v), 1);
  assert_int_equal(v[0].start, 0);
  td_free(v);

  size_t m = (size_t)8 << 20; /* a million short sentences */
  for (size_t i = 0; i + 8 <= m; i += 8)
    memcpy(s + i, "Go now. ", 8);
  size_t n = td_sentences(s, m, &v);
  assert_int_equal(n, m / 8);
  check_spans(s, m, v, n);
  td_free(v);

  memset(s, '.', m); /* dots only */
  assert_int_equal(td_sentences(s, m, &v), 1);
  td_free(v);
  for (size_t i = 0; i + 2 <= m; i += 2)
    memcpy(s + i, ". ", 2);
  n = td_sentences(s, m, &v);
  check_spans(s, m, v, n);
  td_free(v);
  for (size_t i = 0; i + 4 <= m; i += 4)
    memcpy(s + i, "Mr. ", 4); /* abbreviation chain */
  assert_int_equal(td_sentences(s, m, &v), 1);
  td_free(v);
  memset(s, '\n', m); /* blank lines only */
  assert_int_equal(td_sentences(s, m, &v), 0);
  td_free(v);
  s[0] = '.';
  memset(s + 1, '"', m - 1); /* a terminal then endless closers */
  assert_int_equal(td_sentences(s, m, &v), 1);
  td_free(v);
  memcpy(s, ". ", 2);
  memset(s + 2, '(', m - 2); /* a terminal then endless openers */
  n = td_sentences(s, m, &v);
  assert_true(n >= 1 && n <= 2);
  td_free(v);
  free(s);
}

/* ------------------------------------------------------------ golden files */

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *p = malloc(cap);
  size_t k;
  while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) p = realloc(p, cap *= 2);
  }
  fclose(f);
  if (p) p[n < cap ? n : cap - 1] = '\0';
  *len = n;
  return p;
}

static const char *fixture_dir(void) {
  static char dir[4096];
  if (access("tests/fixtures/sentences", R_OK) == 0) return "tests/fixtures/sentences";
  /* Run from elsewhere: the binary lives in <repo>/<B>/tests/. */
  const char *slash = strrchr(argv0, '/');
  if (slash) {
    snprintf(dir, sizeof dir, "%.*s/../../tests/fixtures/sentences", (int)(slash - argv0), argv0);
    if (access(dir, R_OK) == 0) return dir;
    snprintf(dir, sizeof dir, "%.*s/../../../tests/fixtures/sentences", (int)(slash - argv0),
             argv0);
    if (access(dir, R_OK) == 0) return dir;
  }
  return NULL;
}

/* The sentences of text, escaped, one a line (malloc). */
static char *render(const char *text, size_t len) {
  td_span *v;
  size_t n = td_sentences(text, len, &v);
  assert_true(n != (size_t)-1);
  check_spans(text, len, v, n);
  size_t cap = 2 * len + n + 1, o = 0;
  char *out = malloc(cap);
  assert_non_null(out);
  for (size_t i = 0; i < n; i++) {
    for (size_t p = v[i].start; p < v[i].end; p++) {
      char c = text[p];
      if (c == '\n' || c == '\r' || c == '\\') {
        out[o++] = '\\';
        out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
      } else {
        out[o++] = c;
      }
    }
    out[o++] = '\n';
  }
  out[o] = '\0';
  td_free(v);
  return out;
}

static void golden_files(void **state) {
  (void)state;
  const char *dir = fixture_dir();
  assert_non_null(dir); /* part of the repository, so never skipped */
  DIR *d = opendir(dir);
  assert_non_null(d);
  int checked = 0, update = getenv("TD_GOLDEN_UPDATE") != NULL;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t nl = strlen(e->d_name);
    if (nl < 5 || strcmp(e->d_name + nl - 4, ".txt")) continue;
    char in[8192], exp[8192];
    snprintf(in, sizeof in, "%s/%s", dir, e->d_name);
    snprintf(exp, sizeof exp, "%s/%.*s.expected", dir, (int)(nl - 4), e->d_name);
    size_t len, elen;
    char *text = slurp(in, &len);
    assert_non_null(text);
    char *got = render(text, len);
    if (update) {
      FILE *f = fopen(exp, "wb");
      assert_non_null(f);
      fputs(got, f);
      fclose(f);
    } else {
      char *want = slurp(exp, &elen);
      if (!want) fail_msg("missing %s (run with TD_GOLDEN_UPDATE=1 and review it)", exp);
      if (strcmp(got, want)) {
        /* Show the first line that differs. */
        const char *g = got, *w = want;
        int line = 1;
        while (*g && *g == *w) {
          if (*g == '\n') line++;
          g++, w++;
        }
        while (g > got && g[-1] != '\n')
          g--, w--;
        fail_msg("%s line %d:\n  got:  %.*s\n  want: %.*s", exp, line, (int)strcspn(g, "\n"), g,
                 (int)strcspn(w, "\n"), w);
      }
      free(want);
    }
    free(got);
    free(text);
    checked++;
  }
  closedir(d);
  assert_true(checked >= 5);
}

/* The seeds: real reports. The headline is the first sentence, nothing
** starts lower-case, and every sentence is a plausible length. */
static void seeds(void **state) {
  (void)state;
  const char *shared = tu_shared();
  if (!shared) {
    skip(); /* ../shared (or $TIDINGS_SHARED) is absent: no real articles to split */
    return;
  }
  char dirpath[4200];
  snprintf(dirpath, sizeof dirpath, "%s/seeds", shared);
  DIR *d = opendir(dirpath);
  assert_non_null(d);
  struct dirent *e;
  int files = 0;
  while ((e = readdir(d))) {
    if (!strstr(e->d_name, ".txt")) continue;
    char path[8400];
    snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(text);
    td_span *v;
    size_t n = td_sentences(text, len, &v);
    assert_true(n >= 10 && n != (size_t)-1);
    check_spans(text, len, v, n);
    size_t head = strcspn(text, "\n");
    assert_int_equal(v[0].start, 0);
    assert_int_equal(v[0].end, head);
    for (size_t i = 0; i < n; i++) {
      char c = text[v[i].start];
      assert_false(c >= 'a' && c <= 'z');
      assert_true(v[i].end - v[i].start < 1000);
    }
    td_free(v);
    free(text);
    files++;
  }
  closedir(d);
  assert_true(files >= 5);
}

/* td_sentence_lead: the first sentence as a one-line title. */
static char *lead(const char *s, size_t max) {
  char *t = NULL;
  assert_int_equal(td_sentence_lead(s, strlen(s), max, &t), TD_OK);
  return t;
}

static void lead_title(void **state) {
  (void)state;
  char *t = lead("Harbour cranes stood idle in Olvan on Monday.  Dockers met at noon.", 120);
  assert_string_equal(t, "Harbour cranes stood idle in Olvan on Monday.");
  td_free(t);
  /* white space inside the sentence is one space */
  t = lead("  The ferry Marisol\n  sank   off\tOlvan.\n\nMore later.", 120);
  assert_string_equal(t, "The ferry Marisol sank off Olvan.");
  td_free(t);
  /* longer than max: cut after the last whole word that fits, with an ellipsis */
  t = lead("Coastguard boats pulled ninety-six survivors from the cold water before noon.", 40);
  assert_string_equal(t, "Coastguard boats pulled ninety-six\xE2\x80\xA6");
  assert_true(strlen(t) <= 40 + 3);
  td_free(t);
  /* one word longer than max: cut where a character starts, never inside one */
  t = lead("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 end.", 9);
  assert_string_equal(t, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  td_free(t);
  /* no sentence, no title */
  assert_null(lead("", 120));
  assert_null(lead(" \n\n  \n", 120));
  /* exactly max bytes: kept whole */
  t = lead("Dockers met.", 12);
  assert_string_equal(t, "Dockers met.");
  td_free(t);
}

int main(int argc, char **argv) {
  (void)argc;
  argv0 = argv[0];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(empty_and_blank), cmocka_unit_test(basic_rules),
      cmocka_unit_test(quotations),      cmocka_unit_test(layout),
      cmocka_unit_test(other_scripts),   cmocka_unit_test(invalid_utf8),
      cmocka_unit_test(out_of_memory),   cmocka_unit_test(golden_files),
      cmocka_unit_test(seeds),           cmocka_unit_test(pathological),
      cmocka_unit_test(lead_title),
  };
  return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}
