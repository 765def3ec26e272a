/*
** charset.c — every page reaches the HTML parser as UTF-8.
**
** Readers hand the clean stage raw page bytes; the WARC reader also knows
** the HTTP Content-Type charset. Here the page's charset is decided (BOM,
** valid UTF-8, HTTP hint, <meta>, windows-1252 as browsers do) and the
** bytes converted with iconv, so libxml2 is always told "UTF-8" and never
** guesses (a later <meta> cannot re-decode the page).
*/
#include "clean/clean_int.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

int td_clean_utf8_ok(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) n = 1, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, min = 0x10000;
    else return 0;
    if (len - i <= n) return 0;
    unsigned cp = c & (0x3F >> n);
    for (size_t k = 1; k <= n; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += n + 1;
  }
  return 1;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Find needle (lower case) in s[0..len) ignoring ASCII case. */
static const char *find_ci(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && lower((unsigned char)s[i + k]) == needle[k]) k++;
    if (k == n) return s + i;
  }
  return NULL;
}

static int is_name_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

/* Copy a charset name starting at p (after "charset=") into out. */
static int copy_name(const char *p, const char *end, char *out, size_t cap) {
  while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '=')) p++;
  size_t n = 0;
  while (p < end && is_name_char((unsigned char)*p) && n + 1 < cap) out[n++] = *p++;
  out[n] = '\0';
  return n ? 0 : -1;
}

int td_clean_charset_param(const char *v, size_t len, char *out, size_t cap) {
  const char *p = find_ci(v, len, "charset");
  if (!p) return -1;
  p += 7;
  const char *end = v + len;
  while (p < end && *p == ' ') p++;
  if (p >= end || *p != '=') return -1;
  return copy_name(p + 1, end, out, cap);
}

/* <meta charset=x> or <meta http-equiv=Content-Type content="...charset=x">
** in the first 4 KB, as the HTML5 prescan does (simplified). */
static int meta_charset(const char *s, size_t len, char *out, size_t cap) {
  if (len > 4096) len = 4096;
  const char *end = s + len, *p = s;
  while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
    const char *q = memchr(p, '>', (size_t)(end - p));
    if (!q) q = end;
    const char *c = find_ci(p, (size_t)(q - p), "charset");
    if (c) {
      c += 7;
      while (c < q && *c == ' ') c++;
      if (c < q && *c == '=' && copy_name(c + 1, q, out, cap) == 0) return 0;
    }
    p = q;
  }
  return -1;
}

/* iconv names for what pages write; latin-1 is decoded as windows-1252 as
** every browser does. */
static const char *iconv_name(const char *cs) {
  if (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "latin1") || !strcasecmp(cs, "latin-1") ||
      !strcasecmp(cs, "us-ascii") || !strcasecmp(cs, "ascii") || !strcasecmp(cs, "iso8859-1"))
    return "WINDOWS-1252";
  if (!strcasecmp(cs, "x-sjis") || !strcasecmp(cs, "shift-jis")) return "SHIFT_JIS";
  if (!strcasecmp(cs, "gb2312") || !strcasecmp(cs, "gbk")) return "GB18030";
  if (!strcasecmp(cs, "tis-620")) return "WINDOWS-874";
  return cs;
}

static int is_utf8_name(const char *cs) {
  return !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8") || !strcasecmp(cs, "unicode-1-1-utf-8");
}

/* Valid UTF-8 copy: every invalid byte becomes U+FFFD. */
static char *repair_utf8(const char *s, size_t len, size_t *outlen) {
  td_buf b = TD_BUF_INIT;
  size_t i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && (unsigned char)s[j] < 0x80) j++;
    if (j > i && td_buf_append(&b, s + i, j - i)) goto oom;
    i = j;
    if (i >= len) break;
    size_t n = 1;
    unsigned c = (unsigned char)s[i];
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    if (n > 1 && i + n <= len && td_clean_utf8_ok(s + i, n)) {
      if (td_buf_append(&b, s + i, n)) goto oom;
      i += n;
    } else {
      if (td_buf_append(&b, "\xEF\xBF\xBD", 3)) goto oom;
      i++;
    }
  }
  *outlen = b.len;
  return td_buf_detach(&b);
oom:
  td_buf_release(&b);
  return NULL;
}

/* Convert with iconv; NULL with *unknown = 1 when iconv has no such charset. */
static char *convert(const char *s, size_t len, const char *from, size_t *outlen, int *unknown) {
  *unknown = 0;
  iconv_t cd = iconv_open("UTF-8", iconv_name(from));
  if (cd == (iconv_t)-1) {
    *unknown = 1;
    return NULL;
  }
  td_buf b = TD_BUF_INIT;
  char chunk[8192];
  char *in = (char *)s;
  size_t inleft = len;
  int oom = 0;
  while (inleft > 0) {
    char *out = chunk;
    size_t outleft = sizeof chunk;
    size_t r = iconv(cd, &in, &inleft, &out, &outleft);
    int err = r == (size_t)-1 ? errno : 0;
    if (out > chunk && td_buf_append(&b, chunk, (size_t)(out - chunk))) {
      oom = 1;
      break;
    }
    if (err == E2BIG) continue;
    if (err == EILSEQ || err == EINVAL) {
      /* An unconvertible or truncated sequence: mark it and step over a byte. */
      if (td_buf_append(&b, "\xEF\xBF\xBD", 3)) {
        oom = 1;
        break;
      }
      in++;
      inleft--;
      iconv(cd, NULL, NULL, NULL, NULL);
      continue;
    }
    if (err) break;
  }
  iconv_close(cd);
  if (oom) {
    td_buf_release(&b);
    return NULL;
  }
  *outlen = b.len;
  return td_buf_detach(&b);
}

char *td_clean_to_utf8(const char *buf, size_t len, const char *hint, size_t *outlen) {
  const unsigned char *u = (const unsigned char *)buf;
  const char *from = NULL;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    buf += 3;
    len -= 3;
    from = "UTF-8";
  } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    from = "UTF-16LE";
    buf += 2;
    len -= 2;
  } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    from = "UTF-16BE";
    buf += 2;
    len -= 2;
  }
  char meta[64];
  if (!from && td_clean_utf8_ok(buf, len)) from = "UTF-8";
  if (!from && hint && *hint) from = hint;
  if (!from && meta_charset(buf, len, meta, sizeof meta) == 0) from = meta;
  if (!from) from = "WINDOWS-1252";
  if (is_utf8_name(from)) return repair_utf8(buf, len, outlen);
  int unknown;
  char *r = convert(buf, len, from, outlen, &unknown);
  if (!r && unknown) r = convert(buf, len, "WINDOWS-1252", outlen, &unknown);
  return r;
}
