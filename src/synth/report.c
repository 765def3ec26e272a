/*
** report.c — the story report: summary, consensus, unique material and
** conflicts from one alignment model (synthesise stage; see synth.h).
**
** Consensus is a fact (a sentence) that two or more independent outlets
** state, shown in the words of the sentence with the broadest support (ties:
** the closest wording), strongest support first; once a fact is shown, the
** other outlets' sentences stating it are not shown again. Unique material
** is a sentence no other outlet comes near (no link of cosine 0.2 or more):
** per article, the most informative few (by the weight of their terms), in
** the article's own order. Copies are no voice of their own, but a copy that
** carries a sentence word for word is listed among its supporters. A
** sentence is shown without its article's dateline ("PORT ILMEN — ").
*/
#include "synth/synth.h"
#include "tidings.h"
#include "util/alloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A sentence that no other outlet has anything near to. */
#define UNIQUE_MAX_LINK 0.20f

static int push_doc(td_synth_item *it, uint32_t d) {
  for (size_t i = 0; i < it->ndocs; i++)
    if (it->docs[i] == d) return 0;
  uint32_t *nd = td_realloc(it->docs, (it->ndocs + 1) * sizeof *nd);
  if (!nd) return -1;
  it->docs = nd;
  size_t at = it->ndocs++;
  while (at > 0 && nd[at - 1] > d) {
    nd[at] = nd[at - 1];
    at--;
  }
  nd[at] = d;
  return 0;
}

/* The supporters of sentence s: its article, the articles whose sentences
** state the same fact, and copies of those that carry s word for word. */
static int support_of(const td_synth_model *m, size_t s, td_synth_item *it) {
  const td_synth_sent *S = &m->sents[s];
  it->sent = s;
  if (push_doc(it, S->doc)) return -1;
  for (uint32_t k = 0; k < S->nlinks && S->links[k].sim >= TD_SYNTH_SAME_FACT; k++)
    if (push_doc(it, m->sents[S->links[k].other].doc)) return -1;
  const char *text = m->docs[S->doc].text + S->start;
  size_t tl = S->end - S->start;
  for (size_t c = 0; c < m->ndocs; c++) {
    const td_synth_doc *cd = &m->docs[c];
    if (m->aligned[c] || !cd->copy_of || !cd->text) continue;
    for (size_t i = 0; i < it->ndocs; i++) {
      if (m->docs[it->docs[i]].id != cd->copy_of) continue;
      if (memmem(cd->text, cd->len, text, tl) && push_doc(it, (uint32_t)c)) return -1;
      break;
    }
  }
  /* Independent outlets among them. */
  uint32_t gen = ++((td_synth_model *)m)->gen;
  if (!gen) {
    memset(m->stamp, 0, m->ngroups * sizeof *m->stamp);
    gen = ++((td_synth_model *)m)->gen;
  }
  it->sources = 0;
  for (size_t i = 0; i < it->ndocs; i++) {
    uint32_t g = m->group[it->docs[i]];
    if (m->stamp[g] != gen) {
      m->stamp[g] = gen;
      it->sources++;
    }
  }
  return 0;
}

static void items_free(td_synth_item *it, size_t n) {
  for (size_t i = 0; i < n; i++) td_free(it[i].docs);
  td_free(it);
}

void td_synth_report_free(td_synth_report *r) {
  if (!r) return;
  items_free(r->summary, r->nsummary);
  items_free(r->consensus, r->nconsensus);
  items_free(r->unique, r->nunique);
  td_synth_conflicts_release(&r->conflicts);
  td_free(r->timeline);
  td_synth_model_free(r->m);
  td_free(r);
}

typedef struct cand {
  size_t s;
  size_t groups;
  float w;
} cand;

static int cmp_cons(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->groups != b->groups) return a->groups < b->groups ? 1 : -1;
  if (a->w != b->w) return a->w < b->w ? 1 : -1;
  return (a->s > b->s) - (a->s < b->s);
}

static int cmp_sent(const void *x, const void *y) {
  const cand *a = x, *b = y;
  return (a->s > b->s) - (a->s < b->s);
}

