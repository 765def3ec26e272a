/*
** rss.c — the feed reader: RSS 2.0, RSS 1.0 (RDF) and Atom.
**
** The feed is parsed by libxml2's XML parser with the network off and no
** entity substitution (XML_PARSE_NONET, no XML_PARSE_NOENT, no DTD loading),
** so a feed cannot fetch anything or expand entities into a bomb; text is
** gathered from text and CDATA nodes only. Each item or entry becomes one
** article: its link, title, date (pubDate, dc:date, published, updated),
** author, and the channel's title as the source. Full content
** (content:encoded, Atom content) or else the summary (description,
** summary) is handed to the clean stage as HTML, wrapped so that the whole
** fragment is the article; plain-text Atom content goes in as text.
*/
#include "read/read.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#define MAX_DEPTH 64

static int is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int ns_is(const xmlNode *n, const char *prefix_uri_part) {
  return n->ns && n->ns->href && strstr((const char *)n->ns->href, prefix_uri_part);
}

/* Text and CDATA below n, entity references left out (never expanded). */
static int gather(const xmlNode *n, td_buf *b, int depth) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      if (td_buf_puts(b, (const char *)c->content)) return -1;
    } else if (c->type == XML_ELEMENT_NODE && depth < MAX_DEPTH) {
      if (gather(c, b, depth + 1)) return -1;
    }
  }
  return 0;
}

