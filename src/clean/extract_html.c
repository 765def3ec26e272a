/*
** extract_html.c — main text and metadata of a web page (clean stage).
**
** The page (already UTF-8, see charset.c) is parsed by libxml2's HTML
** parser in recover mode. Then, in the manner of Readability and boilerpipe:
**   1. hidden elements (attributes, inline style, hiding utility classes),
**      scripts, navigation and elements whose class/id names say comments,
**      share bars, related links, newsletters, ads, captions, slideshows,
**      sidebars are set aside; comment threads and author boxes always,
**      whatever else their names say;
**   2. one pass computes, for every element, its text and link text, and
**      scores each run of inline text of 25+ characters (commas, length) into
**      its containers, nearer ones getting more;
**   3. the best container (score × (1 − link density), class/id and
**      article/main hints, the body names CMSs use) is taken with the
**      siblings that score close to it; an itemprop=articleBody holding
**      prose is taken instead;
**   4. its text is written out block by block (paragraphs, headings, list
**      items, quotes, in order), leaving out link lists, forms and captions,
**      and everything from a comment section's heading on, recording why;
**   5. schema.org articleBody replaces the result only when the result is
**      clearly shorter than it (the page's own structure is a hint, never
**      trusted blindly).
** Metadata comes from JSON-LD, meta tags, <time>, the URL and the text, in
** that order of trust. Depth is bounded by libxml2 (256 levels) and by our
** own walk; the page size by the reader (TD_READ_MAX_DOC).
*/
#include "clean/clean_int.h"
#include "tidings.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/isodate.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 512         /* our recursion limit (libxml2 stops at 256)   */
#define MAX_REMOVED 48        /* removals recorded per page                   */
#define MIN_RUN 25            /* characters for a text run to count as prose  */

/* ------------------------------------------------------------ tag kinds */

enum kind {
  K_INLINE = 0, K_A, K_BR, K_IMG, K_INPUT, K_SKIP, /* inline-ish */
  K_P, K_DIV, K_SECTION, K_ARTICLE, K_MAIN, K_H, K_LI, K_UL, K_DL, K_DT, K_BLOCKQUOTE,
  K_PRE, K_TABLE, K_TR, K_TD, K_FIGURE, K_FIGCAPTION, K_FORM, K_NAV, K_ASIDE, K_FOOTER,
  K_HEADER, K_BODY, K_HR, K_ADDRESS, K_BLOCK
};

static int is_block(int k) { return k >= K_P; }

static const struct {
  const char *name;
  unsigned char kind;
} tags[] = {
    {"a", K_A},           {"address", K_ADDRESS}, {"applet", K_SKIP},      {"article", K_ARTICLE},
    {"aside", K_ASIDE},   {"audio", K_SKIP},      {"blockquote", K_BLOCKQUOTE}, {"body", K_BODY},
    {"br", K_BR},         {"button", K_SKIP},     {"canvas", K_SKIP},      {"caption", K_BLOCK},
    {"center", K_DIV},    {"dd", K_BLOCK},        {"details", K_BLOCK},    {"dialog", K_SKIP},
    {"dir", K_UL},        {"div", K_DIV},         {"dl", K_DL},            {"dt", K_DT},
    {"embed", K_SKIP},    {"fieldset", K_FORM},   {"figcaption", K_FIGCAPTION},
    {"figure", K_FIGURE}, {"footer", K_FOOTER},   {"form", K_FORM},        {"frame", K_SKIP},
    {"frameset", K_SKIP}, {"h1", K_H},            {"h2", K_H},             {"h3", K_H},
    {"h4", K_H},          {"h5", K_H},            {"h6", K_H},             {"head", K_SKIP},
    {"header", K_HEADER}, {"hgroup", K_BLOCK},    {"hr", K_HR},            {"iframe", K_SKIP},
    {"img", K_IMG},       {"input", K_INPUT},     {"label", K_INPUT},      {"li", K_LI},
    {"link", K_SKIP},     {"main", K_MAIN},       {"map", K_SKIP},         {"math", K_SKIP},
    {"menu", K_NAV},      {"meta", K_SKIP},       {"nav", K_NAV},          {"noscript", K_SKIP},
    {"object", K_SKIP},   {"ol", K_UL},           {"option", K_SKIP},      {"p", K_P},
    {"picture", K_IMG},   {"pre", K_PRE},         {"script", K_SKIP},      {"section", K_SECTION},
    {"select", K_SKIP},   {"style", K_SKIP},      {"summary", K_BLOCK},    {"svg", K_SKIP},
    {"table", K_TABLE},   {"tbody", K_BLOCK},     {"td", K_TD},            {"template", K_SKIP},
    {"textarea", K_SKIP}, {"tfoot", K_BLOCK},     {"th", K_TD},            {"thead", K_BLOCK},
    {"title", K_SKIP},    {"tr", K_TR},           {"ul", K_UL},            {"video", K_SKIP},
};

