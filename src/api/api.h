/*
** api.h — the library handle shared by the public API files under api/.
**
** struct td ties a store backend to the stages. Public entry points live in
** api/: api.c (open, close, errors), ingest.c (the pipeline driver),
** articles.c (article and stats documents). Each area of the public API adds
** its own file here.
*/
#ifndef TD_API_H
#define TD_API_H

#include "store/store.h"
#include "tidings.h"

struct td {
  const td_store_vtab *vt;
  td_store *st;
  char *msg; /* last error message, owned */
  /* Whole-store quote and name lists are built exactly up to this many
  ** stored rows (0: the default, < 0: never); tests set it. */
  long long list_merge_max;
};

/* Set the handle's message (printf-style) and return `status`. */
int td_fail(td *db, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Copy the store's message onto the handle and return `status`. */
int td_fail_store(td *db, int status);
void td_clear_error(td *db);

/* Hand a jansson value out as a JSON string in *out (consumes `v`). */
struct json_t;
int td_emit_json(td *db, struct json_t *v, char **out);

#endif
