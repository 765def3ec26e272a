/* libFuzzer target: the WARC reader (plain or gzip) on arbitrary bytes, each
** record's page then cleaned as ingest would. */
#include "clean/clean.h"
#include "read/read.h"

#include <stdint.h>
#include <string.h>

static int on_article(void *ctx, td_article *a) {
  (void)ctx;
  if (a->url) (void)strlen(a->url);
  const char *why;
  td_clean_article(a, &why);
  return TD_OK;
}
static void on_diag(void *ctx, const char *o, long l, long long off, const char *m, int r) {
  (void)ctx; (void)o; (void)l; (void)off; (void)m; (void)r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  td_sink s = {on_article, on_diag, NULL, 0};
  td_read_warc((const char *)data, size, "fuzz.warc", &s);
  return 0;
}
