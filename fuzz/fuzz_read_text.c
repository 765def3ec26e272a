/* libFuzzer target: the plain-text reader on arbitrary bytes. */
#include "read/read.h"

#include <stdint.h>
#include <string.h>

static int on_article(void *ctx, td_article *a) {
  (void)ctx;
  /* What the reader hands on must be strings within the input's size. */
  if (a->title) (void)strlen(a->title);
  if (a->text) (void)strlen(a->text);
  return TD_OK;
}
static void on_diag(void *ctx, const char *o, long l, long long off, const char *m, int r) {
  (void)ctx; (void)o; (void)l; (void)off; (void)m; (void)r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  td_sink s = {on_article, on_diag, NULL, 0};
  td_read_text((const char *)data, size, "fuzz.txt", &s);
  return 0;
}
