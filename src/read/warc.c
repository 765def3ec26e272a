/*
** warc.c — the WARC reader: web crawls (.warc, .warc.gz) record by record.
**
** A crawl such as CC-NEWS is a sequence of records, each a block of WARC
** headers, a blank line, Content-Length bytes of content and two CRLFs; a
** .warc.gz is the same stream gzipped, usually one gzip member per record.
** The reader streams it through zlib with a window of one record at most
** (records over TD_READ_MAX_DOC are skipped without being held), so a crawl
** of any size runs in bounded memory. Response records become articles: the
** HTTP status line and headers are parsed (non-2xx and non-HTML responses
** are skipped; chunked and gzip bodies decoded; the Content-Type charset is
** applied, see clean/charset.c), WARC-Target-URI is the url and WARC-Date a
** fallback date (the page's own date wins in the clean stage). Request,
** metadata, warcinfo and revisit records are skipped. A record whose
** Content-Length is wrong does not derail the rest: the reader resyncs on
** the next "WARC/1." line. Truncated or corrupt gzip ends the file with a
** diagnostic naming the offset; what came before is kept.
*/
#include "clean/clean_int.h"
#include "read/read.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#define RAW_CHUNK 65536
#define MAX_HEADER (64 << 10) /* WARC or HTTP header block */

typedef struct src {
  /* raw input: memory or a file descriptor */
  const unsigned char *mem;
  size_t memlen, mempos;
  int fd;
  unsigned char *raw;
  size_t rawlen, rawpos;
  int raw_eof;
  /* decompression */
  int gz, zinit, zdone;
  z_stream z;
  /* decoded bytes not yet consumed: buf.ptr[pos .. buf.len) */
  td_buf buf;
  size_t pos;
  long long base; /* stream offset of buf.ptr[0] */
  int eof;
  const char *err; /* a gzip problem that ended the stream */
  long long err_at;
  td_sink *sink;
} src;

/* Next raw bytes: a pointer and count, 0 at the end. */
static size_t raw_next(src *s, const unsigned char **p) {
  if (s->mem) {
    size_t n = s->memlen - s->mempos;
    if (n > RAW_CHUNK) n = RAW_CHUNK;
    *p = s->mem + s->mempos;
    s->mempos += n;
    return n;
  }
  if (s->rawpos < s->rawlen) {
    *p = s->raw + s->rawpos;
    size_t n = s->rawlen - s->rawpos;
    s->rawpos = s->rawlen;
    return n;
  }
  if (s->raw_eof) return 0;
  ssize_t got;
  do got = read(s->fd, s->raw, RAW_CHUNK);
  while (got < 0 && errno == EINTR);
  if (got <= 0) {
    if (got < 0) s->err = "read error", s->err_at = s->base + (long long)s->buf.len;
    s->raw_eof = 1;
    return 0;
  }
  s->sink->bytes += got;
  s->rawlen = (size_t)got;
  s->rawpos = s->rawlen;
  *p = s->raw;
  return (size_t)got;
}

/* Hand raw bytes back (only the unconsumed tail of the last raw_next). */
static void raw_unread(src *s, size_t n) {
  if (s->mem) s->mempos -= n;
  else s->rawpos = s->rawlen - n;
}

/* Drop consumed bytes from the front of the window. */
static void compact(src *s) {
  if (s->pos == 0) return;
  memmove(s->buf.ptr, s->buf.ptr + s->pos, s->buf.len - s->pos);
  s->buf.len -= s->pos;
  s->buf.ptr[s->buf.len] = '\0';
  s->base += (long long)s->pos;
  s->pos = 0;
}

