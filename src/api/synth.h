/*
** synth.h — the synthesise stage as the story document calls it
** (api/synth.c, called from api/stories.c).
*/
#ifndef TD_API_SYNTH_H
#define TD_API_SYNTH_H

#include "api/api.h"

/* Add "summary", "consensus", "unique", "conflicts" and "timeline" to a story document
** (a json_t object with "articles":[{"id","copy_of",...}], as td_story_json
** builds it), reading the articles' texts from the store. Articles are named
** by id. TD_OK, or a status with the message on the handle. */
int td_synth_story_add(td *db, struct json_t *story);

#endif
