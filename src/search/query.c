/*
** query.c — parse a user's search query into a safe FTS5 expression and
** filters (see query.h for the language).
**
** Two passes. The lexer cuts the bytes into words, phrases, operators,
** parentheses and filters; a recursive-descent parser builds a small tree
** (OR of ANDs of possibly negated primaries) in a fixed array; the emitter
** writes FTS5 text from the tree. The emitter, not the user, decides every
** operator and parenthesis, and every user word goes out as a quoted FTS5
** string, so whatever was typed the expression parses — FTS5 keywords like
** NEAR, column filters like title:x, ^ and {} are all just words here.
** FTS5's NOT is binary ("a NOT b"), so a group made only of negated terms
** cannot be expressed; it is dropped, and a query left with nothing but such
** groups is refused with a hint rather than silently matching everything.
** The parser is lenient the way a search box should be: a stray operator is
** ignored and a missing ")" is supplied.
*/
#include "search/query.h"

#include "tidings.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <string.h>

enum tok_kind { T_END, T_WORD, T_PHRASE, T_AND, T_OR, T_NOT, T_LPAREN, T_RPAREN };

typedef struct tok {
  enum tok_kind kind;
  const char *p; /* the word or the phrase's inside */
  size_t n;
  int prefix; /* trailing '*' */
  int neg;    /* leading '-' */
} tok;

typedef struct lexer {
  const char *s;
  size_t len, pos;
} lexer;

/* Node kinds of the tree. */
enum { N_TERM, N_AND, N_OR };

#define MAX_NODES (TD_QUERY_MAX_TERMS * 3 + 8)
#define MAX_KIDS 64

typedef struct node {
  int kind;
  tok t;                /* N_TERM */
  int kids[MAX_KIDS];   /* N_AND / N_OR: node indexes */
  unsigned char neg[MAX_KIDS]; /* N_AND: kid is negated */
  int nkids;
} node;

typedef struct parser {
  lexer lx;
  tok cur;
  node *nodes;
  int nnodes;
  int depth;
  int nterms;
  const char *err;
  td_query *q;
  int oom;
  int dropped_neg; /* an all-negative group was dropped */
} parser;

static int is_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0d); }

/* U+201C “ and U+201D ” open and close phrases as '"' does (phones type them). */
static size_t quote_len(const char *s, size_t n) {
  if (n >= 1 && s[0] == '"') return 1;
  if (n >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d))
    return 3;
  return 0;
}

static int is_word_byte(const lexer *lx, size_t i) {
  unsigned char c = (unsigned char)lx->s[i];
  return !is_space(c) && c != '(' && c != ')' && !quote_len(lx->s + i, lx->len - i);
}

/* A word or phrase can only match if it has a letter or digit: punctuation
** alone tokenizes to nothing, and FTS5 rejects an empty phrase. */
static int has_token_char(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
      return 1;
  }
  return 0;
}

/* Read a quoted run starting at lx->pos (on the opening quote). The closing
** quote is optional: an unterminated phrase runs to the end. */
static void read_quoted(lexer *lx, tok *t) {
  lx->pos += quote_len(lx->s + lx->pos, lx->len - lx->pos);
  t->p = lx->s + lx->pos;
  size_t q = 0;
  while (lx->pos < lx->len && !(q = quote_len(lx->s + lx->pos, lx->len - lx->pos))) lx->pos++;
  t->n = (size_t)(lx->s + lx->pos - t->p);
  if (lx->pos < lx->len) lx->pos += q;
}

static int ieq(const char *p, size_t n, const char *lit) {
  size_t m = strlen(lit);
  if (n != m) return 0;
  for (size_t i = 0; i < n; i++)
    if ((p[i] | 0x20) != lit[i]) return 0;
  return 1;
}

static int set_filter(parser *ps, char **field, const char *p, size_t n) {
  char *v = td_strndup(p, n);
  if (!v) {
    ps->oom = 1;
    return -1;
  }
  td_free(*field);
  *field = v;
  return 0;
}

/* A date bound: YYYY, YYYY-MM or YYYY-MM-DD with plausible numbers. */
static int valid_date(const char *p, size_t n) {
  if (n != 4 && n != 7 && n != 10) return 0;
  for (size_t i = 0; i < n; i++) {
    int dash = i == 4 || i == 7;
    if (dash ? p[i] != '-' : (p[i] < '0' || p[i] > '9')) return 0;
  }
  if (n >= 7) {
    int m = (p[5] - '0') * 10 + (p[6] - '0');
    if (m < 1 || m > 12) return 0;
  }
  if (n == 10) {
    int d = (p[8] - '0') * 10 + (p[9] - '0');
    if (d < 1 || d > 31) return 0;
  }
  return 1;
}