static int tag_kind(const xmlChar *name) {
  size_t lo = 0, hi = sizeof tags / sizeof tags[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp((const char *)name, tags[mid].name);
    if (!c) return tags[mid].kind;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return K_INLINE;
}

/* ------------------------------------------------------ class/id hints */

/* Words in class or id that mark what is not the article. */
static const char *const negative_words[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "sidebar",
    "footer", "masthead", "menu", "navbar", "breadcrumb", "promo", "newsletter", "subscri",
    "signup", "sign-up", "advert", "sponsor", "cookie", "popup", "modal", "widget", "outbrain",
    "taboola", "banner", "skyscraper", "shoutbox", "pagination", "pager", "toolbar", "tags",
    "most-popular", "mostpopular", "trending", "donat", "paywall", "rss", "login", "print",
    "gdpr", "consent", "author-bio", "byline-social", "read-more", "readmore", "more-stories",
    "teaser", "combx", "community", "replies", "remark", "extra", "supplemental", "agegate",
    "caption", "credit", "secondary"};
/* Words that name an author's biography box. */
static const char *const bio_words[] = {
    "author-bio", "authorbio", "author_bio", "about-author", "about_author", "aboutauthor",
    "about-the-author", "author-box", "authorbox", "author_box", "author-info", "author_info",
    "author-description", "author_description", "minibio", "mini-bio"};
/* Names content management systems give the element that holds an
** article's body (the first places trafilatura looks): worth as much as
** itemprop="articleBody", so a short post is not outscored by a long
** sidebar note. */
static const char *const body_words[] = {
    "entry-content", "entry-body", "entry_content", "post-body", "post-content", "postbody",
    "post_content", "post_body", "postcontent", "article-body", "article-content", "articlebody",
    "article_body", "article_content", "articlecontent", "story-body", "story-content",
    "storybody", "story_body", "blog-content", "blogpost-content", "post-entry", "entrytext",
    "entry-text", "post-text", "article-text", "story-text"};
/* Words that mark the article itself. */
static const char *const positive_words[] = {"article", "body", "content", "entry", "hentry",
                                              "main", "post", "text", "blog", "story",
                                              "column", "prose"};
/* Negative words strong enough to set an element aside before scoring. */
static const char *const unlikely_words[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "sidebar",
    "footer", "breadcrumb", "newsletter", "subscri", "signup", "advert", "sponsor", "cookie",
    "popup", "modal", "outbrain", "taboola", "banner", "skyscraper", "shoutbox", "pagination",
    "pager", "menu", "navbar", "gdpr", "consent", "paywall", "donat", "most-popular",
    "mostpopular", "trending", "community", "replies", "remark", "agegate", "read-more",
    "more-stories", "slideshow", "carousel", "caption"};

static int lc_ascii(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int has_word(const char *s, size_t len, const char *const *words, size_t n) {
  char low[256];
  if (len >= sizeof low) len = sizeof low - 1;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  low[len] = '\0';
  for (size_t i = 0; i < n; i++)
    if (strstr(low, words[i])) return 1;
  return 0;
}
#define HAS(s, l, w) has_word(s, l, w, sizeof w / sizeof w[0])

/* has_word on a string already in lower case (NUL-terminated). */
static int has_low(const char *low, const char *const *words, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strstr(low, words[i])) return 1;
  return 0;
}
#define LHAS(s, w) has_low(s, w, sizeof w / sizeof w[0])

/* The reason a class/id name gives for leaving an element out. */
static const char *reason_of(const char *s, size_t len) {
  static const struct {
    const char *w, *why;
  } r[] = {{"comment", "comments"},  {"disqus", "comments"},   {"replies", "comments"},
           {"share", "share"},       {"social", "share"},      {"related", "related"},
           {"recommend", "related"}, {"more-stories", "related"}, {"trending", "related"},
           {"popular", "related"},   {"newsletter", "newsletter"}, {"subscri", "newsletter"},
           {"signup", "newsletter"}, {"donat", "appeal"},     {"paywall", "appeal"},
           {"caption", "caption"},   {"credit", "caption"},   {"advert", "advertising"},
           {"sponsor", "advertising"}, {"promo", "advertising"}};
  char low[256];
  if (len >= sizeof low) len = sizeof low - 1;
  for (size_t i = 0; i < len; i++) low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
  low[len] = '\0';
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
    if (strstr(low, r[i].w)) return r[i].why;
  return "navigation";
}

/* ------------------------------------------------------- per element */

typedef struct info {
  double score;
  size_t text, link;          /* characters of text and of link text below */
  unsigned np, nimg, nli, ninput, nh, nblock;
  unsigned char kind;
  unsigned char skip;         /* 1: not content at all; 2: set aside by name */
  unsigned char candidate;    /* has been given an initial score */
  signed char weight;         /* class/id weight: -25, 0, +25, ... */
  const char *why;            /* reason when set aside by name */
} info;

#define INFO(n) ((info *)(n)->_private)

typedef struct run {
  size_t chars, link, commas;
} run;

typedef struct scored_run {
  xmlNode *owner;
  double score;
} scored_run;

typedef struct ctx {
  info *infos;
  size_t ninfo, ainfo;
  scored_run *runs;
  size_t nruns, aruns;
  xmlNode **cands;
  size_t ncands, acands;
  int oom;
  td_article *a;
  size_t nrecorded;
  int flags; /* which of the F_* steps this attempt uses */
  xmlNode *body_prop; /* the first element marked itemprop="articleBody" */
  int stopped;        /* a comment section's heading was met: the rest goes */
} ctx;

/* The steps that can cost an article its text; a page that yields too little
** is tried again without them, one at a time (as Readability does). */
enum { F_UNLIKELY = 1, F_WEIGHT = 2, F_CONDITIONAL = 4, F_ALL = 7 };

static const char *attr(xmlNode *n, const char *name) {
  for (xmlAttr *at = n->properties; at; at = at->next) {
    if (at->name && !strcasecmp((const char *)at->name, name)) {
      xmlNode *t = at->children;
      if (t && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
        return (const char *)t->content;
      return "";
    }
  }
  return NULL;
}

/* Does the class attribute hold one of the utility classes pages use to
** hide an element until a script shows it ("hidden", "hide", "d-none")? A
** whole token only: "hidden-xs" or "unhide" say something else. A class
** that shows the element again at some screen size ("hidden md:flex",
** "d-none d-lg-block") is visible on a desktop page. */
static int hidden_class(const char *c) {
  static const char *const h[] = {"hidden", "hide", "is-hidden", "d-none", "display-none",
                                  "invisible"};
  int hid = 0;
  for (const char *p = c; *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    const char *b = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
    size_t n = (size_t)(p - b);
    if (memchr(b, ':', n) || (n > 2 && !strncmp(b, "d-", 2) && strncmp(b, "d-none", n)))
      return 0;
    for (size_t i = 0; n && i < sizeof h / sizeof h[0]; i++)
      if (strlen(h[i]) == n && !strncasecmp(b, h[i], n)) hid = 1;
  }
  return hid;
}

/* Hidden by attribute, inline style or a hiding utility class. */
static int hidden(xmlNode *n) {
  if (attr(n, "hidden")) return 1;
  const char *cl = attr(n, "class");
  if (cl && hidden_class(cl)) return 1;
  const char *ah = attr(n, "aria-hidden");
  if (ah && !strcasecmp(ah, "true")) return 1;
  const char *st = attr(n, "style");
  if (st) {
    char c[128];
    size_t k = 0;
    for (const char *p = st; *p && k + 1 < sizeof c; p++)
      if (*p != ' ') c[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    c[k] = '\0';
    if (strstr(c, "display:none") || strstr(c, "visibility:hidden")) return 1;
  }
  return 0;
}

/* Class and id joined ("class id") into buf; its length. */
static size_t names_of(xmlNode *n, char *buf, size_t cap) {
  const char *c = attr(n, "class"), *i = attr(n, "id");
  size_t len = 0;
  if (c) {
    size_t l = strlen(c);
    if (l > cap - 2) l = cap - 2;
    memcpy(buf, c, l);
    len = l;
  }
  if (i) {
    size_t l = strlen(i);
    if (len + l + 2 > cap) l = cap - len - 2;
    buf[len++] = ' ';
    memcpy(buf + len, i, l);
    len += l;
  }
  buf[len] = '\0';
  return len;
}

/* Count an element and give it its info (first pass, iterative). */
static int assign_infos(ctx *c, xmlNode *root) {
  size_t n = 0;
  for (xmlNode *x = root; x;) {
    if (x->type == XML_ELEMENT_NODE) n++;
    if (x->children && x->type == XML_ELEMENT_NODE) {
      x = x->children;
      continue;
    }
    while (x && x != root && !x->next) x = x->parent;
    if (!x || x == root) break;
    x = x->next;
  }
  c->infos = td_calloc(n + 1, sizeof *c->infos);
  if (!c->infos) return -1;
  c->ninfo = n;
  size_t k = 0;
  for (xmlNode *x = root; x;) {
    if (x->type == XML_ELEMENT_NODE && k < n) {
      info *in = &c->infos[k++];
      x->_private = in;
      in->kind = (unsigned char)tag_kind(x->name);
    }
    if (x->children && x->type == XML_ELEMENT_NODE) {
      x = x->children;
      continue;
    }
    while (x && x != root && !x->next) x = x->parent;
    if (!x || x == root) break;
    x = x->next;
  }
  return 0;
}

static int push_run(ctx *c, xmlNode *owner, const run *r) {
  if (r->chars < MIN_RUN) return 0;
  if (c->nruns == c->aruns) {
    size_t na = c->aruns ? c->aruns * 2 : 64;
    scored_run *p = td_realloc(c->runs, na * sizeof *p);
    if (!p) return c->oom = 1, -1;
    c->runs = p;
    c->aruns = na;
  }
  double s = 1.0 + (double)r->commas + (r->chars / 100 > 3 ? 3 : (double)(r->chars / 100));
  /* Text that is mostly links is not prose. */
  if (r->link * 2 > r->chars) s *= 0.25;
  c->runs[c->nruns].owner = owner;
  c->runs[c->nruns].score = s;
  c->nruns++;
  return 0;
}

/* Count the visible characters of a text node (runs of space count once)
** and its commas. */
static void count_text(const xmlChar *t, size_t *chars, size_t *commas) {
  size_t n = 0, cm = 0;
  int sp = 1;
  for (const unsigned char *p = t; *p; p++) {
    unsigned char ch = *p;
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      if (!sp) n++;
      sp = 1;
      continue;
    }
    sp = 0;
    if ((ch & 0xC0) == 0x80) continue; /* count code points, not bytes */
    n++;
    if (ch == ',') cm++;
  }
  *chars = n;
  *commas = cm;
}

/* Does a class/id token name a comment section ("comments", "commentbody",
** "comment-list", "disqus_thread")? Such a name wins over the positive words
** it may also hold ("commentbody"), in every attempt: a comment thread is
** never the article, however much text it has. Tokens that only say whether
** comments are open or counted ("comments-open", "comment-count") are not
** sections and are left to the other rules. */
static int comment_name(const char *s, size_t len) {
  static const char *const ok[] = {"open", "closed", "allow", "enabled", "count", "number",
                                   "link", "has-", "with", "no-", "icon", "bubble", "commented"};
  char low[256];
  if (len >= sizeof low) len = sizeof low - 1;
  for (size_t i = 0; i < len; i++) low[i] = (char)lc_ascii((unsigned char)s[i]);
  low[len] = '\0';
  if (!strstr(low, "comment") && !strstr(low, "disqus")) return 0; /* most names */
  size_t i = 0;
  while (i < len) {
    while (i < len && (low[i] == ' ' || low[i] == '\t')) i++;
    size_t b = i;
    while (i < len && low[i] != ' ' && low[i] != '\t') i++;
    if (i == b) continue;
    if (!memmem(low + b, i - b, "comment", 7) && !memmem(low + b, i - b, "disqus", 6)) continue;
    int fine = 0;
    for (size_t k = 0; k < sizeof ok / sizeof ok[0] && !fine; k++)
      fine = memmem(low + b, i - b, ok[k], strlen(ok[k])) != NULL;
    if (!fine) return 1;
  }
  return 0;
}

/* Decide what an element is before it is walked. */
static void classify(ctx *c, xmlNode *x) {
  info *in = INFO(x);
  int k = in->kind;
  if (k == K_SKIP || hidden(x)) {
    in->skip = 1;
    return;
  }
  if (k == K_NAV && (c->flags & F_UNLIKELY)) {
    in->skip = 2;
    in->why = "navigation";
    return;
  }
  if (k == K_ASIDE) in->weight = -25;
  char nm[300];
  size_t nl = names_of(x, nm, sizeof nm);
  if (nl) {
    for (size_t i = 0; i < nl; i++) nm[i] = (char)lc_ascii((unsigned char)nm[i]);
    int neg = LHAS(nm, negative_words), pos = LHAS(nm, positive_words);
    if (c->flags & F_WEIGHT) in->weight += (signed char)((pos ? 25 : 0) - (neg ? 25 : 0));
    if ((c->flags & F_WEIGHT) && !neg && LHAS(nm, body_words)) in->weight += 25;
    if (k != K_BODY && k != K_A && comment_name(nm, nl)) {
      in->skip = 2;
      in->why = "comments";
      return;
    }
    /* The author's biography box after the article: like a comment
    ** thread, its name wins over the positive words it holds
    ** ("blog_author_description", "wp-about-author-text"). */
    if (k != K_BODY && k != K_ARTICLE && k != K_MAIN && LHAS(nm, bio_words)) {
      in->skip = 2;
      in->why = "author-bio";
      return;
    }
    if ((c->flags & F_UNLIKELY) && k != K_BODY && k != K_ARTICLE && k != K_MAIN && k != K_A && LHAS(nm, unlikely_words) &&
        !pos) {
      in->skip = 2;
      in->why = reason_of(nm, nl);
      return;
    }
  }
  const char *ip = attr(x, "itemprop");
  if (ip && !strcmp(ip, "articleBody")) {
    in->weight += 50;
    if (!c->body_prop) c->body_prop = x;
  }
  if (k == K_FOOTER && (c->flags & F_UNLIKELY)) {
    in->skip = 2;
    in->why = "navigation";
  }
}

/* Second pass: text and link totals for each element, prose runs scored. */
static void walk(ctx *c, xmlNode *el, int depth, run *r, int in_link) {
  info *in = INFO(el);
  run own = {0, 0, 0};
  run *cur = r;
  int blk = is_block(in->kind);
  if (blk || !r) cur = &own;
  for (xmlNode *ch = el->children; ch; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
      if (!ch->content) continue;
      size_t n, cm;
      count_text(ch->content, &n, &cm);
      cur->chars += n;
      cur->commas += cm;
      in->text += n;
      if (in_link) cur->link += n, in->link += n;
      continue;
    }
    if (ch->type != XML_ELEMENT_NODE || !ch->_private) continue;
    info *ci = INFO(ch);
    classify(c, ch);
    if (ci->skip) continue;
    if (depth >= MAX_DEPTH) continue;
    if (is_block(ci->kind) && cur == &own) {
      if (push_run(c, el, &own)) return;
      own.chars = own.link = own.commas = 0;
      in->nblock++;
    }
    walk(c, ch, depth + 1, cur, in_link || ci->kind == K_A);
    in->text += ci->text;
    in->link += ci->link;
    in->np += ci->np + (ci->kind == K_P);
    in->nimg += ci->nimg + (ci->kind == K_IMG);
    in->nli += ci->nli + (ci->kind == K_LI);
    in->ninput += ci->ninput + (ci->kind == K_INPUT);
    in->nh += ci->nh + (ci->kind == K_H);
  }
  if (cur == &own) push_run(c, el, &own);
}

static int tag_bonus(int k) {
  switch (k) {
  case K_DIV: case K_ARTICLE: case K_MAIN: case K_SECTION: return 5;
  case K_PRE: case K_TD: case K_BLOCKQUOTE: return 3;
  case K_ADDRESS: case K_UL: case K_DL: case K_LI: case K_FORM: return -3;
  case K_H: return -5;
  default: return 0;
  }
}

static int add_score(ctx *c, xmlNode *x, double s) {
  info *in = INFO(x);
  if (!in) return 0;
  if (!in->candidate) {
    if (c->ncands == c->acands) {
      size_t na = c->acands ? c->acands * 2 : 64;
      xmlNode **p = td_realloc(c->cands, na * sizeof *p);
      if (!p) return c->oom = 1, -1;
      c->cands = p;
      c->acands = na;
    }
    c->cands[c->ncands++] = x;
    in->candidate = 1;
    in->score = tag_bonus(in->kind) + in->weight;
    if (in->kind == K_ARTICLE || in->kind == K_MAIN) in->score += 10;
  }
  in->score += s;
  return 0;
}

/* Spread each prose run's score over its containers. A paragraph-like
** owner (p, td, pre, or a div with no block children) is the paragraph,
** so its parent is the first container; otherwise the owner holds the run
** directly and is the first. */
static int spread(ctx *c) {
  for (size_t i = 0; i < c->nruns; i++) {
    xmlNode *o = c->runs[i].owner;
    info *oi = INFO(o);
    int para = oi->kind == K_P || oi->kind == K_PRE || oi->kind == K_TD || oi->kind == K_LI ||
               oi->kind == K_BLOCKQUOTE || oi->kind == K_H || oi->nblock == 0;
    xmlNode *x = para ? o->parent : o;
    for (int level = 0; x && x->type == XML_ELEMENT_NODE && level < 5; level++, x = x->parent) {
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      if (add_score(c, x, c->runs[i].score / div)) return -1;
    }
  }
  return 0;
}

static double link_density(const info *in) {
  return in->text ? (double)in->link / (double)in->text : 0;
}

/* ------------------------------------------------------------- output */

typedef struct out {
  td_buf b;
  int need_par; /* a paragraph break is due before the next text */
  int need_nl;
  int pre;
} out;

static void par(out *o) {
  if (o->b.len) o->need_par = 1;
}

static int put_text(ctx *c, out *o, const xmlChar *t) {
  for (const unsigned char *p = t; *p;) {
    unsigned char ch = *p;
    int sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
    if (o->pre && ch == '\n') {
      if (td_buf_putc(&o->b, '\n')) goto oom;
      p++;
      continue;
    }
    if (sp) {
      while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') p++;
      if (o->b.len && !o->need_par && !o->need_nl && o->b.ptr[o->b.len - 1] != ' ' &&
          o->b.ptr[o->b.len - 1] != '\n')
        if (td_buf_putc(&o->b, ' ')) goto oom;
      continue;
    }
    if (o->need_par && o->b.len) {
      while (o->b.len && o->b.ptr[o->b.len - 1] == ' ') o->b.len--;
      if (td_buf_append(&o->b, "\n\n", 2)) goto oom;
    } else if (o->need_nl && o->b.len) {
      while (o->b.len && o->b.ptr[o->b.len - 1] == ' ') o->b.len--;
      if (td_buf_putc(&o->b, '\n')) goto oom;
    }
    o->need_par = o->need_nl = 0;
    const unsigned char *s = p;
    while (*p && !(*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f')) p++;
    /* A non-breaking space is a space. */
    if (td_buf_append(&o->b, s, (size_t)(p - s))) goto oom;
  }
  return 0;
oom:
  c->oom = 1;
  return -1;
}

/* The visible text of an element as one line (for removals and metadata). */
static void plain_text(xmlNode *el, td_buf *b, int depth) {
  for (xmlNode *ch = el->children; ch; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE && ch->content) {
      for (const unsigned char *p = ch->content; *p; p++) {
        int sp = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (sp) {
          if (b->len && b->ptr[b->len - 1] != ' ') td_buf_putc(b, ' ');
        } else {
          td_buf_putc(b, (char)*p);
        }
      }
    } else if (ch->type == XML_ELEMENT_NODE && depth < MAX_DEPTH) {
      int k = ch->_private ? INFO(ch)->kind : tag_kind(ch->name);
      if (k == K_SKIP) continue;
      if (is_block(k) && b->len && b->ptr[b->len - 1] != ' ') td_buf_putc(b, ' ');
      plain_text(ch, b, depth + 1);
    }
  }
}

static void record(ctx *c, xmlNode *el, const char *why) {
  if (c->nrecorded >= MAX_REMOVED) return;
  td_buf b = TD_BUF_INIT;
  td_buf_init(&b, 4096);
  plain_text(el, &b, 0);
  size_t s = 0, e = b.len;
  while (s < e && b.ptr[s] == ' ') s++;
  while (e > s && b.ptr[e - 1] == ' ') e--;
  if (e > s) {
    if (td_article_add_removed(c->a, b.ptr + s, e - s, why)) c->oom = 1;
    c->nrecorded++;
  }
  td_buf_release(&b);
}

/* Should a container inside the article be left out? (Readability's
** conditional cleaning, simplified.) Returns the reason or NULL. */
static const char *drop_inside(const ctx *c, xmlNode *el) {
  info *in = INFO(el);
  int k = in->kind;
  if (k == K_FIGCAPTION) return "caption";
  if (in->skip == 2) return in->why;
  if (!(c->flags & F_CONDITIONAL)) return NULL;
  if (!(k == K_FORM || k == K_DIV || k == K_SECTION || k == K_UL || k == K_TABLE || k == K_DL || k == K_FIGURE ||
        k == K_HEADER || k == K_ASIDE))
    return NULL;
  double ld = link_density(in);
  if (in->weight < 0 && in->score < 0) return "navigation";
  if (in->text == 0) return NULL;
  /* Lists of links: menus, related articles, tags. */
  if (ld > 0.5 && in->weight < 25) return k == K_UL ? "related" : "navigation";
  if (in->weight < 25 && ld > 0.33 && in->text < 400) return "navigation";
  if (k != K_UL && in->nli > in->np + 3 && ld > 0.2) return "navigation";
  if (in->ninput > 2 && in->ninput * 3 > in->np && in->text < 1500) return "form";
  return NULL;
}

static size_t short_text(xmlNode *el, char *buf, size_t cap);

/* Is the heading el the title of a comment section ("Comments", "12
** Responses to ...", "Leave a Reply")? Only a short heading that says
** nothing else: "Comments from the minister" is the article's. */
static int comment_heading(xmlNode *el) {
  char t[128], w[128];
  size_t n = short_text(el, t, sizeof t), k = 0;
  if (!n) return 0;
  for (size_t i = 0; i < n; i++) { /* letters and single spaces, lower case */
    unsigned char ch = (unsigned char)t[i];
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) w[k++] = (char)lc_ascii(ch);
    else if (ch >= 0x80) w[k++] = (char)ch;
    else if (k && w[k - 1] != ' ') w[k++] = ' ';
  }
  while (k && w[k - 1] == ' ') k--;
  w[k] = '\0';
  static const char *const whole[] = {"comment", "comments", "responses", "replies",
                                      "reader comments", "readers comments", "your comments",
                                      "leave a reply", "leave a comment", "post a comment",
                                      "add a comment", "discussion", "join the discussion",
                                      "one comment", "one response", "no comments",
                                      "comments closed", "comments are closed"};
  for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
    if (!strcmp(w, whole[i])) return 1;
  static const char *const lead[] = {"responses to ", "comments on ", "comments to ",
                                     "thoughts on ", "replies to ", "one response to ",
                                     "one comment on ", "one thought on "};
  for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
    if (!strncmp(w, lead[i], strlen(lead[i]))) return 1;
  return 0;
}

static int emit(ctx *c, out *o, xmlNode *el, int depth, int top) {
  info *in = INFO(el);
  int k = in->kind;
  if (!top) {
    const char *why = drop_inside(c, el);
    if (why) {
      record(c, el, why);
      return 0;
    }
  }
  int blk = is_block(k);
  if (blk) par(o);
  int was_pre = o->pre;
  if (k == K_PRE) o->pre = 1;
  for (xmlNode *ch = el->children; ch && !c->oom; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
      if (ch->content && !c->stopped && put_text(c, o, ch->content)) return -1;
      continue;
    }
    if (ch->type != XML_ELEMENT_NODE || !ch->_private || depth >= MAX_DEPTH) continue;
    info *ci = INFO(ch);
    if (ci->skip == 1) continue;
    if (ci->skip == 2) {
      record(c, ch, ci->why);
      continue;
    }
    if (c->stopped || (ci->kind == K_H && comment_heading(ch))) {
      /* From a comment section's heading on, everything is the section. */
      c->stopped = 1;
      record(c, ch, "comments");
      continue;
    }
    if (ci->kind == K_BR) {
      /* Two <br> in a row end a paragraph, one ends a line. */
      if (o->need_nl) o->need_par = 1;
      else if (o->b.len) o->need_nl = 1;
      continue;
    }
    if (ci->kind == K_HR) {
      par(o);
      continue;
    }
    if (emit(c, o, ch, depth + 1, 0)) return -1;
  }
  o->pre = was_pre;
  if (blk) par(o);
  return c->oom ? -1 : 0;
}