/* Atom xhtml content: serialise the child elements back to markup. */
static int serialise(xmlNode *n, td_buf *b) {
  xmlBufferPtr xb = xmlBufferCreate();
  if (!xb) return -1;
  for (xmlNode *c = n->children; c; c = c->next) xmlNodeDump(xb, n->doc, c, 0, 0);
  int rc = td_buf_append(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
  xmlBufferFree(xb);
  return rc;
}

static int set_text(char **field, const xmlNode *n) {
  td_buf b = TD_BUF_INIT;
  td_buf_init(&b, 1 << 20);
  if (gather(n, &b, 0)) {
    td_buf_release(&b);
    return -1;
  }
  size_t s = 0, e = b.len;
  while (s < e && (b.ptr[s] == ' ' || b.ptr[s] == '\n' || b.ptr[s] == '\t' || b.ptr[s] == '\r')) s++;
  while (e > s && (b.ptr[e - 1] == ' ' || b.ptr[e - 1] == '\n' || b.ptr[e - 1] == '\t' ||
                   b.ptr[e - 1] == '\r'))
    e--;
  int rc = 0;
  if (e > s) rc = td_article_set(field, b.ptr + s, e - s);
  td_buf_release(&b);
  return rc;
}

typedef struct item_parts {
  const xmlNode *content, *summary, *link_href;
  int content_is_text, content_is_xhtml;
} item_parts;

static int is_feed_root(const xmlNode *r) {
  return is(r, "rss") || is(r, "feed") || is(r, "RDF");
}

/* One item or entry. */
static int item(xmlNode *it, const char *channel, const char *origin, td_sink *sink) {
  td_article a;
  td_article_init(&a);
  a.origin = origin;
  a.line = it->line > 0 && it->line < 65535 ? it->line : 0;
  item_parts p;
  memset(&p, 0, sizeof p);
  const xmlNode *date = NULL, *updated = NULL;
  int rc = TD_OK;
  for (xmlNode *c = it->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *n = (const char *)c->name;
    if (!strcmp(n, "title")) {
      if (set_text(&a.title, c)) goto oom;
    } else if (!strcmp(n, "link")) {
      xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
      if (href) {
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        int alt = !rel || !strcmp((const char *)rel, "alternate");
        if (alt && (!a.url || !p.link_href) &&
            td_article_set(&a.url, (const char *)href, strlen((const char *)href))) {
          xmlFree(rel);
          xmlFree(href);
          goto oom;
        }
        if (alt) p.link_href = c;
        xmlFree(rel);
        xmlFree(href);
      } else if (!a.url && set_text(&a.url, c)) {
        goto oom;
      }
    } else if (!strcmp(n, "guid")) {
      xmlChar *perma = xmlGetProp(c, (const xmlChar *)"isPermaLink");
      int ok = !perma || strcmp((const char *)perma, "false");
      xmlFree(perma);
      if (ok && !a.url && set_text(&a.url, c)) goto oom;
    } else if (!strcmp(n, "pubDate") || !strcmp(n, "published") ||
               (!strcmp(n, "date") && ns_is(c, "purl.org/dc"))) {
      if (!date) date = c;
    } else if (!strcmp(n, "updated") || !strcmp(n, "modified")) {
      updated = c;
    } else if (!strcmp(n, "encoded") && ns_is(c, "purl.org/rss/1.0/modules/content")) {
      p.content = c;
    } else if (!strcmp(n, "content")) {
      xmlChar *type = xmlGetProp(c, (const xmlChar *)"type");
      const char *t = (const char *)type;
      if (!p.content) {
        p.content = c;
        p.content_is_text = !t || !strcmp(t, "text") || !strcmp(t, "text/plain");
        p.content_is_xhtml = t && !strcmp(t, "xhtml");
      }
      xmlFree(type);
    } else if (!strcmp(n, "description") || !strcmp(n, "summary")) {
      if (!p.summary) p.summary = c;
    } else if (!strcmp(n, "author") || (!strcmp(n, "creator") && ns_is(c, "purl.org/dc"))) {
      const xmlNode *who = c;
      for (const xmlNode *k = c->children; k; k = k->next)
        if (is(k, "name")) who = k;
      if (!a.byline && set_text(&a.byline, who)) goto oom;
    }
  }
  if (!date) date = updated;
  if (date && set_text(&a.date, date)) goto oom;
  if (channel && td_article_set(&a.source, channel, strlen(channel))) goto oom;
  const xmlNode *body = p.content ? p.content : p.summary;
  if (!body) {
    td_sink_diagf(sink, origin, a.line, -1, 1, "feed item \"%.60s\" has no content or summary",
                  a.title ? a.title : "(untitled)");
    goto out;
  }
  td_buf b = TD_BUF_INIT;
  if (body == p.content && p.content_is_text) {
    if (set_text(&a.text, body)) goto oom;
  } else {
    /* The fragment is the article: say so to the extractor. */
    if (td_buf_puts(&b, "<html><body><article>")) goto oomb;
    if (body == p.content && p.content_is_xhtml ? serialise((xmlNode *)body, &b)
                                                : gather(body, &b, 0))
      goto oomb;
    if (td_buf_puts(&b, "</article></body></html>")) goto oomb;
    a.html = td_buf_detach(&b);
    if (!a.html) goto oom;
  }
  rc = sink->article(sink->ctx, &a);
  goto out;
oomb:
  td_buf_release(&b);
oom:
  rc = TD_ENOMEM;
out:
  td_article_release(&a);
  return rc;
}

int td_read_rss(const char *buf, size_t len, const char *origin, td_sink *sink) {
  if (len > TD_READ_MAX_DOC || len > 0x7fffffff) {
    td_sink_diagf(sink, origin, 0, 0, 1, "the feed is larger than %zu MB", TD_READ_MAX_DOC >> 20);
    return TD_OK;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return TD_ENOMEM;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, origin, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root || !is_feed_root(root)) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    if (!doc && e && e->message) {
      /* libxml2 gives a line and column; the offset is where it stopped. */
      long long off = ctxt->input ? (long long)(ctxt->input->cur - ctxt->input->base) : -1;
      size_t ml = strlen(e->message);
      while (ml && e->message[ml - 1] == '\n') ml--;
      td_sink_diagf(sink, origin, e->line, off, 1, "not a well-formed feed: %.*s (column %d)",
                    (int)ml, e->message, e->int2);
    } else {
      td_sink_diagf(sink, origin, 0, 0, 1, "not an RSS or Atom feed (the root element is <%s>)",
                    root ? (const char *)root->name : "none");
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return TD_OK;
  }
  int rc = TD_OK;
  char *channel = NULL;
  xmlNode *chan = NULL;
  if (is(root, "rss")) {
    for (xmlNode *c = root->children; c; c = c->next)
      if (is(c, "channel")) chan = c;
  } else {
    chan = root; /* Atom feed, or RDF whose items sit beside the channel */
  }
  for (xmlNode *c = root->children; c && !channel; c = c->next) {
    xmlNode *t = NULL;
    if (is(c, "channel")) {
      for (xmlNode *k = c->children; k; k = k->next)
        if (is(k, "title")) t = k;
    } else if (is(c, "title")) {
      t = c;
    }
    if (t && set_text(&channel, t)) {
      rc = TD_ENOMEM;
      goto out;
    }
  }
  long items = 0;
  for (int pass = 0; pass < 2 && !rc; pass++) {
    xmlNode *parent = pass == 0 ? chan : root;
    if (pass == 1 && parent == chan) break;
    for (xmlNode *c = parent ? parent->children : NULL; c && !rc; c = c->next) {
      if (is(c, "item") || is(c, "entry")) {
        items++;
        rc = item(c, channel, origin, sink);
      }
    }
  }
  if (!rc && items == 0)
    td_sink_diagf(sink, origin, 0, -1, 1, "the feed has no items");
out:
  td_free(channel);
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
  return rc;
}