static int build_consensus(td_synth_report *r, int max) {
  const td_synth_model *m = r->m;
  cand *c = td_malloc((m->nsents ? m->nsents : 1) * sizeof *c);
  if (!c) return -1;
  size_t nc = 0;
  for (size_t s = 0; s < m->nsents; s++) {
    if (!td_synth_showable(m, s)) continue;
    float w = 0;
    size_t g = td_synth_support(m, s, TD_SYNTH_SAME_FACT, &w);
    if (g) c[nc++] = (cand){s, g, w};
  }
  qsort(c, nc, sizeof *c, cmp_cons);
  r->consensus = td_calloc(nc ? nc : 1, sizeof *r->consensus);
  if (!r->consensus) {
    td_free(c);
    return -1;
  }
  for (size_t i = 0; i < nc && (int)r->nconsensus < max; i++) {
    int redundant = 0;
    for (size_t k = 0; k < r->nconsensus && !redundant; k++)
      if (td_synth_cosine(m, c[i].s, r->consensus[k].sent) >= TD_SYNTH_SAME_FACT) redundant = 1;
    if (redundant) continue;
    td_synth_item *it = &r->consensus[r->nconsensus++];
    it->score = c[i].w;
    if (support_of(m, c[i].s, it)) {
      td_free(c);
      return -1;
    }
  }
  td_free(c);
  return 0;
}

static int cmp_norm(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->w != b->w) return a->w < b->w ? 1 : -1;
  return (a->s > b->s) - (a->s < b->s);
}

static int build_unique(td_synth_report *r, int max) {
  const td_synth_model *m = r->m;
  if (m->ngroups < 2) return 0; /* one voice: nothing to set it against */
  r->unique = td_calloc(m->nsents ? m->nsents : 1, sizeof *r->unique);
  cand *c = td_malloc((m->nsents ? m->nsents : 1) * sizeof *c);
  if (!r->unique || !c) {
    td_free(c);
    return -1;
  }
  for (size_t d = 0; d < m->ndocs; d++) {
    size_t nc = 0;
    for (size_t s = m->first[d]; s < m->first[d + 1]; s++) {
      if (!td_synth_showable(m, s)) continue;
      if (td_synth_support(m, s, UNIQUE_MAX_LINK, NULL)) continue;
      /* Already shown for another article of the same outlet? */
      int dup = 0;
      for (size_t k = 0; k < r->nunique && !dup; k++) {
        size_t o = r->unique[k].sent;
        if (m->group[m->sents[o].doc] == m->group[d] &&
            td_synth_cosine(m, s, o) >= TD_SYNTH_SAME_FACT)
          dup = 1;
      }
      if (!dup) c[nc++] = (cand){s, 0, m->sents[s].norm};
    }
    if (max >= 0 && nc > (size_t)max) {
      qsort(c, nc, sizeof *c, cmp_norm);
      nc = (size_t)max;
    }
    qsort(c, nc, sizeof *c, cmp_sent);
    for (size_t i = 0; i < nc; i++) {
      td_synth_item *it = &r->unique[r->nunique++];
      it->sent = c[i].s;
      it->score = c[i].w;
      it->sources = 1;
      if (push_doc(it, (uint32_t)d)) {
        td_free(c);
        return -1;
      }
    }
  }
  td_free(c);
  return 0;
}

static int build_summary(td_synth_report *r, const td_synth_opts *o) {
  size_t *sel = NULL, n = 0;
  float *sc = NULL;
  int rc = td_synth_summarize(r->m, o->method, &o->length, &sel, &n, &sc);
  if (rc) return -1;
  r->summary = td_calloc(n ? n : 1, sizeof *r->summary);
  if (!r->summary) {
    td_free(sel);
    td_free(sc);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    td_synth_item *it = &r->summary[r->nsummary++];
    it->score = sc[i];
    if (support_of(r->m, sel[i], it)) {
      rc = -1;
      break;
    }
  }
  td_free(sel);
  td_free(sc);
  return rc;
}