/* ----------------------------------------------------------- metadata */

typedef struct meta {
  const char *title, *og_title, *tw_title, *dc_title;
  const char *author, *site, *canonical, *og_url, *lang, *locale, *content_lang;
  int author_rank; /* see author_key_rank */
  const char *date[TD_DATE_JSONLD + 1];
  const char *modified;
  td_buf title_buf;  /* <title> text */
  td_buf h1;         /* first <h1> text */
  td_buf byline;     /* text of an element marked as the byline */
  td_buf time;       /* datetime of the best <time> */
  int time_rank;     /* 2: marked as the publication date, 1: any */
  char cls_date[21]; /* date in a short element whose class/id says "date" */
  int cls_rank;      /* 2: says "published", "posted", ...; 1: "date", "time" */
  td_jsonld ld;
} meta;

static int lc_eq(const char *a, const char *b) { return a && !strcasecmp(a, b); }

static void meta_key(meta *m, const char *key, const char *content);

static void meta_tag(meta *m, xmlNode *x) {
  const char *content = attr(x, "content");
  if (!content || !*content) return;
  const char *key = attr(x, "property");
  if (!key) key = attr(x, "name");
  if (!key) key = attr(x, "itemprop");
  const char *he = attr(x, "http-equiv");
  if (lc_eq(he, "content-language")) m->content_lang = content;
  if (!key) return;
  /* RDFa allows several properties in one attribute ("dc:creator
  ** twitter:site_name"): each is read. */
  char one[64];
  for (const char *p = key; *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    const char *b = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
    size_t n = (size_t)(p - b);
    if (!n || n >= sizeof one) continue;
    memcpy(one, b, n);
    one[n] = '\0';
    meta_key(m, one, content);
  }
}

