/*
** timeline.c — the story in time order: its articles by publication date
** and the dated events their text reports (synthesise stage; see synth.h).
**
** Events come from the extract stage's date finder (extract/date.h, through
** td_synth_dates, which also moves a weekday said in the future tense to
** the coming week), which resolves "on Tuesday" or "last week" against the
** article's own publication date, so two outlets that date one event differently in words
** still put it on one day. Only day and month precision make an event: a
** bare year ("in 2015") is background, and a week is too vague to order.
** The event's text is the sentence that holds the date; when another outlet
** dates the same fact to the same day (its sentence states the same fact,
** cosine >= TD_SYNTH_SAME_FACT) it is one event with one more source, not a
** second line. A dense story keeps its TIMELINE_MAX_EVENTS best-supported
** events so that the timeline stays a page, not a dump.
*/
#include "extract/date.h"
#include "synth/synth.h"
#include "tidings.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIMELINE_MAX_EVENTS 40

/* An event being gathered: the independent outlets that date it. */
typedef struct tl_event {
  td_synth_when w;
  uint32_t *groups;
  size_t ngroups;
} tl_event;

typedef struct tl_vec {
  tl_event *v;
  size_t n, alloc;
} tl_vec;

static td_synth_when *tl_push(tl_vec *t) {
  if (t->n == t->alloc) {
    size_t na = t->alloc ? t->alloc * 2 : 32;
    tl_event *nv = td_realloc(t->v, na * sizeof *nv);
    if (!nv) return NULL;
    t->v = nv;
    t->alloc = na;
  }
  tl_event *e = &t->v[t->n++];
  memset(e, 0, sizeof *e);
  return &e->w;
}

static void tl_release(tl_vec *t) {
  for (size_t i = 0; i < t->n; i++) td_free(t->v[i].groups);
  td_free(t->v);
}

/* Count group g among the event's outlets once. */
static int add_group(tl_event *e, uint32_t g) {
  for (size_t i = 0; i < e->ngroups; i++)
    if (e->groups[i] == g) return 0;
  uint32_t *ng = td_realloc(e->groups, (e->ngroups + 1) * sizeof *ng);
  if (!ng) return -1;
  e->groups = ng;
  e->groups[e->ngroups++] = g;
  e->w.sources = e->ngroups;
  return 0;
}

/* The model sentence of doc d that holds byte `start`, or -1. */
static long sentence_at(const td_synth_model *m, size_t d, size_t start) {
  size_t lo = m->first[d], hi = m->first[d + 1];
  while (lo < hi) { /* the last sentence starting at or before `start` */
    size_t mid = lo + (hi - lo) / 2;
    if (m->sents[mid].start <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo == m->first[d]) return -1;
  size_t s = lo - 1;
  return start < m->sents[s].end ? (long)s : -1;
}

static int same_event(const td_synth_model *m, const td_synth_when *e, const char *date,
                      size_t s) {
  if (strcmp(e->date, date)) return 0;
  if (e->sent == s) return 1;
  return td_synth_cosine(m, e->sent, s) >= TD_SYNTH_SAME_FACT;
}

static int cmp_support(const void *x, const void *y) {
  const td_synth_when *a = &((const tl_event *)x)->w, *b = &((const tl_event *)y)->w;
  if (a->sources != b->sources) return a->sources < b->sources ? 1 : -1;
  int d = strcmp(a->date, b->date);
  if (d) return d;
  return (a->sent > b->sent) - (a->sent < b->sent);
}

/* Time order; undated last; on one day the events before the articles that
** report them; then document and sentence order. A month ("2024-03") sorts
** before the days of that month. */
static int cmp_time(const void *x, const void *y) {
  const td_synth_when *a = x, *b = y;
  if (!a->date[0] != !b->date[0]) return a->date[0] ? -1 : 1;
  int d = strcmp(a->date, b->date);
  if (d) return d;
  if (a->kind != b->kind) return a->kind == TD_TIMELINE_EVENT ? -1 : 1;
  if (a->doc != b->doc) return a->doc < b->doc ? -1 : 1;
  return (a->sent > b->sent) - (a->sent < b->sent);
}

/* Add the dated events of doc d to ev (merging with what is there). */
static int doc_events(const td_synth_model *m, size_t d, tl_vec *ev) {
  const td_synth_doc *doc = &m->docs[d];
  td_date *dates = NULL;
  size_t nd = 0;
  if (td_synth_dates(doc, &dates, &nd)) return -1;
  int rc = 0;
  for (size_t i = 0; i < nd && !rc; i++) {
    const td_date *x = &dates[i];
    char date[16];
    if (x->year < 1 || x->year > 9999 || x->month < 1 || x->month > 12) continue;
    if (x->prec == TD_DATE_DAY && x->day >= 1 && x->day <= 31)
      snprintf(date, sizeof date, "%04u-%02u-%02u", (unsigned)x->year, (unsigned)x->month,
               (unsigned)x->day);
    else if (x->prec == TD_DATE_MONTH)
      snprintf(date, sizeof date, "%04u-%02u", (unsigned)x->year, (unsigned)x->month);
    else continue;
    long s = sentence_at(m, d, x->start);
    if (s < 0 || !td_synth_showable(m, (size_t)s)) continue;
    size_t k;
    for (k = 0; k < ev->n; k++)
      if (same_event(m, &ev->v[k].w, date, (size_t)s)) break;
    if (k == ev->n) {
      td_synth_when *w = tl_push(ev);
      if (!w) {
        rc = -1;
        break;
      }
      memcpy(w->date, date, sizeof w->date); /* at most 10 bytes + NUL */
      w->kind = TD_TIMELINE_EVENT;
      w->doc = (uint32_t)d;
      w->sent = (size_t)s;
    }
    if (add_group(&ev->v[k], m->group[d])) rc = -1;
  }
  td_free(dates);
  return rc;
}

int td_synth_timeline_build(const td_synth_model *m, td_synth_when **out, size_t *n) {
  *out = NULL;
  *n = 0;
  tl_vec ev = {0};
  int rc = 0;
  for (size_t d = 0; d < m->ndocs && !rc; d++)
    if (m->aligned[d] && m->docs[d].text) rc = doc_events(m, d, &ev);
  td_synth_when *tl = NULL;
  size_t nev = ev.n, ntl = 0;
  if (!rc) {
    if (nev > TIMELINE_MAX_EVENTS) {
      qsort(ev.v, nev, sizeof *ev.v, cmp_support);
      nev = TIMELINE_MAX_EVENTS;
    }
    tl = td_malloc((nev + m->ndocs + 1) * sizeof *tl);
    if (!tl) rc = -1;
  }
  for (size_t i = 0; !rc && i < nev; i++) tl[ntl++] = ev.v[i].w;
  for (size_t d = 0; !rc && d < m->ndocs; d++) {
    td_synth_when *w = &tl[ntl++];
    memset(w, 0, sizeof *w);
    const char *date = m->docs[d].date;
    if (date && strlen(date) >= 10) memcpy(w->date, date, 10);
    w->kind = TD_TIMELINE_ARTICLE;
    w->doc = (uint32_t)d;
    w->sent = (size_t)-1;
    w->sources = 1;
  }
  tl_release(&ev);
  if (rc) {
    td_free(tl);
    return TD_ENOMEM;
  }
  qsort(tl, ntl, sizeof *tl, cmp_time);
  *out = tl;
  *n = ntl;
  return TD_OK;
}