/* key:value where key is a known filter. Returns 1 when consumed as a filter,
** 0 when the word is an ordinary word, -1 on an error (ps->err set). */
static int try_filter(parser *ps, const char *w, size_t wn) {
  const char *colon = memchr(w, ':', wn);
  if (!colon || colon == w) return 0;
  size_t kn = (size_t)(colon - w);
  static const char *const keys[] = {"source", "from", "to", "story", "entity"};
  int key = -1;
  for (int i = 0; i < 5; i++)
    if (ieq(w, kn, keys[i])) key = i;
  if (key < 0) return 0;
  lexer *lx = &ps->lx;
  const char *v = colon + 1;
  size_t vn = wn - kn - 1;
  if (vn == 0 && lx->pos < lx->len && quote_len(lx->s + lx->pos, lx->len - lx->pos)) {
    tok t;
    read_quoted(lx, &t); /* source:"Harbour Gazette" */
    v = t.p;
    vn = t.n;
  }
  while (vn && is_space((unsigned char)*v)) v++, vn--;
  while (vn && is_space((unsigned char)v[vn - 1])) vn--;
  if (vn == 0) {
    ps->err = "a filter needs a value, as in source:NAME or from:2024-01-31";
    return -1;
  }
  td_query *q = ps->q;
  switch (key) {
  case 0: return set_filter(ps, &q->source, v, vn) ? -1 : 1;
  case 1:
  case 2:
    if (!valid_date(v, vn)) {
      ps->err = "from: and to: take a date: YYYY, YYYY-MM or YYYY-MM-DD";
      return -1;
    }
    return set_filter(ps, key == 1 ? &q->from : &q->to, v, vn) ? -1 : 1;
  case 3: {
    int64_t id = 0;
    for (size_t i = 0; i < vn; i++) {
      if (v[i] < '0' || v[i] > '9' || id > (INT64_MAX - 9) / 10) {
        ps->err = "story: takes a story id (a positive number)";
        return -1;
      }
      id = id * 10 + (v[i] - '0');
    }
    if (id <= 0) {
      ps->err = "story: takes a story id (a positive number)";
      return -1;
    }
    q->story = id;
    return 1;
  }
  default: return set_filter(ps, &q->entity, v, vn) ? -1 : 1;
  }
}

/* The next token; filters are consumed here and never reach the parser. */
static void next(parser *ps) {
  lexer *lx = &ps->lx;
  tok *t = &ps->cur;
  for (;;) {
    memset(t, 0, sizeof *t);
    while (lx->pos < lx->len && is_space((unsigned char)lx->s[lx->pos])) lx->pos++;
    if (lx->pos >= lx->len || ps->err || ps->oom) {
      t->kind = T_END;
      return;
    }
    char c = lx->s[lx->pos];
    if (c == '(') {
      lx->pos++;
      t->kind = T_LPAREN;
      return;
    }
    if (c == ')') {
      lx->pos++;
      t->kind = T_RPAREN;
      return;
    }
    int neg = 0;
    if ((c == '-' || c == '+') && lx->pos + 1 < lx->len && !is_space((unsigned char)lx->s[lx->pos + 1]) &&
        lx->s[lx->pos + 1] != ')') {
      neg = c == '-';
      lx->pos++;
      if (lx->s[lx->pos] == '(') { /* -( ... ) negates a group */
        lx->pos++;
        t->kind = T_LPAREN;
        t->neg = neg;
        return;
      }
    }
    if (quote_len(lx->s + lx->pos, lx->len - lx->pos)) {
      read_quoted(lx, t);
      t->kind = T_PHRASE;
      t->neg = neg;
      if (lx->pos < lx->len && lx->s[lx->pos] == '*') {
        t->prefix = 1;
        lx->pos++;
      }
      return;
    }
    const char *w = lx->s + lx->pos;
    while (lx->pos < lx->len && is_word_byte(lx, lx->pos)) lx->pos++;
    size_t wn = (size_t)(lx->s + lx->pos - w);
    if (!neg) {
      if (wn == 3 && memcmp(w, "AND", 3) == 0) {
        t->kind = T_AND;
        return;
      }
      if (wn == 2 && memcmp(w, "OR", 2) == 0) {
        t->kind = T_OR;
        return;
      }
      if (wn == 3 && memcmp(w, "NOT", 3) == 0) {
        t->kind = T_NOT;
        return;
      }
      int f = try_filter(ps, w, wn);
      if (f) continue; /* consumed (or error: the loop returns T_END) */
    }
    t->kind = T_WORD;
    t->neg = neg;
    while (wn && w[wn - 1] == '*') {
      t->prefix = 1;
      wn--;
    }
    t->p = w;
    t->n = wn;
    return;
  }
}

