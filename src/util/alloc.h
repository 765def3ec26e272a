/*
** alloc.h — the one allocation wrapper every module uses.
**
** All library allocations go through td_malloc/td_realloc/td_free so that a
** test can make the Nth allocation fail (td_alloc_fail_after) and check that
** nothing leaks or crashes, as SQLite's and curl's torture tests do.
** Allocations inside SQLite, libxml2 and jansson use their own allocators.
*/
#ifndef TD_ALLOC_H
#define TD_ALLOC_H

#include <stddef.h>

void *td_malloc(size_t n);            /* NULL on failure (or injected failure) */
void *td_calloc(size_t n, size_t size);
void *td_realloc(void *p, size_t n);  /* p kept intact on failure */
/* td_free(void *) is public (tidings.h). */
char *td_strdup(const char *s);       /* NULL in → NULL out */
char *td_strndup(const char *s, size_t n);

/* Test hook: after `n` more successful allocations, every allocation fails
** (n < 0 turns injection off). Returns the number of allocations made since
** the last call, so a test can learn how many a call needs. */
long td_alloc_fail_after(long n);

#endif