/* How much a meta name is trusted for the author: Dublin Core's creator
** (a field for exactly that) above the generic "author", above the names
** analytics and CMS plugins use; 0 for none. */
static int author_key_rank(const char *key) {
  static const char *const keys[] = {"dc:creator", "dc.creator", "dcterm:creator",
                                     "dcterms.creator", "dcterms:creator", "author",
                                     "article:author", "parsely-author", "sailthru.author",
                                     "byl", "citation_author"};
  static const int rank[] = {4, 4, 4, 4, 4, 3, 2, 2, 2, 1, 1};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (!strcasecmp(key, keys[i])) return rank[i];
  return 0;
}

static void meta_key(meta *m, const char *key, const char *content) {
  static const char *const date_keys[] = {
      "article:published_time", "og:article:published_time", "datepublished", "date",
      "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
      "pubdate", "publishdate", "publish_date", "publish-date", "published_time",
      "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
      "original-publish-date", "og:published_time", "og:pubdate", "dc.created",
      "citation_publication_date", "citation_date", "article:published", "cxenseparse:recs:publishtime",
      "datecreated", "displaydate", "pdate", "publication_date", "release_date", "timestamp"};
  for (size_t i = 0; i < sizeof date_keys / sizeof date_keys[0]; i++)
    if (!strcasecmp(key, date_keys[i])) {
      if (!m->date[TD_DATE_META]) m->date[TD_DATE_META] = content;
      return;
    }
  if (!strcasecmp(key, "og:title")) m->og_title = content;
  else if (!strcasecmp(key, "twitter:title")) m->tw_title = content;
  else if (!strcasecmp(key, "dc.title") || !strcasecmp(key, "dcterms.title")) m->dc_title = content;
  else if (!strcasecmp(key, "og:site_name") || (!m->site && !strcasecmp(key, "application-name")))
    m->site = content;
  else if (!strcasecmp(key, "og:url")) m->og_url = content;
  else if (!strcasecmp(key, "og:locale")) m->locale = content;
  else if (!strcasecmp(key, "article:modified_time") || !strcasecmp(key, "datemodified") ||
           !strcasecmp(key, "og:updated_time") || !strcasecmp(key, "last-modified"))
    m->modified = content;
  else if (author_key_rank(key) > m->author_rank && !strstr(content, "://")) {
    m->author = content;
    m->author_rank = author_key_rank(key);
  }
}

