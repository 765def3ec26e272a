/*
** token.c — the Unicode-aware tokenizer (normalise stage).
**
** Cuts text into words, numbers and single punctuation marks, with byte
** offsets into the text. Shingles (fingerprint), entity and date finding
** (extract) and stemming all start from these tokens, so the rules are few
** and predictable:
**
**   word    a letter (or mark) then letters, marks and digits, joined across
**           one inner hyphen or apostrophe (straight or curly) when a letter
**           or digit follows it: "well-known", "don't", "O’Neill", "COVID-19".
**           Han ideographs and kana are one word each, as in Lucene's
**           StandardTokenizer, since those scripts put no spaces between words.
**   number  a digit then digits, joined across one inner . , : or / when a
**           digit follows: "3.5", "1,000", "9:30", "24/7"; a trailing % sign
**           belongs to it ("50%"). Letters right after a number start a new
**           token ("2nd" → 2 + nd, "3.5bn" → 3.5 + bn), so later stages keep
**           the number.
**   punct   any other code point that is not white space.
**
** Categories come from utf8proc; ASCII goes through a table. The iterator is
** one forward pass with a bounded look-ahead of one code point and never
** allocates. Invalid UTF-8 bytes are skipped one at a time.
*/
#include "text/token.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <utf8proc.h>

enum cls {
  C_SPACE,  /* white space, controls, separators: never part of a token */
  C_UPPER,  /* upper- or title-case letter */
  C_LOWER,  /* lower-case letter */
  C_LETTER, /* letter without case (Arabic, Hebrew, Thai ...) */
  C_IDEO,   /* Han ideograph or kana: a word on its own */
  C_MARK,   /* combining mark */
  C_DIGIT,  /* decimal digit, any script */
  C_NUMX,   /* other numeric (², Ⅻ): continues a word */
  C_JOIN,   /* format character that lives inside words (soft hyphen, ZWJ) */
  C_PUNCT   /* everything else */
};

/* ASCII by comparison rather than a table that would need initialising. */
static enum cls ascii_class(unsigned c) {
  if (c <= 0x20 || c == 0x7F) return C_SPACE;
  if (c >= 'a' && c <= 'z') return C_LOWER;
  if (c >= 'A' && c <= 'Z') return C_UPPER;
  if (c >= '0' && c <= '9') return C_DIGIT;
  return C_PUNCT;
}

static int is_kana(int32_t cp) { return cp >= 0x3040 && cp <= 0x309F; } /* Hiragana */

