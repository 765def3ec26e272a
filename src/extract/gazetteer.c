/*
** gazetteer.c — lookup in the generated gazetteer table (see gazetteer.h).
**
** The table is sorted by byte order of the folded names; a lookup folds the
** query the same way on the fly (ASCII lower case, white space runs as one
** space) and bisects, so it needs no allocation and no terminator.
*/
#include "extract/gazetteer.h"

#include <string.h>

/* Compare the table name t with the query s[0..n) folded. */
static int cmp_folded(const char *t, const char *s, size_t n) {
  size_t i = 0;
  const unsigned char *tp = (const unsigned char *)t;
  while (i < n) {
    if (!*tp) return -1; /* the name ended first (also when s holds a NUL) */
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
      c = ' ';
    } else {
      if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
      i++;
    }
    if (*tp != c) return (int)*tp - (int)c;
    tp++;
  }
  return *tp ? 1 : 0;
}

const td_gaz_entry *td_gaz_lookup(const char *s, size_t n, int kind) {
  if (!s || n == 0 || n > 64) return NULL;
  size_t lo = 0, hi = td_gaz_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp_folded(td_gaz_table[mid].name, s, n);
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  /* lo is the first entry not below the query: equal names follow in kind order. */
  for (size_t i = lo; i < td_gaz_count && cmp_folded(td_gaz_table[i].name, s, n) == 0; i++)
    if (!kind || td_gaz_table[i].kind == kind) return &td_gaz_table[i];
  return NULL;
}