static int is_byline_name(const char *s, size_t len) {
  static const char *const w[] = {"byline", "author", "writer", "dateline"};
  static const char *const no[] = {"authoriz", "typewriter", "follow"};
  return HAS(s, len, w) && !HAS(s, len, no) && !comment_name(s, len) && !HAS(s, len, bio_words);
}

static void byline_names(char *s);

/* How much a class/id name says an element holds the publication date: 2
** for "published", "posted", "created", 1 for "date", "time"; 0 for none and
** for names of other dates (updates, comments, related items). */
static int date_name_rank(const char *s, size_t len) {
  static const char *const no[] = {"update", "modif", "edited", "comment", "expir", "related",
                                    "recommend", "popular", "trending", "sidebar", "footer",
                                    "weather", "clock", "event", "runtime", "duration", "reading"};
  static const char *const hi[] = {"publi", "posted", "created", "pubdate", "dateline",
                                   "byline", "entry-date", "post-date", "story-date",
                                   "article-date", "article_date", "articledate", "timestamp",
                                   "fecha", "datum", "dateheure"};
  static const char *const lo[] = {"date", "time", "meta"};
  static const char *const any[] = {"dat", "tim", "publi", "posted", "created", "byline", "fecha",
                                    "meta"};
  if (!len || !HAS(s, len, any) || HAS(s, len, no)) return 0; /* most names: one pass */
  if (HAS(s, len, hi)) return 2;
  return HAS(s, len, lo) ? 1 : 0;
}

/* The text of el when it is short (a date field, not a container): into
** buf, NUL-terminated; its length, or 0 when it runs past cap - 1 bytes. */
static size_t short_text(xmlNode *el, char *buf, size_t cap) {
  size_t n = 0;
  int depth = 0;
  for (xmlNode *x = el->children; x;) {
    if (x->type == XML_TEXT_NODE && x->content) {
      for (const unsigned char *p = x->content; *p; p++) {
        int sp = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (sp && (!n || buf[n - 1] == ' ')) continue;
        if (n + 1 >= cap) return 0;
        buf[n++] = sp ? ' ' : (char)*p;
      }
    }
    if (x->type == XML_ELEMENT_NODE && x->children && depth < 8 &&
        strcmp((const char *)x->name, "script") && strcmp((const char *)x->name, "style")) {
      x = x->children;
      depth++;
      continue;
    }
    while (x && x != el && !x->next) x = x->parent, depth--;
    if (!x || x == el) break;
    x = x->next;
  }
  buf[n] = '\0';
  return n;
}

/* One iterative pass over the whole document for metadata. */
static int collect_meta(xmlNode *root, meta *m) {
  int depth = 0;
  for (xmlNode *x = root; x;) {
    int descend = 1;
    if (x->type == XML_ELEMENT_NODE) {
      const char *n = (const char *)x->name;
      if (!strcmp(n, "meta")) meta_tag(m, x);
      else if (!strcmp(n, "title") && !m->title_buf.len) plain_text(x, &m->title_buf, 0);
      else if (!strcmp(n, "html")) m->lang = attr(x, "lang") ? attr(x, "lang") : attr(x, "xml:lang");
      else if (!strcmp(n, "link")) {
        const char *rel = attr(x, "rel");
        if (lc_eq(rel, "canonical") && !m->canonical) m->canonical = attr(x, "href");
      } else if (!strcmp(n, "script")) {
        const char *t = attr(x, "type");
        if (lc_eq(t, "application/ld+json")) {
          for (xmlNode *ch = x->children; ch; ch = ch->next)
            if (ch->content && td_clean_jsonld((const char *)ch->content,
                                               strlen((const char *)ch->content), &m->ld))
              return -1;
        }
        descend = 0;
      } else if (!strcmp(n, "style")) {
        descend = 0;
      } else if (!strcmp(n, "h1") && !m->h1.len) {
        plain_text(x, &m->h1, 0);
      } else if (!strcmp(n, "time")) {
        const char *dt = attr(x, "datetime");
        const char *ip = attr(x, "itemprop");
        int rank = (attr(x, "pubdate") || lc_eq(ip, "datePublished")) ? 2 : 1;
        if (ip && !strcasecmp(ip, "dateModified")) rank = 0;
        if (rank > m->time_rank) {
          td_buf_clear(&m->time);
          if (dt && *dt) td_buf_puts(&m->time, dt);
          else plain_text(x, &m->time, 0);
          if (m->time.len) m->time_rank = rank;
        }
      } else {
        const char *ip = attr(x, "itemprop");
        char nm[300];
        size_t nl = names_of(x, nm, sizeof nm);
        /* A comment thread's names and dates are its commenters'. */
        if (nl && strcmp(n, "body") && comment_name(nm, nl)) {
          descend = 0;
          goto next;
        }
        if (m->cls_rank < 2) {
          char tx[160];
          int r = nl ? date_name_rank(nm, nl) : 0;
          size_t tl;
          if (r > m->cls_rank && (tl = short_text(x, tx, sizeof tx)) &&
              td_clean_date_from_text(tx, tl, m->cls_date) == 0) {
            m->cls_rank = r;
          }
        }
        if (ip && !strcmp(ip, "datePublished") && !m->date[TD_DATE_META]) {
          const char *v = attr(x, "content");
          if (!v) v = attr(x, "datetime");
          if (v) m->date[TD_DATE_META] = v;
        }
        if (!m->byline.len) {
          const char *rel = attr(x, "rel");
          if (lc_eq(rel, "author") || (ip && !strcmp(ip, "author")) ||
              (nl && is_byline_name(nm, nl))) {
            plain_text(x, &m->byline, 0);
            if (m->byline.len > 120 || m->byline.len < 3) {
              td_buf_clear(&m->byline);
            } else {
              /* Only an element that still names someone once the "By",
              ** dates and menus are gone is the byline; else look on. */
              char probe[128];
              memcpy(probe, m->byline.ptr, m->byline.len + 1);
              byline_names(probe);
              if (!*probe) td_buf_clear(&m->byline);
              else descend = 0;
            }
          }
        }
      }
    }
  next:
    if (descend && x->children && x->type == XML_ELEMENT_NODE && depth < MAX_DEPTH) {
      x = x->children;
      depth++;
      continue;
    }
    while (x && x != root && !x->next) x = x->parent, depth--;
    if (!x || x == root) break;
    x = x->next;
  }
  return 0;
}

