/*
** read.c — the read stage's driver: which bytes, in which format.
**
** td_read_path walks a path (a file, a directory recursively in name order,
** or "-" for standard input), detects each file's format from its name and
** first bytes, and hands the bytes to the format's parser. JSON Lines is
** streamed line by line and WARC record by record, so memory stays bounded by
** the largest single record, never the corpus; the other formats hold one
** document at a time, up to TD_READ_MAX_DOC.
*/
#include "read/read.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void td_sink_diagf(td_sink *s, const char *origin, long line, long long offset, int rejected,
                   const char *fmt, ...) {
  td_buf b = TD_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  int rc = td_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  s->diag(s->ctx, origin, line, offset, rc == 0 ? b.ptr : "(out of memory formatting a message)",
          rejected);
  td_buf_release(&b);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Format by file name, or TD_FMT_AUTO when the name says nothing. */
static td_format format_by_name(const char *name) {
  if (!name) return TD_FMT_AUTO;
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") || ends_with(name, ".json") ||
      ends_with(name, ".jsonl.gz"))
    return TD_FMT_JSONL;
  if (ends_with(name, ".warc") || ends_with(name, ".warc.gz")) return TD_FMT_WARC;
  if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
    return TD_FMT_HTML;
  if (ends_with(name, ".rss") || ends_with(name, ".atom") || ends_with(name, ".xml"))
    return TD_FMT_RSS;
  if (ends_with(name, ".txt") || ends_with(name, ".text")) return TD_FMT_TEXT;
  return TD_FMT_AUTO;
}

/* Case-insensitive search for `needle` in the first n bytes of h. */
static int has_prefix_ci(const char *h, size_t n, const char *needle) {
  size_t m = strlen(needle);
  return n >= m && strncasecmp(h, needle, m) == 0;
}

static const char *find_ci(const char *h, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (strncasecmp(h + i, needle, m) == 0) return h + i;
  return NULL;
}

td_format td_read_detect(const char *name, const char *head, size_t len) {
  td_format f = format_by_name(name);
  if (f != TD_FMT_AUTO) return f;
  size_t i = 0;
  if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3; /* BOM */
  if (len >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b)
    return TD_FMT_WARC; /* gzip: only WARC is read compressed */
  while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    i++;
  const char *p = head + i;
  size_t n = len - i, scan = n < 4096 ? n : 4096;
  if (has_prefix_ci(p, n, "WARC/")) return TD_FMT_WARC;
  if (n && *p == '{') return TD_FMT_JSONL;
  if (n && *p == '<') {
    if (find_ci(p, scan, "<rss") || find_ci(p, scan, "<feed") || find_ci(p, scan, "<rdf:RDF"))
      return TD_FMT_RSS;
    return TD_FMT_HTML;
  }
  return TD_FMT_TEXT;
}

int td_read_buffer(const char *buf, size_t len, const char *origin, td_format fmt,
                   td_sink *sink) {
  if (fmt == TD_FMT_AUTO) fmt = td_read_detect(origin, buf, len);
  switch (fmt) {
  case TD_FMT_JSONL: return td_read_jsonl(buf, len, origin, sink);
  case TD_FMT_HTML: return td_read_html(buf, len, origin, sink);
  case TD_FMT_WARC: return td_read_warc(buf, len, origin, sink);
  case TD_FMT_RSS: return td_read_rss(buf, len, origin, sink);
  case TD_FMT_TEXT:
  case TD_FMT_AUTO: break;
  }
  return td_read_text(buf, len, origin, sink);
}

/* Read until n bytes are in b or the input ends; -1 with errno on error. */
static int fill(int fd, td_buf *b, size_t want) {
  while (b->len < want) {
    char chunk[65536];
    size_t n = want - b->len < sizeof chunk ? want - b->len : sizeof chunk;
    ssize_t got = read(fd, chunk, n);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) break;
    if (td_buf_append(b, chunk, (size_t)got)) {
      errno = ENOMEM;
      return -1;
    }
  }
  return 0;
}

/* Stream JSON Lines from fd; `b` already holds the first bytes read. Lines
** longer than TD_READ_MAX_DOC are skipped with a diagnostic, never held. */
static int stream_jsonl(int fd, const char *origin, td_buf *b, td_sink *sink) {
  long line = 1;
  long long base = 0; /* input offset of b->ptr[0] */
  int eof = 0, skipping = 0, rc = TD_OK;
  long long skip_start = 0;
  size_t pos = 0;
  for (;;) {
    char *nl = b->len > pos ? memchr(b->ptr + pos, '\n', b->len - pos) : NULL;
    if (!nl && !eof) {
      /* Need more: drop consumed bytes, then read another chunk. */
      if (pos) {
        memmove(b->ptr, b->ptr + pos, b->len - pos);
        b->len -= pos;
        base += (long long)pos;
        pos = 0;
      }
      if (b->len > TD_READ_MAX_DOC) { /* an over-long line: skip to its end */
        if (!skipping) skip_start = base;
        skipping = 1;
        base += (long long)b->len;
        b->len = 0;
      }
      size_t before = b->len;
      if (fill(fd, b, b->len + (1 << 20))) {
        td_sink_diagf(sink, origin, line, base + (long long)b->len, 1, "read error: %s",
                      strerror(errno));
        return TD_OK;
      }
      sink->bytes += (long long)(b->len - before);
      if (b->len == before) eof = 1;
      continue;
    }
    size_t end = nl ? (size_t)(nl - b->ptr) : b->len;
    if (skipping) {
      td_sink_diagf(sink, origin, line, skip_start, 1,
                    "line longer than %zu MB; skipped", TD_READ_MAX_DOC >> 20);
      skipping = 0;
    } else if (end > pos || nl) {
      size_t n = end - pos;
      if (n > 0 && b->ptr[pos + n - 1] == '\r') n--;
      if (n > TD_READ_MAX_DOC)
        td_sink_diagf(sink, origin, line, base + (long long)pos, 1,
                      "line longer than %zu MB; skipped", TD_READ_MAX_DOC >> 20);
      else if ((rc = td_read_jsonl_line(b->ptr + pos, n, origin, line, base + (long long)pos,
                                        sink)))
        return rc;
    }
    if (!nl) break;
    pos = end + 1;
    line++;
  }
  return TD_OK;
}

