/* Unit tests: text/token.c — words, numbers, punctuation, flags, scripts. */
#include "testutil.h"

#include "text/token.h"
#include "tidings.h"
#include "util/alloc.h"

/* Tokens of s as "text/K" joined by spaces, K = W (word), N, P; a word with
** the upper flag gets ^, with caps also !. Static buffer. */
static const char *toks(const char *s) {
  static char out[4096];
  td_tokenizer t;
  td_token tok;
  size_t o = 0;
  out[0] = '\0';
  td_tokenizer_init(&t, s, strlen(s));
  while (td_token_next(&t, &tok)) {
    assert_true(tok.start < tok.end && tok.end <= strlen(s));
    char k = tok.kind == TD_TOK_WORD ? 'W' : tok.kind == TD_TOK_NUMBER ? 'N' : 'P';
    int n =
        snprintf(out + o, sizeof out - o, "%s%.*s/%c%s%s", o ? " " : "", (int)(tok.end - tok.start),
                 s + tok.start, k, tok.upper ? "^" : "", tok.caps ? "!" : "");
    assert_true(n > 0 && (size_t)n < sizeof out - o);
    o += (size_t)n;
  }
  return out;
}

static void words(void **state) {
  (void)state;
  assert_string_equal(toks(""), "");
  assert_string_equal(toks("  \n\t "), "");
  assert_string_equal(toks("The cat sat."), "The/W^ cat/W sat/W ./P");
  assert_string_equal(toks("well-known don't O'Neill Putin's"),
                      "well-known/W don't/W O'Neill/W^ Putin's/W^");
  assert_string_equal(toks("Russia’s O’Brien rock ’n’ roll"),
                      "Russia’s/W^ O’Brien/W^ rock/W ’/P n/W ’/P roll/W");
  assert_string_equal(toks("leaders' -dash trailing- a--b"),
                      "leaders/W '/P -/P dash/W trailing/W -/P a/W -/P -/P b/W");
  assert_string_equal(toks("NATO FBI iPhone McDONALD I"),
                      "NATO/W^! FBI/W^! iPhone/W McDONALD/W^ I/W^!");
  assert_string_equal(toks("COVID-19 G7 MH17"), "COVID-19/W^! G7/W^! MH17/W^!");
  assert_string_equal(toks("AT&T e-mail"), "AT/W^! &/P T/W^! e-mail/W");
}

static void numbers(void **state) {
  (void)state;
  assert_string_equal(toks("3.5 1,000 2024 9:30 50% 24/7"),
                      "3.5/N 1,000/N 2024/N 9:30/N 50%/N 24/7/N");
  assert_string_equal(toks("in 2016. Then"), "in/W 2016/N ./P Then/W^");
  assert_string_equal(toks("1990s"), "1990/N s/W");
  assert_string_equal(toks("$3.5bn"), "$/P 3.5/N bn/W");
  assert_string_equal(toks("2nd"), "2/N nd/W");
  assert_string_equal(toks("1, 2"), "1/N ,/P 2/N");
  assert_string_equal(toks("-5 +7"), "-/P 5/N +/P 7/N");
  assert_string_equal(toks("٣٤ ५"), "٣٤/N ५/N"); /* Arabic-Indic, Devanagari digits */
}

static void scripts(void **state) {
  (void)state;
  assert_string_equal(toks("Путин сказал: «Нет»."), "Путин/W^ сказал/W :/P «/P Нет/W^ »/P ./P");
  assert_string_equal(toks("ΟΗΕ Αθήνα"), "ΟΗΕ/W^! Αθήνα/W^");
  assert_string_equal(toks("港口关闭了。"), "港/W 口/W 关/W 闭/W 了/W 。/P");
  assert_string_equal(toks("مرحبا بالعالم، ٢٠٢٤"), "مرحبا/W بالعالم/W ،/P ٢٠٢٤/N");
  assert_string_equal(toks("नमस्ते दुनिया"), "नमस्ते/W दुनिया/W"); /* marks stay inside */
  assert_string_equal(toks("צה״ל"), "צה״ל/W");
  assert_string_equal(toks("e\xcc\x81t\xc3\xa9"), "e\xcc\x81t\xc3\xa9/W"); /* combining acute */
  assert_string_equal(toks("soft\xc2\xadhyphen zero\xe2\x80\x8bspace"),
                      "soft\xc2\xadhyphen/W zero/W space/W");
  assert_string_equal(toks("\xef\xbb\xbf"
                           "BOM"),
                      "BOM/W^!");
  assert_string_equal(toks("x² km²"), "x²/W km²/W");
  assert_string_equal(toks("🙂!"), "🙂/P !/P");
}