/* Trim, collapse white space; new string or NULL. */
static char *clean_line(const char *s, size_t len) {
  td_buf b = TD_BUF_INIT;
  td_buf_init(&b, 1 << 16);
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      if (b.len && b.ptr[b.len - 1] != ' ') td_buf_putc(&b, ' ');
    } else if (td_buf_putc(&b, (char)ch)) {
      break;
    }
  }
  while (b.len && b.ptr[b.len - 1] == ' ') b.ptr[--b.len] = '\0';
  return td_buf_detach(&b);
}

static int set_clean(char **field, const char *s) {
  if (!s) return 0;
  char *v = clean_line(s, strlen(s));
  if (!v) return -1;
  if (!*v) {
    td_free(v);
    return 0;
  }
  td_free(*field);
  *field = v;
  return 0;
}

/* "Headline | Site" → "Headline": drop the part that names the site, or the
** shorter side of the last separator when the rest still reads as a title. */
static char *title_from_doc(const char *t, const char *h1, const char *site) {
  char *v = clean_line(t, strlen(t));
  if (!v) return NULL;
  if (h1 && *h1 && strlen(h1) >= 10 && strstr(v, h1)) {
    td_free(v);
    return clean_line(h1, strlen(h1));
  }
  static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "};
  char *best = NULL;
  for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
    char *p = NULL, *q = v;
    while ((q = strstr(q, seps[i]))) p = q, q++;
    if (p && (!best || p > best)) best = p;
  }
  if (best) {
    size_t sl = 0;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
      if (!strncmp(best, seps[i], strlen(seps[i]))) sl = strlen(seps[i]);
    const char *tail = best + sl;
    int words = 1;
    for (const char *p = v; p < best; p++) words += *p == ' ';
    if ((site && strstr(tail, site)) || words >= 3) *best = '\0';
  }
  return v;
}

/* Language tag: "en_US" → "en-US", the primary subtag lower-cased. */
static int set_lang(char **field, const char *s) {
  if (!s) return 0;
  char v[36];
  size_t n = 0;
  while (*s == ' ') s++;
  for (; *s && *s != ' ' && *s != ',' && *s != ';' && n + 1 < sizeof v; s++) {
    char ch = *s == '_' ? '-' : *s;
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' ||
          (ch >= '0' && ch <= '9')))
      return 0;
    v[n++] = ch;
  }
  v[n] = '\0';
  if (n < 2) return 0;
  for (size_t i = 0; i < n && v[i] != '-'; i++)
    if (v[i] >= 'A' && v[i] <= 'Z') v[i] += 32;
  return td_article_set(field, v, n);
}

static int absolute_url(const char *u) {
  return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

/* Words in s (a rough count for comparing extractions). */
static size_t nwords(const char *s) {
  size_t n = 0;
  int in = 0;
  for (; *s; s++) {
    int sp = *s == ' ' || *s == '\n' || *s == '\t';
    if (!sp && !in) n++;
    in = !sp;
  }
  return n;
}

/* Is day a (YYYY-MM-DD...) the day after day b? */
static int next_day(const char *a, const char *b) {
  int64_t da, db;
  char x[11], y[11];
  memcpy(x, a, 10), x[10] = '\0';
  memcpy(y, b, 10), y[10] = '\0';
  return td_isodate_days(x, &da) == 0 && td_isodate_days(y, &db) == 0 && da == db + 1;
}

/* Does the timestamp s say it is in UTC ("Z", "+00:00", "GMT")? One
** without a zone is the outlet's local time already. */
static int says_utc(const char *s, size_t len) {
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t')) len--;
  if (len && (s[len - 1] == 'Z' || s[len - 1] == 'z')) return 1;
  static const char *const z[] = {"+00:00", "+0000", "-00:00", "GMT", "UTC"};
  for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
    size_t n = strlen(z[i]);
    if (len >= n && !strncasecmp(s + len - n, z[i], n)) return 1;
  }
  return 0;
}

/* Try the candidate s as the date: 0 with *d set and *src = s, or -1. */
static int try_date(const char *s, size_t len, char d[21], const char **src, size_t *srclen) {
  if (!s || !len || td_clean_parse_date(s, len, d)) return -1;
  *src = s;
  *srclen = len;
  return 0;
}

/* Pick the date: the most trusted source that reads as a date (the order of
** htmldate: structured data, then the URL, then date-named elements, then
** the text; the original before the modified). The day is the one the
** outlet wrote: a timestamp with an offset keeps its written day, and a UTC
** timestamp near midnight gives way to a day the page shows (its URL, a date
** element) when that is the next or the previous day, the outlet's local day.
** A date from the page replaces the reader's only when it is not later than
** it (the reader's may be a crawl date; a publication date cannot follow it). */
static int pick_date(td_article *a, meta *m, const char *text) {
  char d[21], ud[21];
  int rank = TD_DATE_NONE;
  const char *url = a->url, *src = NULL;
  size_t srclen = 0;
  int have_url = td_clean_date_from_url(url, ud) == 0 || td_clean_date_from_url(m->canonical, ud) == 0 ||
                 td_clean_date_from_url(m->og_url, ud) == 0;
  const char *ldp = m->ld.published, *mp = m->date[TD_DATE_META];
  if (ldp && !try_date(ldp, strlen(ldp), d, &src, &srclen))
    rank = TD_DATE_JSONLD;
  else if (mp && !try_date(mp, strlen(mp), d, &src, &srclen))
    rank = TD_DATE_META;
  else if (m->time_rank == 2 && !try_date(m->time.ptr, m->time.len, d, &src, &srclen))
    rank = TD_DATE_TIME;
  else if (have_url)
    memcpy(d, ud, sizeof d), rank = TD_DATE_URL;
  else if (m->cls_rank == 2)
    memcpy(d, m->cls_date, sizeof d), rank = TD_DATE_TIME;
  else if (m->time_rank == 1 && !try_date(m->time.ptr, m->time.len, d, &src, &srclen))
    rank = TD_DATE_TIME;
  else if (m->cls_rank == 1)
    memcpy(d, m->cls_date, sizeof d), rank = TD_DATE_TIME;
  else if (m->modified && !try_date(m->modified, strlen(m->modified), d, &src, &srclen))
    rank = TD_DATE_TIME;
  else if (m->ld.modified && !try_date(m->ld.modified, strlen(m->ld.modified), d, &src, &srclen))
    rank = TD_DATE_TIME;
  else if (m->byline.len && td_clean_date_from_text(m->byline.ptr, m->byline.len, d) == 0)
    rank = TD_DATE_TEXT;
  else if (text && td_clean_date_from_text(text, strlen(text) < 3000 ? strlen(text) : 3000, d) == 0)
    rank = TD_DATE_TEXT;
  if (rank == TD_DATE_NONE) return 0;
  if (src && strlen(d) > 10) {
    char w[11];
    if (td_clean_written_day(src, srclen, w) == 0 && strncmp(w, d, 10)) {
      memcpy(d, w, 11); /* the offset moved the day: keep the written one */
    } else if (says_utc(src, srclen)) {
      /* UTC: the local day may be the next one (the outlet east of
      ** Greenwich, late in the UTC day) or the previous one (west of it,
      ** early in the UTC day). */
      int h = (d[11] - '0') * 10 + (d[12] - '0');
      const char *local[3] = {have_url ? ud : NULL, m->cls_rank ? m->cls_date : NULL, NULL};
      char bd[21];
      if (m->byline.len && td_clean_date_from_text(m->byline.ptr, m->byline.len, bd) == 0)
        local[2] = bd;
      for (int i = 0; i < 3; i++) {
        if (!local[i]) continue;
        if (!strncmp(local[i], d, 10)) break;
        if ((h >= 12 && next_day(local[i], d)) || (h < 9 && next_day(d, local[i]))) {
          memcpy(d, local[i], 10);
          d[10] = '\0';
          break;
        }
      }
    }
  }
  if (a->date) {
    if (rank == TD_DATE_TEXT) return 0;
    if (strncmp(d, a->date, 10) > 0) return 0;
    if (!strncmp(d, a->date, 10) && strlen(a->date) > strlen(d)) return 0; /* keep the time */
  }
  return td_article_set(&a->date, d, strlen(d));
}

