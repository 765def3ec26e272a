/*
** synth.h — the synthesise stage's one entry point: from the articles of a
** story to what the coverage adds up to (report.c).
**
** td_synth_report_new aligns the articles' sentences (align.h), then builds
** the four parts of the story page: the summary (summary.h), the consensus
** (facts two or more independent outlets report, strongest support first),
** what only one outlet reports (per article), and the conflicts
** (conflicts.h). td_synth_report_json writes those parts into a JSON object,
** naming articles by store id (the story document) or by URL (`tidings
** summarize`, where nothing is stored).
*/
#ifndef TD_SYNTH_H
#define TD_SYNTH_H

#include "synth/align.h"
#include "synth/conflicts.h"
#include "synth/summary.h"

typedef struct td_synth_opts {
  td_synth_length length;  /* summary length (default 5 sentences)           */
  td_synth_method method;  /* TD_SUMMARY_SUPPORT unless evaluating baselines */
  int max_consensus;       /* 0 = 20                                         */
  int max_unique;          /* per article; 0 = 8, negative = all             */
} td_synth_opts;

typedef struct td_synth_item {
  size_t sent;     /* model sentence                                   */
  uint32_t *docs;  /* supporting docs, ascending (owned); for unique: the one doc */
  size_t ndocs;
  size_t sources;  /* independent outlets among docs                   */
  float score;
} td_synth_item;

/* One line of the timeline: an article by its publication date, or an event
** its text dates (timeline.c). */
typedef enum td_synth_when_kind { TD_TIMELINE_ARTICLE = 1, TD_TIMELINE_EVENT } td_synth_when_kind;

typedef struct td_synth_when {
  char date[11];           /* "YYYY-MM-DD", "YYYY-MM" (an event dated to a month), "" undated */
  td_synth_when_kind kind;
  uint32_t doc;            /* the article; for an event the first that dates it */
  size_t sent;             /* event: the model sentence that dates it; article: (size_t)-1 */
  size_t sources;          /* event: independent outlets that date it; article: 1 */
} td_synth_when;

typedef struct td_synth_report {
  td_synth_model *m;
  td_synth_item *summary, *consensus, *unique;
  size_t nsummary, nconsensus, nunique;
  td_synth_conflicts conflicts;
  td_synth_when *timeline; /* time order, undated articles last */
  size_t ntimeline;
} td_synth_report;

/* Build the report of docs[0..n) (borrowed until td_synth_report_free).
** TD_OK or TD_ENOMEM (*out NULL). */
int td_synth_report_new(const td_synth_doc *docs, size_t n, const td_synth_opts *opts,
                        td_synth_report **out);
void td_synth_report_free(td_synth_report *r); /* accepts NULL */

/* The timeline of the model's story: every article at its publication date
** and the events dated in their text (day or month), in time order. *out
** (td_free) gets *n lines. TD_OK or TD_ENOMEM. */
int td_synth_timeline_build(const td_synth_model *m, td_synth_when **out, size_t *n);

/* Set "summary", "consensus", "unique", "conflicts" and "timeline" on the JSON object
** `obj` (a json_t *): articles by id (`by_url` 0) or by URL. TD_OK or
** TD_ENOMEM. */
struct json_t;
int td_synth_report_json(const td_synth_report *r, int by_url, struct json_t *obj);

#endif
