/*
** stories_page.c — the story list a page at a time (td_stories_page_json,
** issue 7), for the web page and GET /api/stories.
**
** td_stories_json (api/stories.c) reads every story with every article, in
** id order: right for a tool that wants the lot, far too much for a reader
** who looks at the newest twenty. Here the store picks the page's story ids
** in reading order (the vtab's story_page: newest latest article first),
** and each story is read alone through the place backend's members(), so a
** page costs the same however large the store is. Each story object is built
** as api/stories.c builds it (same fields, same order, same `sources` rule);
** tests/unit/test_stories_page.c holds the two to the same output.
*/
#include "api/api.h"
#include "api/stories.h"
#include "place/place.h"
#include "util/alloc.h"

#include <jansson.h>

#define PAGE_DEFAULT 100
#define PAGE_MAX 1000

/* Story `id` as td_stories_json shows it, in *out (a new reference); NULL
** (and TD_OK) for a story with no members, which the list leaves out too.
** Built by api/stories.c's own builder, so the page and the list agree. */
static int story_object(td *db, int64_t id, json_t **out) {
  *out = NULL;
  json_t *arr;
  int rc = td_story_objects(db, id, &arr);
  if (rc) return rc;
  if (json_array_size(arr)) *out = json_incref(json_array_get(arr, 0));
  json_decref(arr);
  return TD_OK;
}

int td_stories_page_json(td *db, long long offset, long long limit, char **json_out) {
  *json_out = NULL;
  td_clear_error(db);
  if (offset < 0 || limit < 0)
    return td_fail(db, TD_EUSAGE, "offset and limit are whole numbers, not negative");
  if (limit == 0) limit = PAGE_DEFAULT;
  if (limit > PAGE_MAX) limit = PAGE_MAX;
  const td_place_backend *be = db->vt->place;
  if (!db->vt->story_page || !be || !be->members)
    return td_fail(db, TD_EINTERNAL, "this store keeps no stories");
  int64_t *ids = td_malloc((size_t)limit * sizeof *ids);
  if (!ids) return td_fail(db, TD_ENOMEM, "out of memory");
  size_t n = 0;
  long long total = 0;
  int rc = db->vt->story_page(db->st, offset, limit, ids, &n, &total);
  if (rc) {
    td_free(ids);
    return td_fail_store(db, rc);
  }
  json_t *page = json_array();
  if (!page) rc = td_fail(db, TD_ENOMEM, "out of memory");
  for (size_t i = 0; !rc && i < n; i++) {
    json_t *o;
    if ((rc = story_object(db, ids[i], &o))) break;
    if (o && json_array_append_new(page, o)) rc = td_fail(db, TD_ENOMEM, "out of memory");
  }
  td_free(ids);
  if (rc) {
    json_decref(page);
    return rc;
  }
  return td_emit_json(db,
                      json_pack("{s:o, s:I, s:I, s:I}", "stories", page, "total",
                                (json_int_t)total, "offset", (json_int_t)offset, "limit",
                                (json_int_t)limit),
                      json_out);
}