/* Decode more input into the window; 0, or -1 at the end (or on error). */
static int more(src *s) {
  if (s->eof) return -1;
  if (s->pos > (1 << 20) && s->pos * 2 > s->buf.len) compact(s);
  const unsigned char *p;
  size_t n = raw_next(s, &p);
  if (!n) {
    if (s->gz && s->zinit && !s->zdone && !s->err) {
      s->err = "the gzip stream is truncated";
      s->err_at = s->base + (long long)s->buf.len;
    }
    s->eof = 1;
    return -1;
  }
  if (!s->gz) {
    if (td_buf_append(&s->buf, p, n)) return s->eof = 1, s->err = "out of memory", -1;
    return 0;
  }
  s->z.next_in = (unsigned char *)p;
  s->z.avail_in = (uInt)n;
  unsigned char out[RAW_CHUNK];
  size_t produced = 0;
  /* At most a few MB per call, so a gzip bomb is read as slowly as it is
  ** consumed and the window stays bounded. */
  while (s->z.avail_in > 0 && produced < (4u << 20)) {
    if (s->zdone) {
      /* Another gzip member follows (one per record in CC crawls). */
      if (s->z.avail_in >= 2 && (s->z.next_in[0] != 0x1f || s->z.next_in[1] != 0x8b)) {
        s->z.avail_in = 0; /* trailing garbage after the last member */
        break;
      }
      if (inflateReset(&s->z) != Z_OK) break;
      s->zdone = 0;
    }
    s->z.next_out = out;
    s->z.avail_out = sizeof out;
    int zr = inflate(&s->z, Z_NO_FLUSH);
    size_t got = sizeof out - s->z.avail_out;
    if (got && td_buf_append(&s->buf, out, got)) return s->eof = 1, s->err = "out of memory", -1;
    produced += got;
    if (zr == Z_STREAM_END) {
      s->zdone = 1;
      continue;
    }
    if (zr == Z_BUF_ERROR && got == 0) break;
    if (zr != Z_OK) {
      s->err = "the gzip data is corrupt";
      s->err_at = s->base + (long long)s->buf.len;
      s->eof = 1;
      return -1;
    }
  }
  if (s->z.avail_in) raw_unread(s, s->z.avail_in);
  return 0;
}

static size_t avail(const src *s) { return s->buf.len - s->pos; }

/* Make at least n bytes available (fewer only at the end). */
static size_t want(src *s, size_t n) {
  while (avail(s) < n && more(s) == 0) {
  }
  return avail(s);
}

static const char *cur(const src *s) { return s->buf.ptr + s->pos; }
static long long offset_of(const src *s) { return s->base + (long long)s->pos; }

/* Skip n bytes, decoding but not keeping them. */
static void discard(src *s, size_t n) {
  while (n) {
    if (!avail(s) && more(s)) return;
    size_t k = avail(s) < n ? avail(s) : n;
    s->pos += k;
    n -= k;
    if (s->pos == s->buf.len) {
      s->base += (long long)s->buf.len;
      s->buf.len = 0;
      s->pos = 0;
    }
  }
}

/* Position of "WARC/1." at a line start at or after `from` (relative to
** pos), reading on as needed up to `limit` bytes; -1 when none. */
static long find_header(src *s, size_t from, size_t limit) {
  size_t i = from;
  for (;;) {
    size_t have = avail(s);
    const char *b = cur(s);
    for (; i + 7 <= have; i++) {
      if ((i == 0 || b[i - 1] == '\n') && b[i] == 'W' && !memcmp(b + i, "WARC/1.", 7))
        return (long)i;
    }
    if (have >= limit || more(s)) return -1;
  }
}

/* ------------------------------------------------------------ headers */

/* Value of header `name` in the header block h[0..len) (lines "Name: v"). */
static int header(const char *h, size_t len, const char *name, const char **v, size_t *vl) {
  size_t nl = strlen(name);
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && h[e] != '\n') e++;
    if (e - i > nl && h[i + nl] == ':' && !strncasecmp(h + i, name, nl)) {
      size_t a = i + nl + 1, z = e;
      while (a < z && (h[a] == ' ' || h[a] == '\t')) a++;
      while (z > a && (h[z - 1] == '\r' || h[z - 1] == ' ')) z--;
      *v = h + a;
      *vl = z - a;
      return 0;
    }
    i = e + 1;
  }
  return -1;
}

/* End of a header block (after the blank line) in b[0..len), or 0. */
static size_t header_end(const char *b, size_t len) {
  for (size_t i = 0; i + 1 < len; i++) {
    if (b[i] != '\n') continue;
    if (b[i + 1] == '\n') return i + 2;
    if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
  }
  return 0;
}

