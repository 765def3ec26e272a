/*
** synth_text.h — the story report in words for a terminal, shared by
** `tidings story ID` and `tidings summarize PATH...` (cli/synth_text.c).
*/
#ifndef TD_CLI_SYNTH_TEXT_H
#define TD_CLI_SYNTH_TEXT_H

#include <jansson.h>
#include <stdio.h>

/* Print the synthesis parts of a story document (DESIGN.md's `story --json`
** or `summarize --json` shape) to f: summary with [outlet] markers, what the
** outlets agree on with their supporters, what only one outlet says, the
** conflicts side by side, and the timeline. Articles are referred to by id
** in a story and by URL in a summarize document; both are resolved against
** doc["articles"]. */
void synth_text_print(FILE *f, json_t *doc);

/* Print the story's heading: headline, dates, outlets and the count of
** independent sources. */
void synth_text_heading(FILE *f, json_t *doc);

#endif