static int read_fd(int fd, const char *origin, td_format fmt, int seekable, td_sink *sink) {
  td_buf b;
  td_buf_init(&b, TD_READ_MAX_DOC + (2 << 20));
  int rc = TD_OK;
  if (fill(fd, &b, 65536)) {
    td_sink_diagf(sink, origin, 0, -1, 1, "cannot read: %s", strerror(errno));
    goto out;
  }
  if (fmt == TD_FMT_AUTO) fmt = td_read_detect(origin, b.ptr ? b.ptr : "", b.len);
  if (fmt == TD_FMT_JSONL) {
    sink->bytes += (long long)b.len;
    rc = stream_jsonl(fd, origin, &b, sink);
    goto out;
  }
  if (fmt == TD_FMT_WARC && seekable && lseek(fd, 0, SEEK_SET) == 0) {
    rc = td_read_warc_fd(fd, origin, sink);
    goto out;
  }
  if (fill(fd, &b, TD_READ_MAX_DOC + 1)) {
    td_sink_diagf(sink, origin, 0, (long long)b.len, 1, "cannot read: %s", strerror(errno));
    goto out;
  }
  sink->bytes += (long long)b.len;
  if (b.len > TD_READ_MAX_DOC) {
    td_sink_diagf(sink, origin, 0, (long long)TD_READ_MAX_DOC, 1,
                  "larger than %zu MB: not read as one %s document", TD_READ_MAX_DOC >> 20,
                  td_format_name(fmt));
    goto out;
  }
  rc = td_read_buffer(b.ptr ? b.ptr : "", b.len, origin, fmt, sink);
out:
  td_buf_release(&b);
  return rc;
}

static int read_file(const char *path, td_format fmt, td_sink *sink) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    td_sink_diagf(sink, path, 0, -1, 1, "cannot open: %s", strerror(errno));
    return TD_OK;
  }
  int rc = read_fd(fd, path, fmt, 1, sink);
  close(fd);
  return rc;
}

/* Files a directory walk takes in auto mode: those whose name says they hold
** articles. Anything else (READMEs, images) is passed over. */
static int wanted_in_dir(const char *name, td_format fmt) {
  if (name[0] == '.') return 0;
  if (fmt != TD_FMT_AUTO) return 1;
  return format_by_name(name) != TD_FMT_AUTO;
}

static int walk(const char *path, td_format fmt, td_sink *sink, int depth) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    td_sink_diagf(sink, path, 0, -1, 1, "cannot open: %s", strerror(errno));
    return TD_OK;
  }
  if (!S_ISDIR(sb.st_mode)) return read_file(path, fmt, sink);
  if (depth > 64) {
    td_sink_diagf(sink, path, 0, -1, 1, "directories nested too deep (a link loop?)");
    return TD_OK;
  }
  struct dirent **list = NULL;
  int n = scandir(path, &list, NULL, alphasort);
  if (n < 0) {
    td_sink_diagf(sink, path, 0, -1, 1, "cannot read directory: %s", strerror(errno));
    return TD_OK;
  }
  int rc = TD_OK;
  for (int i = 0; i < n; i++) {
    const char *name = list[i]->d_name;
    if (rc == TD_OK && strcmp(name, ".") && strcmp(name, "..")) {
      td_buf child = TD_BUF_INIT;
      size_t plen = strlen(path);
      if (td_buf_append(&child, path, plen) || (plen && path[plen - 1] != '/' &&
                                                td_buf_putc(&child, '/')) ||
          td_buf_puts(&child, name)) {
        rc = TD_ENOMEM;
      } else {
        struct stat cs;
        int is_dir = stat(child.ptr, &cs) == 0 && S_ISDIR(cs.st_mode);
        if (name[0] != '.' && (is_dir || wanted_in_dir(name, fmt)))
          rc = walk(child.ptr, fmt, sink, depth + 1);
      }
      td_buf_release(&child);
    }
    free(list[i]);
  }
  free(list);
  return rc;
}

int td_read_path(const char *path, td_format fmt, td_sink *sink) {
  if (strcmp(path, "-") == 0) return read_fd(0, "-", fmt, 0, sink);
  return walk(path, fmt, sink, 0);
}
