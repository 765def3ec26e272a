/*
** utf8.c — UTF-8 validation, repair, NFC and matching fold (normalise stage).
**
** Every article's text passes through here before tokens, sentences and
** stems are taken from it: td_utf8_valid finds the first bad byte so that the
** reader can report it, td_utf8_repair turns a bad input into a usable one
** (U+FFFD per maximal ill-formed subpart, as Unicode and the WHATWG encoder
** recommend), td_utf8_nfc gives the form shown to users, and td_utf8_fold the
** form later stages match on (shingles, quote grouping, entity aliases).
**
** The decoder is our own (strict: no overlongs, no surrogates, nothing above
** U+10FFFF) because it must report offsets and be fast on mostly-ASCII news
** text; normalisation and case folding are utf8proc's. utf8proc_map would
** allocate with malloc and hold 4 bytes per code point for the whole input,
** so we drive utf8proc_decompose_custom/utf8proc_reencode ourselves, with our
** allocator, only on the stretches that are not ASCII (no composition or
** reordering crosses the start of an ASCII character), copying the rest:
** memory is bounded by the longest non-ASCII stretch, and mostly-ASCII news
** text is normalised several times faster.
*/
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the well-formed sequence at s[0..len), or 0 when it is not one.
** Follows Table 3-7 of the Unicode standard (well-formed byte sequences). */
static size_t seq_len(const unsigned char *s, size_t len, int32_t *cp) {
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  if (c < 0xC2 || c > 0xF4) return 0;
  if (c < 0xE0) {
    if (len < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    return 2;
  }
  if (len < 2) return 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c == 0xE0)
    lo = 0xA0; /* overlong */
  else if (c == 0xED)
    hi = 0x9F; /* surrogates */
  else if (c == 0xF0)
    lo = 0x90; /* overlong */
  else if (c == 0xF4)
    hi = 0x8F; /* above U+10FFFF */
  if (s[1] < lo || s[1] > hi) return 0;
  if (len < 3 || (s[2] & 0xC0) != 0x80) return 0;
  if (c < 0xF0) {
    *cp = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F));
    return 3;
  }
  if (len < 4 || (s[3] & 0xC0) != 0x80) return 0;
  *cp = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                  (s[3] & 0x3F));
  return 4;
}

/* Length of the maximal subpart of an ill-formed sequence at s (>= 1): the
** longest prefix that could start a well-formed sequence. Each such subpart
** becomes one U+FFFD, so "\xE2\x82" (a truncated euro sign) is one, and a
** stray continuation byte is one. */
static size_t bad_len(const unsigned char *s, size_t len) {
  unsigned c = s[0];
  if (c < 0xC2 || c > 0xF4) return 1;
  size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  unsigned lo = 0x80, hi = 0xBF;
  if (c == 0xE0)
    lo = 0xA0;
  else if (c == 0xED)
    hi = 0x9F;
  else if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  size_t i = 1;
  if (i < len && i < need && s[i] >= lo && s[i] <= hi) {
    i++;
    while (i < len && i < need && (s[i] & 0xC0) == 0x80)
      i++;
  }
  return i;
}

int td_utf8_decode(const char *s, size_t len, int32_t *cp) {
  if (!len) {
    *cp = 0xFFFD;
    return -1;
  }
  size_t n = seq_len((const unsigned char *)s, len, cp);
  if (!n) {
    *cp = 0xFFFD;
    return -1;
  }
  return (int)n;
}

/* Eight bytes at a time while they are all ASCII and non-NUL: news text is
** mostly ASCII, and this is where validation spends its time. */
static size_t ascii_run(const unsigned char *s, size_t len) {
  size_t i = 0;
  const uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
  while (i + 8 <= len) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if ((w & hi) || ((w - lo) & ~w & hi)) break; /* a high bit or a zero byte */
    i += 8;
  }
  while (i < len && s[i] && s[i] < 0x80)
    i++;
  return i;
}

int td_utf8_valid(const char *s, size_t len, size_t *bad_offset) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    i += ascii_run(u + i, len - i);
    if (i >= len) break;
    int32_t cp;
    size_t n = u[i] ? seq_len(u + i, len - i, &cp) : 0;
    if (!n) {
      if (bad_offset) *bad_offset = i;
      return 0;
    }
    i += n;
  }
  return 1;
}