static int new_node(parser *ps, int kind) {
  if (ps->nnodes == MAX_NODES) {
    ps->err = "the query is too complex";
    return -1;
  }
  node *n = &ps->nodes[ps->nnodes];
  memset(n, 0, sizeof *n);
  n->kind = kind;
  return ps->nnodes++;
}

static int add_kid(parser *ps, int parent, int kid, int neg) {
  node *n = &ps->nodes[parent];
  if (n->nkids == MAX_KIDS) {
    ps->err = "the query has too many terms";
    return -1;
  }
  n->neg[n->nkids] = (unsigned char)neg;
  n->kids[n->nkids++] = kid;
  return 0;
}

static int parse_or(parser *ps);

/* primary := word | phrase | '(' or ')'; returns a node index, -1 on error,
** -2 when there was nothing usable (a dropped token). */
static int parse_primary(parser *ps) {
  tok t = ps->cur;
  if (t.kind == T_LPAREN) {
    if (++ps->depth > TD_QUERY_MAX_DEPTH) {
      ps->err = "the query has too many nested parentheses";
      return -1;
    }
    next(ps);
    int n = parse_or(ps);
    if (ps->cur.kind == T_RPAREN) next(ps);
    ps->depth--;
    if (n >= 0 && ps->nodes[n].nkids == 0 && n == ps->nnodes - 1) {
      ps->nnodes--; /* "()" */
      return -2;
    }
    return n;
  }
  next(ps);
  if (!has_token_char(t.p, t.n)) return -2;
  if (++ps->nterms > TD_QUERY_MAX_TERMS) {
    ps->err = "the query has too many terms (at most 64)";
    return -1;
  }
  int n = new_node(ps, N_TERM);
  if (n >= 0) ps->nodes[n].t = t;
  return n;
}

/* and := (NOT? primary)+ with optional AND between */
static int parse_and(parser *ps) {
  int me = new_node(ps, N_AND);
  if (me < 0) return -1;
  for (;;) {
    int neg = 0;
    while (ps->cur.kind == T_AND || ps->cur.kind == T_NOT) {
      if (ps->cur.kind == T_NOT) neg = 1;
      next(ps);
    }
    enum tok_kind k = ps->cur.kind;
    if (k != T_WORD && k != T_PHRASE && k != T_LPAREN) break;
    neg |= ps->cur.neg;
    int kid = parse_primary(ps);
    if (kid == -1) return -1;
    if (kid >= 0 && add_kid(ps, me, kid, neg)) return -1;
  }
  return me;
}

static int parse_or(parser *ps) {
  int me = new_node(ps, N_OR);
  if (me < 0) return -1;
  for (;;) {
    int kid = parse_and(ps);
    if (kid < 0) return -1;
    if (ps->nodes[kid].nkids == 0 && kid == ps->nnodes - 1)
      ps->nnodes--; /* an empty group, as between "OR OR": no node wasted */
    else if (add_kid(ps, me, kid, 0))
      return -1;
    if (ps->cur.kind == T_OR) {
      next(ps);
      continue;
    }
    /* A ")" without "(" at the top level is dropped; keep reading. */
    if (ps->depth == 0 && ps->cur.kind == T_RPAREN) {
      next(ps);
      continue;
    }
    if (ps->cur.kind == T_END || ps->cur.kind == T_RPAREN) return me;
  }
}

int td_query_fts5_literal(td_buf *b, const char *s, size_t n) {
  if (td_buf_putc(b, '"')) return -1;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"' && td_buf_putc(b, '"')) return -1;
    if (td_buf_putc(b, s[i])) return -1;
  }
  return td_buf_putc(b, '"');
}