int td_synth_report_new(const td_synth_doc *docs, size_t n, const td_synth_opts *opts,
                        td_synth_report **out) {
  *out = NULL;
  td_synth_opts o;
  memset(&o, 0, sizeof o);
  if (opts) o = *opts;
  if (o.max_consensus <= 0) o.max_consensus = 20;
  if (o.max_unique == 0) o.max_unique = 8;
  td_synth_report *r = td_calloc(1, sizeof *r);
  if (!r) return TD_ENOMEM;
  if (td_synth_model_new(docs, n, &r->m) || build_summary(r, &o) ||
      build_consensus(r, o.max_consensus) || build_unique(r, o.max_unique) ||
      td_synth_conflicts_find(r->m, &r->conflicts) ||
      td_synth_timeline_build(r->m, &r->timeline, &r->ntimeline)) {
    td_synth_report_free(r);
    return TD_ENOMEM;
  }
  *out = r;
  return TD_OK;
}

/* ------------------------------------------------------------------ JSON */

static json_t *article_ref(const td_synth_model *m, uint32_t d, int by_url) {
  const td_synth_doc *doc = &m->docs[d];
  if (by_url && doc->url) return json_string(doc->url);
  return json_integer(doc->id);
}

/* Length of an agency opening t[0..n) without a place: "(Meridian Wire) ",
** "(MW) - ", "(MW)The": a parenthesis of one to four capitalised words,
** maybe a dash, then the sentence. 0 when there is none. */
static size_t agency_opening(const char *t, size_t n) {
  if (n < 4 || t[0] != '(') return 0;
  size_t i = 1, words = 0;
  while (i < n && i < 40 && t[i] != ')') {
    if (t[i] == ' ') {
      i++;
      continue;
    }
    if (!(t[i] >= 'A' && t[i] <= 'Z')) return 0; /* each word capitalised */
    words++;
    while (i < n && t[i] != ' ' && t[i] != ')') i++;
  }
  if (i >= n || t[i] != ')' || words < 1 || words > 4) return 0;
  i++;
  while (i < n && t[i] == ' ') i++;
  if (i < n && t[i] == '-') i++;
  else if (i + 2 < n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
           ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94))
    i += 3;
  while (i < n && t[i] == ' ') i++;
  if (i >= n || !((t[i] >= 'A' && t[i] <= 'Z') || t[i] == '"' || (unsigned char)t[i] == 0xE2))
    return 0;
  return i;
}

/* Length of a dateline opening t[0..n): "PORT ILMEN — ", "LESK, Valdoria —
** ", "PORT ILMEN, Valdoria (Meridian Wire) — ": a place in capitals, maybe a
** country and the agency, then a dash; or the agency alone (agency_opening).
** 0 when there is none. Out of its article the dateline is noise in the
** middle of a summary. */
static size_t dateline(const char *t, size_t n) {
  size_t a = agency_opening(t, n);
  if (a) return a;
  size_t i = 0, caps = 0;
  while (i < n && ((t[i] >= 'A' && t[i] <= 'Z') || t[i] == ' ' || t[i] == '.' || t[i] == '\'')) {
    if (t[i] >= 'A' && t[i] <= 'Z') caps++;
    i++;
  }
  if (caps < 3 || (i < n && t[i] >= 'a' && t[i] <= 'z')) return 0;
  /* ", Country" and "(Agency)", within a short reach. */
  size_t lim = i + 60 < n ? i + 60 : n;
  while (i < lim && t[i] != '\xe2' && t[i] != '-' && t[i] != '.' && t[i] != '"') i++;
  if (i + 1 >= n) return 0;
  size_t dash = 0;
  if (t[i] == '-' && i > 0 && t[i - 1] == ' ') dash = 1;
  else if (i + 2 < n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
           ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94))
    dash = 3; /* en or em dash */
  if (!dash) return 0;
  i += dash;
  while (i < n && t[i] == ' ') i++;
  /* What follows must be a sentence of its own. */
  if (i >= n || !((t[i] >= 'A' && t[i] <= 'Z') || t[i] == '"' || (unsigned char)t[i] == 0xE2))
    return 0;
  return i;
}

static json_t *sentence_text(const td_synth_model *m, size_t s) {
  const td_synth_sent *S = &m->sents[s];
  const char *t = m->docs[S->doc].text + S->start;
  size_t n = S->end - S->start, skip = dateline(t, n);
  return json_stringn(t + skip, n - skip);
}

