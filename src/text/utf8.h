/*
** utf8.h — UTF-8 validation, repair, Unicode normalisation and folding
** (normalise stage), on utf8proc.
**
** Text shown to users is kept as NFC; text used for matching is folded:
** NFKC + case fold + curly/straight quote and dash folding.
*/
#ifndef TD_UTF8_H
#define TD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..len) is valid UTF-8 (no overlongs, surrogates or NULs);
** else 0 and *bad_offset (if not NULL) is the byte offset of the first bad byte. */
int td_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Copy with every invalid sequence (and NUL) replaced by U+FFFD; returns a
** new NUL-terminated string (td_free) and its length in *outlen, NULL on OOM.
** *nbad (if not NULL) gets the number of replacements. */
char *td_utf8_repair(const char *s, size_t len, size_t *outlen, size_t *nbad);

/* NFC of valid UTF-8; new string (td_free), NULL on OOM or invalid input. */
char *td_utf8_nfc(const char *s, size_t len, size_t *outlen);

/* Fold for matching: NFKC, case fold, quotes ‘’‚‛“”„‟«»‹› → ' or ",
** dashes → '-'. New string (td_free), NULL on OOM or invalid input. */
char *td_utf8_fold(const char *s, size_t len, size_t *outlen);

/* Decode one code point at s[0..len); returns its byte length (>=1) and
** stores it in *cp, or -1 on an invalid sequence (then *cp = 0xFFFD). */
int td_utf8_decode(const char *s, size_t len, int32_t *cp);

#endif
