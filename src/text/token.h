/*
** token.h — a Unicode-aware tokenizer (normalise stage).
**
** Words (letters and marks, with inner hyphens and apostrophes: "well-known",
** "don't", "O'Neill", "Putin's"), numbers ("3.5", "1,000", "2024", "9:30"),
** and single punctuation marks. Offsets are bytes into the input.
*/
#ifndef TD_TOKEN_H
#define TD_TOKEN_H

#include <stddef.h>

typedef enum td_token_kind { TD_TOK_WORD = 1, TD_TOK_NUMBER, TD_TOK_PUNCT } td_token_kind;

typedef struct td_token {
  size_t start, end; /* byte span [start, end) */
  td_token_kind kind;
  unsigned upper : 1; /* first letter is upper case (words)  */
  unsigned caps : 1;  /* all letters upper case (words)      */
} td_token;

/* Iterator: call td_token_next until it returns 0. Invalid UTF-8 bytes are
** skipped. Linear in len, no allocation. */
typedef struct td_tokenizer {
  const char *s;
  size_t len, pos;
} td_tokenizer;

void td_tokenizer_init(td_tokenizer *t, const char *s, size_t len);
int td_token_next(td_tokenizer *t, td_token *tok);

/* What a word token of one character is in scripts written without spaces
** (the tokenizer makes each such character a word): TD_CJK_HAN for a Han
** ideograph, TD_CJK_KANA for hiragana (mostly particles and endings), 0 for
** any other token. s is the text the token's offsets are into. */
enum { TD_CJK_HAN = 1, TD_CJK_KANA = 2 };
int td_token_cjk(const char *s, const td_token *t);

/* Tokenize all of s into a new array (td_free); returns the count, or
** (size_t)-1 on OOM. */
size_t td_tokenize(const char *s, size_t len, td_token **out);

#endif
