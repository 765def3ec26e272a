/*
** fuzz_text.c — libFuzzer target for the normalise stage (src/text).
**
** Random bytes go through validation and repair; the repaired text, which
** must then be valid, goes through NFC, fold, the tokenizer and the sentence
** splitter, and every span must lie inside the text, in order. NFC is
** checked against utf8proc_map on the whole text. The raw bytes
** go through the tokenizer and splitter too, since callers may hand them
** unvalidated text. The first sentence as a title (td_sentence_lead) stays
** within its length and valid UTF-8.
*/
#include "text/sentence.h"
#include "text/stem.h"
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define CHECK(c)                                                                                   \
  do {                                                                                             \
    if (!(c)) abort();                                                                             \
  } while (0)

static void check_tokens(const char *s, size_t len) {
  td_tokenizer t;
  td_token tok;
  size_t prev = 0, n = 0;
  td_tokenizer_init(&t, s, len);
  while (td_token_next(&t, &tok)) {
    CHECK(tok.start >= prev && tok.start < tok.end && tok.end <= len);
    CHECK(tok.kind >= TD_TOK_WORD && tok.kind <= TD_TOK_PUNCT);
    prev = tok.end;
    n++;
  }
  td_token *v;
  size_t m = td_tokenize(s, len, &v);
  CHECK(m == n);
  td_free(v);
}

static void check_sentences(const char *s, size_t len) {
  td_span *v;
  size_t n = td_sentences(s, len, &v), prev = 0;
  CHECK(n != (size_t)-1);
  for (size_t i = 0; i < n; i++) {
    CHECK(v[i].start >= prev && v[i].start < v[i].end && v[i].end <= len);
    prev = v[i].end;
  }
  td_free(v);
  /* the lead as a title: at most max bytes and an ellipsis, and valid
  ** UTF-8 whenever the text is (never cut inside a character) */
  char *t = NULL;
  CHECK(td_sentence_lead(s, len, 40, &t) == TD_OK);
  CHECK(!t == (n == 0));
  if (t) {
    size_t tl = strlen(t), bad = 0;
    CHECK(tl <= 40 + 3);
    CHECK(!td_utf8_valid(s, len, &bad) || td_utf8_valid(t, tl, &bad));
    td_free(t);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static td_stemmer *stem;
  if (!stem) stem = td_stemmer_new("en");
  const char *s = (const char *)data;
  size_t bad = 0, outlen = 0, nbad = 0;
  int valid = td_utf8_valid(s, size, &bad);
  if (!valid) CHECK(bad < size);

  char *r = td_utf8_repair(s, size, &outlen, &nbad);
  CHECK(r);
  CHECK(td_utf8_valid(r, outlen, NULL));
  CHECK(valid ? (nbad == 0 && outlen == size) : nbad > 0);

  size_t n1, n2;
  char *nfc = td_utf8_nfc(r, outlen, &n1);
  CHECK(nfc && td_utf8_valid(nfc, n1, NULL));
  /* Differential: our ASCII-skipping NFC equals utf8proc's on the whole text. */
  utf8proc_uint8_t *ref = NULL;
  utf8proc_ssize_t rn = utf8proc_map((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)outlen, &ref,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  CHECK(rn >= 0 && (size_t)rn == n1 && !memcmp(ref, nfc, n1));
  free(ref);
  char *fold = td_utf8_fold(r, outlen, &n2);
  CHECK(fold && td_utf8_valid(fold, n2, NULL));

  check_tokens(r, outlen);
  check_sentences(r, outlen);
  check_tokens(s, size);
  check_sentences(s, size);

  /* Stem every folded word. */
  td_tokenizer t;
  td_token tok;
  td_tokenizer_init(&t, fold, n2);
  while (td_token_next(&t, &tok)) {
    size_t sl;
    if (tok.kind == TD_TOK_WORD) CHECK(td_stem(stem, fold + tok.start, tok.end - tok.start, &sl));
  }

  td_free(fold);
  td_free(nfc);
  td_free(r);
  return 0;
}
