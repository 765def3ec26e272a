/*
** stories.h — the place stage as the pipeline driver calls it (api/stories.c).
*/
#ifndef TD_API_STORIES_H
#define TD_API_STORIES_H

#include "api/api.h"

/* Place a just-stored article (a->id set): copy, story, thread, explanation,
** written through the store's place functions inside the caller's
** transaction. TD_OK or a store status (message on the store). */
int td_place_stored(td *db, const td_article *a);

/* Every story (story = 0) or one, as a new jansson array of the story
** objects td_stories_json lists (a story with no members is left out).
** The caller owns *out (json_decref). TD_OK or a status with the message set. */
struct json_t;
int td_story_objects(td *db, int64_t story, struct json_t **out);

/* The story's title as td_story_objects gives it (its first headline that
** is not a time stamp, else its first article's lead), read without
** building the story: *title is NULL when it has none (td_free). TD_OK or
** a status with the message set. */
int td_story_title(td *db, int64_t story, char **title);

/* The story id a user gave, resolved: the id of a story of one article
** that has gone into another (place.h, merge_singletons) becomes the story
** it went into; any other id is left as it is (found or not). TD_OK, or a
** store status with the message set. */
int td_story_resolve(td *db, int64_t *story);

#endif