static int parse_size(const char *v, size_t vl, size_t *out) {
  size_t n = 0;
  if (!vl) return -1;
  for (size_t i = 0; i < vl; i++) {
    if (v[i] < '0' || v[i] > '9') return -1;
    if (n > (SIZE_MAX - 9) / 10) return -1;
    n = n * 10 + (size_t)(v[i] - '0');
  }
  *out = n;
  return 0;
}

/* Decode a chunked body in place; its new length. */
static size_t dechunk(char *b, size_t len) {
  size_t r = 0, w = 0;
  while (r < len) {
    size_t n = 0, k = r;
    int digits = 0;
    while (k < len) {
      char c = b[k];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
      if (d < 0) break;
      if (n > (SIZE_MAX >> 5)) return w;
      n = n * 16 + (size_t)d;
      k++, digits++;
    }
    if (!digits) return w;
    while (k < len && b[k] != '\n') k++;
    k++;
    if (n == 0 || k >= len) break;
    if (n > len - k) n = len - k;
    memmove(b + w, b + k, n);
    w += n;
    r = k + n;
    while (r < len && (b[r] == '\r' || b[r] == '\n')) r++;
  }
  return w;
}

/* Inflate a gzip/deflate HTTP body; new buffer or NULL. */
static char *inflate_body(const char *b, size_t len, size_t *outlen) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 15 + 32) != Z_OK) return NULL;
  td_buf o;
  td_buf_init(&o, TD_READ_MAX_DOC);
  z.next_in = (unsigned char *)b;
  z.avail_in = (uInt)len;
  unsigned char chunk[RAW_CHUNK];
  int zr;
  do {
    z.next_out = chunk;
    z.avail_out = sizeof chunk;
    zr = inflate(&z, Z_NO_FLUSH);
    size_t got = sizeof chunk - z.avail_out;
    if (got && td_buf_append(&o, chunk, got)) break;
    if (zr != Z_OK) break;
  } while (z.avail_in > 0 || z.avail_out == 0);
  inflateEnd(&z);
  if (!o.len) {
    td_buf_release(&o);
    return NULL;
  }
  *outlen = o.len;
  return td_buf_detach(&o);
}

static int mime_is_html(const char *v, size_t vl) {
  return (vl >= 9 && !strncasecmp(v, "text/html", 9)) ||
         (vl >= 21 && !strncasecmp(v, "application/xhtml+xml", 21));
}