/* Emit node `i`; returns 1 when something was written, 0 when the node is
** empty (nothing matchable), -1 when out of memory. */
static int emit(parser *ps, int i, td_buf *b) {
  node *n = &ps->nodes[i];
  if (n->kind == N_TERM) {
    if (!n->t.prefix) return td_query_fts5_literal(b, n->t.p, n->t.n) ? -1 : 1;
    /* The index is Porter-stemmed, and FTS5 matches a prefix against stems:
    ** "cooperat*" finds no "cooper" (the stem of cooperation). So a prefix
    ** also matches, as whole stems, itself cut by one to three ASCII
    ** letters (at least four left), which covers what Porter strips from
    ** a word that starts with the prefix. */
    if (td_buf_putc(b, '(') || td_query_fts5_literal(b, n->t.p, n->t.n) || td_buf_puts(b, " *"))
      return -1;
    int word = 1;
    for (size_t k = 0; k < n->t.n; k++) {
      unsigned char c = (unsigned char)n->t.p[k];
      if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) word = 0;
    }
    for (size_t cut = 1; word && cut <= 3 && n->t.n - cut >= 4; cut++)
      if (td_buf_puts(b, " OR ") || td_query_fts5_literal(b, n->t.p, n->t.n - cut)) return -1;
    return td_buf_putc(b, ')') ? -1 : 1;
  }
  size_t start = b->len;
  int wrote = 0;
  if (n->kind == N_OR) {
    for (int k = 0; k < n->nkids; k++) {
      size_t mark = b->len;
      if (wrote && td_buf_puts(b, " OR ")) return -1;
      int r = emit(ps, n->kids[k], b);
      if (r < 0) return -1;
      if (r == 0) {
        b->len = mark;
        if (b->ptr) b->ptr[mark] = '\0';
      } else {
        wrote++;
      }
    }
  } else {
    /* Positives first, joined by AND, then each negative as NOT. */
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < n->nkids; k++) {
        if (n->neg[k] != pass) continue;
        if (pass == 1 && !wrote) break; /* nothing to subtract from */
        size_t mark = b->len;
        if (wrote && td_buf_puts(b, pass ? " NOT " : " AND ")) return -1;
        int r = emit(ps, n->kids[k], b);
        if (r < 0) return -1;
        if (r == 0) {
          b->len = mark;
          if (b->ptr) b->ptr[mark] = '\0';
        } else {
          wrote++;
        }
      }
      if (pass == 0 && !wrote) {
        for (int k = 0; k < n->nkids; k++)
          if (n->neg[k]) ps->dropped_neg = 1;
      }
    }
  }
  if (wrote > 1) { /* parenthesise the group so precedence never matters */
    if (td_buf_putc(b, ')')) return -1;
    size_t len = b->len;
    if (td_buf_putc(b, ' ')) return -1; /* grow by one, then shift right */
    memmove(b->ptr + start + 1, b->ptr + start, len - start);
    b->ptr[start] = '(';
    b->ptr[b->len] = '\0';
  }
  return wrote > 0;
}

int td_query_parse(const char *q, size_t len, td_query *out, const char **err) {
  memset(out, 0, sizeof *out);
  *err = NULL;
  if (len > TD_QUERY_MAX_BYTES) {
    *err = "the query is too long (at most 2048 bytes)";
    return TD_EUSAGE;
  }
  if (len && !td_utf8_valid(q, len, NULL)) {
    *err = "the query is not valid UTF-8 text";
    return TD_EUSAGE;
  }
  node *nodes = td_malloc(sizeof(node) * MAX_NODES);
  if (!nodes) return TD_ENOMEM;
  parser ps = {.lx = {q ? q : "", len, 0}, .nodes = nodes, .q = out};
  next(&ps);
  int root = ps.err || ps.oom ? -1 : parse_or(&ps);
  int status = TD_OK;
  if (ps.oom) {
    status = TD_ENOMEM;
  } else if (ps.err || root < 0) {
    *err = ps.err ? ps.err : "the query could not be read";
    status = TD_EUSAGE;
  } else {
    td_buf b = TD_BUF_INIT;
    int r = emit(&ps, root, &b);
    if (r < 0) {
      status = TD_ENOMEM;
    } else if (r > 0) {
      out->match = td_buf_detach(&b);
      if (!out->match) status = TD_ENOMEM;
      out->nterms = ps.nterms;
    } else if (ps.dropped_neg) {
      *err = "NOT and - exclude words from a search; add a word to search for, "
             "as in: putin -trump";
      status = TD_EUSAGE;
    } else if (!out->source && !out->from && !out->to && !out->entity && !out->story) {
      *err = "the query has no word to search for";
      status = TD_EUSAGE;
    }
    td_buf_release(&b);
  }
  td_free(nodes);
  return status;
}

void td_query_release(td_query *q) {
  if (!q) return;
  td_free(q->match);
  td_free(q->source);
  td_free(q->from);
  td_free(q->to);
  td_free(q->entity);
  memset(q, 0, sizeof *q);
}
