/* libFuzzer target: plain-text cleaning (tidying, sentence splitting and the
** boilerplate lexicon) and the date scanners on arbitrary bytes. */
#include "clean/clean.h"
#include "clean/clean_int.h"
#include "util/alloc.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  td_article a;
  td_article_init(&a);
  a.text = td_strndup((const char *)data, size); /* stops at a NUL, as C strings do */
  if (!a.text) return 0;
  const char *why;
  if (td_clean_article(&a, &why) == 0 && a.text) (void)strlen(a.text);
  char d[21];
  td_clean_date_from_text((const char *)data, size, d);
  td_clean_parse_date((const char *)data, size, d);
  td_article_release(&a);
  return 0;
}