static json_t *items_json(const td_synth_report *r, const td_synth_item *it, size_t n, int by_url) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < n; i++) {
    json_t *sup = json_array();
    for (size_t k = 0; sup && k < it[i].ndocs; k++)
      if (json_array_append_new(sup, article_ref(r->m, it[i].docs[k], by_url))) {
        json_decref(sup);
        sup = NULL;
      }
    json_t *o = sup ? json_pack("{s:o, s:o, s:I}", "text", sentence_text(r->m, it[i].sent),
                                "support", sup, "sources", (json_int_t)it[i].sources)
                    : NULL;
    if (!o || json_array_append_new(a, o)) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

/* "timeline":[{"date","article","text","kind"[,"sources"]}]: an article's
** text is its headline (else its URL), an event's the sentence dating it. */
static json_t *timeline_json(const td_synth_report *r, int by_url) {
  const td_synth_model *m = r->m;
  json_t *a = json_array();
  for (size_t i = 0; a && i < r->ntimeline; i++) {
    const td_synth_when *w = &r->timeline[i];
    const td_synth_doc *d = &m->docs[w->doc];
    json_t *text;
    if (w->kind == TD_TIMELINE_EVENT) text = sentence_text(m, w->sent);
    else if (d->title && *d->title) text = json_string(d->title);
    else text = d->url ? json_string(d->url) : json_null();
    json_t *o = json_pack("{s:o, s:o, s:o, s:s}", "date",
                          w->date[0] ? json_string(w->date) : json_null(), "article",
                          article_ref(m, w->doc, by_url), "text", text, "kind",
                          w->kind == TD_TIMELINE_EVENT ? "event" : "article");
    if (o && w->kind == TD_TIMELINE_EVENT &&
        json_object_set_new(o, "sources", json_integer((json_int_t)w->sources))) {
      json_decref(o);
      o = NULL;
    }
    if (!o || json_array_append_new(a, o)) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

int td_synth_report_json(const td_synth_report *r, int by_url, json_t *obj) {
  const td_synth_model *m = r->m;
  json_t *summary = items_json(r, r->summary, r->nsummary, by_url);
  json_t *consensus = items_json(r, r->consensus, r->nconsensus, by_url);
  json_t *unique = json_array(), *conflicts = json_array();
  int oom = !summary || !consensus || !unique || !conflicts;
  for (size_t i = 0; !oom && i < r->nunique; i++) {
    json_t *o = json_pack("{s:o, s:o}", "article", article_ref(m, r->unique[i].docs[0], by_url),
                          "text", sentence_text(m, r->unique[i].sent));
    if (!o || json_array_append_new(unique, o)) oom = 1;
  }
  for (size_t i = 0; !oom && i < r->conflicts.n; i++) {
    const td_synth_conflict *c = &r->conflicts.c[i];
    json_t *vals = json_array();
    for (size_t v = 0; vals && v < c->nvalues; v++) {
      json_t *arts = json_array();
      for (size_t k = 0; arts && k < c->values[v].ndocs; k++)
        if (json_array_append_new(arts, article_ref(m, c->values[v].docs[k], by_url))) {
          json_decref(arts);
          arts = NULL;
        }
      json_t *o = arts ? json_pack("{s:s, s:o}", "value", c->values[v].text, "articles", arts)
                       : NULL;
      if (!o || json_array_append_new(vals, o)) {
        json_decref(vals);
        vals = NULL;
      }
    }
    json_t *o = vals ? json_pack("{s:s, s:s, s:o}", "what", c->what, "kind",
                                 td_synth_conflict_kind_name(c->kind), "values", vals)
                     : NULL;
    if (!o || json_array_append_new(conflicts, o)) oom = 1;
  }
  json_t *timeline = oom ? NULL : timeline_json(r, by_url);
  if (oom || !timeline) {
    json_decref(summary);
    json_decref(consensus);
    json_decref(unique);
    json_decref(conflicts);
    return TD_ENOMEM;
  }
  /* json_object_set_new takes the value even when it fails. */
  int bad = json_object_set_new(obj, "summary", summary);
  bad |= json_object_set_new(obj, "consensus", consensus);
  bad |= json_object_set_new(obj, "unique", unique);
  bad |= json_object_set_new(obj, "conflicts", conflicts);
  bad |= json_object_set_new(obj, "timeline", timeline);
  return bad ? TD_ENOMEM : TD_OK;
}