static int is_han(int32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
         (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified */
         (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compatibility */
         (cp >= 0x20000 && cp <= 0x3FFFF); /* CJK extensions B and later */
}

static int is_ideo(int32_t cp) { return is_kana(cp) || is_han(cp); }

static enum cls classify(int32_t cp) {
  if (cp < 0x80) return ascii_class((unsigned)cp);
  switch (cp) {
  case 0x200B: /* zero width space: a separator, not a joiner */
  case 0xFEFF: /* byte order mark */
    return C_SPACE;
  default:
    break;
  }
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return C_UPPER;
  case UTF8PROC_CATEGORY_LL:
    return C_LOWER;
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return is_ideo(cp) ? C_IDEO : C_LETTER;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
    return C_MARK;
  case UTF8PROC_CATEGORY_ND:
    return C_DIGIT;
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return C_NUMX;
  case UTF8PROC_CATEGORY_CF:
    return C_JOIN;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CN: /* unassigned: treat as a gap rather than guess */
  case UTF8PROC_CATEGORY_CS:
  case UTF8PROC_CATEGORY_CO:
    return C_SPACE;
  default:
    return C_PUNCT;
  }
}

/* Decode at t->s[p]: class and length; invalid bytes read as a 1-byte gap.
** ASCII stays inline; the rest goes through utf8proc's tables. */
static enum cls at_slow(const td_tokenizer *t, size_t p, int32_t *cp, size_t *n) {
  int k = td_utf8_decode(t->s + p, t->len - p, cp);
  if (k < 0) {
    *n = 1;
    *cp = -1;
    return C_SPACE;
  }
  *n = (size_t)k;
  return classify(*cp);
}

static inline enum cls at(const td_tokenizer *t, size_t p, int32_t *cp, size_t *n) {
  unsigned char c = (unsigned char)t->s[p];
  if (c >= 0x80) return at_slow(t, p, cp, n);
  *cp = c;
  *n = 1;
  return ascii_class(c);
}

static int is_word_joiner(int32_t cp) {
  return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2010 || cp == 0x2011 ||
         cp == 0x05F3 || cp == 0x05F4; /* Hebrew geresh, gershayim */
}

static int is_num_joiner(int32_t cp) { return cp == '.' || cp == ',' || cp == ':' || cp == '/'; }

static int wordish(enum cls k) {
  return k == C_UPPER || k == C_LOWER || k == C_LETTER || k == C_MARK || k == C_DIGIT ||
         k == C_NUMX || k == C_JOIN;
}

void td_tokenizer_init(td_tokenizer *t, const char *s, size_t len) {
  t->s = s;
  t->len = s ? len : 0;
  t->pos = 0;
}

int td_token_next(td_tokenizer *t, td_token *tok) {
  int32_t cp;
  size_t n;
  enum cls k;
  for (;;) {
    if (t->pos >= t->len) return 0;
    k = at(t, t->pos, &cp, &n);
    if (k != C_SPACE && k != C_JOIN) break;
    t->pos += n;
  }
  size_t start = t->pos, p = t->pos + n;
  tok->start = start;
  tok->upper = tok->caps = 0;

  if (k == C_DIGIT) {
    tok->kind = TD_TOK_NUMBER;
    while (p < t->len) {
      int32_t c2, c3;
      size_t n2, n3;
      enum cls k2 = at(t, p, &c2, &n2);
      if (k2 == C_DIGIT) {
        p += n2;
      } else if (is_num_joiner(c2) && p + n2 < t->len && at(t, p + n2, &c3, &n3) == C_DIGIT) {
        p += n2 + n3;
      } else {
        if (c2 == '%' || c2 == 0xFF05 || c2 == 0x2030) p += n2; /* % ％ ‰ */
        break;
      }
    }
  } else if (k == C_IDEO) {
    tok->kind = TD_TOK_WORD;
    while (p < t->len) { /* its combining marks, if any */
      size_t n2;
      if (at(t, p, &cp, &n2) != C_MARK) break;
      p += n2;
    }
  } else if (wordish(k)) {
    int seen_upper = k == C_UPPER, seen_lower = k == C_LOWER;
    int first = k != C_UPPER && k != C_LOWER && k != C_LETTER; /* no letter seen yet */
    tok->kind = TD_TOK_WORD;
    tok->upper = k == C_UPPER;
    while (p < t->len) {
      /* The common case first: a run of ASCII letters and digits. */
      for (; !first && p < t->len; p++) {
        unsigned char c = (unsigned char)t->s[p];
        if (c >= 'a' && c <= 'z')
          seen_lower = 1;
        else if (c >= 'A' && c <= 'Z')
          seen_upper = 1;
        else if (c < '0' || c > '9')
          break;
      }
      if (p >= t->len) break;
      int32_t c2, c3;
      size_t n2, n3;
      enum cls k2 = at(t, p, &c2, &n2);
      if (wordish(k2)) {
        p += n2;
      } else if (is_word_joiner(c2) && p + n2 < t->len) {
        k2 = at(t, p + n2, &c3, &n3);
        if (!wordish(k2) || k2 == C_JOIN || k2 == C_MARK) break;
        p += n2 + n3;
      } else {
        break;
      }
      if (k2 == C_UPPER)
        seen_upper = 1;
      else if (k2 == C_LOWER)
        seen_lower = 1;
      if (first && (k2 == C_UPPER || k2 == C_LOWER || k2 == C_LETTER)) {
        tok->upper = k2 == C_UPPER;
        first = 0;
      }
    }
    tok->caps = seen_upper && !seen_lower;
  } else {
    tok->kind = TD_TOK_PUNCT;
    while (p < t->len) { /* a combining mark or variation selector stays with its base */
      size_t n2;
      if (at(t, p, &cp, &n2) != C_MARK) break;
      p += n2;
    }
  }
  tok->end = p;
  t->pos = p;
  return 1;
}

size_t td_tokenize(const char *s, size_t len, td_token **out) {
  td_tokenizer t;
  td_token tok, *v = NULL;
  size_t n = 0, cap = 0;
  td_tokenizer_init(&t, s, len);
  while (td_token_next(&t, &tok)) {
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      td_token *p = td_realloc(v, nc * sizeof *p);
      if (!p) {
        td_free(v);
        *out = NULL;
        return (size_t)-1;
      }
      v = p;
      cap = nc;
    }
    v[n++] = tok;
  }
  *out = v;
  return n;
}

int td_token_cjk(const char *s, const td_token *t) {
  int32_t cp;
  if (t->kind != TD_TOK_WORD) return 0;
  int n = td_utf8_decode(s + t->start, t->end - t->start, &cp);
  if (n <= 0 || (size_t)n != t->end - t->start) return 0;
  return is_han(cp) ? TD_CJK_HAN : is_kana(cp) ? TD_CJK_KANA : 0;
}