/* One record: hdr[0..hl) its WARC headers, blk[0..bl) its content. */
static int record(src *s, const char *origin, long long at, const char *hdr, size_t hl,
                  const char *blk, size_t bl) {
  td_sink *sink = s->sink;
  const char *type, *v;
  size_t tl, vl;
  if (header(hdr, hl, "WARC-Type", &type, &tl)) {
    td_sink_diagf(sink, origin, 0, at, 1, "WARC record without WARC-Type skipped");
    return TD_OK;
  }
  const char *body = NULL, *ctype = NULL;
  size_t body_len = 0, ctl = 0;
  char *owned = NULL;
  int chunked = 0, gz = 0;
  if (tl == 8 && !strncasecmp(type, "response", 8)) {
    /* An HTTP response: status line, headers, body. */
    if (bl < 12 || strncmp(blk, "HTTP/", 5)) return TD_OK; /* not HTTP (dns:, ...) */
    const char *sp = memchr(blk, ' ', bl < 32 ? bl : 32);
    int status = sp && (size_t)(sp - blk) + 4 <= bl ? (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0') : 0;
    size_t he = header_end(blk, bl < MAX_HEADER ? bl : MAX_HEADER);
    if (!he) {
      td_sink_diagf(sink, origin, 0, at, 1, "HTTP headers of the response have no end; skipped");
      return TD_OK;
    }
    if (status < 200 || status > 299) return TD_OK; /* redirects, errors: no article */
    if (header(blk, he, "Content-Type", &ctype, &ctl) == 0 && !mime_is_html(ctype, ctl))
      return TD_OK;
    if (header(blk, he, "Transfer-Encoding", &v, &vl) == 0 && vl >= 7 &&
        !strncasecmp(v, "chunked", 7))
      chunked = 1;
    if (header(blk, he, "Content-Encoding", &v, &vl) == 0 &&
        ((vl >= 4 && !strncasecmp(v, "gzip", 4)) || (vl >= 7 && !strncasecmp(v, "deflate", 7))))
      gz = 1;
    body = blk + he;
    body_len = bl - he;
  } else if (tl == 8 && !strncasecmp(type, "resource", 8)) {
    if (header(hdr, hl, "Content-Type", &ctype, &ctl) || !mime_is_html(ctype, ctl)) return TD_OK;
    body = blk;
    body_len = bl;
  } else {
    return TD_OK; /* request, metadata, warcinfo, revisit, conversion */
  }
  if (chunked) {
    owned = td_malloc(body_len + 1);
    if (!owned) return TD_ENOMEM;
    memcpy(owned, body, body_len);
    body_len = dechunk(owned, body_len);
    body = owned;
  }
  if (gz) {
    size_t ol;
    char *inflated = inflate_body(body, body_len, &ol);
    if (inflated) {
      td_free(owned);
      owned = inflated;
      body = owned;
      body_len = ol;
    }
  }
  char charset[64];
  int has_cs = ctype && td_clean_charset_param(ctype, ctl, charset, sizeof charset) == 0;
  /* Drop NULs (the article's html is a C string) while bringing it to UTF-8. */
  size_t ulen;
  char *html = td_clean_to_utf8(body, body_len, has_cs ? charset : NULL, &ulen);
  td_free(owned);
  if (!html) return TD_ENOMEM;
  size_t w = 0;
  for (size_t i = 0; i < ulen; i++)
    if (html[i]) html[w++] = html[i];
  html[w] = '\0';
  td_article a;
  td_article_init(&a);
  a.html = html;
  a.origin = origin;
  a.offset = at;
  if (header(hdr, hl, "WARC-Target-URI", &v, &vl) == 0 && vl) {
    if (vl >= 2 && v[0] == '<' && v[vl - 1] == '>') v++, vl -= 2;
    if (td_article_set(&a.url, v, vl)) goto oom;
  }
  if (header(hdr, hl, "WARC-Date", &v, &vl) == 0 && vl && td_article_set(&a.date, v, vl))
    goto oom;
  int rc = sink->article(sink->ctx, &a);
  td_article_release(&a);
  return rc;
oom:
  td_article_release(&a);
  return TD_ENOMEM;
}

static int run(src *s, const char *origin) {
  td_sink *sink = s->sink;
  int rc = TD_OK;
  int first = 1;
  for (;;) {
    /* Blank lines between records. */
    for (;;) {
      if (!want(s, 1)) break;
      char c = *cur(s);
      if (c != '\r' && c != '\n') break;
      s->pos++;
    }
    if (!want(s, 8)) break;
    long long at = offset_of(s);
    if (memcmp(cur(s), "WARC/1.", 7)) {
      long next = find_header(s, 1, TD_READ_MAX_DOC);
      if (first && at == 0 && next < 0) {
        td_sink_diagf(sink, origin, 0, at, 1, "not a WARC file (no \"WARC/1.\" record header)");
        return TD_OK;
      }
      td_sink_diagf(sink, origin, 0, at, 1,
                    "no WARC record header here; skipped %ld bytes to the next record",
                    next < 0 ? (long)avail(s) : next);
      if (next < 0) break;
      s->pos += (size_t)next;
      continue;
    }
    first = 0;
    size_t have = want(s, 4096);
    size_t he;
    while (!(he = header_end(cur(s), have)) && have < MAX_HEADER) {
      size_t h2 = want(s, have * 2);
      if (h2 == have) break;
      have = h2;
    }
    if (!he && s->err) break; /* the stream broke inside it: reported below */
    if (!he) {
      td_sink_diagf(sink, origin, 0, at, 1, "WARC headers without an end; resyncing");
      long next = find_header(s, 1, TD_READ_MAX_DOC);
      if (next < 0) break;
      s->pos += (size_t)next;
      continue;
    }
    const char *v;
    size_t vl, clen;
    if (header(cur(s), he, "Content-Length", &v, &vl) || parse_size(v, vl, &clen)) {
      td_sink_diagf(sink, origin, 0, at, 1, "WARC record without a valid Content-Length; resyncing");
      long next = find_header(s, he, TD_READ_MAX_DOC);
      if (next < 0) break;
      s->pos += (size_t)next;
      continue;
    }
    if (clen > TD_READ_MAX_DOC) {
      td_sink_diagf(sink, origin, 0, at, 1, "WARC record of %zu MB skipped (more than %zu MB)",
                    clen >> 20, TD_READ_MAX_DOC >> 20);
      discard(s, he);
      discard(s, clen);
      continue;
    }
    size_t total = he + clen;
    have = want(s, total + 16);
    size_t end = total;
    int ok = have >= total;
    if (!ok && s->err) break; /* cut short by a broken stream: reported below */
    if (ok) {
      /* The block must be followed by CRLF CRLF and the next record (or the end). */
      size_t k = total;
      for (;;) {
        if (k == avail(s) && want(s, k + 1) == k) break; /* end of input */
        char c = cur(s)[k];
        if (c != '\r' && c != '\n') break;
        k++;
      }
      if (k < avail(s)) ok = want(s, k + 7) >= k + 7 && !memcmp(cur(s) + k, "WARC/1.", 7);
    }
    if (!ok) {
      /* Wrong Content-Length: the record ends where the next header starts. */
      long next = find_header(s, he, TD_READ_MAX_DOC);
      end = next < 0 ? avail(s) : (size_t)next;
      while (end > he && (cur(s)[end - 1] == '\n' || cur(s)[end - 1] == '\r')) end--;
      td_sink_diagf(sink, origin, 0, at, 0,
                    "WARC record's Content-Length (%zu) disagrees with where it ends (%zu); "
                    "cut at the next record", clen, end - he);
      if (next >= 0) total = (size_t)next;
      else total = avail(s);
    }
    rc = record(s, origin, at, cur(s), he, cur(s) + he, end - he);
    s->pos += total < avail(s) ? total : avail(s);
    if (rc) break;
  }
  if (s->err && !rc)
    td_sink_diagf(sink, origin, 0, s->err_at, 1, "%s at byte %lld of the decoded stream; the rest is lost",
                  s->err, s->err_at);
  return rc;
}

static int start(src *s, td_sink *sink, const unsigned char *head, size_t hl) {
  memset(&s->z, 0, sizeof s->z);
  s->sink = sink;
  td_buf_init(&s->buf, TD_READ_MAX_DOC + (4 << 20));
  if (hl >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
    if (inflateInit2(&s->z, 15 + 16) != Z_OK) return -1;
    s->gz = s->zinit = 1;
  }
  return 0;
}

static void finish(src *s) {
  if (s->zinit) inflateEnd(&s->z);
  td_buf_release(&s->buf);
  td_free(s->raw);
}

int td_read_warc(const char *buf, size_t len, const char *origin, td_sink *sink) {
  src s;
  memset(&s, 0, sizeof s);
  s.mem = (const unsigned char *)buf;
  s.memlen = len;
  s.fd = -1;
  if (start(&s, sink, s.mem, len)) return TD_ENOMEM;
  int rc = run(&s, origin);
  finish(&s);
  return rc;
}

int td_read_warc_fd(int fd, const char *origin, td_sink *sink) {
  src s;
  memset(&s, 0, sizeof s);
  s.fd = fd;
  s.raw = td_malloc(RAW_CHUNK);
  if (!s.raw) return TD_ENOMEM;
  /* Peek at the magic through the raw buffer. */
  ssize_t got;
  do got = read(fd, s.raw, RAW_CHUNK);
  while (got < 0 && errno == EINTR);
  if (got < 0) {
    td_sink_diagf(sink, origin, 0, 0, 1, "cannot read: %s", strerror(errno));
    td_free(s.raw);
    return TD_OK;
  }
  sink->bytes += got;
  s.rawlen = (size_t)got;
  s.rawpos = 0;
  if (!got) s.raw_eof = 1;
  if (start(&s, sink, s.raw, s.rawlen)) {
    td_free(s.raw);
    return TD_ENOMEM;
  }
  int rc = run(&s, origin);
  finish(&s);
  return rc;
}