char *td_utf8_repair(const char *s, size_t len, size_t *outlen, size_t *nbad) {
  static const char fffd[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
  const unsigned char *u = (const unsigned char *)s;
  size_t bad = 0, i = 0;
  if (td_utf8_valid(s, len, &i)) { /* the common case: one exact copy */
    char *d = td_strndup(s, len);
    if (d && outlen) *outlen = len;
    if (d && nbad) *nbad = 0;
    return d;
  }
  td_buf b;
  td_buf_init(&b, (size_t)-1 / 2); /* at most 3 bytes out per byte in */
  if (td_buf_append(&b, s, i)) goto oom;
  while (i < len) {
    i += u[i] ? bad_len(u + i, len - i) : 1;
    if (td_buf_append(&b, fffd, 3)) goto oom;
    bad++;
    size_t run = i;
    for (;;) {
      run += ascii_run(u + run, len - run);
      if (run >= len || !u[run]) break;
      int32_t cp;
      size_t n = seq_len(u + run, len - run, &cp);
      if (!n) break;
      run += n;
    }
    if (td_buf_append(&b, s + i, run - i)) goto oom;
    i = run;
  }
  if (nbad) *nbad = bad;
  if (outlen) *outlen = b.len;
  return td_buf_detach(&b);
oom:
  td_buf_release(&b);
  return NULL;
}

/* Quotes and dashes that mean the same thing to a reader but not to memcmp.
** Applied to each code point before utf8proc's decomposition. */
static utf8proc_int32_t fold_punct(utf8proc_int32_t cp, void *data) {
  (void)data;
  if (cp < 0x80) return cp;
  switch (cp) {
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B: /* ‘ ’ ‚ ‛ */
  case 0x2039:
  case 0x203A: /* ‹ ›     */
  case 0x02BC: /* ʼ (modifier apostrophe) */
    return '\'';
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F: /* “ ” „ ‟ */
  case 0x00AB:
  case 0x00BB: /* « »     */
    return '"';
  case 0x2212: /* minus sign */
    return '-';
  default:
    break;
  }
  if (utf8proc_category(cp) == UTF8PROC_CATEGORY_PD) return '-';
  return cp;
}

/* Run utf8proc over s[0..n) and append the result; *scratch grows as needed. */
static int normalise_segment(td_buf *b, const unsigned char *s, size_t n, utf8proc_option_t opts,
                             utf8proc_custom_func fn, utf8proc_int32_t **scratch, size_t *scap) {
  size_t need = n;
  for (;;) {
    if (need > *scap || !*scratch) {
      if (need >= (size_t)PTRDIFF_MAX / 8) return -1;
      utf8proc_int32_t *p = td_realloc(*scratch, (need + 1) * sizeof *p);
      if (!p) return -1;
      *scratch = p;
      *scap = need;
    }
    utf8proc_ssize_t r = utf8proc_decompose_custom(s, (utf8proc_ssize_t)n, *scratch,
                                                   (utf8proc_ssize_t)*scap, opts, fn, NULL);
    if (r < 0) return -1;
    if ((size_t)r <= *scap) {
      /* reencode writes UTF-8 over the code points: 4 bytes each plus one spare */
      r = utf8proc_reencode(*scratch, r, opts);
      return r < 0 ? -1 : td_buf_append(b, *scratch, (size_t)r);
    }
    need = (size_t)r; /* decomposition grew the text: retry with room for it */
  }
}

/* Normalise valid UTF-8 with `opts`. ASCII is already NFC and NFKC, and its
** case fold is tolower, so ASCII runs are copied and only the stretches with
** other code points go through utf8proc: each from the ASCII character before
** it (a following mark may compose with that one) up to the next ASCII byte,
** where nothing before composes or reorders with what follows. */
static char *normalise(const char *s, size_t len, size_t *outlen, utf8proc_option_t opts,
                       utf8proc_custom_func fn) {
  const unsigned char *u = (const unsigned char *)s;
  int lower = (opts & UTF8PROC_CASEFOLD) != 0;
  td_buf b;
  utf8proc_int32_t *scratch = NULL;
  size_t scap = 0; /* code points scratch holds, not counting the spare one */
  size_t i = 0;

  if (!td_utf8_valid(s, len, NULL)) return NULL;
  td_buf_init(&b, (size_t)-1 / 2);
  if (td_buf_append(&b, "", 0)) goto fail;
  while (i < len) {
    size_t j = i + ascii_run(u + i, len - i); /* no NULs: validated above */
    size_t k = j < len && j > i ? j - 1 : j;  /* the last ASCII char goes with what follows */
    size_t from = b.len;
    if (td_buf_append(&b, s + i, k - i)) goto fail;
    if (lower)
      for (char *p = b.ptr + from; p < b.ptr + b.len; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    if (j >= len) break;
    size_t e = j;
    while (e < len && u[e] >= 0x80)
      e++;
    if (normalise_segment(&b, u + k, e - k, opts, fn, &scratch, &scap)) goto fail;
    i = e;
  }
  td_free(scratch);
  if (outlen) *outlen = b.len;
  return td_buf_detach(&b);
fail:
  td_free(scratch);
  td_buf_release(&b);
  return NULL;
}

char *td_utf8_nfc(const char *s, size_t len, size_t *outlen) {
  return normalise(s, len, outlen, UTF8PROC_STABLE | UTF8PROC_COMPOSE, NULL);
}

char *td_utf8_fold(const char *s, size_t len, size_t *outlen) {
  return normalise(s, len, outlen,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                       UTF8PROC_IGNORE,
                   fold_punct);
}