/* A byline element says more than the names: "By", the date, the time
** ago, a separator and a share bar, a job title after a comma. Keep the
** names, in place; an empty string when what is left is no byline (a menu
** of many words). */
static void byline_names(char *s) {
  static const char *const lead[] = {"by ", "por ", "par ", "door ", "av "};
  static const char *const menu[] = {"sign in", "log in", "sign up", "subscribe", "menu"};
  size_t len = strlen(s);
  if (HAS(s, len, menu)) {
    *s = '\0';
    return;
  }
  /* "Tech Industry by Steven Musil": the names follow the last "by". */
  for (const char *p; (p = strcasestr(s, " by "));) memmove(s, p + 4, strlen(p + 4) + 1);
  len = strlen(s);
  for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
    size_t n = strlen(lead[i]);
    if (len > n && !strncasecmp(s, lead[i], n)) {
      memmove(s, s + n, len - n + 1);
      len -= n;
      break;
    }
  }
  /* Cut at a separator, a digit (a date, a time, "2 hours ago"), or a word
  ** that says when ("Updated", "Published", "hours ago"). */
  static const char *const cut[] = {" - ",      " – ",       " — ",    " | ",   " • ",
                                    " · ",      "|",         " /",     "last updated",
                                    "updated",  "published", "posted", " on ",  " ago",
                                    " před ",   " il y a ",  " hace "};
  size_t end = len;
  for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
    for (const char *p = s; (p = strcasestr(p, cut[i])); p++) {
      if (cut[i][0] != ' ' && cut[i][0] != '|' && p > s && p[-1] != ' ') continue;
      if ((size_t)(p - s) < end) end = (size_t)(p - s);
      break;
    }
  }
  for (size_t i = 0; i < end; i++)
    if (s[i] >= '0' && s[i] <= '9') {
      end = i;
      break;
    }
  /* A month name standing before the digit cut: "Nathan Willis March 25". */
  s[end] = '\0';
  while (end && (s[end - 1] == ' ' || s[end - 1] == ',' || s[end - 1] == '-')) s[--end] = '\0';
  char *sp = strrchr(s, ' ');
  if (sp && end != len) {
    size_t k = 0;
    char w[12];
    while (sp[1 + k] && k < sizeof w - 1) w[k] = sp[1 + k], k++;
    w[k] = '\0';
    char d[21], probe[32];
    snprintf(probe, sizeof probe, "%s 1, 2000", w);
    if (td_clean_parse_date(probe, strlen(probe), d) == 0) *sp = '\0', end = (size_t)(sp - s);
  }
  /* "Name, Senior Staff Technologist, ACLU": a part after a comma with a
  ** lower-case word or a job word is a title, not another name. */
  static const char *const jobs[] = {"editor", "writer", "reporter", "correspondent", "staff",
                                     "columnist", "contributor", "senior", "chief", "news",
                                     "technologist", "producer", "journalist", "analyst"};
  for (char *c = strchr(s, ','); c; c = strchr(c + 1, ',')) {
    const char *q = c + 1;
    int title = 0;
    for (const char *p = q; *p && *p != ',' && !title; p++)
      if ((p == q || p[-1] == ' ') && *p >= 'a' && *p <= 'z' && strncmp(p, "and ", 4) &&
          strncmp(p, "de ", 3) && strncmp(p, "van ", 4) && strncmp(p, "von ", 4))
        title = 1;
    const char *ce = strchr(q, ',');
    size_t ql = ce ? (size_t)(ce - q) : strlen(q);
    if (HAS(q, ql, jobs)) title = 1;
    if (title) {
      *c = '\0';
      end = (size_t)(c - s);
      break;
    }
  }
  for (;;) { /* trailing blanks, commas and dashes ("Nicolas Perriault —") */
    if (end && (s[end - 1] == ' ' || s[end - 1] == ',' || s[end - 1] == '-'))
      s[--end] = '\0';
    else if (end >= 3 && (unsigned char)s[end - 3] == 0xE2 && (unsigned char)s[end - 2] == 0x80 &&
             ((unsigned char)s[end - 1] == 0x93 || (unsigned char)s[end - 1] == 0x94))
      s[end -= 3] = '\0';
    else
      break;
  }
  /* "Ben Okafor Sports Editor": a job title after the names with no comma;
  ** its desk ("Sports", "Senior") goes with it. Two words stay at least. */
  static const char *const job_end[] = {"editor", "writer", "reporter", "correspondent",
                                        "columnist", "contributor", "producer", "journalist",
                                        "analyst", "critic", "photographer"};
  static const char *const desk[] = {
      "staff", "senior", "chief", "contributing", "managing", "associate", "deputy",
      "executive", "assistant", "special", "news", "sports", "business", "politics",
      "political", "science", "health", "tech", "technology", "games", "gaming",
      "entertainment", "culture", "arts", "travel", "food", "fashion", "music", "film",
      "world", "foreign", "national", "local", "metro", "city", "opinion", "features",
      "investigative", "legal", "energy", "climate", "environment", "education", "economics",
      "finance", "markets", "crime", "video", "digital", "web", "online", "copy"};
  for (int pass = 0; pass < 3; pass++) {
    size_t words = 0;
    for (size_t i = 0; i < end; i++) words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    char *last = strrchr(s, ' ');
    if (words <= 2 || !last || last[1] < 'A' || last[1] > 'Z') break;
    char w[24];
    size_t wl = strlen(last + 1);
    if (wl >= sizeof w) break;
    for (size_t i = 0; i <= wl; i++) w[i] = (char)lc_ascii((unsigned char)last[1 + i]);
    int is_job = 0;
    const char *const *list = pass == 0 ? job_end : desk;
    size_t nlist = pass == 0 ? sizeof job_end / sizeof job_end[0] : sizeof desk / sizeof desk[0];
    for (size_t i = 0; i < nlist && !is_job; i++) is_job = !strcmp(w, list[i]);
    if (!is_job) break;
    *last = '\0';
    end = (size_t)(last - s);
  }
  size_t words = 0;
  for (size_t i = 0; i < end; i++) words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
  if (words > 12) *s = '\0';
}

/* Does the JSON-LD headline agree with what the page shows (its <title>,
** og:title or first <h1> holds it, or it holds one of them)? Some sites
** put a one-line description there; then the page's own title is used. */
static int ld_headline_agrees(const meta *m) {
  const char *h = m->ld.headline;
  const char *shown[] = {m->title_buf.ptr, m->og_title, m->h1.ptr};
  int any = 0;
  for (size_t i = 0; i < 3; i++) {
    const char *t = shown[i];
    if (!t || !*t) continue;
    any = 1;
    if (strcasestr(t, h) || strcasestr(h, t)) return 1;
  }
  return !any;
}

/* Fill the article's metadata from what the page says. */
static int apply_meta(td_article *a, meta *m, const char *text) {
  td_jsonld *ld = &m->ld;
  const char *site = m->site ? m->site : ld->publisher;
  if (!a->source && site && set_clean(&a->source, site)) return -1;
  if (!a->title) {
    const char *t = ld->headline && ld_headline_agrees(m) ? ld->headline
                    : m->og_title ? m->og_title
                    : m->tw_title ? m->tw_title
                    : m->dc_title;
    if (t) {
      char *v = title_from_doc(t, NULL, site);
      if (!v) return -1;
      a->title = v;
    } else if (m->title_buf.len) {
      char *v = title_from_doc(m->title_buf.ptr, m->h1.ptr, site);
      if (!v) return -1;
      a->title = v;
    } else if (m->h1.len && set_clean(&a->title, m->h1.ptr)) {
      return -1;
    }
    if (a->title && !*a->title) td_article_set(&a->title, NULL, 0);
  }
  if (!a->byline) {
    const char *b = ld->author ? ld->author : m->author ? m->author : m->byline.ptr;
    if (b && set_clean(&a->byline, b)) return -1;
    if (a->byline) {
      byline_names(a->byline);
      if (!*a->byline) td_article_set(&a->byline, NULL, 0);
    }
  }
  /* The canonical URL stands in for a missing one (or for the file path). */
  if (!a->url || (a->origin && !strcmp(a->url, a->origin))) {
    const char *u = absolute_url(m->canonical) ? m->canonical
                    : absolute_url(m->og_url)  ? m->og_url
                    : absolute_url(ld->url)    ? ld->url
                                               : NULL;
    if (u && set_clean(&a->url, u)) return -1;
  }
  if (!a->lang) {
    const char *l = m->lang ? m->lang : m->content_lang ? m->content_lang
                    : m->locale ? m->locale : ld->lang;
    if (set_lang(&a->lang, l)) return -1;
  }
  return pick_date(a, m, text);
}

