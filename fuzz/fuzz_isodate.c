/* libFuzzer target: publication-date parsing on arbitrary bytes. */
#include "util/isodate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char out[21];
  if (td_isodate_parse((const char *)data, size, out) == 0) {
    /* Whatever parses must come out in the normalised form, and read back. */
    size_t n = strlen(out);
    if (n != 10 && n != 20) abort();
    int64_t d;
    if (td_isodate_days(out, &d) != 0) abort();
    char again[21];
    if (td_isodate_parse(out, n, again) != 0 || strcmp(out, again) != 0) abort();
  }
  return 0;
}