static void invalid_bytes(void **state) {
  (void)state;
  assert_string_equal(toks("ab\xff"
                           "cd \xe2\x82 ef\xed\xa0\x80"),
                      "ab/W cd/W ef/W");
  assert_string_equal(toks("\x80\x80\x80"), "");
  /* A truncated sequence at the very end. */
  static const char t[] = "word\xe2";
  td_tokenizer tz;
  td_token tok;
  td_tokenizer_init(&tz, t, sizeof t - 1);
  assert_int_equal(td_token_next(&tz, &tok), 1);
  assert_int_equal(tok.end, 4);
  assert_int_equal(td_token_next(&tz, &tok), 0);
  assert_int_equal(td_token_next(&tz, &tok), 0); /* stays finished */
  td_tokenizer_init(&tz, NULL, 5);
  assert_int_equal(td_token_next(&tz, &tok), 0);
}

/* The length is honoured: nothing past it is read. */
static void length_bound(void **state) {
  (void)state;
  td_token *v;
  size_t n = td_tokenize("don't stop", 4, &v);
  assert_int_equal(n, 2);
  assert_int_equal(v[0].end, 3);
  assert_int_equal(v[1].kind, TD_TOK_PUNCT);
  td_free(v);
  n = td_tokenize("1,000", 2, &v);
  assert_int_equal(n, 2);
  td_free(v);
}

static void tokenize_array(void **state) {
  (void)state;
  const char *s = "One, two; three-four 5.5% — “six”.";
  td_token *v;
  size_t n = td_tokenize(s, strlen(s), &v);
  assert_int_equal(n, 11);
  td_tokenizer t;
  td_token tok;
  td_tokenizer_init(&t, s, strlen(s));
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(td_token_next(&t, &tok), 1);
    assert_int_equal(tok.start, v[i].start);
    assert_int_equal(tok.end, v[i].end);
    assert_int_equal(tok.kind, v[i].kind);
  }
  assert_int_equal(td_token_next(&t, &tok), 0);
  td_free(v);
  assert_int_equal(td_tokenize("", 0, &v), 0);
  td_free(v);
}

static void out_of_memory(void **state) {
  (void)state;
  td_token *v = (td_token *)1;
  td_alloc_fail_after(0);
  assert_int_equal(td_tokenize("a b c", 5, &v), (size_t)-1);
  td_alloc_fail_after(-1);
  assert_null(v);
}

/* Big inputs: a 20 MB word, 20 MB of separators, a million tokens. The
** bound is on the output, not on time. */
static void pathological(void **state) {
  (void)state;
  size_t len = (size_t)20 << 20;
  char *s = malloc(len);
  assert_non_null(s);
  td_token *v;
  memset(s, 'x', len);
  assert_int_equal(td_tokenize(s, len, &v), 1);
  assert_int_equal(v[0].end, len);
  td_free(v);
  for (size_t i = 0; i < len; i += 2)
    memcpy(s + i, "a-", 2); /* one long hyphenated word */
  assert_int_equal(td_tokenize(s, len, &v), 2);
  td_free(v);
  for (size_t i = 0; i < len; i += 2)
    memcpy(s + i, "1.", 2); /* one long number */
  assert_int_equal(td_tokenize(s, len, &v), 2);
  td_free(v);
  memset(s, ' ', len);
  assert_int_equal(td_tokenize(s, len, &v), 0);
  td_free(v);
  memset(s, 0xff, len);
  assert_int_equal(td_tokenize(s, len, &v), 0);
  td_free(v);
  size_t m = (size_t)4 << 20;
  for (size_t i = 0; i < m; i += 4)
    memcpy(s + i, "ab, ", 4);
  assert_int_equal(td_tokenize(s, m, &v), m / 2);
  td_free(v);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(words),         cmocka_unit_test(numbers),
      cmocka_unit_test(scripts),       cmocka_unit_test(invalid_bytes),
      cmocka_unit_test(length_bound),  cmocka_unit_test(tokenize_array),
      cmocka_unit_test(out_of_memory), cmocka_unit_test(pathological),
  };
  return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