/* ------------------------------------------------------------ driver */

/* The best container and the siblings that belong with it, written out. */
static int extract_text(ctx *c, xmlNode *body, out *o) {
  if (!c->infos && assign_infos(c, body)) return -1;
  classify(c, body);
  INFO(body)->skip = 0;
  walk(c, body, 0, NULL, 0);
  if (c->oom || spread(c)) return -1;
  xmlNode *top = NULL;
  double best = 0;
  for (size_t i = 0; i < c->ncands; i++) {
    info *in = INFO(c->cands[i]);
    in->score *= 1.0 - link_density(in);
    if (!top || in->score > best) top = c->cands[i], best = in->score;
  }
  if (!top) return emit(c, o, body, 0, 1);
  /* The page's own articleBody, when it holds prose, is the article: a
  ** slideshow of long captions inside or beside it can outscore it. */
  if (c->body_prop && c->body_prop != top && !INFO(c->body_prop)->skip) {
    info *bi = INFO(c->body_prop);
    if (bi->text >= 250 && link_density(bi) < 0.5) top = c->body_prop, best = bi->score > best ? bi->score : best;
  }
  /* A container that is all of its parent's text stands for the parent. */
  while (top->parent && top->parent->type == XML_ELEMENT_NODE && top != body) {
    info *pi = INFO(top->parent);
    if (!pi || pi->skip || INFO(top)->text != pi->text) break;
    top = top->parent;
  }
  xmlNode *parent = top->parent;
  if (!parent || parent->type != XML_ELEMENT_NODE || top == body) return emit(c, o, top, 0, 1);
  double threshold = best * 0.2 > 10 ? best * 0.2 : 10;
  const char *tcls = attr(top, "class");
  for (xmlNode *s = parent->children; s && !c->oom; s = s->next) {
    if (s->type != XML_ELEMENT_NODE || !s->_private) continue;
    info *si = INFO(s);
    if (si->skip) continue;
    int take = s == top;
    if (!take && si->candidate) {
      double bonus = 0;
      const char *scls = attr(s, "class");
      if (tcls && scls && *tcls && !strcmp(tcls, scls)) bonus = best * 0.2;
      if (si->score + bonus >= threshold) take = 1;
    }
    if (!take && (si->kind == K_P || (si->kind == K_DIV && si->nblock == 0))) {
      double ld = link_density(si);
      if (si->text > 80 && ld < 0.25) take = 1;
      else if (si->text > 0 && si->text < 80 && ld == 0) {
        /* A short paragraph that ends a sentence. */
        td_buf b = TD_BUF_INIT;
        plain_text(s, &b, 0);
        while (b.len && b.ptr[b.len - 1] == ' ') b.len--;
        if (b.len && b.ptr[b.len - 1] == '.') take = 1;
        td_buf_release(&b);
      }
    }
    if (take && c->stopped) record(c, s, "comments");
    else if (take && emit(c, o, s, 0, s == top)) return -1;
  }
  return c->oom ? -1 : 0;
}

/* Undo an attempt: its text, its removals, its scores. */
static void reset_attempt(ctx *c, td_article *a, size_t nrem, out *o) {
  while (a->nremoved > nrem) {
    a->nremoved--;
    td_free(a->removed[a->nremoved].text);
    td_free(a->removed[a->nremoved].reason);
  }
  td_buf_clear(&o->b);
  o->need_par = o->need_nl = o->pre = 0;
  for (size_t i = 0; i < c->ninfo; i++) {
    unsigned char kind = c->infos[i].kind;
    memset(&c->infos[i], 0, sizeof c->infos[i]);
    c->infos[i].kind = kind;
  }
  c->nruns = c->ncands = c->nrecorded = 0;
  c->body_prop = NULL;
  c->stopped = 0;
}

/* Body text from articleBody: its own lines become paragraphs. */
static char *body_from_ld(const char *s) {
  td_buf b = TD_BUF_INIT;
  for (const char *p = s; *p; p++) {
    if (*p == '\n') {
      if (b.len && b.ptr[b.len - 1] != '\n') td_buf_append(&b, "\n\n", 2);
    } else if (td_buf_putc(&b, *p)) {
      td_buf_release(&b);
      return NULL;
    }
  }
  return td_buf_detach(&b);
}

int td_clean_html(td_article *a, const char **why) {
  *why = NULL;
  size_t len = strlen(a->html);
  if (len > INT32_MAX) {
    *why = "the page is too large to parse";
    return TD_EINPUT;
  }
  size_t ulen;
  char *u = td_clean_to_utf8(a->html, len, NULL, &ulen);
  if (!u) return TD_ENOMEM;
  htmlDocPtr doc = htmlReadMemory(u, (int)ulen, NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS);
  td_free(u);
  if (!doc) {
    *why = "the page could not be parsed as HTML";
    return TD_EINPUT;
  }
  int rc = TD_OK;
  meta m;
  memset(&m, 0, sizeof m);
  ctx c;
  memset(&c, 0, sizeof c);
  c.a = a;
  out o;
  memset(&o, 0, sizeof o);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!root) {
    *why = "the page has no HTML content";
    rc = TD_EINPUT;
    goto done;
  }
  if (collect_meta(root, &m)) goto oom;
  xmlNode *body = NULL;
  for (xmlNode *x = root->children; x; x = x->next)
    if (x->type == XML_ELEMENT_NODE && !strcmp((const char *)x->name, "body")) body = x;
  if (!body) body = root;
  /* Too little text: try again with fewer steps (names, weights, cleaning),
  ** and keep an attempt only when it finds clearly more (a short article
  ** must not lose to a long sidebar). */
  static const int attempts[] = {F_ALL, F_ALL & ~F_UNLIKELY, F_CONDITIONAL, 0};
  size_t nrem = a->nremoved, best_len = 0;
  int best = -1, last = -1;
  for (int k = 0; k < 4; k++) {
    int run_k = k;
    if (last >= 0) {
      /* Undo the last attempt: its text, its removals, its scores. */
      reset_attempt(&c, a, nrem, &o);
    }
    c.flags = attempts[run_k];
    if (extract_text(&c, body, &o) || c.oom) goto oom;
    last = run_k;
    if (best < 0 || o.b.len >= 2 * best_len + 200) best = run_k, best_len = o.b.len;
    if (o.b.len >= 500) break;
  }
  if (best != last) {
    reset_attempt(&c, a, nrem, &o);
    c.flags = attempts[best];
    if (extract_text(&c, body, &o) || c.oom) goto oom;
  }
  char *text = td_buf_detach(&o.b);
  if (!text) goto oom;
  /* articleBody, when the page has one and our text is clearly shorter. */
  if (m.ld.body && m.ld.article && !strchr(m.ld.body, '<')) {
    size_t lw = nwords(m.ld.body), tw = nwords(text);
    if (lw >= 50 && tw * 10 < lw * 6) {
      char *t2 = body_from_ld(m.ld.body);
      if (!t2) {
        td_free(text);
        goto oom;
      }
      td_free(text);
      text = t2;
    }
  }
  td_free(a->text);
  a->text = text;
  if (apply_meta(a, &m, text)) goto oom;
  goto done;
oom:
  rc = TD_ENOMEM;
done:
  td_buf_release(&o.b);
  td_buf_release(&m.title_buf);
  td_buf_release(&m.h1);
  td_buf_release(&m.byline);
  td_buf_release(&m.time);
  td_clean_jsonld_release(&m.ld);
  td_free(c.infos);
  td_free(c.runs);
  td_free(c.cands);
  xmlFreeDoc(doc);
  return rc;
}
